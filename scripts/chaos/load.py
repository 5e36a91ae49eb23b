#!/usr/bin/env python3
"""Steady load for the chaos experiment: confirmed job submissions and GPS positions.

Every request is one operation, sent once (never retried, so its outcome is unambiguous), and
recorded in the ledger (JSON lines) with when it was sent, when it was answered and how:

    {"kind": "job", "op": 17, "seed": 17, "sent": 1733350000.12, "done": ..., "status": 202, "job_id": "…"}
    {"kind": "gps", "op": 9, "device": "chaos-…-d1", "fix_ms": [...], "sent": ..., "done": ..., "status": 202}

`status` is the HTTP status, or 0 when no answer came (timeout, connection refused): such an
operation is indeterminate. Jobs are `POST /v1/planning/assign` previews whose `seed` is the
operation number, so the checker finds each job's row by its payload. Runs until `--stop-file`
exists. Standard library only.
"""

import argparse
import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

REQUEST_TIMEOUT_SECONDS = 20


class Ledger:
    """Appends one JSON line per operation; shared by the request threads."""

    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8")
        self._lock = threading.Lock()

    def record(self, entry):
        line = json.dumps(entry, separators=(",", ":"))
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self):
        self._file.close()


def post(base, path, body, headers):
    """Sends one POST; returns (status, parsed JSON body or None, error text or None)."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json", **headers})
        response = connection.getresponse()
        payload = response.read()
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = None
        return response.status, parsed, None
    except (OSError, http.client.HTTPException) as error:
        return 0, None, f"{type(error).__name__}: {error}"
    finally:
        connection.close()


class JobLoad:
    """Plan previews of one day; the seed is the operation number."""

    def __init__(self, arguments, ledger):
        self.arguments = arguments
        self.ledger = ledger

    def run(self, op):
        headers = {"Authorization": f"Bearer {self.arguments.user_token}"}
        body = {"day": self.arguments.day, "mode": "preview", "seed": op}
        sent = time.time()
        status, answer, error = post(self.arguments.gateway, "/v1/planning/assign", body, headers)
        entry = {"kind": "job", "op": op, "seed": op, "sent": sent, "done": time.time(), "status": status}
        if status == 202 and isinstance(answer, dict):
            entry["job_id"] = answer.get("id")
        elif error or answer:
            entry["error"] = error or (answer.get("detail") if isinstance(answer, dict) else None)
        self.ledger.record(entry)


class PositionLoad:
    """One position per request, devices in turn; fix times strictly increase per device."""

    def __init__(self, arguments, ledger):
        self.arguments = arguments
        self.ledger = ledger
        self.devices = [pair.split("=", 1) for pair in arguments.device]
        self.last_fix = {device: 0 for device, _ in self.devices}
        self.lock = threading.Lock()

    def next_fix(self, device):
        with self.lock:
            fix = max(int(time.time() * 1000), self.last_fix[device] + 1)
            self.last_fix[device] = fix
            return fix

    def run(self, op):
        device, token = self.devices[op % len(self.devices)]
        fix = self.next_fix(device)
        # A slow walk around Lyon: valid coordinates, a plausible speed.
        position = {
            "fix_time": fix, "latitude": 45.75 + (op % 1000) * 1e-5, "longitude": 4.85 + (op % 997) * 1e-5,
            "speed": 1.2, "accuracy": 5,
        }
        sent = time.time()
        status, answer, error = post(
            self.arguments.gateway, "/v1/gps/positions", {"positions": [position]},
            {"Authorization": f"Bearer {token}"},
        )
        entry = {"kind": "gps", "op": op, "device": device, "fix_ms": [fix], "sent": sent, "done": time.time(), "status": status}
        if status != 202 and (error or answer):
            entry["error"] = error or (answer.get("detail") if isinstance(answer, dict) else None)
        self.ledger.record(entry)


def paced(rate, action, pool, stop_file):
    """Starts `action(op)` `rate` times a second on `pool`, whatever the answers' latency."""
    interval = 1.0 / rate
    op = 0
    next_start = time.monotonic()
    while not stop_requested(stop_file):
        op += 1
        pool.submit(action, op)
        next_start += interval
        time.sleep(max(0.0, next_start - time.monotonic()))


def stop_requested(path):
    try:
        with open(path, encoding="utf-8"):
            return True
    except FileNotFoundError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--user-token", required=True, help="a dispatcher's access token for the tenant")
    parser.add_argument("--device", action="append", required=True, help="DEVICE_ID=TOKEN (repeatable)")
    parser.add_argument("--day", required=True, help="the day the previews plan (YYYY-MM-DD)")
    parser.add_argument("--jobs-per-second", type=float, default=5)
    parser.add_argument("--positions-per-second", type=float, default=10)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--stop-file", required=True)
    arguments = parser.parse_args()

    ledger = Ledger(arguments.ledger)
    # Enough threads that requests held for the whole timeout (a paused database) do not slow the pace.
    with ThreadPoolExecutor(max_workers=256) as pool:
        pacers = [
            threading.Thread(target=paced, args=(arguments.jobs_per_second, JobLoad(arguments, ledger).run, pool, arguments.stop_file)),
            threading.Thread(target=paced, args=(arguments.positions_per_second, PositionLoad(arguments, ledger).run, pool, arguments.stop_file)),
        ]
        for pacer in pacers:
            pacer.start()
        for pacer in pacers:
            pacer.join()
    ledger.close()


if __name__ == "__main__":
    main()
