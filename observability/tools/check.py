#!/usr/bin/env python3
"""Static checks of observability/ that promtool and amtool cannot do alone.

  prometheus-config CONFIG OUT   Checks the kubernetes_sd_configs blocks (Debian's promtool is built
                                 without Kubernetes discovery) and writes OUT, the same configuration
                                 with those blocks as static targets, for `promtool check config`.
  rules --operations MD RULES..  Every alert has a severity (critical|warning), a summary, a
                                 description and a runbook_url to an existing heading of MD; every
                                 series an expression reads exists (see METRICS below).
  dashboards --rules-out OUT --rules-dir DIR DASHBOARDS..
                                 Grafana dashboards: valid JSON, required keys, unique ids, known
                                 template variables, series that exist; writes every expression as a
                                 recording rule to OUT, for `promtool check rules` to parse.

Series that exist: the families the Swift sources register (registry.counter/gauge/histogram),
the rabbitmq_prometheus per-object families below, Prometheus' own, and the recording rules.
Exits 1 with one line per finding.
"""
import argparse
import copy
import json
import pathlib
import re
import sys

import yaml

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]

# Families of RabbitMQ's rabbitmq_prometheus plugin (3.10, /metrics/per-object) that rules read.
RABBITMQ_FAMILIES = {
    "rabbitmq_queue_messages_ready",
    "rabbitmq_queue_messages_unacked",
    "rabbitmq_queue_messages",
    "rabbitmq_queue_consumers",
}
PROMETHEUS_SERIES = {"up", "ALERTS", "ALERTS_FOR_STATE"}

# Meta labels of the Kubernetes "pod" role (Prometheus kubernetes_sd_config documentation).
POD_META = re.compile(
    r"__meta_kubernetes_(namespace|pod_(name|ip|uid|phase|ready|node_name|host_ip|controller_kind|controller_name"
    r"|container_(init|name|id|image|port_name|port_number|port_protocol)"
    r"|(label|labelpresent|annotation|annotationpresent)_[a-zA-Z0-9_]+))"
)
KUBERNETES_SD_KEYS = {"role", "namespaces", "selectors", "api_server", "kubeconfig_file", "attach_metadata",
                      "authorization", "basic_auth", "oauth2", "tls_config", "proxy_url", "follow_redirects"}

# PromQL words that look like series names but are not.
PROMQL_WORDS = {
    "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "group",
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
    "inf", "nan",
}
IDENTIFIER = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
LABEL_BLOCK = re.compile(r"\{[^}]*\}")
GRAFANA_VARIABLE = re.compile(r"\$(\{([A-Za-z0-9_]+)(?::[a-z]+)?\}|([A-Za-z0-9_]+))")
GRAFANA_RANGES = {"__rate_interval", "__interval", "__range"}


class Findings:
    def __init__(self):
        self.lines = []

    def add(self, where, message):
        self.lines.append(f"{where}: {message}")

    def exit(self):
        for line in self.lines:
            print(line, file=sys.stderr)
        sys.exit(1 if self.lines else 0)


def registered_families():
    """Metric families the Swift sources register, with a histogram's _bucket/_sum/_count series."""
    pattern = re.compile(r'\.(counter|gauge|histogram)\(\s*"([a-z_:][a-z0-9_:]*)"')
    families = set()
    for source in (REPOSITORY / "Sources").rglob("*.swift"):
        for kind, name in pattern.findall(source.read_text()):
            families.add(name)
            if kind == "histogram":
                families.update({name + "_bucket", name + "_sum", name + "_count"})
    return families


def series_read(expr):
    """Names of the series an expression reads (functions and keywords left out)."""
    stripped = LABEL_BLOCK.sub("{}", STRING.sub('""', expr))
    names = set()
    for match in IDENTIFIER.finditer(stripped):
        name = match.group(0)
        following = stripped[match.end():].lstrip()
        if name.lower() in PROMQL_WORDS or following.startswith("("):
            continue
        # Label names inside by (...) / on (...) lists are not series.
        preceding = stripped[:match.start()].rstrip()
        if re.search(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*$", preceding):
            continue
        # Durations inside [...] (5m, 1h).
        if re.search(r"\[[^\]]*$", preceding):
            continue
        names.add(name)
    return names


def load_rules(paths):
    groups = []
    for path in paths:
        groups += [(path, group) for group in (yaml.safe_load(pathlib.Path(path).read_text()) or {}).get("groups", [])]
    return groups


def recorded_names(rule_paths):
    return {rule["record"] for _, group in load_rules(rule_paths) for rule in group["rules"] if "record" in rule}


def check_series(findings, where, expr, known):
    for name in sorted(series_read(expr) - known):
        findings.add(where, f"reads {name}, which no source registers and no rule records")


def markdown_anchors(path):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    anchors = set()
    for line in pathlib.Path(path).read_text().splitlines():
        heading = re.match(r"#+\s+(.*)", line)
        if heading:
            anchors.add(re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-"))
    return anchors


def command_rules(arguments):
    findings = Findings()
    anchors = markdown_anchors(arguments.operations)
    known = registered_families() | RABBITMQ_FAMILIES | PROMETHEUS_SERIES | recorded_names(arguments.rules)
    for path, group in load_rules(arguments.rules):
        for rule in group["rules"]:
            name = rule.get("alert") or rule.get("record")
            where = f"{path}: {name}"
            check_series(findings, where, rule["expr"], known)
            if "alert" not in rule:
                continue
            severity = rule.get("labels", {}).get("severity")
            if severity not in ("critical", "warning"):
                findings.add(where, f"severity is {severity!r}, not critical or warning")
            annotations = rule.get("annotations", {})
            for key in ("summary", "description", "runbook_url"):
                if not annotations.get(key):
                    findings.add(where, f"no {key} annotation")
            runbook = annotations.get("runbook_url", "")
            document, _, anchor = runbook.partition("#")
            if document != "docs/operations.md" or anchor not in anchors:
                findings.add(where, f"runbook_url {runbook!r} is no heading of {arguments.operations}")
    findings.exit()


def command_prometheus_config(arguments):
    findings = Findings()
    config_path = pathlib.Path(arguments.config)
    config = yaml.safe_load(config_path.read_text())
    checkable = copy.deepcopy(config)
    sections = [("scrape_configs", job.get("job_name", "?"), job) for job in checkable.get("scrape_configs", [])]
    sections += [("alerting.alertmanagers", str(index), manager)
                 for index, manager in enumerate(checkable.get("alerting", {}).get("alertmanagers", []))]
    for section, name, block in sections:
        discovery = block.pop("kubernetes_sd_configs", None)
        if discovery is None:
            continue
        where = f"{config_path}: {section} {name}"
        for entry in discovery:
            unknown = set(entry) - KUBERNETES_SD_KEYS
            if unknown:
                findings.add(where, f"kubernetes_sd_configs has unknown keys {sorted(unknown)}")
            if entry.get("role") != "pod":
                findings.add(where, f"kubernetes_sd_configs role {entry.get('role')!r}: the relabelling expects pod")
        for relabel in block.get("relabel_configs", []):
            for label in relabel.get("source_labels", []):
                if label.startswith("__meta_kubernetes_") and not POD_META.fullmatch(label):
                    findings.add(where, f"{label} is no meta label of the pod role")
        block["static_configs"] = [{"targets": ["kubernetes-pod.invalid:80"]}]
    checkable["rule_files"] = [str(config_path.parent.resolve() / pattern) for pattern in checkable.get("rule_files", [])]
    pathlib.Path(arguments.out).write_text(yaml.safe_dump(checkable, sort_keys=False))
    findings.exit()


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def substitute_variables(findings, where, expr, variables):
    """Grafana variables to values PromQL parses: ranges to 5m, others (in label matchers) to .+."""
    def replace(match):
        name = match.group(2) or match.group(3)
        if name.isdigit():  # $1 / ${1}: a label_replace capture, not a variable
            return match.group(0)
        if name in GRAFANA_RANGES:
            return "5m"
        if name in variables:
            return ".+"
        findings.add(where, f"unknown variable ${name}")
        return match.group(0)
    return GRAFANA_VARIABLE.sub(replace, expr)


def command_dashboards(arguments):
    findings = Findings()
    rule_files = sorted(pathlib.Path(arguments.rules_dir).glob("*.yml"))
    known = registered_families() | RABBITMQ_FAMILIES | PROMETHEUS_SERIES | recorded_names(rule_files)
    uids = {}
    expressions = []
    for path in arguments.dashboards:
        try:
            dashboard = json.loads(pathlib.Path(path).read_text())
        except json.JSONDecodeError as error:
            findings.add(path, f"invalid JSON: {error}")
            continue
        for key in ("uid", "title", "schemaVersion", "panels", "templating", "time"):
            if key not in dashboard:
                findings.add(path, f"no {key!r}")
        uid = dashboard.get("uid")
        if uid in uids:
            findings.add(path, f"uid {uid!r} also used by {uids[uid]}")
        uids[uid] = path
        variables = {variable["name"] for variable in dashboard.get("templating", {}).get("list", [])}
        for variable in dashboard.get("templating", {}).get("list", []):
            if variable.get("type") == "query":
                query = variable.get("definition", "")
                selector = re.fullmatch(r"label_values\((.+),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)", query)
                if not selector:
                    findings.add(path, f"variable {variable['name']}: {query!r} is not label_values(series, label)")
                    continue
                where = f"{path}: variable {variable['name']}"
                check_series(findings, where, selector.group(1), known)
                expressions.append((where, selector.group(1)))
        panel_ids = set()
        for panel in panels_of(dashboard):
            where = f"{path}: panel {panel.get('id')} {panel.get('title')!r}"
            for key in ("id", "type", "title", "gridPos"):
                if key not in panel:
                    findings.add(where, f"no {key!r}")
            if panel.get("id") in panel_ids:
                findings.add(where, "id used twice")
            panel_ids.add(panel.get("id"))
            grid = panel.get("gridPos", {})
            if not all(isinstance(grid.get(key), int) for key in "hwxy") or grid.get("x", 0) + grid.get("w", 0) > 24:
                findings.add(where, f"gridPos {grid} is not a place on the 24-column grid")
            if panel.get("type") == "row":
                continue
            datasource = panel.get("datasource", {}).get("uid", "")
            if datasource != "${datasource}":
                findings.add(where, f"datasource uid {datasource!r} is not the ${{datasource}} variable")
            targets = panel.get("targets", [])
            if not targets:
                findings.add(where, "no targets")
            references = [target.get("refId") for target in targets]
            if len(set(references)) != len(references):
                findings.add(where, "refId used twice")
            for target in targets:
                expr = target.get("expr", "")
                if not expr.strip():
                    findings.add(where, f"target {target.get('refId')} has no expr")
                    continue
                check_series(findings, where, expr, known)
                expressions.append((where, substitute_variables(findings, where, expr, variables)))
    rules = [{"record": f"dashboard:expression_{index}:check", "expr": expr}
             for index, (_, expr) in enumerate(expressions)]
    pathlib.Path(arguments.rules_out).write_text(
        yaml.safe_dump({"groups": [{"name": "dashboard-expressions", "rules": rules}]}, sort_keys=False, width=1000))
    print(f"dashboards: {len(arguments.dashboards)} files, {len(expressions)} expressions for promtool")
    findings.exit()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    config = commands.add_parser("prometheus-config")
    config.add_argument("config")
    config.add_argument("out")
    config.set_defaults(run=command_prometheus_config)
    rules = commands.add_parser("rules")
    rules.add_argument("--operations", required=True)
    rules.add_argument("rules", nargs="+")
    rules.set_defaults(run=command_rules)
    dashboards = commands.add_parser("dashboards")
    dashboards.add_argument("--rules-out", required=True)
    dashboards.add_argument("--rules-dir", required=True, help="the recording rules the dashboards may read")
    dashboards.add_argument("dashboards", nargs="+")
    dashboards.set_defaults(run=command_dashboards)
    arguments = parser.parse_args()
    arguments.run(arguments)


if __name__ == "__main__":
    main()
