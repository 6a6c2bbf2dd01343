#!/usr/bin/env bash
# Builds the release mailsetup.exe for 64-bit Windows (x86_64-pc-windows-gnu)
# from Linux and prints its path on standard output.
#
# Two ways, the first that is possible here:
#  1. rustup's Windows target, where it is installed
#     (rustup target add x86_64-pc-windows-gnu — needs rustup's servers);
#  2. Debian's own Rust (packages rustc-web, cargo-web and rust-web-src: Rust
#     1.96 in bookworm-security), which rebuilds the standard library for
#     Windows from its source package (cargo -Zbuild-std, allowed on a stable
#     compiler by RUSTC_BOOTSTRAP=1). It needs nothing beyond Debian's packages
#     and crates.io, so it works in CI. Built in target/windows-debian.
# Either way mingw-w64 links it (gcc-mingw-w64-x86-64). Installs what is
# missing with apt-get (needs root then).
# Usage: scripts/windows-build.sh [--via-debian]
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
via_debian=${1:-}

install() {
    [ $# -eq 0 ] && return
    echo "windows-build: installing $*" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
if [ "$via_debian" != --via-debian ] \
    && rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    install "${need[@]}"
    cargo build --release --locked --target "$target" --quiet >&2
    echo "target/$target/release/mailsetup.exe"
    exit 0
fi

for p in rustc-web cargo-web rust-web-src; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
install "${need[@]}"
want=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
have=$(/usr/bin/rustc --version | sed -n 's/^rustc \([0-9]*\.[0-9]*\).*/\1/p')
if [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -1)" != "$want" ]; then
    echo "windows-build: Debian's rustc-web is $have; mailsetup needs $want or later" >&2
    exit 1
fi
# Only Debian's toolchain on the path: its cargo must not pick up rustup's
# rustc (their standard libraries differ).
env PATH=/usr/bin:/bin RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" CARGO_TARGET_DIR=target/windows-debian \
    /usr/bin/cargo build -Zbuild-std=std,panic_abort --release \
    --target "$target" --quiet >&2
echo "target/windows-debian/$target/release/mailsetup.exe"
