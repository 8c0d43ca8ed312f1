//! The repository stands alone: no file of it names documents or paths a
//! user does not have (the materials the project was built from, or a
//! path of the machine it was built on). Figures live in `docs/sources.md`,
//! the model in `docs/model.md`.

use std::path::{Path, PathBuf};

/// Every file of the project: `git ls-files` where the tree is a checkout,
/// else every file under the crate root but `target/`.
fn project_files(root: &Path) -> Vec<PathBuf> {
    let listed = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success() && !o.stdout.is_empty());
    if let Some(out) = listed {
        return out
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
            .collect();
    }
    eprintln!("note: not a git checkout; walking the tree instead");
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name == ".git" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn no_file_names_what_a_user_does_not_have() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Spelled in pieces, so that this file does not name them itself.
    let forbidden: Vec<String> = [
        ["MODEL", ".md"],
        ["SOLVING", ".md"],
        ["DOMAIN", ".md"],
        ["../", "shared"],
        ["/work", "/"],
    ]
    .iter()
    .map(|p| p.concat())
    .collect();
    let files = project_files(root);
    assert!(files.len() > 50, "{} files found", files.len());
    let mut found = Vec::new();
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (n, line) in text.lines().enumerate() {
            for f in &forbidden {
                if line.contains(f.as_str()) {
                    found.push(format!(
                        "{}:{}: {f}",
                        file.strip_prefix(root).unwrap_or(&file).display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "outside documents named:\n{}",
        found.join("\n")
    );
}
