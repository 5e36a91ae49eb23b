#!/usr/bin/env python3
"""An SMTP sink for tests and benchmarks (aiosmtpd).

Accepts every mail and appends one JSON line per mail -- envelope sender, recipients and the raw
message in base64 -- to the file named on the command line. Prints the ephemeral port it listens
on, then serves until its standard input is closed (so it never outlives the process that started
it) or until killed.

    python3 scripts/smtp/sink.py mails.jsonl
"""

import base64
import json
import socket
import sys
import threading

from aiosmtpd.controller import Controller


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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: sink.py OUTPUT.jsonl")
    port = free_port()
    controller = Controller(Recorder(sys.argv[1]), hostname="127.0.0.1", port=port, data_size_limit=64 * 1024 * 1024)
    controller.start()
    print(port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
