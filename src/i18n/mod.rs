//! Every sentence a person reads, in Japanese and English, in one place (the
//! long step-by-step guides in `guide`).

pub mod guide;
pub mod preset;
pub mod report;
pub mod ui;

pub use preset::{preset_example, preset_problem};

use crate::account::AddressError;
pub use crate::model::Lang;
use crate::model::{
    ApprovalRequest, AuthMethod, Detail, ExportError, FindingKind, Note, Security, Service,
    Unwritable,
};

pub fn security_name(lang: Lang, s: Security) -> &'static str {
    match (lang, s) {
        (Lang::Ja, Security::ImplicitTls) => "SSL/TLS（暗号化）",
        (Lang::Ja, Security::StartTls) => "STARTTLS（暗号化）",
        (Lang::Ja, Security::None) => "なし（暗号化されません）",
        (Lang::En, Security::ImplicitTls) => "SSL/TLS (encrypted)",
        (Lang::En, Security::StartTls) => "STARTTLS (encrypted)",
        (Lang::En, Security::None) => "none (not encrypted)",
    }
}

pub fn auth_name(lang: Lang, a: AuthMethod) -> &'static str {
    match (lang, a) {
        (Lang::Ja, AuthMethod::Plain) => "通常のパスワード（PLAIN）",
        (Lang::Ja, AuthMethod::Login) => "通常のパスワード（LOGIN）",
        (Lang::Ja, AuthMethod::CramMd5) => "暗号化されたパスワード（CRAM-MD5）",
        (Lang::Ja, AuthMethod::None) => "認証なし",
        (Lang::En, AuthMethod::Plain) => "normal password (PLAIN)",
        (Lang::En, AuthMethod::Login) => "normal password (LOGIN)",
        (Lang::En, AuthMethod::CramMd5) => "encrypted password (CRAM-MD5)",
        (Lang::En, AuthMethod::None) => "no authentication",
    }
}

pub fn finding(lang: Lang, kind: &FindingKind) -> String {
    use FindingKind as F;
    match (lang, kind) {
        (Lang::Ja, F::SendingWorks { host, port, security, auth, sent_to }) => format!(
            "送信できます：サーバー {host}、ポート {port}、{}、{}。{}",
            security_name(lang, *security),
            auth_name(lang, *auth),
            match sent_to {
                Some(to) => format!("ご自分のアドレス（{to}）にテストメールを送りました。"),
                None => "ログインを確認しました（テストメールは送っていません）。".into(),
            }
        ),
        (Lang::En, F::SendingWorks { host, port, security, auth, sent_to }) => format!(
            "Sending works: server {host}, port {port}, {}, {}. {}",
            security_name(lang, *security),
            auth_name(lang, *auth),
            match sent_to {
                Some(to) => format!("A test message was sent to your own address, {to}."),
                None => "Login was checked (no test message was sent).".into(),
            }
        ),
        (Lang::Ja, F::Port25Blocked { host }) => format!(
            "お使いの回線では 25 番ポートへの送信が止められています（{host}）。これは迷惑メール対策（OP25B）として多くのプロバイダーが行っている普通のことで、故障ではありません。代わりに送信専用のポート（587 または 465）を使います。"
        ),
        (Lang::En, F::Port25Blocked { host }) => format!(
            "Your connection blocks outgoing port 25 ({host}). Most providers do this against spam (Outbound Port 25 Blocking); it is normal and nothing is broken. We use the submission port (587 or 465) instead."
        ),
        (Lang::Ja, F::NetworkBlocked) => "どのサーバーからも応答がありません。インターネットにつながっているか、ファイアウォールやセキュリティソフトが送信を止めていないか確認してください。".into(),
        (Lang::En, F::NetworkBlocked) => "No server answered at all. Check that you are online and that no firewall or security software blocks mail.".into(),
        (Lang::Ja, F::Offline) => "このパソコンはインターネットにつながっていないようです。LAN ケーブルや Wi-Fi の接続を確かめてから、もう一度お試しください。メールの設定が間違っているわけではありません。".into(),
        (Lang::En, F::Offline) => "This computer does not seem to be connected to the internet. Check the network cable or Wi-Fi, then try again. Your mail settings are not the problem.".into(),
        (Lang::Ja, F::WebLookupFailed { proxy }) => format!(
            "インターネット上の設定情報（プロバイダーの自動設定や Thunderbird のプロバイダー一覧）を{}取り出せませんでした。会社などのネットワークでは、プロキシやファイアウォールの設定が原因のことがあります。サーバーはほかの方法で探しました。",
            proxy.as_ref().map(|p| format!("プロキシ {p} 経由で")).unwrap_or_default()
        ),
        (Lang::En, F::WebLookupFailed { proxy }) => format!(
            "The settings published on the web (your provider's automatic settings, Thunderbird's list of providers) could not be fetched{}. On office networks a proxy or firewall setting is often the cause. The servers were looked for in other ways.",
            proxy.as_ref().map(|p| format!(" through the proxy {p}")).unwrap_or_default()
        ),
        (Lang::Ja, F::PresetUntested { host }) => format!(
            "プロバイダーの設定ファイルにある設定（送信サーバー {host}）を、まだ試していないものとしてメールソフト用に書き出せます。インターネットにつながれば、そのまま使えるはずです。つながったら、もう一度確かめることをおすすめします。"
        ),
        (Lang::En, F::PresetUntested { host }) => format!(
            "You can still set up your mail program with the settings from your provider's file (outgoing server {host}), marked as not yet tested. They should work once you are online; checking again then is a good idea."
        ),
        (Lang::Ja, F::NoServerFound) => "送信サーバーが見つかりませんでした。プロバイダーから届いた設定の案内（サーバー名）をご確認ください。".into(),
        (Lang::En, F::NoServerFound) => "No outgoing server could be found. Please check the settings sheet from your provider for the server name.".into(),
        (Lang::Ja, F::DomainNotFound { domain, suggestion: Some(s) }) => format!(
            "「{domain}」というドメインは存在しません。「{s}」の打ち間違いではありませんか？"
        ),
        (Lang::En, F::DomainNotFound { domain, suggestion: Some(s) }) => format!(
            "The domain '{domain}' does not exist — did you mean {s}?"
        ),
        (Lang::Ja, F::DomainNotFound { domain, suggestion: None }) => format!(
            "「{domain}」というドメインは存在しません。メールアドレスの @ の後ろをご確認ください。"
        ),
        (Lang::En, F::DomainNotFound { domain, suggestion: None }) => format!(
            "The domain '{domain}' does not exist. Please check the part of your address after the @."
        ),
        (Lang::Ja, F::AuthFailed { host }) => format!(
            "パスワードかユーザー名が違うため、{host} にログインできませんでした。パスワードを確かめてもう一度入力してください（ロックを防ぐため、自動では再試行しません）。"
        ),
        (Lang::En, F::AuthFailed { host }) => format!(
            "{host} did not accept your user name or password. Please check the password and enter it again (we do not retry by ourselves, so your account is not locked)."
        ),
        (Lang::Ja, F::AppPasswordRequired { host }) => format!(
            "{host} は通常のパスワードでのログインを受け付けません。プロバイダーの Web サイトで「アプリ パスワード」を作成し、それをパスワード欄に入力してください。"
        ),
        (Lang::En, F::AppPasswordRequired { host }) => format!(
            "{host} does not accept your normal password here. Create an \"app password\" on your provider's website and enter that as the password."
        ),
        (Lang::Ja, F::OauthRequired { host }) => format!(
            "{host} はパスワードでのログインを止めており、ブラウザーでのサインイン（OAuth）が必要です。その方式に対応したメールソフトをお使いいただくか、プロバイダーの設定でパスワードでのログイン（SMTP AUTH）を有効にしてください。"
        ),
        (Lang::En, F::OauthRequired { host }) => format!(
            "{host} no longer accepts passwords and requires signing in through a browser (OAuth). Use a mail program that supports it, or enable password login (SMTP AUTH) in your provider's account settings."
        ),
        (Lang::Ja, F::AuthNotOffered { host }) => format!(
            "{host} はログイン（SMTP 認証）を受け付けていません。このサーバーは送信用ではない可能性があります。プロバイダーの設定の案内で送信サーバー名をご確認ください。"
        ),
        (Lang::En, F::AuthNotOffered { host }) => format!(
            "{host} does not offer login (SMTP AUTH); it is probably not meant for sending. Please check the outgoing server's name on your provider's settings sheet."
        ),
        (Lang::Ja, F::CleartextOnly { host, port }) => format!(
            "{host}（ポート {port}）は暗号化なしでしかパスワードを受け取れません。パスワードが盗み見られるおそれがあるため、送りませんでした。プロバイダーに暗号化（SSL/TLS）で使えるサーバーをお問い合わせください。"
        ),
        (Lang::En, F::CleartextOnly { host, port }) => format!(
            "{host} (port {port}) would only take your password unencrypted, where others could read it, so we did not send it. Ask your provider for a server that supports encryption (SSL/TLS)."
        ),
        (Lang::Ja, F::InsecureAllowed { host, port }) => format!(
            "ご指定により、{host}（ポート {port}）に暗号化なしでパスワードを送りました。"
        ),
        (Lang::En, F::InsecureAllowed { host, port }) => format!(
            "As you allowed, your password was sent to {host} (port {port}) without encryption."
        ),
        (Lang::Ja, F::CertificateUntrusted { host }) => format!(
            "{host} の証明書は信頼できる発行元のものではありません。なりすましの可能性があるため、パスワードは送っていません。プロバイダーの設定の案内でサーバー名を確かめ、合っていれば証明書についてプロバイダーにお問い合わせください。"
        ),
        (Lang::En, F::CertificateUntrusted { host }) => format!(
            "The certificate of {host} is not from an authority we trust. It could be an impostor, so your password was not sent. Check the server name on your provider's settings sheet; if it is right, ask your provider about the certificate."
        ),
        (Lang::Ja, F::CertificateNameMismatch { host, names }) => format!(
            "{host} の証明書は別の名前（{}）のものです。パスワードは送っていません。プロバイダーの設定の案内にあるサーバー名をご確認ください。",
            names_or_none(lang, names)
        ),
        (Lang::En, F::CertificateNameMismatch { host, names }) => format!(
            "The certificate of {host} is for other names ({}). Your password was not sent. Please check the server name on your provider's settings sheet.",
            names_or_none(lang, names)
        ),
        (Lang::Ja, F::CertificateExpired { host }) => format!(
            "{host} の証明書は有効期限が切れています（またはパソコンの日付がずれています）。パスワードは送っていません。パソコンの日付と時刻を確かめ、合っていればプロバイダーにお知らせください。"
        ),
        (Lang::En, F::CertificateExpired { host }) => format!(
            "The certificate of {host} has expired (or this computer's date is wrong). Your password was not sent. Check this computer's date and time; if they are right, please tell your provider."
        ),
        (Lang::Ja, F::StarttlsInjection { host }) => format!(
            "{host} との通信に、途中で誰かが手を加えているようです（暗号化を始める前に余計なデータが届きました）。パスワードは送っていません。別のネットワーク（自宅の回線やスマートフォンのテザリングなど）で試すか、プロバイダーにご相談ください。"
        ),
        (Lang::En, F::StarttlsInjection { host }) => format!(
            "Someone seems to be tampering with the connection to {host} (extra data arrived before encryption began). Your password was not sent. Try another network (your home line, or your phone's tethering), or ask your provider."
        ),
        (Lang::Ja, F::SharedHosting { host, offered }) => format!(
            "{host} は共用サーバーで、証明書には {offered} という名前が書かれています。{offered} を使えば安全に暗号化して送信できます。"
        ),
        (Lang::En, F::SharedHosting { host, offered }) => format!(
            "{host} is on a shared server whose certificate carries the name {offered}. Using {offered} instead sends safely encrypted."
        ),
        (Lang::Ja, F::MessageRefused { host }) => format!(
            "{host} へのログインはできましたが、テストメールを受け付けてもらえませんでした。下のサーバーからの返事をプロバイダーにお伝えください。"
        ),
        (Lang::En, F::MessageRefused { host }) => format!(
            "Logging in to {host} worked, but it refused the test message. Please tell your provider the server's reply shown below."
        ),
        (Lang::Ja, F::UntrustedSource { host, source }) => format!(
            "見つかった送信サーバー {host} はお使いのドメインの外にあり、確認できない情報源（{}）から見つかりました。このサーバーにパスワードを送ってよいか、ご確認が必要です。",
            source_name(lang, source)
        ),
        (Lang::En, F::UntrustedSource { host, source }) => format!(
            "The server found, {host}, lies outside your domain and came from a source that cannot vouch for it ({}). Your approval is needed before your password is sent there.",
            source_name(lang, source)
        ),
        (Lang::Ja, F::ApprovalDeclined { host }) => format!(
            "{host} にはパスワードを送りませんでした（承認されませんでした）。このサーバーで正しいとわかったら、もう一度確かめて承認してください。"
        ),
        (Lang::En, F::ApprovalDeclined { host }) => format!(
            "Your password was not sent to {host} (not approved). If you learn that this server is right, check again and approve it."
        ),
        (Lang::Ja, F::ConnectionLost { host }) => format!(
            "{host} との接続が途中で切れました。しばらくしてからもう一度お試しください。"
        ),
        (Lang::En, F::ConnectionLost { host }) => format!(
            "The connection to {host} broke off. Please try again in a moment."
        ),
        (Lang::Ja, F::LoginUnanswered { host }) => format!(
            "パスワードを確認している最中に {host} との接続が切れました（または応答がありませんでした）。アカウントがロックされないよう、このパスワードはほかのサーバーには送っていません。しばらくしてからもう一度お試しください。"
        ),
        (Lang::En, F::LoginUnanswered { host }) => format!(
            "The connection to {host} broke off (or went silent) while it was checking your password. To keep your account from being locked, the password was not tried on any other server. Please try again in a moment."
        ),
        (Lang::Ja, F::IncomingWorks { protocol, host, port, security, auth }) => format!(
            "受信できます：{} サーバー {host}、ポート {port}、{}、{}。",
            protocol_name(*protocol),
            security_name(lang, *security),
            auth_name(lang, *auth)
        ),
        (Lang::En, F::IncomingWorks { protocol, host, port, security, auth }) => format!(
            "Receiving works: {} server {host}, port {port}, {}, {}.",
            protocol_name(*protocol),
            security_name(lang, *security),
            auth_name(lang, *auth)
        ),
        (Lang::Ja, F::IncomingNotFound) => "受信サーバー（IMAP または POP3）が見つかりませんでした。プロバイダーの設定の案内をご確認ください。".into(),
        (Lang::En, F::IncomingNotFound) => "No incoming server (IMAP or POP3) could be found. Please check your provider's settings sheet.".into(),
        (Lang::Ja, F::IncomingAuthFailed { host }) => format!(
            "受信サーバー {host} にログインできませんでした。パスワードかユーザー名をご確認ください（自動では再試行しません）。"
        ),
        (Lang::En, F::IncomingAuthFailed { host }) => format!(
            "The incoming server {host} did not accept your user name or password. Please check them (we do not retry by ourselves)."
        ),
        // No incoming server may have been found at all: then none is named.
        (Lang::Ja, F::IncomingNotTried { host }) => format!(
            "送信サーバーでのパスワード確認がうまくいかなかったため、ロックを防ぐために受信サーバー{}には同じパスワードを送っていません。送信の問題が解決してから、もう一度お試しください。",
            if host.is_empty() {
                String::new()
            } else {
                format!(" {host} ")
            }
        ),
        (Lang::En, F::IncomingNotTried { host }) => format!(
            "The password check on the outgoing server did not succeed, so the password was not tried on the incoming server{} (to keep your account from being locked). Check again once sending works.",
            if host.is_empty() {
                String::new()
            } else {
                format!(" {host}")
            }
        ),
        (Lang::Ja, F::IncomingCleartextOnly { host }) => format!(
            "受信サーバー {host} は暗号化なしでしかログインできないため、パスワードを送りませんでした。暗号化（SSL/TLS）で使える受信サーバーをプロバイダーにお問い合わせください。"
        ),
        (Lang::En, F::IncomingCleartextOnly { host }) => format!(
            "The incoming server {host} would only take your password unencrypted, so it was not sent. Ask your provider for an incoming server that supports encryption (SSL/TLS)."
        ),
        (Lang::Ja, F::IncomingCertificateProblem { host }) => format!(
            "受信サーバー {host} の証明書を確認できなかったため、パスワードを送りませんでした。プロバイダーの設定の案内にあるサーバー名と、パソコンの日付をご確認ください。"
        ),
        (Lang::En, F::IncomingCertificateProblem { host }) => format!(
            "The certificate of the incoming server {host} could not be verified, so your password was not sent. Please check the server name on your provider's settings sheet, and this computer's date."
        ),
        (Lang::Ja, F::IncomingUntrustedSource { host, source }) => format!(
            "見つかった受信サーバー {host} はお使いのドメインの外にあり、確認できない情報源（{}）から見つかりました。パスワードを送る前にご確認が必要です。",
            source_name(lang, source)
        ),
        (Lang::En, F::IncomingUntrustedSource { host, source }) => format!(
            "The incoming server found, {host}, lies outside your domain and came from a source that cannot vouch for it ({}). Your approval is needed before your password is sent there.",
            source_name(lang, source)
        ),
        (Lang::Ja, F::IncomingNoLoginMethod { host }) => format!(
            "受信サーバー {host} はパスワードでのログインに対応していません。メールソフトで受信する方法をプロバイダーにお問い合わせください。"
        ),
        (Lang::En, F::IncomingNoLoginMethod { host }) => format!(
            "The incoming server {host} offers no way to log in with a password. Please ask your provider how to receive mail in a mail program."
        ),
        (Lang::Ja, F::IncomingConnectionLost { host }) => format!(
            "受信サーバー {host} との接続が途中で切れました。しばらくしてからもう一度お試しください。"
        ),
        (Lang::En, F::IncomingConnectionLost { host }) => format!(
            "The connection to the incoming server {host} broke off. Please try again in a moment."
        ),
    }
}

/// A server as the wizard lists it: "SMTP smtp.example.jp:587".
pub fn server_label(service: crate::model::Service, host: &str, port: u16) -> String {
    format!("{} {host}:{port}", protocol_name(service))
}

pub fn protocol_name(s: crate::model::Service) -> &'static str {
    match s {
        crate::model::Service::Submission => "SMTP",
        crate::model::Service::Imap => "IMAP",
        crate::model::Service::Pop3 => "POP3",
    }
}

fn names_or_none(lang: Lang, names: &[String]) -> String {
    if names.is_empty() {
        match lang {
            Lang::Ja => "名前なし".into(),
            Lang::En => "no names".into(),
        }
    } else {
        names.join(", ")
    }
}

pub fn address_error(lang: Lang, e: &AddressError) -> String {
    use AddressError as A;
    match (lang, e) {
        (Lang::Ja, A::Empty) => "メールアドレスを入力してください。".into(),
        (Lang::En, A::Empty) => "Please enter your e-mail address.".into(),
        (Lang::Ja, A::NoAt) => "メールアドレスに @ がありません。".into(),
        (Lang::En, A::NoAt) => "The address has no @.".into(),
        (Lang::Ja, A::TooManyAt) => "メールアドレスに @ が2つ以上あります。".into(),
        (Lang::En, A::TooManyAt) => "The address has more than one @.".into(),
        (Lang::Ja, A::EmptyLocalPart) => "@ の前が空です。".into(),
        (Lang::En, A::EmptyLocalPart) => "There is nothing before the @.".into(),
        (Lang::Ja, A::EmptyDomain) => "@ の後ろ（ドメイン）が空です。".into(),
        (Lang::En, A::EmptyDomain) => "There is nothing after the @.".into(),
        (Lang::Ja, A::BadCharacterInLocalPart(c)) => {
            format!("@ の前に使えない文字「{c}」が入っています。")
        }
        (Lang::En, A::BadCharacterInLocalPart(c)) => {
            format!("The part before the @ contains '{c}', which addresses cannot contain.")
        }
        (Lang::Ja, A::NonAsciiLocalPart) => {
            "@ の前は半角英数字で入力してください（全角文字は使えません）。".into()
        }
        (Lang::En, A::NonAsciiLocalPart) => {
            "Please type the part before the @ in plain letters and digits (no full-width characters).".into()
        }
        (Lang::Ja, A::BadDomain(d)) => format!("@ の後ろ「{d}」はドメイン名として正しくありません。"),
        (Lang::En, A::BadDomain(d)) => format!("'{d}' after the @ is not a valid domain name."),
        (Lang::Ja, A::DomainWithoutDot(d)) => {
            format!("@ の後ろ「{d}」にドット（.）がありません。例：example.ne.jp")
        }
        (Lang::En, A::DomainWithoutDot(d)) => {
            format!("'{d}' after the @ has no dot; it should look like example.com.")
        }
        (Lang::Ja, A::TooLong) => "メールアドレスが長すぎます。".into(),
        (Lang::En, A::TooLong) => "The address is too long.".into(),
    }
}

/// Fixed sentences of the command line and the test message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    PasswordPrompt,
    PasswordEmpty,
    PasswordUnreadable,
    NoPasswordSource,
    GuiFailed,
    RendererFallback,
    LogoNotShown,
    ApprovalQuestion,
    TestSubject,
    TestBodyIntro,
    TestBodyOutro,
    ProfileOnlyForUserJs,
    UserJsReplacesAccounts,
    /// The command line's way round an existing file.
    ForceToReplace,
    PresetNeedsEmail,
}

pub fn text(lang: Lang, t: Text) -> &'static str {
    match (lang, t) {
        (Lang::Ja, Text::PasswordPrompt) => "パスワード（画面には表示されません）: ",
        (Lang::En, Text::PasswordPrompt) => "Password (not shown as you type): ",
        (Lang::Ja, Text::PasswordEmpty) => "パスワードが空です。",
        (Lang::En, Text::PasswordEmpty) => "The password is empty.",
        (Lang::Ja, Text::PasswordUnreadable) => "パスワードを読み取れませんでした。",
        (Lang::En, Text::PasswordUnreadable) => "The password could not be read.",
        (Lang::Ja, Text::NoPasswordSource) => {
            "パスワードがありません。--password-stdin を付けて標準入力から渡すか、端末で実行して入力してください。"
        }
        (Lang::En, Text::NoPasswordSource) => {
            "No password: pass it on standard input with --password-stdin, or run in a terminal to be asked."
        }
        (Lang::Ja, Text::GuiFailed) => {
            "画面を開けませんでした。画面なしで使うには mailsetup detect --email アドレス をお使いください（mailsetup --help ですべてのオプションを表示）。"
        }
        (Lang::En, Text::GuiFailed) => {
            "The window could not be opened. Without a window, use `mailsetup detect --email ADDRESS` (`mailsetup --help` lists every option)."
        }
        (Lang::Ja, Text::LogoNotShown) => "プロバイダーのロゴを表示できません：",
        (Lang::En, Text::LogoNotShown) => "The provider's logo is not shown:",
        (Lang::Ja, Text::RendererFallback) => {
            "この描画方式では画面を開けませんでした。別の方式で試します："
        }
        (Lang::En, Text::RendererFallback) => {
            "The window could not be opened with this renderer; trying the other one:"
        }
        (Lang::Ja, Text::ApprovalQuestion) => {
            "このサーバーにパスワードを送ってよろしいですか？ [y/N]: "
        }
        (Lang::En, Text::ApprovalQuestion) => "Send your password to this server? [y/N]: ",
        (Lang::Ja, Text::TestSubject) => "mailsetup テストメール（送信設定の確認）",
        (Lang::En, Text::TestSubject) => {
            "mailsetup test message (checking your outgoing mail settings)"
        }
        (Lang::Ja, Text::TestBodyIntro) => {
            "このメールは mailsetup が送信設定を確かめるために、ご自分のアドレスあてに送ったものです。\n次の設定で送信できました。"
        }
        (Lang::En, Text::TestBodyIntro) => {
            "mailsetup sent this message to your own address to check your outgoing mail settings.\nSending worked with these settings:"
        }
        (Lang::Ja, Text::TestBodyOutro) => "このメールは削除してかまいません。",
        (Lang::En, Text::TestBodyOutro) => "You can delete this message.",
        (Lang::Ja, Text::ProfileOnlyForUserJs) => {
            "--thunderbird-profile は --format thunderbird-userjs と一緒にだけ使えます。"
        }
        (Lang::En, Text::ProfileOnlyForUserJs) => {
            "--thunderbird-profile goes only with --format thunderbird-userjs."
        }
        (Lang::Ja, Text::PresetNeedsEmail) => {
            "--from にプロバイダーの設定ファイルを指定したときは、--email でメールアドレスも指定してください。"
        }
        (Lang::En, Text::PresetNeedsEmail) => {
            "--from is a provider's preset file: give the address it is for with --email too."
        }
        (Lang::Ja, Text::ForceToReplace) => "上書きしてよい場合は --force を付けてください。",
        (Lang::En, Text::ForceToReplace) => "Add --force to replace it.",
        (Lang::Ja, Text::UserJsReplacesAccounts) => {
            "注意: プロファイルを指定していないため、この user.js は Thunderbird のアカウント一覧と送信サーバー一覧をこのアカウントだけに置き換えます。すでにアカウントがある場合は、--thunderbird-profile でプロファイルフォルダーを指定して作り直してください。"
        }
        (Lang::En, Text::UserJsReplacesAccounts) => {
            "Note: made without a profile, this user.js replaces Thunderbird's account list and outgoing server list with this account alone. If you already have accounts, export again with --thunderbird-profile and your profile folder."
        }
    }
}

/// Welcome, for a preset found beside the program (it could have been put
/// there by anyone): the servers it names, and that outside ones are asked about.
pub fn preset_beside_program(lang: Lang, hosts: &[String]) -> String {
    let list = hosts.join(", ");
    match (lang, hosts.is_empty()) {
        (Lang::Ja, false) => format!(
            "この設定ファイルはプログラムと同じ場所にありました。指定されているサーバー：{list}。あなたのドメイン以外のサーバーにパスワードを送る前には、必ず確認します。"
        ),
        (Lang::Ja, true) => "この設定ファイルはプログラムと同じ場所にありました。あなたのドメイン以外のサーバーにパスワードを送る前には、必ず確認します。".to_string(),
        (Lang::En, false) => format!(
            "This settings file was found next to the program. It names these servers: {list}. Before your password goes to a server outside your own domain, you will be asked."
        ),
        (Lang::En, true) => "This settings file was found next to the program. Before your password goes to a server outside your own domain, you will be asked.".to_string(),
    }
}

/// Why a Thunderbird profile folder could not be used.
pub fn profile_error(lang: Lang, e: &crate::model::ProfileError) -> String {
    use crate::model::ProfileError as E;
    match (lang, e) {
        (Lang::Ja, E::NoPrefs(dir)) => format!(
            "{} には prefs.js がありません。Thunderbird のプロファイルフォルダー（［ヘルプ］→［トラブルシューティング情報］→［プロファイルフォルダー］で開くフォルダー）を指定してください。",
            dir.display()
        ),
        (Lang::En, E::NoPrefs(dir)) => format!(
            "{} holds no prefs.js. Give Thunderbird's profile folder (the one Help → Troubleshooting Information → Profile Folder opens).",
            dir.display()
        ),
        (Lang::Ja, E::Unreadable(path, why)) => {
            format!("{} を読めませんでした（{why}）。", path.display())
        }
        (Lang::En, E::Unreadable(path, why)) => {
            format!("{} could not be read ({why}).", path.display())
        }
    }
}

pub fn settings_lines(
    lang: Lang,
    host: &str,
    port: u16,
    security: Security,
    auth: AuthMethod,
    user: &str,
) -> String {
    match lang {
        Lang::Ja => format!(
            "  送信サーバー: {host}\n  ポート番号: {port}\n  暗号化: {}\n  認証: {}\n  ユーザー名: {user}",
            security_name(lang, security),
            auth_name(lang, auth)
        ),
        Lang::En => format!(
            "  Outgoing server: {host}\n  Port: {port}\n  Security: {}\n  Authentication: {}\n  User name: {user}",
            security_name(lang, security),
            auth_name(lang, auth)
        ),
    }
}

/// One line of live progress for the terminal.
/// Where a server name came from, in plain words (the wizard's list).
pub fn source_name(lang: Lang, source: &crate::model::Source) -> &'static str {
    use crate::model::Source as S;
    match (lang, source) {
        (Lang::Ja, S::Preset) => "プロバイダーの設定ファイル",
        (Lang::En, S::Preset) => "your provider's settings file",
        (Lang::Ja, S::AutoconfigHttps) => "プロバイダーのサイトの設定情報",
        (Lang::En, S::AutoconfigHttps) => "your provider's website",
        (Lang::Ja, S::AutoconfigHttp) => "プロバイダーのサイトの設定情報（暗号化なし）",
        (Lang::En, S::AutoconfigHttp) => "your provider's website (unencrypted)",
        (Lang::Ja, S::Ispdb) => "Thunderbird のプロバイダー一覧",
        (Lang::En, S::Ispdb) => "Thunderbird's list of providers",
        (Lang::Ja, S::IspdbBundled) => {
            "Thunderbird のプロバイダー一覧（このプログラム内の 2026-03-12 時点の写し）"
        }
        (Lang::En, S::IspdbBundled) => {
            "Thunderbird's list of providers (this program's copy of 2026-03-12)"
        }
        (Lang::Ja, S::Srv) => "ドメインのサービス案内（DNS SRV）",
        (Lang::En, S::Srv) => "your domain's service records (DNS SRV)",
        (Lang::Ja, S::Mx) => "ドメインのメール受け取り先（MX）",
        (Lang::En, S::Mx) => "your domain's mail host (MX)",
        (Lang::Ja, S::Guess) => "よく使われるサーバー名",
        (Lang::En, S::Guess) => "common server names",
        (Lang::Ja, S::CertificateName) => "サーバーの証明書にある名前",
        (Lang::En, S::CertificateName) => "the name in the server's certificate",
        (Lang::Ja, S::Manual) => "入力された設定",
        (Lang::En, S::Manual) => "the settings you typed",
    }
}

/// What a source gave, in plain words (the wizard's list).
pub fn source_status(lang: Lang, status: &crate::model::SourceStatus) -> String {
    use crate::model::SourceStatus as S;
    match (lang, status) {
        (Lang::Ja, S::Found { servers }) => format!("{servers} 件見つかりました"),
        (Lang::En, S::Found { servers: 1 }) => "found 1 server".into(),
        (Lang::En, S::Found { servers }) => format!("found {servers} servers"),
        (Lang::Ja, S::NothingFound) => "ありませんでした".into(),
        (Lang::En, S::NothingFound) => "nothing there".into(),
        (Lang::Ja, S::Failed { .. }) => "調べられませんでした".into(),
        (Lang::En, S::Failed { .. }) => "could not be read".into(),
        (Lang::Ja, S::TimedOut) => "応答がありませんでした".into(),
        (Lang::En, S::TimedOut) => "no answer".into(),
        (Lang::Ja, S::Skipped) => "使いませんでした".into(),
        (Lang::En, S::Skipped) => "not used".into(),
    }
}

pub fn progress_line(lang: Lang, event: &crate::model::Event) -> Option<String> {
    use crate::model::Event as E;
    use crate::model::SourceStatus as S;
    Some(match (lang, event) {
        (_, E::ProbeStarted(_)) => return None,
        (Lang::Ja, E::SourceDone(r)) => format!(
            "情報源 {}: {}",
            r.source.code(),
            match &r.status {
                S::Found { servers } => format!("{servers} 件見つかりました"),
                S::NothingFound => "なし".into(),
                S::Failed { detail } => format!("失敗（{detail}）"),
                S::TimedOut => "時間切れ".into(),
                S::Skipped => "省略".into(),
            }
        ),
        (Lang::En, E::SourceDone(r)) => format!(
            "source {}: {}",
            r.source.code(),
            match &r.status {
                S::Found { servers } => format!("found {servers}"),
                S::NothingFound => "nothing".into(),
                S::Failed { detail } => format!("failed ({detail})"),
                S::TimedOut => "timed out".into(),
                S::Skipped => "skipped".into(),
            }
        ),
        (Lang::Ja, E::ProbeDone(a)) => format!(
            "確認 {}:{} {} → {}{}（{} ms）",
            a.server.host,
            a.server.port,
            a.server.security.code(),
            a.outcome.code(),
            a.address.map(|ip| format!(" {ip}")).unwrap_or_default(),
            a.elapsed_ms
        ),
        (Lang::En, E::ProbeDone(a)) => format!(
            "probe {}:{} {} → {}{} ({} ms)",
            a.server.host,
            a.server.port,
            a.server.security.code(),
            a.outcome.code(),
            a.address.map(|ip| format!(" at {ip}")).unwrap_or_default(),
            a.elapsed_ms
        ),
        (Lang::Ja, E::Authenticating(e)) => format!("{}:{} にログインしています…", e.host, e.port),
        (Lang::En, E::Authenticating(e)) => format!("logging in to {}:{}…", e.host, e.port),
        (Lang::Ja, E::Sending(e)) => format!("{}:{} でテストメールを送ります…", e.host, e.port),
        (Lang::En, E::Sending(e)) => {
            format!("sending the test message through {}:{}…", e.host, e.port)
        }
    })
}

/// The approval question's explanation, naming who runs the server.
pub fn approval_explanation(lang: Lang, req: &ApprovalRequest) -> String {
    let owner = &req.owner;
    match (lang, &req.found_via) {
        (Lang::Ja, Some(via)) => format!(
            "{via} は {owner} が運営する共用サーバー {} 上にあります。",
            req.host
        ),
        (Lang::En, Some(via)) => format!(
            "{via} is hosted on {}, a shared server run by {owner}.",
            req.host
        ),
        (Lang::Ja, None) => format!(
            "見つかった{}サーバー {} は {owner} が運営しており、お使いのドメインの外にあります（見つけた所: {}）。",
            if req.service.is_incoming() {
                "受信"
            } else {
                "送信"
            },
            req.host,
            source_name(lang, &req.source)
        ),
        (Lang::En, None) => format!(
            "The {} server found, {}, is run by {owner}, outside your own domain (found in {}).",
            if req.service.is_incoming() {
                "incoming"
            } else {
                "outgoing"
            },
            req.host,
            source_name(lang, &req.source)
        ),
    }
}

pub fn summary_heading(lang: Lang, ok: bool) -> &'static str {
    match (lang, ok) {
        (Lang::Ja, true) => "結果: 成功",
        (Lang::Ja, false) => "結果: 送信設定を確かめられませんでした",
        (Lang::En, true) => "Result: success",
        (Lang::En, false) => "Result: outgoing mail could not be proven",
    }
}

/// After a refused login with the full address as user name: the one other
/// common user name, offered as a choice for the next run, never tried by itself.
pub fn login_hint(lang: Lang, local_part: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "ユーザー名がメールアドレス全体ではなく「{local_part}」だけのプロバイダーもあります。その場合は --login {local_part} を付けてもう一度実行してください。"
        ),
        Lang::En => format!(
            "Some providers use just \"{local_part}\" as the user name, not the whole address. If yours does, run again with --login {local_part}."
        ),
    }
}

/// A preset file that cannot be used, in the user's language.
pub fn preset_error(lang: Lang, e: &crate::model::PresetError) -> String {
    use crate::model::PresetError as P;
    match (lang, e) {
        (Lang::Ja, P::Read { path, source }) => {
            format!(
                "設定ファイル {path} を読めません（{source}）。ファイルの場所をご確認ください。"
            )
        }
        (Lang::En, P::Read { path, source }) => {
            format!("Cannot read the preset file {path} ({source}). Please check where it is.")
        }
        (Lang::Ja, P::Invalid { path, problem }) => format!(
            "設定ファイル {path} は使えない形式です（{} 行 {} 文字目: {}）。mailsetup preset check で全部の問題を確かめられます。",
            problem.line,
            problem.column,
            preset_problem(lang, &problem.kind)
        ),
        (Lang::En, P::Invalid { path, problem }) => format!(
            "The preset file {path} is not in a usable format (line {}, column {}: {}). mailsetup preset check lists every problem.",
            problem.line,
            problem.column,
            preset_problem(lang, &problem.kind)
        ),
        (Lang::Ja, P::NoOutgoing { path }) => {
            format!("設定ファイル {path} に送信サーバー（SMTP）が書かれていません。")
        }
        (Lang::En, P::NoOutgoing { path }) => {
            format!("The preset file {path} names no outgoing (SMTP) server.")
        }
    }
}

/// Why detection could not start, in the user's language.
pub fn setup_error(lang: Lang, e: &crate::model::SetupError) -> String {
    use crate::model::SetupError as S;
    match (lang, e) {
        (_, S::Tls(t)) => trust_error(lang, t),
        (Lang::Ja, S::Dns(d)) => {
            format!("このパソコンの DNS 設定を使えません（{d}）。")
        }
        (Lang::En, S::Dns(d)) => format!("Cannot use the system's DNS settings ({d})."),
        (Lang::Ja, S::Http(d)) => format!("HTTPS の準備ができませんでした（{d}）。"),
        (Lang::En, S::Http(d)) => format!("HTTPS could not be set up ({d})."),
        (Lang::Ja, S::Internal) => "確認の途中で mailsetup の内部エラー（プログラムの不具合）が起きました。もう一度お試しください。繰り返すときは、サポート窓口にお知らせください。".into(),
        (Lang::En, S::Internal) => "mailsetup ran into an internal error (a bug in the program) while checking. Please try again; if it happens again, tell your support desk.".into(),
    }
}

/// A certificate file that cannot be used, in the user's language.
pub fn trust_error(lang: Lang, e: &crate::model::TrustError) -> String {
    use crate::model::TrustError as T;
    match (lang, e) {
        (Lang::Ja, T::Read { path, source }) => {
            format!("証明書ファイル {path} を読めません（{source}）。")
        }
        (Lang::En, T::Read { path, source }) => {
            format!("Cannot read the certificate file {path} ({source}).")
        }
        (Lang::Ja, T::Empty { path }) => {
            format!("証明書ファイル {path} に PEM 形式の証明書がありません。")
        }
        (Lang::En, T::Empty { path }) => {
            format!("The certificate file {path} holds no PEM certificate.")
        }
        (Lang::Ja, T::Invalid { path, detail }) => {
            format!("証明書ファイル {path} は正しい PEM 形式ではありません（{detail}）。")
        }
        (Lang::En, T::Invalid { path, detail }) => {
            format!("The certificate file {path} is not valid PEM ({detail}).")
        }
        (Lang::Ja, T::Setup(detail)) => format!("暗号化の準備ができませんでした（{detail}）。"),
        (Lang::En, T::Setup(detail)) => format!("Encryption could not be set up ({detail})."),
    }
}

/// Labels of the printable settings sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetText {
    Title,
    Intro,
    Email,
    Name,
    Outgoing,
    Incoming,
    NoIncoming,
    Server,
    Port,
    Security,
    Auth,
    UserName,
    Password,
}

pub fn sheet(lang: Lang, t: SheetText) -> &'static str {
    use SheetText as S;
    match (lang, t) {
        (Lang::Ja, S::Title) => "メールの設定内容",
        (Lang::En, S::Title) => "Your mail settings",
        (Lang::Ja, S::Intro) => {
            "mailsetup が実際に送信して確かめた設定です。メールソフトの設定にお使いください。"
        }
        (Lang::En, S::Intro) => {
            "mailsetup proved these settings with a real test message. Use them to set up your mail program."
        }
        (Lang::Ja, S::Email) => "メールアドレス",
        (Lang::En, S::Email) => "E-mail address",
        (Lang::Ja, S::Name) => "名前",
        (Lang::En, S::Name) => "Name",
        (Lang::Ja, S::Outgoing) => "送信（SMTP）",
        (Lang::En, S::Outgoing) => "Outgoing (SMTP)",
        (Lang::Ja, S::Incoming) => "受信",
        (Lang::En, S::Incoming) => "Incoming",
        (Lang::Ja, S::NoIncoming) => "受信サーバーは確認できませんでした。",
        (Lang::En, S::NoIncoming) => "No incoming server was proven.",
        (Lang::Ja, S::Server) => "サーバー名",
        (Lang::En, S::Server) => "Server",
        (Lang::Ja, S::Port) => "ポート番号",
        (Lang::En, S::Port) => "Port",
        (Lang::Ja, S::Security) => "暗号化",
        (Lang::En, S::Security) => "Security",
        (Lang::Ja, S::Auth) => "認証",
        (Lang::En, S::Auth) => "Authentication",
        (Lang::Ja, S::UserName) => "ユーザー名",
        (Lang::En, S::UserName) => "User name",
        (Lang::Ja, S::Password) => {
            "パスワードはこの紙には書かれていません。大切に保管してください。"
        }
        (Lang::En, S::Password) => "Your password is not on this sheet. Keep it safe.",
    }
}

/// Why an export could not be made, in plain words (no command-line flag:
/// the wizard shows it too; see `export_error_cli_hint`).
pub fn export_error(lang: Lang, e: &ExportError) -> String {
    use ExportError as E;
    match (lang, e) {
        (Lang::Ja, E::NeedsIncoming { format }) => format!(
            "{} には受信サーバーの設定も必要ですが、受信サーバーは確認できていません。受信サーバーも確認してから、もう一度お試しください。",
            format.get(lang)
        ),
        (Lang::En, E::NeedsIncoming { format }) => format!(
            "{} also needs the incoming server, and none was proven. Run the check again so that it is found too.",
            format.get(lang)
        ),
        (Lang::Ja, E::NoPasswordSupport { format }) => format!(
            "{} にはパスワードを入れられません。パスワードなしで作成してください（パスワードはメールソフトが尋ねます）。",
            format.get(lang)
        ),
        (Lang::En, E::NoPasswordSupport { format }) => format!(
            "{} cannot hold a password. Make the file without it (the mail program will ask for it).",
            format.get(lang)
        ),
        (Lang::Ja, E::Unrepresentable { field, reason }) => format!(
            "「{field}」の値はこの形式では安全に書けません（{}）。値を確かめてください。",
            unwritable(lang, reason)
        ),
        (Lang::En, E::Unrepresentable { field, reason }) => format!(
            "The {field} cannot be written safely in this format ({}). Please check it.",
            unwritable(lang, reason)
        ),
    }
}

/// The command-line flag that gets round an export error, for the CLI.
pub fn export_error_cli_hint(lang: Lang, e: &ExportError) -> Option<&'static str> {
    Some(match (lang, e) {
        (Lang::Ja, ExportError::NeedsIncoming { .. }) => {
            "（detect を --outgoing-only を付けずに実行してください）"
        }
        (Lang::En, ExportError::NeedsIncoming { .. }) => "(run detect without --outgoing-only)",
        (Lang::Ja, ExportError::NoPasswordSupport { .. }) => {
            "（--include-password を外してください）"
        }
        (Lang::En, ExportError::NoPasswordSupport { .. }) => "(leave out --include-password)",
        _ => return None,
    })
}

fn unwritable(lang: Lang, reason: &Unwritable) -> String {
    match (lang, reason) {
        (Lang::Ja, Unwritable::ControlCharacter(c)) => {
            format!("制御文字 U+{:04X} が含まれています", *c as u32)
        }
        (Lang::En, Unwritable::ControlCharacter(c)) => {
            format!("it contains the control character U+{:04X}", *c as u32)
        }
        (Lang::Ja, Unwritable::NotInCp932) => {
            "日本語版 Windows の文字コード（CP932）にない文字が含まれています".into()
        }
        (Lang::En, Unwritable::NotInCp932) => {
            "it has characters that Japanese Windows (CP932) cannot store".into()
        }
        (_, Unwritable::Refused(detail)) => detail.clone(),
    }
}

/// Why a settings file could not be read.
pub fn settings_error(lang: Lang, path: &str, e: &crate::model::SettingsError) -> String {
    use crate::model::SettingsError as E;
    match (lang, e) {
        (Lang::Ja, E::NotJson(d)) => {
            format!("{path} は mailsetup の設定ファイルではありません（{d}）。")
        }
        (Lang::En, E::NotJson(d)) => format!("{path} is not a mailsetup settings file ({d})."),
        (Lang::Ja, E::NotProven) => {
            format!("{path} には確認済みの送信サーバーがありません。先に検出を成功させてください。")
        }
        (Lang::En, E::NotProven) => {
            format!("{path} holds no proven outgoing server; run a successful detection first.")
        }
        (Lang::Ja, E::BadEmail(v)) => format!("{path} のメールアドレス「{v}」が正しくありません。"),
        (Lang::En, E::BadEmail(v)) => format!("The address '{v}' in {path} is not valid."),
        (Lang::Ja, E::BadHost(v)) => format!("{path} のサーバー名「{v}」が正しくありません。"),
        (Lang::En, E::BadHost(v)) => format!("The server name '{v}' in {path} is not valid."),
        (Lang::Ja, E::BadPort) => format!("{path} のポート番号が正しくありません。"),
        (Lang::En, E::BadPort) => format!("A port number in {path} is not valid."),
        (Lang::Ja, E::WrongProtocol) => format!(
            "{path} の送信サーバーは SMTP、受信サーバーは IMAP か POP3 でなければなりません。"
        ),
        (Lang::En, E::WrongProtocol) => {
            format!("In {path} the outgoing server must be SMTP and the incoming one IMAP or POP3.")
        }
        (_, E::LineBreak(f)) => format!("{path}: {}", line_break(lang, *f)),
    }
}

/// A name or user name holds a line break or NUL (settings file or command line).
pub fn line_break(lang: Lang, field: crate::model::SettingsField) -> String {
    use crate::model::SettingsField as F;
    match lang {
        Lang::Ja => format!(
            "{}に改行などの制御文字が入っています。1 行で書いてください。",
            match field {
                F::Name => "名前",
                F::OutgoingUser => "送信サーバーのユーザー名",
                F::IncomingUser => "受信サーバーのユーザー名",
            }
        ),
        Lang::En => format!(
            "The {} contains a line break or NUL; write it on one line.",
            match field {
                F::Name => "name",
                F::OutgoingUser => "outgoing server's user name",
                F::IncomingUser => "incoming server's user name",
            }
        ),
    }
}

/// Writing the export file failed.
pub fn write_error(lang: Lang, path: &str, e: &crate::model::WriteError) -> String {
    use crate::model::WriteError as W;
    match (lang, e) {
        (Lang::Ja, W::Exists) => format!("{path} はすでにあります。"),
        (Lang::En, W::Exists) => format!("{path} already exists."),
        (Lang::Ja, W::Io(err)) => format!("{path} に書き込めませんでした（{err}）。"),
        (Lang::En, W::Io(err)) => format!("Could not write {path} ({err})."),
    }
}

/// The ISP's support desk, for the Result page when not everything worked:
/// 「ご不明な点は ○○サポートセンター 0120-…（平日 9時〜18時）へ」.
pub fn support_line(lang: Lang, s: &crate::model::Support) -> String {
    let desk = s.name.get(lang);
    let hours = s.hours.get(lang);
    let phone = s.phone.as_deref();
    let mut out = match (lang, desk, phone) {
        (Lang::Ja, Some(d), Some(p)) => format!("ご不明な点は {d} {p}"),
        (Lang::Ja, Some(d), None) => format!("ご不明な点は {d}"),
        (Lang::Ja, None, Some(p)) => format!("ご不明な点はサポート窓口 {p}"),
        (Lang::Ja, None, None) => "ご不明な点はサポート窓口".to_string(),
        (Lang::En, Some(d), Some(p)) => format!("Questions? Call {d} on {p}"),
        (Lang::En, Some(d), None) => format!("Questions? Contact {d}"),
        (Lang::En, None, Some(p)) => format!("Questions? Call your provider's support on {p}"),
        (Lang::En, None, None) => "Questions? Contact your provider's support".to_string(),
    };
    if let Some(h) = hours {
        out.push_str(&match lang {
            Lang::Ja => format!("（{h}）"),
            Lang::En => format!(" ({h})"),
        });
    }
    out.push_str(match lang {
        Lang::Ja => "へお問い合わせください。",
        Lang::En => ".",
    });
    let more: Vec<&str> = [s.url.as_deref(), s.email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !more.is_empty() {
        out.push(' ');
        out.push_str(&more.join("  "));
    }
    // The contacts come from a file anyone could have written: the one thing
    // no real support desk asks for is said next to them.
    out.push_str(match lang {
        Lang::Ja => "\nパスワードは、サポート担当者を含め誰にも教えないでください。",
        Lang::En => "\nNever tell anyone your password, not even support staff.",
    });
    out
}

/// One line inside an exported file whose settings were not proven (no
/// "--": it also goes into XML comments).
pub fn untested_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => {
            "未確認: プロバイダーの設定ファイルから作った設定です。インターネットにつながっていなかったため、まだ試していません。"
        }
        Lang::En => {
            "UNTESTED: made from your provider's settings file while this computer was offline; not yet tried."
        }
    }
}

/// "Details" for an attempt or a finding: the server's or the system's own
/// words as they are, a note of ours in `lang`.
pub fn detail(lang: Lang, d: &Detail) -> String {
    match d {
        Detail::None => String::new(),
        Detail::Server(t) | Detail::System(t) => t.clone(),
        Detail::Note(n) => note(lang, n),
    }
}

fn note(lang: Lang, n: &Note) -> String {
    let ms = |ms: &u64| format!("{:.1}", *ms as f64 / 1000.0);
    let ja = lang == Lang::Ja;
    match n {
        Note::Offered { peer, mechanisms } if mechanisms.is_empty() => {
            if ja {
                format!("{peer} — ログイン方式の提示なし")
            } else {
                format!("{peer} — no login offered")
            }
        }
        Note::Offered { peer, mechanisms } => format!("{peer} — {}", mechanisms.join(" ")),
        Note::Abandoned { after_ms } => {
            if ja {
                format!(
                    "{} 秒で打ち切り（先に応答した、より良いサーバーがあります）",
                    ms(after_ms)
                )
            } else {
                format!(
                    "stopped after {} s: a better-ranked server had already answered",
                    ms(after_ms)
                )
            }
        }
        Note::NoCompleteAnswer { within_ms } => {
            if ja {
                format!("{} 秒以内に応答が揃いませんでした", ms(within_ms))
            } else {
                format!("no complete answer within {} s", ms(within_ms))
            }
        }
        Note::NoAnswerAfterQuestion { within_ms } => {
            if ja {
                format!(
                    "確認のあと、{} 秒以内に応答が揃いませんでした",
                    ms(within_ms)
                )
            } else {
                format!(
                    "no complete answer within {} s after the question",
                    ms(within_ms)
                )
            }
        }
        Note::NoAnswer {
            addresses,
            within_ms,
        } => {
            let list = addresses
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            if ja {
                format!("{list} から {} 秒以内に応答がありません", ms(within_ms))
            } else {
                format!("no answer from {list} within {} s", ms(within_ms))
            }
        }
        Note::Refused { address } => {
            if ja {
                format!("{address}: 接続を拒否されました")
            } else {
                format!("{address}: connection refused")
            }
        }
        Note::NoReply => pick(lang, "時間内に応答がありません", "no reply in time"),
        Note::Closed => pick(
            lang,
            "サーバーが接続を切りました",
            "the server closed the connection",
        ),
        Note::LineTooLong { max } => {
            if ja {
                format!("{max} バイトを超える応答行")
            } else {
                format!("a reply line longer than {max} bytes")
            }
        }
        Note::TooMuchData { max } => {
            if ja {
                format!("まともな応答のないまま {max} バイトを超えるデータが届きました")
            } else {
                format!("the server sent more than {max} bytes without a sensible reply")
            }
        }
        Note::GreetingTimedOut => pick(
            lang,
            "サーバーが時間内に挨拶を返しませんでした",
            "the server did not greet in time",
        ),
        Note::TlsHandshakeTimedOut => pick(
            lang,
            "TLS の接続手順が時間内に終わりませんでした",
            "the TLS handshake did not finish in time",
        ),
        Note::StarttlsTimedOut => pick(
            lang,
            "STARTTLS が時間内に終わりませんでした",
            "STARTTLS did not finish in time",
        ),
        Note::TlsSetupFailed => pick(
            lang,
            "TLS の準備ができませんでした",
            "the TLS settings could not be prepared",
        ),
        Note::DataBeforeTls => pick(
            lang,
            "TLS の開始前にデータが届きました（通信の改ざんの疑い）",
            "data arrived before the TLS handshake (possible tampering)",
        ),
        Note::AlreadyEncrypted => pick(lang, "すでに暗号化されています", "already encrypted"),
        Note::UnexpectedGreeting { service, greeting } => {
            let p = protocol_name(*service);
            let article = if *service == Service::Pop3 { "a" } else { "an" };
            if ja {
                format!("{p} サーバーの挨拶ではありません: {greeting}")
            } else {
                format!("not {article} {p} greeting: {greeting}")
            }
        }
        Note::NotIncoming => pick(lang, "受信サーバーではありません", "not an incoming server"),
        Note::CannotSendLogin { service } => {
            let how = match service {
                Service::Pop3 => "POP3 USER/PASS",
                _ => "IMAP LOGIN",
            };
            if ja {
                format!("このユーザー名またはパスワードは {how} では送れません")
            } else {
                format!("the user name or password cannot be sent with {how}")
            }
        }
        Note::UnexpectedChallenge { reply } => {
            if ja {
                format!("AUTH CRAM-MD5 への思いがけない応答: {reply}")
            } else {
                format!("unexpected reply to AUTH CRAM-MD5: {reply}")
            }
        }
        Note::InvalidChallenge => pick(
            lang,
            "サーバーの CRAM-MD5 チャレンジが正しくありません",
            "the server sent an invalid CRAM-MD5 challenge",
        ),
        Note::ProofTimedOut => pick(
            lang,
            "ログインとテストメールの送信が時間内に終わりませんでした",
            "the login and test message did not finish in time",
        ),
        Note::LoginTimedOut => pick(
            lang,
            "ログインが時間内に終わりませんでした",
            "the login did not finish in time",
        ),
    }
}

fn pick(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
    .to_string()
}
