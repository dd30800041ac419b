#!/usr/bin/env python3
"""A stand-in chat receiver for the demo: accepts Pointsman's generic webhook POSTs on a loopback port and
prints one line per message (type and title) to stdout."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            msg = json.loads(body)
            print(f"[chat] {msg.get('type')}: {msg.get('title')}", flush=True)
        except ValueError:
            print("[chat] (unreadable message)", flush=True)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
