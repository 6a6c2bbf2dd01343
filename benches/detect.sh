#!/usr/bin/env bash
# Benchmark on the real-server bed: detect (with send) vs one direct send.
# Sets the bed up if it is not running. Needs root. Prints figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
BED=${MAILSETUP_BED_DIR:-/tmp/mailsetup-bed}
if ! ip netns list | grep -q '^msbed' || [ ! -e "$BED/certs/ca.pem" ]; then
    tests/testbed/setup.sh
fi
cargo bench --bench detect --no-run --quiet
ip netns exec msbed cargo bench --offline --bench detect --quiet
