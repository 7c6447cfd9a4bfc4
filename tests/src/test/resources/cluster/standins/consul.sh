#!/bin/sh
# STAND-IN for HashiCorp Consul @VERSION@, built by drover's tests
# (tests/src/test/resources/cluster/standins). It is NOT Consul: it answers the commands the
# consul role runs, so the role's mechanics can be tested where Consul cannot be downloaded.
version=@VERSION@
state=/opt/consul/standin
say() { echo "STAND-IN consul: $*" >&2; }

case "${1:-}" in
  version|-version|--version)
    echo "Consul v$version (STAND-IN for drover's tests, not HashiCorp Consul)"
    ;;
  agent)
    dir=
    for arg in "$@"; do case $arg in -config-dir=*) dir=${arg#-config-dir=};; esac; done
    for file in consul.hcl secrets.hcl; do
      [ -r "$dir/$file" ] || { say "cannot read $dir/$file"; exit 1; }
    done
    port=$(sed -n 's/^ *http *= *\([0-9]*\).*/\1/p' "$dir/consul.hcl" | head -n 1)
    mkdir -p "$state"
    echo "$(date +%s) pid=$$ version=$version" >> "$state/starts"
    # The real agent tells systemd it is ready (Type=notify); so does this, from the main PID.
    exec python3 -c '
import http.server, os, socket, sys
address = os.environ.get("NOTIFY_SOCKET")
if address:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.connect("\0" + address[1:] if address.startswith("@") else address)
    sock.sendall(b"READY=1")
    sock.close()
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"\"STAND-IN consul\"\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("0.0.0.0", int(sys.argv[1])), Answer).serve_forever()
' "${port:-8500}"
    ;;
  acl)
    mkdir -p "$state"
    # Like the real CLI, everything but bootstrap needs the management token.
    need_token() {
      [ -n "${CONSUL_HTTP_TOKEN_FILE:-}" ] && [ -r "$CONSUL_HTTP_TOKEN_FILE" ] &&
        [ "$(cat "$CONSUL_HTTP_TOKEN_FILE")" = "$(cat "$state/bootstrap" 2>/dev/null)" ] ||
        { say "Permission denied: token lacks permission 'acl:write'"; exit 1; }
    }
    secret() {
      id=$(cat /proc/sys/kernel/random/uuid)
      printf '{\n    "AccessorID": "%s",\n    "SecretID": "%s",\n    "Description": "%s"\n}\n' \
        "$(cat /proc/sys/kernel/random/uuid)" "$id" "$1"
      echo "$id"
    }
    case "${2:-} ${3:-}" in
      "bootstrap "*)
        [ -e "$state/bootstrap" ] && { say "Failed ACL bootstrapping: Unexpected response code: 403 (Permission denied: ACL bootstrap no longer allowed)"; exit 1; }
        secret "Bootstrap Token (Global Management)" > "$state/bootstrap.out"
        head -n -1 "$state/bootstrap.out"
        tail -n 1 "$state/bootstrap.out" > "$state/bootstrap"
        rm -f "$state/bootstrap.out"
        ;;
      "policy read")
        need_token
        name=$(echo "$*" | sed -n 's/.*-name \([^ ]*\).*/\1/p')
        [ -e "$state/policy-$name" ] || { say "Error reading policy: no such policy $name"; exit 1; }
        cat "$state/policy-$name"
        ;;
      "policy create"|"policy update")
        need_token
        name=$(echo "$*" | sed -n 's/.*-name \([^ ]*\).*/\1/p')
        rules=$(echo "$*" | sed -n 's/.*-rules @\([^ ]*\).*/\1/p')
        cp "$rules" "$state/policy-$name"
        echo "$3 policy $name" >> "$state/acl.log"
        ;;
      "token create")
        need_token
        secret "drover token" > "$state/token.out"
        head -n -1 "$state/token.out"
        rm -f "$state/token.out"
        echo "token create" >> "$state/acl.log"
        ;;
      *) say "acl ${2:-} ${3:-} is not stood in for"; exit 1 ;;
    esac
    ;;
  *)
    say "'$*' is not stood in for"
    exit 1
    ;;
esac
