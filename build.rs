//! The Windows .exe carries the icon and a version resource (what Explorer
//! shows under Properties → Details). Nothing to do for other targets.

fn main() {
    println!("cargo::rerun-if-changed=assets/icon/mailsetup.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon/mailsetup.ico")
        .set("ProductName", "mailsetup")
        .set(
            "FileDescription",
            "mailsetup — メール設定ウィザード (mail setup wizard)",
        )
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set_language(0x0411); // Japanese (Japan)
    if let Err(e) = res.compile() {
        // Shipping an .exe without its icon by accident is worse than stopping.
        eprintln!(
            "cannot add the icon and version resource to the .exe: {e}\n\
             (cross-compiling needs mingw's windres: apt-get install gcc-mingw-w64-x86-64)"
        );
        std::process::exit(1);
    }
}
