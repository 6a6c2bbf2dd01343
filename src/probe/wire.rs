//! The conversation with each server, line by line, for `detect --verbose`:
//! what we sent and what the server answered, over SMTP, IMAP and POP3 alike,
//! with every login payload masked (the password and anything made from it:
//! AUTH PLAIN/LOGIN/CRAM-MD5 answers, IMAP LOGIN, POP3 PASS).
//!
//! It rides on `tracing`. Each session runs inside a [`span`] naming its server.
//! lettre (feature `tracing`) reports the SMTP lines it writes and reads; the
//! IMAP/POP3 code reports its own through [`sent`] and [`received`], masked
//! where they are made. [`Transcript`] is a subscriber that turns both into
//! [`WireLine`]s, masking lettre's lines as they arrive. Nothing is recorded
//! unless a `Transcript` is installed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use zeroize::Zeroizing;

use crate::model::Server;

/// The target of our own (IMAP/POP3) line events.
pub const TARGET: &str = "mailsetup::wire";
const SPAN: &str = "wire";
/// Where lettre reports its SMTP lines.
const LETTRE: &str = "lettre::transport::smtp";
/// What a masked payload is shown as.
pub const MASK: &str = "****";

/// The span one session runs in: its server, as `host:port`.
pub fn span(server: &Server) -> tracing::Span {
    tracing::debug_span!(
        SPAN,
        server = %format_args!("{} {}:{}", server.service.code(), server.host, server.port)
    )
}

/// Who said a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// We sent it.
    Sent,
    /// The server sent it.
    Received,
    /// Not a line: the connection became encrypted.
    Encrypted,
}

/// One line of one session's conversation, already masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireLine {
    /// `smtp host:port`, `imap host:port`…
    pub server: String,
    pub dir: Dir,
    pub text: String,
}

/// Masks login payloads in a conversation, line by line. A command that
/// carries a secret keeps its verb (and mechanism); everything we send in an
/// AUTH exchange is masked until the server answers with something other than
/// a continuation (`334` in SMTP, `+` in IMAP and POP3).
#[derive(Debug, Default, Clone)]
pub struct Masker {
    in_auth: bool,
}

impl Masker {
    /// A line we send, as it may be shown.
    pub fn sent(&mut self, line: &str) -> String {
        if self.in_auth {
            return MASK.to_string();
        }
        let words: Vec<&str> = line.split(' ').collect();
        // IMAP commands start with a tag.
        let verb_at = match words.first() {
            Some(w)
                if words.len() > 1
                    && !is_verb(w)
                    && is_verb(words[1])
                    && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') =>
            {
                1
            }
            _ => 0,
        };
        let verb = words
            .get(verb_at)
            .copied()
            .unwrap_or("")
            .to_ascii_uppercase();
        let keep = match verb.as_str() {
            // AUTH MECH [initial answer] / AUTHENTICATE MECH [initial answer]
            "AUTH" | "AUTHENTICATE" => {
                self.in_auth = true;
                verb_at + 2
            }
            // IMAP LOGIN user password; POP3 PASS password
            "LOGIN" | "PASS" => verb_at + 1,
            _ => return line.to_string(),
        };
        if words.len() <= keep {
            return line.to_string();
        }
        let mut shown = words[..keep].join(" ");
        shown.push(' ');
        shown.push_str(MASK);
        shown
    }

    /// A line the server sent; a final answer ends an AUTH exchange.
    pub fn received(&mut self, line: &str) {
        let continuation =
            line.starts_with("334") || (line.starts_with('+') && !line.starts_with("+OK"));
        if !continuation {
            self.in_auth = false;
        }
    }
}

fn is_verb(word: &str) -> bool {
    matches!(
        word.to_ascii_uppercase().as_str(),
        "AUTH" | "AUTHENTICATE" | "LOGIN" | "PASS"
    )
}

/// Report a line we send (IMAP/POP3), masked.
pub fn sent(masker: &mut Masker, line: &str) {
    let shown = masker.sent(line);
    tracing::event!(target: TARGET, Level::DEBUG, dir = "sent", "{shown}");
}

/// Report a line the server sent (IMAP/POP3).
pub fn received(masker: &mut Masker, line: &str) {
    masker.received(line);
    tracing::event!(target: TARGET, Level::DEBUG, dir = "received", "{line}");
}

/// Report that a session is now encrypted (IMAP/POP3 STARTTLS/STLS).
pub fn encrypted() {
    tracing::event!(target: TARGET, Level::DEBUG, dir = "encrypted", "");
}

struct SpanState {
    server: String,
    refs: usize,
    masker: Masker,
    /// lettre reports a multi-line reply whole after every line: what of it
    /// was already passed on.
    reply_so_far: String,
}

thread_local! {
    /// The spans entered on this thread, innermost last.
    static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// A `tracing` subscriber that hands each session's lines to `sink`.
pub struct Transcript<F> {
    sink: F,
    next: AtomicU64,
    spans: Mutex<HashMap<u64, SpanState>>,
}

impl<F: Fn(WireLine) + Send + Sync + 'static> Transcript<F> {
    pub fn new(sink: F) -> Self {
        Transcript {
            sink,
            next: AtomicU64::new(1),
            spans: Mutex::new(HashMap::new()),
        }
    }

    fn spans(&self) -> std::sync::MutexGuard<'_, HashMap<u64, SpanState>> {
        self.spans.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The fields of an event or span: its message, `dir` and `server`.
#[derive(Default)]
struct Fields {
    message: Zeroizing<String>,
    dir: String,
    server: String,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "dir" => self.dir = value.to_string(),
            "server" => self.server = value.to_string(),
            "message" => self.message.push_str(value),
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        match field.name() {
            "message" => {
                let _ = write!(self.message, "{value:?}");
            }
            "server" => self.server = format!("{value:?}"),
            "dir" => self.dir = format!("{value:?}"),
            _ => {}
        }
    }
}

impl<F: Fn(WireLine) + Send + Sync + 'static> Subscriber for Transcript<F> {
    fn enabled(&self, meta: &Metadata<'_>) -> bool {
        if meta.is_span() {
            meta.name() == SPAN
        } else {
            meta.target() == TARGET || meta.target().starts_with(LETTRE)
        }
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::DEBUG)
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::default();
        span.record(&mut fields);
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.spans().insert(
            id,
            SpanState {
                server: fields.server,
                refs: 1,
                masker: Masker::default(),
                reply_so_far: String::new(),
            },
        );
        Id::from_u64(id)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let Some(id) = ENTERED.with(|e| e.borrow().last().copied()) else {
            return;
        };
        let mut fields = Fields::default();
        event.record(&mut fields);
        let mut lines = Vec::new();
        {
            let mut spans = self.spans();
            let Some(state) = spans.get_mut(&id) else {
                return;
            };
            let server = state.server.clone();
            let mut push = |dir: Dir, text: String| {
                lines.push(WireLine {
                    server: server.clone(),
                    dir,
                    text,
                })
            };
            let msg = fields.message.as_str();
            if event.metadata().target() == TARGET {
                match fields.dir.as_str() {
                    "sent" => push(Dir::Sent, msg.to_string()),
                    "received" => push(Dir::Received, msg.to_string()),
                    _ => push(Dir::Encrypted, String::new()),
                }
            } else if let Some(written) = msg.strip_prefix("Wrote: ") {
                state.reply_so_far.clear();
                for line in written.split("<CRLF>").filter(|l| !l.is_empty()) {
                    push(Dir::Sent, state.masker.sent(line));
                }
            } else if let Some(reply) = msg.strip_prefix("<< ") {
                let new = reply
                    .strip_prefix(state.reply_so_far.as_str())
                    .unwrap_or(reply);
                for line in new.split("<CRLF>").filter(|l| !l.is_empty()) {
                    state.masker.received(line);
                    push(Dir::Received, line.to_string());
                }
                state.reply_so_far = reply.to_string();
            } else if msg == "connection encrypted" {
                push(Dir::Encrypted, String::new());
            }
        }
        for l in lines {
            (self.sink)(l);
        }
    }

    fn enter(&self, span: &Id) {
        ENTERED.with(|e| e.borrow_mut().push(span.into_u64()));
    }

    fn exit(&self, span: &Id) {
        ENTERED.with(|e| {
            let mut e = e.borrow_mut();
            if let Some(i) = e.iter().rposition(|s| *s == span.into_u64()) {
                e.remove(i);
            }
        });
    }

    fn clone_span(&self, id: &Id) -> Id {
        if let Some(s) = self.spans().get_mut(&id.into_u64()) {
            s.refs += 1;
        }
        id.clone()
    }

    fn try_close(&self, id: Id) -> bool {
        let mut spans = self.spans();
        let closed = match spans.get_mut(&id.into_u64()) {
            Some(s) if s.refs > 1 => {
                s.refs -= 1;
                false
            }
            Some(_) => true,
            None => false,
        };
        if closed {
            spans.remove(&id.into_u64());
        }
        closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_payloads_are_masked_and_the_rest_is_kept() {
        let mut m = Masker::default();
        assert_eq!(m.sent("EHLO [127.0.0.1]"), "EHLO [127.0.0.1]");
        assert_eq!(m.sent("AUTH PLAIN AHRhcm8Ac2VjcmV0"), "AUTH PLAIN ****");
        m.received("235 2.7.0 Authentication successful");
        assert_eq!(
            m.sent("MAIL FROM:<taro@example.jp>"),
            "MAIL FROM:<taro@example.jp>"
        );

        // AUTH LOGIN: user name and password on their own lines after 334.
        assert_eq!(m.sent("AUTH LOGIN"), "AUTH LOGIN");
        m.received("334 VXNlcm5hbWU6");
        assert_eq!(m.sent("dGFybw=="), MASK);
        m.received("334 UGFzc3dvcmQ6");
        assert_eq!(m.sent("c2VjcmV0"), MASK);
        m.received("535 5.7.8 Error: authentication failed");
        assert_eq!(m.sent("QUIT"), "QUIT");

        // CRAM-MD5: the answer is made from the password.
        assert_eq!(m.sent("AUTH CRAM-MD5"), "AUTH CRAM-MD5");
        m.received("334 PDEyMzQ1LjY3ODlAaG9zdD4=");
        assert_eq!(m.sent("dGFybyA2YjJkZjQ="), MASK);
        m.received("235 ok");

        // IMAP: tagged LOGIN and AUTHENTICATE with continuations.
        assert_eq!(m.sent("a2 LOGIN taro \"se cret\""), "a2 LOGIN ****");
        assert_eq!(m.sent("a3 AUTHENTICATE PLAIN"), "a3 AUTHENTICATE PLAIN");
        m.received("+ ");
        assert_eq!(m.sent("AHRhcm8Ac2VjcmV0"), MASK);
        m.received("a3 NO [AUTHENTICATIONFAILED] Authentication failed.");
        assert_eq!(m.sent("a4 LOGOUT"), "a4 LOGOUT");

        // POP3: USER is not secret, PASS is; AUTH as in SMTP.
        assert_eq!(m.sent("USER taro"), "USER taro");
        assert_eq!(m.sent("PASS secret"), "PASS ****");
        m.received("-ERR [AUTH] Authentication failed.");
        assert_eq!(m.sent("AUTH PLAIN"), "AUTH PLAIN");
        m.received("+ ");
        assert_eq!(m.sent("AHRhcm8Ac2VjcmV0"), MASK);
        m.received("+OK Logged in.");
        assert_eq!(m.sent("QUIT"), "QUIT");
    }

    #[test]
    fn the_subscriber_splits_lettres_lines_by_session_and_masks_them() {
        let got = std::sync::Arc::new(Mutex::new(Vec::new()));
        let sink = got.clone();
        let t = Transcript::new(move |l: WireLine| sink.lock().unwrap().push(l));
        let server = Server {
            service: crate::model::Service::Submission,
            host: "smtp.example.jp".into(),
            port: 587,
            security: crate::model::Security::StartTls,
            source: crate::model::Source::Manual,
            vouched: true,
            username: None,
        };
        tracing::subscriber::with_default(t, || {
            // What lettre reports, in its own words and target.
            let lettre = |msg: &str| {
                tracing::event!(
                    target: "lettre::transport::smtp::client::async_connection",
                    Level::DEBUG,
                    "{msg}"
                )
            };
            lettre("outside any session");
            let _s = span(&server).entered();
            lettre("<< 220 smtp.example.jp ESMTP<CRLF>");
            lettre("Wrote: EHLO [127.0.0.1]<CRLF>");
            lettre("<< 250-smtp.example.jp<CRLF>");
            lettre("<< 250-smtp.example.jp<CRLF>250 AUTH PLAIN<CRLF>");
            lettre("Wrote: AUTH PLAIN AHRhcm8Ac2VjcmV0<CRLF>");
            lettre("<< 535 5.7.8 Error<CRLF>");
            lettre("connection encrypted");
            let mut m = Masker::default();
            sent(&mut m, "a1 LOGIN taro secret");
        });
        let lines: Vec<(Dir, String)> = got
            .lock()
            .unwrap()
            .iter()
            .map(|l| {
                assert_eq!(l.server, "smtp smtp.example.jp:587");
                (l.dir, l.text.clone())
            })
            .collect();
        let want = [
            (Dir::Received, "220 smtp.example.jp ESMTP"),
            (Dir::Sent, "EHLO [127.0.0.1]"),
            (Dir::Received, "250-smtp.example.jp"),
            (Dir::Received, "250 AUTH PLAIN"),
            (Dir::Sent, "AUTH PLAIN ****"),
            (Dir::Received, "535 5.7.8 Error"),
            (Dir::Encrypted, ""),
            (Dir::Sent, "a1 LOGIN ****"),
        ];
        let want: Vec<(Dir, String)> = want.iter().map(|(d, t)| (*d, t.to_string())).collect();
        assert_eq!(lines, want);
    }
}
