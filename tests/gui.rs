//! The wizard, driven headless with egui_kittest: validation, language switch,
//! and (against the real-server bed) the whole flow from address to exported
//! file, a refused password, Cancel, and a UI that keeps drawing while the
//! network works.

mod common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use mailsetup::gui::{Config, Page, WizardApp};
use mailsetup::i18n::Lang;
use mailsetup::tls::Trust;

fn config(lang: Lang, trust: Trust, timeout: u64, save_dir: &std::path::Path) -> Config {
    Config {
        trust,
        ispdb_base: None,
        timeout: Duration::from_secs(timeout),
        preset: None,
        preset_beside_program: false,
        preset_problem: None,
        prefs_path: None,
        save_dir: save_dir.to_path_buf(),
        thunderbird_dirs: Some(Vec::new()),
        lang: Some(lang),
        os: mailsetup::export::Os::Linux,
        bench_first_frame: false,
    }
}

fn harness(cfg: Config) -> Harness<'static, WizardApp> {
    Harness::builder()
        .with_size(egui::vec2(900.0, 800.0))
        .build_eframe(move |cc| WizardApp::new(cc, cfg))
}

/// Click the control with this accessible name and let the frame settle.
fn click(h: &mut Harness<'_, WizardApp>, label: &str) {
    // As a person would: scrolled into view first.
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

fn type_into(h: &mut Harness<'_, WizardApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
    h.step();
}

fn to_account_page(h: &mut Harness<'_, WizardApp>, start: &str) {
    h.step();
    h.get_by_label(start).click();
    h.step();
    h.step();
    assert_eq!(h.state().page(), Page::Account);
}

#[test]
fn validation_messages_and_next_enabled_only_when_usable() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    to_account_page(&mut h, "Start");
    assert!(h.get_by_label("Next").accesskit_node().is_disabled());
    type_into(&mut h, "E-mail address", "taro.example.jp");
    assert!(h.query_by_label("The address has no @.").is_some());
    assert!(h.get_by_label("Next").accesskit_node().is_disabled());
    type_into(&mut h, "E-mail address", "@gmial");
    assert!(h.query_by_label_contains("has no dot").is_some());
    // Escape goes back.
    h.key_press(egui::Key::Escape);
    h.step();
    assert_eq!(h.state().page(), Page::Welcome);
}

#[test]
fn language_switch_changes_the_visible_strings() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    h.step();
    assert!(h.query_by_label("Start").is_some());
    h.get_by_label("日本語").click();
    h.step();
    h.step();
    assert!(h.query_by_label("Start").is_none());
    assert!(h.query_by_label("始める").is_some());
    h.get_by_label("始める").click();
    h.step();
    h.step();
    for ja in ["メールアドレス", "パスワード", "次へ", "戻る"] {
        assert!(h.query_by_label(ja).is_some(), "{ja}");
    }
    h.get_by_label("English").click();
    h.step();
    h.step();
    for en in ["E-mail address", "Password", "Next", "Back"] {
        assert!(h.query_by_label(en).is_some(), "{en}");
    }
}

fn bed_trust() -> Trust {
    Trust::load(Some(std::path::Path::new(&common::ca_file()))).unwrap()
}

/// Step until `page` (or panic after `limit`); returns the slowest frame seen.
fn step_until(h: &mut Harness<'_, WizardApp>, page: Page, limit: Duration) -> Duration {
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    while h.state().page() != page {
        assert!(started.elapsed() < limit, "still on {:?}", h.state().page());
        let t = Instant::now();
        h.step();
        slowest = slowest.max(t.elapsed());
        std::thread::sleep(Duration::from_millis(20));
    }
    slowest
}

/// Start, type the account, Next, and wait for the Result page.
fn run_to_result(h: &mut Harness<'_, WizardApp>, address: &str) {
    to_account_page(h, "Start");
    fill_account(h, address, common::PASSWORD);
    h.get_by_label("Next").click();
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
    step_until(h, Page::Result, Duration::from_secs(60));
    h.step();
}

/// From the Result page, Enter twice: on to the Export page, then Save with
/// the program and file it offers; the Done page follows.
fn enter_through_export(h: &mut Harness<'_, WizardApp>) {
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().page(), Page::Export);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().page(),
        Page::Done,
        "{:?}",
        h.state().export_error()
    );
}

fn fill_account(h: &mut Harness<'_, WizardApp>, address: &str, password: &str) {
    type_into(h, "Your name (as recipients see it)", "Taro Test");
    type_into(h, "E-mail address", address);
    type_into(h, "Password", password);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn whole_flow_from_address_to_exported_file() {
    let dir = tempfile::tempdir().unwrap();
    let addr = "shiro@imaps.test";
    let before = common::mailbox(addr).len();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    run_to_result(&mut h, addr);
    assert!(h.query_by_label("All set").is_some());
    // The large mark (and each card's) says what it shows.
    let marks: Vec<_> = h.get_all_by_label("Success").collect();
    assert_eq!(marks.len(), 3, "the heading's, sending's and receiving's");
    assert!(
        marks
            .iter()
            .all(|m| m.accesskit_node().role() == egui::accesskit::Role::Image)
    );
    assert!(
        h.query_by_label_contains("Sending works: server smtp.imaps.test, port 587")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Receiving works: IMAP server imap.imaps.test")
            .is_some()
    );
    // Where to look for the test message.
    assert!(
        h.query_by_label_contains("A test message was sent to your own address, shiro@imaps.test.")
            .is_some()
    );
    assert_eq!(common::settle_mailbox(addr, before + 1), before + 1);
    // Details, on request: every attempt, in words before codes.
    click(&mut h, "Details");
    assert!(h.query_all_by_label("SSL/TLS (encrypted)").next().is_some());
    assert!(h.query_all_by_label("ok").next().is_some());
    assert!(h.query_all_by_label("implicit-tls").next().is_none());

    h.get_by_label("Set up my mail program").click();
    h.step();
    h.step();
    assert_eq!(h.state().page(), Page::Export);
    // Every program is a named radio button; on Linux Thunderbird leads and is
    // chosen: its settings file, in the save folder.
    let thunderbird = h.get_by_label("Thunderbird (settings file)");
    assert_eq!(
        thunderbird.accesskit_node().role(),
        egui::accesskit::Role::RadioButton
    );
    assert_eq!(
        thunderbird.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    h.get_by_label("Save").click();
    h.step();
    h.step();
    assert_eq!(h.state().page(), Page::Done);
    let written = std::fs::read_to_string(dir.path().join("config-v1.1.xml")).unwrap();
    assert!(written.contains("<hostname>smtp.imaps.test</hostname>"));
    assert!(written.contains("<hostname>imap.imaps.test</hostname>"));
    assert!(written.contains("<port>587</port>"));
    assert!(!written.contains(common::PASSWORD));
    // The guide for Thunderbird, with the proven values.
    h.step();
    assert!(
        h.query_by_label_contains("hostname smtp.imaps.test, port 587")
            .is_some()
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn refused_password_returns_to_the_password_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    to_account_page(&mut h, "Start");
    fill_account(&mut h, "jiro@wrongpw.test", "not-the-password");
    h.get_by_label("Next").click();
    h.step();
    step_until(&mut h, Page::Account, Duration::from_secs(60));
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("did not accept your user name or password")
            .is_some()
    );
    // On a card with a problem mark; what follows from it (the incoming
    // server was not tried) waits under Details.
    assert!(h.query_by_label("Problem").is_some());
    let untried = "was not tried on the incoming server";
    assert!(h.query_by_label_contains(untried).is_none());
    // The address is kept; only the password is to be typed again.
    assert_eq!(
        h.get_by_label("E-mail address").value().as_deref(),
        Some("jiro@wrongpw.test")
    );
    assert!(h.get_by_label("Password").is_focused());
    assert!(h.get_by_label("Next").accesskit_node().is_disabled());
    h.get_by_label("Details").click();
    h.run();
    assert!(h.query_by_label_contains(untried).is_some());
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn cancel_stops_at_once_and_the_ui_never_waits_for_the_network() {
    let dir = tempfile::tempdir().unwrap();
    // Every port of this host is silently dropped: checking takes the timeout.
    let mut h = harness(config(Lang::Ja, bed_trust(), 8, dir.path()));
    to_account_page(&mut h, "始める");
    type_into(&mut h, "メールアドレス", "taro@blocked.test");
    type_into(&mut h, "パスワード", common::PASSWORD);
    h.get_by_label("次へ").click();
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
    // Frames keep coming while the network waits: none takes anywhere near
    // the 8-second step timeout.
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    while started.elapsed() < Duration::from_secs(2) {
        let t = Instant::now();
        h.step();
        slowest = slowest.max(t.elapsed());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(slowest < Duration::from_secs(1), "a frame took {slowest:?}");
    assert!(h.query_by_label("確認しています…").is_some());
    // A short checklist in plain words, the server table folded away.
    assert!(h.query_by_label("メールサーバーを探す").is_some());
    assert!(h.query_by_label("暗号化して接続できるか確かめる").is_some());
    // Each step's mark has a name a screen reader says (never colour alone):
    // the sources are done, connecting is under way, the password not yet.
    let role = |label: &str| {
        let node = h.get_all_by_label(label).next().unwrap();
        node.accesskit_node().role()
    };
    assert_eq!(role("成功"), egui::accesskit::Role::Image);
    assert_eq!(
        role("確認しています"),
        egui::accesskit::Role::ProgressIndicator
    );
    assert_eq!(role("未確認"), egui::accesskit::Role::Image);
    // The servers, on request: where they came from in plain words, not the
    // engine's codes.
    assert!(
        h.query_by_label_contains("よく使われるサーバー名:")
            .is_none()
    );
    h.get_by_label("詳しく見る").click();
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("よく使われるサーバー名:")
            .is_some()
    );
    assert!(h.query_by_label_contains("guess").is_none());
    let t = Instant::now();
    h.get_by_label("中止").click();
    h.step();
    assert_eq!(h.state().page(), Page::Account);
    assert!(t.elapsed() < Duration::from_secs(1));
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn approval_is_asked_in_the_window_before_the_password_goes_out() {
    let dir = tempfile::tempdir().unwrap();
    let logins = || common::postfix_log_count("srv", "sasl_username=shiro@srv.test");
    let before = logins();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    to_account_page(&mut h, "Start");
    fill_account(&mut h, "shiro@srv.test", common::PASSWORD);
    h.get_by_label("Next").click();
    h.step();
    // The question appears, naming the server and who runs it.
    let started = Instant::now();
    while h.query_by_label("Yes, send it").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no question asked"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        h.query_all_by_label_contains(
            "The outgoing server found, submit.provider-x.test, is run by provider-x.test"
        )
        .next()
        .is_some()
    );
    // Where it was found, in plain words.
    assert!(
        h.query_all_by_label_contains("found in your domain's service records (DNS SRV)")
            .next()
            .is_some()
    );
    assert_eq!(logins(), before, "nothing was sent before the answer");
    h.get_by_label("Yes, send it").click();
    h.step();
    step_until(&mut h, Page::Result, Duration::from_secs(60));
    h.step();
    assert!(h.query_by_label("Sending is set up").is_some());
    assert_eq!(logins(), before + 1);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn export_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config-v1.1.xml"), "precious").unwrap();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    run_to_result(&mut h, "jiro@imaps.test");
    h.get_by_label("Set up my mail program").click();
    h.step();
    h.step();
    assert!(
        h.query_by_label("A file with this name exists. Replace it?")
            .is_some()
    );
    let path = dir.path().join("config-v1.1.xml");
    // Save does not replace it: the question is asked, in sight.
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
    let asked = h
        .get_by_label("A file with this name exists. Replace it?")
        .rect();
    let bar = h.get_by_label("Save").rect();
    assert!(
        asked.top() >= 0.0 && asked.bottom() < bar.top(),
        "{asked:?}"
    );
    // Keep it: a free name beside it is offered instead.
    click(&mut h, "Keep it, use another name");
    assert!(
        h.query_by_label("A file with this name exists. Replace it?")
            .is_none()
    );
    let other = dir.path().join("config-v1.1 (2).xml");
    assert_eq!(
        h.get_by_label("Save as").value().as_deref(),
        Some(other.to_str().unwrap())
    );
    // Back to the old name, and this time replace it.
    replace_text(&mut h, "Save as", path.to_str().unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
    click(&mut h, "Replace");
    assert_eq!(h.state().page(), Page::Done);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("smtp.imaps.test")
    );
}

/// Every page has the same frame: the steps on top, Back at the bottom left,
/// one primary action at the bottom right; Esc is Back.
#[test]
fn the_frame_shows_the_steps_and_esc_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    h.run();
    // Welcome comes before the steps, and shows them all ahead.
    assert_eq!(h.state().page(), Page::Welcome);
    assert!(h.query_by_label("1. Account").is_some());
    assert!(h.query_by_label("5. Done").is_some());
    click(&mut h, "Start");
    assert_eq!(h.state().page(), Page::Account);
    for step in [
        "1. Account",
        "2. Check",
        "3. Result",
        "4. Mail program",
        "5. Done",
    ] {
        assert!(h.query_by_label(step).is_some(), "{step}");
    }
    let back = h.get_by_label("Back").rect();
    let next = h.get_by_label("Next").rect();
    assert!(back.center().x < next.center().x, "Back left, Next right");
    assert!(next.top() > h.get_by_label("Password").rect().bottom());
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().page(), Page::Welcome);
    click(&mut h, "About and licences");
    assert_eq!(h.state().page(), Page::About);
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().page(), Page::Welcome);
}

/// The whole flow with the keyboard alone, in Japanese: Enter, Tab and Esc
/// take a new user from Welcome to a saved file and the guide.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn the_whole_flow_by_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::Ja, bed_trust(), 10, dir.path()));
    h.step();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().page(), Page::Account);
    // The cursor is in the name field; Tab goes on to the address and the
    // password.
    h.get_by_label("お名前（相手に表示されます）")
        .type_text("山田 太郎");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    h.get_by_label("メールアドレス")
        .type_text("hanako@imaps.test");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("パスワード").is_focused());
    h.get_by_label("パスワード").type_text(common::PASSWORD);
    h.run();
    // Esc goes back, Enter forward again: nothing typed is lost.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().page(), Page::Welcome);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.get_by_label("メールアドレス").value().as_deref(),
        Some("hanako@imaps.test")
    );
    h.key_press(egui::Key::Enter);
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
    step_until(&mut h, Page::Result, Duration::from_secs(60));
    h.run();
    assert!(h.query_by_label("設定できました").is_some());
    enter_through_export(&mut h);
    assert!(dir.path().join("config-v1.1.xml").exists());
    // The Thunderbird guide's steps, numbered from the first.
    assert!(
        h.query_by_label_contains("1. いちばん簡単なのは保存した config-v1.1.xml")
            .is_some()
    );
    // Esc on Done goes back to the Export page.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().page(), Page::Export);
}

/// At 200 % on a 1366×768 laptop the window is 683×384 logical points less
/// the taskbar: the steps, the fields and the primary action all stay in
/// sight or a scroll away, in both languages.
#[test]
fn usable_at_200_percent_on_a_small_screen() {
    // …and at the window's smallest size.
    for (lang, start, next, steps, size, scale) in [
        (
            Lang::Ja,
            "始める",
            "次へ",
            ["1. アカウント", "5. 完了"],
            (683.0, 340.0),
            2.0,
        ),
        (
            Lang::En,
            "Start",
            "Next",
            ["1. Account", "5. Done"],
            (683.0, 340.0),
            2.0,
        ),
        (
            Lang::Ja,
            "始める",
            "次へ",
            ["1. アカウント", "5. 完了"],
            (480.0, 340.0),
            1.0,
        ),
        (
            Lang::En,
            "Start",
            "Next",
            ["1. Account", "5. Done"],
            (480.0, 340.0),
            1.0,
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let cfg = config(lang, Trust::default(), 10, dir.path());
        let size = egui::vec2(size.0, size.1);
        let mut h = Harness::builder()
            .with_size(size)
            .with_pixels_per_point(scale)
            .build_eframe(move |cc| WizardApp::new(cc, cfg));
        h.step();
        let inside = |r: egui::Rect| r.left() >= 0.0 && r.right() <= size.x && r.bottom() <= size.y;
        assert!(inside(h.get_by_label(start).rect()), "{lang:?}: Start");
        click(&mut h, start);
        assert_eq!(h.state().page(), Page::Account);
        for step in steps {
            assert!(inside(h.get_by_label(step).rect()), "{lang:?}: {step}");
        }
        let bar = h.get_by_label(next).rect();
        assert!(inside(bar), "{lang:?}: {next} at {bar:?}");
        // The last field is reached by scrolling, and then above the bar.
        let field = if lang == Lang::Ja {
            "パスワード"
        } else {
            "Password"
        };
        h.get_by_label(field).scroll_to_me();
        h.run();
        let r = h.get_by_label(field).rect();
        assert!(r.top() >= 0.0 && r.bottom() <= bar.top(), "{lang:?}: {r:?}");
    }
}

/// Tab goes through the page's own controls first, then Back and the
/// primary action at the bottom, as in any form.
#[test]
fn tab_goes_through_the_page_before_the_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    to_account_page(&mut h, "Start");
    fill_account(&mut h, "taro@example.jp", "pw");
    h.get_by_label("Password").focus();
    h.run();
    let mut order = Vec::new();
    for _ in 0..3 {
        h.key_press(egui::Key::Tab);
        h.run();
        let focused = ["Show password", "Back", "Next", "日本語", "English"]
            .into_iter()
            .find(|l| h.get_by_label(l).is_focused());
        order.push(focused.unwrap_or("something else"));
    }
    assert_eq!(order, ["Show password", "Back", "Next"]);
}

/// Enter presses the control reached with Tab (here the link to the About
/// page), and the page's primary action only when nothing else has the focus.
#[test]
fn enter_presses_the_focused_control() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    h.step();
    let mut tabs = 0;
    while !h.get_by_label("About and licences").is_focused() {
        tabs += 1;
        assert!(tabs < 10, "Tab never reaches the About link");
        h.key_press(egui::Key::Tab);
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().page(), Page::About);
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().page(), Page::Welcome);
    // A usable account, the focus on "Show password": Enter ticks it and
    // does not also start the check.
    to_account_page(&mut h, "Start");
    fill_account(&mut h, "taro@example.jp", "pw");
    let show = "Show password";
    while !h.get_by_label(show).is_focused() {
        tabs += 1;
        assert!(tabs < 30, "Tab never reaches {show}");
        h.key_press(egui::Key::Tab);
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().page(), Page::Account);
    assert_eq!(
        h.get_by_label(show).accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    // With the cursor in a field, Enter is Next.
    h.get_by_label("E-mail address").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
}

#[test]
fn keyboard_only_from_welcome_to_a_usable_account() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    h.step();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().page(), Page::Account);
    let name = "Your name (as recipients see it)";
    assert!(
        h.get_by_label(name).is_focused(),
        "the name field has the cursor"
    );
    h.get_by_label(name).type_text("Taro");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("E-mail address").is_focused());
    h.get_by_label("E-mail address")
        .type_text("taro@example.jp");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Password").is_focused());
    h.get_by_label("Password").type_text("secret");
    h.run();
    let value =
        |h: &Harness<'_, WizardApp>, label: &str| h.get_by_label(label).accesskit_node().value();
    assert_eq!(value(&h, name).as_deref(), Some("Taro"));
    assert_eq!(
        value(&h, "E-mail address").as_deref(),
        Some("taro@example.jp")
    );
    assert!(!h.get_by_label("Next").accesskit_node().is_disabled());
}

#[test]
fn clicking_start_puts_the_cursor_in_the_name_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::Ja, Trust::default(), 10, dir.path()));
    h.run();
    click(&mut h, "始める");
    assert_eq!(h.state().page(), Page::Account);
    let name = "お名前（相手に表示されます）";
    assert!(h.get_by_label(name).is_focused());
    h.get_by_label(name).type_text("山田太郎");
    h.run();
    assert_eq!(
        h.get_by_label(name).accesskit_node().value().as_deref(),
        Some("山田太郎")
    );
}

/// Select what the field holds and type over it, as a person would.
fn replace_text(h: &mut Harness<'_, WizardApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
    h.step();
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn change_settings_tests_both_servers_again() {
    let dir = tempfile::tempdir().unwrap();
    let addr = "saburo@imaps.test";
    let before = common::mailbox(addr).len();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    run_to_result(&mut h, addr);
    click(&mut h, "Change settings (advanced)");
    // The fields start from what was proven.
    let value = |h: &Harness<'_, WizardApp>, l: &str| h.get_by_label(l).accesskit_node().value();
    assert_eq!(
        value(&h, "Outgoing server (SMTP)").as_deref(),
        Some("smtp.imaps.test")
    );
    assert_eq!(
        value(&h, "Incoming server").as_deref(),
        Some("imap.imaps.test")
    );
    assert_eq!(value(&h, "Incoming port").as_deref(), Some("993"));
    // Receive with POP3 from another server instead: the standard port follows.
    replace_text(&mut h, "Incoming server", "pop.poponly.test");
    click(&mut h, "Incoming type");
    click(&mut h, "POP3");
    assert_eq!(value(&h, "Incoming port").as_deref(), Some("995"));
    // Below the findings' cards: scrolled to, as a person would.
    h.get_by_label("Test these settings").scroll_to_me();
    h.run();
    h.get_by_label("Test these settings").click();
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
    step_until(&mut h, Page::Result, Duration::from_secs(60));
    h.step();
    assert!(h.query_by_label("All set").is_some());
    assert!(
        h.query_by_label_contains("Sending works: server smtp.imaps.test, port 587")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Receiving works: POP3 server pop.poponly.test")
            .is_some()
    );
    // Both runs sent their test message.
    assert_eq!(common::settle_mailbox(addr, before + 2), before + 2);

    // Another address: the form starts from that run, not from the servers typed
    // for the first one.
    click(&mut h, "Back");
    replace_text(&mut h, "E-mail address", "saburo@op25b.test");
    h.get_by_label("Next").click();
    h.step();
    step_until(&mut h, Page::Result, Duration::from_secs(60));
    h.run();
    assert_eq!(
        value(&h, "Outgoing server (SMTP)").as_deref(),
        Some("smtp.op25b.test")
    );
    assert_ne!(
        value(&h, "Incoming server").as_deref(),
        Some("pop.poponly.test")
    );
}

/// An ISP's CD: the preset (naming a server outside the user's domain) and
/// its logo beside it.
fn isp_cd(dir: &std::path::Path) -> std::path::PathBuf {
    let preset = dir.join("mailsetup-preset.xml");
    std::fs::write(
        &preset,
        r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="s587.test"><domain>s587.test</domain>
  <displayName>ベッド・ネット</displayName>
  <outgoingServer type="smtp"><hostname>smtp.both.test</hostname><port>587</port>
    <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#,
    )
    .unwrap();
    let mut png = Vec::new();
    let mut enc = png::Encoder::new(&mut png, 40, 20);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    w.write_image_data(&[200; 40 * 20 * 3]).unwrap();
    drop(w);
    std::fs::write(dir.join("mailsetup-preset.png"), png).unwrap();
    preset
}

#[test]
fn welcome_shows_the_isps_name_and_logo() {
    let dir = tempfile::tempdir().unwrap();
    let preset = isp_cd(dir.path());
    let mut cfg = config(Lang::Ja, Trust::default(), 10, dir.path());
    cfg.preset = Some(mailsetup::discover::preset::info(&preset).unwrap());
    let mut h = harness(cfg);
    h.run();
    let logo = h.get_by_label("ベッド・ネット");
    assert_eq!(logo.accesskit_node().role(), egui::accesskit::Role::Image);
    assert!(
        h.query_by_label("プロバイダーの設定：ベッド・ネット")
            .is_some()
    );
    // A broken logo file, or none: the name alone, and the wizard goes on.
    let logo = dir.path().join("mailsetup-preset.png");
    for broken in [true, false] {
        if broken {
            std::fs::write(&logo, b"\x89PNG not really").unwrap();
        } else {
            std::fs::remove_file(&logo).unwrap();
        }
        let mut cfg = config(Lang::Ja, Trust::default(), 10, dir.path());
        cfg.preset = Some(
            mailsetup::discover::preset::info(&dir.path().join("mailsetup-preset.xml")).unwrap(),
        );
        let mut h = harness(cfg);
        h.run();
        assert!(h.query_by_label("ベッド・ネット").is_none());
        assert!(
            h.query_by_label("プロバイダーの設定：ベッド・ネット")
                .is_some()
        );
    }
}

#[test]
fn a_preset_without_a_provider_name_is_still_announced() {
    let dir = tempfile::tempdir().unwrap();
    let preset = isp_cd(dir.path());
    let mut cfg = config(Lang::En, Trust::default(), 10, dir.path());
    // As if the file named no provider.
    let mut info = mailsetup::discover::preset::info(&preset).unwrap();
    info.name = String::new();
    cfg.preset = Some(info);
    let mut h = harness(cfg);
    h.run();
    assert!(
        h.query_by_label("Your provider's settings file is loaded.")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Settings from your provider:")
            .is_none()
    );
    // The logo is there, described in words all the same.
    let logo = h.get_by_label("Your provider's logo");
    assert_eq!(logo.accesskit_node().role(), egui::accesskit::Role::Image);
}

#[test]
fn a_broken_preset_beside_the_program_is_explained_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mailsetup-preset.xml");
    std::fs::write(&path, "<clientConfig><emailProvider").unwrap();
    let email = mailsetup::account::EmailAddress::parse("a@example.jp").unwrap();
    let err = mailsetup::discover::preset::load(&path, &email).unwrap_err();
    let mut cfg = config(Lang::En, Trust::default(), 10, dir.path());
    cfg.preset_problem = Some(std::sync::Arc::new(err));
    let mut h = harness(cfg);
    h.run();
    assert!(
        h.query_by_label_contains("is not in a usable format")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("The wizard will find the settings without it.")
            .is_some()
    );
    // And the wizard goes on.
    click(&mut h, "Start");
    assert_eq!(h.state().page(), Page::Account);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn the_isps_preset_leads_the_wizard_to_its_server() {
    let dir = tempfile::tempdir().unwrap();
    let preset = isp_cd(dir.path());
    let addr = "saburo@s587.test";
    let before = common::mailbox(addr).len();
    let mut cfg = config(Lang::En, bed_trust(), 10, dir.path());
    cfg.preset = Some(mailsetup::discover::preset::info(&preset).unwrap());
    let mut h = harness(cfg);
    run_to_result(&mut h, addr);
    assert!(h.query_by_label("Sending is set up").is_some());
    // The preset's server, outside the user's domain, is used without asking:
    // the ISP's own file vouches for it; its stronger port 465 is preferred.
    assert!(
        h.query_by_label_contains("Sending works: server smtp.both.test, port 465")
            .is_some()
    );
    assert_eq!(common::settle_mailbox(addr, before + 1), before + 1);
}

/// The findings are kept as codes and put into words when drawn: switching
/// the language on the Result page changes every sentence on it.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn the_result_page_follows_a_language_switch() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    run_to_result(&mut h, "shiro@op25b.test");
    let english = [
        "Sending works: server smtp.op25b.test",
        "Your connection blocks outgoing port 25",
    ];
    let japanese = [
        "送信できます：サーバー smtp.op25b.test",
        "25 番ポートへの送信が止められています",
    ];
    for en in english {
        assert!(h.query_by_label_contains(en).is_some(), "{en}");
    }
    h.get_by_label("日本語").click();
    h.run();
    for (en, ja) in english.iter().zip(japanese) {
        assert!(
            h.query_by_label_contains(en).is_none(),
            "still English: {en}"
        );
        assert!(h.query_by_label_contains(ja).is_some(), "{ja}");
    }
    h.get_by_label("English").click();
    h.run();
    for (en, ja) in english.iter().zip(japanese) {
        assert!(h.query_by_label_contains(en).is_some(), "{en}");
        assert!(
            h.query_by_label_contains(ja).is_none(),
            "still Japanese: {ja}"
        );
    }
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_file_without_a_guide_says_how_to_use_it() {
    let dir = tempfile::tempdir().unwrap();
    // No incoming server on this domain: Thunderbird cannot be set up, msmtp can.
    let addr = "jiro@op25b.test";
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    run_to_result(&mut h, addr);
    // Only sending was proven, and the heading says no more.
    assert!(h.query_by_label("Sending is set up").is_some());
    assert!(h.query_by_label("All set").is_none());
    click(&mut h, "Set up my mail program");
    assert!(
        h.query_by_label_contains("enter it under \"Change settings\"")
            .is_some()
    );
    assert!(h.get_by_label("Save").accesskit_node().is_disabled());
    click(&mut h, "Advanced");
    click(&mut h, "msmtp");
    click(&mut h, "Save");
    assert_eq!(
        h.state().page(),
        Page::Done,
        "{:?}",
        h.state().export_error()
    );
    let written = std::fs::read_to_string(dir.path().join("msmtprc")).unwrap();
    assert!(written.contains("host smtp.op25b.test"));
    assert!(h.query_by_label("How to use this file").is_some());
    assert!(h.query_by_label_contains("~/.msmtprc").is_some());
    // No other program's guide pretends to fit this file.
    assert!(h.query_by_label_contains("config-v1.1.xml").is_none());
    // Any guide can still be picked.
    click(&mut h, "Step by step");
    click(&mut h, "Thunderbird");
    assert!(h.query_by_label_contains("config-v1.1.xml").is_some());
}

/// On Windows the Export page starts from Outlook, then Windows Mail and
/// Thunderbird; programs are grouped, each says in a line what its file does,
/// and the advanced ones stay folded until asked for.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn export_lists_the_likely_program_first_in_groups() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(Lang::En, bed_trust(), 10, dir.path());
    cfg.os = mailsetup::export::Os::Windows;
    let mut h = harness(cfg);
    run_to_result(&mut h, "jiro@imaps.test");
    click(&mut h, "日本語");
    click(&mut h, "メールソフトに設定する");
    assert_eq!(
        h.state().export_format(),
        mailsetup::export::Format::named("autodiscover")
    );
    let top = |h: &Harness<'_, WizardApp>, label: &str| h.get_by_label(label).rect().top();
    let outlook = top(&h, "Outlook（Microsoft 365／2016 以降）");
    let windows_mail = top(&h, "Windows メール／Windows Live メール");
    let thunderbird = top(&h, "Thunderbird（設定ファイル）");
    let iphone = top(&h, "iPhone／iPad／Mac のメール");
    assert!(outlook < windows_mail && windows_mail < thunderbird && thunderbird < iphone);
    assert!(top(&h, "パソコン") < outlook);
    assert!(top(&h, "スマートフォン・タブレット") < iphone);
    // What the file does, under its name.
    assert!(
        h.query_by_label_contains("［アカウントのインポート］で読み込む")
            .is_some()
    );
    // The programs for advanced users are folded away until asked for.
    assert!(h.query_by_label("msmtp").is_none());
    click(&mut h, "上級者向け");
    assert!(h.query_by_label("msmtp").is_some());
    click(&mut h, "Thunderbird（設定ファイル）");
    assert_eq!(
        h.state().export_format(),
        mailsetup::export::Format::THUNDERBIRD_AUTOCONFIG
    );
    assert!(
        h.get_by_label("保存先")
            .value()
            .is_some_and(|v| v.ends_with("config-v1.1.xml"))
    );
}

/// The user.js export finds the Thunderbird profiles, preselects the one
/// Thunderbird starts with, keeps its accounts, and warns when none is chosen.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn userjs_export_keeps_the_accounts_of_the_chosen_profile() {
    let dir = tempfile::tempdir().unwrap();
    let tb = dir.path().join("thunderbird");
    let profile = tb.join("Profiles/abcd.default-release");
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::write(
        tb.join("profiles.ini"),
        "[Install4F96D1932A9F858E]\nDefault=Profiles/abcd.default-release\n\n\
         [Profile0]\nName=default-release\nIsRelative=1\nPath=Profiles/abcd.default-release\n",
    )
    .unwrap();
    std::fs::write(
        profile.join("prefs.js"),
        "user_pref(\"mail.accountmanager.accounts\", \"account1,account2\");\n",
    )
    .unwrap();
    let mut cfg = config(Lang::En, bed_trust(), 10, dir.path());
    cfg.thunderbird_dirs = Some(vec![tb.clone()]);
    let mut h = harness(cfg);
    run_to_result(&mut h, "jiro@imaps.test");
    click(&mut h, "Set up my mail program");
    click(&mut h, "Advanced");
    click(&mut h, "Thunderbird (user.js, advanced)");
    // The profile Thunderbird starts with is already chosen.
    assert!(
        h.query_by_label_contains("already in this profile are kept")
            .is_some()
    );
    // Choosing none says what the file would do.
    click(&mut h, "Thunderbird profile");
    click(&mut h, "None");
    assert!(
        h.query_by_label_contains("replaces Thunderbird's account list")
            .is_some()
    );
    click(&mut h, "Thunderbird profile");
    click(&mut h, "default-release");
    click(&mut h, "Save");
    assert_eq!(h.state().page(), Page::Done);
    let js = std::fs::read_to_string(dir.path().join("user.js")).unwrap();
    assert!(
        js.contains("\"account1,account2,account_mailsetup\""),
        "{js}"
    );
}

/// A preset found beside the program could have been planted (a Downloads
/// folder): Welcome names its servers, and its server outside the user's own
/// domain is asked about before the password goes there.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_preset_beside_the_program_names_its_servers_and_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let preset = isp_cd(dir.path());
    // srv.test has no server of its own name: the preset's comes first.
    let addr = "hanako@srv.test";
    let logins = || common::postfix_log_count("both", "sasl_username=hanako@srv.test");
    let before = logins();
    let mut cfg = config(Lang::En, bed_trust(), 10, dir.path());
    cfg.preset = Some(mailsetup::discover::preset::info(&preset).unwrap());
    cfg.preset_beside_program = true;
    let mut h = harness(cfg);
    h.run();
    assert!(
        h.query_by_label_contains("It names these servers: smtp.both.test.")
            .is_some()
    );
    to_account_page(&mut h, "Start");
    fill_account(&mut h, addr, common::PASSWORD);
    h.get_by_label("Next").click();
    h.step();
    let started = Instant::now();
    while h.query_by_label("Yes, send it").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no question asked"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        h.query_all_by_label_contains("smtp.both.test")
            .next()
            .is_some()
    );
    assert_eq!(logins(), before, "nothing was sent before the answer");
    h.get_by_label("No").click();
    h.step();
    step_until(&mut h, Page::Result, Duration::from_secs(30));
    assert_eq!(logins(), before);
}

/// About and licences, from Welcome and back: the version, the licences, the
/// ISP database's notice and the list of crates, in both languages.
#[test]
fn about_page_shows_version_licences_and_the_crates() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, Trust::default(), 10, dir.path()));
    h.run();
    click(&mut h, "About and licences");
    assert_eq!(h.state().page(), Page::About);
    let version = format!("mailsetup {}", env!("CARGO_PKG_VERSION"));
    assert!(h.query_by_label(&version).is_some());
    assert!(
        h.query_by_label_contains("MIT licence or the Apache License 2.0")
            .is_some()
    );
    assert!(h.query_by_label_contains("IPA Font License").is_some());
    assert!(
        h.query_by_label_contains("Mozilla Public License 2.0")
            .is_some()
    );
    h.get_by_label("Other software it is built from (list)")
        .click();
    h.run();
    assert!(h.query_by_label_contains("\nlettre 0.11").is_some());
    click(&mut h, "Back");
    assert_eq!(h.state().page(), Page::Welcome);

    let mut h = harness(config(Lang::Ja, Trust::default(), 10, dir.path()));
    h.run();
    click(&mut h, "このプログラムについて・ライセンス");
    assert!(
        h.query_by_label_contains("IPA フォントライセンス")
            .is_some()
    );
}

/// A preset with mailsetup's branding (ja/en name, welcome line, its own logo
/// file, support desk, default export).
fn branded_cd(dir: &std::path::Path, domain: &str) -> std::path::PathBuf {
    let preset = dir.join("mailsetup-preset.xml");
    std::fs::write(
        &preset,
        format!(
            r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="{domain}" xmlns:ms="urn:mailsetup:preset:1">
  <domain>{domain}</domain><displayName>Bed Net</displayName>
  <outgoingServer type="smtp"><hostname>smtp.{domain}</hostname><port>587</port>
    <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></outgoingServer>
  <ms:branding>
    <ms:name xml:lang="ja">ベッド・ネット</ms:name>
    <ms:name xml:lang="en">Bed Net Inc.</ms:name>
    <ms:logo>bed-logo.png</ms:logo>
    <ms:welcome xml:lang="ja">ベッド・ネットのメール設定をお手伝いします。</ms:welcome>
    <ms:welcome xml:lang="en">Bed Net helps you set up your mail.</ms:welcome>
    <ms:support>
      <ms:name xml:lang="ja">ベッド・ネット サポートセンター</ms:name>
      <ms:name xml:lang="en">Bed Net support</ms:name>
      <ms:phone>0120-000-000</ms:phone>
      <ms:hours xml:lang="ja">平日 9時〜18時</ms:hours>
      <ms:hours xml:lang="en">weekdays 9:00-18:00</ms:hours>
      <ms:url>https://support.bed.test/</ms:url>
    </ms:support>
    <ms:defaultExport>msmtp</ms:defaultExport>
  </ms:branding>
</emailProvider></clientConfig>"#
        ),
    )
    .unwrap();
    let mut png = Vec::new();
    let mut enc = png::Encoder::new(&mut png, 30, 10);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    w.write_image_data(&[90; 30 * 10 * 3]).unwrap();
    drop(w);
    std::fs::write(dir.join("bed-logo.png"), png).unwrap();
    preset
}

fn branded_config(lang: Lang, trust: Trust, dir: &std::path::Path, domain: &str) -> Config {
    let preset = branded_cd(dir, domain);
    let mut cfg = config(lang, trust, 10, dir);
    cfg.preset = Some(mailsetup::discover::preset::info(&preset).unwrap());
    cfg
}

#[test]
fn welcome_shows_the_branding_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(branded_config(
        Lang::Ja,
        Trust::default(),
        dir.path(),
        "s587.test",
    ));
    h.run();
    assert!(
        h.query_by_label("プロバイダーの設定：ベッド・ネット")
            .is_some()
    );
    assert!(
        h.query_by_label("ベッド・ネットのメール設定をお手伝いします。")
            .is_some()
    );
    // The logo the branding names, described by the ISP's name.
    let logo = h.get_by_label("ベッド・ネット");
    assert_eq!(logo.accesskit_node().role(), egui::accesskit::Role::Image);
    let mut h = harness(branded_config(
        Lang::En,
        Trust::default(),
        dir.path(),
        "s587.test",
    ));
    h.run();
    assert!(
        h.query_by_label("Settings from your provider: Bed Net Inc.")
            .is_some()
    );
    assert!(
        h.query_by_label("Bed Net helps you set up your mail.")
            .is_some()
    );
}

/// Not everything worked (here: receiving could not be proven): the support
/// desk is shown in plain words; when everything worked, it is not. The
/// export starts from the ISP's chosen format.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn result_shows_the_support_desk_when_not_everything_worked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(branded_config(
        Lang::En,
        bed_trust(),
        dir.path(),
        "op25b.test",
    ));
    run_to_result(&mut h, "saburo@op25b.test");
    assert!(h.query_by_label("Sending is set up").is_some());
    // Each card is marked by what it means: the blocked port 25 is normal (a
    // note, never a cross), the missing incoming server needs doing and
    // comes first.
    let card_mark = |h: &Harness<'_, WizardApp>, text: &str| {
        let at = h.get_by_label_contains(text).rect();
        ["Success", "Problem", "Note"]
            .into_iter()
            .find(|name| {
                h.query_all_by_label(name).any(|m| {
                    (m.rect().top() - at.top()).abs() < 8.0 && m.rect().right() <= at.left()
                })
            })
            .unwrap_or("none")
    };
    assert_eq!(card_mark(&h, "Sending works"), "Success");
    assert_eq!(card_mark(&h, "blocks outgoing port 25"), "Note");
    assert_eq!(card_mark(&h, "No incoming server"), "Problem");
    assert!(
        h.get_by_label_contains("No incoming server").rect().top()
            < h.get_by_label_contains("blocks outgoing port 25")
                .rect()
                .top()
    );
    assert!(
        h.query_by_label(
            "Questions? Call Bed Net support on 0120-000-000 (weekdays 9:00-18:00). https://support.bed.test/\nNever tell anyone your password, not even support staff."
        )
        .is_some()
    );
    // The report for support: copied in one click, without the password.
    h.get_by_label("Copy").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    for needle in [
        "mailsetup support report",
        "saburo@op25b.test",
        "[port25-blocked]",
        "SMTP smtp.op25b.test:587",
        "does not contain your password",
    ] {
        assert!(
            copied[0].contains(needle),
            "no {needle:?} in:\n{}",
            copied[0]
        );
    }
    assert!(!copied[0].contains(common::PASSWORD), "{}", copied[0]);
    h.run();
    assert!(h.query_by_label_contains("Copied.").is_some());
    // Switched to Japanese, the report is made in Japanese.
    click(&mut h, "日本語");
    h.get_by_label("コピーする").click();
    h.step();
    assert!(h.output().platform_output.commands.iter().any(|c| matches!(
        c,
        egui::OutputCommand::CopyText(t) if t.contains("サポート用情報")
    )));
    click(&mut h, "English");
    click(&mut h, "Set up my mail program");
    assert_eq!(
        h.state().export_format(),
        mailsetup::export::Format::named("msmtp")
    );

    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(branded_config(
        Lang::En,
        bed_trust(),
        dir.path(),
        "imaps.test",
    ));
    run_to_result(&mut h, "saburo@imaps.test");
    assert!(h.query_by_label("All set").is_some());
    assert!(h.query_by_label_contains("Questions?").is_none());
    // A full success needs no report for support.
    assert!(h.query_by_label("Copy").is_none());
}

/// A domain that does not exist is a typing slip: the wizard goes back to the
/// address with the card saying so, and keeps the password.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_domain_that_does_not_exist_goes_back_to_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    to_account_page(&mut h, "Start");
    fill_account(&mut h, "taro@no-such-domain.test", common::PASSWORD);
    h.get_by_label("Next").click();
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
    step_until(&mut h, Page::Account, Duration::from_secs(60));
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("The domain 'no-such-domain.test' does not exist")
            .is_some()
    );
    assert!(h.query_by_label("Problem").is_some());
    assert!(h.get_by_label("E-mail address").is_focused());
    // Only the address is to be corrected: the password is still there.
    assert!(!h.get_by_label("Next").accesskit_node().is_disabled());
}

/// When nothing can be taken on to a mail program, the bar's primary action
/// is another try (Enter starts it), and the page has no second copy of it.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn a_failed_check_offers_to_try_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(Lang::En, bed_trust(), 10, dir.path()));
    run_to_result(&mut h, "taro@untrusted.test");
    assert!(h.query_by_label("Sending does not work yet").is_some());
    assert!(h.query_by_label("Set up my mail program").is_none());
    assert_eq!(h.query_all_by_label("Try again").count(), 1);
    h.key_press(egui::Key::Enter);
    h.step();
    assert_eq!(h.state().page(), Page::Checking);
    step_until(&mut h, Page::Result, Duration::from_secs(60));
}

/// Offline, with the ISP's preset: its settings are offered, said to be
/// untested, and can be taken on to a mail program. Runs itself again in the
/// bed's `msoff` namespace (a computer with no network at all).
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn offline_the_isps_preset_is_offered_untested() {
    const NAME: &str = "offline_the_isps_preset_is_offered_untested";
    if std::env::var_os("MAILSETUP_TEST_IN_MSOFF").is_none() {
        let out = std::process::Command::new("ip")
            .args(["netns", "exec", "msoff"])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", NAME, "--include-ignored", "--test-threads", "1"])
            .env("MAILSETUP_TEST_IN_MSOFF", "1")
            .output()
            .expect("ip netns exec msoff");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("mailsetup-preset.xml");
    std::fs::write(
        &preset,
        r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="s587.test"><domain>s587.test</domain>
  <displayName>Bed Net</displayName>
  <incomingServer type="imap"><hostname>imap.both.test</hostname><port>993</port>
    <socketType>SSL</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.both.test</hostname><port>587</port>
    <socketType>STARTTLS</socketType><authentication>password-cleartext</authentication>
    <username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#,
    )
    .unwrap();
    let mut cfg = config(Lang::En, bed_trust(), 10, dir.path());
    cfg.preset = Some(mailsetup::discover::preset::info(&preset).unwrap());
    let mut h = harness(cfg);
    run_to_result(&mut h, "saburo@s587.test");
    assert!(
        h.query_by_label("Your provider's settings are ready (not tested yet)")
            .is_some()
    );
    // The way on to the mail program is open (Enter takes it).
    assert!(h.query_by_label("Set up my mail program").is_some());
    enter_through_export(&mut h);
    let saved = std::fs::read_to_string(dir.path().join("config-v1.1.xml")).unwrap();
    assert!(
        saved.contains("smtp.both.test") && saved.contains("imap.both.test"),
        "{saved}"
    );
    assert!(h.query_by_label_contains("UNTESTED").is_some());
}
