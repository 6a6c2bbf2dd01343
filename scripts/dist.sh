#!/usr/bin/env bash
# Makes the release packages in dist/:
#   mailsetup-VERSION-linux-x64.tar.gz   the program, read-me, licences, isp/ folder
#   mailsetup_VERSION-1_amd64.deb         (cargo-deb) menu entry, icon, AppStream data
#   mailsetup-VERSION-windows-x64.zip     the same folder with mailsetup.exe, built
#       by scripts/windows-build.sh (rustup's Windows target, or Debian's Rust;
#       it installs what is missing with apt-get, as root)
# Installs cargo-deb when missing. Usage: scripts/dist.sh [--no-windows]
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
rm -rf dist && mkdir -p dist
cargo build --release --quiet
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version 3.8.0 --quiet

# The folder an ISP puts on its CD or USB stick, and what end users read first.
stage() { # DIR PROGRAM
    local dir=$1 program=$2
    mkdir -p "$dir/isp" "$dir/ispdb"
    cp "$program" "$dir/"
    cp assets/dist/README-FIRST.txt LICENSE-MIT LICENSE-APACHE \
       assets/fonts/LICENSE-IPA-Font.txt assets/THIRD-PARTY.txt "$dir/"
    cp assets/ispdb/LICENSE-MPL-2.0.txt assets/ispdb/PROVENANCE.md "$dir/ispdb/"
    cp assets/dist/isp/HOW-TO-MAKE-A-CD.md "$dir/isp/"
    target/release/mailsetup preset example --lang ja > "$dir/isp/mailsetup-preset.xml"
    cp assets/icon/icon-256.png "$dir/isp/mailsetup-preset.png"
}

linux=dist/mailsetup-$version-linux-x64
stage "$linux" target/release/mailsetup
tar -C dist -czf "$linux.tar.gz" "$(basename "$linux")"
rm -rf "$linux"

cargo deb --no-build --quiet --output dist/

if [ "${1:-}" != --no-windows ]; then
    exe=$(scripts/windows-build.sh)
    win=dist/mailsetup-$version-windows-x64
    stage "$win" "$exe"
    # Windows users read text files in Notepad: CRLF line ends.
    sed -i 's/$/\r/' "$win/README-FIRST.txt"
    (cd dist && python3 -c "import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', '.', sys.argv[1])" \
        "$(basename "$win")")
    rm -rf "$win"
else
    echo "scripts/dist.sh: --no-windows: the .zip was not made" >&2
fi
ls -l dist/
