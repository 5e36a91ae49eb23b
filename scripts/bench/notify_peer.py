#!/usr/bin/env python3
"""The peer of scripts/bench/notify.sh, and its webhook receiver.

    notify_peer.py receive            serve POST /hook (count, 204) on an ephemeral port; print the
                                      port; GET /count answers the count; stop when stdin closes
    notify_peer.py send COUNT SMTP_PORT WEBHOOK_URL
                                      send COUNT notifications the plain way: for each, one
                                      multipart/alternative mail with smtplib (one kept-open SMTP
                                      connection) and one HMAC-SHA256-signed JSON POST (one kept-alive
                                      HTTP connection); print "peer <notifications/s> <seconds>"
"""

import hashlib
import hmac
import http.client
import json
import smtplib
import sys
import threading
import time
import urllib.parse
import uuid
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SUBJECT = "Intervention planifiée"
BODY = "Chantier Gare Nord, demain 8 h : raccordement du tableau TGBT."
SECRET = b"bench-secret-bench-secret-bench!"


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    count = 0
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with Receiver.lock:
            Receiver.count += 1
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        body = str(Receiver.count).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def receive():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


def send(count, smtp_port, webhook_url):
    target = urllib.parse.urlsplit(webhook_url)
    started = time.perf_counter()
    smtp = smtplib.SMTP("127.0.0.1", smtp_port)
    web = http.client.HTTPConnection(target.hostname, target.port)
    for _ in range(count):
        mail = EmailMessage()
        mail["From"] = "notify@bench.example"
        mail["To"] = "bench@example.com"
        mail["Subject"] = SUBJECT
        mail.set_content(BODY)
        mail.add_alternative(f"<p>{BODY}</p>", subtype="html")
        smtp.send_message(mail)
        body = json.dumps({"id": str(uuid.uuid4()), "type": "message", "data": {"title": SUBJECT, "body": BODY}}).encode()
        stamp = str(int(time.time()))
        signature = hmac.new(SECRET, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        web.request("POST", target.path, body=body, headers={
            "Content-Type": "application/json", "FieldOps-Signature": f"t={stamp},v1={signature}",
        })
        web.getresponse().read()
    smtp.quit()
    elapsed = time.perf_counter() - started
    print(f"peer {int(count / elapsed)} {elapsed:.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["receive"]:
        receive()
    elif sys.argv[1:2] == ["send"] and len(sys.argv) == 5:
        send(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
