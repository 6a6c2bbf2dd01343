// A double-clicked wizard opens no console window on Windows; commands typed in a
// console still print there (see `attach_console`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

mod cli;

use clap::Parser;

/// On Windows, a GUI-subsystem program has no console: borrow the parent's
/// when started from one with a command, so `mailsetup detect` prints there.
#[cfg(windows)]
fn attach_console() {
    if std::env::args_os().len() > 1 {
        use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
        // SAFETY: a plain Win32 call with a constant argument; failure (no parent
        // console) is harmless and simply leaves output unattached.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

#[cfg(not(windows))]
fn attach_console() {}

fn main() {
    mailsetup::gui::mark_process_start();
    attach_console();
    let cli = cli::Cli::parse();
    std::process::exit(cli::run(cli));
}
