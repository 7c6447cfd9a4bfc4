package dev.drover.facts;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ansible_local: each {@code *.fact} file of fact_path, by name without the suffix, in
 * sorted order; an executable one is run and its output read, another is read as it is.
 * The text is JSON, or else INI (sections of lower-cased keys); anything else becomes
 * Ansible's error text for that fact.
 */
final class LocalFacts {

    private LocalFacts() {
    }

    /** Lists each fact file with its content (or, for an executable, its output and exit code) in base64. */
    static String script(String factPath) {
        String dir = dev.drover.transport.ShellQuote.quote(factPath);
        return String.join("\n",
                "if [ -d " + dir + " ]; then s local_dir; for f in " + dir + "/*.fact; do [ -e \"$f\" ] || continue",
                "  if [ -x \"$f\" ]; then t=$(mktemp); \"$f\" >\"$t.o\" 2>\"$t.e\"; rc=$?",
                "    s \"localx:$rc:$f\"; base64 < \"$t.o\" | tr -d '\\n'; s \"localerr:$f\"; base64 < \"$t.e\" | tr -d '\\n'; rm -f \"$t\" \"$t.o\" \"$t.e\"",
                "  else s \"local:$f\"; base64 < \"$f\" 2>/dev/null | tr -d '\\n'; fi",
                "done; fi");
    }

    static Map<String, Object> describe(RawFacts raw, java.util.List<String> warnings) {
        Map<String, Object> local = new LinkedHashMap<>();
        raw.all().forEach((section, text) -> {
            String path;
            String content;
            if (section.startsWith("localx:")) {
                String[] parts = section.split(":", 3);
                path = parts[2];
                int rc = Integer.parseInt(parts[1]);
                if (rc != 0) {
                    String failed = "Failure executing fact script (" + path + "), rc: " + rc + ", err: "
                            + new String(Base64.getMimeDecoder().decode(raw.section("localerr:" + path).strip()), StandardCharsets.UTF_8);
                    local.put(name(path), failed);
                    warnings.add(failed);
                    return;
                }
                content = text;
            } else if (section.startsWith("local:")) {
                path = section.substring("local:".length());
                content = text;
            } else {
                return;
            }
            String decoded;
            try {
                decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Base64.getMimeDecoder().decode(content.strip()))).toString();
            } catch (CharacterCodingException e) {
                String fact = "error loading fact - output of running \"" + path + "\" was not utf-8";
                local.put(name(path), fact);
                warnings.add(fact);
                return;
            }
            if (section.startsWith("local:")) {
                decoded = decoded.strip();
            }
            local.put(name(path), parse(decoded, path, warnings));
        });
        return local;
    }

    static Object parse(String text, String path, java.util.List<String> warnings) {
        try {
            return JsonText.parse(text);
        } catch (IllegalArgumentException notJson) {
            try {
                return IniText.parse(text);
            } catch (IllegalArgumentException notIni) {
                String fact = "error loading facts as JSON or ini - please check content: " + path;
                warnings.add(fact);
                return fact;
            }
        }
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace(".fact", "");
    }
}
