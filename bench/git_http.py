"""A bare repository served over Git's smart HTTP protocol (fetch only), for the benchmarks.

Run as a script, it serves the bare repository given as its only argument until killed, printing the URL first
(bench/commit-path uses it that way; bench/fleet_bench.py imports the class). Standard library only.
"""
import gzip
import http.server
import os
import socketserver
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

    def __init__(self, bare):
        self.bare = bare
        self.requests = 0
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

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/{bare.name}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


if __name__ == "__main__":
    served = GitHttpServer(Path(sys.argv[1]))
    print(served.url, flush=True)
    threading.Event().wait()
