package dev.drover.inventory;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible host patterns, for {@code hosts:} and {@code --limit}: {@code all}, group and host
 * names, wildcards ({@code web*}), regexes ({@code ~web\d+}), subscripts ({@code web[0]},
 * {@code web[1:2]}), unions ({@code a:b}, {@code a,b}), intersections ({@code a:&b}) and
 * exclusions ({@code a:!b}). Unions apply first, then intersections, then exclusions.
 */
public final class HostPattern {

    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(-?[0-9]*)(?::(-?[0-9]*))?]$");

    private final String text;

    public HostPattern(String text) {
        this.text = text == null ? "" : text.strip();
    }

    public String text() {
        return text;
    }

    /** The terms of the pattern, split on ',' when present, otherwise on ':' outside brackets. */
    List<String> terms() {
        List<String> terms = new ArrayList<>();
        char separator = text.contains(",") ? ',' : ':';
        StringBuilder term = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == separator && depth == 0) {
                addTerm(terms, term);
            } else {
                term.append(c);
            }
        }
        addTerm(terms, term);
        return terms;
    }

    private static void addTerm(List<String> terms, StringBuilder term) {
        String t = term.toString().strip();
        if (!t.isEmpty()) {
            terms.add(t);
        }
        term.setLength(0);
    }

    /** The hosts this pattern selects, in inventory order; terms that match nothing are reported in {@code unmatched}. */
    public List<String> select(Inventory inventory, List<String> unmatched) {
        Set<String> selected = new LinkedHashSet<>();
        List<String> terms = terms();
        for (String term : terms) {
            if (!term.startsWith("&") && !term.startsWith("!")) {
                List<String> hosts = match(term, inventory);
                if (hosts.isEmpty()) {
                    unmatched.add(term);
                }
                selected.addAll(hosts);
            }
        }
        for (String term : terms) {
            if (term.startsWith("&")) {
                selected.retainAll(new LinkedHashSet<>(match(term.substring(1), inventory)));
            }
        }
        for (String term : terms) {
            if (term.startsWith("!")) {
                match(term.substring(1), inventory).forEach(selected::remove);
            }
        }
        List<String> ordered = new ArrayList<>();
        for (Host host : inventory.hosts()) {
            if (selected.contains(host.name())) {
                ordered.add(host.name());
            }
        }
        return ordered;
    }

    public List<String> select(Inventory inventory) {
        return select(inventory, new ArrayList<>());
    }

    private static List<String> match(String term, Inventory inventory) {
        if (term.equals("all") || term.equals("*")) {
            return inventory.hostsIn(Inventory.ALL);
        }
        Matcher subscript = SUBSCRIPT.matcher(term);
        if (subscript.matches() && !term.startsWith("~")) {
            List<String> base = match(subscript.group(1), inventory);
            return slice(base, subscript.group(2), subscript.group(3), term.contains(":"));
        }
        if (inventory.group(term) != null) {
            return inventory.hostsIn(term);
        }
        if (inventory.host(term) != null) {
            return List.of(term);
        }
        if (term.startsWith("~")) {
            Pattern regex = Pattern.compile(term.substring(1));
            return matchNames(inventory, name -> regex.matcher(name).lookingAt());
        }
        if (term.contains("*") || term.contains("?") || term.contains("[")) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + term);
            return matchNames(inventory, name -> glob.matches(java.nio.file.Path.of(name)));
        }
        return List.of();
    }

    private static List<String> matchNames(Inventory inventory, java.util.function.Predicate<String> test) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String group : inventory.groupNames()) {
            if (test.test(group)) {
                hosts.addAll(inventory.hostsIn(group));
            }
        }
        for (Host host : inventory.hosts()) {
            if (test.test(host.name())) {
                hosts.add(host.name());
            }
        }
        return List.copyOf(hosts);
    }

    private static List<String> slice(List<String> hosts, String from, String to, boolean range) {
        int size = hosts.size();
        if (!range) {
            int i = Integer.parseInt(from.isEmpty() ? "0" : from);
            i = i < 0 ? size + i : i;
            return i >= 0 && i < size ? List.of(hosts.get(i)) : List.of();
        }
        int start = from.isEmpty() ? 0 : Integer.parseInt(from);
        int end = to == null || to.isEmpty() ? size - 1 : Integer.parseInt(to);
        start = start < 0 ? size + start : start;
        end = end < 0 ? size + end : end;
        // Ansible's [a:b] includes b.
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, start); i <= Math.min(size - 1, end); i++) {
            out.add(hosts.get(i));
        }
        return out;
    }
}
