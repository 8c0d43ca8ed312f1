//! Shared helpers for integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hifplan::result::RunResult;
use hifplan::scenario::{self, Loaded};
use hifplan::solve::Backend;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(rel: &str) -> Loaded {
    let path = root().join(rel);
    scenario::load(&path).unwrap_or_else(|e| panic!("{rel} does not load:\n{}", e.render()))
}

/// Every backend compiled into this build; says so when only the default
/// one is (the cross-backend checks then compare it with itself).
pub fn backends() -> Vec<&'static dyn Backend> {
    let all = hifplan::solve::backends();
    if all.len() == 1 {
        eprintln!(
            "note: only {} is compiled in: build with --features highs (CI does) to compare backends",
            all[0].name()
        );
    }
    all
}

/// Solves with every compiled backend, checks each result with the
/// independent verifier, requires the backends to agree on the status and
/// the objective (1e-6 relative), and returns the default backend's result.
pub fn solve(rel: &str) -> (Loaded, RunResult) {
    let loaded = load(rel);
    let mut results: Vec<RunResult> = Vec::new();
    for backend in backends() {
        let result = hifplan::run(&loaded, backend);
        if result.is_optimal() {
            let v = hifplan::verify::verify(&loaded.scenario, &result);
            assert!(
                v.passed(),
                "{rel} with {}: verifier found {:?}",
                backend.name(),
                v.violations
            );
        }
        if let Some(first) = results.first() {
            assert_eq!(
                first.status,
                result.status,
                "{rel}: {} and {} disagree",
                first.meta.solver,
                backend.name()
            );
            if let (Some(a), Some(b)) = (first.objective, result.objective) {
                assert!(
                    (a - b).abs() <= 1e-6 * (1.0 + a.abs()),
                    "{rel}: objective {a} ({}) vs {b} ({})",
                    first.meta.solver,
                    backend.name()
                );
            }
        }
        results.push(result);
    }
    (loaded, results.swap_remove(0))
}

/// Coverage of `program` in `year` (national region or the only one).
pub fn coverage(r: &RunResult, program: &str, region: &str, year: i32) -> f64 {
    r.allocations
        .iter()
        .find(|a| a.program == program && a.region == region && a.year == year)
        .unwrap_or_else(|| panic!("no allocation for {program},{region},{year}"))
        .coverage
}

pub fn assert_close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-6 * (1.0 + expected.abs());
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: expected {expected}, got {actual}"
    );
}

/// Every `.yaml` file under `dir` (relative to the crate root), sorted.
pub fn yaml_files(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join(dir))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .map(|p| {
                    Path::new(dir)
                        .join(p.file_name().unwrap_or_default())
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
