"""A bare repository served over Git's smart HTTP protocol (fetch only), for the benchmarks.

Run as a script (`git_http.py [--tls CERTIFICATE KEY] BARE`), it serves the bare repository until killed, over
HTTPS with --tls, printing the URL first (bench/commit-path uses it that way; bench/fleet_bench.py imports the
class). GET /_stats answers how many connections it accepted and requests it served. Standard library only.
"""
import gzip
import http.server
import json
import os
import socketserver
import ssl
import subprocess
import sys
import threading
from pathlib import Path


class GitHttpServer:
    """Serves one bare repository over Git's smart HTTP protocol (fetch only), the way a forge does.

    Each request runs C git's `upload-pack --stateless-rpc` in its own process, so the server's work (walking the
    commit's trees to choose what to send) happens outside the agent, as it does with GitHub or GitLab. A file://
    remote would run JGit's upload-pack inside the agent's JVM and charge the agent for the server's side too.
    """

    def __init__(self, bare, tls=None):
        """tls: (certificate file, key file) to serve HTTPS instead of HTTP."""
        self.bare = bare
        self.requests = 0
        self.connections = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def _reply(self, ctype, data):
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _upload_pack(self, stdin, *flags):
                env = dict(os.environ)
                if self.headers.get("Git-Protocol"):
                    env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
                server.requests += 1
                return subprocess.run(["git", "upload-pack", "--stateless-rpc", *flags, str(server.bare)],
                                      input=stdin, capture_output=True, env=env, check=True).stdout

            def do_GET(self):
                if self.path == "/_stats":  # for the benchmark: connections accepted, requests served
                    self._reply("application/json", json.dumps(
                        {"connections": server.connections, "requests": server.requests}).encode())
                    return
                if not self.path.endswith("/info/refs?service=git-upload-pack"):
                    self.send_error(404)
                    return
                refs = self._upload_pack(b"", "--advertise-refs")
                head = b"" if self.headers.get("Git-Protocol") else b"001e# service=git-upload-pack\n0000"
                self._reply("application/x-git-upload-pack-advertisement", head + refs)

            def do_POST(self):
                if not self.path.endswith("/git-upload-pack"):
                    self.send_error(404)
                    return
                n = int(self.headers.get("Content-Length") or 0)
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    body = b""
                    while (size := int(self.rfile.readline().strip().split(b";")[0], 16)) > 0:
                        body += self.rfile.read(size)
                        self.rfile.readline()
                    self.rfile.readline()
                else:
                    body = self.rfile.read(n)
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                self._reply("application/x-git-upload-pack-result", self._upload_pack(body))

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

            def get_request(self):
                accepted = super().get_request()
                server.connections += 1
                return accepted

        self.server = Server(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            # The handshake in the connection's own thread, not in the accepting loop.
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True,
                                                     do_handshake_on_connect=False)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}/{bare.name}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


if __name__ == "__main__":
    # git_http.py [--tls CERTIFICATE KEY] BARE
    args = sys.argv[1:]
    tls = None
    if args[:1] == ["--tls"]:
        tls, args = tuple(args[1:3]), args[3:]
    served = GitHttpServer(Path(args[0]), tls)
    print(served.url, flush=True)
    threading.Event().wait()
