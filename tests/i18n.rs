//! The Vietnamese edition: the catalogues match, every message the code
//! asks for exists, every bundled scenario rendered in Vietnamese (table,
//! CSV, workbook, HTML report, with and without a plan) keeps no English
//! text of the catalogue, a scenario's `language: vi` chooses it, and the
//! frame of bad-input messages is Vietnamese too.

mod common;

use std::collections::BTreeSet;
use std::io::Cursor;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use hifplan::report::i18n::{self, Lang};

fn hifplan() -> Command {
    let mut c = Command::cargo_bin("hifplan").expect("binary built");
    c.current_dir(common::root());
    c
}

/// The ids of a catalogue.
fn ids(lang: Lang) -> BTreeSet<String> {
    i18n::ids(lang).into_iter().collect()
}

#[test]
fn the_catalogues_parse_and_have_the_same_messages() {
    for lang in Lang::ALL {
        i18n::parses(lang).unwrap_or_else(|e| panic!("{}.ftl: {e}", lang.code()));
    }
    let (en, vi) = (ids(Lang::En), ids(Lang::Vi));
    let only_en: Vec<_> = en.difference(&vi).collect();
    let only_vi: Vec<_> = vi.difference(&en).collect();
    assert!(only_en.is_empty(), "missing in vi.ftl: {only_en:?}");
    assert!(only_vi.is_empty(), "missing in en.ftl: {only_vi:?}");
    assert_eq!(en.len(), i18n::ids(Lang::En).len(), "an id defined twice");
}

/// Every message id written literally in the source (`t!("id"`) and every
/// CSV header key (`header("key"` → `csv-key`) is in the catalogue.
#[test]
fn every_message_the_code_asks_for_exists() {
    let en = ids(Lang::En);
    let mut missing = Vec::new();
    let mut stack = vec![common::root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // The macro's own documentation shows `t!("id")`.
            if path.extension().is_none_or(|x| x != "rs") || path.ends_with("report/i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (open, prefix) in [("t!(\"", ""), ("header(\"", "csv-")] {
                for (i, _) in text.match_indices(open) {
                    // `t!(` itself, not the end of `format!(` or `print!(`.
                    let before = text[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[i + open.len()..];
                    let Some(end) = rest.find('"') else { continue };
                    let id = if prefix.is_empty() {
                        rest[..end].to_string()
                    } else {
                        format!("{prefix}{}", rest[..end].replace('_', "-"))
                    };
                    if !en.contains(&id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages not in en.ftl:\n{}",
        missing.join("\n")
    );
}

/// Literal English of the catalogue worth looking for: the text between
/// placeholders of every message whose Vietnamese differs, two words or
/// more, and not shared with the Vietnamese catalogue (key paths, flags).
fn english_fragments() -> Vec<(String, String)> {
    let vi_source = i18n::source(Lang::Vi);
    let mut out = Vec::new();
    for id in i18n::ids(Lang::En) {
        let (Some(en), Some(vi)) = (
            i18n::source_of(Lang::En, &id),
            i18n::source_of(Lang::Vi, &id),
        ) else {
            continue;
        };
        if en == vi {
            continue;
        }
        let mut text = en.replace("{\" \"}", " ");
        while let Some(i) = text.find("{ $") {
            let end = text[i..].find(" }").map_or(text.len(), |e| i + e + 2);
            text.replace_range(i..end, "\u{0}");
        }
        for piece in text.split('\u{0}') {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || ",.;:()".contains(c));
            if piece.split_whitespace().count() >= 2
                && piece.chars().count() >= 10
                && !vi_source.contains(piece)
            {
                out.push((id.clone(), piece.to_string()));
            }
        }
    }
    out
}

/// `text` without what the scenario itself says (its name, description,
/// names of programmes and funders: the user's words, in their language).
fn without_scenario_text(text: &str, file: &str) -> String {
    let loaded = common::load(file);
    let s = &loaded.scenario;
    let mut texts: Vec<String> = vec![s.name.clone()];
    if let Some(d) = &s.description {
        texts.push(d.clone());
        texts.extend(d.lines().map(str::to_string));
    }
    texts.extend(s.programs.iter().map(|p| p.name.clone()));
    texts.extend(s.sources.iter().map(|p| p.name.clone()));
    texts.extend(s.regions.iter().map(|p| p.name.clone()));
    texts.extend(s.resources.iter().map(|p| p.name.clone()));
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut out = text.to_string();
    for t in texts.iter().filter(|t| !t.trim().is_empty()) {
        out = out.replace(t.as_str(), " ");
        // The HTML escapes them.
        out = out.replace(
            &t.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;"),
            " ",
        );
    }
    out
}

fn assert_no_english(what: &str, file: &str, output: &str, fragments: &[(String, String)]) {
    let text = without_scenario_text(output, file);
    let found: Vec<String> = fragments
        .iter()
        .filter(|(_, f)| text.contains(f.as_str()))
        .map(|(id, f)| format!("{id}: {f:?}"))
        .collect();
    assert!(
        found.is_empty(),
        "{what} of {file} in Vietnamese keeps English:\n{}",
        found.join("\n")
    );
}

fn workbook_text(bytes: &[u8]) -> String {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = wb.sheet_names().join("\n");
    for name in wb.sheet_names() {
        let r = wb.worksheet_range(&name).unwrap();
        for row in r.rows() {
            for c in row {
                if let Data::String(s) = c {
                    out.push('\n');
                    out.push_str(s);
                }
            }
        }
    }
    out
}

#[test]
fn every_bundled_scenario_in_vietnamese_keeps_no_english_of_the_catalogue() {
    let fragments = english_fragments();
    assert!(fragments.len() > 200, "{} fragments", fragments.len());
    let mut files = Vec::new();
    for dir in ["scenarios", "scenarios/variants", "scenarios/examples"] {
        files.extend(common::yaml_files(dir));
    }
    // One without a plan too.
    files.push("tests/cases/infeasible_two_conflicts.yaml".into());
    for file in &files {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let run = hifplan()
            .args(["run", file, "--lang", "vi", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(matches!(run.status.code(), Some(0 | 3)), "{file}");
        let table = String::from_utf8(run.stdout).unwrap();
        assert!(table.contains("Trạng thái:"), "{file}: {table}");
        assert_no_english("the table", file, &table, &fragments);
        // CSV headers are the JSON keys in every edition (docs/glossary.md);
        // the words in the cells are Vietnamese.
        let mut csvs = String::new();
        for e in std::fs::read_dir(&out).unwrap().filter_map(Result::ok) {
            if e.path().extension().is_some_and(|x| x == "csv") {
                let text = std::fs::read_to_string(e.path()).unwrap();
                let (head, body) = text.split_once('\n').unwrap_or((&text, ""));
                assert!(head.is_ascii(), "{file}: an English CSV header: {head}");
                csvs.push_str(body);
            }
        }
        assert_no_english("the CSV files", file, &csvs, &fragments);
        let xlsx = std::fs::read(out.join("result.xlsx")).unwrap();
        assert_no_english("the workbook", file, &workbook_text(&xlsx), &fragments);
        let html = tmp.path().join("bao-cao.html");
        let report = hifplan()
            .args(["report", file, "--lang", "vi", "--out"])
            .arg(&html)
            .output()
            .unwrap();
        assert!(report.status.success(), "{file}");
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("<html lang=\"vi\">"));
        assert_no_english("the HTML report", file, &page, &fragments);
    }
    // The comparison, with a sweep and a sensitivity analysis.
    let cmp = hifplan()
        .args([
            "compare",
            "scenarios/baseline.yaml",
            "scenarios/roadmap.yaml",
            "scenarios/earmarked.yaml",
            "--lang",
            "vi",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(cmp.stdout).unwrap();
    assert!(
        text.contains("chi phòng bệnh, mọi nguồn (tỷ đồng)"),
        "{text}"
    );
    assert_no_english(
        "the comparison",
        "scenarios/earmarked.yaml",
        &text,
        &fragments,
    );
    let sens = hifplan()
        .args([
            "sensitivity",
            "scenarios/examples/knapsack.yaml",
            "--lang",
            "vi",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(sens.stdout).unwrap();
    assert!(text.contains("Phương pháp:"), "{text}");
    assert_no_english(
        "the sensitivity",
        "scenarios/examples/knapsack.yaml",
        &text,
        &fragments,
    );
    let sweep = hifplan()
        .args([
            "sweep",
            "scenarios/roadmap.yaml",
            "--vary",
            "fund.premium_rate.2027=0.045,0.05",
            "--lang",
            "vi",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(sweep.stdout).unwrap();
    assert!(text.contains("không khả thi"), "{text}");
    assert_no_english("the sweep", "scenarios/roadmap.yaml", &text, &fragments);
}

/// The decision tools speak Vietnamese too: the frontier (table, HTML),
/// the money required, and the league table of a run.
#[test]
fn decision_tools_in_vietnamese_keep_no_english_of_the_catalogue() {
    let fragments = english_fragments();
    let file = "scenarios/roadmap.yaml";
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("duong-bien.html");
    for args in [
        vec!["frontier", file, "--lang", "vi"],
        vec![
            "frontier", file, "--lang", "vi", "--points", "3", "--verify",
        ],
        vec![
            "required",
            file,
            "--lever",
            "premium_rate",
            "--from",
            "2027",
            "--lang",
            "vi",
        ],
        vec![
            "required",
            file,
            "--lever",
            "other_income",
            "--from",
            "2027",
            "--objective-at-least",
            "900000",
            "--lang",
            "vi",
        ],
        vec!["run", file, "--league", "--lang", "vi"],
    ] {
        let out = hifplan().args(&args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{args:?}: {text}");
        assert!(!text.trim().is_empty(), "{args:?}");
        assert_no_english(&format!("{args:?}"), file, &text, &fragments);
    }
    let out = hifplan()
        .args([
            "frontier", file, "--lang", "vi", "--format", "html", "--out",
        ])
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("Đường biên hiệu quả"), "{page}");
    assert_no_english("the frontier page", file, &page, &fragments);
}

#[test]
fn vietnamese_numbers_and_money() {
    let out = hifplan()
        .args(["run", "scenarios/baseline.yaml", "--lang", "vi"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(tỷ đồng)"), "money as tỷ đồng");
    assert!(text.contains("170.400"), "dot thousands: {text}");
    assert!(
        text.contains("2,2") || text.contains("2,0"),
        "decimal comma"
    );
    let out = hifplan()
        .args([
            "run",
            "scenarios/baseline.yaml",
            "--lang",
            "vi",
            "--display-unit",
            "trillion",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(nghìn tỷ đồng)"), "{text}");
}

#[test]
fn a_scenario_says_its_language_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let base =
        std::fs::read_to_string(common::root().join("scenarios/examples/knapsack.yaml")).unwrap();
    let path = dir.path().join("vi.yaml");
    std::fs::write(&path, format!("language: vi\n{base}")).unwrap();
    let out = hifplan().arg("run").arg(&path).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Trạng thái: TỐI ƯU"), "{text}");
    let out = hifplan()
        .arg("run")
        .arg(&path)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Status: OPTIMAL"), "{text}");
    // Only the languages the views speak.
    let bad = dir.path().join("fr.yaml");
    std::fs::write(&bad, format!("language: fr\n{base}")).unwrap();
    let out = hifplan().arg("run").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("expected a language of the views: en or vi; found `fr`"),
        "{err}"
    );
}

#[test]
fn bad_input_messages_have_a_vietnamese_frame() {
    for (file, expected) in [
        (
            "tests/bad_inputs/012_unknown_top_key.yaml",
            "khóa không xác định `horizon`",
        ),
        (
            "tests/bad_inputs/013_unknown_top_key_typo.yaml",
            "có phải ý bạn là `objective`?",
        ),
    ] {
        let out = hifplan()
            .args(["run", file, "--lang", "vi"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("lỗi: "), "{err}");
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("cần một trong: "), "{err}");
        assert!(err.contains("có 1 lỗi; không ghi gì."), "{err}");
        assert!(!err.contains("error:"), "{err}");
    }
    // English stays the default.
    let out = hifplan()
        .args(["run", "tests/bad_inputs/012_unknown_top_key.yaml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: horizon: unknown key `horizon`"),
        "{err}"
    );
}
