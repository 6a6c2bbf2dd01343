#!/usr/bin/env bash
# Builds the Windows .exe from Linux (scripts/windows-build.sh) and checks it
# under wine + Xvfb: GUI subsystem (no console window), icon and version
# resource, the commands (--version, preset check on a good and a broken file,
# export to every format from a saved result), and the wizard's window with
# each renderer and with the automatic choice (a screenshot that is not blank).
# Run by .ci/run. Needs root for apt-get. Usage: sudo tests/windows/check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
command -v wine >/dev/null || need+=(wine wine64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

exe=${MAILSETUP_EXE:-$(scripts/windows-build.sh)}
out=$(realpath -m "${MAILSETUP_WINDOWS_OUT:-target/windows-check}")
mkdir -p "$out"
echo "exe: $exe ($(( $(stat -c %s "$exe") / 1048576 )) MiB)"
exe=$(realpath "$exe")

fail() { echo "FAIL: $*" >&2; exit 1; }
# (grep reads everything, not -q: with pipefail an early exit would fail the pipe)
has() { grep -e "$1" >/dev/null; }
x86_64-w64-mingw32-objdump -p "$exe" | has "Subsystem.*(Windows GUI)" || fail "not a GUI-subsystem program"
echo "ok: GUI subsystem (no console window on double-click)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
x86_64-w64-mingw32-objdump -h "$exe" | has "\.rsrc" || fail "no resource section"
contains() { # FILE TEXT-OR-@FILE: the exe holds this UTF-16 text, or this file's PNG image
    python3 - "$@" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
needle = sys.argv[2]
if needle.startswith("@"):
    ico = open(needle[1:], "rb").read()
    found = ico[ico.index(b"\x89PNG"):][:4096] in data
else:
    found = needle.encode("utf-16-le") in data
sys.exit(0 if found else 1)
PY
}
contains "$exe" "メール設定ウィザード" || fail "no Japanese FileDescription"
contains "$exe" @assets/icon/mailsetup.ico || fail "no icon"
x86_64-w64-mingw32-strings -el "$exe" | has "^$version$" || fail "no version in the version resource"
echo "ok: icon and version resource"

export WINEDEBUG=-all WINEPREFIX=$out/wineprefix DISPLAY=:81
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

printed=$(wine "$exe" --version 2>&1 | tr -d '\r')
[ "$printed" = "mailsetup $version" ] || fail "--version printed: $printed"
echo "ok: $printed"
wine "$exe" detect --help 2>&1 | has "--password-stdin" || fail "detect --help"
code=0; wine "$exe" detect --email "not an address" --json >/dev/null 2>&1 || code=$?
[ "$code" = 2 ] || fail "bad input gave exit status $code, not 2"
echo "ok: commands print and exit as on Linux"

# What support staff run: preset check, on the example and on a broken file.
work=$out/files
rm -rf "$work" && mkdir -p "$work"
cd "$work"
wine "$exe" preset example --lang ja 2>/dev/null | tr -d '\r' > good.xml
wine "$exe" preset check good.xml >check-good.txt 2>&1 || fail "preset check on the example: $(cat check-good.txt)"
sed 's|<port>587</port>|<port>70000</port>|' good.xml > broken.xml
cmp -s good.xml broken.xml && fail "the example has no port 587 to break"
code=0; wine "$exe" preset check broken.xml --lang en >check-broken.txt 2>&1 || code=$?
[ "$code" = 2 ] || fail "a broken preset gave exit status $code, not 2"
line=$(grep -n '<port>70000</port>' broken.xml | head -1 | cut -d: -f1)
tr -d '\r' < check-broken.txt | has "^broken.xml:$line:[0-9]*: error: " \
    || fail "no FILE:LINE:COLUMN error for line $line: $(cat check-broken.txt)"
echo "ok: preset check accepts the example and points at line $line of a broken one"

# Every export format from a saved result.
cat > result.json <<'JSON'
{"email": "taro@example.jp", "name": "山田 太郎",
 "outgoing": {"host": "smtp.example.jp", "port": 587, "security": "starttls", "auth": "plain", "username": "taro@example.jp"},
 "incoming": {"protocol": "imap", "host": "imap.example.jp", "port": 993, "security": "implicit-tls", "auth": "plain", "username": "taro@example.jp"}}
JSON
formats=$(wine "$exe" export --help 2>/dev/null | tr -d '\r' | sed -n 's/.*\[possible values: \(.*\)\]/\1/p' | tr -d ',')
[ -n "$formats" ] || fail "export --help lists no formats"
n=0
for f in $formats; do
    wine "$exe" export --from result.json --format "$f" --out "out-$f" --lang ja >"export-$f.txt" 2>&1 \
        || fail "export $f: $(cat "export-$f.txt")"
    [ -s "out-$f" ] || fail "export $f wrote nothing"
    n=$((n + 1))
done
grep -q "smtp.example.jp" out-thunderbird-autoconfig || fail "the autoconfig file lacks the server"
echo "ok: export to all $n formats"
cd - >/dev/null

# The wizard's first page with each renderer, and with the automatic choice.
# Wine's Direct3D 12 cannot compile shaders, so wgpu fails there ("device
# lost"): the automatic choice must then fall back to glow and open the window.
# "ja": the automatic choice on a Japanese Windows (the bundled font draws it).
for renderer in glow wgpu auto ja; do
    log=$out/wizard-$renderer.log
    if [ "$renderer" = ja ]; then
        env -u MAILSETUP_RENDERER LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 wine "$exe" >"$log" 2>&1 &
    elif [ "$renderer" = auto ]; then
        env -u MAILSETUP_RENDERER wine "$exe" >"$log" 2>&1 &
    else
        MAILSETUP_RENDERER=$renderer wine "$exe" >"$log" 2>&1 &
    fi
    pid=$!
    disown $pid  # killed below on purpose: no "Killed" notice from bash
    sleep 12
    if kill -0 $pid 2>/dev/null; then
        import -window root "$out/wizard-$renderer.png"
        # A window that drew nothing is one colour.
        spread=$(convert "$out/wizard-$renderer.png" -format '%[fx:standard_deviation]' info:)
        python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0.02 else 1)" "$spread" \
            || fail "$renderer: the window is blank (spread $spread)"
        echo "ok: $renderer: window open, screenshot $out/wizard-$renderer.png"
        [ -s "$log" ] && echo "    it said: $(tr -d '\r' < "$log" | head -3 | tr '\n' ' ')"
    else
        [ "$renderer" = wgpu ] || fail "$renderer: no window: $(tail -3 "$log")"
        echo "note: wgpu alone does not start under wine: $(tr -d '\r' < "$log" | tail -1)"
    fi
    wineserver -k 2>/dev/null || true
    while kill -0 $pid 2>/dev/null; do sleep 0.2; done
done
echo "all Windows checks passed"
