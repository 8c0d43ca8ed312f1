//! The command line as a user meets it: exit statuses, formats, files.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn hifplan() -> Command {
    let mut c = Command::cargo_bin("hifplan").expect("binary built");
    c.current_dir(common::root());
    c
}

const KNAPSACK: &str = "scenarios/examples/knapsack.yaml";

#[test]
fn run_prints_a_readable_report_and_exits_0() {
    hifplan()
        .args(["run", KNAPSACK])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Status: OPTIMAL. Objective: 35.0 DALYs",
        ))
        .stdout(predicate::str::contains("The fund per year (million VND)"))
        .stdout(predicate::str::contains("C4[2026]"))
        .stdout(predicate::str::contains("2026: avert 0.200 more DALYs"));
}

#[test]
fn json_is_the_documented_result() {
    let out = hifplan()
        .args(["run", KNAPSACK, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "status",
        "objective",
        "years",
        "sources",
        "allocations",
        "shadow_prices",
        "binding",
        "meta",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["status"], "optimal");
    // The canonical plan keeps the optimum within 1e-7 relative.
    assert!((v["objective"].as_f64().unwrap() - 35.0).abs() <= 1e-7 * 35.0 * 1.01);
    let meta = &v["meta"];
    assert_eq!(meta["scenario"], "knapsack");
    assert_eq!(meta["scenario_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(meta["solver"], "clarabel");
    assert!(
        meta["solver_version"]
            .as_str()
            .unwrap()
            .starts_with("clarabel 0.")
    );
    assert_eq!(meta["hifplan_version"], env!("CARGO_PKG_VERSION"));
    let year = &v["years"][0];
    for key in [
        "year",
        "revenue",
        "other_income",
        "curative_spending",
        "management_cost",
        "offsets",
        "hif_prevention",
        "reserve",
        "floor",
        "headroom",
        "months_of_reserve",
    ] {
        assert!(year.get(key).is_some(), "years[0] lacks {key}");
    }
}

#[test]
fn csv_prints_the_chosen_table() {
    hifplan()
        .args(["run", KNAPSACK, "--format", "csv", "--table", "years"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "year,tail,revenue (million VND),other_income (million VND),curative_spending (million VND)",
        ));
    hifplan()
        .args(["run", KNAPSACK, "--format", "csv"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "program,region,year,tail,coverage (share of the target population),persons (persons),spending (million VND),dalys_averted (DALYs),from_hif (million VND)",
        ));
}

#[test]
fn out_writes_every_file_once_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result");
    hifplan()
        .args(["run", KNAPSACK, "--out"])
        .arg(&out)
        .assert()
        .code(0);
    for f in [
        "result.json",
        "years.csv",
        "sources.csv",
        "allocations.csv",
        "shadow_prices.csv",
        "binding.csv",
        "status_quo.csv",
        "report.txt",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("result.json")).unwrap()).unwrap();
    assert_eq!(json["status"], "optimal");
    hifplan()
        .args(["run", KNAPSACK, "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    hifplan()
        .args(["run", KNAPSACK, "--force", "--out"])
        .arg(&out)
        .assert()
        .code(0);
}

#[test]
fn out_never_replaces_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.yaml");
    std::fs::copy(common::root().join(KNAPSACK), &scenario).unwrap();
    let before = std::fs::read(&scenario).unwrap();
    hifplan()
        .args(["run"])
        .arg(&scenario)
        .args(["--force", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would replace or hold the input"));
    assert_eq!(std::fs::read(&scenario).unwrap(), before);
}

#[test]
fn infeasible_exits_3_and_still_reports() {
    hifplan()
        .args(["run", "tests/cases/infeasible_status_quo.yaml"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("Status: INFEASIBLE"))
        .stdout(predicate::str::contains("falls below its floor in 2026"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    hifplan()
        .args([
            "run",
            "tests/cases/infeasible_status_quo.yaml",
            "--format",
            "json",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(3);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("result.json")).unwrap()).unwrap();
    assert_eq!(json["status"], "infeasible");
    assert!(json["objective"].is_null());
    assert_eq!(
        json["infeasibility"]["status_quo_first_breach"]["year"],
        2026
    );
}

#[test]
fn verify_flag_reports_the_checks() {
    hifplan()
        .args(["run", "tests/cases/c9_equity.yaml", "--verify"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("verified:").and(predicate::str::contains("checks of C1–C9")),
        );
}

#[test]
fn check_shows_the_balancing_capacity() {
    hifplan()
        .args(["check", "tests/cases/c3_c4_offsets_floor.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("valid (1 programmes"))
        .stdout(predicate::str::contains("Balancing capacity"))
        .stdout(predicate::str::contains("the tightest year is"));
    hifplan()
        .args(["check", "tests/cases/infeasible_status_quo.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("falls below its floor in 2026"));
}

#[test]
fn bad_input_exits_2_with_a_located_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(common::root().join(KNAPSACK))
        .unwrap()
        .replace("unit_cost: 20000", "unit_cost: lots");
    std::fs::write(&bad, text).unwrap();
    let out = dir.path().join("out");
    hifplan()
        .arg("run")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("programs[1].unit_cost"))
        .stderr(predicate::str::contains("bad.yaml:31:16"));
    assert!(!out.exists());
}

#[test]
fn usage_errors_exit_2_and_help_teaches() {
    hifplan().args(["run"]).assert().code(2);
    hifplan()
        .args(["run", KNAPSACK, "--format", "pdf"])
        .assert()
        .code(2);
    hifplan().args(["frobnicate"]).assert().code(2);
    hifplan()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "hifplan run scenarios/baseline.yaml",
        ))
        .stdout(predicate::str::contains("Exit status"));
    hifplan()
        .args(["run", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--verify"));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    // Reading only the first bytes closes the pipe early.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("hifplan"))
        .current_dir(common::root())
        .args(["run", KNAPSACK, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn a_model_too_large_for_clarabel_says_so_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    hifplan()
        .args([
            "generate",
            "--regions",
            "1200",
            "--programs",
            "12",
            "--years",
            "5",
            "--out",
        ])
        .arg(&file)
        .assert()
        .code(0);
    hifplan()
        .args(["run", "--solver", "clarabel"])
        .arg(&file)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("use --solver highs"));
}

#[test]
fn a_write_that_fails_leaves_nothing_behind() {
    // A target under a regular file cannot be created, even by root.
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("result");
    hifplan()
        .args(["run", KNAPSACK, "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
    let html = blocker.join("report.html");
    hifplan()
        .args(["report", KNAPSACK, "--out"])
        .arg(&html)
        .assert()
        .code(2);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec!["not-a-dir".to_string()],
        "nothing else may be left"
    );
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_a_sweep_prints_the_finished_points() {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("hifplan"))
        .current_dir(common::root())
        .args([
            "sweep",
            "scenarios/roadmap.yaml",
            "--vary",
            "fund.premium_rate.2027=0.04:0.07:0.00001",
            "--format",
            "csv",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let solved = text
        .lines()
        .filter(|l| l.contains(",optimal,") || l.contains(",infeasible,"))
        .count();
    let cancelled = text.lines().filter(|l| l.contains(",cancelled,")).count();
    assert!(
        solved > 0 && cancelled > 0,
        "solved {solved}, cancelled {cancelled}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
}

#[test]
fn export_to_a_dash_prints_on_standard_output_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let knapsack = std::fs::canonicalize(KNAPSACK).unwrap();
    hifplan()
        .current_dir(dir.path())
        .arg("export")
        .arg(&knapsack)
        .args(["--lp", "-"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Maximize"));
    assert!(
        !dir.path().join("-").exists(),
        "`--lp -` wrote a file named `-`"
    );
    hifplan()
        .arg("export")
        .arg(&knapsack)
        .args(["--lp", "-", "--mps", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only one of --lp and --mps"));
}
