# syntax=docker/dockerfile:1.7
# FieldOps360: one image holding every executable (gateway, fieldopsctl and the workers).
#
# One image, not one per executable: they share the same Swift runtime, C libraries and data files
# (topology, migrations, reference data), so a single image is built, scanned and promoted once per
# commit and every process of a release is guaranteed the same code. Each Deployment picks its
# executable with `command:`; the default entrypoint is the gateway.
#
#   docker build --build-arg REVISION="$(git rev-parse HEAD)" -t fieldops:dev .

# --- build: Swift 6.3 toolchain on Debian 12, plus the -dev packages of scripts/install.sh -------
FROM swift:6.3-bookworm AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Versions pinned to the Debian 12 series; the suffix is left open so security updates apply.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      librabbitmq-dev=0.11.* \
      libpq-dev=15.* \
      libhiredis-dev=0.14.* \
      libvips-dev=8.14.* \
      libturbojpeg0-dev=1:2.1.* \
      libxlsxwriter-dev=1.1.* \
      libcairo2-dev=1.16.* \
      libpango1.0-dev=1.50.* \
      libmicrohttpd-dev=0.9.* \
      libsodium-dev=1.0.* \
      libssl-dev=3.0.* \
      libcurl4-openssl-dev=7.88.* \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .

# The executables to ship; add each worker here as it lands.
ARG PRODUCTS="gateway fieldopsctl gps-ingest gps-worker notify-worker photo-worker reports-worker scheduler-worker"
# The build directory is a cache mount (incremental rebuilds), so the results are copied out of it
# in the same step. The Swift runtime is linked dynamically: one copy of it serves every executable.
RUN --mount=type=cache,target=/src/.build \
    for product in ${PRODUCTS}; do swift build -c release --product "${product}"; done \
 && bin_path="$(swift build -c release --show-bin-path)" \
 && mkdir -p /out/bin /out/swift \
 && for product in ${PRODUCTS}; do install -m 0755 "${bin_path}/${product}" /out/bin/; done \
 && cp -P /usr/lib/swift/linux/*.so /out/swift/

# --- runtime: Debian 12 slim with only the shared libraries the executables load ----------------
FROM debian:bookworm-slim AS runtime
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# curl is here for the HEALTHCHECK only; libcurl4 is loaded by the executables themselves. The
# reports worker draws PDFs in DejaVu Sans, so the font comes too.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates=2025* \
      curl=7.88.* \
      libcurl4=7.88.* \
      librabbitmq4=0.11.* \
      libpq5=15.* \
      libhiredis0.14=0.14.* \
      libvips42=8.14.* \
      libturbojpeg0=1:2.1.* \
      libxlsxwriter4=1.1.* \
      libpango-1.0-0=1.50.* \
      libpangocairo-1.0-0=1.50.* \
      libcairo2=1.16.* \
      fonts-dejavu-core=2.37-* \
      libmicrohttpd12=0.9.* \
      libsodium23=1.0.* \
      libssl3=3.0.* \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 fieldops \
 && useradd --system --uid 10001 --gid fieldops --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin fieldops

# The executables' RUNPATH names /usr/lib/swift/linux, as in the build image.
COPY --from=build /out/swift/ /usr/lib/swift/linux/
COPY --from=build /out/bin/ /usr/local/bin/

# Data files are read relative to the working directory (the defaults of FIELDOPS_GATEWAY_OPENAPI_PATH,
# FIELDOPS_TENANT_MIGRATIONS_DIR, FIELDOPS_REFERENCE_DATA_DIR and `fieldopsctl … --dir`). They stay
# owned by root: the service user can read them, not change them. The chart sets workingDir /app too.
WORKDIR /app
COPY docs/openapi.json docs/openapi.json
COPY console/ console/
COPY topology/ topology/
COPY migrations/ migrations/
COPY reference-data/ reference-data/

ARG REVISION=unknown
LABEL org.opencontainers.image.title="fieldops360" \
      org.opencontainers.image.description="FieldOps360 gateway, workers and fieldopsctl" \
      org.opencontainers.image.revision="${REVISION}"

USER 10001:10001
# The gateway listens on 8080; workers serve /healthz, /readyz and /metrics on 9090.
EXPOSE 8080 9090
# FIELDOPS_HEALTH_PORT lets a worker container (admin port 9090) reuse the check. Kubernetes ignores
# HEALTHCHECK and uses the chart's probes; this serves plain `docker run` and Compose.
ENV FIELDOPS_HEALTH_PORT=8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/bin/bash", "-c", "curl -fsS --max-time 2 \"http://127.0.0.1:${FIELDOPS_HEALTH_PORT}/healthz\" >/dev/null || exit 1"]

ENTRYPOINT ["/usr/local/bin/gateway"]
