#!/usr/bin/env python3
"""Samples, twice a second, every component's /readyz and the work queues' depth, as JSON lines:

    {"t": 1733350000.5, "ready": {"gateway": 200, "gps-worker": 0, ...}, "queued": 12}

A readiness of 0 means no answer (process down or hung). `queued` is the messages (ready and
unacknowledged) of the queues the load feeds, from the broker's management API; null while the
broker does not answer. Runs until `--stop-file` exists. Standard library only.
"""

import argparse
import base64
import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

SAMPLE_INTERVAL_SECONDS = 0.5
TIMEOUT_SECONDS = 1.0


def readiness(url):
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def queued(management_url, queues):
    """Messages held by `queues` (ready + unacknowledged), or None when the broker does not answer."""
    parts = urlsplit(management_url)
    request = urllib.request.Request(f"{parts.scheme}://{parts.hostname}:{parts.port}/api/queues/%2F?columns=name,messages")
    credentials = base64.b64encode(f"{parts.username}:{parts.password}".encode()).decode()
    request.add_header("Authorization", f"Basic {credentials}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            listing = json.load(response)
    except (OSError, ValueError):
        return None
    return sum(queue.get("messages") or 0 for queue in listing if queue["name"] in queues)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--component", action="append", required=True, help="NAME=http://host:port/readyz (repeatable)")
    parser.add_argument("--management-url", required=True)
    parser.add_argument("--queue", action="append", required=True, help="a queue the load feeds (repeatable)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--stop-file", required=True)
    arguments = parser.parse_args()

    components = dict(pair.split("=", 1) for pair in arguments.component)
    queues = set(arguments.queue)
    with open(arguments.out, "a", encoding="utf-8") as out, ThreadPoolExecutor(max_workers=len(components) + 1) as pool:
        while True:
            try:
                with open(arguments.stop_file, encoding="utf-8"):
                    break
            except FileNotFoundError:
                pass
            started = time.time()
            depth = pool.submit(queued, arguments.management_url, queues)
            ready = dict(zip(components, pool.map(readiness, components.values())))
            out.write(json.dumps({"t": started, "ready": ready, "queued": depth.result()}, separators=(",", ":")) + "\n")
            out.flush()
            time.sleep(max(0.0, SAMPLE_INTERVAL_SECONDS - (time.time() - started)))


if __name__ == "__main__":
    main()
