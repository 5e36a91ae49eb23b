#!/usr/bin/env bash
# Runs every benchmark next to its peer, one after the other (they would skew each other if run
# at once on two cores). Each prints its own figures and Swift/peer ratio.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for bench in amqp postgres redis http gateway worker scheduling gps notify reports; do
  echo "== $bench"
  bash "./$bench.sh"
  echo
done
