#!/usr/bin/env bash
# How long a whole `mailsetup detect` (discovery, probing, login and the test
# message) takes next to one direct send by a reference client (swaks) to the
# server that works, on the test bed's hard cases:
#   op25b      port 25 silently dropped, 587 works
#   drop465    465 and 25 silently dropped, 587 works
#   deadv6     the host's IPv6 address is dead (dropped), its IPv4 one works
#   deadfirst  the host's first IPv4 address is dead, the second works
# Runs are interleaved (mailsetup, swaks, next case, ...) so that a busy moment
# of the machine hits both alike. Prints the medians, their ratio and difference,
# and the targets from issue #11:
#   op25b, drop465:      mailsetup <= 1.5 x one direct send
#   deadv6, deadfirst:   mailsetup <= one direct send + 0.3 s
#
# Usage (root; sets the bed up if it is not running):
#   benches/detect.sh [RUNS]            default 9 runs per case
# MAILSETUP_BIN picks the binary (default: target/release/mailsetup, built if
# missing).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-9}
BED=${MAILSETUP_BED_DIR:-/tmp/mailsetup-bed}
BIN=${MAILSETUP_BIN:-$HERE/target/release/mailsetup}
PASSWORD=secret-pass

[ "$(id -u)" = 0 ] || { echo "bench: must run as root (the test bed)" >&2; exit 1; }
# Set the bed up unless it is running and has this benchmark's hosts.
if ! ip netns list | grep -q '^msbed\b' || ! grep -qs 'smtp.deadfirst.test' "$BED/dnsmasq.conf"; then
    "$HERE/tests/testbed/setup.sh"
fi
command -v swaks >/dev/null || { echo "bench: swaks is missing: tests/testbed/setup.sh installs it" >&2; exit 1; }
if [ ! -x "$BIN" ]; then
    (cd "$HERE" && cargo build --release --quiet)
fi

# case  user-domain  working-address:port
CASES="op25b op25b.test 127.0.10.5:587
drop465 drop465.test 127.0.10.16:587
deadv6 deadv6.test 127.0.10.17:587
deadfirst deadfirst.test 127.0.10.19:587"

ns() { ip netns exec msbed "$@"; }

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }

one_detect() { # domain
    local t0 t1
    t0=$(now)
    printf '%s\n' "$PASSWORD" | ns "$BIN" detect --email "jiro@$1" --password-stdin \
        --ca-file "$BED/certs/ca.pem" --ispdb-url http://127.0.10.20/ispdb/ \
        --lang en --json >/dev/null 2>&1 || { echo "bench: detect failed for $1" >&2; exit 1; }
    t1=$(now)
    calc "$t1 - $t0"
}

one_swaks() { # domain server:port
    local t0 t1
    t0=$(now)
    ns swaks --silent 2 --server "${2%:*}" --port "${2#*:}" --tls \
        --auth PLAIN --auth-user "jiro@$1" --auth-password "$PASSWORD" \
        --from "jiro@$1" --to "jiro@$1" --header "Subject: bench" >/dev/null 2>&1 \
        || { echo "bench: swaks failed for $1" >&2; exit 1; }
    t1=$(now)
    calc "$t1 - $t0"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# One untimed round first: caches, page cache, Postfix's first connection.
while read -r name domain server; do
    one_detect "$domain" >/dev/null
    one_swaks "$domain" "$server" >/dev/null
done <<< "$CASES"
for _ in $(seq "$RUNS"); do
    while read -r name domain server; do
        one_detect "$domain" >> "$TMP/$name.detect"
        one_swaks "$domain" "$server" >> "$TMP/$name.swaks"
    done <<< "$CASES"
done

printf '%-10s %12s %12s %7s %9s  %s\n' case "detect (s)" "swaks (s)" ratio "diff (s)" "target"
fail=0
while read -r name domain server; do
    d=$(median < "$TMP/$name.detect")
    s=$(median < "$TMP/$name.swaks")
    ratio=$(calc "$d / $s")
    diff=$(calc "$d - $s")
    case $name in
        op25b|drop465)
            target="ratio <= 1.5"
            ok=$(calc "($ratio <= 1.5) ? 1 : 0") ;;
        *)
            target="diff <= 0.3 s"
            ok=$(calc "($diff <= 0.3) ? 1 : 0") ;;
    esac
    verdict=met; [ "$ok" = 1 ] || { verdict=MISSED; fail=1; }
    printf '%-10s %12.3f %12.3f %7.2f %9.3f  %s: %s\n' "$name" "$d" "$s" "$ratio" "$diff" "$target" "$verdict"
done <<< "$CASES"
echo "medians of $RUNS interleaved runs; binary $BIN"
exit $fail
