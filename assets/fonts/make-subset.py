#!/usr/bin/env python3
"""Makes assets/fonts/mailsetup-jp-gothic.ttf, a Derived Program of IPAex Gothic
under the IPA Font License v1.0 (LICENSE-IPA-Font.txt beside this file; as that
license requires, the derived font carries a name of its own), cut down to what
Japanese users type and read: ASCII, Latin-1, kana, CJK punctuation, full-width
forms, JIS X 0208 level-1 and level-2 kanji (everything Shift_JIS/CP932 encodes
in rows 16-84), plus every character in the program's own source text.

Run from the repository root after `apt-get install fonts-ipaexfont-gothic` and
`pip install fonttools`:  python3 assets/fonts/make-subset.py
"""
import glob
import pathlib
import subprocess

SRC = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
OUT = "assets/fonts/mailsetup-jp-gothic.ttf"
NAME = "mailsetup JP Gothic"

chars = set()
for cp in list(range(0x20, 0x7F)) + list(range(0xA0, 0x100)):
    chars.add(chr(cp))
for lo, hi in [(0x3000, 0x30FF), (0xFF00, 0xFFEF), (0x2010, 0x2027), (0x2190, 0x21FF),
               (0x25A0, 0x25FF)]:
    chars.update(chr(cp) for cp in range(lo, hi + 1))
# JIS X 0208 kanji: CP932 lead bytes 0x88-0x9F and 0xE0-0xEA.
for lead in list(range(0x88, 0xA0)) + list(range(0xE0, 0xEB)):
    for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)):
        try:
            chars.add(bytes([lead, trail]).decode("cp932"))
        except UnicodeDecodeError:
            pass
for path in glob.glob("src/**/*.rs", recursive=True):
    chars.update(pathlib.Path(path).read_text(encoding="utf-8"))
text = "".join(sorted(c for c in chars if c.isprintable()))
pathlib.Path("/tmp/subset-chars.txt").write_text(text, encoding="utf-8")
subprocess.run(["pyftsubset", SRC, "--text-file=/tmp/subset-chars.txt", f"--output-file={OUT}",
                "--layout-features=*", "--no-hinting"], check=True)
# The license forbids the original name on a derived font.
from fontTools.ttLib import TTFont  # noqa: E402
font = TTFont(OUT)
for rec in font["name"].names:
    if rec.nameID in (1, 4, 16, 21):
        rec.string = NAME
    elif rec.nameID in (3, 6):
        rec.string = NAME.replace(" ", "")
font.save(OUT)
print(OUT, len(text), "characters")
