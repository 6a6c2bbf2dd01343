#!/usr/bin/env bash
# Builds the Windows .exe from Linux and checks it under wine + Xvfb: GUI
# subsystem (no console window), icon and version resource, the commands, and
# the wizard's window with each renderer and with the automatic choice.
# Not part of tests/run.sh: it needs the x86_64-pc-windows-gnu Rust target,
# which a machine without access to rustup's servers cannot add.
# Needs root for apt-get. Usage: sudo tests/windows/check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
target=x86_64-pc-windows-gnu
if ! rustup target list --installed | grep -qx "$target"; then
    echo "tests/windows/check.sh: needs the Rust target: rustup target add $target" >&2
    exit 1
fi
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || need+=(wine wine64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
[ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"

cargo build --release --target "$target" --quiet
exe=target/$target/release/mailsetup.exe
out=${MAILSETUP_WINDOWS_OUT:-target/windows-check}
mkdir -p "$out"
echo "exe: $exe ($(( $(stat -c %s "$exe") / 1048576 )) MiB)"

fail() { echo "FAIL: $*" >&2; exit 1; }
headers=$(x86_64-w64-mingw32-objdump -p "$exe")
echo "$headers" | grep -q "Subsystem.*(Windows GUI)" || fail "not a GUI-subsystem program"
echo "ok: GUI subsystem (no console window on double-click)"
x86_64-w64-mingw32-objdump -h "$exe" | grep -q "\.rsrc" || fail "no resource section"
strings -el "$exe" | grep -q "メール設定ウィザード" || fail "no Japanese FileDescription"
strings -el "$exe" | grep -qx "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)" \
    || fail "no version in the version resource"
echo "ok: icon and version resource"

export WINEDEBUG=-all WINEPREFIX=$PWD/$out/wineprefix DISPLAY=:81
Xvfb :81 -screen 0 1024x768x24 >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null; wineserver -k 2>/dev/null || true' EXIT
sleep 1
if [ ! -d "$WINEPREFIX" ]; then
    wineboot --init >/dev/null 2>&1; wineserver -w
fi
# Wine 8 lacks ProcessPrng (see processprng.c); Windows 10/11 have it.
sys32=$WINEPREFIX/drive_c/windows/system32
if [ ! -f "$sys32/bcryptprimitives.dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" \
        tests/windows/processprng.c -lbcrypt
fi

version=$(wine "$exe" --version 2>&1 | tr -d '\r')
[ "$version" = "mailsetup $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)" ] \
    || fail "--version printed: $version"
echo "ok: $version"
wine "$exe" detect --help 2>&1 | grep -q -- "--password-stdin" || fail "detect --help"
code=0; wine "$exe" detect --email "not an address" --json >/dev/null 2>&1 || code=$?
[ "$code" = 2 ] || fail "bad input gave exit status $code, not 2"
echo "ok: commands print and exit as on Linux"

# The wizard's first page with each renderer, and with the automatic choice.
for renderer in glow wgpu auto; do
    log=$out/wizard-$renderer.log
    if [ "$renderer" = auto ]; then
        env -u MAILSETUP_RENDERER wine "$exe" >"$log" 2>&1 &
    else
        MAILSETUP_RENDERER=$renderer wine "$exe" >"$log" 2>&1 &
    fi
    pid=$!
    sleep 12
    if kill -0 $pid 2>/dev/null; then
        import -window root "$out/wizard-$renderer.png"
        echo "ok: $renderer: window open, screenshot $out/wizard-$renderer.png"
    else
        wait $pid && status=0 || status=$?
        echo "note: $renderer: the program ended (status $status): $(tail -3 "$log" | tr '\n' ' ')"
    fi
    wineserver -k 2>/dev/null || true
    sleep 1
done
