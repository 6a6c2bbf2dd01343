//! The words of `mailsetup preset check` and `preset example`, in Japanese and
//! English.

use super::Lang;

/// `mailsetup preset example`: a commented preset that passes `preset check`,
/// for support staff to copy and fill in.
pub fn preset_example(lang: Lang) -> String {
    let c = |ja: &'static str, en: &'static str| match lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- {intro} -->
<!-- {check} -->
<clientConfig version="1.1">
  <emailProvider id="example.ne.jp" xmlns:ms="urn:mailsetup:preset:1">
    <!-- {domain} -->
    <domain>example.ne.jp</domain>
    <!-- {name} -->
    <displayName>Example Net</displayName>
    <displayShortName>Example</displayShortName>

    <!-- {out} -->
    <outgoingServer type="smtp">
      <hostname>smtp.example.ne.jp</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <!-- {user} -->
      <username>%EMAILADDRESS%</username>
    </outgoingServer>

    <!-- {inc} -->
    <incomingServer type="imap">
      <hostname>imap.example.ne.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.ne.jp</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>

    <!-- {brand} -->
    <ms:branding>
      <ms:name xml:lang="ja">エグザンプル・ネット</ms:name>
      <ms:name xml:lang="en">Example Net</ms:name>
      <!-- {logo} -->
      <ms:logo>mailsetup-preset.png</ms:logo>
      <ms:welcome xml:lang="ja">エグザンプル・ネットのメール設定をお手伝いします。</ms:welcome>
      <ms:welcome xml:lang="en">Example Net helps you set up your mail.</ms:welcome>
      <!-- {support} -->
      <ms:support>
        <ms:name xml:lang="ja">エグザンプル・ネット サポートセンター</ms:name>
        <ms:name xml:lang="en">Example Net support</ms:name>
        <ms:phone>0120-000-000</ms:phone>
        <ms:hours xml:lang="ja">平日 9時〜18時</ms:hours>
        <ms:hours xml:lang="en">weekdays 9:00-18:00</ms:hours>
        <ms:url>https://support.example.ne.jp/</ms:url>
        <ms:email>support@example.ne.jp</ms:email>
      </ms:support>
      <!-- {export} -->
      <ms:defaultExport>thunderbird-autoconfig</ms:defaultExport>
    </ms:branding>
  </emailProvider>
</clientConfig>
"#,
        intro = c(
            "mailsetup の設定ファイル（Thunderbird の autoconfig 形式）。example.ne.jp などをお使いの値に書き換え、mailsetup-preset.xml としてプログラムの横に置きます。",
            "A mailsetup preset (Thunderbird autoconfig format). Replace example.ne.jp and the other values with yours and save it as mailsetup-preset.xml beside the program."
        ),
        check = c(
            "書き換えたら mailsetup preset check mailsetup-preset.xml で確かめてください。",
            "Then check it with: mailsetup preset check mailsetup-preset.xml"
        ),
        domain = c(
            "お客様のメールアドレスの @ より後ろ。複数あれば <domain> を並べます。",
            "The part after the @ of your customers' addresses; one <domain> per domain."
        ),
        name = c(
            "画面に出るプロバイダー名。",
            "The provider name shown in the wizard."
        ),
        out = c(
            "送信サーバー。587 + STARTTLS か 465 + SSL。上に書いたものから順に試します。",
            "Outgoing server: 587 with STARTTLS or 465 with SSL; tried in this order."
        ),
        user = c(
            "ログイン名。%EMAILADDRESS% はアドレス全体、%EMAILLOCALPART% は @ より前。",
            "The login: %EMAILADDRESS% is the whole address, %EMAILLOCALPART% the part before the @."
        ),
        inc = c(
            "受信サーバー（IMAP と POP3、使うものだけ）。",
            "Incoming servers (IMAP and POP3, whichever you offer)."
        ),
        brand = c(
            "ここから下は mailsetup だけが読む部分です（Thunderbird は読み飛ばします）。名前・あいさつ・問い合わせ先は日本語（ja）と英語（en）で書けます。",
            "From here on only mailsetup reads (Thunderbird skips it). Names, the welcome line and the contacts can be given in Japanese (ja) and English (en)."
        ),
        logo = c(
            "ロゴは設定ファイルと同じフォルダーに置いた PNG のファイル名。",
            "The logo: the file name of a PNG in the same folder as this file."
        ),
        support = c(
            "設定がうまくいかなかったとき、結果の画面に出す問い合わせ先。",
            "Shown on the result page when the set-up did not fully work."
        ),
        export = c(
            "最初に選ばれている書き出し形式（mailsetup export -h に出ている名前）。",
            "The export format picked first (a name listed by mailsetup export -h)."
        ),
    )
}

/// One problem of a preset, as `preset check` prints it: what is wrong — how
/// to fix it.
pub fn preset_problem(lang: Lang, kind: &crate::model::ProblemKind) -> String {
    use crate::model::{MAX_PRESET_BYTES, ProblemKind as P};
    let max_kib = MAX_PRESET_BYTES / 1024;
    match (lang, kind) {
        (Lang::Ja, P::TooLarge { bytes }) => format!(
            "ファイルが大きすぎます（{bytes} バイト）— 設定ファイルは {max_kib} KiB までです。正しいファイルか確かめてください"
        ),
        (Lang::En, P::TooLarge { bytes }) => format!(
            "the file is too large ({bytes} bytes) — a preset is at most {max_kib} KiB; check that this is the right file"
        ),
        (Lang::Ja, P::NotText) => "テキストファイルではありません（または文字コードが宣言と合いません）— UTF-8 か Shift_JIS で保存してください".into(),
        (Lang::En, P::NotText) => "this is not a text file (or its encoding is not the one declared) — save it as UTF-8 or Shift_JIS".into(),
        (Lang::Ja, P::UnknownEncoding { label }) => format!(
            "文字コード「{label}」には対応していません — UTF-8 か Shift_JIS で保存し、encoding をそのとおりに書いてください"
        ),
        (Lang::En, P::UnknownEncoding { label }) => format!(
            "the encoding \"{label}\" is not supported — save the file as UTF-8 or Shift_JIS and declare that"
        ),
        (Lang::Ja, P::NotXml { detail }) => format!(
            "XML として正しくありません（{detail}）— タグの閉じ忘れや & < の書き方を確かめてください"
        ),
        (Lang::En, P::NotXml { detail }) => format!(
            "this is not well-formed XML ({detail}) — look for an unclosed tag or a bare & or <"
        ),
        (Lang::Ja, P::Dtd) => "DOCTYPE（DTD）は使えません — <!DOCTYPE …> の行を消してください".into(),
        (Lang::En, P::Dtd) => "a DOCTYPE (DTD) is not allowed — delete the <!DOCTYPE …> line".into(),
        (Lang::Ja, P::NotClientConfig { root }) => format!(
            "<{root}> は Thunderbird の設定ファイル形式ではありません — 一番外側を <clientConfig version=\"1.1\"> にしてください（preset example を参照）"
        ),
        (Lang::En, P::NotClientConfig { root }) => format!(
            "<{root}> is not a Thunderbird autoconfig document — the outermost element must be <clientConfig version=\"1.1\"> (see preset example)"
        ),
        (Lang::Ja, P::NoDomain) => "<domain> がありません — お客様のメールアドレスのドメイン（例: example.ne.jp）を <domain> に書いてください".into(),
        (Lang::En, P::NoDomain) => "no <domain> — add a <domain> with your customers' mail domain (e.g. example.ne.jp)".into(),
        (Lang::Ja, P::UnknownServerType { element, value }) => format!(
            "<{element}> の type=\"{value}\" は使えません — 送信は smtp、受信は imap か pop3 です"
        ),
        (Lang::En, P::UnknownServerType { element, value }) => format!(
            "type=\"{value}\" is not a known type for <{element}> — use smtp for sending, imap or pop3 for receiving"
        ),
        (Lang::Ja, P::NoHostname) => "サーバー名（<hostname>）がありません — 例: <hostname>smtp.example.ne.jp</hostname>".into(),
        (Lang::En, P::NoHostname) => "no server name (<hostname>) — e.g. <hostname>smtp.example.ne.jp</hostname>".into(),
        (Lang::Ja, P::BadHostname { value }) => format!(
            "「{value}」はサーバー名として正しくありません — 空白や記号のない、smtp.example.ne.jp のような名前にしてください"
        ),
        (Lang::En, P::BadHostname { value }) => format!(
            "\"{value}\" is not a valid server name — use a name like smtp.example.ne.jp, without spaces or symbols"
        ),
        (Lang::Ja, P::BadPort { value }) => format!(
            "ポート番号「{value}」が正しくありません — 1〜65535 の数字にしてください（送信は普通 587 か 465）"
        ),
        (Lang::En, P::BadPort { value }) => format!(
            "the port \"{value}\" is not valid — it must be a number from 1 to 65535 (587 or 465 for sending)"
        ),
        (Lang::Ja, P::NoPort) => "ポート番号（<port>）がありません — 例: <port>587</port>".into(),
        (Lang::En, P::NoPort) => "no port (<port>) — e.g. <port>587</port>".into(),
        (Lang::Ja, P::UnknownSocketType { value }) => format!(
            "暗号化の指定「{value}」が正しくありません — SSL、STARTTLS、plain のどれかにしてください"
        ),
        (Lang::En, P::UnknownSocketType { value }) => format!(
            "the socketType \"{value}\" is not known — use SSL, STARTTLS or plain"
        ),
        (Lang::Ja, P::NoSocketType) => "暗号化の指定（<socketType>）がありません — 例: <socketType>STARTTLS</socketType>".into(),
        (Lang::En, P::NoSocketType) => "no <socketType> — e.g. <socketType>STARTTLS</socketType>".into(),
        (Lang::Ja, P::UnknownAuthentication { value }) => format!(
            "認証方式「{value}」が正しくありません — 普通は password-cleartext（暗号化された接続でのパスワード）か password-encrypted（CRAM-MD5）です"
        ),
        (Lang::En, P::UnknownAuthentication { value }) => format!(
            "the authentication \"{value}\" is not known — usually password-cleartext (a password over an encrypted connection) or password-encrypted (CRAM-MD5)"
        ),
        (Lang::Ja, P::UnknownPlaceholder { value }) => format!(
            "{value} は使えない置き換え文字です — 使えるのは %EMAILADDRESS%、%EMAILLOCALPART%、%EMAILDOMAIN%、%REALNAME% です"
        ),
        (Lang::En, P::UnknownPlaceholder { value }) => format!(
            "{value} is not a placeholder Thunderbird knows — use %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN% or %REALNAME%"
        ),
        (Lang::Ja, P::NoOutgoing) => "送信サーバー（<outgoingServer type=\"smtp\">）がありません — 少なくとも一つ書いてください".into(),
        (Lang::En, P::NoOutgoing) => "no outgoing server (<outgoingServer type=\"smtp\">) — add at least one".into(),
        (Lang::Ja, P::PlainSocket) => "plain（暗号化なし）は使いません — mailsetup は STARTTLS で試し、暗号化できなければパスワードを送りません。STARTTLS と書いてください".into(),
        (Lang::En, P::PlainSocket) => "plain (no encryption) is not used as written — mailsetup tries STARTTLS instead and sends no password without encryption; write STARTTLS".into(),
        (Lang::Ja, P::PortSecurityMismatch { port, socket_type }) => format!(
            "ポート {port} と {socket_type} の組み合わせは普通ではありません — 465 は SSL、587 は STARTTLS です"
        ),
        (Lang::En, P::PortSecurityMismatch { port, socket_type }) => format!(
            "port {port} with {socket_type} is unusual — 465 goes with SSL, 587 with STARTTLS"
        ),
        (Lang::Ja, P::OauthOnly) => "このサーバーは OAuth2 だけで、パスワードではログインできません — mailsetup ではこのサーバーを確かめられません".into(),
        (Lang::En, P::OauthOnly) => "this server takes only OAuth2, no password login — mailsetup cannot prove it".into(),
        (Lang::Ja, P::UserInHostname { value }) => format!(
            "サーバー名「{value}」にお客様の名前やアドレスが入ります — DNS を通じて外に漏れるため使いません。%EMAILDOMAIN% か固定の名前にしてください"
        ),
        (Lang::En, P::UserInHostname { value }) => format!(
            "the server name \"{value}\" would contain the user's name or address — it would leak through DNS, so the server is not used; use %EMAILDOMAIN% or a fixed name"
        ),
        (Lang::Ja, P::BadLogo { value }) => format!(
            "ロゴ「{value}」はファイル名だけにしてください — 設定ファイルと同じフォルダーに置いた PNG の名前です（例: mailsetup-preset.png）"
        ),
        (Lang::En, P::BadLogo { value }) => format!(
            "the logo \"{value}\" must be a plain file name — a PNG in the same folder as the preset (e.g. mailsetup-preset.png)"
        ),
        (Lang::Ja, P::BadSupportUrl { value }) => format!(
            "サポートの URL「{value}」が正しくありません — https:// で始まるアドレスにしてください"
        ),
        (Lang::En, P::BadSupportUrl { value }) => format!(
            "the support URL \"{value}\" is not a web address — start it with https://"
        ),
        (Lang::Ja, P::BadSupportEmail { value }) => format!(
            "サポートのメールアドレス「{value}」が正しくありません — support@example.ne.jp のように書いてください"
        ),
        (Lang::En, P::BadSupportEmail { value }) => format!(
            "the support e-mail \"{value}\" is not an address — write it like support@example.ne.jp"
        ),
        (Lang::Ja, P::UnknownExportFormat { value }) => format!(
            "書き出し形式「{value}」はありません — mailsetup export --help の一覧から選んでください（例: thunderbird-autoconfig）"
        ),
        (Lang::En, P::UnknownExportFormat { value }) => format!(
            "there is no export format \"{value}\" — pick one listed by mailsetup export --help (e.g. thunderbird-autoconfig)"
        ),
        (Lang::Ja, P::UnknownBrandingElement { name }) => format!(
            "<ms:{name}> は mailsetup の知らない要素なので使いません — 綴りを確かめてください（preset example を参照）"
        ),
        (Lang::En, P::UnknownBrandingElement { name }) => format!(
            "<ms:{name}> is not an element mailsetup knows, so it is ignored — check the spelling (see preset example)"
        ),
    }
}
