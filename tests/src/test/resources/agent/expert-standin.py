# Stands in for llama-server in WorkflowExamplesLabTest: loads the model file given (exit 1
# when it is missing, as llama-server does), answers GET /health 503 "Loading model" for its
# first 5 seconds and then 200 {"status": "ok", "model_sha256": ...}, so a test can tell which
# model the running expert loaded. It logs one line at start (to the journal, under systemd),
# which WorkflowTriageLabTest looks for in what the llm-triage example sends its expert.
import hashlib, http.server, json, os, sys, time

model, port = sys.argv[1], int(sys.argv[2])
with open(model, "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()
ready_at = time.monotonic() + 5
print(f"expert-standin[{os.getpid()}]: loaded {model} (sha256 {digest[:16]}), serving /health on 127.0.0.1:{port}",
      flush=True)


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/health":
            self.answer(404, {"error": {"code": 404, "message": "File Not Found"}})
        elif time.monotonic() < ready_at:
            self.answer(503, {"error": {"code": 503, "message": "Loading model", "type": "unavailable_error"}})
        else:
            self.answer(200, {"status": "ok", "model_sha256": digest})

    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Health).serve_forever()
