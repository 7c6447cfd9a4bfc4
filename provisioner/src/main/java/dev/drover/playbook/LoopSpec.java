package dev.drover.playbook;

import dev.drover.UserError;
import dev.drover.yaml.YamlMap;
import java.util.Map;

/** A task's loop: {@code loop:} or one {@code with_<lookup>:}, and its {@code loop_control}. */
record LoopSpec(Object items, String kind, LoopControl control) {

    static LoopSpec of(YamlMap task) {
        String key = null;
        for (String k : task.keySet()) {
            if (k.equals("loop") || TaskKeywords.isWithLoop(k)) {
                if (key != null) {
                    throw new UserError("a task can have only one loop, found " + key + " and " + k, task.locationOf(k), null);
                }
                key = k;
            }
        }
        LoopControl control = control(task);
        if (key == null) {
            return new LoopSpec(null, null, control);
        }
        String kind = key.equals("loop") ? "loop" : key.substring("with_".length());
        return new LoopSpec(task.get(key), kind, control);
    }

    private static LoopControl control(YamlMap task) {
        Object value = task.get("loop_control");
        if (value == null) {
            return LoopControl.DEFAULT;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UserError("loop_control must be a mapping", task.locationOf("loop_control"), null);
        }
        for (Object k : map.keySet()) {
            if (!java.util.Set.of("loop_var", "index_var", "label", "pause", "extended", "extended_allitems").contains(String.valueOf(k))) {
                throw new UserError("unknown loop_control option '" + k + "'", task.locationOf("loop_control"),
                        "loop_control takes loop_var, index_var, label, pause and extended");
            }
        }
        Object loopVar = map.get("loop_var");
        Object indexVar = map.get("index_var");
        Object pause = map.get("pause");
        return new LoopControl(loopVar == null ? "item" : String.valueOf(loopVar),
                indexVar == null ? null : String.valueOf(indexVar), map.get("label"),
                pause == null ? 0 : Double.parseDouble(String.valueOf(pause)),
                Boolean.TRUE.equals(map.get("extended")));
    }
}
