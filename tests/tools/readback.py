#!/usr/bin/env python3
"""Reads an exported settings file the way an independent parser would and
prints {"keys": [...], "values": [...]} as JSON: every key (or element path)
and every string value, URL-decoded where the value is a URL. Used by
tests/hostile_values.rs; Python's own parsers stand in for the mail programs."""
import configparser
import html.parser
import json
import plistlib
import re
import sys
import tomllib
import urllib.parse
import xml.etree.ElementTree as ET

fmt, path = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
keys, values = [], []


def url_parts(v):
    values.append(v)
    if "://" in v:
        u = urllib.parse.urlsplit(v)
        for part in (u.username, u.password):
            if part is not None:
                values.append(urllib.parse.unquote(part))


def walk(prefix, node):
    if isinstance(node, dict):
        for k, v in node.items():
            walk(f"{prefix}.{k}", v)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(f"{prefix}[{i}]", v)
    else:
        keys.append(prefix)
        if isinstance(node, str):
            url_parts(node)


def ini(text):
    cp = configparser.RawConfigParser(strict=True, delimiters=("=",))
    cp.optionxform = str
    cp.read_string(text)
    for s in cp.sections():
        for k, v in cp.items(s):
            keys.append(f"{s}.{k}")
            url_parts(v)


if fmt == "himalaya":
    walk("", tomllib.loads(raw.decode("utf-8")))
elif fmt in ("aerc",):
    ini(raw.decode("utf-8"))
elif fmt == "prf":
    ini(raw.decode("utf-8").lstrip("\ufeff"))
elif fmt == "mobileconfig":
    walk("", plistlib.loads(raw))
elif fmt == "json":
    walk("", json.loads(raw))
elif fmt in ("thunderbird-autoconfig", "autodiscover", "oeaccount"):
    root = ET.fromstring(raw)
    for el in root.iter():
        keys.append(el.tag)
        for k, v in el.attrib.items():
            keys.append(f"{el.tag}@{k}")
            values.append(v)
        if el.text and el.text.strip():
            values.append(el.text.strip())
elif fmt == "thunderbird-userjs":
    for line in raw.decode("utf-8").splitlines():
        if line.startswith("//") or not line.strip():
            continue
        m = re.fullmatch(r'user_pref\((".*?(?<!\\)"), (.*)\);', line)
        assert m, f"not a user_pref line: {line!r}"
        keys.append(json.loads(m.group(1)))
        v = json.loads(m.group(2))
        if isinstance(v, str):
            values.append(v)
elif fmt == "sheet":
    class P(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            keys.append(tag)
            for k, v in attrs:
                keys.append(f"{tag}@{k}")
                if v:
                    values.append(v)

        def handle_data(self, data):
            if data.strip():
                values.append(data.strip())

    p = P(convert_charrefs=True)
    p.feed(raw.decode("utf-8"))
    p.close()
elif fmt == "message":
    # The test message, read as a mail program would: every address header
    # as a list of mailboxes (display name, address).
    import email
    import email.policy

    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for field in ("From", "To", "Subject"):
        keys.append(field)
        header = msg[field]
        if field == "Subject":
            values.append(str(header))
            continue
        for a in header.addresses:
            values.append(f"{a.display_name}\t{a.addr_spec}")
    keys.extend(k for k in msg.keys() if k not in ("From", "To", "Subject"))
else:
    sys.exit(f"readback.py: no reader for {fmt}")

print(json.dumps({"keys": keys, "values": values}, ensure_ascii=False))
