//! Helpers for the tests that run against the real-server test bed
//! (`tests/testbed/setup.sh`; run them with `tests/run.sh`).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const PASSWORD: &str = "secret-pass";

pub fn bed_dir() -> PathBuf {
    let dir = PathBuf::from(
        std::env::var("MAILSETUP_BED_DIR").unwrap_or_else(|_| "/tmp/mailsetup-bed".into()),
    );
    assert!(
        dir.join("certs/ca.pem").exists(),
        "the test bed is not running ({}): run the tests with tests/run.sh",
        dir.display()
    );
    dir
}

pub fn ca_file() -> String {
    bed_dir().join("certs/ca.pem").display().to_string()
}

pub struct Run {
    pub code: i32,
    pub json: Value,
    pub stderr: String,
    pub stdout: String,
    pub elapsed: Duration,
}

impl Run {
    pub fn finding_codes(&self) -> Vec<String> {
        self.json["findings"]
            .as_array()
            .expect("findings array")
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    }

    pub fn finding(&self, code: &str) -> &Value {
        self.json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no finding {code} in {:#}", self.json["findings"]))
    }

    pub fn attempts(&self) -> &Vec<Value> {
        self.json["attempts"].as_array().expect("attempts array")
    }

    /// The attempt on `host:port`.
    pub fn attempt(&self, host: &str, port: u16) -> &Value {
        self.attempts()
            .iter()
            .find(|a| a["host"] == host && a["port"] == port)
            .unwrap_or_else(|| panic!("no attempt on {host}:{port} in {:#}", self.json))
    }
}

/// The proxy settings the web lookups follow; the tests set them only on purpose.
pub const PROXY_VARIABLES: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Run `mailsetup detect --json` with the password on stdin.
pub fn detect(email: &str, password: &str, extra: &[&str]) -> Run {
    detect_with_env(email, password, extra, &[])
}

/// `detect`, with these environment variables set.
pub fn detect_with_env(email: &str, password: &str, extra: &[&str], env: &[(&str, &str)]) -> Run {
    let ca = ca_file();
    let mut args = vec![
        "detect",
        "--email",
        email,
        "--password-stdin",
        "--ca-file",
        &ca,
        "--ispdb-url",
        "http://127.0.10.20/ispdb/",
        "--lang",
        "en",
        "--json",
    ];
    args.extend_from_slice(extra);
    run_cli_with_env(&args, Some(password), env)
}

pub fn run_cli(args: &[&str], stdin: Option<&str>) -> Run {
    run_cli_with_env(args, stdin, &[])
}

pub fn run_cli_with_env(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    use std::io::Write;
    let started = Instant::now();
    let mut command = Command::new(env!("CARGO_BIN_EXE_mailsetup"));
    for name in PROXY_VARIABLES {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mailsetup");
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            // A run that refuses its arguments exits before reading stdin;
            // the pipe is then closed, which is not the test's failure.
            match writeln!(input, "{s}") {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.unwrap(),
            }
        }
    }
    let out = child.wait_with_output().expect("mailsetup runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        stderr,
        stdout,
        elapsed: started.elapsed(),
    }
}

/// Files delivered to `user@domain` on the bed.
pub fn mailbox(user_at_domain: &str) -> Vec<PathBuf> {
    let (user, domain) = user_at_domain.rsplit_once('@').unwrap();
    let base = bed_dir().join("mail").join(domain).join(user);
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        if let Ok(rd) = std::fs::read_dir(base.join(sub)) {
            out.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    out
}

/// Wait until `n` messages are in the mailbox (local delivery takes well under a
/// second; we allow `patience`), then return how many are there.
pub fn settle_mailbox_within(user_at_domain: &str, n: usize, patience: Duration) -> usize {
    let deadline = Instant::now() + patience;
    while Instant::now() < deadline && mailbox(user_at_domain).len() < n {
        std::thread::sleep(Duration::from_millis(100));
    }
    // Give a stray second message the chance to show up before we count.
    std::thread::sleep(Duration::from_millis(700));
    mailbox(user_at_domain).len()
}

/// After a success: wait for the one expected message.
pub fn settle_mailbox(user_at_domain: &str, n: usize) -> usize {
    settle_mailbox_within(user_at_domain, n, Duration::from_secs(15))
}

/// Lines of Postfix's log from one listener (its syslog_name) containing `needle`.
pub fn postfix_log_count(listener: &str, needle: &str) -> usize {
    let log = std::fs::read_to_string(bed_dir().join("log/postfix.log")).unwrap_or_default();
    let tag = format!("postfix/{listener}/smtpd[");
    log.lines()
        .filter(|l| l.contains(&tag) && l.contains(needle))
        .count()
}

/// The message delivered to the mailbox that carries `message_id`.
pub fn delivered_with_id(user_at_domain: &str, message_id: &str) -> bool {
    mailbox(user_at_domain).iter().any(|p| {
        std::fs::read_to_string(p)
            .map(|t| t.contains(&format!("Message-ID: {message_id}")))
            .unwrap_or(false)
    })
}

/// Lines of Dovecot's log containing every one of `needles`.
pub fn dovecot_log_count(needles: &[&str]) -> usize {
    let log = std::fs::read_to_string(bed_dir().join("log/dovecot.log")).unwrap_or_default();
    log.lines()
        .filter(|l| needles.iter().all(|n| l.contains(n)))
        .count()
}

/// A scripted SMTP peer on 127.0.0.1 (blocking threads, one per connection),
/// for the faults a real server will not produce on request: it sends
/// `greeting`, then for each command line (upper-cased) sends what `answer`
/// returns, or hangs up on `None`. Returns its port.
pub fn scripted_smtp_peer(
    greeting: String,
    answer: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (greeting, answer) = (greeting.clone(), answer.clone());
            std::thread::spawn(move || {
                let mut w = stream.try_clone().unwrap();
                let mut r = BufReader::new(stream);
                let _ = w.write_all(greeting.as_bytes());
                let mut line = String::new();
                while r.read_line(&mut line).unwrap_or(0) > 0 {
                    let Some(reply) = answer(&line.to_ascii_uppercase()) else {
                        return;
                    };
                    if w.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                    line.clear();
                }
            });
        }
    });
    port
}

/// A successful run: exit 0, the given server, exactly one new message that
/// carries the reported Message-ID.
pub fn assert_proven(
    run: &Run,
    mailbox_addr: &str,
    before: usize,
    host: &str,
    port: u16,
    security: &str,
) {
    assert_eq!(run.code, 0, "stderr: {}\njson: {:#}", run.stderr, run.json);
    let out = &run.json["outgoing"];
    assert_eq!(out["host"], host, "{:#}", run.json);
    assert_eq!(out["port"], port);
    assert_eq!(out["security"], security);
    assert_eq!(run.json["test_message"]["sent"], true);
    let id = run.json["test_message"]["message_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(run.finding_codes().contains(&"sending-works".to_string()));
    assert_eq!(
        settle_mailbox(mailbox_addr, before + 1),
        before + 1,
        "exactly one message"
    );
    assert!(
        delivered_with_id(mailbox_addr, &id),
        "the delivered message has our Message-ID"
    );
}
