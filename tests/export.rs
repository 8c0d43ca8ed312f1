//! The exported LP is the LP that is solved: named as in MODEL.md, and (in
//! builds with HiGHS) solving the exported file gives hifplan's objective.

mod common;

use hifplan::model::{self, Mode, export};

const FILES: [&str; 5] = [
    "scenarios/examples/knapsack.yaml",
    "scenarios/reference.yaml",
    "scenarios/baseline.yaml",
    "tests/cases/c9_equity.yaml",
    "tests/cases/c3_c4_offsets_floor.yaml",
];

#[test]
fn exports_carry_the_model_names() {
    let l = common::load("tests/cases/c9_equity.yaml");
    let m = model::build(&l.scenario, Mode::Plan);
    let mps = export::mps(&m.lp, &l.scenario);
    for name in [
        "c[p,north,2026]",
        "f[hif,p,2026]",
        "R[2026]",
        "C1[p,2026]",
        "C3[2026]",
        "C9mean[p,2026]",
        "C9[p,south,2026]",
        "OBJSENSE",
        "ENDATA",
    ] {
        assert!(mps.contains(name), "MPS lacks {name}");
    }
    let lp = export::lp_format(&m.lp, &l.scenario);
    for name in [
        "Maximize",
        "c(p,north,2026)",
        "C3(2026):",
        "Subject To",
        "Bounds",
        "End",
    ] {
        assert!(lp.contains(name), "LP lacks {name}");
    }
}

#[cfg(feature = "highs")]
#[test]
fn highs_solving_the_exported_file_finds_hifplans_objective() {
    use hifplan::solve::highs::solve_file;
    let dir = tempfile::tempdir().unwrap();
    for file in FILES {
        let l = common::load(file);
        let m = model::build(&l.scenario, Mode::Plan);
        let plan = hifplan::solve::plan(&l.scenario, &hifplan::solve::highs::Highs);
        let z = plan.objective().unwrap();
        for (ext, text) in [
            ("mps", export::mps(&m.lp, &l.scenario)),
            ("lp", export::lp_format(&m.lp, &l.scenario)),
        ] {
            let path = dir.path().join(format!("model.{ext}"));
            std::fs::write(&path, text).unwrap();
            let (objective, _) =
                solve_file(&path, false).unwrap_or_else(|e| panic!("{file} as {ext}: {e}"));
            assert!(
                (objective - z).abs() <= 1e-6 * (1.0 + z.abs()),
                "{file} as {ext}: HiGHS {objective} vs hifplan {z}"
            );
        }
    }
}

#[test]
fn export_from_the_command_line_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.mps");
    let run = |force: bool| {
        let mut c = assert_cmd::Command::cargo_bin("hifplan").unwrap();
        c.current_dir(common::root())
            .args(["export", FILES[0], "--mps"])
            .arg(&out);
        if force {
            c.arg("--force");
        }
        c.output().unwrap().status.code()
    };
    assert_eq!(run(false), Some(0));
    assert_eq!(run(false), Some(2));
    assert_eq!(run(true), Some(0));
    let _ = FILES;
}
