package dev.drover.tests.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.template.TemplateError;
import dev.drover.template.TemplateOptions;
import dev.drover.template.TemplateScope;
import dev.drover.template.Templar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: the same expressions, conditions and template files rendered by Drover's
 * Templar and by the real ansible-playbook (one run for the whole table), compared byte for byte.
 * Needs ansible-playbook on PATH; with -Ddrover.lab=true its absence is a failure, else a skip.
 */
class TemplarOracleTest {

    private static final String RESOURCES = "/template-oracle/";
    private static final Pattern SEGMENT = Pattern.compile("@@(\\w+) (\\d+)@@(.*?)@@\\1-end@@", Pattern.DOTALL);

    @TempDir
    static Path work;

    private static Map<String, String> ansible;
    private static TemplateScope scope;
    private static final Templar templar = new Templar();

    @BeforeAll
    static void runAnsibleOnce() throws Exception {
        boolean lab = Boolean.getBoolean("drover.lab");
        boolean present = onPath("ansible-playbook");
        if (lab && !present) {
            fail("ansible-playbook is not on PATH, and drover.lab=true requires it as the templating oracle");
        }
        assumeTrue(present, "ansible-playbook not on PATH: templating oracle skipped");

        Path play = work.resolve("play");
        Files.createDirectories(play.resolve("files"));
        Files.createDirectories(play.resolve("templates"));
        Files.createDirectories(work.resolve("out"));
        copy("vars.json", play.resolve("vars.json"));
        copy("files/hello.txt", play.resolve("files/hello.txt"));
        copy("templates/inner.j2", play.resolve("templates/inner.j2"));
        for (String file : TemplarOracleCases.TEMPLATE_FILES) {
            copy("templates/" + file, play.resolve("templates/" + file));
        }
        for (String file : TemplarOracleCases.INCLUDED_FILES) {
            copy("templates/" + file, play.resolve("templates/" + file));
        }
        for (TemplarOracleCases.OptionCase option : TemplarOracleCases.TEMPLATE_OPTION_CASES) {
            copy("templates/" + option.file(), play.resolve("templates/" + option.file()));
        }
        Files.writeString(play.resolve("templates/cases.j2"), casesTemplate());
        Files.writeString(play.resolve("templates/report.j2"), reportTemplate());
        Files.writeString(play.resolve("playbook.yml"), playbook(work.resolve("out")));

        @SuppressWarnings("unchecked")
        Map<String, Object> vars = new ObjectMapper().readValue(play.resolve("vars.json").toFile(), LinkedHashMap.class);
        scope = new TemplateScope(vars, List.of(play), "oracle");

        ProcessBuilder builder = new ProcessBuilder("ansible-playbook", "-i", "localhost,", "playbook.yml")
                .directory(play.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("ansible.log").toFile());
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        builder.environment().put("ANSIBLE_LOCALHOST_WARNING", "false");
        builder.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        builder.environment().put("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3");
        builder.environment().put("ANSIBLE_DEPRECATION_WARNINGS", "false");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("ansible-playbook did not finish in 5 minutes");
        }
        String log = Files.readString(work.resolve("ansible.log"));
        assertThat(process.exitValue()).as("ansible-playbook failed:\n%s", log).isZero();

        ansible = new LinkedHashMap<>();
        for (String out : List.of("cases.out", "report.out")) {
            Matcher m = SEGMENT.matcher(Files.readString(work.resolve("out").resolve(out)));
            while (m.find()) {
                ansible.put(m.group(1) + " " + m.group(2), m.group(3));
            }
        }
        for (String file : TemplarOracleCases.TEMPLATE_FILES) {
            ansible.put("file " + file, Files.readString(work.resolve("out").resolve(file + ".out")));
        }
    }

    @Test
    void expressionsPrintAsAnsiblePrintsThem() {
        List<String> mismatches = new ArrayList<>();
        List<String> cases = TemplarOracleCases.EXPRESSIONS;
        for (int i = 0; i < cases.size(); i++) {
            String line = caseLine("expr", i, snippet(cases.get(i)));
            String expected = ansible.get("expr " + i);
            String actual;
            try {
                Matcher m = SEGMENT.matcher(templar.renderText(line, scope));
                actual = m.find() ? m.group(3) : "(no segment)";
            } catch (TemplateError e) {
                actual = "(error) " + e.getMessage();
            }
            if (!actual.equals(expected)) {
                mismatches.add(cases.get(i) + "\n    ansible: " + show(expected) + "\n    drover:  " + show(actual));
            }
        }
        assertThat(mismatches).as("%d of %d expressions differ from ansible", mismatches.size(), cases.size()).isEmpty();
    }

    @Test
    void taskArgumentsKeepTypesAsAnsibleDoes() {
        List<String> mismatches = new ArrayList<>();
        List<String> cases = TemplarOracleCases.NATIVE;
        for (int i = 0; i < cases.size(); i++) {
            Object value = templar.render(cases.get(i), scope);
            Map<String, Object> vars = new LinkedHashMap<>(scope.vars());
            vars.put("native_value", value);
            String actual = templar.renderText("{{ native_value | type_debug }}|{{ native_value | to_json }}",
                    new TemplateScope(vars, scope.searchPaths(), "oracle"));
            String expected = ansible.get("native " + i).replaceAll("^(AnsibleUnicode|AnsibleUnsafeText|AnsibleUnsafe|NativeJinjaText)\\|", "str|");
            if (!actual.equals(expected)) {
                mismatches.add(cases.get(i) + "\n    ansible: " + show(expected) + "\n    drover:  " + show(actual));
            }
        }
        assertThat(mismatches).as("native values differing from ansible").isEmpty();
    }

    @Test
    void conditionsDecideAsAnsibleDoes() {
        List<String> mismatches = new ArrayList<>();
        List<String> cases = TemplarOracleCases.CONDITIONS;
        for (int i = 0; i < cases.size(); i++) {
            String actual = templar.isTrue(cases.get(i), scope) ? "True" : "False";
            if (!actual.equals(ansible.get("cond " + i))) {
                mismatches.add("when: " + cases.get(i) + " -> ansible " + ansible.get("cond " + i) + ", drover " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void errorsNameWhatAnsibleNames() {
        List<String> mismatches = new ArrayList<>();
        List<String> cases = TemplarOracleCases.ERRORS;
        for (int i = 0; i < cases.size(); i++) {
            String expected = ansible.get("err " + i);
            assertThat(expected).as("ansible should fail on %s", cases.get(i)).startsWith("True|");
            try {
                Object value = templar.render(cases.get(i), scope);
                mismatches.add(cases.get(i) + ": drover rendered " + value + " but ansible failed with " + expected);
            } catch (TemplateError e) {
                String ours = e.getMessage().replaceFirst("^oracle: ", "").replaceFirst(" \\(in template .*\\)$", "");
                assertThat(e.getMessage()).doesNotContain("Exception", "java.", "com.hubspot");
                if (!expected.contains(ours)) {
                    mismatches.add(cases.get(i) + "\n    ansible: " + show(expected) + "\n    drover:  " + show(ours));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void templateFilesRenderByteForByte() throws IOException {
        for (String file : TemplarOracleCases.TEMPLATE_FILES) {
            String text = Files.readString(scope.searchPaths().get(0).resolve("templates").resolve(file));
            assertThat(templar.renderText(text, scope)).as(file).isEqualTo(ansible.get("file " + file));
        }
    }

    @Test
    void templateOptionsRenderByteForByte() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<TemplarOracleCases.OptionCase> cases = TemplarOracleCases.TEMPLATE_OPTION_CASES;
        for (int i = 0; i < cases.size(); i++) {
            TemplarOracleCases.OptionCase option = cases.get(i);
            String text = Files.readString(scope.searchPaths().get(0).resolve("templates").resolve(option.file()));
            TemplateOptions options = options(option.options());
            byte[] ours = options.encode(templar.renderText(text, scope, options));
            byte[] theirs = Files.readAllBytes(work.resolve("out").resolve("options-" + i + ".out"));
            if (!Arrays.equals(ours, theirs)) {
                mismatches.add(option.file() + " " + option.options() + "\n    ansible: " + show(utf8(theirs).replace("\r", "\\r"))
                        + "\n    drover:  " + show(utf8(ours).replace("\r", "\\r")));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** The template module's arguments as TemplateOptions, the way the module hands them over. */
    private static TemplateOptions options(Map<String, Object> args) {
        TemplateOptions options = TemplateOptions.DEFAULTS;
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            Object value = arg.getValue();
            options = switch (arg.getKey()) {
                case "trim_blocks" -> options.withTrimBlocks((Boolean) value);
                case "lstrip_blocks" -> options.withLstripBlocks((Boolean) value);
                case "newline_sequence" -> options.withNewlineSequence((String) value);
                case "variable_start_string" -> options.withVariableStrings((String) value, null);
                case "variable_end_string" -> options.withVariableStrings(null, (String) value);
                case "block_start_string" -> options.withBlockStrings((String) value, null);
                case "block_end_string" -> options.withBlockStrings(null, (String) value);
                case "comment_start_string" -> options.withCommentStrings((String) value, null);
                case "comment_end_string" -> options.withCommentStrings(null, (String) value);
                case "output_encoding" -> options.withOutputEncoding((String) value);
                default -> throw new IllegalArgumentException("not a template option: " + arg.getKey());
            };
        }
        return options;
    }

    private static String snippet(String expression) {
        return expression.contains("{{") || expression.contains("{%") ? expression : "{{ " + expression + " }}";
    }

    private static String caseLine(String kind, int index, String body) {
        return "@@" + kind + " " + index + "@@" + body + "@@" + kind + "-end@@\n";
    }

    private static String casesTemplate() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < TemplarOracleCases.EXPRESSIONS.size(); i++) {
            text.append(caseLine("expr", i, snippet(TemplarOracleCases.EXPRESSIONS.get(i))));
        }
        return text.toString();
    }

    private static String reportTemplate() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < TemplarOracleCases.NATIVE.size(); i++) {
            text.append(caseLine("native", i, "{{ native_" + i + " | type_debug }}|{{ native_" + i + " | to_json }}"));
        }
        for (int i = 0; i < TemplarOracleCases.CONDITIONS.size(); i++) {
            text.append(caseLine("cond", i, "{{ cond_" + i + " | default(false) }}"));
        }
        for (int i = 0; i < TemplarOracleCases.ERRORS.size(); i++) {
            text.append(caseLine("err", i, "{{ err_" + i + ".failed | default(false) }}|{{ err_" + i + ".msg | default('') }}"));
        }
        return text.toString();
    }

    private static String playbook(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder yaml = new StringBuilder("""
                - hosts: localhost
                  connection: local
                  gather_facts: false
                  vars_files: [vars.json]
                  tasks:
                """);
        for (int i = 0; i < TemplarOracleCases.NATIVE.size(); i++) {
            yaml.append("    - set_fact:\n        native_").append(i).append(": ")
                    .append(json.writeValueAsString(TemplarOracleCases.NATIVE.get(i))).append('\n');
        }
        for (int i = 0; i < TemplarOracleCases.CONDITIONS.size(); i++) {
            yaml.append("    - set_fact:\n        cond_").append(i).append(": true\n      when: ")
                    .append(json.writeValueAsString(TemplarOracleCases.CONDITIONS.get(i))).append('\n');
        }
        for (int i = 0; i < TemplarOracleCases.ERRORS.size(); i++) {
            yaml.append("    - debug:\n        msg: ").append(json.writeValueAsString(TemplarOracleCases.ERRORS.get(i)))
                    .append("\n      register: err_").append(i).append("\n      ignore_errors: true\n");
        }
        List<String> templates = new ArrayList<>(List.of("cases.j2", "report.j2"));
        templates.addAll(TemplarOracleCases.TEMPLATE_FILES);
        for (String template : templates) {
            String dest = out.resolve(template.endsWith(".j2") && template.startsWith("cases") ? "cases.out"
                    : template.equals("report.j2") ? "report.out" : template + ".out").toString();
            yaml.append("    - template:\n        src: ").append(template).append("\n        dest: ")
                    .append(json.writeValueAsString(dest)).append('\n');
        }
        List<TemplarOracleCases.OptionCase> options = TemplarOracleCases.TEMPLATE_OPTION_CASES;
        for (int i = 0; i < options.size(); i++) {
            yaml.append("    - template:\n        src: ").append(options.get(i).file()).append("\n        dest: ")
                    .append(json.writeValueAsString(out.resolve("options-" + i + ".out").toString())).append('\n');
            for (Map.Entry<String, Object> option : options.get(i).options().entrySet()) {
                yaml.append("        ").append(option.getKey()).append(": ").append(json.writeValueAsString(option.getValue()))
                        .append('\n');
            }
        }
        return yaml.toString();
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = TemplarOracleTest.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.write(target, in.readAllBytes());
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String show(String text) {
        return text == null ? "(missing)" : "[" + text.replace("\n", "\\n") + "]";
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
