#!/usr/bin/env python3
"""An SMTP sink for tests and benchmarks (aiosmtpd).

Accepts every mail and appends one JSON line per mail -- envelope sender, recipients and the raw
message in base64 -- to the file named on the command line. Prints the ephemeral port it listens
on, then serves until its standard input is closed (so it never outlives the process that started
it) or until killed.

    python3 scripts/smtp/sink.py mails.jsonl [USER:PASSWORD]

With USER:PASSWORD the sink requires AUTH (PLAIN or LOGIN, allowed without TLS for tests) and
refuses other credentials with 535.
"""

import base64
import json
import socket
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Recorder:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        line = json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content or envelope.content).decode(),
        })
        with self.lock, open(self.path, "a", encoding="utf-8") as output:
            output.write(line + "\n")
        return "250 OK"


def authenticator(expected):
    user, _, password = expected.partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        login = getattr(auth_data, "login", b"") or b""
        secret = getattr(auth_data, "password", b"") or b""
        # handled=False: aiosmtpd then answers a refusal with 535 itself.
        return AuthResult(success=login.decode() == user and secret.decode() == password, handled=False)

    return check


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: sink.py OUTPUT.jsonl [USER:PASSWORD]")
    port = free_port()
    options = {"data_size_limit": 64 * 1024 * 1024}
    if len(sys.argv) == 3:
        options.update(authenticator=authenticator(sys.argv[2]), auth_required=True, auth_require_tls=False)
    controller = Controller(Recorder(sys.argv[1]), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
