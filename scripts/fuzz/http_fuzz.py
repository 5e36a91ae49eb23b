#!/usr/bin/env python3
"""Throws malformed HTTP/1.1 at a server for a while and counts how it answered.

Usage: http_fuzz.py HOST PORT SECONDS [SEED]

A run is reproducible from its seed (printed first; random when not given).

Each case opens a connection, sends one kind of bad (or, as a control, good) input and reads
whatever comes back. The server passes when it never stops accepting connections and never
answers with a server fault (500, 502-504). Prints one "outcome count" line per outcome, then a
JSON summary on the last line.
"""
import collections
import json
import random
import socket
import sys
import threading
import time

READ_TIMEOUT = 1.0  # inputs the server waits on (no blank line yet) cost this much each
# Server faults. 501/505 are correct answers to unknown methods and HTTP versions.
FAULT_STATUSES = {"500", "502", "503", "504"}
SLOW_CONNECTIONS = 32  # bound on concurrent slowloris connections
SLOW_SECONDS = 3.0     # bound on how long each one dribbles


def random_bytes(rng):
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 4096)))


def broken_request_line(rng):
    method = rng.choice([b"GET", b"POST", b"G\x00T", b"", b"GET GET", b"\xff\xfe", b"get", b"X" * 300])
    target = rng.choice([b"/healthz", b"", b"healthz", b"/%zz", b"/" + b"a" * 70000, b"/\r/", b"/ /", b"*"])
    version = rng.choice([b"HTTP/1.1", b"HTTP/9.9", b"HTTP/1", b"", b"HTTPS/1.1", b"HTTP/1.1 extra"])
    return method + b" " + target + b" " + version + rng.choice([b"\r\n", b"\n", b"\r"]) + b"Host: x\r\n\r\n"


def huge_headers(rng):
    if rng.random() < 0.5:
        return b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"v" * rng.randint(10_000, 200_000) + b"\r\n\r\n"
    headers = b"".join(b"X-H%d: %d\r\n" % (i, i) for i in range(rng.randint(500, 5000)))
    return b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n"


def bad_chunked(rng):
    body = rng.choice([
        b"zz\r\nhello\r\n0\r\n\r\n",
        b"5\r\nhelloXX0\r\n\r\n",
        b"ffffffffffffffffffff\r\nabc\r\n",
        b"-5\r\nhello\r\n0\r\n\r\n",
        b"5;ext=\x00\r\nhello\r\n0\r\n\r\n",
        b"3\r\nabcdef\r\n0\r\n\r\n",
        b"0\r\nTrailer-Without-Colon\r\n\r\n",
    ])
    return b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body


def bad_content_length(rng):
    value = rng.choice([b"-1", b"abc", b"99999999999999999999999", b"10, 20", b"", b"1e3", b" 5", b"0x10"])
    extra = b"Content-Length: 3\r\n" if rng.random() < 0.3 else b""
    return b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: " + value + b"\r\n" + extra + b"\r\nabcdef"


def control(rng):
    return b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


CASES = [random_bytes, broken_request_line, huge_headers, bad_chunked, bad_content_length, control]


def read_status(sock):
    """The status code of the first response, 'closed' when the server hung up without one."""
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    if not data:
        return "closed"
    parts = data.split(b"\r\n", 1)[0].split(b" ")
    return parts[1].decode("ascii", "replace") if len(parts) > 1 and parts[0].startswith(b"HTTP/") else "garbage"


def run_case(host, port, case, rng):
    try:
        sock = socket.create_connection((host, port), timeout=READ_TIMEOUT)
    except OSError as error:
        return "connect-error", str(error)
    try:
        try:
            sock.sendall(case(rng))
        except OSError:
            pass  # the server may close early on a huge request; what it answered still counts
        try:
            status = read_status(sock)
        except socket.timeout:
            status = "timeout"
        except OSError:
            status = "closed"
        return status, None
    finally:
        sock.close()


def slowloris(host, port, deadline, rng):
    """Dribbles a request a byte at a time, never finishing it within SLOW_SECONDS."""
    try:
        sock = socket.create_connection((host, port), timeout=READ_TIMEOUT)
    except OSError:
        return "connect-error"
    partial = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 1000
    stop = min(deadline, time.monotonic() + SLOW_SECONDS)
    try:
        for byte in partial:
            if time.monotonic() >= stop:
                return "slow-abandoned"
            sock.send(bytes([byte]))
            time.sleep(rng.uniform(0.01, 0.1))
        return "slow-finished"
    except OSError:
        return "slow-closed-by-server"
    finally:
        sock.close()


def main():
    host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    base_seed = int(sys.argv[4]) if len(sys.argv) > 4 else random.SystemRandom().randrange(1 << 32)
    print(f"seed {base_seed}")
    deadline = time.monotonic() + seconds
    counts = collections.Counter()
    suspicious = []
    lock = threading.Lock()

    def worker(seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            case = rng.choice(CASES)
            status, error = run_case(host, port, case, rng)
            with lock:
                counts[f"{case.__name__} {status}"] += 1
                if status == "connect-error" or status in FAULT_STATUSES:
                    suspicious.append(f"{case.__name__}: {status} {error or ''}".strip())

    def slow_worker(seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            outcome = slowloris(host, port, deadline, rng)
            with lock:
                counts[f"slowloris {outcome}"] += 1

    threads = [threading.Thread(target=worker, args=(base_seed + seed,)) for seed in range(8)]
    threads += [threading.Thread(target=slow_worker, args=(base_seed + 1000 + seed,)) for seed in range(SLOW_CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for outcome, count in sorted(counts.items()):
        print(f"{outcome:45s} {count:8d}")
    print(json.dumps({"cases": sum(counts.values()), "suspicious": len(suspicious), "examples": suspicious[:5]}))


if __name__ == "__main__":
    main()
