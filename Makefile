# FieldOps360 — the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
SWIFT ?= swift
ENV := source scripts/env.sh &&

.PHONY: help install build release services-up services-down run stop test bench lint chaos

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: ## install Debian and PyPI dependencies (idempotent)
	@scripts/install.sh

build: install ## debug build
	$(SWIFT) build

release: install ## release build of the shipped executables
	@scripts/release.sh

services-up: install ## start PostgreSQL, Redis and RabbitMQ under .local/
	@scripts/services.sh up

services-down: ## stop the local services started by services-up
	@scripts/services.sh down

run: release services-up ## install, build, start services and the platform
	@scripts/run.sh

stop: ## stop the platform processes and the local services
	@scripts/run.sh stop
	@scripts/services.sh down

test: install ## install, start services, build, run every test, stop services
	@scripts/test.sh

bench: release services-up ## run every benchmark against its peer (prints figures and ratios)
	@scripts/bench/all.sh

chaos: install ## kill, restart, pause and fill the parts of a platform of its own under load; report (docs/chaos.md)
	@scripts/chaos.sh
