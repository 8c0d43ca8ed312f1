//! Bad scenarios must be refused cleanly: exit status 2, nothing on stdout,
//! nothing written, no panic, and a message on stderr that names the file,
//! the line and column, and the key path, and says what was expected.
//!
//! Every file in `tests/bad_inputs/` holds one deliberate defect. Its first
//! line is `# expect: TEXT`, a text the error must contain (usually the key
//! path). The whole stderr is pinned as an insta snapshot
//! (`tests/snapshots/bad_inputs__<file stem>.snap`).
//!
//! A file whose second line is `# known-gap: WHY` is a bad input that
//! hifplan does not refuse properly yet (it is accepted, or it panics). It
//! is run but not asserted; once hifplan refuses it with exit status 2, this
//! test fails until the marker is removed, so that the fix gets pinned by a
//! snapshot like the others.
//!
//! Further cases that cannot live in the corpus (non-UTF-8 bytes, an empty
//! file, a directory, a missing file, a file over the size limit, an
//! unreadable file) are generated at run time in a temporary directory.
//!
//! Accept new or changed snapshots with
//! `INSTA_UPDATE=always cargo test --test bad_inputs` (or `cargo insta review`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CORPUS: &str = "tests/bad_inputs";

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `hifplan ARGS` in `dir`.
fn hifplan(dir: &Path, args: &[&str]) -> Output {
    let out = Command::cargo_bin("hifplan")
        .expect("the hifplan binary is built")
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("hifplan runs");
    Output {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Whether `stderr` holds `path:LINE:COL`.
fn has_location(stderr: &str, path: &str) -> bool {
    let needle = format!("{path}:");
    stderr.match_indices(&needle).any(|(i, _)| {
        let rest = &stderr[i + needle.len()..];
        let line = rest.bytes().take_while(u8::is_ascii_digit).count();
        if line == 0 || rest.as_bytes().get(line) != Some(&b':') {
            return false;
        }
        rest[line + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count()
            > 0
    })
}

/// The checks every refusal must pass; `location` is false where no place
/// in a file can exist (a directory, a missing or unreadable file, …).
fn assert_refused(out: &Output, path: &str, location: bool, expect: &str) {
    let stderr = &out.stderr;
    assert!(
        !stderr.contains("panicked"),
        "{path}: hifplan panicked:\n{stderr}"
    );
    assert_eq!(
        out.code,
        Some(2),
        "{path}: expected exit status 2 (bad input)\nstderr:\n{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "{path}: expected nothing on stdout, found:\n{}",
        out.stdout
    );
    assert!(
        stderr.contains(path),
        "{path}: stderr does not name the file:\n{stderr}"
    );
    if location {
        assert!(
            has_location(stderr, path),
            "{path}: stderr has no `{path}:LINE:COL` location:\n{stderr}"
        );
    } else {
        assert!(
            stderr.contains(&format!("--> {path}")),
            "{path}: stderr does not point at the file with `--> {path}`:\n{stderr}"
        );
    }
    assert!(
        stderr.contains(expect),
        "{path}: stderr does not mention {expect:?}:\n{stderr}"
    );
}

/// `hifplan run FILE --out DIR` must refuse the file too, and create nothing.
fn assert_nothing_written(dir: &Path, path: &str) {
    let scratch = tempfile::tempdir().expect("temp dir");
    let out_dir = scratch.path().join("out");
    let out_arg = out_dir.to_str().expect("UTF-8 temp path");
    let out = hifplan(dir, &["run", path, "--out", out_arg]);
    assert!(
        !out.stderr.contains("panicked"),
        "{path}: `run` panicked:\n{}",
        out.stderr
    );
    assert_eq!(
        out.code,
        Some(2),
        "{path}: `run --out` should exit 2\nstderr:\n{}",
        out.stderr
    );
    assert!(
        !out_dir.exists(),
        "{path}: `run --out` created {}",
        out_dir.display()
    );
}

struct Case {
    path: PathBuf,
    stem: String,
    expect: String,
    known_gap: Option<String>,
}

fn corpus() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<Case> = std::fs::read_dir(root.join(CORPUS))
        .expect("tests/bad_inputs exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("corpus files are UTF-8");
            let mut lines = text.lines();
            let expect = lines
                .next()
                .and_then(|l| l.strip_prefix("# expect: "))
                .unwrap_or_else(|| panic!("{}: first line must be `# expect: …`", p.display()))
                .trim()
                .to_string();
            let known_gap = lines
                .next()
                .and_then(|l| l.strip_prefix("# known-gap: "))
                .map(|s| s.trim().to_string());
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            Case {
                stem: name.trim_end_matches(".yaml").to_string(),
                path: Path::new(CORPUS).join(name),
                expect,
                known_gap,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.stem.cmp(&b.stem));
    cases
}

/// Runs `f` and turns a failed assertion into an `Err` so that one bad
/// case does not hide the others.
fn collect(failures: &mut Vec<String>, name: &str, f: impl FnOnce()) {
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        failures.push(name.to_string());
    }
}

#[test]
fn every_bad_input_is_refused_with_a_located_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = corpus();
    assert!(
        cases.len() >= 50,
        "expected at least 50 bad inputs, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for case in &cases {
        let path = case.path.to_str().expect("UTF-8 path");
        if let Some(why) = &case.known_gap {
            let out = hifplan(root, &["check", path]);
            let fixed = out.code == Some(2) && !out.stderr.contains("panicked");
            if fixed {
                eprintln!(
                    "{path}: known gap fixed (exit 2 now); remove the `# known-gap:` line and accept the snapshot:\n{}",
                    out.stderr
                );
                failures.push(format!("{} (known gap fixed)", case.stem));
            } else {
                gaps.push(format!("{path}: {why} (exit {:?})", out.code));
            }
            continue;
        }
        collect(&mut failures, &case.stem, || {
            let out = hifplan(root, &["check", path]);
            assert_refused(&out, path, true, &case.expect);
            assert_nothing_written(root, path);
            insta::assert_snapshot!(case.stem.as_str(), out.stderr);
        });
    }
    // A snapshot left behind by a renamed or removed file, or by a case
    // that became a known gap, would go stale unnoticed.
    let live: Vec<String> = cases
        .iter()
        .filter(|c| c.known_gap.is_none())
        .map(|c| format!("bad_inputs__{}.snap", c.stem))
        .collect();
    for entry in std::fs::read_dir(root.join("tests/snapshots"))
        .into_iter()
        .flatten()
    {
        let name = entry.expect("readable entry").file_name();
        let name = name.to_string_lossy();
        let corpus_snap = name.starts_with("bad_inputs__")
            && name.ends_with(".snap")
            && !name.starts_with("bad_inputs__runtime_");
        if corpus_snap && !live.iter().any(|l| *l == name) {
            failures.push(format!("stale snapshot tests/snapshots/{name}"));
        }
    }
    if !gaps.is_empty() {
        eprintln!(
            "{} known gaps, not asserted:\n  {}",
            gaps.len(),
            gaps.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs failed: {}",
        failures.len(),
        cases.len(),
        failures.join(", ")
    );
}

/// Checks `hifplan check NAME` run from `dir`, and pins stderr as `snapshot`.
fn generated(
    failures: &mut Vec<String>,
    dir: &Path,
    name: &str,
    location: bool,
    expect: &str,
    snapshot: Option<&str>,
) {
    collect(failures, name, || {
        let out = hifplan(dir, &["check", name]);
        assert_refused(&out, name, location, expect);
        assert_nothing_written(dir, name);
        if let Some(snapshot) = snapshot {
            insta::assert_snapshot!(snapshot, out.stderr);
        }
    });
}

#[test]
fn unreadable_and_odd_files_are_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let mut failures = Vec::new();

    // Latin-1 "café" in an otherwise fine line: byte 0xE9 at line 2, column 10.
    std::fs::write(dir.join("latin1.yaml"), b"# a scenario\nname: caf\xe9\n").unwrap();
    generated(
        &mut failures,
        dir,
        "latin1.yaml",
        true,
        "not UTF-8",
        Some("runtime_non_utf8"),
    );

    std::fs::write(dir.join("empty.yaml"), b"").unwrap();
    generated(
        &mut failures,
        dir,
        "empty.yaml",
        true,
        "the file is empty",
        Some("runtime_empty_file"),
    );

    std::fs::create_dir(dir.join("scenario.yaml")).unwrap();
    generated(
        &mut failures,
        dir,
        "scenario.yaml",
        false,
        "is a directory",
        Some("runtime_directory"),
    );

    generated(
        &mut failures,
        dir,
        "missing.yaml",
        false,
        "no such file",
        Some("runtime_missing_file"),
    );

    // Sparse: 16 MiB + 1 byte of zeros costs no disk and no time; the size
    // is refused before anything is read.
    let big = std::fs::File::create(dir.join("big.yaml")).unwrap();
    big.set_len(16 * 1024 * 1024 + 1).unwrap();
    drop(big);
    generated(
        &mut failures,
        dir,
        "big.yaml",
        false,
        "beyond the limit of 16777216 bytes",
        Some("runtime_over_size_limit"),
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join("locked.yaml");
        std::fs::write(&p, "years: {from: 2026, to: 2026}\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        // As root, mode 000 does not stop reading: nothing to test then.
        // Not snapshotted: a snapshot could only be recorded where the case
        // runs, and it is skipped as root.
        if std::fs::read(&p).is_err() {
            generated(
                &mut failures,
                dir,
                "locked.yaml",
                false,
                "cannot read `locked.yaml`: permission denied",
                None,
            );
        } else {
            eprintln!("skipping the unreadable-file case: mode 000 is readable here (root?)");
        }
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    assert!(
        failures.is_empty(),
        "generated cases failed: {}",
        failures.join(", ")
    );
}

#[test]
fn the_location_pattern_is_recognised() {
    assert!(has_location("  --> a.yaml:12:3\n", "a.yaml"));
    assert!(!has_location("  --> a.yaml\n", "a.yaml"));
    assert!(!has_location("a.yaml:12\n", "a.yaml"));
    assert!(!has_location("a.yaml::3\n", "a.yaml"));
    assert!(!has_location("b.yaml:1:1\n", "a.yaml"));
}
