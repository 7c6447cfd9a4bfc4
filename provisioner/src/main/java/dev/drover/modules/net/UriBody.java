package dev.drover.modules.net;

import dev.drover.template.PythonJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a uri request as Ansible encodes it: JSON the way Python's json.dumps writes
 * it, form-urlencoded the way urllib's urlencode does (a dict or a list of pairs), raw text
 * as it is; and the Content-Type header each format adds when the task sets none.
 */
final class UriBody {

    private UriBody() {
    }

    /** The encoded body, or null when there is none. */
    static String encode(Object body, String format) {
        if (body == null) {
            return format.equals("json") ? "null" : null;
        }
        switch (format) {
            case "json":
                return body instanceof String text ? text : PythonJson.dumpsDefault(body);
            case "form-urlencoded":
                return body instanceof String text ? text : formUrlencoded(body);
            default:
                return body instanceof String text ? text : String.valueOf(body);
        }
    }

    /** The Content-Type a format implies, or null (raw). */
    static String contentType(String format) {
        return switch (format) {
            case "json" -> "application/json";
            case "form-urlencoded" -> "application/x-www-form-urlencoded";
            default -> null;
        };
    }

    /** urllib.parse.urlencode: key=value pairs joined with &, each part quote_plus'ed. */
    static String formUrlencoded(Object body) {
        List<String> pairs = new ArrayList<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> pairs.add(quotePlus(text(k)) + "=" + quotePlus(text(v))));
        } else if (body instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof List<?> pair && pair.size() == 2) {
                    pairs.add(quotePlus(text(pair.get(0))) + "=" + quotePlus(text(pair.get(1))));
                } else if (item instanceof Map<?, ?> one && one.size() == 1) {
                    one.forEach((k, v) -> pairs.add(quotePlus(text(k)) + "=" + quotePlus(text(v))));
                } else {
                    throw new IllegalArgumentException("failed to parse body as form_urlencoded: need a dict or a list of pairs");
                }
            }
        } else {
            throw new IllegalArgumentException("failed to parse body as form_urlencoded: need a dict or a list of pairs");
        }
        return String.join("&", pairs);
    }

    /** Python's str() of a scalar, as urlencode applies it. */
    private static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value == null ? "None" : String.valueOf(value);
    }

    /** urllib.parse.quote_plus: like URLEncoder, except that Python keeps '~' and writes '*' as %2A. */
    static String quotePlus(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
