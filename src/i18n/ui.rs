//! The wizard's words. `T::ALL` lists every key, so a test can prove that both
//! languages say something for each of them.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    AppTitle,
    Language,
    WelcomeTitle,
    WelcomeBody,
    PresetLoaded,
    IspLogo,
    PresetIgnored,
    Start,
    AccountTitle,
    NameLabel,
    AddressLabel,
    PasswordLabel,
    ShowPassword,
    PasswordMissing,
    Next,
    Back,
    CheckingTitle,
    Sources,
    Servers,
    Elapsed,
    Cancel,
    Waiting,
    Connecting,
    StatusOk,
    StatusBlocked,
    StatusRefused,
    StatusCertificate,
    StatusNotFound,
    StatusUnencrypted,
    StatusFailed,
    ApprovalTitle,
    ApprovalYes,
    ApprovalNo,
    ResultOk,
    ResultSendingOnly,
    ResultFail,
    ResultUntested,
    Incoming,
    Details,
    ColServer,
    ColSecurity,
    ColSource,
    ColOutcome,
    ColTime,
    ColDetail,
    ChangeSettings,
    Host,
    Port,
    Security,
    Auth,
    AuthBest,
    InHost,
    InProtocol,
    InPort,
    InSecurity,
    InOptional,
    TestAgain,
    OtherGuide,
    HowToUse,
    TryAgain,
    ToExport,
    ExportTitle,
    ExportComputer,
    ExportPhone,
    ExportAdvanced,
    SaveAs,
    Choose,
    IncludePassword,
    PasswordWarning,
    Save,
    ReplaceQuestion,
    Replace,
    Keep,
    NeedsIncoming,
    TbProfile,
    TbNoProfile,
    TbProfileKept,
    TbProfileReplaces,
    DoneTitle,
    About,
    AboutTitle,
    AboutLicence,
    AboutFont,
    AboutFontLicence,
    AboutThirdParty,
    SavedAt,
    OpenFolder,
    Guide,
    Finish,
    StepAccount,
    StepCheck,
    StepResult,
    StepProgram,
    StepDone,
    CheckFind,
    CheckSecure,
    CheckPassword,
    CheckMessage,
    CheckIncoming,
    MarkWaiting,
    MarkWorking,
    MarkNotFound,
    IconOk,
    IconProblem,
    IconNote,
    IconNotYet,
    IconWorking,
    ShowDetails,
    SupportTitle,
    SupportBody,
    CopyReport,
    SaveReport,
    ReportCopied,
    ReportSaved,
    ReportNotSaved,
}

impl T {
    pub const ALL: [T; 115] = [
        T::AppTitle,
        T::Language,
        T::WelcomeTitle,
        T::WelcomeBody,
        T::PresetLoaded,
        T::IspLogo,
        T::PresetIgnored,
        T::Start,
        T::AccountTitle,
        T::NameLabel,
        T::AddressLabel,
        T::PasswordLabel,
        T::ShowPassword,
        T::PasswordMissing,
        T::Next,
        T::Back,
        T::CheckingTitle,
        T::Sources,
        T::Servers,
        T::Elapsed,
        T::Cancel,
        T::Waiting,
        T::Connecting,
        T::StatusOk,
        T::StatusBlocked,
        T::StatusRefused,
        T::StatusCertificate,
        T::StatusNotFound,
        T::StatusUnencrypted,
        T::StatusFailed,
        T::ApprovalTitle,
        T::ApprovalYes,
        T::ApprovalNo,
        T::ResultOk,
        T::ResultSendingOnly,
        T::ResultFail,
        T::ResultUntested,
        T::Incoming,
        T::Details,
        T::ColServer,
        T::ColSecurity,
        T::ColSource,
        T::ColOutcome,
        T::ColTime,
        T::ColDetail,
        T::ChangeSettings,
        T::Host,
        T::Port,
        T::Security,
        T::Auth,
        T::AuthBest,
        T::InHost,
        T::InProtocol,
        T::InPort,
        T::InSecurity,
        T::InOptional,
        T::TestAgain,
        T::OtherGuide,
        T::HowToUse,
        T::TryAgain,
        T::ToExport,
        T::ExportTitle,
        T::ExportComputer,
        T::ExportPhone,
        T::ExportAdvanced,
        T::SaveAs,
        T::Choose,
        T::IncludePassword,
        T::PasswordWarning,
        T::Save,
        T::ReplaceQuestion,
        T::Replace,
        T::Keep,
        T::NeedsIncoming,
        T::TbProfile,
        T::TbNoProfile,
        T::TbProfileKept,
        T::TbProfileReplaces,
        T::DoneTitle,
        T::About,
        T::AboutTitle,
        T::AboutLicence,
        T::AboutFont,
        T::AboutFontLicence,
        T::AboutThirdParty,
        T::SavedAt,
        T::OpenFolder,
        T::Guide,
        T::Finish,
        T::StepAccount,
        T::StepCheck,
        T::StepResult,
        T::StepProgram,
        T::StepDone,
        T::CheckFind,
        T::CheckSecure,
        T::CheckPassword,
        T::CheckMessage,
        T::CheckIncoming,
        T::MarkWaiting,
        T::MarkWorking,
        T::MarkNotFound,
        T::IconOk,
        T::IconProblem,
        T::IconNote,
        T::IconNotYet,
        T::IconWorking,
        T::ShowDetails,
        T::SupportTitle,
        T::SupportBody,
        T::CopyReport,
        T::SaveReport,
        T::ReportCopied,
        T::ReportSaved,
        T::ReportNotSaved,
    ];
}

pub fn t(lang: Lang, key: T) -> &'static str {
    match (lang, key) {
        (Lang::Ja, T::CheckFind) => "メールサーバーを探す",
        (Lang::En, T::CheckFind) => "Find your mail servers",
        (Lang::Ja, T::CheckSecure) => "暗号化して接続できるか確かめる",
        (Lang::En, T::CheckSecure) => "Check a secure connection",
        (Lang::Ja, T::CheckPassword) => "パスワードを確かめる",
        (Lang::En, T::CheckPassword) => "Check your password",
        (Lang::Ja, T::CheckMessage) => "テストメールを送る",
        (Lang::En, T::CheckMessage) => "Send a test message",
        (Lang::Ja, T::CheckIncoming) => "受信サーバーを確かめる",
        (Lang::En, T::CheckIncoming) => "Check the incoming server",
        // What a screen reader says for the drawn marks.
        (Lang::Ja, T::IconOk) => "成功",
        (Lang::En, T::IconOk) => "Success",
        (Lang::Ja, T::IconProblem) => "問題あり",
        (Lang::En, T::IconProblem) => "Problem",
        (Lang::Ja, T::IconNote) => "お知らせ",
        (Lang::En, T::IconNote) => "Note",
        (Lang::Ja, T::IconNotYet) => "未確認",
        (Lang::En, T::IconNotYet) => "Not checked yet",
        (Lang::Ja, T::IconWorking) => "確認しています",
        (Lang::En, T::IconWorking) => "Checking",
        (Lang::Ja, T::MarkWaiting) => "これから",
        (Lang::En, T::MarkWaiting) => "not yet",
        (Lang::Ja, T::MarkWorking) => "確認中…",
        (Lang::En, T::MarkWorking) => "working…",
        (Lang::Ja, T::MarkNotFound) => "見つかりません",
        (Lang::En, T::MarkNotFound) => "not found",
        (Lang::Ja, T::ShowDetails) => "詳しく見る",
        (Lang::En, T::ShowDetails) => "Show details",
        (Lang::Ja, T::SupportTitle) => "サポートに送る情報",
        (Lang::En, T::SupportTitle) => "Information for support",
        (Lang::Ja, T::SupportBody) => {
            "サポートに問い合わせるときは、この情報をコピーしてメールに貼り付けるか、ファイルに保存して送ってください。パスワードは含まれていません。"
        }
        (Lang::En, T::SupportBody) => {
            "When you contact support, copy this information into an e-mail or save it as a file and send it. It does not contain your password."
        }
        (Lang::Ja, T::CopyReport) => "コピーする",
        (Lang::En, T::CopyReport) => "Copy",
        (Lang::Ja, T::SaveReport) => "ファイルに保存…",
        (Lang::En, T::SaveReport) => "Save as a file…",
        (Lang::Ja, T::ReportCopied) => "コピーしました。メールなどに貼り付けてください。",
        (Lang::En, T::ReportCopied) => "Copied. Paste it into an e-mail or a message.",
        (Lang::Ja, T::ReportSaved) => "保存しました:",
        (Lang::En, T::ReportSaved) => "Saved:",
        (Lang::Ja, T::ReportNotSaved) => "保存できませんでした:",
        (Lang::En, T::ReportNotSaved) => "Could not save:",
        (Lang::Ja, T::StepAccount) => "アカウント",
        (Lang::En, T::StepAccount) => "Account",
        (Lang::Ja, T::StepCheck) => "確認",
        (Lang::En, T::StepCheck) => "Check",
        (Lang::Ja, T::StepResult) => "結果",
        (Lang::En, T::StepResult) => "Result",
        (Lang::Ja, T::StepProgram) => "メールソフト",
        (Lang::En, T::StepProgram) => "Mail program",
        (Lang::Ja, T::StepDone) => "完了",
        (Lang::En, T::StepDone) => "Done",
        (Lang::Ja, T::AppTitle) => "メール設定ウィザード",
        (Lang::En, T::AppTitle) => "Mail setup wizard",
        (Lang::Ja, T::Language) => "言語",
        (Lang::En, T::Language) => "Language",
        (Lang::Ja, T::WelcomeTitle) => "ようこそ",
        (Lang::En, T::WelcomeTitle) => "Welcome",
        (Lang::Ja, T::WelcomeBody) => {
            "メールアドレスとパスワードを入れるだけで、送信と受信に使えるサーバーを探し、実際にテストメールを送って確かめます。最後に、お使いのメールソフト用の設定ファイルと手順をお渡しします。"
        }
        (Lang::En, T::WelcomeBody) => {
            "Type your address and password: we find the servers that work for sending and receiving, and prove them by sending you a test message. Then you get a settings file for your mail program, with step-by-step instructions."
        }
        (Lang::Ja, T::PresetLoaded) => "プロバイダーの設定ファイルを読み込みました。",
        (Lang::En, T::PresetLoaded) => "Your provider's settings file is loaded.",
        (Lang::Ja, T::IspLogo) => "プロバイダーのロゴ",
        (Lang::En, T::IspLogo) => "Your provider's logo",
        (Lang::Ja, T::PresetIgnored) => "このファイルは使わずに、設定を自動で探します。",
        (Lang::En, T::PresetIgnored) => "The wizard will find the settings without it.",
        (Lang::Ja, T::Start) => "始める",
        (Lang::En, T::Start) => "Start",
        (Lang::Ja, T::AccountTitle) => "あなたのメールアカウント",
        (Lang::En, T::AccountTitle) => "Your mail account",
        (Lang::Ja, T::NameLabel) => "お名前（相手に表示されます）",
        (Lang::En, T::NameLabel) => "Your name (as recipients see it)",
        (Lang::Ja, T::AddressLabel) => "メールアドレス",
        (Lang::En, T::AddressLabel) => "E-mail address",
        (Lang::Ja, T::PasswordLabel) => "パスワード",
        (Lang::En, T::PasswordLabel) => "Password",
        (Lang::Ja, T::ShowPassword) => "パスワードを表示",
        (Lang::En, T::ShowPassword) => "Show password",
        (Lang::Ja, T::PasswordMissing) => "パスワードを入力してください。",
        (Lang::En, T::PasswordMissing) => "Please enter your password.",
        (Lang::Ja, T::Next) => "次へ",
        (Lang::En, T::Next) => "Next",
        (Lang::Ja, T::Back) => "戻る",
        (Lang::En, T::Back) => "Back",
        (Lang::Ja, T::CheckingTitle) => "確認しています…",
        (Lang::En, T::CheckingTitle) => "Checking…",
        (Lang::Ja, T::Sources) => "調べた情報源",
        (Lang::En, T::Sources) => "Where we looked",
        (Lang::Ja, T::Servers) => "サーバー",
        (Lang::En, T::Servers) => "Servers",
        (Lang::Ja, T::Elapsed) => "経過時間",
        (Lang::En, T::Elapsed) => "Elapsed",
        (Lang::Ja, T::Cancel) => "中止",
        (Lang::En, T::Cancel) => "Cancel",
        (Lang::Ja, T::Waiting) => "待機中",
        (Lang::En, T::Waiting) => "waiting",
        (Lang::Ja, T::Connecting) => "接続中",
        (Lang::En, T::Connecting) => "connecting",
        (Lang::Ja, T::StatusOk) => "OK",
        (Lang::En, T::StatusOk) => "ok",
        (Lang::Ja, T::StatusBlocked) => "止められています",
        (Lang::En, T::StatusBlocked) => "blocked",
        (Lang::Ja, T::StatusRefused) => "接続拒否",
        (Lang::En, T::StatusRefused) => "refused",
        (Lang::Ja, T::StatusCertificate) => "証明書の問題",
        (Lang::En, T::StatusCertificate) => "certificate problem",
        (Lang::Ja, T::StatusNotFound) => "見つかりません",
        (Lang::En, T::StatusNotFound) => "not found",
        (Lang::Ja, T::StatusUnencrypted) => "暗号化なし",
        (Lang::En, T::StatusUnencrypted) => "unencrypted",
        (Lang::Ja, T::StatusFailed) => "失敗",
        (Lang::En, T::StatusFailed) => "failed",
        (Lang::Ja, T::ApprovalTitle) => "このサーバーにパスワードを送りますか？",
        (Lang::En, T::ApprovalTitle) => "Send your password to this server?",
        (Lang::Ja, T::ApprovalYes) => "はい、送ります",
        (Lang::En, T::ApprovalYes) => "Yes, send it",
        (Lang::Ja, T::ApprovalNo) => "いいえ",
        (Lang::En, T::ApprovalNo) => "No",
        (Lang::Ja, T::ResultOk) => "設定できました",
        (Lang::En, T::ResultOk) => "All set",
        (Lang::Ja, T::ResultSendingOnly) => "送信の設定ができました",
        (Lang::En, T::ResultSendingOnly) => "Sending is set up",
        (Lang::Ja, T::ResultFail) => "まだ送信できません",
        (Lang::En, T::ResultFail) => "Sending does not work yet",
        (Lang::Ja, T::ResultUntested) => "プロバイダーの設定を用意しました（まだ試していません）",
        (Lang::En, T::ResultUntested) => "Your provider's settings are ready (not tested yet)",
        (Lang::Ja, T::Incoming) => "受信",
        (Lang::En, T::Incoming) => "Incoming",
        (Lang::Ja, T::Details) => "詳しい情報",
        (Lang::En, T::Details) => "Details",
        (Lang::Ja, T::ColServer) => "サーバー",
        (Lang::En, T::ColServer) => "Server",
        (Lang::Ja, T::ColSecurity) => "暗号化",
        (Lang::En, T::ColSecurity) => "Security",
        (Lang::Ja, T::ColSource) => "情報源",
        (Lang::En, T::ColSource) => "Source",
        (Lang::Ja, T::ColOutcome) => "結果",
        (Lang::En, T::ColOutcome) => "Outcome",
        (Lang::Ja, T::ColTime) => "時間",
        (Lang::En, T::ColTime) => "Time",
        (Lang::Ja, T::ColDetail) => "サーバーの返事",
        (Lang::En, T::ColDetail) => "Server's reply",
        (Lang::Ja, T::ChangeSettings) => "設定を変えて試す（上級者向け）",
        (Lang::En, T::ChangeSettings) => "Change settings (advanced)",
        (Lang::Ja, T::Host) => "送信サーバー（SMTP）",
        (Lang::En, T::Host) => "Outgoing server (SMTP)",
        (Lang::Ja, T::Port) => "送信のポート番号",
        (Lang::En, T::Port) => "Outgoing port",
        (Lang::Ja, T::Security) => "送信の暗号化",
        (Lang::En, T::Security) => "Outgoing security",
        (Lang::Ja, T::Auth) => "送信の認証",
        (Lang::En, T::Auth) => "Outgoing authentication",
        (Lang::Ja, T::AuthBest) => "サーバーに合わせる",
        (Lang::En, T::AuthBest) => "the best the server offers",
        (Lang::Ja, T::InHost) => "受信サーバー",
        (Lang::En, T::InHost) => "Incoming server",
        (Lang::Ja, T::InProtocol) => "受信の方式",
        (Lang::En, T::InProtocol) => "Incoming type",
        (Lang::Ja, T::InPort) => "受信のポート番号",
        (Lang::En, T::InPort) => "Incoming port",
        (Lang::Ja, T::InSecurity) => "受信の暗号化",
        (Lang::En, T::InSecurity) => "Incoming security",
        (Lang::Ja, T::InOptional) => "受信サーバーを空にすると、送信だけを試します。",
        (Lang::En, T::InOptional) => "Leave the incoming server empty to test sending only.",
        (Lang::Ja, T::OtherGuide) => "（ほかのメールソフトの手順を見る）",
        (Lang::En, T::OtherGuide) => "(see the steps for another mail program)",
        (Lang::Ja, T::HowToUse) => "このファイルの使い方",
        (Lang::En, T::HowToUse) => "How to use this file",
        (Lang::Ja, T::TestAgain) => "この設定で試す",
        (Lang::En, T::TestAgain) => "Test these settings",
        (Lang::Ja, T::TryAgain) => "もう一度試す",
        (Lang::En, T::TryAgain) => "Try again",
        (Lang::Ja, T::ToExport) => "メールソフトに設定する",
        (Lang::En, T::ToExport) => "Set up my mail program",
        (Lang::Ja, T::ExportTitle) => "メールソフトを選んでください",
        (Lang::En, T::ExportTitle) => "Choose your mail program",
        (Lang::Ja, T::ExportComputer) => "パソコン",
        (Lang::En, T::ExportComputer) => "Computer",
        (Lang::Ja, T::ExportPhone) => "スマートフォン・タブレット",
        (Lang::En, T::ExportPhone) => "Phone and tablet",
        (Lang::Ja, T::ExportAdvanced) => "上級者向け",
        (Lang::En, T::ExportAdvanced) => "Advanced",
        (Lang::Ja, T::SaveAs) => "保存先",
        (Lang::En, T::SaveAs) => "Save as",
        (Lang::Ja, T::Choose) => "選ぶ…",
        (Lang::En, T::Choose) => "Choose…",
        (Lang::Ja, T::IncludePassword) => "パスワードもファイルに入れる",
        (Lang::En, T::IncludePassword) => "Include the password in the file",
        (Lang::Ja, T::PasswordWarning) => {
            "このファイルを見られるとパスワードも知られます。ほかの人に渡さないでください。"
        }
        (Lang::En, T::PasswordWarning) => {
            "Anyone who sees this file learns your password. Do not share it."
        }
        (Lang::Ja, T::Save) => "保存",
        (Lang::En, T::Save) => "Save",
        (Lang::Ja, T::ReplaceQuestion) => "同じ名前のファイルがあります。置き換えますか？",
        (Lang::En, T::ReplaceQuestion) => "A file with this name exists. Replace it?",
        (Lang::Ja, T::Replace) => "置き換える",
        (Lang::En, T::Replace) => "Replace",
        (Lang::Ja, T::Keep) => "残して、別の名前にする",
        (Lang::En, T::Keep) => "Keep it, use another name",
        (Lang::Ja, T::NeedsIncoming) => {
            "このメールソフトには受信サーバーの設定も必要ですが、受信サーバーは確認できていません。「戻る」から「設定を変えて試す」で受信サーバーを入れて確かめるか、別のメールソフトをお選びください。"
        }
        (Lang::En, T::NeedsIncoming) => {
            "This mail program also needs the incoming server, which could not be proven. Go Back and enter it under \"Change settings\" to test it, or pick another mail program."
        }
        (Lang::Ja, T::TbProfile) => "Thunderbird のプロファイル",
        (Lang::En, T::TbProfile) => "Thunderbird profile",
        (Lang::Ja, T::TbNoProfile) => "選ばない",
        (Lang::En, T::TbNoProfile) => "None",
        (Lang::Ja, T::TbProfileKept) => {
            "このプロファイルにあるアカウントはそのまま残り、このアカウントが追加されます。"
        }
        (Lang::En, T::TbProfileKept) => {
            "The accounts already in this profile are kept; this account is added."
        }
        (Lang::Ja, T::TbProfileReplaces) => {
            "プロファイルを選ばないと、このファイルは Thunderbird のアカウント一覧をこのアカウントだけに置き換えます。すでに Thunderbird でメールを使っている場合は、プロファイルを選んでください。"
        }
        (Lang::En, T::TbProfileReplaces) => {
            "Without a profile, this file replaces Thunderbird's account list with this account alone. If you already use Thunderbird for mail, choose your profile."
        }
        (Lang::Ja, T::About) => "このプログラムについて・ライセンス",
        (Lang::En, T::About) => "About and licences",
        (Lang::Ja, T::AboutTitle) => "このプログラムについて",
        (Lang::En, T::AboutTitle) => "About mailsetup",
        (Lang::Ja, T::AboutLicence) => {
            "mailsetup は MIT ライセンスまたは Apache License 2.0 のどちらかで使えるフリーソフトウェアです（LICENSE-MIT、LICENSE-APACHE）。"
        }
        (Lang::En, T::AboutLicence) => {
            "mailsetup is free software under the MIT licence or the Apache License 2.0, at your choice (LICENSE-MIT, LICENSE-APACHE)."
        }
        (Lang::Ja, T::AboutFont) => {
            "日本語の表示には IPAex ゴシックの一部を使っています（IPA フォントライセンス v1.0）。"
        }
        (Lang::En, T::AboutFont) => {
            "Japanese is shown with a subset of the IPAex Gothic font (IPA Font License v1.0)."
        }
        (Lang::Ja, T::AboutFontLicence) => "フォントのライセンス",
        (Lang::En, T::AboutFontLicence) => "The font's licence",
        (Lang::Ja, T::AboutThirdParty) => "使っている他のソフトウェア（一覧）",
        (Lang::En, T::AboutThirdParty) => "Other software it is built from (list)",
        (Lang::Ja, T::DoneTitle) => "完了しました",
        (Lang::En, T::DoneTitle) => "Done",
        (Lang::Ja, T::SavedAt) => "設定ファイルを保存しました：",
        (Lang::En, T::SavedAt) => "Your settings file was saved as:",
        (Lang::Ja, T::OpenFolder) => "フォルダーを開く",
        (Lang::En, T::OpenFolder) => "Open folder",
        (Lang::Ja, T::Guide) => "設定の手順",
        (Lang::En, T::Guide) => "Step by step",
        (Lang::Ja, T::Finish) => "終了",
        (Lang::En, T::Finish) => "Finish",
    }
}

/// Whose settings the wizard was given: "プロバイダーの設定：ベッド・ネット".
pub fn preset_from(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!("プロバイダーの設定：{name}"),
        Lang::En => format!("Settings from your provider: {name}"),
    }
}

/// A checklist step's time: "完了（1.2 秒）" / "done in 1.2 s"; a step
/// quicker than a tenth of a second is just "完了" / "done" ("0.0 s" reads
/// like nothing happened).
pub fn done_after(lang: Lang, seconds: f32) -> String {
    let quick = seconds < 0.05;
    match lang {
        Lang::Ja if quick => "完了".into(),
        Lang::En if quick => "done".into(),
        Lang::Ja => format!("完了（{seconds:.1} 秒）"),
        Lang::En => format!("done in {seconds:.1} s"),
    }
}

/// The common server names guessed that do not exist, as one line.
pub fn guesses_missing(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("よく使われるサーバー名 {n} 件: 存在しません"),
        Lang::En => format!("{n} common server names tried: they do not exist"),
    }
}

/// The About page's notice for the bundled ISP database (MPL-2.0).
pub fn about_ispdb(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "Thunderbird のプロバイダー一覧（{date} 時点の写し）を含みます。Mozilla Public License 2.0、出典: https://github.com/thunderbird/autoconfig"
        ),
        Lang::En => format!(
            "Contains a copy of Thunderbird's ISP database as of {date}, under the Mozilla Public License 2.0; source: https://github.com/thunderbird/autoconfig"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for key in T::ALL {
            let ja = t(Lang::Ja, key);
            let en = t(Lang::En, key);
            assert!(!ja.is_empty() && !en.is_empty(), "{key:?}");
            // Japanese strings are Japanese (a few are the same word in both).
            let japanese = ja.chars().any(|c| c > '\u{3000}');
            assert!(japanese || ja == "OK", "{key:?} is not Japanese: {ja}");
            assert!(
                en.is_ascii() || en.contains('…') || en.contains('–'),
                "{key:?}: {en}"
            );
        }
    }

    #[test]
    fn a_step_shows_its_time_unless_it_was_instant() {
        assert_eq!(done_after(Lang::Ja, 0.01), "完了");
        assert_eq!(done_after(Lang::En, 0.04), "done");
        assert_eq!(done_after(Lang::Ja, 1.26), "完了（1.3 秒）");
        assert_eq!(done_after(Lang::En, 0.1), "done in 0.1 s");
    }
}
