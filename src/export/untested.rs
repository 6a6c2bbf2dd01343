//! Settings that were not proven (the ISP's preset, taken while offline) say
//! so inside the file, wherever its format has room for a comment: a line
//! people and support staff see when they open it. The JSON file carries
//! `"verified": false`; binary files (.iaf, the QR code) and the UTF-16
//! Windows Mail file have no such room.

use super::Note;
use crate::i18n::{self, Lang};

pub(super) fn mark(note_style: Note, bytes: Vec<u8>, lang: Lang) -> Vec<u8> {
    let note = i18n::untested_note(lang);
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    let marked = match note_style {
        Note::Hash => {
            format!("# {note}\n{}", text())
        }
        Note::Slashes => format!("// {note}\n{}", text()),
        Note::Semicolon => {
            let t = text();
            let (bom, rest) = match t.strip_prefix('\u{feff}') {
                Some(rest) => ("\u{feff}", rest.to_string()),
                None => ("", t.clone()),
            };
            format!("{bom}; {note}\r\n{rest}")
        }
        Note::XmlComment => {
            let t = text();
            // Right after the XML declaration (a comment may not come first).
            match t.find("?>") {
                Some(i) => format!("{}\n<!-- {note} -->{}", &t[..i + 2], &t[i + 2..]),
                None => format!("<!-- {note} -->\n{t}"),
            }
        }
        Note::HtmlBanner => {
            let t = text();
            let banner = format!(
                "<p style=\"border:2px solid #c00;padding:6px\"><strong>{}</strong></p>\n",
                super::text::xml(note)
            );
            match t.find("<body>\n") {
                Some(i) => format!("{}{banner}{}", &t[..i + 7], &t[i + 7..]),
                None => t,
            }
        }
        Note::None => return bytes,
    };
    marked.into_bytes()
}
