//! The command line: `mailsetup detect …`. The same engine the wizard uses.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use mailsetup::account::{Account, EmailAddress, Password};
use mailsetup::detect::{self, ApprovalRequest, Approver, NoApprover, Options};
use mailsetup::diagnose::ExitStatus;
use mailsetup::discover::{ISPDB_DEFAULT_BASE, preset};
use mailsetup::export::{self, Format, PasswordSupport};
use mailsetup::guide::{self, Client};
use mailsetup::i18n::{self, Lang, Text};
use mailsetup::progress::Progress;
use mailsetup::settings::{AccountSettings, DetectionResult};
use mailsetup::tls::Trust;

const EXIT_HELP: &str = "\
Exit status of `detect` (always the outcome of the outgoing proof; the incoming one is in
`incoming` and the findings):
  0  proven: login worked and the test message was accepted (or login only, with --no-send)
  1  anything else (e.g. the connection broke, the server offers no login)
  2  bad input (address, preset or certificate file), or the domain does not exist
  3  login refused (wrong password, app password or OAuth required)
  4  no server reachable
  5  only insecure options (the password would go unencrypted; see --allow-insecure)
  6  certificate problem, or someone tampering with the encryption (starttls-injection)
  7  the test message was refused after a successful login
  8  the server found needs your approval (see --approve-untrusted)";

#[derive(Parser)]
#[command(
    name = "mailsetup",
    version,
    about = "Finds, proves and explains working outgoing-mail (SMTP submission) settings",
    long_about = "Finds your outgoing mail server, port, encryption and login method, proves them \
with one real test message to your own address, and explains what it found — including a \
blocked port 25 (OP25B), which is normal. Without a command it opens the setup wizard.",
    after_help = EXIT_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Without a command: open the wizard with this ISP preset (Thunderbird
    /// autoconfig XML), e.g. from the ISP's CD. Without it, a
    /// mailsetup-preset.xml beside the program is used; a PNG with the
    /// preset's name (mailsetup-preset.png) is shown as the ISP's logo.
    #[arg(long, value_name = "FILE")]
    pub preset: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Find and prove the outgoing (submission) and incoming (IMAP/POP3) servers for an address.
    #[command(after_help = EXIT_HELP)]
    Detect(DetectArgs),
    /// Write the proven settings in a mail client's format.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Print the step-by-step guide for a mail client, filled with the proven settings.
    Guide(GuideArgs),
    /// For support staff: check an ISP preset file, or print a commented example.
    #[command(subcommand)]
    Preset(PresetCommand),
}

#[derive(Subcommand)]
pub enum PresetCommand {
    /// Check a preset: each problem as FILE:LINE:COLUMN: error|warning: what — how to fix it.
    /// Exit 0 when usable (warnings allowed), 2 when not.
    Check(PresetCheckArgs),
    /// Print a commented example preset that passes the check.
    Example(PresetExampleArgs),
}

#[derive(Args)]
pub struct PresetCheckArgs {
    /// The preset file (Thunderbird autoconfig XML; UTF-8, UTF-16 or Shift_JIS).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// ja or en (default: the system's language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Print one JSON document: {"file", "usable", "problems": [{line, column, severity, code, message}]}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct PresetExampleArgs {
    /// ja or en (default: the system's language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

const EXPORT_HELP: &str = "\
Formats:
  thunderbird-autoconfig  Thunderbird autoconfig file (config-v1.1.xml)
  thunderbird-userjs      Thunderbird user.js block (advanced)
  iaf                     Outlook Express 6 account file
  oeaccount               Windows Mail / Windows Live Mail account file
  prf                     Outlook 2003-2016 profile file
  autodiscover            Outlook Autodiscover XML
  mobileconfig            Apple profile for iPhone, iPad and Mac Mail
  msmtp                   msmtp configuration
  neomutt                 NeoMutt settings
  git                     git send-email settings
  himalaya                himalaya config.toml
  aerc                    aerc accounts.conf
  qr                      QR code (PNG) for Thunderbird for Android
  json                    mailsetup's own settings file (what --from reads)
  sheet                   printable settings sheet (HTML)
Files are written atomically; a file holding a password is made readable by you
only (0600); an existing file is replaced only with --force.
Exit status: 0 written, 2 bad input (unreadable settings, a value the format
cannot hold, the file exists), 1 anything else.";

#[derive(Args)]
pub struct ExportArgs {
    /// The settings: a `detect --json` result or an `export --format json` file; or an ISP
    /// preset (with --email), exported as it is and marked untested (e.g. when offline).
    #[arg(long, value_name = "RESULT.json")]
    pub from: PathBuf,
    /// With a preset as --from: the address the settings are for.
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// The target format (listed below).
    #[arg(long, value_name = "NAME",
          value_parser = clap::builder::PossibleValuesParser::new(Format::ALL.iter().map(|f| f.name())))]
    pub format: String,
    /// Put the password into the file (off by default; such files are made 0600).
    #[arg(long)]
    pub include_password: bool,
    /// With --include-password: read the password from standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// Where to write the file.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// With thunderbird-userjs: the Thunderbird profile folder (it holds prefs.js) whose
    /// accounts the file keeps. Without it the file replaces Thunderbird's account list.
    #[arg(long, value_name = "DIR")]
    pub thunderbird_profile: Option<PathBuf>,
    /// Language of the settings sheet and messages: ja or en.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Args)]
pub struct GuideArgs {
    /// The mail client.
    #[arg(long, value_name = "NAME",
          value_parser = clap::builder::PossibleValuesParser::new(Client::ALL.map(Client::name)))]
    pub client: String,
    /// ja or en (default: the system's language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Fill the guide with these proven settings.
    #[arg(long, value_name = "RESULT.json")]
    pub from: Option<PathBuf>,
}

#[derive(Args)]
pub struct DetectArgs {
    /// Your e-mail address.
    #[arg(long)]
    pub email: String,
    /// Your name as recipients should see it.
    #[arg(long)]
    pub name: Option<String>,
    /// Login name, if it is not the full address.
    #[arg(long)]
    pub login: Option<String>,
    /// Read the password from the first line of standard input (never from the command line).
    #[arg(long)]
    pub password_stdin: bool,
    /// An ISP preset file (Thunderbird autoconfig XML), e.g. from the ISP's CD.
    #[arg(long, value_name = "FILE")]
    pub preset: Option<PathBuf>,
    /// Extra trusted CA certificates (PEM), in addition to the system's. SSL_CERT_FILE is read too.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Stop after a successful login; send no test message.
    #[arg(long)]
    pub no_send: bool,
    /// Allow sending the password over an unencrypted connection (not recommended).
    #[arg(long)]
    pub allow_insecure: bool,
    /// Approve, without asking, a server outside your domain found by a source that cannot vouch for it.
    #[arg(long)]
    pub approve_untrusted: bool,
    /// Seconds each network step may take (connect, TLS, each command and its whole reply).
    /// A whole run takes at most ten times this (100 s by default); a question to you adds
    /// the time you take to answer, and at most three times this to reconnect.
    #[arg(long, value_name = "SECS", default_value_t = detect::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
    /// Find and prove only the outgoing server (by default the incoming IMAP or
    /// POP3 server is proven too, with the same password, logged in to once).
    #[arg(long)]
    pub outgoing_only: bool,
    /// Do not ask Thunderbird's public ISP database.
    #[arg(long)]
    pub no_ispdb: bool,
    /// Base URL of the ISP database.
    #[arg(long, value_name = "URL", default_value = ISPDB_DEFAULT_BASE)]
    pub ispdb_url: String,
    /// Language of messages: ja or en (default: the system's language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Print one JSON document on standard output, whatever the outcome.
    #[arg(long)]
    pub json: bool,
    /// Also write a report for your provider's support desk to FILE: version,
    /// system, sources, every attempt with the server's replies, findings; never
    /// the password. An existing file is not replaced.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print the conversation with each server (SMTP, IMAP, POP3) on standard
    /// error as it happens, login data masked: "C:" what we sent, "S:" the server.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// Text from outside (a server's reply, a host's error, a file's content) made
/// safe to print on a terminal: escape sequences, bell, backspace, carriage
/// return, the C1 controls and the bidirectional overrides (which could hide or
/// reorder what is shown, or set the window title) are replaced by a visible
/// `\u{…}`; line breaks and tabs stay. `--json` keeps the original, escaped by
/// the JSON writer.
fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Asks on the terminal.
struct TerminalApprover {
    lang: Lang,
}

impl Approver for TerminalApprover {
    fn approve(&self, request: &ApprovalRequest) -> Option<bool> {
        let mut err = std::io::stderr();
        let explanation = i18n::approval_explanation(self.lang, request);
        let _ = writeln!(err, "{}", for_terminal(&explanation));
        let _ = write!(err, "{}", i18n::text(self.lang, Text::ApprovalQuestion));
        let _ = err.flush();
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).ok()?;
        let answer = line.trim().to_ascii_lowercase();
        Some(matches!(answer.as_str(), "y" | "yes" | "はい"))
    }
}

/// Bad input: a clear sentence on stderr, and with `--json` still one document.
fn bad_input(args: &DetectArgs, message: &str) -> i32 {
    eprintln!("mailsetup: {}", for_terminal(message));
    if args.json {
        let doc = serde_json::json!({
            "email": args.email,
            "outgoing": null,
            "test_message": null,
            "attempts": [],
            "findings": [{"code": "bad-input", "message": message}],
            "exit_code": ExitStatus::BadInput as i32,
        });
        println!("{doc:#}");
    }
    ExitStatus::BadInput as i32
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Some(Command::Detect(args)) => run_detect(args),
        Some(Command::Export(args)) => run_export(args),
        Some(Command::Guide(args)) => run_guide(args),
        Some(Command::Preset(PresetCommand::Check(args))) => run_preset_check(args),
        Some(Command::Preset(PresetCommand::Example(args))) => {
            match lang_or_os(args.lang.as_deref()) {
                Ok(lang) => {
                    print!("{}", i18n::preset_example(lang));
                    ExitStatus::Proven as i32
                }
                Err(e) => fail(ExitStatus::BadInput, &e),
            }
        }
        None => run_wizard(cli.preset),
    }
}

fn read_password(args: &DetectArgs, lang: Lang) -> Result<Password, String> {
    read_secret(args.password_stdin, lang)
}

/// The password from one line of standard input, or a no-echo prompt.
fn read_secret(from_stdin: bool, lang: Lang) -> Result<Password, String> {
    let raw = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("{} ({e})", i18n::text(lang, Text::PasswordUnreadable)))?;
        let trimmed = line.trim_end_matches(['\n', '\r']).to_string();
        line.clear();
        trimmed
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password(i18n::text(lang, Text::PasswordPrompt))
            .map_err(|e| format!("{} ({e})", i18n::text(lang, Text::PasswordUnreadable)))?
    } else {
        return Err(i18n::text(lang, Text::NoPasswordSource).to_string());
    };
    if raw.is_empty() {
        return Err(i18n::text(lang, Text::PasswordEmpty).to_string());
    }
    Ok(Password::new(raw))
}

fn run_detect(args: DetectArgs) -> i32 {
    let (lang, account, opts) = match detect_inputs(&args) {
        Ok(inputs) => inputs,
        Err(problem) => return bad_input(&args, &problem),
    };
    if args.verbose {
        show_conversations();
    }
    let interactive =
        !args.password_stdin && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let approver: Box<dyn Approver> = if interactive {
        Box::new(TerminalApprover { lang })
    } else {
        Box::new(NoApprover)
    };
    let result = match detect_with_progress(&account, &opts, approver.as_ref(), lang) {
        Ok(r) => r,
        Err(problem) => {
            eprintln!("mailsetup: {}", for_terminal(&problem));
            return ExitStatus::Other as i32;
        }
    };
    report(&result, &account, lang);
    let mut status = result.exit_code as i32;
    if let Some(path) = &args.report {
        let text =
            i18n::report::support_report(lang, &result, &mailsetup::model::About::this_computer());
        if let Err(e) = export::write_atomically(path, text.as_bytes(), false, false) {
            eprintln!(
                "mailsetup: {}",
                for_terminal(&i18n::write_error(lang, &path.display().to_string(), &e))
            );
            status = ExitStatus::Other as i32;
        }
    }
    if args.json {
        match serde_json::to_string_pretty(&result_json(&result, lang)) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("mailsetup: cannot write JSON: {e}");
                return ExitStatus::Other as i32;
            }
        }
    }
    status
}

/// The language, the account and the options, every value checked; else what
/// to fix, in words.
fn detect_inputs(args: &DetectArgs) -> Result<(Lang, Account, Options), String> {
    let lang = lang_or_os(args.lang.as_deref())?;
    let email = EmailAddress::parse(&args.email).map_err(|e| i18n::address_error(lang, &e))?;
    // Said before the run, so that it is not wasted.
    if let Some(path) = args.report.as_ref().filter(|p| p.exists()) {
        return Err(i18n::write_error(
            lang,
            &path.display().to_string(),
            &mailsetup::model::WriteError::Exists,
        ));
    }
    use mailsetup::settings::SettingsField;
    for (field, text) in [
        (SettingsField::Name, &args.name),
        (SettingsField::OutgoingUser, &args.login),
    ] {
        if text
            .as_ref()
            .is_some_and(|t| t.contains(['\r', '\n', '\0']))
        {
            return Err(i18n::line_break(lang, field));
        }
    }
    let trust = Trust::load(args.ca_file.as_deref()).map_err(|e| i18n::trust_error(lang, &e))?;
    let preset = match &args.preset {
        Some(path) => Some(preset::load(path, &email).map_err(|e| i18n::preset_error(lang, &e))?),
        None => None,
    };
    let password = read_password(args, lang)?;
    let account = Account::new(email, args.name.clone(), args.login.clone(), password);
    let opts = Options {
        trust,
        preset,
        // Given by name on the command line: handed over on purpose.
        preset_vouched: true,
        ispdb_base: (!args.no_ispdb).then(|| args.ispdb_url.clone()),
        timeout: Duration::from_secs(args.timeout),
        send: !args.no_send,
        allow_insecure: args.allow_insecure,
        approve_untrusted: args.approve_untrusted,
        incoming: !args.outgoing_only,
        manual: None,
        lang,
    };
    Ok((lang, account, opts))
}

/// `--verbose`: every line to and from each server on stderr, masked by
/// `probe::wire`, made safe for the terminal.
fn show_conversations() {
    use mailsetup::probe::wire::{Dir, Transcript, WireLine};
    let print = |l: WireLine| {
        let text = match l.dir {
            Dir::Sent => format!("C: {}", l.text),
            Dir::Received => format!("S: {}", l.text),
            Dir::Encrypted => "-- TLS --".to_string(),
        };
        eprintln!("  [{}] {}", l.server, for_terminal(&text));
    };
    // Only fails if one is set already: then that one reports.
    let _ = tracing::subscriber::set_global_default(Transcript::new(print));
}

/// Run detection, printing its progress on stderr as it goes.
fn detect_with_progress(
    account: &Account,
    opts: &Options,
    approver: &dyn Approver,
    lang: Lang,
) -> Result<DetectionResult, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    let result = runtime.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let printer = tokio::spawn(async move {
            while let Some(ev) = rx.recv().await {
                if let Some(line) = i18n::progress_line(lang, &ev) {
                    eprintln!("{}", for_terminal(&line));
                }
            }
        });
        let progress = Progress::new(tx);
        let r = detect::detect(account, opts, approver, &progress).await;
        drop(progress);
        let _ = printer.await;
        r
    });
    // Let polite QUITs go out, but never wait long for them.
    runtime.shutdown_timeout(Duration::from_millis(500));
    result.map_err(|e| i18n::setup_error(lang, &e))
}

/// The outcome in words on stderr: the summary, each finding with its
/// details, and the user-name hint after a refused login.
fn report(result: &DetectionResult, account: &Account, lang: Lang) {
    let ok = result.exit_code == ExitStatus::Proven;
    eprintln!("{}", i18n::summary_heading(lang, ok));
    for f in &result.findings {
        eprintln!("- {}", for_terminal(&i18n::finding(lang, &f.kind)));
        if let Some(d) = &f.detail {
            eprintln!("    {}", for_terminal(&i18n::detail(lang, d)));
        }
    }
    if result.exit_code == ExitStatus::AuthFailed && !account.login_given {
        let local = account.email.local_part();
        eprintln!("{}", i18n::login_hint(lang, local));
    }
}

/// An export error, with the flag that gets round it.
fn export_error(lang: Lang, e: &export::ExportError) -> String {
    match i18n::export_error_cli_hint(lang, e) {
        Some(hint) => format!("{} {hint}", i18n::export_error(lang, e)),
        None => i18n::export_error(lang, e),
    }
}

/// The result as `--json` shows it: each finding with its sentence, and each
/// detail in words, in the language of the run.
fn result_json(result: &DetectionResult, lang: Lang) -> serde_json::Value {
    let mut doc = serde_json::to_value(result).expect("results serialize");
    if let Some(list) = doc.get_mut("findings").and_then(|f| f.as_array_mut()) {
        for (json, f) in list.iter_mut().zip(&result.findings) {
            if let Some(obj) = json.as_object_mut() {
                obj.insert("message".into(), i18n::finding(lang, &f.kind).into());
                if let Some(d) = &f.detail {
                    obj.insert("detail".into(), i18n::detail(lang, d).into());
                }
            }
        }
    }
    if let Some(list) = doc.get_mut("attempts").and_then(|a| a.as_array_mut()) {
        for (json, a) in list.iter_mut().zip(&result.attempts) {
            if let Some(obj) = json.as_object_mut() {
                obj.insert("detail".into(), i18n::detail(lang, &a.detail).into());
            }
        }
    }
    doc
}

fn lang_or_os(lang: Option<&str>) -> Result<Lang, String> {
    match lang {
        None => Ok(Lang::from_os()),
        Some(l) => Lang::parse(l).ok_or_else(|| {
            format!("unknown language '{l}': use ja or en / 言語は ja か en を指定してください")
        }),
    }
}

fn fail(code: ExitStatus, message: &str) -> i32 {
    eprintln!("mailsetup: {}", for_terminal(message));
    code as i32
}

fn read_settings(path: &std::path::Path, lang: Lang) -> Result<AccountSettings, String> {
    read_settings_or_preset(path, lang, None)
}

/// Our JSON (or a `detect --json` result); or, with the address it is for, an
/// ISP preset, whose settings are then exported marked untested.
fn read_settings_or_preset(
    path: &std::path::Path,
    lang: Lang,
    email: Option<&str>,
) -> Result<AccountSettings, String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        i18n::settings_error(
            lang,
            &shown,
            &mailsetup::settings::SettingsError::NotJson(e.to_string()),
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    // A preset: XML, perhaps UTF-16 with a byte-order mark (Notepad's "Unicode").
    let utf16 =
        encoding_rs::Encoding::for_bom(&bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    let looks_like_xml = utf16
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<');
    if !looks_like_xml {
        return AccountSettings::from_json(&text)
            .map_err(|e| i18n::settings_error(lang, &shown, &e));
    }
    let Some(email) = email else {
        return Err(i18n::text(lang, Text::PresetNeedsEmail).to_string());
    };
    let email = EmailAddress::parse(email).map_err(|e| i18n::address_error(lang, &e))?;
    let config = preset::load(path, &email).map_err(|e| i18n::preset_error(lang, &e))?;
    let login = email.to_wire();
    let (outgoing, incoming) = preset::untested_settings(&config, &login).ok_or_else(|| {
        i18n::preset_error(
            lang,
            &preset::PresetError::NoOutgoing {
                path: shown.clone(),
            },
        )
    })?;
    let settings = AccountSettings {
        email: email.to_string(),
        name: String::new(),
        outgoing,
        incoming,
        verified: false,
    };
    settings
        .validate()
        .map_err(|e| i18n::settings_error(lang, &shown, &e))?;
    Ok(settings)
}

fn run_export(args: ExportArgs) -> i32 {
    let lang = match lang_or_os(args.lang.as_deref()) {
        Ok(l) => l,
        Err(e) => return fail(ExitStatus::BadInput, &e),
    };
    let format = Format::parse(&args.format).expect("clap checked the name");
    let settings = match read_settings_or_preset(&args.from, lang, args.email.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(ExitStatus::BadInput, &e),
    };
    if args.include_password && format.password_support() == PasswordSupport::Never {
        let e = export::ExportError::NoPasswordSupport {
            format: format.0.label,
        };
        return fail(ExitStatus::BadInput, &export_error(lang, &e));
    }
    let password = if args.include_password {
        let stdin = args.password_stdin;
        match read_secret(stdin, lang) {
            Ok(p) => Some(p),
            Err(e) => return fail(ExitStatus::BadInput, &e),
        }
    } else {
        None
    };
    let profile = match (&args.thunderbird_profile, format) {
        (None, _) => None,
        (Some(dir), f) if f == Format::THUNDERBIRD_USERJS => {
            match export::thunderbird_profile::read(dir) {
                Ok(p) => Some(p),
                Err(e) => return fail(ExitStatus::BadInput, &i18n::profile_error(lang, &e)),
            }
        }
        (Some(_), _) => {
            return fail(
                ExitStatus::BadInput,
                i18n::text(lang, Text::ProfileOnlyForUserJs),
            );
        }
    };
    let bytes =
        match export::render_for(format, &settings, password.as_ref(), lang, profile.as_ref()) {
            Ok(b) => b,
            Err(e) => return fail(ExitStatus::BadInput, &export_error(lang, &e)),
        };
    if format == Format::THUNDERBIRD_USERJS && profile.is_none() {
        eprintln!("{}", i18n::text(lang, Text::UserJsReplacesAccounts));
    }
    let shown = args.out.display().to_string();
    match export::write_atomically(&args.out, &bytes, password.is_some(), args.force) {
        Ok(()) => {
            eprintln!("{shown}");
            ExitStatus::Proven as i32
        }
        Err(e @ export::WriteError::Exists) => {
            let hint = i18n::text(lang, Text::ForceToReplace);
            let said = format!("{} {hint}", i18n::write_error(lang, &shown, &e));
            fail(ExitStatus::BadInput, &said)
        }
        Err(e) => fail(ExitStatus::Other, &i18n::write_error(lang, &shown, &e)),
    }
}

fn run_guide(args: GuideArgs) -> i32 {
    let lang = match lang_or_os(args.lang.as_deref()) {
        Ok(l) => l,
        Err(e) => return fail(ExitStatus::BadInput, &e),
    };
    let client = Client::parse(&args.client).expect("clap checked the name");
    let settings = match &args.from {
        Some(p) => match read_settings(p, lang) {
            Ok(s) => Some(s),
            Err(e) => return fail(ExitStatus::BadInput, &e),
        },
        None => None,
    };
    print!("{}", guide::render(client, lang, settings.as_ref()));
    ExitStatus::Proven as i32
}

/// `preset check FILE`: every problem with its place, in the chosen language.
fn run_preset_check(args: PresetCheckArgs) -> i32 {
    use mailsetup::discover::preset_check::{self, Severity};
    let lang = match lang_or_os(args.lang.as_deref()) {
        Ok(l) => l,
        Err(e) => return fail(ExitStatus::BadInput, &e),
    };
    let shown = args.file.display().to_string();
    let report = match preset_check::check_file(&args.file) {
        Ok(r) => r,
        Err(e) => {
            let e = preset::PresetError::Read {
                path: shown,
                source: e,
            };
            return fail(ExitStatus::BadInput, &i18n::preset_error(lang, &e));
        }
    };
    let message = |p: &preset_check::Problem| i18n::preset_problem(lang, &p.kind);
    if args.json {
        let problems: Vec<_> = report
            .problems
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(p).expect("problems serialize");
                v["message"] = message(p).into();
                v
            })
            .collect();
        let doc = serde_json::json!({
            "file": shown,
            "usable": report.usable(),
            "problems": problems,
        });
        println!("{doc:#}");
    } else {
        for p in &report.problems {
            let severity = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            println!(
                "{shown}:{}:{}: {severity}: {}",
                p.line,
                p.column,
                for_terminal(&message(p))
            );
        }
    }
    if report.usable() {
        ExitStatus::Proven as i32
    } else {
        ExitStatus::BadInput as i32
    }
}

/// No command: the wizard, with the ISP's preset: the one given, else the one
/// beside the program (`mailsetup-preset.xml`, e.g. on the ISP's CD).
fn run_wizard(preset: Option<PathBuf>) -> i32 {
    let lang = Lang::from_os();
    // Read once now, so a broken file is reported before anything is typed.
    let beside = preset.is_none();
    let (preset, problem) = match preset {
        // Named on the command line: a broken file is bad input.
        Some(path) => match preset::info(&path) {
            Ok(info) => (Some(info), None),
            Err(e) => return bad_input_plain(&i18n::preset_error(lang, &e)),
        },
        // Found beside the program by a double-click: said in the window.
        None => match std::env::current_exe()
            .ok()
            .and_then(|p| preset::beside(&p))
        {
            Some(path) => match preset::info(&path) {
                Ok(info) => (Some(info), None),
                Err(e) => (None, Some(std::sync::Arc::new(e))),
            },
            None => (None, None),
        },
    };
    mailsetup::gui::run(|| mailsetup::gui::Config {
        preset_problem: problem.clone(),
        preset_beside_program: beside,
        ..mailsetup::gui::Config::for_users(preset.clone())
    })
}

fn bad_input_plain(message: &str) -> i32 {
    eprintln!("mailsetup: {}", for_terminal(message));
    ExitStatus::BadInput as i32
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn escape_sequences_and_overrides_are_shown_not_obeyed() {
        let hostile = "535 \u{1b}]0;owned\u{7}\u{1b}[2J\rbad\u{8}\u{9b}31m \u{202e}gnp.exe\u{2066}";
        let shown = for_terminal(hostile);
        assert!(
            !shown.chars().any(|c| c.is_control()
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || c == '\u{202e}'),
            "{shown:?}"
        );
        assert_eq!(
            shown,
            "535 \\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{d}bad\\u{8}\\u{9b}31m \\u{202e}gnp.exe\\u{2066}"
        );
        assert_eq!(for_terminal("山田 太郎\tok\nnext"), "山田 太郎\tok\nnext");
    }
}
