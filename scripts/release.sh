#!/usr/bin/env bash
# Release build of the shipped executables, as Package.swift lists them. Test-only targets are left
# out: they import modules with @testable, which a release build does not allow.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t products < <(sed -n 's/.*\.executable(name: "\([^"]*\)".*/\1/p' Package.swift)
for product in "${products[@]}"; do
  swift build -c release --product "$product"
done
