//! Every export re-read by an independent parser (XML, plist, INI, TOML, git
//! itself, a QR decoder, the .iaf record layout) gives back the same values;
//! hostile values are escaped or refused with a clear error, never a broken file.

use std::collections::HashMap;

use mailsetup::account::Password;
use mailsetup::export::{self, ExportError, Format};
use mailsetup::i18n::Lang;
use mailsetup::settings::{
    AccountSettings, AuthMethod, IncomingSettings, OutgoingSettings, Security, Service,
    SettingsError, SettingsField,
};

fn account(name: &str, user: &str, incoming: Service, out_sec: Security) -> AccountSettings {
    AccountSettings {
        email: "taro@example.ne.jp".into(),
        name: name.into(),
        outgoing: OutgoingSettings {
            protocol: Service::Submission,
            host: "smtp.example.ne.jp".into(),
            port: if out_sec == Security::ImplicitTls {
                465
            } else {
                587
            },
            security: out_sec,
            auth: AuthMethod::CramMd5,
            username: user.into(),
        },
        incoming: Some(IncomingSettings {
            protocol: incoming,
            host: if incoming == Service::Pop3 {
                "pop.example.ne.jp"
            } else {
                "imap.example.ne.jp"
            }
            .into(),
            port: if incoming == Service::Pop3 { 995 } else { 993 },
            security: Security::ImplicitTls,
            auth: AuthMethod::Plain,
            username: user.into(),
        }),
        verified: true,
    }
}

fn plain() -> AccountSettings {
    account(
        "山田 太郎",
        "taro@example.ne.jp",
        Service::Imap,
        Security::StartTls,
    )
}

fn render(f: Format, a: &AccountSettings, pw: Option<&Password>) -> Vec<u8> {
    export::render(f, a, pw, Lang::Ja).unwrap_or_else(|e| panic!("{}: {e:?}", f.name()))
}

fn text(f: Format, a: &AccountSettings, pw: Option<&Password>) -> String {
    String::from_utf8(render(f, a, pw)).unwrap()
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    n.children()
        .find(|c| c.tag_name().name() == name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("no <{name}>"))
}

#[test]
fn thunderbird_autoconfig_round_trips() {
    for a in [
        plain(),
        account("A \"<&>' 😀", "u&<x>", Service::Pop3, Security::ImplicitTls),
    ] {
        let xml = text(Format::named("thunderbird-autoconfig"), &a, None);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let out = doc
            .descendants()
            .find(|n| n.has_tag_name("outgoingServer"))
            .unwrap();
        assert_eq!(child(out, "hostname"), a.outgoing.host);
        assert_eq!(child(out, "port"), a.outgoing.port.to_string());
        assert_eq!(child(out, "username"), a.outgoing.username);
        assert_eq!(child(out, "authentication"), "password-encrypted");
        // Our own preset reader (the same format an ISP ships) agrees.
        let email = mailsetup::account::EmailAddress::parse(&a.email).unwrap();
        let cfg = mailsetup::discover::autoconfig_xml::parse(xml.as_bytes(), &email).unwrap();
        assert_eq!(cfg.outgoing[0].security, a.outgoing.security);
        let inc = a.incoming.as_ref().unwrap();
        assert_eq!(cfg.incoming[0].service, inc.protocol);
        assert_eq!(cfg.incoming[0].port, inc.port);
        assert_eq!(
            cfg.incoming[0].username.as_deref(),
            Some(inc.username.as_str())
        );
    }
}

/// `user_pref("key", value);` lines as Thunderbird reads them, into a map (a
/// later line overrides an earlier one, as user.js overrides prefs.js).
fn apply_user_prefs(prefs: &mut HashMap<String, serde_json::Value>, js: &str) {
    for line in js.lines().filter(|l| l.starts_with("user_pref(")) {
        let inner = line
            .strip_prefix("user_pref(")
            .unwrap()
            .strip_suffix(");")
            .unwrap();
        // "key", value — the value is JSON (strings, numbers, booleans).
        let (key, value) = inner.split_once(", ").unwrap();
        let key: String = serde_json::from_str(key).unwrap();
        let value: serde_json::Value = serde_json::from_str(value).unwrap();
        prefs.insert(key, value);
    }
}

#[test]
fn thunderbird_userjs_round_trips() {
    let a = account("Taro \"T\" \\ Y", "taro", Service::Imap, Security::StartTls);
    let js = text(Format::named("thunderbird-userjs"), &a, None);
    let mut prefs = HashMap::new();
    apply_user_prefs(&mut prefs, &js);
    let s = "mail.smtpserver.smtp_mailsetup";
    assert_eq!(prefs[&format!("{s}.hostname")], "smtp.example.ne.jp");
    assert_eq!(prefs[&format!("{s}.port")], 587);
    assert_eq!(prefs[&format!("{s}.try_ssl")], 2);
    assert_eq!(prefs[&format!("{s}.authMethod")], 4);
    assert_eq!(
        prefs["mail.identity.id_mailsetup.fullName"],
        a.name.as_str()
    );
    assert_eq!(prefs["mail.server.server_mailsetup.socketType"], 3);
    assert_eq!(prefs["mail.server.server_mailsetup.type"], "imap");
    // Made without a profile, it says plainly that it replaces the lists.
    assert!(js.contains("REPLACES"), "{js}");
    assert_eq!(prefs["mail.accountmanager.accounts"], "account_mailsetup");
}

/// A profile that already has an account and Local Folders, as Thunderbird 128
/// writes them.
const PREFS_JS: &str = r#"// Mozilla User Preferences
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.accountmanager.defaultaccount", "account1");
user_pref("mail.identity.id1.fullName", "Hanako \"H\"");
user_pref("mail.identity.id1.smtpServer", "smtp1");
user_pref("mail.identity.id1.useremail", "hanako@example.com");
user_pref("mail.server.server1.hostname", "imap.example.com");
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.type", "none");
user_pref("mail.smtp.defaultserver", "smtp1");
user_pref("mail.smtpserver.smtp1.hostname", "smtp.example.com");
user_pref("mail.smtpservers", "smtp1");
"#;

/// Thunderbird reads prefs.js, then user.js over it: with the profile given,
/// the user's account, Local Folders and their default stay, and ours is added.
#[test]
fn thunderbird_userjs_keeps_the_profiles_accounts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prefs.js"), PREFS_JS).unwrap();
    let profile = export::thunderbird_profile::read(dir.path()).unwrap();
    let a = plain();
    let js = String::from_utf8(
        export::render_for(
            Format::named("thunderbird-userjs"),
            &a,
            None,
            Lang::En,
            Some(&profile),
        )
        .unwrap(),
    )
    .unwrap();
    let mut prefs = HashMap::new();
    apply_user_prefs(&mut prefs, PREFS_JS);
    apply_user_prefs(&mut prefs, &js);
    assert_eq!(
        prefs["mail.accountmanager.accounts"],
        "account1,account2,account_mailsetup"
    );
    assert_eq!(prefs["mail.accountmanager.defaultaccount"], "account1");
    assert_eq!(prefs["mail.smtpservers"], "smtp1,smtp_mailsetup");
    assert_eq!(prefs["mail.smtp.defaultserver"], "smtp1");
    // Every listed account is complete: its server is there.
    for id in ["account1", "account2", "account_mailsetup"] {
        let server = prefs[&format!("mail.account.{id}.server")]
            .as_str()
            .unwrap();
        assert!(
            prefs.contains_key(&format!("mail.server.{server}.hostname")),
            "{id}"
        );
    }
    assert_eq!(prefs["mail.identity.id1.smtpServer"], "smtp1");
    assert_eq!(
        prefs["mail.identity.id_mailsetup.smtpServer"],
        "smtp_mailsetup"
    );
    assert!(!js.contains("REPLACES"));

    // Thunderbird keeps it all in prefs.js. Exporting the same address again
    // updates that account; another address gets an account of its own.
    let after = export::thunderbird_profile::parse_prefs(&format!("{PREFS_JS}{js}"));
    let again = |email: &str| {
        let mut b = plain();
        b.email = email.into();
        let js = String::from_utf8(
            export::render_for(
                Format::named("thunderbird-userjs"),
                &b,
                None,
                Lang::En,
                Some(&after),
            )
            .unwrap(),
        )
        .unwrap();
        let mut prefs = HashMap::new();
        apply_user_prefs(&mut prefs, &format!("{PREFS_JS}{js}"));
        prefs
    };
    let same = again(&a.email);
    assert_eq!(
        same["mail.accountmanager.accounts"],
        "account1,account2,account_mailsetup"
    );
    let other = again("hanako@example.ne.jp");
    assert_eq!(
        other["mail.accountmanager.accounts"],
        "account1,account2,account_mailsetup,account_mailsetup2"
    );
    assert_eq!(
        other["mail.smtpservers"],
        "smtp1,smtp_mailsetup,smtp_mailsetup2"
    );
    assert_eq!(
        other["mail.identity.id_mailsetup2.useremail"],
        "hanako@example.ne.jp"
    );
}

/// Records of an .iaf file, read by the documented layout.
fn iaf_records(bytes: &[u8]) -> HashMap<u32, Vec<u8>> {
    assert_eq!(
        &bytes[..12],
        &[0x66, 0x4D, 0x41, 0x49, 0, 0, 5, 0, 1, 0, 0, 0]
    );
    let mut out = HashMap::new();
    let mut i = 12;
    while i < bytes.len() {
        let id = u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
        let len = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().unwrap()) as usize;
        out.insert(id, bytes[i + 8..i + 8 + len].to_vec());
        i += 8 + len;
    }
    assert_eq!(i, bytes.len(), "records fill the file exactly");
    out
}

fn cp932(bytes: &[u8]) -> String {
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes.strip_suffix(&[0]).unwrap());
    assert!(!bad);
    text.into_owned()
}

#[test]
fn iaf_layout_and_values() {
    let a = account("山田 太郎", "taro", Service::Pop3, Security::StartTls);
    let pw = Password::new("pass-ワード");
    let r = iaf_records(&render(Format::named("iaf"), &a, Some(&pw)));
    assert_eq!(cp932(&r[&338166768]), "smtp.example.ne.jp"); // SMTPServer
    assert_eq!(cp932(&r[&338691056]), "山田 太郎"); // SMTPDisplayName, CP932
    assert_eq!(cp932(&r[&331613168]), "pop.example.ne.jp"); // POP3Server
    assert_eq!(r[&338494441], 587u32.to_le_bytes()); // SMTPPort
    assert_eq!(r[&331940841], 995u32.to_le_bytes()); // POP3Port
    assert_eq!(r[&338559989], 1u32.to_le_bytes()); // SMTPSecureConnection
    assert_eq!(r[&338428905], 3u32.to_le_bytes()); // SMTPAuthMethod: SMTP user/password
    let (pw_cp932, _, _) = encoding_rs::SHIFT_JIS.encode("pass-ワード");
    assert_eq!(
        export::iaf_decode_password(&r[&338297846]).unwrap(),
        pw_cp932.into_owned()
    );
    // Without --include-password there is no password record.
    let r = iaf_records(&render(Format::named("iaf"), &a, None));
    assert!(!r.contains_key(&338297846));
}

#[test]
fn iaf_password_fixed_vectors() {
    // Worked by hand from the documented algorithm (key 75 18 15 14; each next
    // key block is the previous plaintext block; a final partial block uses the
    // last bytes of its key block).
    assert_eq!(
        export::iaf_encode_password(b"abc"),
        [
            0x01,
            0x01,
            4,
            0,
            0,
            0,
            0x61 ^ 0x75,
            0x62 ^ 0x18,
            0x63 ^ 0x15,
            0x14
        ]
    );
    let enc = export::iaf_encode_password(b"password");
    let mut want = vec![0x01, 0x01, 9, 0, 0, 0];
    want.extend([b'p' ^ 0x75, b'a' ^ 0x18, b's' ^ 0x15, b's' ^ 0x14]);
    want.extend([b'w' ^ b'p', b'o' ^ b'a', b'r' ^ b's', b'd' ^ b's']);
    want.push(b'd'); // the NUL XOR the last byte of the key block "word"
    assert_eq!(enc, want);
    assert_eq!(export::iaf_decode_password(&enc).unwrap(), b"password");
}

#[test]
fn iaf_refuses_what_cp932_cannot_store() {
    let a = account("Taro 😀", "taro", Service::Imap, Security::StartTls);
    let e = export::render(Format::named("iaf"), &a, None, Lang::En).unwrap_err();
    assert!(
        matches!(e, ExportError::Unrepresentable { field: "name", .. }),
        "{e:?}"
    );
}

#[test]
fn oeaccount_is_utf16_xml_with_hex_dwords() {
    let a = account("A&B <C>", "taro", Service::Pop3, Security::ImplicitTls);
    let bytes = render(Format::named("oeaccount"), &a, None);
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let xml = String::from_utf16(&units).unwrap();
    // roxmltree takes the text; the encoding attribute is about the bytes.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(child(root, "SMTP_Display_Name"), "A&B <C>");
    assert_eq!(child(root, "SMTP_Server"), "smtp.example.ne.jp");
    assert_eq!(
        u32::from_str_radix(child(root, "SMTP_Port"), 16).unwrap(),
        465
    );
    assert_eq!(
        u32::from_str_radix(child(root, "POP3_Port"), 16).unwrap(),
        995
    );
    assert_eq!(child(root, "SMTP_Secure_Connection"), "00000001");
    assert_eq!(child(root, "SMTP_Use_Sicily"), "00000003");
}

#[test]
fn prf_is_an_ini_file_outlook_can_import() {
    let a = plain();
    let text = text(Format::named("prf"), &a, None);
    let ini = ini::Ini::load_from_str(&text).unwrap();
    let acc = ini.section(Some("Account1")).unwrap();
    assert_eq!(acc.get("SMTPServer"), Some("smtp.example.ne.jp"));
    assert_eq!(acc.get("SMTPPort"), Some("587"));
    assert_eq!(acc.get("SMTPSecureConnection"), Some("2"));
    assert_eq!(acc.get("IMAPServer"), Some("imap.example.ne.jp"));
    assert_eq!(acc.get("DisplayName"), Some("山田 太郎"));
    assert_eq!(
        ini.section(Some("Internet Account List"))
            .unwrap()
            .get("Account1"),
        Some("IMAP_I_Mail")
    );
    assert!(ini.section(Some("IMAP_I_Mail")).is_some());
    // A profile of its own: the user's default profile is neither changed nor
    // replaced as the default.
    let general = ini.section(Some("General")).unwrap();
    assert_eq!(general.get("ProfileName"), Some("mailsetup"));
    assert_eq!(general.get("DefaultProfile"), Some("No"));
    assert_eq!(general.get("ModifyDefaultProfileIfPresent"), Some("FALSE"));
    assert_eq!(general.get("OverwriteProfile"), Some("Append"));
}

#[test]
fn autodiscover_round_trips() {
    let a = plain();
    let xml = text(Format::named("autodiscover"), &a, None);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let protos: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Protocol"))
        .collect();
    let smtp = protos
        .iter()
        .find(|p| child(**p, "Type") == "SMTP")
        .unwrap();
    assert_eq!(child(*smtp, "Server"), "smtp.example.ne.jp");
    assert_eq!(child(*smtp, "Port"), "587");
    assert_eq!(child(*smtp, "Encryption"), "TLS");
    assert_eq!(child(*smtp, "SPA"), "off");
    let imap = protos
        .iter()
        .find(|p| child(**p, "Type") == "IMAP")
        .unwrap();
    assert_eq!(child(*imap, "Encryption"), "SSL");
}

#[test]
fn mobileconfig_round_trips_with_stable_identifiers() {
    let a = plain();
    let parse = |bytes: Vec<u8>| plist::Value::from_reader_xml(&bytes[..]).unwrap();
    let v = parse(render(Format::named("mobileconfig"), &a, None));
    let top = v.as_dictionary().unwrap();
    let mail = top["PayloadContent"].as_array().unwrap()[0]
        .as_dictionary()
        .unwrap();
    assert_eq!(
        mail["PayloadType"].as_string(),
        Some("com.apple.mail.managed")
    );
    assert_eq!(mail["EmailAccountType"].as_string(), Some("EmailTypeIMAP"));
    assert_eq!(
        mail["OutgoingMailServerHostName"].as_string(),
        Some("smtp.example.ne.jp")
    );
    assert_eq!(
        mail["OutgoingMailServerPortNumber"].as_unsigned_integer(),
        Some(587)
    );
    assert_eq!(mail["OutgoingMailServerUseSSL"].as_boolean(), Some(true));
    assert_eq!(
        mail["OutgoingMailServerAuthentication"].as_string(),
        Some("EmailAuthCRAMMD5")
    );
    assert_eq!(mail["EmailAccountName"].as_string(), Some("山田 太郎"));
    assert!(
        !mail.contains_key("IncomingPassword"),
        "no password unless asked"
    );
    // Re-import updates in place: the same account gives the same identifiers.
    let again = parse(render(Format::named("mobileconfig"), &a, None));
    assert_eq!(
        top["PayloadUUID"],
        again.as_dictionary().unwrap()["PayloadUUID"]
    );
    let mut other = a.clone();
    other.email = "hanako@example.ne.jp".into();
    let third = parse(render(Format::named("mobileconfig"), &other, None));
    assert_ne!(
        top["PayloadUUID"],
        third.as_dictionary().unwrap()["PayloadUUID"]
    );
    // With the password, when asked.
    let pw = Password::new("p<&>w");
    let v = parse(render(Format::named("mobileconfig"), &a, Some(&pw)));
    let mail = v.as_dictionary().unwrap()["PayloadContent"]
        .as_array()
        .unwrap()[0]
        .as_dictionary()
        .unwrap()
        .clone();
    assert_eq!(mail["IncomingPassword"].as_string(), Some("p<&>w"));
}

/// `key value` lines with msmtp's quoting.
/// msmtp strips one pair of surrounding double quotes and keeps the rest as is.
fn msmtp_unquote(v: &str) -> String {
    let v = v.trim();
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v)
        .to_string()
}

/// muttrc: '...' is literal, \' outside quotes is a quote, and the parts join.
fn muttrc_unquote(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.trim().chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => out.extend(chars.by_ref().take_while(|&c| c != '\'')),
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn msmtp_round_trips() {
    let a = account("x", "us\"er\\1", Service::Imap, Security::ImplicitTls);
    let pw = Password::new("p a\"ss");
    let text = text(Format::named("msmtp"), &a, Some(&pw));
    let kv: HashMap<&str, String> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k, msmtp_unquote(v)))
        .collect();
    assert_eq!(kv["host"], "smtp.example.ne.jp");
    assert_eq!(kv["port"], "465");
    assert_eq!(kv["tls"], "on");
    assert_eq!(kv["tls_starttls"], "off");
    assert_eq!(kv["auth"], "cram-md5");
    assert_eq!(kv["user"], "us\"er\\1");
    assert_eq!(kv["password"], "p a\"ss");
}

#[test]
fn neomutt_round_trips() {
    let a = plain();
    let text = text(Format::named("neomutt"), &a, None);
    let vars: HashMap<String, String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("set "))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.to_string(), muttrc_unquote(v)))
        .collect();
    let url = reqwest::Url::parse(&vars["smtp_url"]).unwrap();
    assert_eq!(url.scheme(), "smtp");
    assert_eq!(url.host_str(), Some("smtp.example.ne.jp"));
    assert_eq!(url.port(), Some(587));
    assert_eq!(url.username(), "taro%40example.ne.jp");
    assert_eq!(vars["real_name"], "山田 太郎");
    assert_eq!(vars["ssl_force_tls"], "yes");
    assert!(vars["folder"].starts_with("imaps://"));
}

#[test]
fn git_config_is_read_back_by_git() {
    let a = account(
        "Taro \"the\" Tester",
        "ta\\ro",
        Service::Imap,
        Security::ImplicitTls,
    );
    let pw = Password::new("p\"w\\x");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("gitconfig");
    std::fs::write(&f, render(Format::named("git"), &a, Some(&pw))).unwrap();
    let get = |key: &str| {
        let out = std::process::Command::new("git")
            .args(["config", "--file"])
            .arg(&f)
            .args(["--get", key])
            .output()
            .expect("git is installed");
        assert!(
            out.status.success(),
            "{key}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end()
            .to_string()
    };
    assert_eq!(get("sendemail.smtpServer"), "smtp.example.ne.jp");
    assert_eq!(get("sendemail.smtpServerPort"), "465");
    assert_eq!(get("sendemail.smtpEncryption"), "ssl");
    assert_eq!(get("sendemail.smtpUser"), "ta\\ro");
    assert_eq!(get("sendemail.smtpPass"), "p\"w\\x");
    assert_eq!(
        get("sendemail.from"),
        "Taro \"the\" Tester <taro@example.ne.jp>"
    );
}

#[test]
fn himalaya_toml_round_trips() {
    let a = account("名前 \"q\"", "taro", Service::Imap, Security::StartTls);
    let doc: toml::Table = toml::from_str(&text(Format::named("himalaya"), &a, None)).unwrap();
    let acc = doc["accounts"]["mailsetup"].as_table().unwrap();
    assert_eq!(acc["display-name"].as_str(), Some("名前 \"q\""));
    assert_eq!(
        acc["smtp"]["server"].as_str(),
        Some("smtp://smtp.example.ne.jp:587")
    );
    assert_eq!(acc["smtp"]["starttls"].as_bool(), Some(true));
    assert_eq!(
        acc["imap"]["server"].as_str(),
        Some("imaps://imap.example.ne.jp:993")
    );
}

#[test]
fn aerc_urls_round_trip() {
    let a = plain();
    let pw = Password::new("p@ss:w/rd");
    let text = text(Format::named("aerc"), &a, Some(&pw));
    let ini = ini::Ini::load_from_str(&text).unwrap();
    let s = ini.section(Some("mailsetup")).unwrap();
    let out = reqwest::Url::parse(s.get("outgoing").unwrap()).unwrap();
    assert_eq!(out.scheme(), "smtp+plain");
    assert_eq!(out.host_str(), Some("smtp.example.ne.jp"));
    assert_eq!(out.port(), Some(587));
    let decode = |s: &str| {
        let bytes: Vec<u8> = {
            let mut v = Vec::new();
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'%' {
                    v.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                    i += 3;
                } else {
                    v.push(b[i]);
                    i += 1;
                }
            }
            v
        };
        String::from_utf8(bytes).unwrap()
    };
    assert_eq!(decode(out.username()), "taro@example.ne.jp");
    assert_eq!(decode(out.password().unwrap()), "p@ss:w/rd");
}

#[test]
fn qr_code_decodes_to_the_settings() {
    let a = account(
        "山田",
        "taro@example.ne.jp",
        Service::Pop3,
        Security::ImplicitTls,
    );
    let png_bytes = render(Format::named("qr"), &a, None);
    let decoder = png::Decoder::new(std::io::Cursor::new(&png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    let v: serde_json::Value = serde_json::from_str(&content).unwrap();
    assert_eq!(v[0], 1);
    assert_eq!(v[2][0], 1, "POP3");
    assert_eq!(v[2][1], "pop.example.ne.jp");
    assert_eq!(v[2][2], 995);
    assert_eq!(v[2][3], 3, "SSL/TLS");
    assert_eq!(v[3][0][0][1], "smtp.example.ne.jp");
    assert_eq!(v[3][0][0][2], 465);
    assert_eq!(v[3][0][0][4], 2, "CRAM-MD5");
    assert_eq!(v[3][0][1][1], "山田");
    assert_eq!(content, export::qr_payload(&a, None));
}

#[test]
fn json_is_read_back_by_from() {
    let a = plain();
    let back = AccountSettings::from_json(&text(Format::named("json"), &a, None)).unwrap();
    assert_eq!(back, a);
}

#[test]
fn sheet_escapes_everything() {
    let a = account(
        "<script>alert(1)</script>",
        "a&b",
        Service::Imap,
        Security::StartTls,
    );
    let html = text(Format::named("sheet"), &a, None);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("a&amp;b"));
    assert!(html.contains("smtp.example.ne.jp"));
    assert!(html.contains("<html lang=\"ja\">"));
}

#[test]
fn hostile_values_are_escaped_or_refused_never_broken() {
    let long = "長".repeat(5000);
    let hostile = [
        "quote\" and \\ back",
        "<&>'",
        "line\r\nbreak",
        "絵文字😀",
        "cp932外の字：鷗外𠮷",
        long.as_str(),
    ];
    for value in hostile {
        let a = account(value, value, Service::Imap, Security::StartTls);
        for &f in Format::ALL {
            match export::render(f, &a, None, Lang::En) {
                Ok(bytes) => {
                    // A written file must parse again where we have a parser.
                    let s = String::from_utf8_lossy(&bytes).into_owned();
                    if matches!(f.name(), "thunderbird-autoconfig" | "autodiscover") {
                        roxmltree::Document::parse(&s)
                            .unwrap_or_else(|e| panic!("{} broke on {value:?}: {e}", f.name()));
                    }
                    if f == Format::named("himalaya") {
                        toml::from_str::<toml::Table>(&s).unwrap();
                    }
                    if f == Format::named("json") {
                        let back = AccountSettings::from_json(&s);
                        if value.contains(['\r', '\n']) {
                            // Written, but refused when read back: it would
                            // start a new key in the files made from it.
                            assert_eq!(back, Err(SettingsError::LineBreak(SettingsField::Name)));
                        } else {
                            assert_eq!(back.unwrap().name, value);
                        }
                    }
                }
                Err(ExportError::Unrepresentable { .. }) => {}
                Err(e) => panic!("{}: unexpected {e:?}", f.name()),
            }
        }
    }
    // Line breaks are refused by every line-based format.
    let a = account("line\nbreak", "u", Service::Imap, Security::StartTls);
    for f in [
        Format::named("git"),
        Format::named("neomutt"),
        Format::named("prf"),
        Format::named("iaf"),
    ] {
        assert!(
            matches!(
                export::render(f, &a, None, Lang::En),
                Err(ExportError::Unrepresentable { .. })
            ),
            "{}",
            f.name()
        );
    }
}

#[test]
fn formats_that_need_an_incoming_server_say_so() {
    let mut a = plain();
    a.incoming = None;
    for &f in Format::ALL {
        let r = export::render(f, &a, None, Lang::En);
        if f.needs_incoming() {
            assert_eq!(r, Err(ExportError::NeedsIncoming { format: f.0.label }));
        } else {
            assert!(r.is_ok(), "{}", f.name());
        }
    }
    let msg = mailsetup::i18n::export_error(
        Lang::Ja,
        &ExportError::NeedsIncoming {
            format: Format::named("iaf").0.label,
        },
    );
    assert!(msg.contains("受信サーバー"));
}

#[test]
fn passwords_only_where_the_format_can_hold_them() {
    let pw = Password::new("s3cret-pw");
    for &f in Format::ALL {
        let r = export::render(f, &plain(), Some(&pw), Lang::En);
        match f.password_support() {
            export::PasswordSupport::Never => {
                assert_eq!(r, Err(ExportError::NoPasswordSupport { format: f.0.label }))
            }
            export::PasswordSupport::Optional => assert!(r.is_ok(), "{}", f.name()),
        }
        // And never without being asked.
        if let Ok(bytes) = export::render(f, &plain(), None, Lang::En) {
            let s = String::from_utf8_lossy(&bytes);
            assert!(!s.contains("s3cret-pw"), "{}", f.name());
        }
    }
}

#[test]
fn on_screen_qr_modules_decode_to_the_same_payload() {
    let a = plain();
    let (n, dark) = export::qr_modules(&a, None).unwrap();
    let (scale, quiet) = (4, 4);
    let side = (n + 2 * quiet) * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let inside = (quiet..quiet + n).contains(&mx) && (quiet..quiet + n).contains(&my);
        if inside && dark[(my - quiet) * n + (mx - quiet)] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, export::qr_payload(&a, None));
}

/// Unproven settings (the ISP's preset, offline) say so in every file with
/// room for a comment, and each file still reads as before: the same values
/// through the same independent parsers.
#[test]
fn untested_settings_are_marked_and_still_parse() {
    let mut a = plain();
    a.verified = false;
    let note_en = mailsetup::i18n::untested_note(Lang::En);
    let en = |f| String::from_utf8(export::render(f, &a, None, Lang::En).unwrap()).unwrap();
    // Every format with room for a comment line: all but JSON (a field
    // instead), the binary ones, the UTF-16 one and the HTML sheet (a banner).
    let no_comment = [
        Format::named("json"),
        Format::named("iaf"),
        Format::named("qr"),
        Format::named("oeaccount"),
        Format::named("sheet"),
    ];
    for f in Format::ALL
        .iter()
        .copied()
        .filter(|f| !no_comment.contains(f))
    {
        assert!(en(f).contains(note_en), "{} is not marked", f.name());
    }
    // The printed sheet shows it as a banner (HTML-escaped).
    let sheet = en(Format::named("sheet"));
    assert!(
        sheet.contains("<strong>UNTESTED: made from your provider&apos;s settings file"),
        "{sheet}"
    );
    let ja = String::from_utf8(export::render(Format::named("msmtp"), &a, None, Lang::Ja).unwrap())
        .unwrap();
    assert!(ja.starts_with("# 未確認"), "{ja}");
    // Still the same documents to their readers.
    roxmltree::Document::parse(&en(Format::named("thunderbird-autoconfig"))).unwrap();
    roxmltree::Document::parse(&en(Format::named("autodiscover"))).unwrap();
    plist::Value::from_reader_xml(en(Format::named("mobileconfig")).as_bytes()).unwrap();
    let doc: toml::Table = toml::from_str(&en(Format::named("himalaya"))).unwrap();
    assert!(doc["accounts"]["mailsetup"].is_table());
    let ini = ini::Ini::load_from_str(&en(Format::named("prf"))).unwrap();
    assert_eq!(
        ini.section(Some("Account1")).unwrap().get("SMTPServer"),
        Some("smtp.example.ne.jp")
    );
    let mut prefs = HashMap::new();
    apply_user_prefs(&mut prefs, &en(Format::named("thunderbird-userjs")));
    assert_eq!(
        prefs["mail.smtpserver.smtp_mailsetup.hostname"],
        "smtp.example.ne.jp"
    );
    let json: serde_json::Value = serde_json::from_str(&en(Format::named("json"))).unwrap();
    assert_eq!(json["verified"], false);
    // Proven settings carry no such line.
    let proven = String::from_utf8(
        export::render(Format::named("msmtp"), &plain(), None, Lang::En).unwrap(),
    )
    .unwrap();
    assert!(!proven.contains(note_en));
}
