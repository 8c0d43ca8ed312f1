//! The exported files are the LP that is solved, and every LP solver reads
//! them the same way: GLPK (`glpsol`), CBC and, in builds with HiGHS, HiGHS
//! solve the LP and MPS files of every bundled scenario and of the
//! generated province case to hifplan's objective (the MPS optimum negated
//! for a maximising model, as documented), and a hand-made LP with every
//! kind of row, bound and name reads back to its known optimum.
//!
//! `glpsol` (Debian package glpk-utils) and `cbc` (coinor-cbc) are run
//! where installed; a missing one is said on stderr and skipped, unless
//! HIFPLAN_REQUIRE_SOLVERS=1 (set by CI, which installs both) makes it a
//! failure. The solver table is printed to stderr (`-- --nocapture`).

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hifplan::model::lp::{LinExpr, Lp, Sense};
use hifplan::model::{self, Mode, export};

/// Where the tolerance of every comparison here comes from.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + b.abs())
}

#[test]
fn exports_carry_the_model_names() {
    let l = common::load("tests/cases/c9_equity.yaml");
    let m = model::build(&l.scenario, Mode::Plan);
    let mps = export::mps(&m.lp, &l.scenario);
    let lp = export::lp_format(&m.lp, &l.scenario);
    for name in [
        "c(p.north.2026)",
        "f(hif.p.2026)",
        "R(2026)",
        "C1(p.2026)",
        "C3(2026)",
        "C9mean(p.2026)",
        "C9(p.south.2026)",
    ] {
        assert!(mps.contains(&format!(" {name} ")), "MPS lacks {name}");
        assert!(lp.contains(name), "LP lacks {name}");
    }
    assert!(mps.contains("\nNAME ") && mps.ends_with("ENDATA\n"));
    assert!(
        !mps.lines().any(|l| l.starts_with("OBJSENSE")),
        "an OBJSENSE section is not read alike"
    );
    assert!(lp.contains("\nSubject To\n") && lp.contains("\nBounds\n") && lp.ends_with("End\n"));
    // The sense: LP format states it; MPS is a minimisation, of the
    // objective negated when the model maximises, and says so.
    if m.lp.sense == Sense::Maximize {
        assert!(lp.contains("\nMaximize\n obj:"));
        assert!(mps.contains("\n N minus_obj\n"));
        assert!(mps.contains("hifplan's objective is MINUS the optimum"));
    } else {
        assert!(lp.contains("\nMinimize\n obj:"));
        assert!(mps.contains("\n N obj\n"));
    }
}

/// The characters every LP reader here takes in a name, and the rules of
/// its first character and length.
fn acceptable(name: &str) -> Result<(), String> {
    let first = name.chars().next().ok_or("empty")?;
    if !(first.is_ascii_alphabetic() || first == '_') || first == 'e' || first == 'E' {
        return Err(format!("{name:?} starts with {first:?}"));
    }
    if let Some(c) = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "_.()~#".contains(c)))
    {
        return Err(format!("{name:?} has {c:?}"));
    }
    // Room for the `.lo`/`.hi` of a ranged row in LP format.
    if name.len() + 3 > export::MAX_NAME {
        return Err(format!("{name:?} is {} characters long", name.len()));
    }
    Ok(())
}

/// Checks the file names of `cols` and `rows`: acceptable, and unique
/// among columns and among rows (with the objective rows).
fn check_names(what: &str, cols: &[String], rows: &[String]) -> export::Names {
    let names = export::names(cols, rows);
    assert_eq!(
        (names.cols.len(), names.rows.len()),
        (cols.len(), rows.len())
    );
    let col_set: Vec<&String> = names.cols.iter().chain([&names.constant]).collect();
    let row_set: Vec<&String> = names
        .rows
        .iter()
        .chain([&names.objective, &names.minus_objective, &names.no_rows])
        .collect();
    for (kind, set) in [("column", &col_set), ("row", &row_set)] {
        let mut seen = HashSet::new();
        for n in set.iter() {
            if let Err(e) = acceptable(n) {
                panic!("{what}: {kind} name {e}");
            }
            assert!(seen.insert(n.as_str()), "{what}: {kind} name {n} twice");
        }
    }
    names
}

#[test]
fn names_are_unique_and_taken_by_every_reader() {
    // Every bundled scenario and the province case: the model's names.
    for (case, loaded) in cases() {
        let m = model::build(&loaded.scenario, Mode::Plan);
        let (cols, rows) = export::model_names(&m.lp, &loaded.scenario);
        let names = check_names(&case, &cols, &rows);
        // Readable: the model's names with ( ) . for [ ] ,.
        for (raw, file) in cols
            .iter()
            .zip(&names.cols)
            .chain(rows.iter().zip(&names.rows))
        {
            let expected = raw.replace('[', "(").replace(']', ")").replace(',', ".");
            if !raw.contains('-') {
                assert_eq!(file, &expected, "{case}: {raw}");
            }
        }
    }
    // Names that need every rule: characters, leading digit, period or e,
    // keywords, length, and collisions once cleaned.
    let long = "L".repeat(150);
    let raw: Vec<String> = [
        "c[hpv-vaccine,north,2027]",
        "c[hpv_vaccine,north,2027]",
        "c[hpv~vaccine,north,2027]",
        "a b",
        "a_b",
        "a_b#2",
        "1x",
        "_1x",
        ".x",
        "e12",
        "E",
        "eels",
        "free",
        "Bounds",
        "s.t.",
        "obj_constant",
        "",
        "Hà Nội",
        "x+y<=z:",
        &format!("{long}a"),
        &format!("{long}b"),
        &format!("{long}a"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = raw.clone();
    rows.extend(["obj", "minus_obj", "no_rows"].map(String::from));
    let names = check_names("hand-made names", &raw, &rows);
    assert_eq!(names.cols[0], "c(hpv~vaccine.north.2027)");
    assert_eq!(names.cols[1], "c(hpv_vaccine.north.2027)");
    assert_eq!(names.cols[2], "c(hpv_vaccine.north.2027)#2");
    assert_eq!(names.cols[3], "a_b");
    assert_eq!(names.cols[4], "a_b#2");
    assert_eq!(names.cols[5], "a_b_2");
    assert_eq!(names.cols[6], "_1x");
    assert_eq!(names.cols[7], "_1x#2");
    assert_eq!(names.cols[9], "_e12");
    assert_eq!(names.cols[12], "_free");
    assert_eq!(names.constant, "obj_constant#2");
    assert_eq!(names.objective, "obj#2");
}

/// Every bundled scenario (every `.yaml` under `scenarios/`) and the
/// generated province case (34 regions × 12 programmes × 10 years), loaded.
fn cases() -> Vec<(String, hifplan::scenario::Loaded)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
            let p = entry.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    let root = common::root();
    let mut files = Vec::new();
    walk(&root.join("scenarios"), &mut files);
    files.sort();
    assert!(files.len() >= 8, "bundled scenarios not found: {files:?}");
    let mut out: Vec<(String, hifplan::scenario::Loaded)> = files
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let loaded = common::load(&rel);
            (rel, loaded)
        })
        .collect();
    let text = hifplan::generate::generate(hifplan::generate::Size {
        regions: 34,
        programs: 12,
        years: 10,
        seed: 1,
        v2: Default::default(),
    })
    .expect("generated");
    let province = hifplan::scenario::load_str("province.yaml", &text).expect("valid");
    out.push(("generated province 34×12×10".into(), province));
    out
}

/// A solver run on a file: the optimum it reports, or why there is none.
type Solve = Box<dyn Fn(&Path) -> Result<f64, String>>;

/// Whether `program` is on the PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

fn output_text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// GLPK: `glpsol --lp FILE` or `glpsol --freemps FILE`, the optimum read
/// from the solution it writes (`-w`): the line `s bas ROWS COLS p d OBJ`,
/// with p and d `f` (primal and dual feasible: optimal).
fn glpsol(path: &Path) -> Result<f64, String> {
    let format = if path.extension().is_some_and(|x| x == "lp") {
        "--lp"
    } else {
        "--freemps"
    };
    let sol = path.with_extension("glpk.sol");
    let o = Command::new("glpsol")
        .arg(format)
        .arg(path)
        .arg("-w")
        .arg(&sol)
        .output()
        .map_err(|e| format!("glpsol: {e}"))?;
    if !o.status.success() {
        return Err(format!("glpsol failed: {}", output_text(&o)));
    }
    let text = std::fs::read_to_string(&sol).map_err(|e| format!("{sol:?}: {e}"))?;
    let line = text
        .lines()
        .find(|l| l.starts_with("s "))
        .ok_or_else(|| format!("no status line in glpsol's solution:\n{text}"))?;
    match line.split_whitespace().collect::<Vec<_>>()[..] {
        ["s", "bas", _, _, "f", "f", obj] => obj
            .parse()
            .map_err(|e| format!("glpsol objective {obj:?}: {e}")),
        _ => Err(format!("glpsol did not find an optimum: {line}")),
    }
}

/// CBC: `cbc FILE -solve -solu SOL` (the format from the extension), the
/// optimum read from the first line of SOL, `Optimal - objective value X`.
/// Any input error is a failure: CBC goes on with what it could read.
fn cbc(path: &Path) -> Result<f64, String> {
    let sol = path.with_extension("cbc.sol");
    let o = Command::new("cbc")
        .arg(path)
        .arg("-solve")
        .arg("-solu")
        .arg(&sol)
        .arg("-quit")
        .output()
        .map_err(|e| format!("cbc: {e}"))?;
    let log = output_text(&o);
    if !o.status.success() || log.contains("errors on input") || log.contains("ERROR") {
        return Err(format!("cbc: {log}"));
    }
    let text = std::fs::read_to_string(&sol).map_err(|e| format!("{sol:?}: {e}"))?;
    let first = text.lines().next().unwrap_or_default();
    match first.strip_prefix("Optimal - objective value ") {
        Some(v) => v
            .trim()
            .parse()
            .map_err(|e| format!("cbc objective {v:?}: {e}")),
        None => Err(format!("cbc did not find an optimum: {first}\n{log}")),
    }
}

/// The solvers to run: (name, solve), and those missing, said on stderr
/// (a failure with HIFPLAN_REQUIRE_SOLVERS=1).
fn solvers() -> Vec<(&'static str, Solve)> {
    let require = std::env::var("HIFPLAN_REQUIRE_SOLVERS").as_deref() == Ok("1");
    let mut out: Vec<(&'static str, Solve)> = Vec::new();
    for (name, program, package, solve) in [
        ("GLPK", "glpsol", "glpk-utils", Box::new(glpsol) as Solve),
        ("CBC", "cbc", "coinor-cbc", Box::new(cbc)),
    ] {
        if on_path(program) {
            out.push((name, solve));
        } else if require {
            panic!(
                "HIFPLAN_REQUIRE_SOLVERS=1 but `{program}` is not installed (package {package})"
            );
        } else {
            eprintln!(
                "notice: `{program}` not found (package {package}); {name} skipped (HIFPLAN_REQUIRE_SOLVERS=1 makes this a failure)"
            );
        }
    }
    #[cfg(feature = "highs")]
    out.push((
        "HiGHS",
        Box::new(|path: &Path| {
            // Dual simplex, as hifplan below its interior-point threshold;
            // the files here are all below it.
            hifplan::solve::highs::solve_file(path, false).map(|(objective, _)| objective)
        }),
    ));
    #[cfg(not(feature = "highs"))]
    eprintln!("notice: HiGHS not compiled in (cargo test --features highs); HiGHS skipped");
    out
}

/// Writes both files of `lp` to `dir/stem.{lp,mps}`, solves each with every
/// solver and returns, per solver and format, the objective read back in
/// hifplan's sign (the MPS optimum times `mps_objective_sign`).
fn solve_exports(
    dir: &Path,
    stem: &str,
    lp_text: &str,
    mps_text: &str,
    sense: Sense,
    solvers: &[(&'static str, Solve)],
) -> Vec<(String, Result<f64, String>)> {
    let lp_path = dir.join(format!("{stem}.lp"));
    let mps_path = dir.join(format!("{stem}.mps"));
    std::fs::write(&lp_path, lp_text).unwrap();
    std::fs::write(&mps_path, mps_text).unwrap();
    let mut out = Vec::new();
    for (name, solve) in solvers {
        out.push((format!("{name}, .lp"), solve(&lp_path)));
        out.push((
            format!("{name}, .mps"),
            solve(&mps_path).map(|v| export::mps_objective_sign(sense) * v),
        ));
    }
    out
}

/// 1234567.891 → "1,234,567.89".
fn grouped(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut g = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    format!("{}{g}.{frac}", if v < 0.0 { "−" } else { "" })
}

#[test]
fn every_solver_finds_hifplans_objective_in_every_export() {
    let solvers = solvers();
    let dir = tempfile::tempdir().unwrap();
    // hifplan's objective with each compiled backend (`hifplan run`, and
    // `--solver highs` in a HiGHS build): every file must find each.
    let backends = hifplan::solve::backends();
    let mut header = vec!["case".to_string()];
    header.extend(backends.iter().map(|b| format!("hifplan ({})", b.name())));
    for (name, _) in &solvers {
        header.push(format!("{name}, .lp"));
        header.push(format!("{name}, .mps"));
    }
    let mut table = vec![
        format!("| {} |", header.join(" | ")),
        format!("|{}", "---|".repeat(header.len())),
    ];
    let mut failures = Vec::new();
    for (k, (case, loaded)) in cases().into_iter().enumerate() {
        let s = &loaded.scenario;
        let zs: Vec<f64> = backends
            .iter()
            .map(|b| {
                hifplan::solve::plan(s, *b)
                    .objective()
                    .unwrap_or_else(|| panic!("{case}: no optimum with {}", b.name()))
            })
            .collect();
        let lp = &model::build(s, Mode::Plan).lp;
        let sense = match lp.sense {
            Sense::Maximize => "max",
            Sense::Minimize => "min",
        };
        let results = solve_exports(
            dir.path(),
            &format!("case{k}"),
            &export::lp_format(lp, s),
            &export::mps(lp, s),
            lp.sense,
            &solvers,
        );
        let mut row = vec![format!("{case} ({sense})")];
        row.extend(zs.iter().map(|&z| grouped(z)));
        for (what, r) in results {
            row.push(match r {
                Ok(v) if zs.iter().all(|&z| close(v, z)) => grouped(v),
                Ok(v) => {
                    failures.push(format!("{case}, {what}: {v} against hifplan's {zs:?}"));
                    format!("**{}** ✗", grouped(v))
                }
                Err(e) => {
                    failures.push(format!("{case}, {what}: {e}"));
                    "**refused** ✗".into()
                }
            });
        }
        table.push(format!("| {} |", row.join(" | ")));
    }
    eprintln!(
        "\nExported LP and MPS files solved by each solver: the objective read back in hifplan's\n\
         sign (the MPS optimum negated for a maximising model), against hifplan's.\n\n{}\n",
        table.join("\n")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A small LP with every kind of row, bound and name the writers handle,
/// whose optimum is known. It maximises
/// 10 + 3x + 2y − z + 0.5w + f + 4l₁ + l₂ − v subject to:
///
/// - 1 ≤ x + y ≤ 5 (ranged, the upper bound binding), z − y = 1,
///   z + w ≤ 6, x − w ≥ −3, −1 ≤ (nothing) ≤ 1 (an empty row), x + z
///   free (a free row), l₁ + l₂ ≤ 1.5, 2 ≤ v ≤ 7 (ranged, the lower bound
///   binding);
/// - x ∈ [0, 4], y ≤ 3 (no lower bound), z and v free, f fixed at 2,
///   w ≥ 1, l₁, l₂ ∈ [0, 1] (with long names), u ∈ [0, 5] in nothing.
///
/// The optimum is x = 4, y = 1, z = 2, w = 4, l₁ = 1, l₂ = 0.5, v = 2:
/// 10 + 12 + 2 − 2 + 2 + 2 + 4 + 0.5 − 2 = 28.5; as a minimisation of the
/// negated objective, −28.5.
fn every_feature(sense: Sense) -> (Lp<String, String>, Vec<String>, Vec<String>, f64) {
    let inf = f64::INFINITY;
    let long = "l".repeat(120);
    let mut lp: Lp<String, String> = Lp::new(sense);
    let mut col = |name: &str, lo: f64, hi: f64| lp.add_col(name.to_string(), lo, hi);
    let x = col("x[a,b]", 0.0, 4.0);
    let y = col("y-1", -inf, 3.0);
    let z = col("z 1", -inf, inf);
    let f = col("1fixed", 2.0, 2.0);
    let w = col("z_1", 1.0, inf);
    let l1 = col(&format!("{long}1"), 0.0, 1.0);
    let l2 = col(&format!("{long}2"), 0.0, 1.0);
    let v = col("e2", -inf, inf);
    let _u = col("free", 0.0, 5.0);
    let mut row = |name: &str, e: LinExpr, lo: f64, hi: f64| {
        lp.add_row(name.to_string(), e.between(lo, hi));
    };
    row("bounds", x + y, 1.0, 5.0);
    row("e1", z - y, 1.0, 1.0);
    row("r[3]", z + w, -inf, 6.0);
    row("s.t.", x - w, -3.0, inf);
    row("empty row", LinExpr::new(), -1.0, 1.0);
    row("free row", x + z, -inf, inf);
    row("obj", l1 + l2, -inf, 1.5);
    row("v range", LinExpr::from(v), 2.0, 7.0);
    let objective = 3.0 * x + 2.0 * y - z + 0.5 * w + f + 4.0 * l1 + l2 - v + 10.0;
    let (objective, optimum) = match sense {
        Sense::Maximize => (objective, 28.5),
        Sense::Minimize => (-objective, -28.5),
    };
    lp.set_objective(objective);
    let cols = lp.cols.iter().map(|c| c.key.clone()).collect();
    let rows = lp.rows.iter().map(|r| r.key.clone()).collect();
    (lp, cols, rows, optimum)
}

#[test]
fn an_lp_with_every_feature_reads_back_to_its_optimum_in_every_solver() {
    let solvers = solvers();
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for sense in [Sense::Maximize, Sense::Minimize] {
        let (lp, cols, rows, optimum) = every_feature(sense);
        let lp_text = export::lp_format_of(&lp, "every feature", &cols, &rows);
        let mps_text = export::mps_of(&lp, "every feature", &cols, &rows);
        if std::env::var_os("HIFPLAN_DUMP").is_some() {
            eprintln!("{lp_text}\n{mps_text}");
        }
        // What the files say, whichever solvers are here.
        assert!(
            mps_text
                .contains("\nRANGES\n RNG _bounds 4.0\n RNG _empty_row 2.0\n RNG v_range 5.0\n")
        );
        assert!(mps_text.contains(" FR BND z_1\n") && mps_text.contains(" FX BND _1fixed 2.0\n"));
        assert!(mps_text.contains(" MI BND y~1\n UP BND y~1 3.0\n"));
        assert!(mps_text.contains(" FX BND obj_constant 1\n"));
        assert!(!mps_text.contains("free_row") && !lp_text.contains("free_row"));
        assert!(lp_text.contains(" _bounds.lo: + 1.0 x(a.b) + 1.0 y~1 >= 1.0\n"));
        assert!(lp_text.contains(" _bounds.hi: + 1.0 x(a.b) + 1.0 y~1 <= 5.0\n"));
        assert!(lp_text.contains(" z_1 free\n") && lp_text.contains(" -inf <= y~1 <= 3.0\n"));
        assert!(lp_text.contains(" obj_constant = 1.0\n"));
        for line in lp_text.lines() {
            assert!(line.len() <= 255, "LP line of {} characters", line.len());
        }
        let results = solve_exports(
            dir.path(),
            &format!("every-{sense:?}"),
            &lp_text,
            &mps_text,
            sense,
            &solvers,
        );
        for (what, r) in results {
            match r {
                Ok(v) if close(v, optimum) => {}
                Ok(v) => failures.push(format!("{sense:?}, {what}: {v}, not {optimum}")),
                Err(e) => failures.push(format!("{sense:?}, {what}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn export_from_the_command_line_writes_the_library_files_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let (mps, lp) = (dir.path().join("m.mps"), dir.path().join("m.lp"));
    let file = "scenarios/examples/knapsack.yaml";
    let run = |force: bool| {
        let mut c = assert_cmd::Command::cargo_bin("hifplan").unwrap();
        c.current_dir(common::root())
            .args(["export", file, "--mps"])
            .arg(&mps)
            .arg("--lp")
            .arg(&lp);
        if force {
            c.arg("--force");
        }
        c.output().unwrap().status.code()
    };
    assert_eq!(run(false), Some(0));
    let l = common::load(file);
    let m = model::build(&l.scenario, Mode::Plan);
    assert_eq!(
        std::fs::read_to_string(&mps).unwrap(),
        export::mps(&m.lp, &l.scenario)
    );
    assert_eq!(
        std::fs::read_to_string(&lp).unwrap(),
        export::lp_format(&m.lp, &l.scenario)
    );
    assert_eq!(run(false), Some(2));
    assert_eq!(run(true), Some(0));
}
