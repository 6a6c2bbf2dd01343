//! The preset validator behind `mailsetup preset check`, `--preset` and the
//! preset beside the program: every problem with its line and column, as a
//! typed kind (the words are made in `i18n::preset_problem`). Errors make a
//! preset unusable; warnings say what will happen instead of what is written.
//!
//! Accepts what Windows editors write: UTF-8 with or without a byte-order mark,
//! UTF-16 with one (Notepad's "Unicode"), and files declared `Shift_JIS`.
//! DTDs, and so entity tricks, are refused by the XML parser.

use crate::model::sane_host;
pub use crate::model::{MAX_PRESET_BYTES, Problem, ProblemKind, Severity};

/// Thunderbird's placeholders (the only ones it fills in).
const PLACEHOLDERS: &[&str] = &[
    "%EMAILADDRESS%",
    "%EMAILLOCALPART%",
    "%EMAILDOMAIN%",
    "%REALNAME%",
];

/// Thunderbird's `<authentication>` values.
const AUTHENTICATIONS: &[&str] = &[
    "password-cleartext",
    "plain",
    "password-encrypted",
    "secure",
    "client-IP-address",
    "TLS-client-cert",
    "GSSAPI",
    "NTLM",
    "OAuth2",
    "none",
    "smtp-after-pop",
];

/// Every problem found, in the order of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
    /// The document as text (decoded), when it could be read as text.
    pub text: Option<String>,
}

impl Report {
    /// Usable: no errors (warnings allowed).
    pub fn usable(&self) -> bool {
        !self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    pub fn first_error(&self) -> Option<&Problem> {
        self.problems.iter().find(|p| p.severity == Severity::Error)
    }

    fn add(&mut self, (line, column): (u32, u32), kind: ProblemKind) {
        self.problems.push(Problem {
            line,
            column,
            severity: kind.severity(),
            kind,
        });
    }
}

/// The file's bytes as text: by byte-order mark, else by the XML
/// declaration's encoding (UTF-8 or Shift_JIS and its aliases).
fn decode(bytes: &[u8]) -> Result<String, ProblemKind> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(ProblemKind::NotText)
        } else {
            Ok(text.into_owned())
        };
    }
    // The declaration is ASCII in every encoding we accept.
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let label = head
        .strip_prefix("<?xml")
        .and_then(|d| d.split("?>").next())
        .and_then(|d| d.split("encoding").nth(1))
        .and_then(|rest| {
            let rest = rest.trim_start().strip_prefix('=')?.trim_start();
            let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            rest[1..].split(quote).next().map(str::to_string)
        });
    let encoding = match &label {
        None => encoding_rs::UTF_8,
        Some(l) => match encoding_rs::Encoding::for_label(l.trim().as_bytes()) {
            Some(e) if e == encoding_rs::UTF_8 || e == encoding_rs::SHIFT_JIS => e,
            _ => {
                return Err(ProblemKind::UnknownEncoding {
                    label: l.to_string(),
                });
            }
        },
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') {
        return Err(ProblemKind::NotText);
    }
    // roxmltree reads the text as it is; the declaration must not claim
    // another encoding once it is decoded.
    let text = match &label {
        Some(l) if encoding != encoding_rs::UTF_8 => text.replacen(l.as_str(), "UTF-8", 1),
        _ => text.into_owned(),
    };
    Ok(text)
}

fn line_col(doc: &roxmltree::Document, pos: usize) -> (u32, u32) {
    let p = doc.text_pos_at(pos);
    (p.row, p.col)
}

/// Check a preset file, reading no more of it than the limit allows.
pub fn check_file(path: &std::path::Path) -> std::io::Result<Report> {
    use std::io::Read;
    let size = std::fs::metadata(path)?.len();
    if size > MAX_PRESET_BYTES as u64 {
        let mut report = Report::default();
        report.add(
            (1, 1),
            ProblemKind::TooLarge {
                bytes: usize::try_from(size).unwrap_or(usize::MAX),
            },
        );
        return Ok(report);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_PRESET_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(check(&bytes))
}

/// Check a preset file's bytes.
pub fn check(bytes: &[u8]) -> Report {
    let mut report = Report::default();
    if bytes.len() > MAX_PRESET_BYTES {
        report.add((1, 1), ProblemKind::TooLarge { bytes: bytes.len() });
        return report;
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(kind) => {
            report.add((1, 1), kind);
            return report;
        }
    };
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 100_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = match roxmltree::Document::parse_with_options(&text, opts) {
        Ok(d) => d,
        Err(e) => {
            let at = match e {
                roxmltree::Error::DtdDetected => {
                    let at = text.find("<!DOCTYPE").unwrap_or(0);
                    let line = text[..at].matches('\n').count() as u32 + 1;
                    let column = text[..at]
                        .rsplit('\n')
                        .next()
                        .map_or(0, |l| l.chars().count()) as u32
                        + 1;
                    report.add((line, column), ProblemKind::Dtd);
                    report.text = Some(text);
                    return report;
                }
                roxmltree::Error::UnclosedRootNode => {
                    let line = text.lines().count().max(1) as u32;
                    (
                        line,
                        text.lines().last().map_or(0, |l| l.chars().count()) as u32 + 1,
                    )
                }
                _ => (e.pos().row, e.pos().col),
            };
            report.add(
                at,
                ProblemKind::NotXml {
                    detail: e.to_string(),
                },
            );
            report.text = Some(text);
            return report;
        }
    };
    check_document(&doc, &mut report);
    drop(doc);
    report.text = Some(text);
    report
}

fn check_document(doc: &roxmltree::Document, report: &mut Report) {
    let root = doc.root_element();
    let at = |n: roxmltree::Node| line_col(doc, n.range().start);
    if root.tag_name().name() != "clientConfig" {
        report.add(
            at(root),
            ProblemKind::NotClientConfig {
                root: root.tag_name().name().to_string(),
            },
        );
        return;
    }
    let providers: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("emailProvider"))
        .collect();
    let (mut outgoing, mut dropped_for_warnings, mut refused) = (0, 0, 0);
    for provider in &providers {
        if !provider
            .children()
            .any(|n| n.has_tag_name("domain") && n.text().is_some_and(|t| !t.trim().is_empty()))
        {
            report.add(at(*provider), ProblemKind::NoDomain);
        }
        for server in provider.children().filter(|n| n.is_element()) {
            let element = server.tag_name().name();
            if element != "incomingServer" && element != "outgoingServer" {
                continue;
            }
            let kind = server.attribute("type").unwrap_or_default();
            let ours = match (element, kind) {
                ("outgoingServer", "smtp") | ("incomingServer", "imap" | "pop3") => true,
                // Thunderbird knows these; mailsetup does not use them.
                ("incomingServer", "exchange" | "ews" | "graph" | "owa" | "jmap") => false,
                _ => {
                    report.add(
                        at(server),
                        ProblemKind::UnknownServerType {
                            element: element.to_string(),
                            value: kind.to_string(),
                        },
                    );
                    false
                }
            };
            // Only a server the loader keeps counts as the outgoing one; one
            // dropped for a warning alone (a user name in its host) is said.
            if ours {
                let errors = count_errors(report);
                let kept = check_server(doc, server, report);
                if element == "outgoingServer" {
                    if kept {
                        outgoing += 1;
                    } else if count_errors(report) == errors {
                        dropped_for_warnings += 1;
                    } else {
                        refused += 1;
                    }
                }
            }
        }
    }
    // No outgoing server at all, or none left once the dropped ones are gone
    // (servers with errors already have theirs).
    if outgoing == 0 && (refused == 0 || dropped_for_warnings > 0) {
        let node = providers.first().copied().unwrap_or(root);
        report.add(at(node), ProblemKind::NoOutgoing);
    }
    check_branding(doc, root, report);
}

/// mailsetup's own elements (`branding`): known names, a logo that is a plain
/// file name, web and mail addresses that are ones, an export format that exists.
fn check_branding(doc: &roxmltree::Document, root: roxmltree::Node, report: &mut Report) {
    use super::branding::{NAMESPACE, logo_name_ok};
    const KNOWN: &[&str] = &[
        "branding",
        "name",
        "logo",
        "welcome",
        "support",
        "phone",
        "hours",
        "url",
        "email",
        "defaultExport",
    ];
    for n in root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(NAMESPACE))
    {
        let at = line_col(doc, n.range().start);
        let name = n.tag_name().name();
        let value = text_of(n).to_string();
        match name {
            _ if !KNOWN.contains(&name) => report.add(
                at,
                ProblemKind::UnknownBrandingElement {
                    name: name.to_string(),
                },
            ),
            "logo" if !logo_name_ok(&value) => report.add(at, ProblemKind::BadLogo { value }),
            "url" if !(value.starts_with("https://") || value.starts_with("http://")) => {
                report.add(at, ProblemKind::BadSupportUrl { value })
            }
            "email" if !value.contains('@') || value.contains(char::is_whitespace) => {
                report.add(at, ProblemKind::BadSupportEmail { value })
            }
            // The one place the preset refers to an export target by name.
            "defaultExport" if crate::export::Format::parse(&value).is_none() => {
                report.add(at, ProblemKind::UnknownExportFormat { value })
            }
            _ => {}
        }
    }
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|n| n.has_tag_name(name))
}

fn text_of<'a>(node: roxmltree::Node<'a, '_>) -> &'a str {
    node.text().unwrap_or_default().trim()
}

fn check_placeholders(doc: &roxmltree::Document, node: roxmltree::Node, report: &mut Report) {
    let value = text_of(node);
    let mut rest = value;
    while let Some(start) = rest.find('%') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('%') else {
            break;
        };
        let token = &rest[start..start + end + 2];
        if token.len() > 2
            && token[1..token.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            if !PLACEHOLDERS.contains(&token) {
                report.add(
                    line_col(doc, node.range().start),
                    ProblemKind::UnknownPlaceholder {
                        value: token.to_string(),
                    },
                );
            }
            rest = &rest[start + end + 2..];
        } else {
            rest = &rest[start + 1..];
        }
    }
}

fn count_errors(report: &Report) -> usize {
    report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
}

/// Checks one server; `true` when the loader will keep it (it is usable).
fn check_server(doc: &roxmltree::Document, server: roxmltree::Node, report: &mut Report) -> bool {
    let at = |n: roxmltree::Node| line_col(doc, n.range().start);
    let errors_before = count_errors(report);
    let mut host_kept = false;
    match child(server, "hostname") {
        None => report.add(at(server), ProblemKind::NoHostname),
        Some(h) if text_of(h).is_empty() => report.add(at(h), ProblemKind::NoHostname),
        Some(h) => {
            let value = text_of(h);
            let unknown_before = report.problems.len();
            check_placeholders(doc, h, report);
            let unknown_placeholder = report.problems.len() > unknown_before;
            let upper = value.to_ascii_uppercase();
            let filled = value.replace("%EMAILDOMAIN%", "example.jp");
            if upper.contains("%EMAILLOCALPART%") || upper.contains("%EMAILADDRESS%") {
                // A warning, as Thunderbird would use it; mailsetup drops it.
                report.add(
                    at(h),
                    ProblemKind::UserInHostname {
                        value: value.to_string(),
                    },
                );
            } else if sane_host(&filled).is_none() {
                // (%REALNAME% and the like make no host name either.)
                if !unknown_placeholder {
                    report.add(
                        at(h),
                        ProblemKind::BadHostname {
                            value: value.to_string(),
                        },
                    );
                }
            } else {
                host_kept = true;
            }
        }
    }
    let port = match child(server, "port") {
        None => {
            report.add(at(server), ProblemKind::NoPort);
            None
        }
        Some(p) => match text_of(p).parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                report.add(
                    at(p),
                    ProblemKind::BadPort {
                        value: text_of(p).to_string(),
                    },
                );
                None
            }
        },
    };
    let socket = match child(server, "socketType") {
        None => {
            report.add(at(server), ProblemKind::NoSocketType);
            None
        }
        Some(s) => {
            let value = text_of(s);
            match value.to_ascii_uppercase().as_str() {
                "SSL" | "TLS" | "STARTTLS" => Some((s, value.to_string())),
                "PLAIN" => {
                    report.add(at(s), ProblemKind::PlainSocket);
                    Some((s, value.to_string()))
                }
                _ => {
                    report.add(
                        at(s),
                        ProblemKind::UnknownSocketType {
                            value: value.to_string(),
                        },
                    );
                    None
                }
            }
        }
    };
    if let (Some(port), Some((s, socket))) = (port, socket) {
        let implicit = matches!(socket.to_ascii_uppercase().as_str(), "SSL" | "TLS");
        let mismatch = match port {
            465 | 993 | 995 => !implicit,
            587 | 143 | 110 | 25 => implicit,
            _ => false,
        };
        if mismatch {
            report.add(
                at(s),
                ProblemKind::PortSecurityMismatch {
                    port,
                    socket_type: socket,
                },
            );
        }
    }
    let auths: Vec<_> = server
        .children()
        .filter(|n| n.has_tag_name("authentication"))
        .collect();
    for a in &auths {
        let value = text_of(*a);
        if !AUTHENTICATIONS.contains(&value) {
            report.add(
                at(*a),
                ProblemKind::UnknownAuthentication {
                    value: value.to_string(),
                },
            );
        }
    }
    if !auths.is_empty() && auths.iter().all(|a| text_of(*a) == "OAuth2") {
        report.add(at(auths[0]), ProblemKind::OauthOnly);
    }
    if let Some(u) = child(server, "username") {
        check_placeholders(doc, u, report);
    }
    host_kept && count_errors(report) == errors_before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(xml: &str) -> Vec<(u32, u32, ProblemKind)> {
        check(xml.as_bytes())
            .problems
            .into_iter()
            .map(|p| (p.line, p.column, p.kind))
            .collect()
    }

    const GOOD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.jp">
    <domain>example.jp</domain>
    <outgoingServer type="smtp">
      <hostname>smtp.%EMAILDOMAIN%</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"#;

    #[test]
    fn a_good_preset_has_no_problems() {
        let r = check(GOOD.as_bytes());
        assert_eq!(r.problems, []);
        assert!(r.usable());
    }

    #[test]
    fn each_error_names_its_line_and_column() {
        let bad = GOOD
            .replace("<port>587</port>", "<port>70000</port>")
            .replace("STARTTLS</socketType>", "STARTLS</socketType>")
            .replace("password-cleartext", "password-clear")
            .replace("%EMAILADDRESS%", "%EMAIL%");
        assert_eq!(
            kinds(&bad),
            [
                (
                    7,
                    7,
                    ProblemKind::BadPort {
                        value: "70000".into()
                    }
                ),
                (
                    8,
                    7,
                    ProblemKind::UnknownSocketType {
                        value: "STARTLS".into()
                    }
                ),
                (
                    9,
                    7,
                    ProblemKind::UnknownAuthentication {
                        value: "password-clear".into()
                    }
                ),
                (
                    10,
                    7,
                    ProblemKind::UnknownPlaceholder {
                        value: "%EMAIL%".into()
                    }
                ),
            ]
        );
        assert!(!check(bad.as_bytes()).usable());
    }

    #[test]
    fn warnings_leave_it_usable() {
        let w = GOOD.replace("<port>587</port>", "<port>465</port>").replace(
            "  </emailProvider>",
            "    <outgoingServer type=\"smtp\"><hostname>%EMAILLOCALPART%.example.jp</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>\n  </emailProvider>",
        );
        let r = check(w.as_bytes());
        assert!(r.usable(), "{:?}", r.problems);
        let k: Vec<_> = r
            .problems
            .iter()
            .map(|p| (p.severity, p.kind.clone()))
            .collect();
        assert_eq!(
            k,
            [
                (
                    Severity::Warning,
                    ProblemKind::PortSecurityMismatch {
                        port: 465,
                        socket_type: "STARTTLS".into()
                    }
                ),
                (
                    Severity::Warning,
                    ProblemKind::UserInHostname {
                        value: "%EMAILLOCALPART%.example.jp".into()
                    }
                ),
            ]
        );
        // The same server alone: the loader drops it, so nothing is left.
        let alone = GOOD.replace("smtp.%EMAILDOMAIN%", "%EMAILLOCALPART%.example.jp");
        let r = check(alone.as_bytes());
        assert!(!r.usable());
        assert!(r.problems.iter().any(|p| p.kind == ProblemKind::NoOutgoing));
        let realname = GOOD.replace("smtp.%EMAILDOMAIN%", "smtp.%REALNAME%.jp");
        assert!(
            check(realname.as_bytes())
                .problems
                .iter()
                .any(|p| matches!(p.kind, ProblemKind::BadHostname { .. }))
        );
    }

    #[test]
    fn shift_jis_bom_and_utf16_are_read() {
        let sjis = GOOD
            .replace("UTF-8", "Shift_JIS")
            .replace("<domain>", "<displayName>山田ネット</displayName><domain>");
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&sjis);
        let r = check(&bytes);
        assert!(r.usable(), "{:?}", r.problems);
        assert!(r.text.unwrap().contains("山田ネット"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(GOOD.as_bytes());
        assert!(check(&bom).usable());
        let mut utf16 = vec![0xFF, 0xFE];
        for u in GOOD.replace("UTF-8", "UTF-16").encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(check(&utf16).usable(), "{:?}", check(&utf16).problems);
    }

    #[test]
    fn hostile_and_broken_files_are_refused_with_a_place() {
        let dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<clientConfig/>";
        assert_eq!(kinds(dtd), [(2, 1, ProblemKind::Dtd)]);
        let k = kinds("<clientConfig>\n<emailProvider>\n</clientConfig>");
        assert!(
            matches!(k[..], [(3, _, ProblemKind::NotXml { .. })]),
            "{k:?}"
        );
        assert_eq!(
            kinds("<html/>"),
            [(
                1,
                1,
                ProblemKind::NotClientConfig {
                    root: "html".into()
                }
            )]
        );
        assert_eq!(
            check(&[0x89, b'P', b'N', b'G', 0, 0, 0xff]).problems[0].kind,
            ProblemKind::NotText
        );
        let big = vec![b' '; MAX_PRESET_BYTES + 1];
        assert!(matches!(
            check(&big).problems[0].kind,
            ProblemKind::TooLarge { .. }
        ));
        let no_out = GOOD
            .replace(
                "outgoingServer type=\"smtp\"",
                "incomingServer type=\"imap\"",
            )
            .replace("</outgoingServer>", "</incomingServer>");
        assert_eq!(kinds(&no_out), [(3, 3, ProblemKind::NoOutgoing)]);
        let bad_host = GOOD.replace("smtp.%EMAILDOMAIN%", "smtp example.jp");
        assert_eq!(
            kinds(&bad_host),
            [(
                6,
                7,
                ProblemKind::BadHostname {
                    value: "smtp example.jp".into()
                }
            )]
        );
    }

    #[test]
    fn branding_is_checked_too() {
        let b = GOOD.replace(
            "<emailProvider id=\"example.jp\">",
            "<emailProvider id=\"example.jp\" xmlns:ms=\"urn:mailsetup:preset:1\">",
        )
        .replace(
            "  </emailProvider>",
            "    <ms:branding><ms:logo>../x.png</ms:logo><ms:colour>red</ms:colour>\n    <ms:support><ms:url>ftp://x</ms:url><ms:email>no address</ms:email></ms:support>\n    <ms:defaultExport>outlook99</ms:defaultExport></ms:branding>\n  </emailProvider>",
        );
        let k: Vec<_> = kinds(&b).into_iter().map(|(_, _, k)| k).collect();
        assert_eq!(
            k,
            [
                ProblemKind::BadLogo {
                    value: "../x.png".into()
                },
                ProblemKind::UnknownBrandingElement {
                    name: "colour".into()
                },
                ProblemKind::BadSupportUrl {
                    value: "ftp://x".into()
                },
                ProblemKind::BadSupportEmail {
                    value: "no address".into()
                },
                ProblemKind::UnknownExportFormat {
                    value: "outlook99".into()
                },
            ]
        );
    }
}
