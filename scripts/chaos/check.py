#!/usr/bin/env python3
"""Checks the chaos experiment's ledger against what the platform stored, and writes the report.

Categories, after RabbitMQ's Jepsen queue checker, for every operation of the ledger:

* ok         — accepted (202) and its effect is there exactly once;
* lost       — accepted, and its effect never appeared (job not `succeeded`, position not stored);
* duplicated — its effect is there more than once (two job rows for one submission, a position twice);
* recovered  — accepted while a fault was active (from its injection until every component was
               ready again), and held back by it: its effect came later than the slowest effects
               before any fault (see `delay_threshold`), but it came;
* unexpected — an effect nobody was promised: a job row or a position the load never sent, or a
               job row left behind by a submission that was refused;
* indeterminate, applied — no answer came (timeout, connection lost) but the effect is there
               (Jepsen's own "recovered": harmless, a client retry is absorbed by idempotency).

Effects: a job is its row in the control plane's `jobs` (found by the preview's seed) having
reached `succeeded`; a position is its row in the tenant's `positions` (device, fix time).
Waits up to `--drain-seconds` for accepted work to take effect. Exits 1 when anything is lost,
duplicated or unexpected. Standard library only (PostgreSQL through `psql --csv`).
"""

import argparse
import csv
import io
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

ACCEPTED = 202


def read_json_lines(path):
    with open(path, encoding="utf-8") as source:
        return [json.loads(line) for line in source if line.strip()]


def query(url, sql):
    """Rows of `sql` as lists of strings ('' for NULL)."""
    output = subprocess.run(
        ["psql", url, "--csv", "--tuples-only", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True, capture_output=True, text=True,
    ).stdout
    return list(csv.reader(io.StringIO(output)))


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def tenant_database_url(control_url, servers, slug):
    """The tenant's database, reached with its server's admin credentials."""
    rows = query(control_url, f"SELECT server_name, database_name FROM tenants WHERE slug = {literal(slug)}")
    if not rows:
        sys.exit(f"check: tenant {slug} is not in the control plane")
    server, database = rows[0]
    admin = dict(entry.split("=", 1) for entry in servers.split(","))[server]
    parts = urlsplit(admin)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


class Effects:
    """What the platform stored for the tenant: job rows by seed, positions by (device, fix ms)."""

    def __init__(self, control_url, tenant_url, slug, device_prefix):
        self.jobs = defaultdict(list)
        for seed, job_id, status, finished in query(control_url, f"""
                SELECT payload->>'seed', id, status, extract(epoch FROM finished_at)
                FROM jobs WHERE tenant = {literal(slug)} AND kind = 'schedule.assign.v1'"""):
            self.jobs[int(seed)].append({"id": job_id, "status": status, "finished": float(finished) if finished else None})
        self.positions = defaultdict(list)
        for device, fix_ms, stored in query(tenant_url, f"""
                SELECT device_id, round(extract(epoch FROM fix_time) * 1000)::bigint, extract(epoch FROM stored_at)
                FROM positions WHERE device_id LIKE {literal(device_prefix + '%')}"""):
            self.positions[(device, int(fix_ms))].append(float(stored))
        metered = query(control_url, f"""
            SELECT coalesce(sum(u.positions), 0) FROM tenant_usage_daily u JOIN tenants t ON t.id = u.tenant_id
            WHERE t.slug = {literal(slug)}""")
        self.metered_positions = int(metered[0][0])

    def of(self, op):
        """(number of effects, when the first took effect or None) for one ledger operation."""
        if op["kind"] == "job":
            done = [row["finished"] for row in self.jobs.get(op["seed"], []) if row["status"] == "succeeded"]
            return len(self.jobs.get(op["seed"], [])), (min(done) if done else None)
        stored = [time for fix in op["fix_ms"] for time in self.positions.get((op["device"], fix), [])]
        copies = max((len(self.positions.get((op["device"], fix), [])) for fix in op["fix_ms"]), default=0)
        complete = all(self.positions.get((op["device"], fix)) for fix in op["fix_ms"])
        return copies, (max(stored) if complete else None)


def wait_for_effects(ledger, load_effects, drain_seconds):
    """Reloads the effects until every accepted operation has one, or the drain time is spent."""
    deadline = time.time() + drain_seconds
    while True:
        effects = load_effects()
        missing = [op for op in ledger if op["status"] == ACCEPTED and effects.of(op)[1] is None]
        if not missing or time.time() >= deadline:
            return effects
        time.sleep(2)


def recovered_in(fault, op, done, threshold):
    return fault["start"] <= op["sent"] <= fault["ready_at"] and done - op["done"] > threshold


def classify(ledger, effects, faults, threshold):
    """Per kind: counters, and the operations of each failing category (for the report)."""
    summary = {}
    failures = []
    sent_fixes = {(op["device"], fix) for op in ledger if op["kind"] == "gps" for fix in op["fix_ms"]}
    sent_seeds = {op["seed"] for op in ledger if op["kind"] == "job"}
    for kind in ("job", "gps"):
        counts = defaultdict(int)
        for op in (op for op in ledger if op["kind"] == kind):
            counts["sent"] += 1
            copies, done = effects.of(op)
            if op["status"] == ACCEPTED:
                counts["accepted"] += 1
                if done is None:
                    counts["lost"] += 1
                    failures.append(("lost", op))
                elif copies > 1:
                    counts["duplicated"] += 1
                    failures.append(("duplicated", op))
                else:
                    counts["ok"] += 1
                    if any(recovered_in(fault, op, done, threshold) for fault in faults):
                        counts["recovered"] += 1
            elif op["status"] == 0:
                counts["indeterminate"] += 1
                if copies:
                    counts["indeterminate, applied"] += 1
            else:
                counts[f"refused {op['status']}"] += 1
                if kind == "job" and copies:
                    counts["unexpected"] += 1
                    failures.append(("unexpected (refused, yet a job row exists)", op))
                elif copies:
                    counts["refused, applied"] += 1
        if kind == "job":
            strays = [seed for seed in effects.jobs if seed not in sent_seeds]
        else:
            strays = [key for key in effects.positions if key not in sent_fixes]
        if strays:
            counts["unexpected"] += len(strays)
            failures.extend(("unexpected (never sent)", {"kind": kind, "effect": str(stray)}) for stray in strays[:20])
        summary[kind] = counts
    return summary, failures


def component_recovery(probe, fault, until):
    """For each component: seconds it was not ready after the fault began (None: stayed ready)."""
    samples = [sample for sample in probe if fault["start"] <= sample["t"] < until]
    result = {}
    for component in (samples[0]["ready"] if samples else {}):
        down_from = back_at = None
        for sample in samples:
            ready = sample["ready"].get(component) == 200
            if not ready and down_from is None:
                down_from = sample["t"]
            elif ready and down_from is not None and back_at is None:
                back_at = sample["t"]
            elif not ready and back_at is not None:
                back_at = None
        if down_from is not None:
            result[component] = (back_at - fault["start"]) if back_at else float("inf")
    return result


def delay_threshold(ledger, effects, faults):
    """How late an effect may come before it counts as held back: twice the 99th percentile of
    the delay (answer to effect) before the first fault, and at least a second."""
    first_fault = faults[0]["start"] if faults else float("inf")
    delays = sorted(done - op["done"] for op in ledger if op["status"] == ACCEPTED and op["sent"] < first_fault
                    for done in [effects.of(op)[1]] if done is not None)
    return max(1.0, 2 * delays[int(len(delays) * 0.99)]) if delays else 1.0


def drained_after(ledger, effects, fault, until, threshold):
    """Seconds from the fault's start until the last operation it held back took effect (a backlog
    drained); None when it held nothing back. Held back: accepted before `until` (the next fault),
    late beyond `threshold`, and either accepted during this fault or still pending when it began."""
    held = []
    for op in ledger:
        if op["status"] != ACCEPTED or op["sent"] >= until:
            continue
        done = effects.of(op)[1]
        if op["sent"] >= fault["start"]:
            if done is None or done - op["done"] > threshold:
                held.append(done)
        elif done is not None and done > fault["start"] and done - op["done"] > threshold:
            held.append(done)
    if not held:
        return None
    return float("inf") if None in held else max(held) - fault["start"]


def seconds(value):
    if value is None:
        return "nothing held back"
    return "never" if value == float("inf") else f"{value:.1f} s"


def report(arguments, ledger, probe, faults, effects, threshold, summary, failures):
    lines = [f"Run `{arguments.run_id}`, tenant `{arguments.tenant}`; load average at the end: {arguments.load_average}.", ""]
    categories = ["sent", "accepted", "ok", "lost", "duplicated", "recovered", "unexpected", "indeterminate", "indeterminate, applied", "refused, applied"]
    refusals = sorted({key for counts in summary.values() for key in counts if key.startswith("refused ") and key[8:].isdigit()})
    lines += ["| category | jobs (`POST /v1/planning/assign`) | positions (`POST /v1/gps/positions`) |", "|---|---:|---:|"]
    for category in categories + refusals:
        lines.append(f"| {category} | {summary['job'].get(category, 0)} | {summary['gps'].get(category, 0)} |")
    lines.append("")
    latencies = sorted(op["done"] - op["sent"] for op in ledger if op["status"] == ACCEPTED)
    if latencies:
        lines.append(f"Accepted requests answered in {statistics.median(latencies) * 1000:.0f} ms (median), "
                     f"{latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms (p99), {latencies[-1]:.1f} s (max).")
    lines.append(f"Positions metered for the tenant (best effort, after the commit): {effects.metered_positions}; "
                 f"stored: {len(effects.positions)}.")
    if arguments.scheduler_executions:
        runs, messages = arguments.scheduler_executions
        lines.append(f"Scheduler handler runs for the tenant: {runs} for {messages} distinct messages "
                     f"({runs - messages} redelivered executions, absorbed by the conditional job updates).")
    lines += ["", f"An effect later than {threshold:.1f} s after its 202 counts as held back by a fault.", "",
              "| fault | injected for | not ready (per component, from the fault's start) | all ready after | "
              "backlog drained after | peak backlog | accepted / refused during the fault | recovered |",
              "|---|---:|---|---:|---:|---:|---:|---:|"]
    ends = [fault["start"] for fault in faults[1:]] + [float("inf")]
    for fault, until in zip(faults, ends):
        recovery = component_recovery(probe, fault, until)
        unready = ", ".join(f"{name} {seconds(value)}" for name, value in sorted(recovery.items())) or "none"
        backlog = [sample["queued"] for sample in probe if fault["start"] <= sample["t"] < until and sample["queued"] is not None]
        during = [op for op in ledger if fault["start"] <= op["sent"] <= fault["ready_at"]]
        accepted = [op for op in during if op["status"] == ACCEPTED]
        recovered = sum(done is not None and recovered_in(fault, op, done, threshold) for op in accepted for done in [effects.of(op)[1]])
        lines.append(
            f"| {fault['fault']} | {fault['injected_until'] - fault['start']:.1f} s | {unready} | "
            f"{fault['ready_at'] - fault['start']:.1f} s | {seconds(drained_after(ledger, effects, fault, until, threshold))} | "
            f"{max(backlog, default=0)} | {len(accepted)} / {len(during) - len(accepted)} | {recovered} |"
        )
    if failures:
        lines += ["", "Failing operations (first 20):", ""]
        lines += [f"* {category}: `{json.dumps(op, separators=(',', ':'))}`" for category, op in failures[:20]]
    return "\n".join(lines) + "\n"


def scheduler_executions(log_path, slug):
    """(handler runs, distinct message ids) of the scheduler for the tenant, from its JSON log."""
    runs, messages = 0, set()
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if '"day planned"' not in line or slug not in line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("tenant") == slug:
                runs += 1
                messages.add(entry.get("message.id"))
    return runs, len(messages)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--device-prefix", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--probe", required=True)
    parser.add_argument("--faults", required=True)
    parser.add_argument("--control-url", required=True)
    parser.add_argument("--database-servers", required=True, help="FIELDOPS_DATABASE_SERVERS")
    parser.add_argument("--scheduler-log", help="the scheduler worker's log, to count redelivered executions")
    parser.add_argument("--drain-seconds", type=float, default=90)
    parser.add_argument("--load-average", default="?")
    parser.add_argument("--report", required=True)
    arguments = parser.parse_args()

    ledger = read_json_lines(arguments.ledger)
    faults = read_json_lines(arguments.faults)
    probe = read_json_lines(arguments.probe)
    tenant_url = tenant_database_url(arguments.control_url, arguments.database_servers, arguments.tenant)
    effects = wait_for_effects(
        ledger, lambda: Effects(arguments.control_url, tenant_url, arguments.tenant, arguments.device_prefix), arguments.drain_seconds
    )
    arguments.scheduler_executions = scheduler_executions(arguments.scheduler_log, arguments.tenant) if arguments.scheduler_log else None
    threshold = delay_threshold(ledger, effects, faults)
    summary, failures = classify(ledger, effects, faults, threshold)
    text = report(arguments, ledger, probe, faults, effects, threshold, summary, failures)
    with open(arguments.report, "w", encoding="utf-8") as out:
        out.write(text)
    print(text, end="")
    bad = sum(counts.get(category, 0) for counts in summary.values() for category in ("lost", "duplicated", "unexpected"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
