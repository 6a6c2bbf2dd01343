//! Which program and which computer a support report comes from.

/// The program's version and the operating system, for a support report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub version: String,
    /// The system's own name for itself where it has one
    /// ("Debian GNU/Linux 12 (bookworm)"), then the platform ("linux x86_64").
    pub os: String,
}

impl About {
    pub fn this_computer() -> About {
        let platform = format!("{} {}", std::env::consts::OS, std::env::consts::ARCH);
        let os = match os_release_name() {
            Some(name) => format!("{name} ({platform})"),
            None => platform,
        };
        About {
            version: env!("CARGO_PKG_VERSION").to_string(),
            os,
        }
    }
}

/// PRETTY_NAME from os-release (freedesktop.org), on systems that have it.
fn os_release_name() -> Option<String> {
    let text = ["/etc/os-release", "/usr/lib/os-release"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())?;
    let value = text
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))?
        .trim()
        .trim_matches('"')
        .trim();
    // Only printable text, bounded: it goes into a report a person reads.
    let clean: String = value.chars().filter(|c| !c.is_control()).take(80).collect();
    (!clean.is_empty()).then_some(clean)
}
