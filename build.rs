//! Two things are made at build time: the copy of Thunderbird's ISP database
//! compiled into the program (every `assets/ispdb/*.xml`, deflate-compressed),
//! and for the Windows .exe the icon and a version resource (what Explorer
//! shows under Properties → Details).

use std::io::Write;

/// `name NUL document NUL` for every provider file, in name order, compressed.
fn bundle_ispdb() {
    println!("cargo::rerun-if-changed=assets/ispdb");
    let mut names: Vec<_> = std::fs::read_dir("assets/ispdb")
        .expect("assets/ispdb is part of the source")
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    names.sort();
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("ispdb.deflate");
    let file = std::fs::File::create(&out).expect("OUT_DIR is writable");
    let mut z = flate2::write::DeflateEncoder::new(file, flate2::Compression::best());
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = std::fs::read(&path).expect("a readable provider file");
        assert!(!doc.contains(&0), "{name}: a NUL byte in an XML file");
        z.write_all(name.as_bytes()).unwrap();
        z.write_all(&[0]).unwrap();
        z.write_all(&doc).unwrap();
        z.write_all(&[0]).unwrap();
    }
    z.finish().expect("the bundle is written");
}

fn main() {
    bundle_ispdb();
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
