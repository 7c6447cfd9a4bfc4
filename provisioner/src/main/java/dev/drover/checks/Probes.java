package dev.drover.checks;

import static dev.drover.transport.ShellQuote.quote;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shell side of each check type: a POSIX sh snippet that prints what the host has, as
 * {@code key=value} lines ({@code key:b64=...} for text that may span lines). Nothing is
 * judged here; {@link Findings} reads these lines and the matchers decide in Java.
 */
final class Probes {

    /** Helpers every snippet starts with: k prints one line, kb a base64 blob read from stdin. */
    static final String PRELUDE = "k(){ printf '%s=%s\\n' \"$1\" \"$2\"; }; kb(){ printf '%s:b64=' \"$1\"; base64 -w0; echo; }; ";

    static final String NO_FETCHER = "neither curl nor wget is installed on this host";

    private Probes() {
    }

    static String snippet(Check check, Duration timeout) {
        String id = check.id();
        Map<String, Object> p = check.properties();
        return PRELUDE + switch (check.type()) {
            case "port" -> port(setting(p, "port", id));
            case "service" -> service(setting(p, "name", id));
            case "file" -> file(setting(p, "path", id), p);
            case "package" -> "dpkg-query -W -f='${db:Status-Abbrev}|${Version}\\n' " + quote(setting(p, "name", id))
                    + " 2>/dev/null | kb dpkg; command -v rpm >/dev/null 2>&1 && rpm -q --qf '%{VERSION}-%{RELEASE}\\n' "
                    + quote(setting(p, "name", id)) + " 2>/dev/null | kb rpm; :";
            case "command" -> "t=$(mktemp -d); sh -c " + quote(setting(p, "exec", id))
                    + " >\"$t/o\" 2>\"$t/e\" </dev/null; k exit-status $?; kb stdout <\"$t/o\"; kb stderr <\"$t/e\"; rm -rf \"$t\"";
            case "http" -> fetch(setting(p, "url", id), timeout, httpOptions(p));
            case "process" -> "k count \"$(cat /proc/[0-9]*/comm 2>/dev/null | grep -cxF -- "
                    + quote(id.length() > 15 ? id.substring(0, 15) : id) + ")\"";
            case "user" -> "e=$(getent passwd " + quote(setting(p, "username", id)) + "); k found $?; printf %s \"$e\" | kb passwd; "
                    + "id -Gn " + quote(setting(p, "username", id)) + " 2>/dev/null | kb groups";
            case "group" -> "e=$(getent group " + quote(setting(p, "groupname", id)) + "); k found $?; printf %s \"$e\" | kb group";
            case "kernel-param" -> "f=/proc/sys/" + quote(setting(p, "name", id).replace('.', '/')) + "; [ -r \"$f\" ] && { k found 0; kb value <\"$f\"; } || k found 1";
            case "mount" -> "kb mountinfo </proc/self/mountinfo; df -Pk " + quote(setting(p, "mountpoint", id)) + " 2>/dev/null | kb df";
            case "addr" -> addr(setting(p, "address", id), timeout);
            case "dns" -> dns(setting(p, "resolve", id));
            case "interface" -> "ip -o addr show dev " + quote(setting(p, "name", id)) + " 2>/dev/null | kb addrs; "
                    + "ip -o link show dev " + quote(setting(p, "name", id)) + " >\"${TMPDIR:-/tmp}/.l$$\" 2>/dev/null; k found $?; "
                    + "kb link <\"${TMPDIR:-/tmp}/.l$$\"; rm -f \"${TMPDIR:-/tmp}/.l$$\"";
            case "disk" -> "df -Pk " + quote(setting(p, "path", id)) + " 2>/dev/null | kb df";
            case "memory" -> "kb meminfo </proc/meminfo";
            case "load" -> "kb loadavg </proc/loadavg";
            case "cpu" -> "k count \"$(nproc)\"";
            case "matching" -> ":"; // judged in Java from the file alone
            case "nomad_node" -> "k hostname \"$(uname -n)\"; "
                    + fetch(trimSlash(setting(p, "address", "http://127.0.0.1:4646")) + "/v1/nodes", timeout,
                            tokenHeader(p, "X-Nomad-Token"));
            case "consul_service" -> fetch(trimSlash(setting(p, "address", "http://127.0.0.1:8500")) + "/v1/health/service/"
                    + setting(p, "name", id) + "?passing", timeout, tokenHeader(p, "X-Consul-Token"));
            case "docker_container" -> "if command -v docker >/dev/null 2>&1; then t=$(mktemp -d); docker inspect "
                    + quote(setting(p, "name", id)) + " >\"$t/o\" 2>\"$t/e\"; k rc $?; kb inspect <\"$t/o\"; kb error <\"$t/e\"; "
                    + "rm -rf \"$t\"; else k missing docker; fi";
            default -> throw new IllegalArgumentException("no probe for " + check.type());
        };
    }

    private static String port(String id) {
        String proto = id.contains(":") ? id.substring(0, id.indexOf(':')) : "tcp";
        String files = proto.startsWith("udp") ? "udp" : "tcp";
        return "kb " + files + " </proc/net/" + files + "; [ -r /proc/net/" + files + "6 ] && kb " + files + "6 </proc/net/"
                + files + "6; :";
    }

    private static String service(String id) {
        return "if command -v systemctl >/dev/null 2>&1; then systemctl is-active --quiet " + quote(id) + "; k running $?; "
                + "systemctl is-enabled --quiet " + quote(id) + " 2>/dev/null; k enabled $?; "
                + "else k missing systemctl; fi";
    }

    private static String file(String path, Map<String, Object> p) {
        StringBuilder sh = new StringBuilder("p=" + quote(path) + "; if [ -e \"$p\" ] || [ -L \"$p\" ]; then k exists 0; "
                + "stat --printf 'mode=%a\\nowner=%U\\ngroup=%G\\nuid=%u\\ngid=%g\\nsize=%s\\nfiletype=%F\\n' \"$p\"; "
                + "[ -L \"$p\" ] && k linked-to \"$(readlink \"$p\")\"; ");
        if (p.containsKey("contents") || p.containsKey("contains")) {
            sh.append("[ -f \"$p\" ] && kb contents <\"$p\"; ");
        }
        for (String sum : List.of("md5", "sha256", "sha512")) {
            if (p.containsKey(sum)) {
                sh.append("[ -f \"$p\" ] && k ").append(sum).append(" \"$(").append(sum).append("sum <\"$p\" | cut -d' ' -f1)\"; ");
            }
        }
        return sh.append("else k exists 1; fi").toString();
    }

    private static String addr(String address, Duration timeout) {
        String hostPort = address.replaceFirst("^[a-z]+://", "");
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon).replaceAll("^\\[|\\]$", "");
        String port = colon < 0 ? "" : hostPort.substring(colon + 1);
        String seconds = Timeouts.seconds(timeout);
        // POSIX sh cannot open a socket; bash's /dev/tcp can, and Debian always has bash. curl's telnet:// is the fallback.
        return "if command -v bash >/dev/null 2>&1; then bash -c 'exec 3<>/dev/tcp/\"$0\"/\"$1\"' " + quote(host) + " "
                + quote(port) + " 2>/dev/null; k reachable $?; elif command -v curl >/dev/null 2>&1; then "
                + "curl -s --connect-timeout " + seconds + " -m " + seconds + " telnet://" + quote(host) + ":" + quote(port)
                + " </dev/null >/dev/null 2>&1; r=$?; [ $r -eq 0 ] || [ $r -eq 28 ] && k reachable 0 || k reachable 1; "
                + "else k missing bash; fi";
    }

    private static String dns(String name) {
        String database = "ahosts";
        String host = name;
        if (name.startsWith("A:")) {
            database = "ahostsv4";
            host = name.substring(2);
        } else if (name.startsWith("AAAA:")) {
            database = "ahostsv6";
            host = name.substring(5);
        }
        return "getent " + database + " " + quote(host) + " >\"${TMPDIR:-/tmp}/.d$$\"; k found $?; "
                + "kb addrs <\"${TMPDIR:-/tmp}/.d$$\"; rm -f \"${TMPDIR:-/tmp}/.d$$\"";
    }

    /**
     * GETs a URL with curl or wget, whichever the host has, and prints the body, the response
     * headers (the status is the last "HTTP/x NNN" line), and any transport error.
     */
    static String fetch(String url, Duration timeout, String options) {
        String seconds = Timeouts.seconds(timeout);
        String[] parts = options.split("\u0000", -1);
        String curlOptions = parts[0];
        String wgetOptions = parts.length > 1 ? parts[1] : "";
        return "t=$(mktemp -d); : >\"$t/b\"; : >\"$t/h\"; : >\"$t/e\"; "
                + "if command -v curl >/dev/null 2>&1; then curl -sS -o \"$t/b\" -D \"$t/h\" --max-time " + seconds + " "
                + curlOptions + " " + quote(url) + " 2>\"$t/e\"; k fetch_rc $?; "
                + "elif command -v wget >/dev/null 2>&1; then wget -S -O \"$t/b\" -T " + seconds + " " + wgetOptions + " "
                + quote(url) + " 2>\"$t/h\"; k fetch_rc $?; "
                + "else k missing fetcher; fi; kb body <\"$t/b\"; kb headers <\"$t/h\"; kb fetch_error <\"$t/e\"; rm -rf \"$t\"";
    }

    /**
     * The ACL token setting as a header, and the CA of an HTTPS API (curl options, NUL, wget
     * options): with ACLs default-deny, Nomad's /v1/nodes and Consul's health endpoint answer
     * only with a token.
     */
    private static String tokenHeader(Map<String, Object> p, String header) {
        StringBuilder curl = new StringBuilder();
        StringBuilder wget = new StringBuilder();
        Object token = p.get("token");
        if (token != null && !String.valueOf(token).isEmpty()) {
            String quoted = quote(header + ": " + token);
            curl.append(" -H ").append(quoted);
            wget.append(" --header=").append(quoted);
        }
        // Nomad's and Consul's HTTPS APIs (TLS on, as the cluster roles set them up) are signed by the cluster's CA.
        Object caFile = p.get("ca-file");
        if (caFile != null && !String.valueOf(caFile).isEmpty()) {
            curl.append(" --cacert ").append(quote(String.valueOf(caFile)));
            wget.append(" --ca-certificate=").append(quote(String.valueOf(caFile)));
        }
        return curl + "\u0000" + wget;
    }

    /** curl options, NUL, the same for wget. */
    private static String httpOptions(Map<String, Object> p) {
        StringBuilder curl = new StringBuilder();
        StringBuilder wget = new StringBuilder();
        if (truthy(p.get("allow-insecure"))) {
            curl.append(" -k");
            wget.append(" --no-check-certificate");
        }
        if (!truthy(p.get("no-follow-redirects"))) {
            curl.append(" -L");
        } else {
            wget.append(" --max-redirect=0");
        }
        if (p.get("method") != null) {
            curl.append(" -X ").append(quote(String.valueOf(p.get("method"))));
            wget.append(" --method=").append(quote(String.valueOf(p.get("method"))));
        }
        if (p.get("username") != null) {
            String user = String.valueOf(p.get("username"));
            String password = p.get("password") == null ? "" : String.valueOf(p.get("password"));
            curl.append(" -u ").append(quote(user + ":" + password));
            wget.append(" --user=").append(quote(user)).append(" --password=").append(quote(password));
        }
        if (p.get("request-headers") instanceof List<?> headers) {
            for (Object header : headers) {
                curl.append(" -H ").append(quote(String.valueOf(header)));
                wget.append(" --header=").append(quote(String.valueOf(header)));
            }
        }
        for (String[] option : new String[][] {{"ca-file", "--cacert", "--ca-certificate="}, {"cert-file", "--cert", "--certificate="},
                {"key-file", "--key", "--private-key="}}) {
            if (p.get(option[0]) != null) {
                curl.append(' ').append(option[1]).append(' ').append(quote(String.valueOf(p.get(option[0]))));
                wget.append(' ').append(option[2]).append(quote(String.valueOf(p.get(option[0]))));
            }
        }
        if (p.get("proxy") != null) {
            String proxy = String.valueOf(p.get("proxy"));
            curl.append(" -x ").append(quote(proxy));
            wget.append(" -e use_proxy=yes -e ").append(quote("http_proxy=" + proxy)).append(" -e ").append(quote("https_proxy=" + proxy));
        }
        if (p.get("request-body") != null) {
            curl.append(" --data-binary ").append(quote(String.valueOf(p.get("request-body"))));
            wget.append(" --body-data=").append(quote(String.valueOf(p.get("request-body"))));
        }
        return curl + "\u0000" + wget;
    }

    static boolean truthy(Object value) {
        return value != null && (Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value))
                || "yes".equalsIgnoreCase(String.valueOf(value)));
    }

    static String setting(Map<String, Object> p, String name, String fallback) {
        Object value = p.get(name);
        return value == null ? fallback : String.valueOf(value);
    }

    private static String trimSlash(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }
}
