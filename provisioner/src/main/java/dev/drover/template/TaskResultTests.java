package dev.drover.template;

import java.util.List;
import java.util.Map;

/** Ansible's tests on registered task results: changed, failed, skipped, finished, reachable. */
final class TaskResultTests {

    private TaskResultTests() {}

    private static Map<?, ?> result(Object value, String test) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new RenderFailure("The '" + test + "' test expects a dictionary");
    }

    static boolean changed(Object value) {
        Map<?, ?> result = result(value, "changed");
        if (!result.containsKey("changed")) {
            if (result.get("results") instanceof List<?> results && !results.isEmpty() && results.get(0) instanceof Map) {
                for (Object item : results) {
                    if (item instanceof Map<?, ?> one && Truthiness.of(one.get("changed"))) {
                        return true;
                    }
                }
            }
            return false;
        }
        return Truthiness.of(result.get("changed"));
    }

    static boolean failed(Object value) {
        Map<?, ?> result = result(value, "failed");
        return result.containsKey("failed") && Truthiness.of(result.get("failed"));
    }

    static boolean skipped(Object value) {
        Map<?, ?> result = result(value, "skipped");
        return result.containsKey("skipped") && Truthiness.of(result.get("skipped"));
    }

    static boolean finished(Object value) {
        Map<?, ?> result = result(value, "finished");
        return !result.containsKey("finished") || Truthiness.of(result.get("finished"));
    }

    static boolean flag(Object value, String key, String test) {
        Map<?, ?> result = result(value, test);
        return result.containsKey(key) && Truthiness.of(result.get(key));
    }
}
