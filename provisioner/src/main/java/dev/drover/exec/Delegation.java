package dev.drover.exec;

import dev.drover.modules.ModuleArgs;
import dev.drover.playbook.Task;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code delegate_to}, {@code local_action} and {@code delegate_facts}: the task is
 * templated with the original host's variables, but runs over the delegate's connection,
 * and the facts it returns stay with the original host unless delegate_facts says otherwise.
 */
final class Delegation {

    private Delegation() {
    }

    /**
     * The connection variables for the delegate, as Ansible builds them: the delegate's own
     * inventory variables (hostvars), then the task's and its blocks' vars (a task may name
     * the user or key for a host outside the inventory). An unknown {@code localhost} or
     * {@code 127.0.0.1} is reached with a local connection, as Ansible's implicit localhost.
     */
    static Map<String, Object> connectionVars(String delegate, Task task, TemplateScope scope, Templar templar,
                                              RunOptions options, List<String> connectionVarNames) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Object hostvars = scope.vars().get("hostvars");
        Object entry = hostvars instanceof Map<?, ?> all ? all.get(delegate) : null;
        if (entry instanceof TemplateScope theirScope) {
            Map<String, Object> theirs = theirScope.vars();
            for (String name : connectionVarNames) {
                Object value = theirs.get(name);
                if (value != null) {
                    vars.put(name, templar.render(value, theirScope));
                }
            }
        } else if (delegate.equals("localhost") || delegate.equals("127.0.0.1")) {
            vars.put("ansible_connection", "local");
        } else {
            options.connectionDefaults().forEach((name, value) -> {
                if (connectionVarNames.contains(name)) {
                    vars.put(name, value);
                }
            });
        }
        for (Map<String, Object> layer : List.of(task.blockVars(), task.vars())) {
            for (String name : connectionVarNames) {
                if (layer.containsKey(name) && layer.get(name) != null) {
                    vars.put(name, templar.render(layer.get(name), scope));
                }
            }
        }
        return vars;
    }

    /**
     * Whose facts a result's {@code ansible_facts} become: the delegate's with
     * {@code delegate_facts: true} (null when the delegate is not in the inventory), else the
     * host's own.
     */
    static HostState factsOwner(Task task, HostState host, Map<String, Object> result, Map<String, HostState> states) {
        Object delegate = result.get("_drover_delegate");
        Object wanted = task.run().delegateFacts();
        if (delegate == null || wanted == null || !ModuleArgs.toBool("delegate_facts", wanted)) {
            return host;
        }
        return states.get(String.valueOf(delegate));
    }
}
