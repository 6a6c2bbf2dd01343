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
    started by the packages; Postfix is preset to "No configuration"), and for
    the wizard's screenshots xvfb xdotool imagemagick x11-utils and Mesa;
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
# The rule tests (diagnosis, ranking, grace, approval, addresses) need neither
# root nor a network: run them once more as nobody, with only loopback.
lib_tests=$(cargo test --offline --lib --no-run 2>&1 | sed -n 's/.*Executable unittests src\/lib.rs (\(.*\))/\1/p')
[ -x "$lib_tests" ] || { echo "tests/run.sh: cannot find the unit-test binary" >&2; exit 1; }
# A copy nobody can run, wherever this checkout is (/root is not theirs).
lib_copy=$(mktemp -d)
cp "$lib_tests" "$lib_copy/unit-tests"
chmod 755 "$lib_copy" "$lib_copy/unit-tests"
(cd "$lib_copy" && unshare -n sh -c 'ip link set lo up && exec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$PWD" TMPDIR=/tmp ./unit-tests --quiet')
rm -rf "$lib_copy"
# Every page of the wizard in a real window, in Japanese and English, driven
# by keyboard against the bed (a page that breaks or does not move on fails).
shots=$(mktemp -d)
scripts/screenshots.sh "$shots"
rm -rf "$shots"
