# A TCP relay for WorkflowTriageLabTest: listens on 127.0.0.1:PORT of a lab host and passes each
# connection on to HOST:TARGET_PORT (the test's llama-server double on the lab bridge), so the
# llm-triage example's default expert http://127.0.0.1:8081 on the node is that double.
# Usage: tcp-relay.py PORT HOST TARGET_PORT
import socket, sys, threading

listen_port, host, target_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])


def pipe(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):  # the first direction to end ends both (HTTP needs no half-close here)
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def relay(client):
    try:
        upstream = socket.create_connection((host, target_port), timeout=10)
        upstream.settimeout(None)
    except OSError as e:
        print(f"tcp-relay: {host}:{target_port}: {e}", flush=True)
        client.close()
        return
    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
    pipe(client, upstream)


server = socket.create_server(("127.0.0.1", listen_port))
print(f"tcp-relay: 127.0.0.1:{listen_port} -> {host}:{target_port}", flush=True)
while True:
    connection, _ = server.accept()
    threading.Thread(target=relay, args=(connection,), daemon=True).start()
