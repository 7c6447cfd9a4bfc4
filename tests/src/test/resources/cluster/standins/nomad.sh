#!/bin/sh
# STAND-IN for HashiCorp Nomad @VERSION@, built by drover's tests
# (tests/src/test/resources/cluster/standins). It is NOT Nomad: it answers the commands the
# nomad role runs, so the role's mechanics can be tested where Nomad cannot be downloaded.
version=@VERSION@
state=/opt/nomad/standin
say() { echo "STAND-IN nomad: $*" >&2; }

case "${1:-}" in
  version|-version|--version)
    echo "Nomad v$version (STAND-IN for drover's tests, not HashiCorp Nomad)"
    ;;
  agent)
    [ "${2:-}" = -config ] && [ -r "$3/nomad.hcl" ] && [ -r "$3/secrets.hcl" ] ||
      { say "usage: nomad agent -config DIR (with nomad.hcl and secrets.hcl)"; exit 1; }
    address=$(sed -n 's/^bind_addr *= *"\([^"]*\)".*/\1/p' "$3/nomad.hcl")
    port=$(sed -n 's/^ *http *= *\([0-9][0-9]*\).*/\1/p' "$3/nomad.hcl" | head -n 1)
    mkdir -p "$state"
    echo "$(date +%s) pid=$$ version=$version" >> "$state/starts"
    exec python3 -c '
import http.server, sys
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"\"STAND-IN nomad\"\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer((sys.argv[1], int(sys.argv[2])), Answer).serve_forever()
' "${address:-0.0.0.0}" "${port:-4646}"
    ;;
  acl)
    [ "${2:-} ${3:-}" = "bootstrap -json" ] || { say "acl ${2:-} is not stood in for"; exit 1; }
    [ -n "${NOMAD_ADDR:-}" ] || { say "NOMAD_ADDR is not set"; exit 1; }
    mkdir -p "$state"
    [ -e "$state/bootstrap" ] && { say "Error bootstrapping: Unexpected response code: 400 (ACL bootstrap already done)"; exit 1; }
    id=$(cat /proc/sys/kernel/random/uuid)
    printf '{\n    "AccessorID": "%s",\n    "SecretID": "%s",\n    "Name": "Bootstrap Token",\n    "Type": "management"\n}\n' \
      "$(cat /proc/sys/kernel/random/uuid)" "$id"
    echo "$id" > "$state/bootstrap"
    ;;
  *)
    say "'$*' is not stood in for"
    exit 1
    ;;
esac
