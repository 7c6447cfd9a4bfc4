package dev.drover.modules.net;

import dev.drover.transport.ShellQuote;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request made ON THE HOST, as Ansible's url modules make it there: the shell
 * text that runs curl (or, for a plain download, wget when there is no curl), leaving the
 * body in a file and printing what {@link HttpResponse#parse} reads: the tool's exit code,
 * the status, the final URL, and the last response's headers.
 *
 * @param body bytes sent on the command's standard input, or null for none
 */
record HttpRequest(String method, String url, Map<String, String> headers, byte[] body, long timeout,
                   boolean validateCerts, String user, String password, boolean followRedirects, String agent) {

    HttpRequest {
        headers = new LinkedHashMap<>(headers);
    }

    /**
     * Shell lines that fetch into the file named by shell variable {@code $o} (which must
     * exist), with headers in {@code "$o.h"}; they print {@code Q tool exit status url}
     * and {@code N <base64 of the headers>}, and never fail the script themselves.
     *
     * @param allowWget whether wget may stand in for a missing curl (it cannot send a method or body)
     */
    String script(boolean allowWget) {
        StringBuilder curl = new StringBuilder("curl -sS -o \"$o\" -D \"$o.h\" -w '%{http_code} %{url_effective}'");
        if (!method.equals("GET")) {
            curl.append(method.equals("HEAD") ? " -I" : " -X " + ShellQuote.quote(method));
        }
        if (followRedirects) {
            curl.append(" -L");
        }
        curl.append(" --max-time ").append(timeout).append(" --connect-timeout ").append(timeout);
        if (!validateCerts) {
            curl.append(" -k");
        }
        if (user != null) {
            curl.append(" -u ").append(ShellQuote.quote(user + ":" + (password == null ? "" : password)));
        }
        curl.append(" -A ").append(ShellQuote.quote(agent));
        headers.forEach((name, value) -> curl.append(" -H ").append(ShellQuote.quote(name + ": " + value)));
        if (body != null) {
            curl.append(" --data-binary @-");
        }
        curl.append(" -- ").append(ShellQuote.quote(url));
        if (body == null) {
            curl.append(" </dev/null");
        }
        StringBuilder wget = new StringBuilder("wget -q -S -O \"$o\" --timeout=").append(timeout).append(" -t 1");
        if (!validateCerts) {
            wget.append(" --no-check-certificate");
        }
        if (!followRedirects) {
            wget.append(" --max-redirect=0");
        }
        if (user != null) {
            wget.append(" --user=").append(ShellQuote.quote(user)).append(" --password=")
                    .append(ShellQuote.quote(password == null ? "" : password));
        }
        wget.append(" -U ").append(ShellQuote.quote(agent));
        headers.forEach((name, value) -> wget.append(" --header=").append(ShellQuote.quote(name + ": " + value)));
        wget.append(" -- ").append(ShellQuote.quote(url)).append(" 2>\"$o.h\" </dev/null");
        return "if command -v curl >/dev/null 2>&1; then w=$(" + curl + " 2>\"$o.e\"); r=$?; printf 'Q curl %s %s\\n' \"$r\" \"$w\";"
                + " printf 'E %s\\n' \"$(head -c 300 \"$o.e\" | tr '\\n' ' ')\"\n"
                + (allowWget ? "elif command -v wget >/dev/null 2>&1; then " + wget + "; r=$?; printf 'Q wget %s\\n' \"$r\"\n" : "")
                + "else printf 'Q none\\n'; fi\n"
                + "printf 'N '; base64 -w0 \"$o.h\" 2>/dev/null; echo; rm -f -- \"$o.h\" \"$o.e\"\n";
    }
}
