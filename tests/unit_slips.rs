//! Unit slips: values outside a plausible range are located warnings that
//! name the likely slip (a percentage for a fraction, millions for
//! persons, thousands of the currency); a coverage pace above 1 is an
//! error. Each example is the roadmap scenario with one value slipped.

mod common;

use std::path::Path;

use assert_cmd::Command;

struct Slip {
    /// Text replaced in scenarios/roadmap.yaml, and its replacement.
    from: &'static str,
    to: &'static str,
    /// The key path in the message, and words naming the slip.
    path: &'static str,
    says: &'static str,
    error: bool,
}

const SLIPS: &[Slip] = &[
    Slip {
        from: "max_scale_up: 0.15  # assumption: commune stations",
        to: "max_scale_up: 15  # assumption: commune stations",
        path: "programs[1].max_scale_up",
        says: "15 means 1500 points of coverage a year; write 0.15 for 15 points",
        error: true,
    },
    Slip {
        from: "dalys_averted: 0.02   # assumption: ≈30 M VND",
        to: "dalys_averted: 20   # assumption: ≈30 M VND",
        path: "programs[1].effects.dalys_averted",
        says: "if it is per 1,000 persons write 0.02",
        error: false,
    },
    Slip {
        from: "2026: 16800000  # assumption",
        to: "2026: 16.8  # assumption",
        path: "programs[1].population.2026",
        says: "if it is in millions write 16800000",
        error: false,
    },
    Slip {
        from: "opening_reserve: 39300",
        to: "opening_reserve: 39300000",
        path: "fund.opening_reserve",
        says: "if it is written in thousands of the money unit (billion), write 39300",
        error: false,
    },
    Slip {
        from: "2026: 600000    # assumption: generic antihypertensives",
        to: "2026: 600    # assumption: generic antihypertensives",
        path: "programs[1].unit_cost.2026",
        says: "if it is in thousands of VND write 600000",
        error: false,
    },
    Slip {
        from: "2026: 1000000   # assumption: metformin",
        to: "2026: 1000000000   # assumption: metformin",
        path: "programs[2].unit_cost",
        says: "more than the fund's whole revenue that year",
        error: false,
    },
    Slip {
        from: "growth: 0.08   # assumption: +8%/yr",
        to: "growth: 8   # assumption: +8%/yr",
        path: "fund.curative_spending.growth",
        says: "a growth rate of 8 (800% a year) carries the series beyond the magnitude limit",
        error: true,
    },
    Slip {
        from: "growth: 0.08   # assumption: +8%/yr",
        to: "growth: 1.5   # assumption: +8%/yr",
        path: "fund.curative_spending.growth",
        says: "1.5 means 150% a year; write 0.015 for 1.5% a year",
        error: false,
    },
];

fn check(dir: &Path, file: &str) -> (Option<i32>, String) {
    // `HIFPLAN_BIN` runs these against another build.
    let mut cmd = match std::env::var_os("HIFPLAN_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::cargo_bin("hifplan").unwrap(),
    };
    let out = cmd.current_dir(dir).args(["check", file]).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_bundled_scenarios_have_no_warnings() {
    for file in [
        "scenarios/baseline.yaml",
        "scenarios/roadmap.yaml",
        "scenarios/earmarked.yaml",
        "scenarios/reference.yaml",
        "scenarios/universal_checkups.yaml",
        "scenarios/examples/knapsack.yaml",
        "scenarios/variants/roadmap_5_3.yaml",
        "scenarios/variants/sugar_tax_third.yaml",
    ] {
        let (code, stderr) = check(&common::root(), file);
        assert_eq!(code, Some(0), "{file}: {stderr}");
        assert!(stderr.is_empty(), "{file}:\n{stderr}");
    }
}

#[test]
fn unit_slips_are_located_and_named() {
    let roadmap = std::fs::read_to_string(common::root().join("scenarios/roadmap.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (i, slip) in SLIPS.iter().enumerate() {
        assert_eq!(roadmap.matches(slip.from).count(), 1, "{}", slip.from);
        let text = roadmap.replacen(slip.from, slip.to, 1);
        let name = format!("slip{i}.yaml");
        std::fs::write(dir.path().join(&name), &text).unwrap();
        let (code, stderr) = check(dir.path(), &name);
        let kind = if slip.error { "error" } else { "warning" };
        assert_eq!(
            code,
            Some(if slip.error { 2 } else { 0 }),
            "{}: {stderr}",
            slip.to
        );
        assert!(
            stderr.contains(&format!("{kind}: {}: ", slip.path)),
            "{}: no {kind} at {}:\n{stderr}",
            slip.to,
            slip.path
        );
        assert!(stderr.contains(slip.says), "{}:\n{stderr}", slip.to);
        // Located at the line of the slipped value.
        let line = text[..text.find(slip.to).unwrap()].matches('\n').count() + 1;
        assert!(
            stderr.contains(&format!("{name}:{line}:")),
            "{}: not located at line {line}:\n{stderr}",
            slip.to
        );
    }
}
