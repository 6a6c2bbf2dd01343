mod cli;

use clap::Parser;

fn main() {
    mailsetup::gui::mark_process_start();
    let cli = cli::Cli::parse();
    std::process::exit(cli::run(cli));
}
