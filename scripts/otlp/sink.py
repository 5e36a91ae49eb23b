#!/usr/bin/env python3
"""A minimal OTLP/HTTP trace receiver for tests.

Accepts POST /v1/traces in the JSON or protobuf encoding (optionally gzip-compressed), decodes the
body into the real ExportTraceServiceRequest message -- so a request that does not follow the
schema is refused with 400 -- and appends one JSON line per span to the file named on the command
line. Prints the ephemeral port it listens on, then serves until killed or until its standard
input is closed (so it never outlives a test process that died).

    python3 scripts/otlp/sink.py spans.jsonl
"""

import base64
import gzip
import json
import math
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

HEX_ID_LENGTHS = {"traceId": 32, "spanId": 16, "parentSpanId": 16}


class BadRequest(Exception):
    pass


def hex_ids_to_base64(message):
    """OTLP JSON writes ids as hex where the protobuf JSON mapping expects base64 bytes."""
    for field, length in HEX_ID_LENGTHS.items():
        value = message.get(field)
        if value is None or (field == "parentSpanId" and value == ""):
            continue
        if not isinstance(value, str) or len(value) != length or value != value.lower():
            raise BadRequest(f"{field} must be {length} lowercase hex digits, got {value!r}")
        try:
            message[field] = base64.b64encode(bytes.fromhex(value)).decode()
        except ValueError as error:
            raise BadRequest(f"{field} is not hex: {value!r}") from error


def decode_json(body):
    try:
        document = json.loads(body)
    except ValueError as error:
        raise BadRequest(f"invalid JSON: {error}") from error
    for resource_spans in document.get("resourceSpans", []):
        for scope_spans in resource_spans.get("scopeSpans", []):
            for span in scope_spans.get("spans", []):
                hex_ids_to_base64(span)
                for link in span.get("links", []):
                    hex_ids_to_base64(link)
    request = ExportTraceServiceRequest()
    try:
        json_format.ParseDict(document, request)
    except json_format.ParseError as error:
        raise BadRequest(f"not an ExportTraceServiceRequest: {error}") from error
    return request


def decode_protobuf(body):
    request = ExportTraceServiceRequest()
    try:
        request.ParseFromString(body)
    except Exception as error:  # protobuf raises DecodeError or RuntimeWarning subclasses
        raise BadRequest(f"invalid protobuf: {error}") from error
    return request


def any_value(value):
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    scalar = getattr(value, kind)
    # Keep the output strict JSON: NaN and infinities become their protobuf JSON strings.
    if isinstance(scalar, float) and not math.isfinite(scalar):
        return json_format.MessageToDict(value)["doubleValue"]
    return scalar


def span_lines(request, headers):
    for resource_spans in request.resource_spans:
        resource = {kv.key: any_value(kv.value) for kv in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                if len(span.trace_id) != 16 or len(span.span_id) != 8 or len(span.parent_span_id) not in (0, 8):
                    raise BadRequest(f"span {span.name!r} has ids of the wrong length")
                yield {
                    "trace_id": span.trace_id.hex(),
                    "span_id": span.span_id.hex(),
                    "parent_span_id": span.parent_span_id.hex(),
                    "trace_state": span.trace_state,
                    "name": span.name,
                    "kind": span.kind,
                    "start_time_unix_nano": span.start_time_unix_nano,
                    "end_time_unix_nano": span.end_time_unix_nano,
                    "attributes": {kv.key: any_value(kv.value) for kv in span.attributes},
                    "events": [event.name for event in span.events],
                    "status_code": span.status.code,
                    "status_message": span.status.message,
                    "service_name": resource.get("service.name"),
                    "scope_name": scope_spans.scope.name,
                    "content_type": headers.get("Content-Type", ""),
                    "headers": {name.lower(): value for name, value in headers.items()},
                }


class TraceHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    output_path = None
    write_lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != "/v1/traces":
            self.reply(404, "text/plain", b"not found")
            return
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            if self.headers.get("Content-Encoding", "").lower() == "gzip":
                try:
                    body = gzip.decompress(body)
                except OSError as error:
                    raise BadRequest(f"invalid gzip body: {error}") from error
            if content_type == "application/json":
                request = decode_json(body)
                response = b"{}"
            elif content_type == "application/x-protobuf":
                request = decode_protobuf(body)
                response = ExportTraceServiceResponse().SerializeToString()
            else:
                self.reply(415, "text/plain", f"unsupported content type {content_type!r}".encode())
                return
            lines = [json.dumps(line, sort_keys=True) + "\n" for line in span_lines(request, self.headers)]
        except BadRequest as error:
            self.reply(400, "text/plain", str(error).encode())
            return
        # Written before the reply: once the exporter saw 200, its spans are in the file.
        with self.write_lock, open(self.output_path, "a", encoding="utf-8") as output:
            output.writelines(lines)
        self.reply(200, content_type, response)

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep test output clean
        pass


def main():
    if len(sys.argv) != 2:
        print("usage: sink.py OUTPUT.jsonl", file=sys.stderr)
        sys.exit(2)
    # A parent may start us with signals blocked (Foundation's Process does): let SIGTERM work.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    TraceHandler.output_path = sys.argv[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), TraceHandler)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
