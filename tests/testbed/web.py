#!/usr/bin/env python3
"""The test bed's HTTP and HTTPS server for autoconfig documents and the ISPDB.

Serves ROOT/<Host header>/<path> (query strings ignored), and ROOT/ispdb/<domain>
for the ISPDB. Port 80 serves every host; port 443 presents a certificate that
names only some hosts, so HTTPS fails for the others exactly as it would in life.
"""
import argparse
import http.server
import os
import ssl
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    root = "."

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        if path.startswith("/ispdb/"):
            rel = os.path.join("ispdb", os.path.basename(path))
        else:
            rel = os.path.join(host, path.lstrip("/"))
        full = os.path.realpath(os.path.join(self.root, rel))
        if not full.startswith(os.path.realpath(self.root) + os.sep) or not os.path.isfile(full):
            self.send_error(404)
            return
        with open(full, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--addr", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    a = p.parse_args()
    Handler.root = a.root
    plain = http.server.ThreadingHTTPServer((a.addr, 80), Handler)
    tls = http.server.ThreadingHTTPServer((a.addr, 443), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    tls.serve_forever()


if __name__ == "__main__":
    main()
