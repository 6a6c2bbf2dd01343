//! Web lookups behind an office proxy, on the real-server test bed: the
//! autoconfig server of proxied.test (127.0.10.22) can be reached only through
//! tinyproxy (127.0.10.23:8888); nftables refuses everyone else. Mail servers
//! are always reached directly.

mod common;

use common::*;

const PROXY: &str = "http://127.0.10.23:8888";

fn proxy_log() -> String {
    std::fs::read_to_string(bed_dir().join("log/tinyproxy.log")).unwrap_or_default()
}

fn through(proxy: &'static str) -> [(&'static str, &'static str); 2] {
    [("HTTPS_PROXY", proxy), ("HTTP_PROXY", proxy)]
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn autoconfig_is_fetched_through_the_proxy() {
    let addr = "taro@proxied.test";
    let before = mailbox(addr).len();
    let tunnels = proxy_log().matches("autoconfig.proxied.test:443").count();
    let run = detect_with_env(addr, PASSWORD, &[], &through(PROXY));
    assert_proven(
        &run,
        addr,
        before,
        "mx-out.acprovider.test",
        587,
        "starttls",
    );
    let chosen = run.attempt("mx-out.acprovider.test", 587);
    assert_eq!(chosen["source"], "autoconfig-https");
    assert!(
        proxy_log().matches("autoconfig.proxied.test:443").count() > tunnels,
        "the proxy carried the lookup:\n{}",
        proxy_log()
    );
    assert!(
        !run.finding_codes()
            .contains(&"web-lookup-failed".to_string())
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn without_the_proxy_the_office_network_keeps_autoconfig_out_of_reach() {
    // What proves the test above used the proxy: the direct way is shut.
    let run = detect("hanako@proxied.test", PASSWORD, &[]);
    assert_ne!(run.code, 0, "{:#}", run.json);
    assert!(
        run.finding_codes().contains(&"no-server-found".to_string()),
        "{:#}",
        run.json
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_proxy_that_cannot_be_reached_is_named_in_the_result() {
    // Nothing listens on port 9: the web lookups fail, the mail servers are
    // still found (by guessing) and proven directly.
    let addr = "jiro@s587.test";
    let before = mailbox(addr).len();
    let run = detect_with_env(addr, PASSWORD, &[], &through("http://127.0.10.23:9"));
    assert_proven(&run, addr, before, "smtp.s587.test", 587, "starttls");
    let f = run.finding("web-lookup-failed");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("through the proxy 127.0.10.23:9"),
        "{f:#}"
    );
    let ja = run_cli_with_env(
        &[
            "detect",
            "--email",
            "saburo@s587.test",
            "--password-stdin",
            "--ca-file",
            &ca_file(),
            "--ispdb-url",
            "http://127.0.10.20/ispdb/",
            "--lang",
            "ja",
            "--json",
        ],
        Some(PASSWORD),
        &through("http://127.0.10.23:9"),
    );
    let message = ja.finding("web-lookup-failed")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("プロキシ 127.0.10.23:9 経由で"),
        "{message}"
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn no_proxy_sends_the_listed_hosts_direct() {
    // Every host the lookups use is listed in NO_PROXY: they go direct, and
    // the dead proxy is never noticed.
    let run = detect_with_env(
        "shiro@s587.test",
        PASSWORD,
        &[],
        &[
            ("HTTP_PROXY", "http://127.0.10.23:9"),
            ("HTTPS_PROXY", "http://127.0.10.23:9"),
            ("NO_PROXY", ".test,127.0.10.20"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.finding_codes()
            .contains(&"web-lookup-failed".to_string()),
        "{:#}",
        run.json
    );
}
