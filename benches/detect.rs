//! Wall time of a full `detect` (with its test message) against one direct send
//! to the known-good server by the same engine, on the real-server test bed.
//! Run with `sudo benches/detect.sh`; prints figures, asserts nothing.

use std::net::SocketAddr;
use std::sync::atomic::AtomicU8;
use std::time::{Duration, Instant};

use mailsetup::account::{Account, EmailAddress, Password};
use mailsetup::detect::{self, NoApprover, Options};
use mailsetup::discover::Source;
use mailsetup::i18n::Lang;
use mailsetup::probe::{Connector, Endpoint, ProbeSession, Prober};
use mailsetup::progress::Progress;
use mailsetup::prove::{self, ProofOutcome};
use mailsetup::settings::{AuthMethod, OutgoingSettings, Security, Service};
use mailsetup::tls::Trust;

const ROUNDS: usize = 10;

fn account(addr: &str) -> Account {
    Account::new(
        EmailAddress::parse(addr).unwrap(),
        None,
        None,
        Password::new("secret-pass"),
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn one_detect(addr: &str, trust: &Trust) -> Duration {
    let opts = Options {
        ispdb_base: Some("http://127.0.10.20/ispdb/".into()),
        incoming: false,
        ..Options::new(trust.clone(), Lang::En)
    };
    let acc = account(addr);
    let t = Instant::now();
    let r = detect::detect(&acc, &opts, &NoApprover, &Progress::none())
        .await
        .unwrap();
    let took = t.elapsed();
    assert_eq!(r.exit_code, 0, "detect failed: {:?}", r.findings);
    took
}

async fn one_direct(addr: &str, host: &str, ip: SocketAddr, trust: &Trust) -> Duration {
    let acc = account(addr);
    let connector = Connector::new(trust.clone(), Duration::from_secs(10)).unwrap();
    let settings = OutgoingSettings {
        host: host.into(),
        port: ip.port(),
        security: Security::StartTls,
        auth: AuthMethod::CramMd5,
        username: addr.into(),
    };
    let endpoint = Endpoint {
        service: Service::Submission,
        host: host.into(),
        port: ip.port(),
        security: Security::StartTls,
        source: Source::Guess,
        vouched: true,
        username: None,
    };
    let t = Instant::now();
    let mut s = connector
        .open(ip, &endpoint, &AtomicU8::new(0))
        .await
        .map_err(|e| e.1)
        .unwrap();
    let out = prove::prove(&mut s, &acc, &settings, false, true, Lang::En).await;
    let took = t.elapsed();
    assert!(matches!(out, ProofOutcome::Sent { .. }), "{out:?}");
    s.quit().await;
    took
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bed = std::env::var("MAILSETUP_BED_DIR").unwrap_or_else(|_| "/tmp/mailsetup-bed".into());
    let trust = Trust::load(Some(std::path::Path::new(&format!("{bed}/certs/ca.pem")))).unwrap();
    println!("scenario          detect(ms)  direct(ms)  ratio   (median of {ROUNDS})");
    for (name, addr, host, ip) in [
        (
            "587-only",
            "shiro@s587.test",
            "smtp.s587.test",
            "127.0.10.1:587",
        ),
        (
            "port-25-dropped",
            "shiro@op25b.test",
            "smtp.op25b.test",
            "127.0.10.5:587",
        ),
    ] {
        let ip: SocketAddr = ip.parse().unwrap();
        let mut d = Vec::new();
        let mut s = Vec::new();
        for _ in 0..ROUNDS {
            d.push(one_detect(addr, &trust).await);
            s.push(one_direct(addr, host, ip, &trust).await);
        }
        let (d, s) = (median(d), median(s));
        println!(
            "{name:<17} {:>10.1}  {:>10.1}  {:>5.2}",
            d.as_secs_f64() * 1000.0,
            s.as_secs_f64() * 1000.0,
            d.as_secs_f64() / s.as_secs_f64()
        );
    }
}
