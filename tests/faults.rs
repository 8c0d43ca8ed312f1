//! Faults around the run, not in the scenario: standard output on a full
//! disk or a closed pipe, output targets that must not be replaced, writers
//! racing or killed, threads and memory that cannot be had, signals, and
//! command-line misuse. One test per row of the hostile-input issue that
//! is not a bad scenario (those are in `bad_inputs.rs`).
//!
//! `HIFPLAN_BIN=path/to/hifplan cargo test --test faults` runs the
//! command-line cases against another build (to see them fail on the code
//! before the fixes).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const KNAPSACK: &str = "scenarios/examples/knapsack.yaml";

fn bin() -> PathBuf {
    std::env::var_os("HIFPLAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| assert_cmd::cargo::cargo_bin!("hifplan").to_path_buf())
}

fn hifplan() -> Command {
    let mut c = Command::new(bin());
    c.current_dir(common::root())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    c
}

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let out = cmd.output().expect("hifplan runs");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn no_panic(o: &Out) {
    assert!(
        !o.stderr.contains("panicked") && o.code != Some(101) && o.code != Some(134),
        "exit {:?}:\n{}",
        o.code,
        o.stderr
    );
}

/// Entries of `dir` whose names start with `.hifplan-`: staging.
fn staging(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".hifplan-"))
        .collect()
}

// ---------------------------------------------------------------- row 2

/// A full disk on standard output is an error, never a truncated document
/// with exit 0.
#[cfg(target_os = "linux")]
#[test]
fn stdout_on_a_full_disk_is_an_error() {
    let full = || {
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        vec!["generate", "--regions", "2000"],
        vec!["run", KNAPSACK, "--format", "json"],
        vec![
            "sweep",
            KNAPSACK,
            "--vary",
            "fund.opening_reserve=0,10,20",
            "--format",
            "csv",
        ],
        vec!["resolve", KNAPSACK],
    ] {
        let o = run(hifplan().args(&args).stdout(full()));
        no_panic(&o);
        assert_eq!(o.code, Some(74), "{args:?}: {}", o.stderr);
        assert!(
            o.stderr
                .contains("cannot write to standard output: No space left on device"),
            "{args:?}: {}",
            o.stderr
        );
    }
}

/// The same on a small filesystem that fills up part-way (64 KiB tmpfs):
/// the exit says so; `--out` leaves nothing, not even staging.
#[cfg(target_os = "linux")]
#[test]
fn a_filesystem_that_fills_up_part_way() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (not root?)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let target = std::fs::File::create(mnt.join("stdout.yaml")).unwrap();
    let o = run(hifplan()
        .args(["generate", "--regions", "2000"])
        .stdout(target));
    no_panic(&o);
    assert_eq!(o.code, Some(74), "{}", o.stderr);
    assert!(o.stderr.contains("No space left on device"), "{}", o.stderr);
    std::fs::remove_file(mnt.join("stdout.yaml")).unwrap();

    let o = run(hifplan()
        .args(["generate", "--regions", "2000", "--out"])
        .arg(mnt.join("g.yaml")));
    no_panic(&o);
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("No space left on device"), "{}", o.stderr);
    let left: Vec<_> = std::fs::read_dir(&mnt).unwrap().collect();
    assert!(left.is_empty(), "left on the full disk: {left:?}");
}

/// A closed pipe is a quiet stop (exit 141 as for SIGPIPE), not an error
/// message and not exit 0.
#[test]
fn a_closed_pipe_is_a_quiet_stop() {
    let mut child = hifplan()
        .args(["generate", "--regions", "3000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(141), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// A message that cannot be written to standard error turns success into
/// exit 74: nothing said is silently lost.
#[cfg(target_os = "linux")]
#[test]
fn stderr_on_a_full_disk_is_not_success() {
    let tmp = tempfile::tempdir().unwrap();
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = run(hifplan()
        .args(["run", KNAPSACK, "--out"])
        .arg(tmp.path().join("r"))
        .stdout(Stdio::null())
        .stderr(full));
    assert_eq!(o.code, Some(74));
    assert!(tmp.path().join("r/result.json").is_file());
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = run(hifplan().args(["check", "missing.yaml"]).stderr(full));
    assert_eq!(o.code, Some(2));
}

// ---------------------------------------------------------------- row 4

/// `--force` replaces only a regular file or an earlier result: never a
/// device, a file where a directory goes, or a foreign directory. The
/// refusal does not suggest `--force`.
#[test]
fn force_replaces_only_what_hifplan_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let foreign = tmp.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("holiday.jpg"), b"jpg").unwrap();
    let o = run(hifplan()
        .args(["run", KNAPSACK, "--force", "--out"])
        .arg(&foreign));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(
        o.stderr.contains("is not a hifplan result") && !o.stderr.contains("pass --force"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read(foreign.join("holiday.jpg")).unwrap(), b"jpg");

    let notes = tmp.path().join("notes.txt");
    std::fs::write(&notes, b"keep").unwrap();
    let o = run(hifplan()
        .args(["run", KNAPSACK, "--force", "--out"])
        .arg(&notes));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("is a regular file"), "{}", o.stderr);
    assert_eq!(std::fs::read(&notes).unwrap(), b"keep");

    // A regular file may be replaced by a file output.
    let o = run(hifplan()
        .args(["generate", "--regions", "2", "--force", "--out"])
        .arg(&notes));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(
        std::fs::read_to_string(&notes)
            .unwrap()
            .contains("regions:")
    );

    // An earlier result may be replaced, and without --force the message
    // says how.
    let result = tmp.path().join("result");
    assert_eq!(
        run(hifplan().args(["run", KNAPSACK, "--out"]).arg(&result)).code,
        Some(0)
    );
    let o = run(hifplan().args(["run", KNAPSACK, "--out"]).arg(&result));
    assert_eq!(o.code, Some(2));
    assert!(o.stderr.contains("pass --force"), "{}", o.stderr);
    let o = run(hifplan()
        .args(["run", KNAPSACK, "--force", "--out"])
        .arg(&result));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(staging(tmp.path()).is_empty(), "{:?}", staging(tmp.path()));
}

/// A device node is never replaced (as root, the old code replaced it).
#[cfg(target_os = "linux")]
#[test]
fn force_never_replaces_a_device() {
    let tmp = tempfile::tempdir().unwrap();
    let dev = tmp.path().join("null.yaml");
    let c = std::ffi::CString::new(dev.to_str().unwrap()).unwrap();
    // SAFETY: a valid path; a character device 1:3 is /dev/null's twin.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made != 0 {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let o = run(hifplan()
        .args(["generate", "--regions", "2", "--force", "--out"])
        .arg(&dev));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("is a character device"), "{}", o.stderr);
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&dev)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

// ---------------------------------------------------------------- row 5

/// Two writers of the same `--out` at once, without `--force`: one wins,
/// the other is told the target exists. Never both "wrote".
#[test]
fn racing_writers_never_both_win() {
    let tmp = tempfile::tempdir().unwrap();
    for round in 0..6 {
        let out = tmp.path().join(format!("r{round}"));
        let spawn = || {
            hifplan()
                .args(["run", KNAPSACK, "--format", "json", "--out"])
                .arg(&out)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let results = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let codes: Vec<Option<i32>> = results.iter().map(|r| r.status.code()).collect();
        let wins = codes.iter().filter(|c| **c == Some(0)).count();
        assert_eq!(wins, 1, "round {round}: exits {codes:?}");
        let loser = results.iter().find(|r| r.status.code() != Some(0)).unwrap();
        assert_eq!(loser.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&loser.stderr).contains("already exists"));
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("result.json")).unwrap()).unwrap();
        assert_eq!(json["status"], "optimal");
    }
    assert!(staging(tmp.path()).is_empty(), "{:?}", staging(tmp.path()));
}

// ---------------------------------------------------------------- row 6

/// Staging left by a killed writer is removed by the next write in the
/// same directory; staging of a live writer is not.
#[test]
fn staging_of_killed_writers_is_cleaned_up() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // PIDs beyond pid_max (at most 2^22) run no process.
    let dead = dir.join(".hifplan-stage-2147483000-ab12cd");
    std::fs::create_dir(&dead).unwrap();
    std::fs::write(dead.join("result.json"), b"{").unwrap();
    std::fs::write(dir.join(".hifplan-old-2147483001-zz"), b"old").unwrap();
    // A legacy staging file (no PID) two hours old.
    let legacy = dir.join(".hifplan-out-Ab3dE9");
    std::fs::create_dir(&legacy).unwrap();
    let two_hours = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::open(&legacy)
        .unwrap()
        .set_modified(two_hours)
        .unwrap();
    let live = dir.join(format!(".hifplan-stage-{}-mine", std::process::id()));
    std::fs::write(&live, b"in progress").unwrap();
    let o = run(hifplan()
        .args(["run", KNAPSACK, "--out"])
        .arg(dir.join("result")));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let mut left = staging(dir);
    left.sort();
    assert_eq!(left, vec![live.file_name().unwrap().to_string_lossy()]);
}

/// A writer killed at any moment leaves the target absent or complete,
/// and the next writer leaves no staging behind.
#[cfg(unix)]
#[test]
fn a_writer_killed_mid_write_never_leaves_half_a_result() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    for delay_ms in [0u64, 5, 20, 60, 150] {
        let mut child = hifplan()
            .args(["run", KNAPSACK, "--force", "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if out.exists() {
            let json: serde_json::Value =
                serde_json::from_slice(&std::fs::read(out.join("result.json")).unwrap())
                    .expect("a complete result.json");
            assert_eq!(json["status"], "optimal");
            assert!(out.join("report.txt").is_file());
        }
    }
    let o = run(hifplan()
        .args(["run", KNAPSACK, "--force", "--out"])
        .arg(&out));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(staging(tmp.path()).is_empty(), "{:?}", staging(tmp.path()));
}

/// `--out .` names no new directory: refused before anything is written.
#[test]
fn out_dot_is_refused_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join(KNAPSACK), tmp.path().join("k.yaml")).unwrap();
    for target in [".", "..", "./"] {
        let o = run(hifplan()
            .current_dir(tmp.path())
            .args(["run", "k.yaml", "--force", "--out", target]));
        assert_eq!(o.code, Some(2), "{target}: {}", o.stderr);
        assert!(
            o.stderr.contains("names no new file or directory"),
            "{target}: {}",
            o.stderr
        );
    }
    assert!(staging(tmp.path()).is_empty(), "{:?}", staging(tmp.path()));
}

// ---------------------------------------------------------------- row 7

/// Several files at distinct paths are written all or nothing (what
/// `export --lp A --mps B` needs): B failing leaves no A.
#[test]
fn several_files_are_written_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("model.lp");
    let b = tmp.path().join("model.mps");
    std::fs::create_dir(&b).unwrap();
    std::fs::write(b.join("keep"), b"x").unwrap();
    let files = vec![(a.clone(), b"lp".to_vec()), (b.clone(), b"mps".to_vec())];
    let err = hifplan::output::write_files(&files, true, &[]).unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert!(!a.exists(), "A must not be left written");
    assert!(staging(tmp.path()).is_empty());
    std::fs::remove_dir_all(&b).unwrap();
    hifplan::output::write_files(&files, false, &[]).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), b"lp");
    assert_eq!(std::fs::read(&b).unwrap(), b"mps");
}

// ---------------------------------------------------------------- row 9

/// With no thread to be had (`ulimit -u 1` for an unprivileged user),
/// everything runs on the main thread: no panic, the same answer.
#[cfg(target_os = "linux")]
#[test]
fn no_threads_means_sequential_not_a_panic() {
    let is_root = unsafe { libc::geteuid() } == 0;
    let setpriv = Path::new("/usr/bin/setpriv");
    if !is_root || !setpriv.exists() {
        eprintln!("skipped: needs root and setpriv to drop to a user limited to one process");
        return;
    }
    // The binary and the scenario must be readable by `nobody`.
    let tmp = tempfile::tempdir().unwrap();
    let bin_copy = tmp.path().join("hifplan");
    std::fs::copy(bin(), &bin_copy).unwrap();
    std::fs::copy(common::root().join(KNAPSACK), tmp.path().join("k.yaml")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    for p in [tmp.path(), bin_copy.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(
        tmp.path().join("k.yaml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    for args in [
        "run k.yaml --format json",
        "sweep k.yaml --vary fund.opening_reserve=0,10,20 --format csv",
    ] {
        let script = format!("ulimit -u 1; exec {} {args}", bin_copy.display());
        let o = run(Command::new(setpriv)
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "bash",
                "-c",
            ])
            .arg(&script)
            .current_dir(tmp.path())
            .stdin(Stdio::null()));
        no_panic(&o);
        assert_eq!(o.code, Some(0), "{args}: {}", o.stderr);
        assert!(o.stdout.contains("optimal"), "{args}: {}", o.stdout);
    }
}

/// Memory that cannot be had is an error message and exit 71, not an
/// abort.
#[cfg(target_os = "linux")]
#[test]
fn out_of_memory_is_an_error_not_an_abort() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.yaml");
    let o = run(hifplan()
        .args(["generate", "--regions", "20000", "--years", "10", "--out"])
        .arg(&big));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let script = format!(
        "ulimit -v 60000; exec {} check {}",
        bin().display(),
        big.display()
    );
    let o = run(Command::new("bash")
        .args(["-c", &script])
        .stdin(Stdio::null()));
    no_panic(&o);
    assert_eq!(o.code, Some(71), "{}", o.stderr);
    assert!(o.stderr.contains("error: out of memory"), "{}", o.stderr);
}

// ---------------------------------------------------------------- row 10, 13, 16: --set

#[test]
fn set_arguments_are_refused_where_they_are_wrong() {
    for (arg, expect) in [
        ("extends=nonexistent.yaml", "`extends` cannot be set"),
        ("fund.revenue=", "gives no value"),
        ("years=null", "missing required key `years`"),
        (
            "fund.curative_spending=null",
            "missing required key `curative_spending`",
        ),
        ("\"fund.revenue\"=5", "unknown key `fund.revenue`"),
    ] {
        let o = run(hifplan().args(["check", KNAPSACK, "--set", arg]));
        no_panic(&o);
        assert_eq!(o.code, Some(2), "{arg}: {}", o.stderr);
        assert!(o.stderr.contains(expect), "{arg}: {}", o.stderr);
        // Located at the --set, not in the file.
        let at_set = o.stderr.contains("--> --set #1:1:");
        let unknown_key = expect.starts_with("unknown key");
        assert!(at_set || unknown_key, "{arg}: {}", o.stderr);
    }
    // A quoted key is one key (the unquoted form splits at the dots).
    let o = run(hifplan().args([
        "resolve",
        KNAPSACK,
        "--set",
        "programs[checkup_a].\"name\"=quoted",
    ]));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(o.stdout.contains("name: quoted"), "{}", o.stdout);
}

// ---------------------------------------------------------------- row 12

/// SIGTERM to a sweep is handled as SIGINT: the finished points are
/// printed, then exit 143.
#[cfg(unix)]
#[test]
fn sigterm_to_a_sweep_prints_the_finished_points() {
    let child = hifplan()
        .args([
            "sweep",
            "scenarios/roadmap.yaml",
            "--vary",
            "fund.premium_rate.2027=0.04:0.07:0.00001",
            "--format",
            "csv",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // SAFETY: the child is ours and still running.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    let text = String::from_utf8_lossy(&out.stdout);
    let solved = text.lines().filter(|l| l.contains(",optimal,")).count();
    let cancelled = text.lines().filter(|l| l.contains(",cancelled,")).count();
    assert!(
        solved > 0 && cancelled > 0,
        "solved {solved}, cancelled {cancelled}"
    );
    assert!(stderr.contains("terminated (SIGTERM)"), "{stderr}");
}

/// SIGTERM to `sensitivity`, which cannot stop half-way: a message and
/// exit 143, nothing on standard output.
#[cfg(unix)]
#[test]
fn sigterm_to_sensitivity_says_so() {
    let child = hifplan()
        .args(["sensitivity", "scenarios/roadmap.yaml", "--steps", "50"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // SAFETY: the child is ours and still running.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    // What was solved is printed, and what was not is said.
    assert!(stdout.contains("Sensitivity of roadmap"), "{stdout}");
    assert!(stdout.contains("not solved"), "{stdout}");
    assert!(stderr.contains("terminated (SIGTERM)"), "{stderr}");
}

// ---------------------------------------------------------------- row 16: misuse

#[test]
fn misused_flags_are_refused_not_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, expect) in [
        (
            vec!["run", KNAPSACK, "--table", "years"],
            "--table chooses the table printed by --format csv",
        ),
        (
            vec!["run", KNAPSACK, "--force"],
            "--force replaces the directory",
        ),
        (vec!["generate", "--force"], "--force replaces the file"),
        (
            vec![
                "sweep",
                KNAPSACK,
                "--vary",
                "fund.opening_reserve=0:1e300:1",
            ],
            "beyond the limit of 100000 points",
        ),
        (
            vec![
                "generate",
                "--regions",
                "20000",
                "--programs",
                "200",
                "--years",
                "50",
            ],
            "coverage variables, beyond the limit",
        ),
    ] {
        let o = run(hifplan().args(&args));
        no_panic(&o);
        assert_eq!(o.code, Some(2), "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(expect), "{args:?}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "{args:?}: {}", o.stdout);
    }
    // A dangling link is neither followed nor replaced.
    #[cfg(unix)]
    {
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &link).unwrap();
        let o = run(hifplan().args(["run", KNAPSACK, "--out"]).arg(&link));
        assert_eq!(o.code, Some(2), "{}", o.stderr);
        assert!(o.stderr.contains("is a symbolic link"), "{}", o.stderr);
        assert!(!tmp.path().join("nowhere").exists());
    }
}

/// The solver's advice (a model too large for Clarabel) is said on
/// standard error, not only in the report on standard output.
#[test]
fn solver_errors_are_said_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("big.yaml");
    let o = run(hifplan()
        .args(["generate", "--regions", "1200", "--years", "5", "--out"])
        .arg(&file));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let o = run(hifplan().args(["run", "--solver", "clarabel"]).arg(&file));
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(
        o.stderr.contains("error: the model has") && o.stderr.contains("use --solver highs"),
        "{}",
        o.stderr
    );
}

// ---------------------------------------------------------------- task 4

/// `--out DIR` creates missing parents (a fresh clone has no `results/`).
#[test]
fn out_creates_missing_parent_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("results").join("roadmap");
    let o = run(hifplan()
        .args(["run", "scenarios/roadmap.yaml", "--out"])
        .arg(&out)
        .stdout(Stdio::null()));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(out.join("result.json").is_file());
    let report = tmp.path().join("reports").join("a").join("r.html");
    let o = run(hifplan().args(["report", KNAPSACK, "--out"]).arg(&report));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(report.is_file());
}

/// A workbook that cannot be made (a cell over Excel's 32,767 characters:
/// here a scenario description of 40,000) is an error that says so, with
/// nothing printed and no directory written, not a workbook saying it
/// failed.
#[test]
fn a_workbook_that_cannot_be_made_is_an_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join("scenarios/examples/knapsack.yaml"))
        .unwrap()
        .replace(
            "description: Fractional knapsack (docs/model.md, the worked check), solved by hand above.",
            &format!("description: {}", "x".repeat(40_000)),
        );
    assert!(text.len() > 40_000);
    let file = tmp.path().join("long.yaml");
    std::fs::write(&file, text).unwrap();
    let o = run(hifplan().arg("run").arg(&file).args(["--format", "xlsx"]));
    no_panic(&o);
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(o.stdout.is_empty(), "printed {} bytes", o.stdout.len());
    assert!(
        o.stderr.contains("The workbook could not be written"),
        "{}",
        o.stderr
    );
    let out = tmp.path().join("out");
    let o = run(hifplan().arg("run").arg(&file).arg("--out").arg(&out));
    no_panic(&o);
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(!out.exists(), "a directory was written");
    assert!(staging(tmp.path()).is_empty());
    // The other views of the same run are unaffected.
    let o = run(hifplan().arg("run").arg(&file).args(["--format", "json"]));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
}
