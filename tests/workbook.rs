//! The workbooks, read back: every bundled scenario's `result.xlsx` holds
//! the JSON's numbers as numbers (not text), with number formats, units in
//! the headers and the provenance on every sheet; the comparison, sweep
//! and sensitivity workbooks hold what their JSON holds; and a real
//! spreadsheet engine (LibreOffice) opens the run's workbook and reads the
//! same numbers.

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;

fn hifplan() -> Command {
    let mut c = Command::cargo_bin("hifplan").expect("binary built");
    c.current_dir(common::root());
    c
}

/// The header row of every sheet (title and provenance above it).
const HEADER: u32 = 3;

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook calamine reads")
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e} (sheets: {:?})", wb.sheet_names()))
}

fn number(r: &Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("cell ({row}, {col}) is not a number: {other:?}"),
    }
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("cell ({row}, {col}) is not text: {other:?}"),
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Every bundled scenario (as the golden test lists them).
fn bundled() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["scenarios", "scenarios/variants", "scenarios/examples"] {
        out.extend(common::yaml_files(dir));
    }
    out
}

/// `run --out`: the JSON and the workbook of one run.
fn run_out(file: &str, extra: &[&str]) -> (Value, Vec<u8>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = hifplan()
        .args(["run", file])
        .args(extra)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        matches!(run.status.code(), Some(0 | 3)),
        "{file}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json = serde_json::from_slice(&std::fs::read(out.join("result.json")).unwrap()).unwrap();
    (json, std::fs::read(out.join("result.xlsx")).unwrap())
}

#[test]
fn every_bundled_workbook_holds_the_json_numbers() {
    for file in bundled() {
        let (json, bytes) = run_out(&file, &[]);
        let mut wb = open(&bytes);
        let names = wb.sheet_names();
        let meta = &json["meta"];
        // Provenance on every sheet, under its title.
        for name in &names {
            let r = sheet(&mut wb, name);
            let line = text(&r, 1, 0);
            for part in ["scenario_sha256", "solver_version", "scenario"] {
                let v = meta[part].as_str().unwrap();
                assert!(
                    line.contains(v),
                    "{file}, sheet {name}: {part} missing in {line:?}"
                );
            }
        }
        let summary = sheet(&mut wb, "Summary");
        let status = json["status"].as_str().unwrap();
        assert!(
            (HEADER + 1..HEADER + 6).any(|row| text(&summary, row, 1).eq_ignore_ascii_case(status)),
            "{file}: the status in the summary"
        );
        if status != "optimal" {
            assert!(
                names.iter().any(|n| n == "Summary"),
                "{file}: a workbook without a plan still has its summary"
            );
            let why: Vec<String> = summary
                .rows()
                .filter_map(|r| match r.get(1) {
                    Some(Data::String(s)) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            assert!(
                why.iter()
                    .any(|w| w.contains("No plan meets every constraint")
                        || w.contains("grow without limit")
                        || w.contains("solver failed")),
                "{file}: why there is no plan: {why:?}"
            );
            continue;
        }
        // The fund per year: each column is the JSON's key, unrounded.
        let fund = sheet(&mut wb, "Fund per year");
        let header = text(&fund, HEADER, 1);
        assert!(
            header.contains(json["money_unit"].as_str().unwrap()),
            "{file}: the unit in the header {header:?}"
        );
        let keys = [
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
        ];
        for (i, y) in json["years"].as_array().unwrap().iter().enumerate() {
            for (c, key) in keys.iter().enumerate() {
                assert_eq!(
                    number(&fund, HEADER + 1 + i as u32, c as u32),
                    f(&y[key]),
                    "{file}: {key} of year {}",
                    y["year"]
                );
            }
        }
        // Spending by funder: totals over the horizon equal the JSON's
        // allocations summed.
        let funders = sheet(&mut wb, "Spending by funder");
        // The planning years: tail years (coverage held after the horizon)
        // are not in the per-programme and per-funder sheets.
        let n_years = json["years"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|y| y["tail"] == false)
            .count() as u32;
        let mut total_json = 0.0;
        for a in json["allocations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["tail"] == false)
        {
            for v in a["by_source"].as_object().unwrap().values() {
                total_json += f(v);
            }
        }
        let last_row = funders.end().unwrap().0;
        assert_eq!(text(&funders, last_row, 0), "total");
        let total = number(&funders, last_row, n_years + 1);
        assert!(
            (total - total_json).abs() <= 1e-9 * (1.0 + total_json.abs()),
            "{file}: total spending {total} against {total_json}"
        );
        // Prices: the JSON's values, in its order.
        if let Some(prices) = json["shadow_prices"].as_array()
            && !prices.is_empty()
        {
            let p = sheet(&mut wb, "Prices");
            for (i, price) in prices.iter().enumerate() {
                let row = HEADER + 1 + i as u32;
                assert_eq!(number(&p, row, 2), f(&price["value"]), "{file}: price {i}");
                assert_eq!(text(&p, row, 6), price["constraint"].as_str().unwrap());
            }
        }
        // Coverage: a share with a percentage format, not text.
        let cov = sheet(&mut wb, "Coverage");
        let c = number(&cov, HEADER + 1, 2);
        assert!((0.0..=1.0).contains(&c), "{file}: coverage {c} is a share");
        let binding = sheet(&mut wb, "Binding limits");
        for (i, b) in json["binding"].as_array().unwrap().iter().enumerate() {
            assert_eq!(
                text(&binding, HEADER + 1 + i as u32, 0),
                b.as_str().unwrap()
            );
        }
    }
}

#[test]
fn the_workbook_has_a_chart_and_number_formats() {
    let (_, bytes) = run_out("scenarios/roadmap.yaml", &[]);
    // An xlsx file is a zip: the chart and the formats are parts of it.
    let listing = String::from_utf8_lossy(&bytes);
    assert!(listing.contains("xl/charts/chart1.xml"), "a chart part");
    assert!(listing.contains("xl/styles.xml"));
    let mut wb = open(&bytes);
    let fund = sheet(&mut wb, "Fund per year");
    assert!(matches!(
        fund.get_value((HEADER + 1, 7)),
        Some(Data::Float(_))
    ));
}

#[test]
fn a_display_unit_scales_the_money_and_says_so() {
    let (json, bytes) = run_out("scenarios/baseline.yaml", &["--display-unit", "trillion"]);
    let mut wb = open(&bytes);
    let fund = sheet(&mut wb, "Fund per year");
    assert!(text(&fund, HEADER, 1).contains("trillion VND"));
    let revenue = f(&json["years"][0]["revenue"]);
    assert!((number(&fund, HEADER + 1, 1) - revenue / 1000.0).abs() < 1e-9 * revenue);
    // The JSON keeps the scenario's unit.
    assert_eq!(json["money_unit"], "billion");
}

#[test]
fn the_vietnamese_workbook_has_vietnamese_sheets() {
    let (_, bytes) = run_out("scenarios/earmarked.yaml", &["--lang", "vi"]);
    let wb = open(&bytes);
    let names = wb.sheet_names();
    for n in ["Tóm tắt", "Quỹ theo năm", "Chi theo nguồn", "Giá"] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
}

/// The JSON of a command's run and its workbook.
fn both(args: &[&str]) -> (Value, Vec<u8>) {
    let json = hifplan()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let xlsx = hifplan()
        .args(args)
        .args(["--format", "xlsx"])
        .output()
        .unwrap();
    assert!(
        xlsx.status.success(),
        "{}",
        String::from_utf8_lossy(&xlsx.stderr)
    );
    (serde_json::from_slice(&json.stdout).unwrap(), xlsx.stdout)
}

#[test]
fn compare_sweep_and_sensitivity_write_their_own_workbooks() {
    let (json, bytes) = both(&[
        "compare",
        "scenarios/baseline.yaml",
        "scenarios/roadmap.yaml",
        "scenarios/earmarked.yaml",
    ]);
    let mut wb = open(&bytes);
    let c = sheet(&mut wb, "Comparison");
    let labels: Vec<String> = (HEADER + 1..=c.end().unwrap().0)
        .map(|r| match c.get_value((r, 0)) {
            Some(Data::String(s)) => s.trim().to_string(),
            _ => String::new(),
        })
        .collect();
    let row_of = |prefix: &str| {
        HEADER
            + 1
            + labels
                .iter()
                .position(|l| l.starts_with(prefix))
                .unwrap_or_else(|| panic!("no row {prefix:?} in {labels:?}")) as u32
    };
    let dalys = row_of("DALYs averted");
    let spending = row_of("prevention spending, all funders");
    for (i, m) in json["members"].as_array().unwrap().iter().enumerate() {
        let h = &m["headline"];
        assert_eq!(number(&c, dalys, 1 + i as u32), f(&h["dalys_averted"]));
        assert_eq!(number(&c, spending, 1 + i as u32), f(&h["total_spending"]));
        // The difference from the baseline, as a number.
        if i > 0 {
            let base = f(&json["members"][0]["headline"]["total_spending"]);
            let d = number(&c, spending, 3 + i as u32);
            assert!((d - (f(&h["total_spending"]) - base)).abs() < 1e-6);
        }
    }

    let (json, bytes) = both(&[
        "sweep",
        "scenarios/roadmap.yaml",
        "--vary",
        "fund.premium_rate.2027=0.045:0.06:0.005",
    ]);
    let mut wb = open(&bytes);
    let s = sheet(&mut wb, "Sweep");
    for (i, p) in json["points"].as_array().unwrap().iter().enumerate() {
        let row = HEADER + 1 + i as u32;
        match p["headline"]["objective"].as_f64() {
            Some(z) => assert_eq!(number(&s, row, 2), z),
            None => assert!(!matches!(s.get_value((row, 2)), Some(Data::Float(_)))),
        }
    }

    let (json, bytes) = both(&["sensitivity", "scenarios/examples/knapsack.yaml"]);
    let mut wb = open(&bytes);
    let t = sheet(&mut wb, "Sensitivity");
    for (i, row) in json["rows"].as_array().unwrap().iter().enumerate() {
        let r = HEADER + 1 + i as u32;
        assert_eq!(number(&t, r, 1), f(&row["base_value"]));
        if let Some(z) = row["objectives"][0].as_f64() {
            assert_eq!(number(&t, r, 2), z);
        }
    }
}

#[test]
fn a_workbook_is_not_printed_on_a_terminal_but_goes_to_a_pipe() {
    // Through a pipe (as here) the bytes are the workbook.
    let out = hifplan()
        .args([
            "run",
            "scenarios/examples/knapsack.yaml",
            "--format",
            "xlsx",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK"), "a zip file");
    hifplan()
        .args([
            "check",
            "scenarios/examples/knapsack.yaml",
            "--format",
            "xlsx",
        ])
        .assert()
        .code(2);
}

// ---------------------------------------------------------------------------
// A real spreadsheet engine
// ---------------------------------------------------------------------------

/// LibreOffice's `soffice` when installed; `None` (with a notice) when not,
/// unless HIFPLAN_REQUIRE_LIBREOFFICE=1 makes its absence a failure.
fn soffice() -> Option<PathBuf> {
    let found = [
        "/usr/bin/soffice",
        "/usr/bin/libreoffice",
        "/usr/lib/libreoffice/program/soffice",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists());
    if found.is_none() {
        if std::env::var("HIFPLAN_REQUIRE_LIBREOFFICE").as_deref() == Ok("1") {
            panic!("HIFPLAN_REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed");
        }
        eprintln!(
            "notice: LibreOffice (soffice) not found; the spreadsheet-engine check is skipped (set HIFPLAN_REQUIRE_LIBREOFFICE=1 to require it; Debian: libreoffice-calc-nogui)"
        );
    }
    found
}

/// Every sheet of `xlsx` converted to CSV by LibreOffice (sheet name →
/// text), with its own profile so that it runs beside any other instance.
fn convert_all_sheets(soffice: &Path, xlsx: &Path, dir: &Path) -> Vec<(String, String)> {
    let profile = dir.join("lo-profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            // Comma-separated, "-quoted, UTF-8, first line 1, as shown,
            // every sheet to its own file (-1).
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
        ])
        .arg(dir)
        .arg(xlsx)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = xlsx.file_stem().unwrap().to_string_lossy().into_owned();
    let mut sheets: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let sheet = name
                .strip_prefix(&format!("{stem}-"))
                .unwrap_or(&name)
                .to_string();
            (sheet, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    sheets.sort();
    sheets
}

#[test]
fn libreoffice_opens_the_workbook_and_reads_the_same_numbers() {
    let Some(soffice) = soffice() else {
        return;
    };
    let (json, bytes) = run_out("scenarios/earmarked.yaml", &[]);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("plan.xlsx");
    std::fs::write(&xlsx, &bytes).unwrap();
    let sheets = convert_all_sheets(&soffice, &xlsx, dir.path());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Fund per year"), "sheets: {names:?}");
    let fund = &sheets.iter().find(|(n, _)| n == "Fund per year").unwrap().1;
    let mut lines = fund.lines().skip(HEADER as usize);
    let header = lines.next().unwrap();
    assert!(header.contains("revenue (billion VND)"), "{header}");
    // Formatted as shown (#,##0): the JSON's numbers rounded to whole units.
    for (line, y) in lines.zip(json["years"].as_array().unwrap()) {
        let cells: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(cells[0], y["year"].to_string());
        for (c, key) in [(1, "revenue"), (7, "reserve"), (8, "floor")] {
            let shown: f64 = cells[c].replace(',', "").parse().unwrap();
            assert_eq!(shown, f(&y[key]).round(), "{key} of {}", y["year"]);
        }
    }
}

/// The frontier's workbook holds the JSON's points as numbers (money in
/// the display unit), and the run's workbook and the frontier's hold the
/// league table the JSON gives, row for row.
#[test]
fn frontier_and_league_workbooks_hold_the_json() {
    let file = "scenarios/roadmap.yaml";
    let json = hifplan()
        .args(["frontier", file, "--format", "json"])
        .output()
        .unwrap();
    assert!(json.status.success());
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    let points = doc["points"].as_array().unwrap();
    assert!(points.len() > 2, "{} points", points.len());
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("frontier.xlsx");
    // Millions: the budget cells are scaled by 1,000 from billions.
    let out = hifplan()
        .args([
            "frontier",
            file,
            "--format",
            "xlsx",
            "--display-unit",
            "million",
            "--out",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut wb = open(&std::fs::read(&path).unwrap());
    assert_eq!(wb.sheet_names(), ["Frontier", "Cost per DALY"]);
    let r = sheet(&mut wb, "Frontier");
    assert!(
        text(&r, HEADER, 0).contains("million VND"),
        "{}",
        text(&r, HEADER, 0)
    );
    for (i, p) in points.iter().enumerate() {
        let row = HEADER + 1 + i as u32;
        let budget = f(&p["budget"]) * 1000.0;
        assert!(
            (number(&r, row, 0) - budget).abs() <= 1e-9 * budget.abs().max(1.0),
            "row {row}"
        );
        assert_eq!(number(&r, row, 1), f(&p["objective"]), "row {row}");
        let slope = f(&p["slope"]) / 1000.0;
        assert!(
            (number(&r, row, 2) - slope).abs() <= 1e-12 * slope.abs().max(1.0),
            "row {row}"
        );
    }
    let ranked = |doc: &Value| -> Vec<Value> {
        let mut rows = doc["league"]["rows"].as_array().unwrap().clone();
        rows.sort_by_key(|r| r["rank"].as_u64());
        rows
    };
    let check = |r: &Range<Data>, rows: &[Value]| {
        assert!(!rows.is_empty());
        assert_eq!(r.height() as u32, HEADER + 1 + rows.len() as u32);
        for (i, l) in rows.iter().enumerate() {
            let row = HEADER + 1 + i as u32;
            assert_eq!(number(r, row, 0), f(&l["rank"]));
            // The programme's name in the second column, its id in the last.
            assert_eq!(text(r, row, 7), l["program"].as_str().unwrap());
            match l["cost_per_daly_first"].as_f64() {
                Some(v) => assert_eq!(number(r, row, 2), v),
                None => assert!(matches!(r.get_value((row, 2)), None | Some(Data::Empty))),
            }
        }
    };
    check(&sheet(&mut wb, "Cost per DALY"), &ranked(&doc));
    let run = hifplan()
        .args(["run", file, "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(run.status.success());
    let plain = hifplan()
        .args(["run", file, "--format", "json"])
        .output()
        .unwrap();
    let plain: Value = serde_json::from_slice(&plain.stdout).unwrap();
    let mut wb = open(&run.stdout);
    check(&sheet(&mut wb, "Cost per DALY"), &ranked(&plain));
}
