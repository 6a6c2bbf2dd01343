//! The floor for `benches/gui.sh`: an empty eframe window with the same
//! renderer and the same measurement as the wizard, so the benchmark can tell
//! what the toolkit and the graphics driver take from what the wizard adds.

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

struct Bare {
    frames: u64,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Hello");
        });
        self.frames += 1;
        if self.frames == 1 {
            println!("rss_kib {}", resident_kib());
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn main() {
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default().with_inner_size([760.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(|_| Ok(Box::new(Bare { frames: 0 }))),
    )
    .expect("a window opens");
}
