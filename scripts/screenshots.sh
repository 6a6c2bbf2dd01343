#!/usr/bin/env bash
# Screenshots of every page of the wizard, in Japanese and in English: the
# real program in a real window (Xvfb, Mesa's software OpenGL), driven with the
# keyboard as a person would (xdotool), against the real-server test bed.
#
#   welcome, about, account, result, export, done   (a full success)
#   result-support    (sending only: port 25 blocked, no incoming server; the
#                      support report is offered)
#   checking          (caught while it works, on a server that answers late)
#
# Each is checked: the window is not blank and each page differs from the one
# before (the flow moved on), so a page that breaks shows here and in CI.
#
# Usage (as root, with the test bed up: tests/testbed/setup.sh):
#   scripts/screenshots.sh [OUT_DIR]      default docs/screenshots
# MAILSETUP_BIN names the program (default: target/debug/mailsetup, built if
# missing). Installs xvfb, xdotool, imagemagick and Mesa with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/screenshots}")
bin=$(realpath -m "${MAILSETUP_BIN:-target/debug/mailsetup}")
bed=${MAILSETUP_BED_DIR:-/tmp/mailsetup-bed}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xdpyinfo >/dev/null || need+=(x11-utils)
command -v import >/dev/null || need+=(imagemagick)
# OpenGL in software (Mesa) and the window's keyboard library.
for p in libgl1-mesa-dri libgl1 libegl1 libxkbcommon-x11-0; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "screenshots: installing ${need[*]}" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
fi
[ -x "$bin" ] || cargo build --quiet
ip netns list | grep -qw msbed || {
    echo "screenshots: the test bed is not up (tests/testbed/setup.sh)" >&2
    exit 1
}

work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x960x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb=$!
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

fail() {
    echo "screenshots: $*" >&2
    echo "screenshots: Xvfb said: $(tail -5 "$work/xvfb.log")" >&2
    exit 1
}

# The pixels of a picture, to compare two pictures.
pixels() { convert "$1" rgba:- | md5sum | cut -d' ' -f1; }

window=
shot() { # NAME: the window as it is now, checked not blank
    local file="$dir/$1.png"
    import -window "$window" "$file"
    local colours
    colours=$(convert "$file" -format '%k' info:)
    [ "$colours" -gt 8 ] || fail "$lang/$1: the window is blank ($colours colours)"
    if [ -n "${last:-}" ] && [ "$(pixels "$file")" = "$(pixels "$last")" ]; then
        fail "$lang/$1 looks the same as $(basename "$last"): the page did not change"
    fi
    last=$file
    echo "screenshots: $lang/$1.png" >&2
}

# Keys as a person types them (XTEST, to the window under the pointer: Xvfb
# has no window manager; keys sent to a window directly lose Tab).
key() { xdotool key "$@"; sleep 0.4; }
type_text() { xdotool type --delay 20 "$1"; sleep 0.3; }

# Wait until the window stops changing (the spinner is gone): a finished page.
settle() { # LIMIT_SECONDS
    local before= now
    for _ in $(seq $(($1 * 2))); do
        sleep 0.5
        [ -f "$work/now.png" ] && mv "$work/now.png" "$work/before.png"
        import -window "$window" "$work/now.png"
        now=$(pixels "$work/now.png")
        [ "$now" = "$before" ] && return 0
        before=$now
    done
    # The last two frames, to see what kept moving.
    mkdir -p "$out/unsettled"
    cp "$work/before.png" "$out/unsettled/$lang-a.png"
    cp "$work/now.png" "$out/unsettled/$lang-b.png"
    fail "$lang: the page was still changing after $1 s (frames in $out/unsettled)"
}

start() { # LANG [PROGRAM]: the wizard as a new user gets it, in that language
    local home="$work/$1/taro"
    # A desktop's Documents folder, where the wizard saves by default.
    mkdir -p "$home/Documents" "$home/.config"
    echo 'XDG_DOCUMENTS_DIR="$HOME/Documents"' >"$home/.config/user-dirs.dirs"
    local locale=en_US.UTF-8
    [ "$1" = ja ] && locale=ja_JP.UTF-8
    ip netns exec msbed env -u HTTP_PROXY -u http_proxy -u HTTPS_PROXY -u https_proxy \
        HOME="$home" XDG_CONFIG_HOME="$home/.config" LANG="$locale" LC_ALL="$locale" \
        SSL_CERT_FILE="$bed/certs/ca.pem" DISPLAY="$display" MAILSETUP_RENDERER=glow \
        "${2:-$bin}" >"$work/app-$1.log" 2>&1 &
    app=$!
    window=
    for _ in $(seq 100); do
        window=$(xdotool search --pid "$app" --onlyvisible 2>/dev/null | head -1) || true
        [ -n "$window" ] && break
        kill -0 "$app" 2>/dev/null || fail "$1: the wizard ended: $(cat "$work/app-$1.log")"
        sleep 0.2
    done
    [ -n "$window" ] || fail "$1: no window"
    # The pointer in the left margin, where it highlights nothing.
    xdotool mousemove --window "$window" 4 300
    xdotool windowfocus "$window" 2>/dev/null || true
    settle 20
}

stop() {
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=
}

account() { # ADDRESS [SHOT [PASSWORD]]: fill the account page and start checking
    type_text "Taro Yamada"
    key Tab
    type_text "$1"
    key Tab
    type_text "${3:-secret-pass}"
    [ -n "${2:-}" ] && shot "$2"
    key Return
}

# An ISP's CD: the program with the provider's preset and logo beside it.
cd_dir="$work/cd"
mkdir -p "$cd_dir"
cp "$bin" "$cd_dir/mailsetup"
"$bin" preset example --lang ja >"$cd_dir/mailsetup-preset.xml"
cp assets/icon/icon-256.png "$cd_dir/mailsetup-preset.png"

for lang in ja en; do
    dir="$out/$lang"
    mkdir -p "$dir"
    last=

    start "$lang"
    shot 01-welcome
    # Welcome: Tab goes through the two languages, then "About and licences".
    key Tab Tab Tab
    key Return
    settle 15
    shot 02-about
    key Escape
    settle 15
    key Return # Start
    settle 15
    account shiro@imaps.test 03-account
    settle 60
    shot 05-result
    key Return # Set up my mail program
    settle 15
    shot 06-export
    key Return # Save
    settle 15
    shot 07-done
    stop

    # Not everything worked: sending only (port 25 is blocked there, and the
    # domain has no incoming server); the support report is offered.
    last=
    start "$lang"
    key Return
    settle 15
    account saburo@op25b.test
    settle 60
    last=
    shot 05-result-support
    stop

    # A wrong password: the server refused it (once: no second try that
    # could lock the account) and the wizard says what to do.
    last=
    start "$lang"
    key Return
    settle 15
    account shiro@imaps.test "" wrong-pass
    settle 60
    last=
    shot 05-wrong-password
    stop

    # Nothing worked: the server's certificate is not one to trust, so the
    # password was not sent; the primary action is another try.
    last=
    start "$lang"
    key Return
    settle 15
    account taro@untrusted.test
    settle 60
    last=
    shot 05-result-failed
    stop

    # From an ISP's CD: the welcome page shows the provider.
    last=
    start "$lang" "$cd_dir/mailsetup"
    shot 01-welcome-isp
    stop

    # Checking, caught while it works: this domain's server greets after 2 s.
    last=
    start "$lang"
    key Return
    settle 15
    account taro@slow.test
    sleep 1
    last=
    shot 04-checking
    stop
done
echo "screenshots: every page in $out/{ja,en}" >&2
