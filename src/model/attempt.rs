//! One place to try and the record of trying it: the typed outcome, and in
//! `detail` the server's own words, the system's error text, or a note of
//! ours (put into words where it is shown, by `i18n::detail`).

use std::net::IpAddr;
use std::time::Duration;

use serde::Serialize;

use super::{Server, Service};

/// Which step a probe was in when it ended.
/// In the order a probe goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Dns,
    Connect,
    Tls,
    Greeting,
    Ehlo,
    Starttls,
}

impl Stage {
    pub fn from_u8(v: u8) -> Stage {
        match v {
            0 => Stage::Dns,
            1 => Stage::Connect,
            2 => Stage::Tls,
            3 => Stage::Greeting,
            4 => Stage::Ehlo,
            _ => Stage::Starttls,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum TlsProblem {
    /// Signed by no authority we trust (self-signed, private CA).
    Untrusted,
    /// Valid, but for other names; `names` are the ones it does carry.
    NameMismatch {
        names: Vec<String>,
    },
    Expired,
    /// The server (or someone between us and it) sent bytes after its yes to
    /// STARTTLS and before the handshake: they would be read as replies inside
    /// TLS (the CVE-2011-0411 class). The connection is dropped unused.
    StarttlsInjection,
    /// Anything else in the handshake (old protocol, no shared cipher…).
    Handshake,
}

/// How one (host, port, security) attempt ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "result")]
pub enum ProbeOutcome {
    /// Encrypted session up; these AUTH mechanisms are offered.
    Ready {
        mechanisms: Vec<String>,
    },
    /// Encrypted session up, but the server offers no AUTH at all.
    AuthNotOffered,
    /// The server does not offer STARTTLS: only a cleartext session is possible.
    StarttlsNotOffered {
        mechanisms: Vec<String>,
    },
    /// Connection refused (RST): nothing listens there.
    Refused,
    /// No answer in time (typical of a firewall silently dropping packets).
    TimedOut {
        stage: Stage,
    },
    /// Stopped waiting because a better-ranked server had already answered.
    Abandoned {
        stage: Stage,
    },
    DnsFailure,
    TlsFailure {
        problem: TlsProblem,
    },
    /// The server answered with an error code (e.g. a 554 greeting).
    Rejected {
        stage: Stage,
        code: u16,
    },
    /// Garbage, an over-long reply, or the connection dropped mid-dialogue.
    ProtocolError {
        stage: Stage,
    },
    /// Network unreachable and similar.
    NetworkError {
        stage: Stage,
    },
}

impl ProbeOutcome {
    /// A session usable for AUTH exists (encrypted, or cleartext when allowed).
    pub fn usable(&self, allow_insecure: bool) -> bool {
        match self {
            ProbeOutcome::Ready { .. } | ProbeOutcome::AuthNotOffered => true,
            ProbeOutcome::StarttlsNotOffered { .. } => allow_insecure,
            _ => false,
        }
    }

    /// The TCP connection never came up (no SYN-ACK, no RST).
    pub fn silent(&self) -> bool {
        matches!(
            self,
            ProbeOutcome::TimedOut {
                stage: Stage::Connect
            } | ProbeOutcome::Abandoned {
                stage: Stage::Connect
            }
        )
    }

    pub fn code(&self) -> &'static str {
        match self {
            ProbeOutcome::Ready { .. } => "ready",
            ProbeOutcome::AuthNotOffered => "auth-not-offered",
            ProbeOutcome::StarttlsNotOffered { .. } => "starttls-not-offered",
            ProbeOutcome::Refused => "refused",
            ProbeOutcome::TimedOut { .. } => "timed-out",
            ProbeOutcome::Abandoned { .. } => "abandoned",
            ProbeOutcome::DnsFailure => "dns-failure",
            ProbeOutcome::TlsFailure { .. } => "tls-failure",
            ProbeOutcome::Rejected { .. } => "rejected",
            ProbeOutcome::ProtocolError { .. } => "protocol-error",
            ProbeOutcome::NetworkError { .. } => "network-error",
        }
    }
}

/// The record of one attempt, as shown in "Details" and in `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    /// The server tried (its fields appear at the top level of the JSON).
    #[serde(flatten)]
    pub server: Server,
    pub outcome: ProbeOutcome,
    /// The server's own words, the system's error text, or a note of ours.
    pub detail: Detail,
    /// The IP address this attempt used (connected to, or refused by), or
    /// `None` where none was reached.
    pub address: Option<IpAddr>,
    pub elapsed_ms: u64,
    /// For a certificate-name alternative: the host whose certificate named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found_via: Option<String>,
    /// Rank among all endpoints; lower is better.
    #[serde(skip)]
    pub rank: usize,
}

impl Attempt {
    pub fn new(
        server: &Server,
        rank: usize,
        outcome: ProbeOutcome,
        detail: Detail,
        address: Option<IpAddr>,
        elapsed: Duration,
    ) -> Attempt {
        Attempt {
            server: server.clone(),
            outcome,
            detail,
            address,
            elapsed_ms: elapsed.as_millis() as u64,
            found_via: None,
            rank,
        }
    }
}

/// What "Details" shows for an attempt or a finding: never a sentence of ours
/// in English, only words of the server or the system, or a typed note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    None,
    /// The server's own words: its reply (`535 5.7.8 Authentication failed`).
    Server(String),
    /// The operating system's or a library's error text (a refused connection,
    /// a TLS alert, a DNS error): technical, shown as it is.
    System(String),
    /// One of ours, put into words where it is shown.
    Note(Note),
}

/// The notes of ours a detail can carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The server answered and offers these login mechanisms.
    Offered {
        peer: String,
        mechanisms: Vec<String>,
    },
    /// Given up on: a better-ranked server had already answered.
    Abandoned {
        after_ms: u64,
    },
    /// No complete answer before the probing phase ended.
    NoCompleteAnswer {
        within_ms: u64,
    },
    /// No complete answer when reconnecting after the user was asked.
    NoAnswerAfterQuestion {
        within_ms: u64,
    },
    /// Nothing came back from these addresses (packets dropped).
    NoAnswer {
        addresses: Vec<IpAddr>,
        within_ms: u64,
    },
    /// The address refused the connection (nothing listens there).
    Refused {
        address: IpAddr,
    },
    /// The server did not reply within one step.
    NoReply,
    /// The server closed the connection.
    Closed,
    /// A reply line longer than we accept.
    LineTooLong {
        max: usize,
    },
    /// More bytes than any sensible reply.
    TooMuchData {
        max: u64,
    },
    GreetingTimedOut,
    TlsHandshakeTimedOut,
    StarttlsTimedOut,
    /// The TLS settings for STARTTLS could not be made in time.
    TlsSetupFailed,
    /// Bytes arrived after the yes to STARTTLS and before the handshake.
    DataBeforeTls,
    /// STARTTLS asked on a connection that is already encrypted.
    AlreadyEncrypted,
    /// The first line is not what this protocol's server says.
    UnexpectedGreeting {
        service: Service,
        greeting: String,
    },
    /// Neither an IMAP nor a POP3 server.
    NotIncoming,
    /// The user name or password has characters this protocol's plain login
    /// cannot carry.
    CannotSendLogin {
        service: Service,
    },
    /// The server's answer to AUTH CRAM-MD5 was not a challenge.
    UnexpectedChallenge {
        reply: String,
    },
    /// The CRAM-MD5 challenge was not valid base64.
    InvalidChallenge,
    /// Login and test message did not finish in time.
    ProofTimedOut,
    /// The incoming login did not finish in time.
    LoginTimedOut,
}

impl Detail {
    pub fn server(text: impl Into<String>) -> Detail {
        Detail::Server(text.into())
    }

    pub fn system(text: impl ToString) -> Detail {
        Detail::System(text.to_string())
    }

    /// The words of the server or the system, if that is what it is.
    pub fn text(&self) -> Option<&str> {
        match self {
            Detail::Server(t) | Detail::System(t) => Some(t),
            Detail::None | Detail::Note(_) => None,
        }
    }
}

impl From<Note> for Detail {
    fn from(n: Note) -> Detail {
        Detail::Note(n)
    }
}

/// In `--json` the CLI writes the detail in words (see `cli`); on its own a
/// note serializes as its kind.
impl Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Detail::None => s.serialize_str(""),
            Detail::Server(t) | Detail::System(t) => s.serialize_str(t),
            Detail::Note(n) => s.serialize_str(&format!("{n:?}")),
        }
    }
}
