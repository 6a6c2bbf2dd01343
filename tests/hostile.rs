//! Faults a real server will not produce on request, played by an in-process
//! scripted peer on loopback: garbage, a 10 MB line, a byte-per-second drip, a
//! connection reset in the middle of DATA, an OAuth-only server. Each must end
//! within its bound, with a clear typed error and no panic.

use std::net::SocketAddr;
use std::sync::atomic::AtomicU8;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use mailsetup::account::{Account, EmailAddress, Password};
use mailsetup::discover::Source;
use mailsetup::i18n::Lang;
use mailsetup::probe::{Connector, ProbeOutcome, ProbeSession, Prober, Server, Stage, TlsProblem};
use mailsetup::prove::{self, ProofOutcome};
use mailsetup::settings::{AuthMethod, OutgoingSettings, Security, Service};
use mailsetup::tls::Trust;

const STEP: Duration = Duration::from_secs(2);

async fn peer<F, Fut>(script: F) -> SocketAddr
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    peer_with_handle(script).await.0
}

/// The peer's task handle lets a test see assertions made inside the peer.
async fn peer_with_handle<F, Fut>(script: F) -> (SocketAddr, tokio::task::JoinHandle<()>)
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        if let Ok((stream, _)) = listener.accept().await {
            script(stream).await;
        }
    });
    (addr, handle)
}

fn peer_endpoint(addr: SocketAddr) -> Server {
    Server {
        service: Service::Submission,
        host: "peer.test".into(),
        port: addr.port(),
        security: Security::StartTls,
        source: Source::Guess,
        vouched: true,
        username: None,
    }
}

/// A peer that sends `greeting` one byte a second.
async fn drip_peer(greeting: &'static [u8]) -> SocketAddr {
    peer(move |mut s| async move {
        for b in greeting {
            if s.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
    .await
}

fn connector() -> Connector {
    Connector::new(Trust::default(), STEP).unwrap()
}

async fn open(addr: SocketAddr) -> Result<mailsetup::probe::Session, (ProbeOutcome, String)> {
    let stage = AtomicU8::new(0);
    connector()
        .open(addr, &peer_endpoint(addr), &stage)
        .await
        .map_err(in_words)
}

/// The failure with its detail in English words, as `--json --lang en` shows it.
fn in_words((outcome, detail): (ProbeOutcome, mailsetup::model::Detail)) -> (ProbeOutcome, String) {
    (outcome, mailsetup::i18n::detail(Lang::En, &detail))
}

/// The account and cleartext settings the scripted peers are proven with.
fn cleartext_account(addr: SocketAddr) -> (Account, OutgoingSettings) {
    let account = Account::new(
        EmailAddress::parse("taro@peer.test").unwrap(),
        None,
        None,
        Password::new("pw"),
    );
    let settings = OutgoingSettings {
        protocol: Service::Submission,
        host: "peer.test".into(),
        port: addr.port(),
        security: Security::None,
        auth: AuthMethod::Plain,
        username: "taro@peer.test".into(),
    };
    (account, settings)
}

async fn greet(stream: &mut BufReader<TcpStream>) -> bool {
    let greeting = b"220 peer.test ESMTP\r\n";
    stream.get_mut().write_all(greeting).await.is_ok()
}

/// A minimal, well-behaved dialogue up to the point the test wants to break it.
async fn reply_lines(stream: &mut BufReader<TcpStream>, ehlo: &str) -> Option<String> {
    let mut line = String::new();
    loop {
        line.clear();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let upper = line.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") {
            ehlo.to_string()
        } else if upper.starts_with("AUTH PLAIN") {
            "235 2.7.0 ok\r\n".into()
        } else if upper.starts_with("MAIL") || upper.starts_with("RCPT") {
            "250 2.1.0 ok\r\n".into()
        } else if upper.starts_with("DATA") {
            "354 go ahead\r\n".into()
        } else if upper.starts_with("QUIT") {
            "221 bye\r\n".into()
        } else {
            return Some(line);
        };
        stream.get_mut().write_all(reply.as_bytes()).await.ok()?;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_greeting() {
    let addr = peer(|mut s| async move {
        let _ = s.write_all(b"\x00\xffHELLO THIS IS NOT SMTP\r\n").await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let started = Instant::now();
    let (outcome, detail) = open(addr).await.err().expect("must fail");
    assert_eq!(
        outcome,
        ProbeOutcome::ProtocolError {
            stage: Stage::Greeting
        }
    );
    assert!(!detail.is_empty());
    assert!(started.elapsed() < STEP + Duration::from_secs(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_megabyte_line() {
    let addr = peer(|mut s| async move {
        let chunk = vec![b'A'; 64 * 1024];
        for _ in 0..160 {
            if s.write_all(&chunk).await.is_err() {
                return;
            }
        }
        let _ = s.write_all(b"\r\n").await;
    })
    .await;
    let started = Instant::now();
    let (outcome, detail) = open(addr).await.err().expect("must fail");
    assert_eq!(
        outcome,
        ProbeOutcome::ProtocolError {
            stage: Stage::Greeting
        },
        "{detail}"
    );
    assert!(started.elapsed() < STEP + Duration::from_secs(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn byte_per_second_drip_is_bounded_by_the_step_timeout() {
    let addr = drip_peer(b"220 slow.peer.test ESMTP hello\r\n").await;
    let started = Instant::now();
    let (outcome, _) = open(addr).await.err().expect("must fail");
    assert_eq!(
        outcome,
        ProbeOutcome::TimedOut {
            stage: Stage::Greeting
        }
    );
    let took = started.elapsed();
    assert!(
        took >= STEP && took < STEP + Duration::from_secs(1),
        "took {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_in_the_middle_of_data() {
    let addr = peer(|s| async move {
        let mut s = BufReader::new(s);
        if !greet(&mut s).await {
            return;
        }
        // Everything goes well up to DATA; then the first line of the message
        // arrives and the peer resets the connection.
        if reply_lines(&mut s, "250-peer.test\r\n250 AUTH PLAIN\r\n")
            .await
            .is_some()
        {
            let tcp = s.into_inner();
            let _ = tcp.set_zero_linger();
            drop(tcp);
        }
    })
    .await;
    let mut session = open(addr).await.expect("session");
    assert!(!session.encrypted);
    let (account, settings) = cleartext_account(addr);
    let started = Instant::now();
    let outcome = prove::prove(&mut session, &account, &settings, true, true, Lang::En).await;
    assert!(
        matches!(outcome, ProofOutcome::ConnectionLost { .. }),
        "{outcome:?}"
    );
    assert!(started.elapsed() < STEP * 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cleartext_session_never_sends_the_password_unless_allowed() {
    let (addr, peer_task) = peer_with_handle(|s| async move {
        let mut s = BufReader::new(s);
        if !greet(&mut s).await {
            return;
        }
        // Anything but EHLO/QUIT (such as AUTH) would be returned here.
        let got = reply_lines(&mut s, "250-peer.test\r\n250 AUTH PLAIN LOGIN\r\n").await;
        assert!(got.is_none(), "the client sent {got:?}");
    })
    .await;
    let mut session = open(addr).await.expect("session");
    let (account, settings) = cleartext_account(addr);
    let outcome = prove::prove(&mut session, &account, &settings, false, true, Lang::En).await;
    assert_eq!(outcome, ProofOutcome::CleartextRefused);
    session.quit().await;
    peer_task
        .await
        .expect("the peer saw nothing but EHLO and QUIT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_only_server_is_recognised() {
    let addr = peer(|s| async move {
        let mut s = BufReader::new(s);
        if !greet(&mut s).await {
            return;
        }
        let _ = reply_lines(&mut s, "250-peer.test\r\n250 AUTH XOAUTH2 OAUTHBEARER\r\n").await;
    })
    .await;
    let session = open(addr).await.expect("session");
    assert!(session.caps.oauth_only());
    assert_eq!(prove::choose_auth(&session.caps), None);
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_closed_before_greeting() {
    let addr = peer(|s| async move { drop(s) }).await;
    let (outcome, _) = open(addr).await.err().expect("must fail");
    assert_eq!(
        outcome,
        ProbeOutcome::ProtocolError {
            stage: Stage::Greeting
        }
    );
}

fn incoming_endpoint(service: Service, addr: SocketAddr) -> Server {
    Server {
        service,
        port: addr.port(),
        ..peer_endpoint(addr)
    }
}

async fn open_incoming(
    service: Service,
    addr: SocketAddr,
) -> Result<mailsetup::probe::IncomingSession, (ProbeOutcome, String)> {
    let prober = mailsetup::probe::IncomingProber::new(&Trust::default(), STEP).unwrap();
    prober
        .open(addr, &incoming_endpoint(service, addr), &AtomicU8::new(0))
        .await
        .map_err(in_words)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_garbage_greeting() {
    let addr = peer(|mut s| async move {
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let (outcome, detail) = open_incoming(Service::Imap, addr).await.err().unwrap();
    assert_eq!(
        outcome,
        ProbeOutcome::ProtocolError {
            stage: Stage::Greeting
        }
    );
    assert!(detail.contains("not an IMAP greeting"), "{detail}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pop3_endless_line_is_cut_off() {
    let addr = peer(|mut s| async move {
        let chunk = vec![b'+'; 64 * 1024];
        for _ in 0..160 {
            if s.write_all(&chunk).await.is_err() {
                return;
            }
        }
    })
    .await;
    let started = Instant::now();
    let (outcome, _) = open_incoming(Service::Pop3, addr).await.err().unwrap();
    assert_eq!(
        outcome,
        ProbeOutcome::ProtocolError {
            stage: Stage::Greeting
        }
    );
    assert!(started.elapsed() < STEP);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_drip_is_bounded_by_the_step_timeout() {
    let addr = drip_peer(b"* OK slow IMAP ready\r\n").await;
    let started = Instant::now();
    let (outcome, _) = open_incoming(Service::Imap, addr).await.err().unwrap();
    assert_eq!(
        outcome,
        ProbeOutcome::TimedOut {
            stage: Stage::Greeting
        }
    );
    assert!(started.elapsed() < STEP + Duration::from_secs(1));
}

/// Bytes sent together with the STARTTLS go-ahead could be an attacker's
/// injected commands (CVE-2011-0411 style): refuse rather than use them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_starttls_injection_is_refused() {
    let addr = peer(|s| async move {
        let mut s = BufReader::new(s);
        let w = s.get_mut();
        if w.write_all(b"* OK IMAP ready\r\n").await.is_err() {
            return;
        }
        let mut line = String::new();
        while s.read_line(&mut line).await.unwrap_or(0) > 0 {
            let reply: &[u8] = if line.contains("CAPABILITY") {
                b"* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\na1 OK done\r\n"
            } else if line.contains("STARTTLS") {
                b"a2 OK Begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"
            } else {
                return;
            };
            if s.get_mut().write_all(reply).await.is_err() {
                return;
            }
            line.clear();
        }
    })
    .await;
    let (outcome, detail) = open_incoming(Service::Imap, addr).await.err().unwrap();
    assert_eq!(
        outcome,
        ProbeOutcome::TlsFailure {
            problem: TlsProblem::StarttlsInjection
        }
    );
    assert!(detail.contains("before the TLS handshake"), "{detail}");
}

/// The SMTP side of the same attack (CVE-2011-0411): a man in the middle adds
/// replies after the `220` to STARTTLS, hoping the client reads them as the
/// first replies inside TLS. lettre's upgrade keeps such bytes buffered; the
/// connection must be dropped before the handshake, with the typed outcome,
/// and nothing more (AUTH above all) may go to the peer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_starttls_injection_is_refused_and_nothing_follows() {
    let (addr, peer_task) = peer_with_handle(|s| async move {
        let mut s = BufReader::new(s);
        if !greet(&mut s).await {
            return;
        }
        let got = reply_lines(
            &mut s,
            "250-peer.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n",
        )
        .await;
        assert!(
            got.as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case("STARTTLS\r\n")),
            "expected STARTTLS, got {got:?}"
        );
        let injected = b"220 Ready\r\n250 AUTH PLAIN\r\n235 2.7.0 Authentication successful\r\n";
        if s.get_mut().write_all(injected).await.is_err() {
            return;
        }
        // Whatever comes next must not be a command: the client hangs up.
        assert_nothing_follows(&mut s, &["AUTH", "MAIL", "EHLO"]).await;
    })
    .await;
    let (outcome, detail) = refused_as_injection(addr).await;
    peer_task
        .await
        .expect("the peer saw no command after STARTTLS");

    // The run's diagnosis names the attack, not a missing AUTH.
    let attempt = mailsetup::probe::Attempt {
        server: mailsetup::model::Server {
            service: Service::Submission,
            host: "peer.test".into(),
            port: addr.port(),
            security: Security::StartTls,
            source: Source::Guess,
            vouched: true,
            username: None,
        },
        outcome,
        detail: mailsetup::model::Detail::System(detail),
        address: None,
        elapsed_ms: 1,
        found_via: None,
        rank: 0,
    };
    let email = EmailAddress::parse("taro@peer.test").unwrap();
    let (findings, status) = mailsetup::diagnose::diagnose(
        &mailsetup::diagnose::RunEnd::NothingUsable,
        &[attempt],
        &Default::default(),
        &email,
    );
    let codes: Vec<&str> = findings.iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"starttls-injection"), "{codes:?}");
    assert!(!codes.contains(&"auth-not-offered"), "{codes:?}");
    assert_eq!(status, mailsetup::diagnose::ExitStatus::Certificate);
}

/// A peer that answers the first command containing `trigger` with one line of
/// `filler` every (step − ½ s), forever: each line comes in time, the reply
/// never ends. The whole step must still end.
async fn endless_reply_peer(
    greeting: &'static [u8],
    trigger: &'static str,
    filler: &'static [u8],
) -> SocketAddr {
    peer(move |s| async move {
        let mut s = BufReader::new(s);
        if s.get_mut().write_all(greeting).await.is_err() {
            return;
        }
        let mut line = String::new();
        while s.read_line(&mut line).await.unwrap_or(0) > 0 {
            if line.to_ascii_uppercase().contains(trigger) {
                loop {
                    if s.get_mut().write_all(filler).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(STEP - Duration::from_millis(500)).await;
                }
            }
            line.clear();
        }
    })
    .await
}

async fn assert_step_bounded<T>(
    what: &str,
    run: impl Future<Output = Result<T, (ProbeOutcome, String)>>,
) {
    let started = Instant::now();
    let result = tokio::time::timeout(STEP * 4, run)
        .await
        .unwrap_or_else(|_| panic!("{what}: still going after four steps"));
    let Err((outcome, detail)) = result else {
        panic!("{what}: must fail")
    };
    assert!(
        matches!(outcome, ProbeOutcome::TimedOut { .. }),
        "{what}: {outcome:?} {detail}"
    );
    // The reply started one step at most after the command; it is cut off at
    // the end of that step.
    assert!(
        started.elapsed() < STEP + Duration::from_millis(900),
        "{what}: took {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_capability_trickle_is_bounded_by_the_step() {
    let addr = endless_reply_peer(b"* OK IMAP ready\r\n", "CAPABILITY", b"* X\r\n").await;
    assert_step_bounded("IMAP CAPABILITY", open_incoming(Service::Imap, addr)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pop3_capa_trickle_is_bounded_by_the_step() {
    // Every filler line starts with +OK, so the first one is a good answer.
    let addr = endless_reply_peer(b"+OK POP3 ready\r\n", "CAPA", b"+OK X\r\n").await;
    assert_step_bounded("POP3 CAPA", open_incoming(Service::Pop3, addr)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_ehlo_trickle_is_bounded_by_the_step() {
    let addr = endless_reply_peer(b"220 peer.test ESMTP\r\n", "EHLO", b"250-X\r\n").await;
    assert_step_bounded("SMTP EHLO", open(addr)).await;
}

/// The same attack one step earlier: the replies ride along with the EHLO
/// reply, so lettre would find the `220` in its buffer and read nothing after
/// STARTTLS. The STARTTLS command itself must not go out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_replies_pipelined_before_starttls_are_refused() {
    let (addr, peer_task) = peer_with_handle(|s| async move {
        let mut s = BufReader::new(s);
        if !greet(&mut s).await {
            return;
        }
        let mut line = String::new();
        if s.read_line(&mut line).await.unwrap_or(0) == 0 || !line.starts_with("EHLO") {
            return;
        }
        let forged =
            b"250-peer.test\r\n250 STARTTLS\r\n220 go\r\n250 AUTH PLAIN\r\n250 AUTH PLAIN\r\n";
        if s.get_mut().write_all(forged).await.is_err() {
            return;
        }
        assert_nothing_follows(&mut s, &["STARTTLS", "AUTH"]).await;
    })
    .await;
    refused_as_injection(addr).await;
    peer_task.await.expect("the peer saw no command after EHLO");
}

/// The peer's side: until the client hangs up, none of `commands` arrives.
async fn assert_nothing_follows(s: &mut BufReader<TcpStream>, commands: &[&str]) {
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(STEP * 2, s.read_to_end(&mut rest)).await;
    let text = String::from_utf8_lossy(&rest).to_ascii_uppercase();
    assert!(
        !commands.iter().any(|c| text.contains(c)),
        "the client went on after the injection: {text:?}"
    );
}

/// The client's side: the session is refused as a STARTTLS injection.
async fn refused_as_injection(addr: SocketAddr) -> (ProbeOutcome, String) {
    let (outcome, detail) = open(addr).await.err().expect("must fail");
    assert_eq!(
        outcome,
        ProbeOutcome::TlsFailure {
            problem: TlsProblem::StarttlsInjection
        },
        "{detail}"
    );
    (outcome, detail)
}
