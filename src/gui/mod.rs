//! The wizard: eframe/egui screens from "who are you" to "your mail client is
//! set up". One file per page; this file decides which page comes next. The
//! engine runs on a background task (`worker`), so the window never waits on
//! the network.

mod about;
mod account;
mod checking;
mod done;
mod export;
mod flow;
mod fonts;
mod frame;
mod logo;
mod prefs;
mod result;
mod welcome;
mod worker;

use std::path::PathBuf;
use std::time::Duration;

use zeroize::Zeroizing;

pub use flow::{Action, Page};
pub use prefs::Prefs;

use crate::account::{Account, EmailAddress, Password};
use crate::detect::{Manual, Options};
use crate::i18n::{Lang, ui::T};
use crate::model::Tone;
use crate::settings::DetectionResult;
use crate::tls::Trust;

/// How the wizard is set up: by `main` for users, by the tests for the bed.
pub struct Config {
    pub trust: Trust,
    pub ispdb_base: Option<String>,
    pub timeout: Duration,
    /// The ISP's preset file (from the CD), if one was given: its name,
    /// servers and branding, read once at start.
    pub preset: Option<crate::discover::preset::PresetInfo>,
    /// The preset was found beside the program rather than named on the
    /// command line: it could have been planted (a Downloads folder), so
    /// Welcome names its servers and those outside the user's own domain need
    /// the user's approval before the password goes there.
    pub preset_beside_program: bool,
    /// A preset found beside the program that could not be used: said on the
    /// Welcome page, and detection goes on without it.
    pub preset_problem: Option<std::sync::Arc<crate::discover::preset::PresetError>>,
    /// Where to remember language and window size; `None` remembers nothing.
    pub prefs_path: Option<PathBuf>,
    /// Where the export's save dialog starts.
    pub save_dir: PathBuf,
    /// Folders holding Thunderbird's profiles.ini; `None`: the OS's usual ones.
    pub thunderbird_dirs: Option<Vec<PathBuf>>,
    /// Forced language (tests); otherwise remembered, else the OS's.
    pub lang: Option<Lang>,
    /// The system whose mail programs the Export page lists first (tests
    /// pick another one).
    pub os: crate::export::Os,
    /// For `benches/gui.sh`: print the time to the first frame and the memory
    /// in use then, and close.
    pub bench_first_frame: bool,
}

static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Called first thing in `main`, so the benchmark measures from process start.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(std::time::Instant::now);
}

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resident memory of the graphics driver's own libraries (Mesa, LLVM for the
/// software renderer, Vulkan), to tell the program's memory from the driver's.
fn driver_resident_kib() -> u64 {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return 0;
    };
    let mut total = 0;
    let mut in_driver = false;
    for line in smaps.lines() {
        if line.contains(" r") && line.contains('-') && line.split_whitespace().count() >= 5 {
            in_driver = [
                "libLLVM",
                "/dri/",
                "libgallium",
                "mesa",
                "libvulkan",
                "lvp",
                "libGLX",
                "libEGL",
            ]
            .iter()
            .any(|n| line.contains(n));
        } else if in_driver && let Some(v) = line.strip_prefix("Rss:") {
            total += v
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    total
}

impl Config {
    /// The preset's branding and support contacts (name per language, logo,
    /// welcome line, support desk, default export), if it has any.
    pub fn branding(&self) -> Option<&crate::discover::branding::Branding> {
        self.preset.as_ref().and_then(|p| p.branding.as_ref())
    }

    pub fn for_users(preset: Option<crate::discover::preset::PresetInfo>) -> Config {
        let save_dir = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from("."));
        Config {
            trust: Trust::load(None).unwrap_or_default(),
            ispdb_base: Some(crate::discover::ISPDB_DEFAULT_BASE.into()),
            timeout: Duration::from_secs(crate::detect::DEFAULT_TIMEOUT_SECS),
            preset,
            preset_beside_program: false,
            preset_problem: None,
            prefs_path: Prefs::path(),
            save_dir,
            thunderbird_dirs: None,
            lang: None,
            os: crate::export::Os::this(),
            bench_first_frame: std::env::var_os("MAILSETUP_BENCH_FIRST_FRAME").is_some(),
        }
    }
}

/// Something the account page must tell, kept as data so that it follows a
/// language switch.
#[derive(Debug, Clone)]
pub enum Notice {
    /// The run found something typed wrong (the password was refused, the
    /// domain does not exist): its findings.
    WrongInput(Vec<crate::model::Finding>),
    /// Detection could not start.
    Setup(std::sync::Arc<crate::model::SetupError>),
    /// The ISP's preset could not be read for this address.
    Preset(std::sync::Arc<crate::model::PresetError>),
}

/// A card's mark and words.
pub type Card = (Tone, String);

impl Notice {
    /// What the account page shows on cards, and what it keeps under
    /// Details: the problems to act on first; the notes, and the incoming
    /// server left untried because of a refused login (it is tried with the
    /// new password), under Details.
    pub fn cards(&self, lang: Lang) -> (Vec<Card>, Vec<Card>) {
        let problem = |text| (vec![(Tone::Problem, text)], Vec::new());
        match self {
            Notice::WrongInput(findings) => {
                let words = |v: Vec<&crate::model::Finding>| {
                    v.into_iter()
                        .map(|f| (f.kind.tone(), crate::i18n::finding(lang, &f.kind)))
                        .collect::<Vec<_>>()
                };
                let (first, rest): (Vec<_>, Vec<_>) = findings.iter().partition(|f| {
                    f.kind.tone() == Tone::Problem
                        && !matches!(f.kind, crate::model::FindingKind::IncomingNotTried { .. })
                });
                if first.is_empty() {
                    (words(rest), Vec::new())
                } else {
                    (words(first), words(rest))
                }
            }
            Notice::Setup(e) => problem(crate::i18n::setup_error(lang, e)),
            Notice::Preset(e) => problem(crate::i18n::preset_error(lang, e)),
        }
    }
}

/// What the user typed on the account page. The password lives only in memory.
#[derive(Default)]
pub struct AccountForm {
    pub name: String,
    pub address: String,
    pub password: Zeroizing<String>,
    pub show_password: bool,
    /// What the last run has to tell (e.g. the password was refused), put
    /// into words when drawn.
    pub notice: Option<Notice>,
    /// The field that gets the cursor when the page opens next: the first
    /// one after Start, the one the last run found wrong.
    pub focus: Option<Field>,
}

/// A field of the account page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Address,
    Password,
}

pub struct WizardApp {
    pub(crate) cfg: Config,
    pub(crate) lang: Lang,
    pub(crate) page: Page,
    pub(crate) form: AccountForm,
    pub(crate) running: Option<worker::Running>,
    pub(crate) result: Option<DetectionResult>,
    pub(crate) manual: result::ManualForm,
    pub(crate) support: result::SupportState,
    pub(crate) export: export::ExportForm,
    pub(crate) done: done::DoneState,
    prefs: Prefs,
    /// The ISP's logo, from beside the preset file.
    pub(crate) logo: Option<egui::TextureHandle>,
    /// The language the window title was last set in.
    titled: Option<Lang>,
    /// Last field: dropped after `running` has been cancelled (see `Drop`).
    runtime: tokio::runtime::Runtime,
}

impl Drop for WizardApp {
    fn drop(&mut self) {
        // Withdraw an open question first: a runtime thread may be waiting on it.
        if let Some(r) = self.running.take() {
            r.cancel();
        }
    }
}

impl WizardApp {
    pub fn new(cc: &eframe::CreationContext<'_>, cfg: Config) -> WizardApp {
        fonts::install(&cc.egui_ctx);
        frame::apply_look(&cc.egui_ctx);
        let prefs = Prefs::load(cfg.prefs_path.as_ref());
        let lang = cfg.lang.or(prefs.language()).unwrap_or_else(Lang::from_os);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("the tokio runtime starts");
        let mut export = export::ExportForm::new(&cfg.save_dir, cfg.os);
        if let Some(f) = cfg
            .branding()
            .and_then(|b| b.default_export.as_deref())
            .and_then(crate::export::Format::parse)
        {
            export.choose(f);
        }
        let logo = cfg.preset.as_ref().and_then(|p| {
            let path = crate::discover::preset::logo_path(&p.path, p.branding.as_ref())?;
            match logo::load(&path) {
                Ok(image) => Some(
                    cc.egui_ctx
                        .load_texture("isp-logo", image, Default::default()),
                ),
                Err(e) => {
                    // For the support staff who made the CD; the wizard goes on.
                    let said = crate::i18n::text(lang, crate::i18n::Text::LogoNotShown);
                    eprintln!("mailsetup: {said} {} ({e})", path.display());
                    None
                }
            }
        });
        WizardApp {
            logo,
            titled: None,
            cfg,
            lang,
            page: Page::Welcome,
            runtime,
            form: AccountForm::default(),
            running: None,
            result: None,
            manual: result::ManualForm::default(),
            support: result::SupportState::default(),
            export,
            done: done::DoneState::default(),
            prefs,
        }
    }

    pub fn t(&self, key: T) -> &'static str {
        crate::i18n::ui::t(self.lang, key)
    }

    pub fn page(&self) -> Page {
        self.page
    }

    /// What the export page says went wrong, if anything (for tests).
    pub fn export_error(&self) -> Option<&str> {
        self.export.error.as_deref()
    }

    /// The format the export page has chosen (for tests).
    pub fn export_format(&self) -> crate::export::Format {
        self.export.format
    }

    /// The account as typed, if it is usable.
    pub(crate) fn account(&self) -> Option<Account> {
        let email = EmailAddress::parse(&self.form.address).ok()?;
        if self.form.password.is_empty() {
            return None;
        }
        Some(Account::new(
            email,
            Some(self.form.name.clone()),
            None,
            Password::new(self.form.password.as_str()),
        ))
    }

    /// Start detection (or a test of the user's own server) in the background;
    /// `Action::CheckStarted` when it did.
    pub(crate) fn start(&mut self, ctx: &egui::Context, manual: Option<Manual>) -> Option<Action> {
        let account = self.account()?;
        // The preset's placeholders need the address, so it is read now.
        let preset = match &self.cfg.preset {
            Some(p) => match crate::discover::preset::load(&p.path, &account.email) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.form.notice = Some(Notice::Preset(std::sync::Arc::new(e)));
                    return None;
                }
            },
            None => None,
        };
        let opts = Options {
            preset,
            preset_vouched: !self.cfg.preset_beside_program,
            ispdb_base: self.cfg.ispdb_base.clone(),
            timeout: self.cfg.timeout,
            manual,
            ..Options::new(self.cfg.trust.clone(), self.lang)
        };
        if opts.manual.is_none() {
            // A new detection (perhaps for another address): "Change settings"
            // starts again from what this run finds.
            self.manual = result::ManualForm::default();
        }
        self.running = Some(worker::Running::start(
            &self.runtime,
            account,
            opts,
            ctx.clone(),
        ));
        Some(Action::CheckStarted)
    }

    /// What the bottom bar offers on the current page.
    fn nav(&self) -> frame::Nav {
        use frame::Nav;
        match self.page {
            Page::Welcome => Nav {
                back: None,
                primary: Some((T::Start, true)),
            },
            Page::About => Nav {
                back: Some(T::Back),
                primary: None,
            },
            Page::Account => Nav {
                back: Some(T::Back),
                primary: Some((T::Next, self.account().is_some())),
            },
            Page::Checking => Nav {
                back: Some(T::Cancel),
                primary: None,
            },
            Page::Result => Nav {
                back: Some(T::Back),
                // On to the mail program, or, with nothing to take there,
                // another try.
                primary: Some(if result::exportable(self) {
                    (T::ToExport, true)
                } else {
                    (T::TryAgain, true)
                }),
            },
            Page::Export => Nav {
                back: Some(T::Back),
                primary: Some((T::Save, export::can_save(self))),
            },
            Page::Done => Nav {
                back: Some(T::Back),
                primary: Some((T::Finish, true)),
            },
        }
    }

    /// Back (or Esc) on the current page.
    fn back(&mut self) -> Option<Action> {
        if self.page == Page::Checking
            && let Some(r) = self.running.take()
        {
            r.cancel();
        }
        Some(Action::Back)
    }

    /// The primary action (or Enter) on the current page.
    fn primary(&mut self, ctx: &egui::Context) -> Option<Action> {
        match self.page {
            Page::Welcome => {
                self.form.focus = Some(Field::Name);
                Some(Action::Next)
            }
            Page::Account => {
                self.form.notice = None;
                self.start(ctx, None)
            }
            Page::Result if result::exportable(self) => Some(Action::Next),
            Page::Result => self.start(ctx, None),
            Page::Export => export::save(self),
            Page::Done => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                None
            }
            Page::About | Page::Checking => None,
        }
    }

    fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.prefs.lang = Some(if lang == Lang::Ja { "ja" } else { "en" }.into());
        self.prefs.save(self.cfg.prefs_path.as_ref());
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading(self.t(T::AppTitle));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .selectable_label(self.lang == Lang::En, "English")
                    .clicked()
                {
                    self.set_lang(Lang::En);
                }
                if ui
                    .selectable_label(self.lang == Lang::Ja, "日本語")
                    .clicked()
                {
                    self.set_lang(Lang::Ja);
                }
                ui.label(self.t(T::Language));
            });
        });
        ui.separator();
    }
}

/// The widest texture the wizard asks for. egui makes its glyph atlas as wide
/// as the driver allows (16384 under Mesa's software renderer), and a few rows
/// of Japanese glyphs at that width cost megabytes twice over (egui's copy and
/// the driver's); 2048 holds every glyph the wizard draws.
const MAX_TEXTURE_SIDE: usize = 2048;

impl eframe::App for WizardApp {
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        let side = raw_input.max_texture_side.unwrap_or(MAX_TEXTURE_SIDE);
        raw_input.max_texture_side = Some(side.min(MAX_TEXTURE_SIDE));
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.cfg.bench_first_frame && ui.ctx().cumulative_pass_nr() == 1 {
            let start = PROCESS_START.get_or_init(std::time::Instant::now);
            println!("first_frame_ms {}", start.elapsed().as_millis());
            println!("rss_kib {}", resident_kib().unwrap_or(0));
            println!("driver_rss_kib {}", driver_resident_kib());
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(rect) = ui.ctx().input(|i| i.viewport().inner_rect) {
            self.prefs.window = Some([rect.width(), rect.height()]);
        }
        if self.titled != Some(self.lang) {
            // The taskbar says what the window is, in the user's language.
            self.titled = Some(self.lang);
            let title = format!("{} (mailsetup)", self.t(T::AppTitle));
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        egui::Panel::top("top").show(ui, |ui| {
            self.top_bar(ui);
            frame::steps(self, ui);
            ui.add_space(4.0);
        });
        let nav = self.nav();
        // The bar's place is kept first (panels come before the page), but
        // its buttons are made after the page's controls: Tab goes through
        // the page first, then Back and the primary action.
        let bar = egui::Panel::bottom("nav")
            .exact_size(frame::BAR_HEIGHT)
            .show(ui, |ui| ui.max_rect())
            .inner;
        let asked = egui::CentralPanel::default()
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| {
                        frame::column(ui, |ui| match self.page {
                            Page::Welcome => welcome::ui(self, ui),
                            Page::About => about::ui(self, ui),
                            Page::Account => account::ui(self, ui),
                            Page::Checking => checking::ui(self, ui),
                            Page::Result => result::ui(self, ui),
                            Page::Export => export::ui(self, ui),
                            Page::Done => done::ui(self, ui),
                        })
                    })
                    .inner
            })
            .inner;
        let chosen = {
            let mut ui = ui.new_child(egui::UiBuilder::new().max_rect(bar));
            ui.add_space(8.0);
            frame::bar(self, &mut ui, &nav)
        };
        let taken = match chosen {
            Some(frame::Choice::Back) => self.back(),
            Some(frame::Choice::Primary) => self.primary(ui.ctx()),
            None => None,
        };
        if let Some(action) = asked.or(taken) {
            self.page = flow::next(self.page, action);
        }
        frame::focus_ring(ui.ctx());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(r) = self.running.take() {
            r.cancel();
        }
        self.prefs.save(self.cfg.prefs_path.as_ref());
    }
}

/// The window's icon (the .exe's own comes from build.rs).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/icon-256.png");

/// Open the wizard with the first renderer that starts: on Windows wgpu
/// (Direct3D 12, whose WARP software adapter works on PCs with only a basic
/// display driver) and then OpenGL (glow); elsewhere glow and then wgpu.
/// `MAILSETUP_RENDERER=glow|wgpu` forces one. Returns the process exit status.
pub fn run(cfg_for: impl Fn() -> Config) -> i32 {
    let prefs = Prefs::load(Prefs::path().as_ref());
    let size = prefs.window.unwrap_or([760.0, 600.0]);
    let mut last_error = String::new();
    // Support staff can force one renderer on a PC whose driver misbehaves.
    let renderers = match std::env::var("MAILSETUP_RENDERER").as_deref() {
        Ok("glow") => vec![eframe::Renderer::Glow],
        Ok("wgpu") => vec![eframe::Renderer::Wgpu],
        // Windows: Direct3D 12 with WARP first (see docs/wizard.md); elsewhere
        // OpenGL first, which every Linux desktop (or Mesa in software) has and
        // which takes less memory, with wgpu (Vulkan, Metal) behind it.
        _ if cfg!(windows) => vec![eframe::Renderer::Wgpu, eframe::Renderer::Glow],
        _ => vec![eframe::Renderer::Glow, eframe::Renderer::Wgpu],
    };
    let icon = logo::rgba(ICON_PNG).ok().map(|([width, height], rgba)| {
        std::sync::Arc::new(egui::IconData {
            rgba,
            width: width as u32,
            height: height as u32,
        })
    });
    for (i, renderer) in renderers.iter().copied().enumerate() {
        if i > 0 {
            // For support staff reading the console: which one failed, and why.
            let lang = Lang::from_os();
            eprintln!(
                "mailsetup: {} {last_error}",
                crate::i18n::text(lang, crate::i18n::Text::RendererFallback)
            );
        }
        let mut viewport = egui::ViewportBuilder::default();
        if let Some(icon) = &icon {
            viewport = viewport.with_icon(icon.clone());
        }
        let options = eframe::NativeOptions {
            renderer,
            viewport: viewport
                .with_title("mailsetup")
                .with_inner_size(size)
                // Small enough for a 1366×768 laptop at 200 % (683×384 logical,
                // less the taskbar): every page scrolls, the bar stays in sight.
                .with_min_inner_size([480.0, 340.0]),
            ..Default::default()
        };
        let cfg = cfg_for();
        match eframe::run_native(
            "mailsetup",
            options,
            Box::new(move |cc| Ok(Box::new(WizardApp::new(cc, cfg)))),
        ) {
            Ok(()) => return 0,
            Err(e) => last_error = e.to_string(),
        }
    }
    eprintln!(
        "mailsetup: {}",
        crate::i18n::text(Lang::from_os(), crate::i18n::Text::GuiFailed)
    );
    eprintln!("mailsetup: {last_error}");
    1
}
