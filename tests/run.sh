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
cat >&2 <<'SAY'
tests/run.sh: what this does to the machine
  installs with apt-get, if missing: postfix dovecot-core dovecot-imapd
    dovecot-pop3d dnsmasq-base nftables iproute2 openssl python3 msmtp neomutt
    git-email tinyproxy swaks and two Perl SASL/SSL modules (services are not
    started by the packages; Postfix is preset to "No configuration");
  runs a private Postfix, Dovecot, dnsmasq, tinyproxy and web servers with
    every file in /tmp/mailsetup-bed (MAILSETUP_BED_DIR), inside the network
    namespaces msbed and msoff (and their /etc/netns/*/resolv.conf);
  does not touch the system's own Postfix or Dovecot, nor their configuration.
  Afterwards: tests/testbed/setup.sh --down stops the bed and removes it all.
SAY
tests/testbed/setup.sh
# Build with the network (crates.io); the tests then run offline in the namespace.
cargo test --no-run --quiet
# A proxy set up for this machine would not reach inside the namespace: the
# tests that use one (tests/proxy.rs) set the bed's own.
ip netns exec msbed env -u HTTP_PROXY -u http_proxy -u HTTPS_PROXY -u https_proxy \
    -u ALL_PROXY -u all_proxy -u NO_PROXY -u no_proxy \
    cargo test --offline -- --include-ignored "$@"
