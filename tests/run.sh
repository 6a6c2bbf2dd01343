#!/usr/bin/env bash
# The whole test suite: unit tests, hostile-peer tests and the real-server tests.
# Installs and starts everything the tests need (tests/testbed/setup.sh), then
# runs every test inside the test bed's network namespace, where the only DNS
# server, mail servers and web server are the bed's own.
# Needs root (network namespaces, Postfix). Usage: sudo tests/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
    echo "tests/run.sh: run as root (sudo tests/run.sh): the bed uses network namespaces" >&2
    exit 1
fi
tests/testbed/setup.sh
# Build with the network (crates.io); the tests then run offline in the namespace.
cargo test --no-run --quiet
ip netns exec msbed cargo test --offline -- --include-ignored "$@"
