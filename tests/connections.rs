//! Connections against the real-server test bed (tests/testbed/setup.sh): every
//! address of a host is tried (IPv6 first, Happy Eyeballs), a port that is
//! silently dropped is not waited for, and every attempt says which address it
//! used. Timings are measured by `benches/detect.sh`; here we check what
//! happened, and that no connect timeout was waited out.

mod common;

use std::net::IpAddr;
use std::time::Duration;

use common::*;

/// Long enough that waiting for it would show in the run's time.
const TIMEOUT_SECS: u64 = 8;

fn detect_slow_timeout(addr: &str) -> Run {
    detect(addr, PASSWORD, &["--timeout", &TIMEOUT_SECS.to_string()])
}

/// What mailsetup's own resolver answers inside the bed, in the order tried.
fn addresses(host: &str) -> Vec<IpAddr> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dns = mailsetup::dns::Dns::system(Duration::from_secs(2)).unwrap();
        dns.ips(host).await.unwrap()
    })
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

/// No attempt ended by running out its connect timeout, and the run did not
/// take as long as one.
fn no_timeout_waited(run: &Run) {
    for a in run.attempts() {
        assert_ne!(a["outcome"]["result"], "timed-out", "{a:#}");
    }
    assert!(
        run.elapsed < Duration::from_secs(TIMEOUT_SECS),
        "took {:?}",
        run.elapsed
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn ports_465_and_25_dropped_are_abandoned_at_once_on_the_evidence() {
    let addr = "taro@drop465.test";
    let before = mailbox(addr).len();
    let run = detect_slow_timeout(addr);
    assert_proven(&run, addr, before, "smtp.drop465.test", 587, "starttls");
    let a587 = run.attempt("smtp.drop465.test", 587);
    assert_eq!(a587["address"], "127.0.10.16");
    let ready_ms = a587["elapsed_ms"].as_u64().unwrap();
    for port in [465, 25] {
        let a = run.attempt("smtp.drop465.test", port);
        // Given up on the evidence of the path, not after a fixed grace
        // (the old policy waited at least 250 ms after 587 was ready).
        let given_up_ms = a["elapsed_ms"].as_u64().unwrap();
        assert!(
            given_up_ms < ready_ms + 200,
            "{a:#} vs 587 ready at {ready_ms} ms"
        );
        assert_eq!(a["outcome"]["result"], "abandoned", "{a:#}");
        assert_eq!(a["outcome"]["stage"], "connect", "{a:#}");
        // Never reached: no address to report.
        assert!(a["address"].is_null(), "{a:#}");
    }
    assert_eq!(run.finding("port25-blocked")["host"], "smtp.drop465.test");
    no_timeout_waited(&run);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_dead_ipv6_address_falls_back_to_the_working_ipv4_one() {
    // The resolver gives the dead IPv6 address first.
    assert_eq!(
        addresses("smtp.deadv6.test"),
        [ip("fd6d:7362::17"), ip("127.0.10.17")]
    );
    let addr = "taro@deadv6.test";
    let before = mailbox(addr).len();
    let run = detect_slow_timeout(addr);
    assert_proven(&run, addr, before, "smtp.deadv6.test", 587, "starttls");
    assert_eq!(
        run.attempt("smtp.deadv6.test", 587)["address"],
        "127.0.10.17"
    );
    // Nothing listens on 465 there: the IPv4 address refused, the IPv6 one
    // stays silent; once 587 was usable, 465 was given up on (not waited
    // out to its connect timeout).
    let a465 = run.attempt("smtp.deadv6.test", 465);
    assert_eq!(a465["outcome"]["result"], "abandoned", "{a465:#}");
    assert_eq!(a465["outcome"]["stage"], "connect", "{a465:#}");
    no_timeout_waited(&run);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_dead_first_ipv4_address_falls_back_to_the_second() {
    assert_eq!(
        addresses("smtp.deadfirst.test"),
        [ip("127.0.10.18"), ip("127.0.10.19")]
    );
    let addr = "taro@deadfirst.test";
    let before = mailbox(addr).len();
    let run = detect_slow_timeout(addr);
    assert_proven(&run, addr, before, "smtp.deadfirst.test", 587, "starttls");
    assert_eq!(
        run.attempt("smtp.deadfirst.test", 587)["address"],
        "127.0.10.19"
    );
    no_timeout_waited(&run);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn ipv6_is_preferred_when_both_work() {
    assert_eq!(
        addresses("smtp.dual.test"),
        [ip("fd6d:7362::21"), ip("127.0.10.21")]
    );
    let addr = "taro@dual.test";
    let before = mailbox(addr).len();
    let over_v6 = postfix_log_count("dual6", "sasl_method=");
    let run = detect_slow_timeout(addr);
    assert_proven(&run, addr, before, "smtp.dual.test", 587, "starttls");
    assert_eq!(
        run.attempt("smtp.dual.test", 587)["address"],
        "fd6d:7362::21"
    );
    // The login really went over IPv6.
    assert_eq!(postfix_log_count("dual6", "sasl_method="), over_v6 + 1);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn every_attempt_reports_its_address_or_null() {
    let run = detect("hanako@s587.test", PASSWORD, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for a in run.attempts() {
        let address = &a["address"];
        let result = a["outcome"]["result"].as_str().unwrap();
        let before_connecting =
            ["dns", "connect"].contains(&a["outcome"]["stage"].as_str().unwrap_or(""));
        match result {
            "dns-failure" => assert!(address.is_null(), "{a:#}"),
            "abandoned" | "timed-out" if before_connecting => {
                assert!(address.is_null(), "{a:#}")
            }
            _ => {
                let text = address.as_str().unwrap_or_else(|| panic!("{a:#}"));
                text.parse::<IpAddr>().unwrap();
            }
        }
    }
    assert_eq!(run.attempt("smtp.s587.test", 587)["address"], "127.0.10.1");
}
