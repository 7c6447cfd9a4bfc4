package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * lineinfile's editing rules. Every expectation below was produced by running
 * ansible-core 2.14's lineinfile on the same file with the same arguments, quirks included
 * (a CRLF line "b" is rewritten to LF; a line inserted after an unterminated last line is
 * glued onto it; a Python regexp matches bytes, so "." does not match "é").
 */
class LineEditTest {

    static Stream<Arguments> ansibleCases() {
        return Stream.of(
                ansible("a\nb\nc\n", Map.of("line", "d"), "a\nb\nc\nd\n", true, "line added"),
                ansible("a\nb\nc\n", Map.of("line", "b"), "a\nb\nc\n", false, ""),
                ansible("a\nb\nc", Map.of("line", "d"), "a\nb\nc\nd\n", true, "line added"),
                ansible("a\nb\nc\n", Map.of("regexp", "^b", "line", "B"), "a\nB\nc\n", true, "line replaced"),
                ansible("b1\nx\nb2\n", Map.of("regexp", "^b", "line", "B"), "b1\nx\nB\n", true, "line replaced"),
                ansible("b1\nx\nb2\n", Map.of("regexp", "^b", "line", "B", "firstmatch", "true"), "B\nx\nb2\n", true, "line replaced"),
                ansible("a\nb\nc\n", Map.of("line", "new", "insertafter", "^a"), "a\nnew\nb\nc\n", true, "line added"),
                ansible("a\nb\na\nc\n", Map.of("line", "new", "insertafter", "^a"), "a\nb\na\nnew\nc\n", true, "line added"),
                ansible("a\nb\na\nc\n", Map.of("line", "new", "insertafter", "^a", "firstmatch", "true"), "a\nnew\nb\na\nc\n", true, "line added"),
                ansible("a\nb\nc\n", Map.of("line", "new", "insertbefore", "^c"), "a\nb\nnew\nc\n", true, "line added"),
                ansible("a\nb\nc\n", Map.of("line", "new", "insertbefore", "BOF"), "new\na\nb\nc\n", true, "line added"),
                ansible("a\nb\nc\n", Map.of("line", "new", "insertafter", "BOF"), "new\na\nb\nc\n", true, "line added"),
                ansible("a\nb\nc\n", Map.of("line", "new", "insertafter", "^zzz"), "a\nb\nc\nnew\n", true, "line added"),
                ansible("a\nnew\nc\n", Map.of("line", "new", "insertafter", "^a"), "a\nnew\nc\n", false, ""),
                ansible("a\nb\nc\n", Map.of("line", "b", "insertbefore", "^a"), "a\nb\nc\n", false, ""),
                ansible("port=80\n", Map.of("regexp", "^port=(\\d+)", "line", "port=\\g<1>0", "backrefs", "true"), "port=800\n", true, "line replaced"),
                ansible("port=80\n", Map.of("regexp", "^(?P<k>port)=(\\d+)", "line", "\\g<k>: \\2", "backrefs", "true"), "port: 80\n", true, "line replaced"),
                ansible("x\n", Map.of("regexp", "^port=(\\d+)", "line", "port=\\1", "backrefs", "true"), "x\n", false, ""),
                ansible("a\nfoo bar\nc\n", Map.of("search_string", "foo", "line", "foo baz"), "a\nfoo baz\nc\n", true, "line replaced"),
                ansible("a\r\nb\r\n", Map.of("line", "b"), "a\r\nb\n", true, "line replaced"),
                ansible("a\r\nb\r\n", Map.of("regexp", "^b", "line", "b"), "a\r\nb\n", true, "line replaced"),
                ansible("", Map.of("line", "x"), "x\n", true, "line added"),
                ansible("a\nb\nc", Map.of("line", "new", "insertafter", "^c"), "a\nb\ncnew\n", true, "line added"),
                ansible("a\nb\nb\n", Map.of("line", "b", "state", "absent"), "a\n", true, "2 line(s) removed"),
                ansible("a\nb1\nb2\n", Map.of("regexp", "^b", "state", "absent"), "a\n", true, "2 line(s) removed"),
                ansible("a\nfoo\n", Map.of("search_string", "fo", "state", "absent"), "a\n", true, "1 line(s) removed"),
                ansible("a{1}\n", Map.of("regexp", "a{1}$", "line", "z"), "a{1}\nz\n", true, "line added"),
                ansible("x{y}\n", Map.of("regexp", "x{y}", "line", "z"), "z\n", true, "line replaced"),
                ansible("héllo\n", Map.of("regexp", "^h.llo", "line", "hallo"), "héllo\nhallo\n", true, "line added"),
                ansible("héllo\n", Map.of("regexp", "^h..llo", "line", "hallo"), "hallo\n", true, "line replaced")        );
    }

    @ParameterizedTest(name = "[{index}] {1} on {0}")
    @MethodSource("ansibleCases")
    void editsLikeAnsible(String content, Map<String, String> args, String after, boolean changed, String msg)
            throws FileModuleError {
        String text = PythonRegex.bytesOf(content);
        LineEdit.Outcome outcome;
        if ("absent".equals(args.get("state"))) {
            outcome = LineEdit.absent(text, args.get("regexp"), args.get("search_string"), args.get("line"));
        } else {
            outcome = LineEdit.present(text, new LineEdit.Present(args.get("regexp"), args.get("search_string"),
                    args.get("line"), args.get("insertafter"), args.get("insertbefore"),
                    "true".equals(args.get("backrefs")), "true".equals(args.get("firstmatch"))));
        }
        assertThat(PythonRegex.textOf(outcome.text())).isEqualTo(after);
        assertThat(outcome.changed()).isEqualTo(changed);
        assertThat(outcome.msg()).isEqualTo(msg);
    }

    private static Arguments ansible(String content, Map<String, String> args, String after, boolean changed, String msg) {
        return Arguments.of(content, args, after, changed, msg);
    }
}
