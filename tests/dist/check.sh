#!/usr/bin/env bash
# Makes the release packages (scripts/dist.sh) and checks them as a user and an
# ISP would get them: each archive holds the program, the read-me, every
# licence and the ISP folder; the .deb installs, starts (--version, the example
# preset passes its check) and removes cleanly. Run by .ci/run. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/dist.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
fail() { echo "FAIL: $*" >&2; exit 1; }
# (grep reads everything, not -q: with pipefail an early exit would fail the pipe)
has() { grep -e "$1" >/dev/null || fail "$2 lacks $1"; }

folder=(README-FIRST.txt LICENSE-MIT LICENSE-APACHE LICENSE-IPA-Font.txt THIRD-PARTY.txt
        ispdb/LICENSE-MPL-2.0.txt ispdb/PROVENANCE.md isp/HOW-TO-MAKE-A-CD.md
        isp/mailsetup-preset.xml isp/mailsetup-preset.png)
tgz=dist/mailsetup-$version-linux-x64.tar.gz
list=$(tar -tzf "$tgz")
for f in mailsetup "${folder[@]}"; do has "mailsetup-$version-linux-x64/$f$" "$tgz" <<<"$list"; done
echo "ok: $tgz"

zip=dist/mailsetup-$version-windows-x64.zip
[ -f "$zip" ] || fail "no $zip"
list=$(python3 -c "import zipfile,sys; print('\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))" "$zip")
for f in mailsetup.exe "${folder[@]}"; do has "mailsetup-$version-windows-x64/$f$" "$zip" <<<"$list"; done
# The .exe in the archive is the one tests/windows/check.sh ran under wine.
python3 - "$zip" "mailsetup-$version-windows-x64/mailsetup.exe" "$(scripts/windows-build.sh)" <<'PY' || fail "the .exe in $zip is not the checked build"
import sys, zipfile
sys.exit(0 if zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]) == open(sys.argv[3], "rb").read() else 1)
PY
echo "ok: $zip"

deb=$(ls dist/mailsetup_"$version"*_amd64.deb)
list=$(dpkg-deb -c "$deb")
for f in ./usr/bin/mailsetup ./usr/share/applications/mailsetup.desktop \
         ./usr/share/icons/hicolor/256x256/apps/mailsetup.png \
         ./usr/share/metainfo/io.mailsetup.Wizard.metainfo.xml \
         ./usr/share/doc/mailsetup/LICENSE-MIT ./usr/share/doc/mailsetup/THIRD-PARTY.txt \
         ./usr/share/doc/mailsetup/ispdb/LICENSE-MPL-2.0.txt; do
    has " $f$" "$deb" <<<"$list"
done
# apt-get installs what the package depends on, as a user's package manager would.
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" >/dev/null
trap 'dpkg -r mailsetup >/dev/null 2>&1 || true' EXIT
[ "$(/usr/bin/mailsetup --version)" = "mailsetup $version" ] || fail "the installed program does not start"
/usr/bin/mailsetup preset example > "${TMPDIR:-/tmp}/dist-check-preset.xml"
/usr/bin/mailsetup preset check "${TMPDIR:-/tmp}/dist-check-preset.xml" || fail "installed preset check"
dpkg -r mailsetup >/dev/null
[ ! -e /usr/bin/mailsetup ] || fail "not removed"
trap - EXIT
echo "ok: $deb installs, starts and is removed"
ls -l dist/
