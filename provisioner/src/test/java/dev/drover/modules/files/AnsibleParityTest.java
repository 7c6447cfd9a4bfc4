package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same steps through real ansible-core ({@code ansible localhost -c local}) and
 * through Drover's modules, each in its own copy of a scratch directory, and compares the
 * results field by field and the directories byte by byte. Slow (ansible starts per step),
 * so only with {@code -Ddrover.parity=true}.
 */
@EnabledIfSystemProperty(named = "drover.parity", matches = "true")
class AnsibleParityTest {

    @TempDir
    Path ansibleDir;
    @TempDir
    Path droverDir;
    @TempDir
    Path controller;

    private final List<String> mismatches = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    /** Fields whose values are Ansible internals (temp paths, PIDs, clocks) rather than behaviour. */
    private static final Set<String> VOLATILE = Set.of("src", "backup_file", "backup", "atime", "mtime", "ctime",
            "after_header", "inode", "dev", "version");

    record Step(Module module, String args, boolean check, boolean diff) {
    }

    static Step run(Module module, String args) {
        return new Step(module, args, false, true);
    }

    static Step check(Module module, String args) {
        return new Step(module, args, true, true);
    }

    /** Without --diff: the way most runs go, and the one-round-trip paths of copy, template and file. */
    static Step plain(Module module, String args) {
        return new Step(module, args, false, false);
    }

    @Test
    void lineinfile() throws Exception {
        Lineinfile m = new Lineinfile();
        scenario("printf 'a\\nb\\n' > {dir}/f",
                run(m, "{'path': '{dir}/f', 'line': 'c'}"),
                run(m, "{'path': '{dir}/f', 'line': 'c'}"),
                check(m, "{'path': '{dir}/f', 'regexp': '^a', 'line': 'A', 'mode': '0600'}"),
                run(m, "{'path': '{dir}/f', 'regexp': '^a', 'line': 'A', 'mode': '0600'}"),
                run(m, "{'path': '{dir}/f', 'regexp': '^(b)$', 'line': '\\\\1\\\\1', 'backrefs': true}"),
                run(m, "{'path': '{dir}/f', 'line': 'x', 'state': 'absent'}"),
                run(m, "{'path': '{dir}/f', 'regexp': '^[Ac]', 'state': 'absent'}"),
                run(m, "{'path': '{dir}/missing', 'line': 'x'}"),
                check(m, "{'path': '{dir}/new/f', 'line': 'x', 'create': true}"),
                run(m, "{'path': '{dir}/new/f', 'line': 'x', 'create': true, 'mode': 'u=rw,go='}"),
                run(m, "{'path': '{dir}', 'line': 'x'}"),
                run(m, "{'path': '{dir}/f', 'line': 'y', 'insertbefore': 'BOF'}"),
                run(m, "{'path': '{dir}/f', 'line': 'z', 'validate': 'false %s'}"));
    }

    @Test
    void blockinfile() throws Exception {
        Blockinfile m = new Blockinfile();
        scenario("printf 'a\\nb\\n' > {dir}/f",
                run(m, "{'path': '{dir}/f', 'block': 'x\\ny'}"),
                run(m, "{'path': '{dir}/f', 'block': 'x\\ny'}"),
                check(m, "{'path': '{dir}/f', 'block': 'z', 'insertbefore': 'BOF'}"),
                run(m, "{'path': '{dir}/f', 'block': 'z', 'marker': '<!-- {mark} -->', 'insertafter': '^a'}"),
                run(m, "{'path': '{dir}/f', 'state': 'absent'}"),
                run(m, "{'path': '{dir}/nope', 'block': 'x'}"),
                run(m, "{'path': '{dir}/nope', 'state': 'absent', 'create': true}"),
                run(m, "{'path': '{dir}/new', 'block': 'x', 'create': true, 'mode': '0600'}"));
    }

    @Test
    void file() throws Exception {
        File m = new File();
        scenario("printf 'a' > {dir}/f; mkdir -p {dir}/d/sub; printf x > {dir}/d/sub/x; ln -s f {dir}/l",
                run(m, "{'path': '{dir}/f', 'mode': '0600'}"),
                run(m, "{'path': '{dir}/f', 'mode': 'g+r'}"),
                run(m, "{'path': '{dir}/f', 'state': 'directory'}"),
                run(m, "{'path': '{dir}/nope', 'state': 'file'}"),
                check(m, "{'path': '{dir}/n1/n2', 'state': 'directory', 'mode': '0700'}"),
                run(m, "{'path': '{dir}/n1/n2', 'state': 'directory', 'mode': '0700'}"),
                run(m, "{'path': '{dir}/n1/n2', 'state': 'directory', 'mode': '0700'}"),
                run(m, "{'path': '{dir}/d', 'state': 'directory', 'recurse': true, 'mode': 'a+rX'}"),
                run(m, "{'path': '{dir}/l2', 'state': 'link', 'src': 'f'}"),
                run(m, "{'path': '{dir}/l2', 'state': 'link', 'src': 'f'}"),
                run(m, "{'path': '{dir}/l2', 'state': 'link', 'src': 'd'}"),
                run(m, "{'path': '{dir}/l3', 'state': 'link', 'src': 'nope'}"),
                run(m, "{'path': '{dir}/l3', 'state': 'link', 'src': 'nope', 'force': true}"),
                run(m, "{'path': '{dir}/f', 'state': 'link', 'src': 'd'}"),
                run(m, "{'path': '{dir}/h', 'state': 'hard', 'src': '{dir}/f'}"),
                run(m, "{'path': '{dir}/h', 'state': 'hard', 'src': '{dir}/f'}"),
                run(m, "{'path': '{dir}/f', 'state': 'file'}"),
                run(m, "{'path': '{dir}/t', 'state': 'touch', 'mode': '0640', 'modification_time': '202001010000.00', 'access_time': '202001010000.00'}"),
                run(m, "{'path': '{dir}/t', 'state': 'touch', 'mode': '0640', 'modification_time': '202001010000.00', 'access_time': '202001010000.00'}"),
                run(m, "{'path': '{dir}/l', 'state': 'file', 'mode': '0604'}"),
                check(m, "{'path': '{dir}/d', 'state': 'absent'}"),
                run(m, "{'path': '{dir}/d', 'state': 'absent'}"),
                run(m, "{'path': '{dir}/d', 'state': 'absent'}"),
                run(m, "{'path': '{dir}/f', 'recurse': true}"),
                run(m, "{'path': '{dir}/f', 'src': '/etc/hosts'}"),
                run(m, "{'path': '{dir}/f', 'owner': 'nobody', 'group': 'nogroup'}"),
                run(m, "{'path': '{dir}/f', 'owner': 'nosuchuser'}"),
                run(m, "{'path': '{dir}/f', 'mode': 'bogus'}"),
                run(m, "{'path': '{dir}/t', 'state': 'touch'}"),
                run(m, "{'path': '{dir}/h2', 'state': 'hard', 'src': '{dir}/t'}"),
                run(m, "{'path': '{dir}/h2', 'state': 'hard', 'src': '{dir}/f'}"),
                run(m, "{'path': '{dir}/h2', 'state': 'hard', 'src': '{dir}/f', 'force': true}"),
                run(m, "{'path': '{dir}/l4', 'state': 'link', 'src': 't', 'follow': false, 'owner': 'nobody'}"),
                check(m, "{'path': '{dir}/l5', 'state': 'link', 'src': 't', 'mode': '0600'}"),
                run(m, "{'path': '{dir}/l5', 'state': 'link', 'src': 't', 'mode': '0600'}"),
                run(m, "{'path': '{dir}/n1', 'state': 'absent'}"));
    }

    @Test
    void copyAndTemplate() throws Exception {
        Copy m = new Copy();
        Files.createDirectories(controller.resolve("tree/sub"));
        Files.writeString(controller.resolve("tree/a"), "a\n");
        Files.writeString(controller.resolve("tree/sub/b"), "b\n");
        Files.createSymbolicLink(controller.resolve("tree/link"), Path.of("a"));
        Files.writeString(controller.resolve("one.txt"), "one\n");
        Files.writeString(controller.resolve("t.j2"), "static text\n");
        String c = controller.toString();
        scenario("printf 'old\\n' > {dir}/f; mkdir {dir}/d; printf x > {dir}/target; ln -s target {dir}/lnk",
                run(m, "{'content': 'new\\n', 'dest': '{dir}/f'}"),
                run(m, "{'content': 'new\\n', 'dest': '{dir}/f'}"),
                check(m, "{'content': 'new\\n', 'dest': '{dir}/f', 'mode': '0600'}"),
                run(m, "{'content': 'new\\n', 'dest': '{dir}/f', 'mode': '0600'}"),
                check(m, "{'content': 'newer\\n', 'dest': '{dir}/f'}"),
                run(m, "{'content': 'x', 'dest': '{dir}/d'}"),
                run(m, "{'content': 'x', 'dest': '{dir}/nodir/f'}"),
                run(m, "{'src': '" + c + "/one.txt', 'dest': '{dir}/d'}"),
                run(m, "{'src': '" + c + "/one.txt', 'dest': '{dir}/deep/er/'}"),
                run(m, "{'src': '" + c + "/one.txt', 'dest': '{dir}/f', 'force': false}"),
                run(m, "{'src': '" + c + "/tree', 'dest': '{dir}/t1'}"),
                run(m, "{'src': '" + c + "/tree', 'dest': '{dir}/t1'}"),
                run(m, "{'src': '" + c + "/tree/', 'dest': '{dir}/t2', 'local_follow': false, 'directory_mode': '0700'}"),
                run(m, "{'src': '{dir}/f', 'dest': '{dir}/f2', 'remote_src': true}"),
                run(m, "{'src': '{dir}/f', 'dest': '{dir}/f2', 'remote_src': true}"),
                run(m, "{'content': 'v', 'dest': '{dir}/f3', 'validate': 'false %s'}"),
                run(m, "{'content': 'v2', 'dest': '{dir}/f', 'backup': true}"),
                run(m, "{'content': {'a': [1, 2.5, true, null]}, 'dest': '{dir}/j'}"),
                run(m, "{'content': 'v3', 'dest': '{dir}/lnk', 'follow': true}"),
                run(m, "{'content': 'v3', 'dest': '{dir}/lnk'}"),
                run(m, "{'src': '" + c + "/one.txt', 'dest': '{dir}/p', 'mode': 'preserve'}"),
                check(m, "{'src': '" + c + "/tree', 'dest': '{dir}/t3'}"),
                run(new Template(), "{'src': '" + c + "/t.j2', 'dest': '{dir}/rendered', 'mode': '0640'}"),
                run(new Template(), "{'src': '" + c + "/t.j2', 'dest': '{dir}/rendered', 'mode': '0640'}"));
    }

    @Test
    void withoutDiff() throws Exception {
        Copy copy = new Copy();
        Template template = new Template();
        Lineinfile lineinfile = new Lineinfile();
        File file = new File();
        Files.write(controller.resolve("bin"), new byte[] {0, 1, (byte) 0xff, '\n', '%', '\\', '\'', 'x', '\r', 0x7f});
        Files.writeString(controller.resolve("t.j2"), "static text\n");
        String c = controller.toString();
        scenario("printf x > {dir}/x; chmod 0755 {dir}/x; printf y > {dir}/y; chmod 0640 {dir}/y; mkdir {dir}/d;"
                        + " printf o > {dir}/o; chown nobody:nogroup {dir}/o; printf t > {dir}/target;"
                        + " ln -s target {dir}/lnk; printf 'a\\nb\\n' > {dir}/lines; ln -s nodir/x {dir}/dl;"
                        + " ln -s loop1 {dir}/loop2; ln -s loop2 {dir}/loop1",
                plain(copy, "{'content': 'a\\n', 'dest': '{dir}/n1', 'mode': '0644'}"),
                plain(copy, "{'content': 'a\\n', 'dest': '{dir}/n1', 'mode': '0644'}"),
                plain(copy, "{'content': 'b\\n', 'dest': '{dir}/n1', 'mode': '0644'}"),
                plain(copy, "{'content': 'bb\\n', 'dest': '{dir}/n1', 'mode': '0644'}"),
                plain(copy, "{'content': 'bb\\n', 'dest': '{dir}/n1', 'mode': '0600'}"),
                plain(copy, "{'content': 'bb\\n', 'dest': '{dir}/n1'}"),
                plain(copy, "{'content': 'cc', 'dest': '{dir}/n1'}"),
                plain(copy, "{'content': 'xx', 'dest': '{dir}/x'}"),
                plain(copy, "{'content': 'yy', 'dest': '{dir}/y'}"),
                plain(copy, "{'content': 'yy', 'dest': '{dir}/y'}"),
                plain(copy, "{'content': 'e', 'dest': '{dir}/e', 'mode': '0755'}"),
                plain(copy, "{'content': 'e', 'dest': '{dir}/e', 'mode': '04755'}"),
                plain(copy, "{'content': 'z', 'dest': '{dir}/z'}"),
                plain(copy, "{'content': '', 'dest': '{dir}/empty'}"),
                plain(copy, "{'content': '100% \\\\ \\'q\\' \\\\n \\\\0 \\u00e9\\n', 'dest': '{dir}/odd'}"),
                plain(copy, "{'content': '100% \\\\ \\'q\\' \\\\n \\\\0 \\u00e9\\n', 'dest': '{dir}/odd'}"),
                plain(copy, "{'src': '" + c + "/bin', 'dest': '{dir}/bin'}"),
                plain(copy, "{'src': '" + c + "/bin', 'dest': '{dir}/bin'}"),
                plain(copy, "{'src': '" + c + "/bin', 'dest': '{dir}/d'}"),
                plain(copy, "{'src': '" + c + "/bin', 'dest': '{dir}/d'}"),
                plain(copy, "{'content': 'x', 'dest': '{dir}/d'}"),
                plain(copy, "{'content': 'x', 'dest': '{dir}/nodir/f'}"),
                plain(copy, "{'content': 'v', 'dest': '{dir}/lnk'}"),
                plain(copy, "{'content': 'w', 'dest': '{dir}/y', 'mode': 'u=rw,g=r'}"),
                plain(copy, "{'content': 'w', 'dest': '{dir}/y', 'mode': 'u=rw,g=r'}"),
                plain(copy, "{'content': 'oo', 'dest': '{dir}/o'}"),
                plain(copy, "{'content': 'oo', 'dest': '{dir}/o', 'owner': 'root'}"),
                plain(copy, "{'content': 'ow', 'dest': '{dir}/ow', 'owner': 'nobody', 'group': 'nogroup', 'mode': '0640'}"),
                plain(copy, "{'content': 'ow', 'dest': '{dir}/ow', 'owner': 'nobody', 'group': 'nogroup', 'mode': '0640'}"),
                plain(copy, "{'content': 'n', 'dest': '{dir}/n1', 'force': false}"),
                plain(template, "{'src': '" + c + "/t.j2', 'dest': '{dir}/t', 'mode': '0644'}"),
                plain(template, "{'src': '" + c + "/t.j2', 'dest': '{dir}/t', 'mode': '0644'}"),
                plain(template, "{'src': '" + c + "/t.j2', 'dest': '{dir}/d'}"),
                plain(lineinfile, "{'path': '{dir}/lf', 'line': 'k=v', 'create': true, 'mode': '0644'}"),
                plain(lineinfile, "{'path': '{dir}/lf', 'line': 'k2=v2', 'create': true, 'mode': '0644'}"),
                plain(lineinfile, "{'path': '{dir}/lf', 'line': 'k2=v2', 'create': true, 'mode': '0644'}"),
                plain(lineinfile, "{'path': '{dir}/lf', 'line': 'k2=v2', 'create': true, 'mode': '0600'}"),
                plain(lineinfile, "{'path': '{dir}/lines', 'regexp': '^a', 'line': 'A'}"),
                plain(lineinfile, "{'path': '{dir}/o', 'line': 'p'}"),
                plain(lineinfile, "{'path': '{dir}/x', 'line': 'q'}"),
                plain(file, "{'path': '{dir}/dd', 'state': 'directory', 'mode': '0755'}"),
                plain(file, "{'path': '{dir}/dd', 'state': 'directory', 'mode': '0755'}"),
                plain(file, "{'path': '{dir}/dd', 'state': 'directory', 'mode': '0700'}"),
                plain(file, "{'path': '{dir}/dd/a/b', 'state': 'directory', 'mode': '0750'}"),
                plain(file, "{'path': '{dir}/de', 'state': 'directory'}"),
                plain(file, "{'path': '{dir}/de', 'state': 'directory'}"),
                plain(file, "{'path': '{dir}/x', 'state': 'directory'}"),
                plain(file, "{'path': '{dir}/lnk', 'state': 'directory'}"),
                plain(file, "{'path': '{dir}/x', 'state': 'file', 'mode': '0644'}"),
                plain(file, "{'path': '{dir}/x', 'state': 'file', 'mode': '0644'}"),
                plain(new Stat(), "{'path': '{dir}/dl'}"),
                plain(new Stat(), "{'path': '{dir}/loop1'}"),
                plain(file, "{'path': '{dir}/dl', 'state': 'directory'}"),
                plain(copy, "{'content': 'c', 'dest': '{dir}/dl', 'follow': true}"),
                plain(lineinfile, "{'path': '{dir}/dl', 'line': 'x', 'create': true}"),
                plain(lineinfile, "{'path': '{dir}/dl', 'line': 'x', 'create': true}"));
    }

    @Test
    void stat() throws Exception {
        Stat m = new Stat();
        scenario("printf 'a' > {dir}/f; chmod 4755 {dir}/f; ln -s f {dir}/l; mkdir {dir}/d; ln -s nope {dir}/dangling",
                run(m, "{'path': '{dir}/f'}"),
                run(m, "{'path': '{dir}/l'}"),
                run(m, "{'path': '{dir}/l', 'follow': true, 'checksum_algorithm': 'sha256'}"),
                run(m, "{'path': '{dir}/d', 'get_mime': false}"),
                run(m, "{'path': '{dir}/dangling', 'follow': true}"),
                run(m, "{'path': '{dir}/nope'}"),
                run(m, "{'path': '{dir}/f', 'get_md5': true, 'get_attributes': false}"));
    }

    private void scenario(String setup, Step... steps) throws Exception {
        sh(setup.replace("{dir}", ansibleDir.toString()));
        sh(setup.replace("{dir}", droverDir.toString()));
        LocalHost host = new LocalHost(controller).vars(Map.of());
        for (Step step : steps) {
            Map<String, Object> expected = normalize(ansible(step), ansibleDir);
            Map<String, Object> args = args(step.args().replace("{dir}", droverDir.toString()));
            ModuleResult result = host.run(step.module(), args, step.check(), step.diff());
            Map<String, Object> actual = normalize(json.readValue(json.writeValueAsString(result.fields()), Map.class),
                    droverDir);
            String label = step.module().name() + (step.check() ? " --check " : " ") + step.args();
            compare(label, expected, actual, "");
            String treeA = LocalHost.snapshot(ansibleDir).replace(ansibleDir.toString(), "{dir}");
            String treeD = LocalHost.snapshot(droverDir).replace(droverDir.toString(), "{dir}");
            if (!withoutTimes(treeA).equals(withoutTimes(treeD))) {
                mismatches.add(label + ": directories differ\n  ansible:\n" + treeA + "  drover:\n" + treeD);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String withoutTimes(String snapshot) {
        return snapshot.replaceAll(" \\d{10,}", "").replaceAll("\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@[0-9:]+~", ".BACKUP~");
    }

    private Map<String, Object> args(String pythonish) throws IOException {
        return json.readValue(pythonish.replace('\'', '"'), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ansible(Step step) throws Exception {
        List<String> command = new ArrayList<>(List.of("ansible", "localhost", "-c", "local", "-m", step.module().name(),
                "-a", json.writeValueAsString(args(step.args().replace("{dir}", ansibleDir.toString())))));
        if (step.check()) {
            command.add("--check");
        }
        if (step.diff()) {
            command.add("--diff");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("ANSIBLE_STDOUT_CALLBACK", "json", "ANSIBLE_LOAD_CALLBACK_PLUGINS", "1",
                "ANSIBLE_LOCALHOST_WARNING", "false", "ANSIBLE_INVENTORY_UNPARSED_WARNING", "false"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Map<String, Object> all = json.readValue(out, Map.class);
        Map<String, Object> play = ((List<Map<String, Object>>) all.get("plays")).get(0);
        Map<String, Object> task = ((List<Map<String, Object>>) play.get("tasks")).get(0);
        Map<String, Object> result = (Map<String, Object>) ((Map<String, Object>) task.get("hosts")).get("localhost");
        result.remove("invocation");
        result.remove("action");
        result.remove("_ansible_no_log");
        result.remove("exception");
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> result, Path dir) {
        Map<String, Object> out = new TreeMap<>();
        result.forEach((k, v) -> out.put(k, normalizeValue(v, dir)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeValue(Object value, Path dir) {
        if (value instanceof String s) {
            return s.replace(dir.toString(), "{dir}");
        }
        if (value instanceof Map<?, ?> map) {
            return normalize((Map<String, Object>) map, dir);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> normalizeValue(v, dir)).toList();
        }
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            return n.longValue();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private void compare(String label, Object expected, Object actual, String where) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            for (Object key : e.keySet()) {
                if (!a.containsKey(key)) {
                    mismatches.add(label + ": missing " + where + key + " = " + e.get(key));
                } else if (!VOLATILE.contains(key)) {
                    compare(label, e.get(key), a.get(key), where + key + ".");
                }
            }
            for (Object key : a.keySet()) {
                if (!e.containsKey(key)) {
                    mismatches.add(label + ": extra " + where + key + " = " + a.get(key));
                }
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                compare(label, e.get(i), a.get(i), where + i + ".");
            }
        } else if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            mismatches.add(label + ": " + where + " ansible=" + expected + " drover=" + actual);
        }
    }

    private static void sh(String command) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", command).inheritIO().start();
        process.waitFor();
    }
}
