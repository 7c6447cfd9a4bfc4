package dev.drover.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** b64encode, b64decode, hash, checksum, md5, sha1, urlencode. */
final class EncodingFilters {

    private EncodingFilters() {}

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("b64encode", (v, a) -> Base64.getEncoder().encodeToString(bytes(v))),
                AnsibleFilter.of("b64decode", (v, a) -> b64decode(PythonRepr.str(v))),
                AnsibleFilter.of("hash", (v, a) -> digest(v, a.string(0, "hashtype", "sha1"))),
                AnsibleFilter.of("checksum", (v, a) -> digest(v, "sha1")),
                AnsibleFilter.of("sha1", (v, a) -> digest(v, "sha1")),
                AnsibleFilter.of("md5", (v, a) -> digest(v, "md5")),
                AnsibleFilter.of("urlencode", (v, a) -> urlencode(v)));
    }

    private static byte[] bytes(Object value) {
        return PythonRepr.str(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String b64decode(String text) {
        try {
            return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RenderFailure("b64decode: " + PythonRepr.repr(text) + " is not valid base64");
        }
    }

    static String digest(Object value, String type) {
        String algorithm = switch (type.toLowerCase()) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new RenderFailure("unsupported hash type " + PythonRepr.repr(type));
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(value)));
        } catch (NoSuchAlgorithmException e) {
            throw new RenderFailure("hash type " + type + " is not available");
        }
    }

    /** Jinja's urlencode: a dict or pairs become a query string; text is quoted keeping '/'. */
    private static String urlencode(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(queryQuote(k) + "=" + queryQuote(v)));
            return String.join("&", parts);
        }
        if (value instanceof List<?> pairs) {
            List<String> parts = new ArrayList<>();
            for (Object pair : pairs) {
                List<Object> kv = ListFilters.iterable(pair);
                parts.add(queryQuote(kv.get(0)) + "=" + queryQuote(kv.get(1)));
            }
            return String.join("&", parts);
        }
        return quote(PythonRepr.str(value), "/");
    }

    private static String queryQuote(Object value) {
        return quote(PythonRepr.str(value), "").replace("%20", "+");
    }

    /** urllib.parse.quote: letters, digits and _.-~ stay, plus the safe characters. */
    static String quote(String text, String safe) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~")
                .replace("*", "%2A");
        for (char c : safe.toCharArray()) {
            encoded = encoded.replace(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8), String.valueOf(c));
        }
        return encoded;
    }
}
