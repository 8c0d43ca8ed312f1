//! Golden outputs: the table, JSON, CSV and HTML views of every bundled
//! scenario, as a user gets them from the command line. A change that
//! moves any of them shows here as a snapshot diff, so that a refactoring
//! is seen to change nothing it did not mean to.
//!
//! What varies from run to run is masked: solve times, and the last digits
//! of numbers the solver only gives to its tolerance (rounded to 7
//! significant digits).

mod common;

use assert_cmd::Command;

fn hifplan() -> Command {
    let mut c = Command::cargo_bin("hifplan").expect("binary built");
    c.current_dir(common::root());
    c
}

/// Every bundled scenario, with a snapshot-friendly name.
fn bundled() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["scenarios", "scenarios/variants", "scenarios/examples"] {
        for file in common::yaml_files(dir) {
            let stem = std::path::Path::new(&file)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let name = match dir {
                "scenarios" => stem,
                _ => format!("{}_{stem}", dir.trim_start_matches("scenarios/")),
            };
            out.push((name, file));
        }
    }
    assert!(out.len() >= 8, "bundled scenarios not found: {out:?}");
    out
}

/// `v` to 7 significant digits, as text that reads back as a number.
fn round7(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{}", v + 0.0);
    }
    let s = format!("{v:.6e}");
    let back: f64 = s.parse().unwrap();
    let plain = format!("{back}");
    if plain.len() <= s.len() + 2 { plain } else { s }
}

fn round_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64()
                && !n.is_i64()
                && !n.is_u64()
            {
                *v = serde_json::Value::String(round7(f));
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(round_json),
        serde_json::Value::Object(m) => m.values_mut().for_each(round_json),
        _ => {}
    }
}

/// The JSON result with times masked and numbers rounded.
fn masked_json(bytes: &[u8]) -> String {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).expect("JSON output");
    if let Some(meta) = v.get_mut("meta") {
        meta["solve_seconds"] = serde_json::json!("[seconds]");
        if let Some(t) = meta.get_mut("timings").and_then(|t| t.as_object_mut()) {
            for x in t.values_mut() {
                *x = serde_json::json!("[seconds]");
            }
        }
    }
    round_json(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// CSV with every numeric cell rounded.
fn masked_csv(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(',')
                .map(|cell| match cell.parse::<f64>() {
                    Ok(v) if cell.contains('.') || cell.contains('e') => round7(v),
                    _ => cell.to_string(),
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Masks the solve time at the end of the table view ("· 0.002 s").
fn masked_table(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" · ") {
            Some(i) if line.starts_with("scenario ") && line.ends_with(" s") => {
                format!("{} · [seconds]", &line[..i])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn table_json_and_csv_of_every_bundled_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, file) in bundled() {
        let out = tmp.path().join(&name);
        let run = hifplan()
            .args(["run", &file, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            matches!(run.status.code(), Some(0 | 3)),
            "{file}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let table = String::from_utf8(run.stdout).unwrap();
        insta::assert_snapshot!(format!("{name}.table"), masked_table(&table));
        let report = std::fs::read_to_string(out.join("report.txt")).unwrap();
        assert_eq!(report, table, "{file}: report.txt is the table view");
        let json = std::fs::read(out.join("result.json")).unwrap();
        insta::assert_snapshot!(format!("{name}.json"), masked_json(&json));
        let mut csvs: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        csvs.sort();
        let mut all = String::new();
        for csv in csvs {
            let text = std::fs::read_to_string(&csv).unwrap();
            all.push_str(&format!(
                "## {}\n{}\n",
                csv.file_name().unwrap().to_string_lossy(),
                masked_csv(&text)
            ));
        }
        insta::assert_snapshot!(format!("{name}.csv"), all);
    }
}

/// The HTML report of each bundled scenario, the solve time masked.
#[test]
fn html_of_every_bundled_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, file) in bundled() {
        let out = tmp.path().join(format!("{name}.html"));
        let run = hifplan()
            .args(["report", &file, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            matches!(run.status.code(), Some(0 | 3)),
            "{file}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let html = std::fs::read_to_string(&out).unwrap();
        let masked = mask_solve_time(&html);
        insta::assert_snapshot!(format!("{name}.html"), masked);
    }
}

/// "solved in 3 ms" → "solved in [time]" (whatever the wording around the
/// figure, a number followed by ms or s inside the solve-time element).
fn mask_solve_time(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.lines() {
        if line.contains("class=\"solve-time\"") || line.contains("solved in") {
            out.push_str(&mask_durations(line));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn mask_durations(line: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let rest: String = chars[i..].iter().collect();
            if rest.starts_with(" ms") || rest.starts_with(" s") {
                out.push_str("[time]");
            } else {
                out.extend(&chars[start..i]);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}
