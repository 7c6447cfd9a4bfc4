package dev.drover.exec;

import dev.drover.UserError;
import dev.drover.playbook.Task;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a task's {@code loop:} or {@code with_*:} into the list of items it runs over. */
final class LoopItems {

    private LoopItems() {
    }

    static List<Object> resolve(Task task, Templar templar, TemplateScope scope) {
        Object raw = task.loop();
        Object value = raw instanceof String text ? templar.render(text, scope) : templar.render(raw, scope);
        switch (task.loopKind()) {
            case "loop":
                if (!(value instanceof List<?> list)) {
                    throw new UserError("Invalid data passed to 'loop', it requires a list, got this instead: " + value
                            + ". Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup"
                            + " invocation or use q/query instead of lookup.", task.location());
                }
                return new ArrayList<>(list);
            case "items":
                return flattenOnce(value);
            case "list":
                return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
            case "indexed_items": {
                List<Object> items = new ArrayList<>();
                List<Object> flat = flattenOnce(value);
                for (int i = 0; i < flat.size(); i++) {
                    items.add(List.of(i, flat.get(i)));
                }
                return items;
            }
            case "flattened":
                return flattenDeep(value);
            case "dict": {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new UserError("with_dict expects a dict, got: " + value, task.location());
                }
                List<Object> items = new ArrayList<>();
                map.forEach((k, v) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("key", k);
                    entry.put("value", v);
                    items.add(entry);
                });
                return items;
            }
            default:
                // with_<lookup>: the lookup run over the loop's terms (sequence, subelements, nested, fileglob, ...).
                return templar.loopItems(task.loopKind(), raw, scope, firstFoundFolder(task.action()));
        }
    }

    /** The folder with_first_found searches, from the action's name, as Ansible's task executor picks it. */
    private static String firstFoundFolder(String action) {
        for (String kind : List.of("template", "var", "file")) {
            if (action.contains(kind)) {
                return kind + "s";
            }
        }
        return "files";
    }

    private static List<Object> flattenOnce(Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof List<?> inner) {
                    items.addAll(inner);
                } else {
                    items.add(element);
                }
            }
        } else if (value != null) {
            items.add(value);
        }
        return items;
    }

    private static List<Object> flattenDeep(Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                items.addAll(flattenDeep(element));
            }
        } else if (value != null) {
            items.add(value);
        }
        return items;
    }
}
