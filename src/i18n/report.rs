//! "Information for support" (サポートに送る情報): one plain-text page that a
//! user can copy or save and send to the provider's support desk. It holds the
//! version and the computer, where the server names came from, every attempt
//! with the server's own words, and the findings, in the language of the
//! moment. It is made from a `DetectionResult` only, which never holds the
//! password nor anything made from it, and says so at the end.

use std::fmt::Write;

use super::{Lang, detail, finding, security_name, server_label, source_name, source_status};
use crate::model::{About, Attempt, DetectionResult, ProbeOutcome, ServerSettings, Stage};

/// The report, as text with `\n` line ends.
pub fn support_report(lang: Lang, r: &DetectionResult, about: &About) -> String {
    let ja = lang == Lang::Ja;
    let w = |ja_text: &'static str, en_text: &'static str| if ja { ja_text } else { en_text };
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(w("mailsetup サポート用情報", "mailsetup support report").into());
    line(format!("{}: {}", w("バージョン", "Version"), about.version));
    line(format!("OS: {}", about.os));
    line(format!("{}: {}", w("メールアドレス", "Address"), r.email));
    line(format!(
        "{} ({} {})",
        super::summary_heading(lang, r.exit_code == crate::model::ExitStatus::Proven),
        w("終了コード", "exit status"),
        r.exit_code as i32
    ));
    // Settings from the preset, untried because the computer was offline.
    if !r.verified && r.outgoing.is_some() {
        line(super::untested_note(lang).into());
    }
    for (heading, s) in [
        (w("送信サーバー", "Outgoing server"), &r.outgoing),
        (w("受信サーバー", "Incoming server"), &r.incoming),
    ] {
        if let Some(s) = s {
            line(format!("{heading}: {}", settings(lang, s)));
        }
    }
    if let Some(id) = r.test_message.as_ref().and_then(|t| t.message_id.as_ref()) {
        line(format!(
            "{}: {id}",
            w("テストメールの Message-ID", "Test message-ID")
        ));
    }

    line(String::new());
    line(format!("## {}", w("見つかったこと", "Findings")));
    for f in &r.findings {
        line(format!("- [{}] {}", f.code(), finding(lang, &f.kind)));
        if let Some(d) = f.detail.as_ref().map(|d| detail(lang, d)) {
            line(format!("  {}: {d}", w("詳細", "detail")));
        }
    }

    line(String::new());
    line(format!(
        "## {}",
        w("サーバー名の情報源", "Where server names came from")
    ));
    for s in &r.sources {
        let mut l = format!(
            "- {} [{}]: {}",
            source_name(lang, &s.source),
            s.source.code(),
            source_status(lang, &s.status)
        );
        if let crate::model::SourceStatus::Failed { detail } = &s.status {
            let _ = write!(l, " ({detail})");
        }
        line(l);
    }

    line(String::new());
    line(format!(
        "## {} ({})",
        w("試した接続", "Connections tried"),
        r.attempts.len()
    ));
    for a in &r.attempts {
        line(attempt(lang, a));
        let d = detail(lang, &a.detail);
        if !d.is_empty() {
            line(format!("  {}: {d}", w("応答", "reply")));
        }
    }

    line(String::new());
    line(
        w(
            "この情報にパスワードは含まれていません。",
            "This report does not contain your password.",
        )
        .into(),
    );
    out
}

fn settings(lang: Lang, s: &ServerSettings) -> String {
    format!(
        "{} {} {} {}, {} {}",
        server_label(s.protocol, &s.host, s.port),
        security_name(lang, s.security),
        if lang == Lang::Ja {
            "ユーザー名"
        } else {
            "user name"
        },
        s.username,
        if lang == Lang::Ja { "認証" } else { "login" },
        s.auth.code()
    )
}

/// One attempt on one line: what, from where, how it ended, how fast.
fn attempt(lang: Lang, a: &Attempt) -> String {
    let mut l = format!(
        "- {} {} [{}] → {}",
        server_label(a.server.service, &a.server.host, a.server.port),
        a.server.security.code(),
        a.server.source.code(),
        outcome(&a.outcome)
    );
    if let Some(ip) = a.address {
        let _ = write!(l, " {ip}");
    }
    let _ = write!(l, " {} ms", a.elapsed_ms);
    if let Some(via) = &a.found_via {
        let _ = write!(
            l,
            " ({} {via})",
            if lang == Lang::Ja {
                "証明書:"
            } else {
                "via"
            }
        );
    }
    l
}

/// The outcome's code with the step it ended in: for support staff, so the
/// same in both languages.
fn outcome(o: &ProbeOutcome) -> String {
    let stage = |s: &Stage| match s {
        Stage::Dns => "dns",
        Stage::Connect => "connect",
        Stage::Tls => "tls",
        Stage::Greeting => "greeting",
        Stage::Ehlo => "ehlo",
        Stage::Starttls => "starttls",
    };
    match o {
        ProbeOutcome::Ready { mechanisms } | ProbeOutcome::StarttlsNotOffered { mechanisms } => {
            format!("{} (AUTH {})", o.code(), mechanisms.join(" "))
        }
        ProbeOutcome::TimedOut { stage: s }
        | ProbeOutcome::Abandoned { stage: s }
        | ProbeOutcome::ProtocolError { stage: s }
        | ProbeOutcome::NetworkError { stage: s } => format!("{} ({})", o.code(), stage(s)),
        ProbeOutcome::Rejected { stage: s, code } => {
            format!("{} ({} {code})", o.code(), stage(s))
        }
        ProbeOutcome::TlsFailure { problem } => format!("{} ({problem:?})", o.code()),
        _ => o.code().to_string(),
    }
}
