//! End-to-end tests of `mailsetup detect` against the real-server test bed:
//! Postfix + Dovecot SASL, dnsmasq, an HTTP(S) autoconfig server and nftables,
//! inside the `msbed` network namespace. Run them with `tests/run.sh`, which
//! sets the bed up and runs these inside the namespace.

mod common;

use std::time::Duration;

use common::*;

const BED: &str = "needs the real-server test bed: run tests/run.sh";

/// A failed run: the exit code, and no message arrived.
fn assert_failed(run: &Run, code: i32, mailbox_addr: &str, before: usize) {
    assert_eq!(
        run.code, code,
        "stderr: {}\njson: {:#}",
        run.stderr, run.json
    );
    assert!(run.json["outgoing"].is_null());
    // Nothing was accepted, so nothing can be queued; a short look suffices.
    let after = settle_mailbox_within(mailbox_addr, before + 1, Duration::from_secs(2));
    assert_eq!(after, before, "no message may arrive");
}

/// The password never reached the server: no login by `addr`, no failed login.
/// A server outside the user's domain from a source that cannot vouch for it:
/// without approval the run stops (exit 8) before any login; with
/// `--approve-untrusted` it is proven on port 587. Returns the approved run.
fn needs_approval_then_works(domain: &str, host: &str, listener: &str) -> Run {
    let addr = format!("taro@{domain}");
    let before = mailbox(&addr).len();
    let run = detect(&addr, PASSWORD, &[]);
    assert_failed(&run, 8, &addr, before);
    assert_eq!(run.finding("untrusted-source")["host"], host);
    no_auth_seen(listener, &addr);

    let addr = format!("hanako@{domain}");
    let before = mailbox(&addr).len();
    let run = detect(&addr, PASSWORD, &["--approve-untrusted"]);
    assert_proven(&run, &addr, before, host, 587, "starttls");
    run
}

fn no_auth_seen(listener: &str, addr: &str) {
    let by_user = format!("sasl_username={addr}");
    assert_eq!(
        postfix_log_count(listener, &by_user),
        0,
        "{addr} logged in to {listener}"
    );
    assert_eq!(postfix_log_count(listener, "authentication failed"), 0);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn starttls_on_587() {
    let addr = "taro@s587.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &[]);
    assert_proven(&run, addr, before, "smtp.s587.test", 587, "starttls");
    // The server offers PLAIN, LOGIN and CRAM-MD5: we use the strongest.
    assert_eq!(run.json["outgoing"]["auth"], "cram-md5");
    assert_eq!(run.json["outgoing"]["username"], addr);
    // The password never appears in anything we print.
    assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD));
    // Progress went to stderr as attempts finished.
    assert!(
        run.stderr.contains("probe smtp.s587.test:587"),
        "{}",
        run.stderr
    );
    let _ = BED;
}

/// Where each server was found and how it is secured: the run proves the
/// best one (implicit TLS over STARTTLS, RFC 8314) by a real test message.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn each_source_and_security_is_proven() {
    let cases = [
        // address, chosen host, port, security, where it was found
        (
            "taro@s465.test",
            "smtp.s465.test",
            465,
            "implicit-tls",
            "guess",
        ),
        (
            "taro@both.test",
            "smtp.both.test",
            465,
            "implicit-tls",
            "guess",
        ),
        (
            "taro@ac.test",
            "mx-out.acprovider.test",
            587,
            "starttls",
            "autoconfig-https",
        ),
    ];
    for (addr, host, port, security, source) in cases {
        let before = mailbox(addr).len();
        let run = detect(addr, PASSWORD, &[]);
        assert_proven(&run, addr, before, host, port, security);
        assert_eq!(run.attempt(host, port)["source"], source, "{addr}");
    }
    // Where 587 answered too, it was given up on or finished second.
    let run = detect("hanako@both.test", PASSWORD, &[]);
    let a587 = run.attempt("smtp.both.test", 587);
    assert!(
        ["ready", "abandoned"].contains(&a587["outcome"]["result"].as_str().unwrap()),
        "{a587:#}"
    );
}

/// A server that would take the password in the clear, or shows a certificate
/// nobody vouches for, never gets it: the run ends with the reason.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn the_password_never_goes_to_an_unsafe_server() {
    let cases = [
        // address, exit status, finding, host, Postfix listener
        (
            "taro@clear.test",
            5,
            "cleartext-only",
            "smtp.clear.test",
            "clear",
        ),
        (
            "taro@untrusted.test",
            6,
            "certificate-untrusted",
            "smtp.untrusted.test",
            "untrusted",
        ),
    ];
    for (addr, code, finding, host, listener) in cases {
        let before = mailbox(addr).len();
        let run = detect(addr, PASSWORD, &[]);
        assert_failed(&run, code, addr, before);
        assert_eq!(run.finding(finding)["host"], host, "{addr}");
        no_auth_seen(listener, addr);
    }
}

/// Servers named by a source that cannot vouch for them (DNS SRV, autoconfig
/// over plain HTTP, a domain derived from MX) are used only after approval.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn servers_from_sources_that_cannot_vouch_need_approval() {
    let cases = [
        // domain, host, Postfix listener, source
        ("srv.test", "submit.provider-x.test", "srv", "srv"),
        (
            "achttp.test",
            "mx-out.acprovider.test",
            "acprov",
            "autoconfig-http",
        ),
        ("mx.test", "smtp.mxhoster.test", "mxhost", "mx"),
    ];
    for (domain, host, listener, source) in cases {
        let run = needs_approval_then_works(domain, host, listener);
        assert_eq!(run.attempt(host, 587)["source"], source, "{domain}");
    }
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn cram_md5_only() {
    let addr = "taro@cram.test";
    let before = mailbox(addr).len();
    let logins = postfix_log_count("cram", "sasl_method=CRAM-MD5");
    let run = detect(addr, PASSWORD, &[]);
    assert_proven(&run, addr, before, "smtp.cram.test", 587, "starttls");
    assert_eq!(run.json["outgoing"]["auth"], "cram-md5");
    assert_eq!(
        postfix_log_count("cram", "sasl_method=CRAM-MD5"),
        logins + 1
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn port_25_dropped_is_explained_and_not_waited_for() {
    let addr = "taro@op25b.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--timeout", "8"]);
    assert_proven(&run, addr, before, "smtp.op25b.test", 587, "starttls");
    let f = run.finding("port25-blocked");
    assert_eq!(f["host"], "smtp.op25b.test");
    assert!(f["message"].as_str().unwrap().contains("normal"));
    let a25 = run.attempt("smtp.op25b.test", 25);
    assert_eq!(a25["outcome"]["stage"], "connect", "{a25:#}");
    // The silent port's 8-second timeout was not waited out.
    assert!(run.elapsed.as_secs() < 8, "took {:?}", run.elapsed);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn port_25_blocked_is_explained_in_japanese() {
    let addr = "hanako@op25b.test";
    let before = mailbox(addr).len();
    let ca = ca_file();
    let run = run_cli(
        &[
            "detect",
            "--email",
            addr,
            "--password-stdin",
            "--ca-file",
            &ca,
            "--no-ispdb",
            "--lang",
            "ja",
            "--json",
        ],
        Some(PASSWORD),
    );
    assert_proven(&run, addr, before, "smtp.op25b.test", 587, "starttls");
    let msg = run.finding("port25-blocked")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("25 番ポート") && msg.contains("587"), "{msg}");
    assert!(run.stderr.contains("結果: 成功"));
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn wrong_password_is_tried_exactly_once() {
    let addr = "taro@wrongpw.test";
    let before = mailbox(addr).len();
    let failures = postfix_log_count("wrongpw", "authentication failed");
    let run = detect(addr, "not-the-password", &[]);
    assert_failed(&run, 3, addr, before);
    let f = run.finding("auth-failed");
    assert!(f["detail"].as_str().unwrap().starts_with("535"), "{f:#}");
    assert_eq!(
        postfix_log_count("wrongpw", "authentication failed"),
        failures + 1
    );
    assert!(!run.stdout.contains("not-the-password") && !run.stderr.contains("not-the-password"));
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn cleartext_with_explicit_permission() {
    let addr = "hanako@clear.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--allow-insecure"]);
    assert_proven(&run, addr, before, "smtp.clear.test", 587, "none");
    assert!(
        run.finding_codes()
            .contains(&"insecure-allowed".to_string())
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn message_refused_after_login_keeps_the_servers_words() {
    let addr = "taro@refused.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &[]);
    assert_failed(&run, 7, addr, before);
    let detail = run.finding("message-refused")["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        detail.starts_with("554") && detail.contains("Access denied"),
        "{detail}"
    );
    assert_eq!(run.json["test_message"]["sent"], false);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn shared_hosting_certificate_offers_the_hosters_name() {
    let addr = "taro@shared.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &[]);
    assert_failed(&run, 8, addr, before);
    let f = run.finding("shared-hosting");
    assert_eq!(f["host"], "smtp.shared.test");
    assert!(f["message"].as_str().unwrap().contains("mail.hoster.test"));
    assert_eq!(run.finding("untrusted-source")["host"], "mail.hoster.test");
    let mismatch = run.attempt("smtp.shared.test", 465);
    assert_eq!(mismatch["outcome"]["problem"]["kind"], "name-mismatch");
    assert_eq!(
        mismatch["outcome"]["problem"]["names"][0],
        "mail.hoster.test"
    );
    no_auth_seen("shared", addr);

    let addr = "hanako@shared.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--approve-untrusted"]);
    // Never the mismatched name itself: the name the certificate carries.
    assert_proven(&run, addr, before, "mail.hoster.test", 465, "implicit-tls");
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn slow_greeting_within_the_timeout_works() {
    let addr = "taro@slow.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--timeout", "10"]);
    assert_proven(&run, addr, before, "smtp.slow.test", 587, "starttls");
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn slow_greeting_beyond_the_timeout_is_reported() {
    let addr = "hanako@slow.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--timeout", "1"]);
    assert_failed(&run, 4, addr, before);
    let a = run.attempt("smtp.slow.test", 587);
    assert_eq!(a["outcome"]["result"], "timed-out");
    assert_eq!(a["outcome"]["stage"], "greeting");
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn everything_filtered_is_network_blocked() {
    let addr = "taro@blocked.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--timeout", "2"]);
    assert_failed(&run, 4, addr, before);
    assert!(run.finding_codes().contains(&"network-blocked".to_string()));
    // All ports were tried at once: one timeout, not the sum of them.
    assert!(run.elapsed.as_secs() < 6, "took {:?}", run.elapsed);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn misspelled_domain_gets_a_suggestion() {
    let run = detect("taro@gmial.com", PASSWORD, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let f = run.finding("domain-not-found");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("did you mean gmail.com"),
        "{f:#}"
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn legacy_japanese_mobile_address() {
    let addr = "taro.@s587.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--name", "山田 太郎"]);
    assert_proven(&run, addr, before, "smtp.s587.test", 587, "starttls");
    assert_eq!(run.json["email"], addr);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn preset_file_is_used_and_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("isp.xml");
    std::fs::write(
        &preset,
        r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="s587.test"><domain>s587.test</domain>
  <displayName>Bed ISP</displayName>
  <outgoingServer type="smtp"><hostname>smtp.both.test</hostname><port>587</port>
    <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#,
    )
    .unwrap();
    // The preset names a server outside the user's domain: it is trusted
    // because the ISP's own file says so, and its stronger port 465 is preferred.
    let addr = "hanako@s587.test";
    let before = mailbox(addr).len();
    let p = preset.display().to_string();
    let run = detect(addr, PASSWORD, &["--preset", &p]);
    assert_proven(&run, addr, before, "smtp.both.test", 465, "implicit-tls");
    let chosen = run.attempt("smtp.both.test", 465);
    assert_eq!(chosen["source"], "preset");
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn no_send_stops_after_login() {
    let addr = "hanako@s465.test";
    let before = mailbox(addr).len();
    let run = detect(addr, PASSWORD, &["--no-send"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json["outgoing"]["port"], 465);
    assert_eq!(run.json["test_message"]["sent"], false);
    assert_eq!(
        settle_mailbox_within(addr, before + 1, Duration::from_secs(2)),
        before
    );
}

/// The wizard and the terminal ask through `Approver`: asked once, before any
/// login; "no" sends nothing, "yes" proves the server.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn approval_is_asked_before_the_password_goes_out() {
    use mailsetup::account::{Account, EmailAddress, Password};
    use mailsetup::detect::{self, ApprovalRequest, Approver, Options};
    use mailsetup::i18n::Lang;
    use mailsetup::progress::Progress;
    use mailsetup::tls::Trust;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Answer(bool, AtomicUsize);
    impl Approver for Answer {
        fn approve(&self, request: &ApprovalRequest) -> Option<bool> {
            self.1.fetch_add(1, Ordering::SeqCst);
            assert_eq!(request.host, "submit.provider-x.test");
            Some(self.0)
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let trust = Trust::load(Some(std::path::Path::new(&ca_file()))).unwrap();
    let run = |addr: &str, answer: &Answer| {
        let account = Account::new(
            EmailAddress::parse(addr).unwrap(),
            None,
            None,
            Password::new(PASSWORD),
        );
        let opts = Options {
            ispdb_base: None,
            incoming: false,
            ..Options::new(trust.clone(), Lang::En)
        };
        runtime
            .block_on(detect::detect(&account, &opts, answer, &Progress::none()))
            .unwrap()
    };

    let no = Answer(false, AtomicUsize::new(0));
    let addr = "jiro@srv.test";
    let before = mailbox(addr).len();
    let result = run(addr, &no);
    assert_eq!(result.exit_code as i32, 8);
    assert_eq!(no.1.load(Ordering::SeqCst), 1);
    assert!(
        result
            .findings
            .iter()
            .any(|f| f.code() == "approval-declined")
    );
    no_auth_seen("srv", addr);
    assert_eq!(
        settle_mailbox_within(addr, before + 1, Duration::from_secs(2)),
        before
    );

    let yes = Answer(true, AtomicUsize::new(0));
    let addr = "saburo@srv.test";
    let before = mailbox(addr).len();
    let result = run(addr, &yes);
    assert_eq!(result.exit_code as i32, 0, "{:?}", result.findings);
    assert_eq!(yes.1.load(Ordering::SeqCst), 1);
    assert_eq!(result.outgoing.unwrap().host, "submit.provider-x.test");
    assert_eq!(settle_mailbox(addr, before + 1), before + 1);
}

/// `mailsetup ARGS` (with the bed's password on standard input) run in the
/// `msoff` namespace: a computer with no network at all.
fn detect_offline(args: &[&str]) -> (Option<i32>, serde_json::Value, String, Duration) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let started = std::time::Instant::now();
    let mut child = Command::new("ip")
        .args(["netns", "exec", "msoff", env!("CARGO_BIN_EXE_mailsetup")])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ip netns exec msoff");
    // A run that ends early closes its input; the assertions on its exit
    // code and output say why, which a broken pipe here would hide.
    let _ = writeln!(child.stdin.take().unwrap(), "{PASSWORD}");
    let out = child.wait_with_output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), json, stderr, started.elapsed())
}

/// A computer with no network at all (the bed's `msoff` namespace: loopback
/// only, its DNS server unreachable) is told so in plain words, at once —
/// not "no server found, check the settings sheet" — with exit 4, and no
/// misleading "no incoming server" either.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn offline_is_said_plainly_and_quickly() {
    let (code, json, stderr, elapsed) = detect_offline(&[
        "detect",
        "--email",
        "taro@s587.test",
        "--password-stdin",
        "--lang",
        "ja",
        "--json",
    ]);
    assert_eq!(code, Some(4), "{stderr}");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["offline"], "{stderr}");
    assert!(
        stderr.contains("インターネットにつながっていないようです"),
        "{stderr}"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

/// Offline with the ISP's preset: still exit 4 and `offline`, but the
/// preset's settings come back marked untested (`verified: false`), and the
/// files made from them say so.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn offline_with_a_preset_offers_its_settings_marked_untested() {
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("isp.xml");
    std::fs::write(
        &preset,
        r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="s587.test"><domain>s587.test</domain>
  <outgoingServer type="smtp"><hostname>smtp.s587.test</hostname><port>587</port>
    <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></outgoingServer>
  <incomingServer type="imap"><hostname>imap.s587.test</hostname><port>993</port>
    <socketType>SSL</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILLOCALPART%</username></incomingServer>
</emailProvider></clientConfig>"#,
    )
    .unwrap();
    let p = preset.display().to_string();
    let (code, json, stderr, _) = detect_offline(&[
        "detect",
        "--email",
        "taro@s587.test",
        "--preset",
        &p,
        "--password-stdin",
        "--lang",
        "en",
        "--json",
    ]);
    assert_eq!(code, Some(4), "{stderr}");
    assert_eq!(json["verified"], false);
    assert_eq!(json["outgoing"]["host"], "smtp.s587.test");
    assert_eq!(json["outgoing"]["username"], "taro@s587.test");
    assert_eq!(json["incoming"]["username"], "taro");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["offline", "preset-untested"], "{stderr}");
    // Exported from that result, the file says it is untested.
    let from = dir.path().join("result.json");
    std::fs::write(&from, json.to_string()).unwrap();
    let rc = dir.path().join("msmtprc");
    let run = run_cli(
        &[
            "export",
            "--from",
            from.to_str().unwrap(),
            "--format",
            "msmtp",
            "--out",
            rc.to_str().unwrap(),
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&rc).unwrap();
    assert!(text.starts_with("# UNTESTED"), "{text}");
    assert!(text.contains("host smtp.s587.test"), "{text}");
}

/// When the online ISP database cannot be reached, the copy inside the
/// program stands in, as its own source; when the online one answers (here:
/// "not listed"), it wins and the copy is not used.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn the_bundled_isp_database_stands_in_when_the_online_one_is_unreachable() {
    let status = |run: &Run, source: &str| {
        run.json["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["source"] == source)
            .map(|s| s["status"].as_str().unwrap().to_string())
    };
    // Nothing listens on 127.0.10.99: the online database is unreachable.
    let ca = ca_file();
    let run = run_cli(
        &[
            "detect",
            "--email",
            "taro@biglobe.ne.jp",
            "--password-stdin",
            "--ca-file",
            &ca,
            "--ispdb-url",
            "http://127.0.10.99/ispdb/",
            "--outgoing-only",
            "--timeout",
            "2",
            "--lang",
            "en",
            "--json",
        ],
        Some(PASSWORD),
    );
    assert_eq!(
        status(&run, "ispdb").as_deref(),
        Some("failed"),
        "{:#}",
        run.json
    );
    assert_eq!(
        status(&run, "ispdb-bundled").as_deref(),
        Some("found"),
        "{:#}",
        run.json
    );
    // The bed's own database answers (it does not list biglobe.ne.jp): no copy.
    let run = detect(
        "taro@biglobe.ne.jp",
        PASSWORD,
        &["--outgoing-only", "--timeout", "2"],
    );
    assert_eq!(
        status(&run, "ispdb").as_deref(),
        Some("nothing-found"),
        "{:#}",
        run.json
    );
    assert_eq!(status(&run, "ispdb-bundled"), None);
}

/// A CD or a write-protected USB stick: the program runs from a read-only
/// folder (a read-only tmpfs in a mount namespace of its own) with its preset
/// beside it, and writes nothing there — detection, preset check, an export
/// elsewhere, and the wizard's start (which reads the preset beside it; with
/// no display here it then says it cannot open a window).
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn runs_from_a_read_only_folder_and_writes_nothing_beside_itself() {
    let out = tempfile::tempdir().unwrap();
    let exported = out.path().join("msmtprc");
    let script = format!(
        r#"set -e
cd /
mount -t tmpfs -o size=2g tmpfs /mnt
cp {bin} /mnt/mailsetup
{bin} preset example > /mnt/mailsetup-preset.xml
sed -i 's/example\.ne\.jp/s587.test/g' /mnt/mailsetup-preset.xml
mount -o remount,ro /mnt
before=$(ls -l --time-style=full-iso /mnt | tail -n +2; sha256sum /mnt/mailsetup-preset.xml)
cd /mnt
./mailsetup --version
./mailsetup preset check mailsetup-preset.xml
echo {pw} | ./mailsetup detect --email saburo@s587.test --password-stdin --ca-file {ca} --ispdb-url http://127.0.10.20/ispdb/ --outgoing-only --json --lang en > {out}/result.json
./mailsetup export --from {out}/result.json --format msmtp --out {exported} --lang en
env -u DISPLAY -u WAYLAND_DISPLAY ./mailsetup 2> {out}/wizard.err || true
after=$(ls -l --time-style=full-iso /mnt | tail -n +2; sha256sum /mnt/mailsetup-preset.xml)
[ "$before" = "$after" ] || {{ echo "the folder changed"; echo "$after"; exit 1; }}
echo read-only-ok
"#,
        bin = env!("CARGO_BIN_EXE_mailsetup"),
        pw = PASSWORD,
        ca = ca_file(),
        out = out.path().display(),
        exported = exported.display(),
    );
    let run = std::process::Command::new("unshare")
        .args(["--mount", "sh", "-c", &script])
        .output()
        .expect("unshare");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("read-only-ok"), "{stdout}\n{stderr}");
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("result.json")).unwrap())
            .unwrap();
    assert_eq!(result["outgoing"]["host"], "smtp.s587.test", "{result:#}");
    assert!(
        std::fs::read_to_string(&exported)
            .unwrap()
            .contains("host smtp.s587.test")
    );
    // The wizard got as far as trying to open its window.
    let wizard = std::fs::read_to_string(out.path().join("wizard.err")).unwrap();
    assert!(wizard.contains("window"), "{wizard}");
}

/// `--report FILE`: what support staff need (version, system, every attempt
/// with the server's words, the findings), in the language of the run; an
/// existing file is refused before anything is tried.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn support_report_holds_what_support_needs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    let arg = path.display().to_string();
    let run = detect(
        "taro@wrongpw.test",
        "not-the-password",
        &["--report", &arg, "--verbose"],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    // --verbose: the conversation, the login answer masked.
    for needle in [
        "[smtp smtp.wrongpw.test:587] S: 220 ",
        "[smtp smtp.wrongpw.test:587] C: STARTTLS",
        "[smtp smtp.wrongpw.test:587] -- TLS --",
        "[smtp smtp.wrongpw.test:587] C: AUTH ",
        "[smtp smtp.wrongpw.test:587] C: ****",
        "[smtp smtp.wrongpw.test:587] S: 535 ",
    ] {
        assert!(
            run.stderr.contains(needle),
            "no {needle:?} in:\n{}",
            run.stderr
        );
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let reply = run.finding("auth-failed")["detail"]
        .as_str()
        .unwrap()
        .to_string();
    for needle in [
        "mailsetup support report",
        concat!("Version: ", env!("CARGO_PKG_VERSION")),
        "OS: ",
        "taro@wrongpw.test",
        "exit status 3",
        "[auth-failed]",
        reply.as_str(),
        "does not contain your password",
    ] {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
    // Every attempt is there, with the address it reached.
    for a in run.attempts() {
        let line = format!("{}:{} ", a["host"].as_str().unwrap(), a["port"]);
        assert!(text.contains(&line), "no {line:?} in:\n{text}");
    }

    // In Japanese, for a success with port 25 blocked.
    let path_ja = dir.path().join("report-ja.txt");
    let arg_ja = path_ja.display().to_string();
    let ca = ca_file();
    let run = run_cli(
        &[
            "detect",
            "--email",
            "hanako@op25b.test",
            "--password-stdin",
            "--ca-file",
            &ca,
            "--ispdb-url",
            "http://127.0.10.20/ispdb/",
            "--lang",
            "ja",
            "--no-send",
            "--report",
            &arg_ja,
        ],
        Some(PASSWORD),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&path_ja).unwrap();
    for needle in [
        "mailsetup サポート用情報",
        "[port25-blocked]",
        "送信サーバー: SMTP smtp.op25b.test:587",
        "パスワードは含まれていません",
    ] {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
    assert!(text.lines().filter(|l| l.starts_with("結果")).count() == 1);
    // Proven settings are not marked as untested.
    assert!(!text.contains("未確認"), "{text}");

    // An existing file is refused at once, and left as it was.
    std::fs::write(&path, "keep me").unwrap();
    let run = detect("hanako@op25b.test", PASSWORD, &["--report", &arg]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert!(run.attempts().is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
}
