//! The layering, checked by reading every `crate::`, `super::` and `self::`
//! path in `src/`: no two source files import each other (directly or round
//! a loop), the plain-data layer (`model`) imports nothing above it, `i18n`
//! only the data layer, and nothing in the core imports the GUI.
//!
//! A file may use items of its own parent module (`super::X` from a child),
//! as Rust's module tree makes it a part of its parent; every other edge
//! counts, a parent's `mod child;` included (it re-exports what it declares).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// module path ("probe::smtp", "detect", "crate") → its source text, tests cut.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            // The binary (main.rs, cli.rs) reaches the library as `mailsetup::`.
            let binary = ["main.rs", "cli.rs"].iter().any(|b| path.ends_with(b));
            if path.extension().is_none_or(|e| e != "rs") || binary {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = match parts.as_slice() {
                [one] if one == "lib" => "crate".to_string(),
                _ => parts.join("::"),
            };
            let text = std::fs::read_to_string(&path).unwrap();
            // The unit tests sit at the end of a file, after `#[cfg(test)]`.
            let code = match text.find("#[cfg(test)]\nmod ") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            out.insert(name, code);
        }
    }
    out
}

/// Every `crate::a::b`, `super::x` or `self::y` path in `code`, with `{…}`
/// groups expanded to their first segment.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .any(|p| bytes[i..].starts_with(p.as_bytes()));
        if !starts || (i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        // Read `seg::seg::…`.
        let mut j = i;
        while j < bytes.len() && (is_ident(bytes[j]) || bytes[j] == b':') {
            j += 1;
        }
        let prefix = code[i..j].trim_end_matches(':').to_string();
        if code[j..].starts_with('{') && code[..j].ends_with("::") {
            // A group: `prefix::{a, b::c, d::{e, f}}`.
            let mut depth = 0;
            let mut end = j;
            for (k, c) in code[j..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = j + k;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &code[j + 1..end];
            let mut depth = 0;
            let mut item = String::new();
            for c in inner.chars().chain(std::iter::once(',')) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let first = item.split("::").next().unwrap_or("").trim();
                        let first = first.split_whitespace().next().unwrap_or("");
                        if !first.is_empty() && first != "self" {
                            out.push(format!("{prefix}::{first}"));
                        }
                        out.push(prefix.clone());
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            i = end;
        } else {
            out.push(prefix);
            i = j;
        }
    }
    out
}

/// The module a path names: the longest prefix that is a module file.
fn resolve(
    from: &str,
    path: &str,
    mods: &BTreeMap<String, String>,
    dirs: &BTreeSet<String>,
) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let here: Vec<&str> = if from == "crate" {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    // A `mod.rs` (or lib.rs) is its own folder; any other file sits in its parent's.
    let folder: Vec<&str> = if dirs.contains(from) || from == "crate" {
        here.clone()
    } else {
        here[..here.len() - 1].to_vec()
    };
    let mut base: Vec<&str> = match parts[0] {
        "crate" => {
            parts.remove(0);
            Vec::new()
        }
        "self" => {
            parts.remove(0);
            folder
        }
        _ => {
            let mut b = folder;
            while parts.first() == Some(&"super") {
                parts.remove(0);
                b.pop();
            }
            b
        }
    };
    let mut best = None;
    for n in 0..=parts.len() {
        let candidate: Vec<&str> = base.iter().chain(&parts[..n]).copied().collect();
        let name = if candidate.is_empty() {
            "crate".to_string()
        } else {
            candidate.join("::")
        };
        if mods.contains_key(&name) {
            best = Some(name);
        }
    }
    base.clear();
    best
}

/// module → the modules it imports (its own ancestors excluded).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let dirs: BTreeSet<String> = mods
        .keys()
        .filter(|m| mods.keys().any(|o| o.starts_with(&format!("{m}::"))))
        .cloned()
        .collect();
    let mut g = BTreeMap::new();
    for (m, code) in &mods {
        let mut edges = BTreeSet::new();
        // A parent depends on the children it declares (and re-exports).
        for line in code.lines() {
            let decl = line
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            if let Some(child) = decl.strip_prefix("mod ").and_then(|c| c.strip_suffix(';')) {
                let child = if m == "crate" {
                    child.to_string()
                } else {
                    format!("{m}::{child}")
                };
                if mods.contains_key(&child) {
                    edges.insert(child);
                }
            }
        }
        for p in paths(code) {
            let Some(to) = resolve(m, &p, &mods, &dirs) else {
                continue;
            };
            let ancestor = to == "crate" || m.starts_with(&format!("{to}::"));
            if to != *m && !ancestor {
                edges.insert(to);
            }
        }
        g.insert(m.clone(), edges);
    }
    g
}

/// A loop through `start`, if there is one.
fn cycle_from(g: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, trail)) = stack.pop() {
        for next in &g[&node] {
            if next == start {
                let mut t = trail.clone();
                t.push(start.to_string());
                return Some(t);
            }
            if seen.insert(next.clone()) {
                let mut t = trail.clone();
                t.push(next.clone());
                stack.push((next.clone(), t));
            }
        }
    }
    None
}

#[test]
fn no_two_source_files_import_each_other() {
    let g = graph();
    assert!(g.len() > 50, "the source tree was not read: {:?}", g.keys());
    let loops: Vec<String> = g
        .keys()
        .filter_map(|m| cycle_from(&g, m))
        .map(|t| t.join(" → "))
        .collect();
    assert!(loops.is_empty(), "import cycles:\n{}", loops.join("\n"));
}

#[test]
fn the_data_layer_imports_nothing_above_it() {
    let g = graph();
    for (m, edges) in &g {
        if m == "model" || m.starts_with("model::") {
            for to in edges {
                assert!(
                    to.starts_with("model") || to.starts_with("account"),
                    "{m} imports {to}, above the data layer"
                );
            }
        }
    }
}

#[test]
fn sentences_are_made_from_the_data_layer_only() {
    let g = graph();
    for (m, edges) in &g {
        if m == "i18n" || m.starts_with("i18n::") {
            for to in edges {
                assert!(
                    to.starts_with("model") || to.starts_with("account") || to.starts_with("i18n"),
                    "{m} imports {to}: i18n may only read the data layer"
                );
            }
        }
    }
}

#[test]
fn the_core_knows_nothing_of_the_wizard() {
    let g = graph();
    for (m, edges) in &g {
        if m.starts_with("gui") || m == "crate" {
            continue;
        }
        assert!(
            !edges.iter().any(|to| to.starts_with("gui")),
            "{m} imports the wizard"
        );
    }
    let core =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/model/mod.rs")).unwrap();
    assert!(!core.contains("egui"));
}

#[test]
fn the_checker_sees_a_loop_when_there_is_one() {
    // The same reading on a made-up pair of files that import each other.
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(cycle_from(&g, "a").is_some());
    assert!(cycle_from(&g, "c").is_none());
    assert_eq!(
        paths("use crate::model::{Server, attempt::Detail};\nuse super::gate::Gate;"),
        [
            "crate::model::Server",
            "crate::model",
            "crate::model::attempt",
            "crate::model",
            "super::gate::Gate"
        ]
    );
}
