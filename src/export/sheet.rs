//! A printable settings sheet (HTML), like the ones ISPs mail to customers.

use super::ExportError;
use super::text::xml;
use super::{Format, FormatSpec, Group, Note};
use crate::i18n::{self, Lang, SheetText};
use crate::model::{PasswordSupport, Words};
use crate::settings::AccountSettings;

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "sheet",
    label: Words {
        ja: "印刷用の設定表（HTML）",
        en: "Printable settings sheet (HTML)",
    },
    summary: Words {
        ja: "どのメールソフトにも使える、印刷用の設定表です。ブラウザーで開きます。",
        en: "Every value any mail program asks for, to print: it opens in a browser.",
    },
    group: Group::Computer,
    file_use: Some(Words {
        ja: "メールソフトが尋ねる値をすべて書いた設定表です。ブラウザーで開いて印刷できます。",
        en: "A sheet with every value a mail program asks for: open it in a browser to print it.",
    }),
    file_name: "mail-settings.html",
    needs_incoming: false,
    password: PasswordSupport::Never,
    guide: None,
    note: Note::HtmlBanner,
    render: |i| render(i.account, i.lang),
});

pub fn render(a: &AccountSettings, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let t = |k: SheetText| xml(i18n::sheet(lang, k));
    let row = |k: SheetText, v: &str| format!("<tr><th>{}</th><td>{}</td></tr>\n", t(k), xml(v));
    let o = &a.outgoing;
    let mut rows = String::new();
    rows.push_str(&row(SheetText::Email, &a.email));
    rows.push_str(&row(SheetText::Name, &a.name));
    rows.push_str(&format!(
        "<tr><td colspan=\"2\" class=\"h\">{}</td></tr>\n",
        t(SheetText::Outgoing)
    ));
    rows.push_str(&row(SheetText::Server, &o.host));
    rows.push_str(&row(SheetText::Port, &o.port.to_string()));
    rows.push_str(&row(
        SheetText::Security,
        i18n::security_name(lang, o.security),
    ));
    rows.push_str(&row(SheetText::Auth, i18n::auth_name(lang, o.auth)));
    rows.push_str(&row(SheetText::UserName, &o.username));
    match &a.incoming {
        Some(i) => {
            rows.push_str(&format!(
                "<tr><td colspan=\"2\" class=\"h\">{} ({})</td></tr>\n",
                t(SheetText::Incoming),
                i18n::protocol_name(i.protocol)
            ));
            rows.push_str(&row(SheetText::Server, &i.host));
            rows.push_str(&row(SheetText::Port, &i.port.to_string()));
            rows.push_str(&row(
                SheetText::Security,
                i18n::security_name(lang, i.security),
            ));
            rows.push_str(&row(SheetText::Auth, i18n::auth_name(lang, i.auth)));
            rows.push_str(&row(SheetText::UserName, &i.username));
        }
        None => rows.push_str(&format!(
            "<tr><td colspan=\"2\">{}</td></tr>\n",
            t(SheetText::NoIncoming)
        )),
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang_code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>\nbody{{font-family:sans-serif;margin:2em}}\
         table{{border-collapse:collapse}}th,td{{border:1px solid #888;padding:.4em .8em;text-align:left}}\
         .h{{background:#eee;font-weight:bold}}\n</style>\n</head>\n<body>\n<h1>{title}</h1>\n\
         <p>{intro}</p>\n<table>\n{rows}</table>\n<p>{outro}</p>\n</body>\n</html>\n",
        lang_code = if lang == Lang::Ja { "ja" } else { "en" },
        title = t(SheetText::Title),
        intro = t(SheetText::Intro),
        outro = t(SheetText::Password),
    );
    Ok(html.into_bytes())
}
