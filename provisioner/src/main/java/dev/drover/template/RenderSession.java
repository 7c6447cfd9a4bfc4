package dev.drover.template;

import dev.drover.yaml.VaultText;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One top-level templating call: the scope it reads, the variables already resolved (each at
 * most once per call), and the values being resolved right now, so that a variable whose
 * template reaches itself is reported instead of looping.
 *
 * <p>Variables are raw: a value may hold templates. Reading a variable templates its string
 * directly; dicts and lists are wrapped so that each element is templated only when read.
 */
final class RenderSession {

    private final JinjaEngine engine;
    private final TemplateScope scope;
    private final Map<String, Object> resolved = new HashMap<>();
    private final Set<Slot> inProgress;

    RenderSession(JinjaEngine engine, TemplateScope scope) {
        this(engine, scope, new HashSet<>());
    }

    private RenderSession(JinjaEngine engine, TemplateScope scope, Set<Slot> inProgress) {
        this.engine = engine;
        this.scope = scope;
        this.inProgress = inProgress;
    }

    TemplateScope scope() {
        return scope;
    }

    JinjaEngine engine() {
        return engine;
    }

    /** The value of a top-level name, or an {@link Undefined} naming it. */
    Object variable(String name) {
        Object cached = resolved.get(name);
        if (cached != null || resolved.containsKey(name)) {
            return cached;
        }
        Map<String, Object> vars = scope.vars();
        if (!vars.containsKey(name)) {
            return builtin(name);
        }
        Object value = resolve(vars.get(name), vars, name);
        resolved.put(name, value);
        return value;
    }

    /** Names Jinja2 and Ansible define everywhere, unless the variables say otherwise. */
    private static Object builtin(String name) {
        return switch (name) {
            case "omit" -> Templar.OMIT_TOKEN;
            case "None", "none" -> null;
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            default -> Undefined.variable(name);
        };
    }

    boolean isDefined(String name) {
        return scope.vars().containsKey(name) || name.equals("omit");
    }

    /** Templates one raw value read from {@code owner} under {@code key}. */
    Object resolve(Object raw, Object owner, Object key) {
        if (raw instanceof VaultText secret) {
            // Opened here, when a template reads it: a secret nobody uses needs no password.
            return Secrets.reveal(secret);
        }
        if (raw instanceof String text) {
            if (!Templar.hasTemplate(text)) {
                return text;
            }
            Slot slot = new Slot(owner, key);
            if (!inProgress.add(slot)) {
                throw new RenderFailure("recursive loop detected in template string: " + text);
            }
            try {
                return engine.renderValue(text, this);
            } catch (RenderFailure failure) {
                if (failure.isUndefined()) {
                    // As Ansible: the variable exists but cannot be templated; fail only when used,
                    // so `default` and `is defined` still work on it.
                    return Undefined.because(failure.getMessage());
                }
                throw failure;
            } finally {
                inProgress.remove(slot);
            }
        }
        if (raw instanceof LazyMap || raw instanceof LazyList) {
            return raw;
        }
        if (raw instanceof Map<?, ?> map) {
            return new LazyMap(this, map);
        }
        if (raw instanceof List<?> list && Tuples.isTuple(list)) {
            // A tuple (with_indexed_items, with_subelements items) stays a tuple: it prints as (a, b).
            List<Object> items = new java.util.ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(resolve(list.get(i), list, i));
            }
            return Tuples.copyOf(items);
        }
        if (raw instanceof List<?> list) {
            return new LazyList(this, list);
        }
        if (raw instanceof TemplateScope other) {
            // hostvars['web1']: another host's variables, templated against that host's scope.
            RenderSession theirs = new RenderSession(engine, other, inProgress);
            return new LazyMap(theirs, other.vars());
        }
        return raw;
    }

    /** A place a raw value was read from, compared by the identity of its container. */
    private record Slot(Object owner, Object key) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Slot slot && slot.owner == owner && slot.key.equals(key);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(owner) * 31 + key.hashCode();
        }
    }
}
