#!/usr/bin/env bash
# Takes docs/result-ja.png: the wizard's Result screen in Japanese, in a real
# window under Xvfb (software OpenGL), after a real run against the test bed
# (port 25 dropped, so the OP25B explanation shows). Needs root and the bed:
#   sudo tests/testbed/setup.sh && sudo tests/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BED=${MAILSETUP_BED_DIR:-/tmp/mailsetup-bed}
command -v Xvfb >/dev/null && command -v xdotool >/dev/null && command -v import >/dev/null || \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        xvfb xdotool imagemagick libgl1-mesa-dri libegl1 libgl1 libxkbcommon-x11-0
cargo build --quiet
work=$(mktemp -d)
cat > "$work/drive.sh" <<DRIVE
set -e
export DISPLAY=:77 HOME=$work LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 SSL_CERT_FILE=$BED/certs/ca.pem
Xvfb :77 -screen 0 1024x768x24 >/dev/null 2>&1 & xpid=\$!
sleep 1
$PWD/target/debug/mailsetup >/dev/null 2>&1 & apid=\$!
sleep 5
wid=\$(xdotool search --name mailsetup | head -1)
xdotool windowfocus --sync "\$wid"
# Welcome: Start. Account: name, address, password (clicked, as a person would).
xdotool mousemove 35 132 click 1; sleep 1
xdotool mousemove 360 83 click 1; sleep 0.3; xdotool type --delay 40 "Yamada Taro"
xdotool mousemove 360 111 click 1; sleep 0.3; xdotool type --delay 40 "hanako@op25b.test"
xdotool mousemove 360 139 click 1; sleep 0.3; xdotool type --delay 40 "secret-pass"
xdotool key Return; sleep 10
import -window root $work/shot.png
kill \$apid \$xpid
DRIVE
ip netns exec msbed bash "$work/drive.sh"
convert "$work/shot.png" -crop 760x600+0+0 +repage docs/result-ja.png
rm -rf "$work"
echo docs/result-ja.png
