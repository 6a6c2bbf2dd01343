//! The words of the step-by-step guides, in Japanese and English. Menu names are
//! the ones each client shows in that language. Where a format detail is not
//! confirmed by the vendor, the guide says so.

use super::{Lang, auth_name, protocol_name, security_name};
use crate::model::{AccountSettings, AuthMethod, Client, Security, Service};

/// The values a guide shows: the proven ones, or placeholders.
#[derive(Debug, Clone)]
pub struct Values {
    pub email: String,
    /// The address's domain (after the @), when the address is known.
    pub domain: Option<String>,
    pub out_host: String,
    pub out_port: String,
    pub out_security: Option<Security>,
    pub out_auth: Option<AuthMethod>,
    pub out_user: String,
    pub in_protocol: Option<Service>,
    pub in_host: String,
    pub in_port: String,
    pub in_security: Option<Security>,
    pub in_user: String,
}

impl Values {
    pub fn from_settings(a: Option<&AccountSettings>, lang: Lang) -> Values {
        let ph = |k| placeholder(lang, k).to_string();
        use Placeholder as P;
        let inc = a.and_then(|a| a.incoming.as_ref());
        Values {
            email: a.map(|a| a.email.clone()).unwrap_or_else(|| ph(P::Email)),
            domain: a
                .and_then(|a| a.email.rsplit_once('@'))
                .map(|(_, d)| d.to_string())
                .filter(|d| !d.is_empty()),
            out_host: a
                .map(|a| a.outgoing.host.clone())
                .unwrap_or_else(|| ph(P::OutHost)),
            out_port: a
                .map(|a| a.outgoing.port.to_string())
                .unwrap_or_else(|| "587".into()),
            out_security: a.map(|a| a.outgoing.security),
            out_auth: a.map(|a| a.outgoing.auth),
            out_user: a
                .map(|a| a.outgoing.username.clone())
                .unwrap_or_else(|| ph(P::User)),
            in_protocol: inc.map(|i| i.protocol),
            in_host: inc.map(|i| i.host.clone()).unwrap_or_else(|| ph(P::InHost)),
            in_port: inc
                .map(|i| i.port.to_string())
                .unwrap_or_else(|| ph(P::InPort)),
            in_security: inc.map(|i| i.security),
            in_user: inc
                .map(|i| i.username.clone())
                .unwrap_or_else(|| ph(P::User)),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Placeholder {
    Email,
    OutHost,
    InHost,
    InPort,
    User,
}

pub fn placeholder(lang: Lang, p: Placeholder) -> &'static str {
    match (lang, p) {
        (Lang::Ja, Placeholder::Email) => "（メールアドレス）",
        (Lang::Ja, Placeholder::OutHost) => "（送信サーバー名）",
        (Lang::Ja, Placeholder::InHost) => "（受信サーバー名）",
        (Lang::Ja, Placeholder::InPort) => "（受信ポート番号）",
        (Lang::Ja, Placeholder::User) => "（ユーザー名）",
        (Lang::En, Placeholder::Email) => "(your address)",
        (Lang::En, Placeholder::OutHost) => "(outgoing server)",
        (Lang::En, Placeholder::InHost) => "(incoming server)",
        (Lang::En, Placeholder::InPort) => "(incoming port)",
        (Lang::En, Placeholder::User) => "(user name)",
    }
}

fn sec(lang: Lang, s: Option<Security>) -> String {
    match s {
        Some(s) => security_name(lang, s).to_string(),
        None => match lang {
            Lang::Ja => "（暗号化の種類）".into(),
            Lang::En => "(connection security)".into(),
        },
    }
}

fn auth(lang: Lang, a: Option<AuthMethod>) -> String {
    match a {
        Some(a) => auth_name(lang, a).to_string(),
        None => match lang {
            Lang::Ja => "（認証方式）".into(),
            Lang::En => "(authentication)".into(),
        },
    }
}

fn proto(lang: Lang, p: Option<Service>) -> String {
    match p {
        Some(p) => protocol_name(p).to_string(),
        None => match lang {
            Lang::Ja => "IMAP または POP3".into(),
            Lang::En => "IMAP or POP3".into(),
        },
    }
}

fn encrypted(s: Option<Security>) -> bool {
    s != Some(Security::None)
}

/// Old Microsoft clients have one "SSL" box for both kinds of encryption.
fn ssl_box(lang: Lang, s: Option<Security>, ms_label: &str) -> String {
    match (lang, encrypted(s)) {
        (Lang::Ja, true) => format!("「{ms_label}」をオンにします。"),
        (Lang::Ja, false) => format!("「{ms_label}」はオフのままにします。"),
        (Lang::En, true) => format!("Tick \"{ms_label}\"."),
        (Lang::En, false) => format!("Leave \"{ms_label}\" unticked."),
    }
}

/// The old-TLS warning for clients that only speak SSL 3.0 / TLS 1.0.
fn old_tls_warning(lang: Lang, client: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "ご注意：{client} は古い暗号化方式（SSL 3.0／TLS 1.0）しか使えず、今のほとんどのメールサーバーはそれを受け付けません。設定しても「サーバーに接続できません」となる場合は、無料の Thunderbird（このプログラムの「Thunderbird」用の手順）をお使いください。暗号化をオフにすればつながることがありますが、パスワードが盗み見られるおそれがあるためお勧めしません。"
        ),
        Lang::En => format!(
            "Please note: {client} only speaks old encryption (SSL 3.0 / TLS 1.0), which almost all mail servers refuse today. If it says it cannot connect, use the free Thunderbird instead (see the Thunderbird guide). Turning encryption off may connect, but others could then read your password, so we do not recommend it."
        ),
    }
}

/// The mail program's name as people know it.
pub fn client_name(lang: Lang, client: Client) -> &'static str {
    match (lang, client) {
        (_, Client::OutlookExpress6) => "Outlook Express 6",
        (_, Client::Outlook2000) => "Outlook 2000",
        (Lang::Ja, Client::Outlook2003) => "Outlook 2002／2003",
        (Lang::En, Client::Outlook2003) => "Outlook 2002/2003",
        (Lang::Ja, Client::Outlook) => "Outlook（Microsoft 365／2016 以降）",
        (Lang::En, Client::Outlook) => "Outlook (Microsoft 365 / 2016 and later)",
        (_, Client::Thunderbird) => "Thunderbird",
        (Lang::Ja, Client::AppleMail) => "Apple メール（Mac）",
        (Lang::En, Client::AppleMail) => "Apple Mail (Mac)",
        (Lang::Ja, Client::Iphone) => "iPhone／iPad",
        (Lang::En, Client::Iphone) => "iPhone / iPad",
        (Lang::Ja, Client::AndroidGmail) => "Android の Gmail アプリ",
        (Lang::En, Client::AndroidGmail) => "Gmail app on Android",
    }
}

pub fn steps(lang: Lang, client: Client, v: &Values) -> (String, Vec<String>) {
    let out_sec = sec(lang, v.out_security);
    let in_sec = sec(lang, v.in_security);
    let out_auth = auth(lang, v.out_auth);
    let in_proto = proto(lang, v.in_protocol);
    let pop = v.in_protocol == Some(Service::Pop3);
    match (lang, client) {
        (Lang::Ja, Client::OutlookExpress6) => ("Outlook Express 6 の設定".into(), vec![
            format!("保存した mail.iaf を使う場合：［ツール］→［アカウント］→［インポート］で選びます（この読み込み手順は Microsoft の資料で確認できていません）。うまくいかないときは次の手順で手入力してください。"),
            "［ツール］→［アカウント］で［インターネット アカウント］を開き、［メール］タブでアカウントを選んで［プロパティ］をクリックします。".into(),
            format!("［サーバー］タブ：受信メールサーバーの種類は {in_proto}、受信メール（{}）に {}、送信メール（SMTP）に {} を入力します。", if pop { "POP3" } else { "IMAP" }, v.in_host, v.out_host),
            format!("アカウント名に {}、パスワードを入力します。", v.in_user),
            format!("「このサーバーは認証が必要」をオンにし、［設定］で「次のアカウントとパスワードでログオンする」を選び、アカウント名に {} を入力します。", v.out_user),
            format!("［詳細設定］タブ：送信メール（SMTP）のポート番号を 25 から {} に変えます。受信メールは {} です。", v.out_port, v.in_port),
            ssl_box(lang, v.out_security, "このサーバーはセキュリティで保護された接続 (SSL) が必要"),
            format!("送信の暗号化：{out_sec}、認証：{out_auth}。"),
            old_tls_warning(lang, "Outlook Express 6"),
        ]),
        (Lang::En, Client::OutlookExpress6) => ("Setting up Outlook Express 6".into(), vec![
            "With the saved mail.iaf: Tools → Accounts → Import, and pick the file (this import path is not confirmed by Microsoft's documentation). If it does not work, enter the settings by hand as follows.".into(),
            "Tools → Accounts opens Internet Accounts; on the Mail tab select the account and click Properties.".into(),
            format!("Servers tab: incoming server type {in_proto}, incoming mail {}, outgoing mail (SMTP) {}.", v.in_host, v.out_host),
            format!("Account name {}, and your password.", v.in_user),
            format!("Tick \"My server requires authentication\"; under Settings choose \"Log on using\" with account name {}.", v.out_user),
            format!("Advanced tab: change the outgoing mail (SMTP) port from 25 to {}. The incoming port is {}.", v.out_port, v.in_port),
            ssl_box(lang, v.out_security, "This server requires a secure connection (SSL)"),
            format!("Outgoing security: {out_sec}; authentication: {out_auth}."),
            old_tls_warning(lang, "Outlook Express 6"),
        ]),
        (Lang::Ja, Client::Outlook2000) => ("Outlook 2000 の設定".into(), vec![
            "［ツール］→［アカウント］で［インターネット アカウント］を開き、アカウントを選んで［プロパティ］をクリックします。".into(),
            format!("［サーバー］タブ：受信メール（{in_proto}）に {}、送信メール（SMTP）に {} を入力し、アカウント名に {} を入力します。", v.in_host, v.out_host, v.in_user),
            format!("「このサーバーは認証が必要」をオンにし、［設定］でアカウント名 {} とパスワードを入力します。", v.out_user),
            format!("［詳細設定］タブ：送信メール（SMTP）のポート番号を {} にします（25 番は迷惑メール対策で止められていることがほとんどです）。受信メールは {} です。", v.out_port, v.in_port),
            ssl_box(lang, v.out_security, "このサーバーはセキュリティで保護された接続 (SSL) が必要"),
            format!("送信の暗号化：{out_sec}。受信の暗号化：{in_sec}。"),
            old_tls_warning(lang, "Outlook 2000"),
        ]),
        (Lang::En, Client::Outlook2000) => ("Setting up Outlook 2000".into(), vec![
            "Tools → Accounts opens Internet Accounts; select the account and click Properties.".into(),
            format!("Servers tab: incoming mail ({in_proto}) {}, outgoing mail (SMTP) {}, account name {}.", v.in_host, v.out_host, v.in_user),
            format!("Tick \"My server requires authentication\"; under Settings enter account name {} and your password.", v.out_user),
            format!("Advanced tab: set the outgoing mail (SMTP) port to {} (port 25 is blocked against spam almost everywhere). The incoming port is {}.", v.out_port, v.in_port),
            ssl_box(lang, v.out_security, "This server requires a secure connection (SSL)"),
            format!("Outgoing security: {out_sec}. Incoming security: {in_sec}."),
            old_tls_warning(lang, "Outlook 2000"),
        ]),
        (Lang::Ja, Client::Outlook2003) => ("Outlook 2002／2003 の設定".into(), vec![
            "保存した mail.prf をダブルクリックすると、今のプロファイルには手を付けず、新しいプロファイル「mailsetup」に設定を読み込みます（Outlook の起動時にプロファイルを選べるようにしてください。Outlook 2003 で確認された形式ですが、一部の項目番号は Microsoft の資料で確認できていません）。今のアカウントを直す場合は次のとおり手入力します。".into(),
            "［ツール］→［電子メール アカウント］で「既存の電子メール アカウントの表示と変更」を選び、［次へ］をクリックします。".into(),
            format!("アカウントを選んで［変更］をクリックし、受信メールサーバー（{in_proto}）に {}、送信メールサーバー（SMTP）に {}、ユーザー名に {} を入力します。", v.in_host, v.out_host, v.in_user),
            format!("［詳細設定］→［送信サーバー］タブ：「送信サーバー (SMTP) は認証が必要」をオンにし、「次のアカウントとパスワードでログオンする」でユーザー名 {} とパスワードを入力します。", v.out_user),
            format!("［詳細設定］タブ：送信サーバー（SMTP）のポート番号を {}、受信サーバーを {} にします。", v.out_port, v.in_port),
            ssl_box(lang, v.out_security, "このサーバーは暗号化された接続 (SSL) が必要"),
            format!("送信の暗号化：{out_sec}、認証：{out_auth}。"),
            old_tls_warning(lang, "Outlook 2002／2003"),
        ]),
        (Lang::En, Client::Outlook2003) => ("Setting up Outlook 2002/2003".into(), vec![
            "Double-click the saved mail.prf to import the settings into a new profile named \"mailsetup\", leaving your current profile as it is (let Outlook ask for the profile at start-up; some of its property numbers are not confirmed by Microsoft's documentation). To change your current account by hand instead:".into(),
            "Tools → E-mail Accounts → \"View or change existing e-mail accounts\" → Next.".into(),
            format!("Select the account, click Change, and enter incoming server ({in_proto}) {}, outgoing server (SMTP) {}, user name {}.", v.in_host, v.out_host, v.in_user),
            format!("More Settings → Outgoing Server tab: tick \"My outgoing server (SMTP) requires authentication\", choose \"Log on using\" with user name {} and your password.", v.out_user),
            format!("Advanced tab: outgoing server (SMTP) port {}, incoming server port {}.", v.out_port, v.in_port),
            ssl_box(lang, v.out_security, "This server requires an encrypted connection (SSL)"),
            format!("Outgoing security: {out_sec}; authentication: {out_auth}."),
            old_tls_warning(lang, "Outlook 2002/2003"),
        ]),
        (Lang::Ja, Client::Outlook) => ("Outlook（Microsoft 365／2016 以降）の設定".into(), vec![
            "［ファイル］→［アカウントの追加］を開きます。".into(),
            format!("メールアドレスに {} を入力し、［詳細オプション］の「自分で自分のアカウントを手動で設定」をオンにして［接続］をクリックします。", v.email),
            format!("アカウントの種類で {in_proto} を選びます。"),
            format!("受信メール：サーバー {}、ポート {}、暗号化方法 {in_sec}。", v.in_host, v.in_port),
            format!("送信メール：サーバー {}、ポート {}、暗号化方法 {out_sec}。", v.out_host, v.out_port),
            "「セキュリティで保護されたパスワード認証 (SPA) でのログオンが必要」はオフのままにします。".into(),
            "［次へ］でパスワードを入力して完了です。保存した autodiscover.xml や mail.prf は管理者向けの読み込み用です。".into(),
        ]),
        (Lang::En, Client::Outlook) => ("Setting up Outlook (Microsoft 365 / 2016 and later)".into(), vec![
            "File → Add Account.".into(),
            format!("Enter {}, open Advanced options, tick \"Let me set up my account manually\" and click Connect.", v.email),
            format!("Choose {in_proto}."),
            format!("Incoming mail: server {}, port {}, encryption method {in_sec}.", v.in_host, v.in_port),
            format!("Outgoing mail: server {}, port {}, encryption method {out_sec}.", v.out_host, v.out_port),
            "Leave \"Require logon using Secure Password Authentication (SPA)\" unticked.".into(),
            "Next, enter your password, done. The saved autodiscover.xml and mail.prf are for administrators who deploy settings.".into(),
        ]),
        (Lang::Ja, Client::Thunderbird) => ("Thunderbird の設定".into(), vec![
            format!("いちばん簡単なのは保存した config-v1.1.xml を使う方法です：Thunderbird を閉じ、このファイルを Thunderbird のインストールフォルダー内の isp フォルダーに「{}.xml」という名前で置きます（Windows では管理者の権限が必要です）。", v.domain.as_deref().unwrap_or("ドメイン名")),
            format!("Thunderbird を起動し、［アカウント設定］→［アカウント操作］→［メールアカウントを追加］で、名前、{}、パスワードを入力して［続ける］をクリックします。", v.email),
            "手入力する場合は［手動設定］をクリックし、次の値を入れます。".into(),
            format!("受信サーバー：{in_proto}、ホスト名 {}、ポート {}、接続の保護 {in_sec}、ユーザー名 {}。", v.in_host, v.in_port, v.in_user),
            format!("送信サーバー：SMTP、ホスト名 {}、ポート {}、接続の保護 {out_sec}、認証方式 {out_auth}、ユーザー名 {}。", v.out_host, v.out_port, v.out_user),
            "［完了］をクリックします。".into(),
        ]),
        (Lang::En, Client::Thunderbird) => ("Setting up Thunderbird".into(), vec![
            format!("Easiest: close Thunderbird and put the saved config-v1.1.xml into the isp folder of Thunderbird's installation folder, named after your domain ({}.xml; on Windows this needs administrator rights).", v.domain.as_deref().unwrap_or("<domain>")),
            format!("Start Thunderbird: Account Settings → Account Actions → Add Mail Account; enter your name, {} and your password, and click Continue.", v.email),
            "To enter the settings by hand, click Configure manually and use these values.".into(),
            format!("Incoming server: {in_proto}, hostname {}, port {}, connection security {in_sec}, user name {}.", v.in_host, v.in_port, v.in_user),
            format!("Outgoing server: SMTP, hostname {}, port {}, connection security {out_sec}, authentication {out_auth}, user name {}.", v.out_host, v.out_port, v.out_user),
            "Click Done.".into(),
        ]),
        (Lang::Ja, Client::AppleMail) => ("Apple メール（Mac）の設定".into(), vec![
            "保存した mail.mobileconfig をダブルクリックし、［システム設定］→［プライバシーとセキュリティ］→［プロファイル］でインストールします（署名のないプロファイルなので「未検証」と表示されます）。パスワードはその場で入力します。".into(),
            "手入力する場合は、メールの［メール］→［アカウントを追加］→［その他のメールアカウント］を選びます。".into(),
            format!("名前、{}、パスワードを入力し、自動で見つからないときは次の値を入れます。", v.email),
            format!("受信用メールサーバー（{in_proto}）：{}、ポート {}、{in_sec}、ユーザー名 {}。", v.in_host, v.in_port, v.in_user),
            format!("送信用メールサーバー：{}、ポート {}、{out_sec}、{out_auth}、ユーザー名 {}。", v.out_host, v.out_port, v.out_user),
        ]),
        (Lang::En, Client::AppleMail) => ("Setting up Apple Mail (Mac)".into(), vec![
            "Double-click the saved mail.mobileconfig and install it in System Settings → Privacy & Security → Profiles (it is unsigned, so it shows as unverified). Enter your password when asked.".into(),
            "To enter the settings by hand: Mail → Add Account → Other Mail Account.".into(),
            format!("Enter your name, {} and your password; if the settings are not found, use these values.", v.email),
            format!("Incoming mail server ({in_proto}): {}, port {}, {in_sec}, user name {}.", v.in_host, v.in_port, v.in_user),
            format!("Outgoing mail server: {}, port {}, {out_sec}, {out_auth}, user name {}.", v.out_host, v.out_port, v.out_user),
        ]),
        (Lang::Ja, Client::Iphone) => ("iPhone／iPad の設定".into(), vec![
            "保存した mail.mobileconfig をメールや AirDrop で iPhone に送り、開きます。".into(),
            "［設定］→「プロファイルがダウンロードされました」→［インストール］をタップし、パスワードを入力します。".into(),
            "手入力する場合は［設定］→［メール］→［アカウント］→［アカウントを追加］→［その他］→［メールアカウントを追加］を選びます。".into(),
            format!("受信メールサーバー（{in_proto}）：ホスト名 {}、ユーザー名 {}。", v.in_host, v.in_user),
            format!("送信メールサーバー：ホスト名 {}、ユーザー名 {}。保存後、アカウントの［詳細］で送信のポートを {}、「SSL を使用」を{}にします。", v.out_host, v.out_user, v.out_port, if encrypted(v.out_security) { "オン" } else { "オフ" }),
        ]),
        (Lang::En, Client::Iphone) => ("Setting up iPhone / iPad".into(), vec![
            "Send the saved mail.mobileconfig to the iPhone by mail or AirDrop and open it.".into(),
            "Settings → \"Profile Downloaded\" → Install, and enter your password.".into(),
            "To enter the settings by hand: Settings → Mail → Accounts → Add Account → Other → Add Mail Account.".into(),
            format!("Incoming mail server ({in_proto}): host name {}, user name {}.", v.in_host, v.in_user),
            format!("Outgoing mail server: host name {}, user name {}. Then, in the account's Advanced settings, set the outgoing port to {} and turn \"Use SSL\" {}.", v.out_host, v.out_user, v.out_port, if encrypted(v.out_security) { "on" } else { "off" }),
        ]),
        (Lang::Ja, Client::AndroidGmail) => ("Android の Gmail アプリの設定".into(), vec![
            "Gmail アプリで右上のアイコン→［別のアカウントを追加］→［その他］を選びます。".into(),
            format!("{} を入力し、［手動設定］をタップして、種類で {} を選びます。", v.email, if pop { "個人用（POP3）" } else { "個人用（IMAP）" }),
            format!("受信サーバーの設定：ユーザー名 {}、パスワード、サーバー {}、ポート {}、セキュリティの種類 {in_sec}。", v.in_user, v.in_host, v.in_port),
            format!("送信サーバーの設定：「ログインが必要」をオン、ユーザー名 {}、SMTP サーバー {}、ポート {}、セキュリティの種類 {out_sec}。", v.out_user, v.out_host, v.out_port),
            "Thunderbird for Android をお使いなら、保存した QR コードを読み取るだけで設定できます。".into(),
        ]),
        (Lang::En, Client::AndroidGmail) => ("Setting up the Gmail app on Android".into(), vec![
            "In the Gmail app, tap your picture → Add another account → Other.".into(),
            format!("Enter {}, tap Manual setup, and choose {}.", v.email, if pop { "Personal (POP3)" } else { "Personal (IMAP)" }),
            format!("Incoming server settings: user name {}, password, server {}, port {}, security type {in_sec}.", v.in_user, v.in_host, v.in_port),
            format!("Outgoing server settings: turn on \"Require sign-in\", user name {}, SMTP server {}, port {}, security type {out_sec}.", v.out_user, v.out_host, v.out_port),
            "With Thunderbird for Android, scanning the saved QR code sets everything up.".into(),
        ]),
    }
}

/// The last step of every guide: all values at a glance, to check against.
pub fn summary(lang: Lang, v: &Values) -> String {
    let out_sec = sec(lang, v.out_security);
    let out_auth = auth(lang, v.out_auth);
    let in_sec = sec(lang, v.in_security);
    let in_proto = proto(lang, v.in_protocol);
    match lang {
        Lang::Ja => format!(
            "確認用のまとめ — 送信（SMTP）：{}、ポート {}、{out_sec}、{out_auth}、ユーザー名 {}。受信（{in_proto}）：{}、ポート {}、{in_sec}、ユーザー名 {}。",
            v.out_host, v.out_port, v.out_user, v.in_host, v.in_port, v.in_user
        ),
        Lang::En => format!(
            "At a glance — outgoing (SMTP): {}, port {}, {out_sec}, {out_auth}, user name {}. Incoming ({in_proto}): {}, port {}, {in_sec}, user name {}.",
            v.out_host, v.out_port, v.out_user, v.in_host, v.in_port, v.in_user
        ),
    }
}
