//! `hifplan report`: the HTML page as a document (library), as a command
//! (files it writes and refuses to write), and as a browser shows it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use hifplan::result::RunResult;
use hifplan::scenario::{self, Loaded};
use predicates::prelude::*;

const KNAPSACK: &str = "scenarios/examples/knapsack.yaml";
const BASELINE: &str = "scenarios/baseline.yaml";
const ROADMAP: &str = "scenarios/roadmap.yaml";
const EARMARKED: &str = "scenarios/earmarked.yaml";
const SVG_NS: &str = "http://www.w3.org/2000/svg";
const CHROMIUM: &str = "/usr/bin/chromium";

fn hifplan() -> Command {
    let mut c = Command::cargo_bin("hifplan").expect("binary built");
    c.current_dir(common::root());
    c
}

/// Renders the report of solved scenarios as `hifplan report` does: with
/// a comparison against the first when there are several.
fn render(runs: &[(String, Loaded, RunResult)]) -> String {
    let members: Vec<(String, &Loaded, &RunResult)> =
        runs.iter().map(|(f, l, r)| (f.clone(), l, r)).collect();
    let comparison = (members.len() > 1).then(|| hifplan::analysis::compare::compare(&members, 0));
    hifplan::report::html::render(&members, comparison.as_ref())
}

fn solved(files: &[&str]) -> Vec<(String, Loaded, RunResult)> {
    files
        .iter()
        .map(|f| {
            let (l, r) = common::solve(f);
            (f.to_string(), l, r)
        })
        .collect()
}

/// Checks that hold for every report: one document, charts, nothing
/// fetched from anywhere, no script.
fn assert_self_contained(html: &str, scenarios: usize) {
    assert!(html.starts_with("<!DOCTYPE html>"), "starts as HTML");
    assert_eq!(html.matches("<!DOCTYPE").count(), 1, "one document");
    assert_eq!(html.matches("<html").count(), 1, "one document");
    assert_eq!(html.matches("</html>").count(), 1, "one document");
    assert!(html.trim_end().ends_with("</html>"));
    let charts = html.matches("<svg").count();
    assert!(
        charts >= 4 * scenarios,
        "{charts} charts for {scenarios} scenario(s): expected at least 4 each"
    );
    assert_eq!(charts, html.matches("</svg>").count(), "every chart closed");
    let without_ns = html.replace(SVG_NS, "");
    for scheme in ["http://", "https://", "//cdn", "ftp://"] {
        assert!(
            !without_ns.contains(scheme),
            "a reference to {scheme}… beyond the SVG namespace"
        );
    }
    let lower = html.to_lowercase();
    for tag in ["<script", "<link", "<iframe", "<img", "@import", "url("] {
        assert!(!lower.contains(tag), "{tag} in a self-contained page");
    }
    assert!(!lower.contains(" src="), "nothing loaded from another file");
}

#[test]
fn a_single_scenario_is_one_page_with_four_charts() {
    let runs = solved(&[KNAPSACK]);
    let html = render(&runs);
    assert_self_contained(&html, 1);
    let (_, loaded, result) = &runs[0];
    assert!(html.contains(&loaded.scenario.name));
    assert!(html.contains(&result.meta.scenario_sha256));
    assert!(html.contains(&result.meta.solver_version));
    assert!(html.contains("35.0 DALYs"), "the objective");
    assert!(
        html.contains("DALYs averted beyond current coverage"),
        "the objective in words"
    );
    // Axis labels are text the browser draws (no font files needed).
    assert!(html.contains("<text"), "plotters wrote text into the SVG");
    assert!(html.contains("million VND"), "units on the charts");
    assert!(
        !html.contains("Comparison of the scenarios"),
        "one scenario has nothing to compare"
    );
}

#[test]
fn several_scenarios_are_compared_with_what_differs() {
    let runs = solved(&[BASELINE, ROADMAP]);
    let html = render(&runs);
    // Four charts per scenario plus the overlaid ones.
    assert_self_contained(&html, 3);
    for (_, loaded, result) in &runs {
        assert!(html.contains(&loaded.scenario.name));
        assert!(html.contains(&result.meta.scenario_sha256));
    }
    assert!(html.contains("Comparison of the scenarios"));
    assert!(html.contains("What differs in roadmap from baseline"));
    assert!(html.contains("fund.premium_rate"), "an input difference");
    // The comparison's numbers, formatted as the terminal table has them.
    let c = hifplan::analysis::compare::compare(
        &runs
            .iter()
            .map(|(f, l, r)| (f.clone(), l, r))
            .collect::<Vec<_>>(),
        0,
    );
    for m in &c.members {
        let dalys = m.headline.dalys_averted.expect("optimal");
        assert!(
            html.contains(&hifplan::report::fmt::num(dalys)),
            "DALYs of {} in the table",
            m.headline.scenario
        );
    }
}

#[test]
fn scenario_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(KNAPSACK)).unwrap();
    let evil = text.replace(
        "description: Fractional knapsack (docs/model.md, the worked check), solved by hand above.",
        "description: \"<script>alert('x')</script> & <b>bold</b> \\\"quoted\\\"\"",
    );
    assert_ne!(evil, text, "the description line was replaced");
    let path = dir.path().join("evil.yaml");
    std::fs::write(&path, evil).unwrap();
    let loaded = scenario::load(&path).unwrap_or_else(|e| panic!("{}", e.render()));
    assert!(
        loaded
            .scenario
            .description
            .as_deref()
            .unwrap()
            .contains("<script>")
    );
    let result = hifplan::run(&loaded, common::backends()[0]);
    let runs = vec![(path.display().to_string(), loaded, result)];
    let html = render(&runs);
    assert_self_contained(&html, 1);
    assert!(!html.contains("<script>alert"), "raw script in the page");
    assert!(!html.contains("<b>bold"), "raw markup in the page");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&amp; &lt;b&gt;bold"));
    assert!(html.contains("&quot;quoted&quot;"));
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

#[test]
fn the_command_writes_once_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    hifplan()
        .args(["report", BASELINE, ROADMAP, "--out"])
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!("wrote {}", out.display())));
    let first = std::fs::read_to_string(&out).unwrap();
    assert_self_contained(&first, 3);
    assert!(first.contains("roadmap") && first.contains("baseline"));

    // Present: refused without --force, and left as it was.
    std::fs::write(&out, "keep me").unwrap();
    hifplan()
        .args(["report", BASELINE, ROADMAP, "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");

    hifplan()
        .args([
            "report",
            BASELINE,
            ROADMAP,
            "--force",
            "--baseline",
            "roadmap",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let forced = std::fs::read_to_string(&out).unwrap();
    assert!(forced.contains("What differs in baseline from roadmap"));
    // Nothing temporary left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.html"]);
}

#[test]
fn the_command_never_writes_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("knapsack.yaml");
    std::fs::copy(common::root().join(KNAPSACK), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    for force in [false, true] {
        let mut cmd = hifplan();
        cmd.arg("report").arg(&input).arg("--out").arg(&input);
        if force {
            cmd.arg("--force");
        }
        cmd.assert().code(2);
        assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");
    }
    hifplan()
        .arg("report")
        .arg(&input)
        .arg("--force")
        .arg("--out")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("input"));
}

#[test]
fn bad_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "name: bad\nyears: {from: 2026, to: 2025}\n").unwrap();
    hifplan()
        .args(["report", KNAPSACK])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error"));
    hifplan()
        .args(["report", KNAPSACK, "--baseline", "nosuch", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--baseline"));
    assert!(!out.exists(), "nothing written");
}

#[test]
fn an_infeasible_member_is_shown_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    // A floor of three months breaks the baseline's status quo in 2026.
    hifplan()
        .args([
            "report",
            BASELINE,
            "--set",
            "fund.reserve_floor_months=3",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("infeasible"));
    assert!(html.contains("No plan meets every constraint"));
    assert!(!html.contains("<svg"), "no charts without a plan");
}

// ---------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------

/// What Chromium made of a page: its screenshot and its log.
struct Shown {
    png: PathBuf,
    log: String,
}

/// Chromium when it is installed; `None` (with a notice) when not, unless
/// HIFPLAN_REQUIRE_BROWSER=1 makes its absence a failure.
fn chromium() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        return Some(CHROMIUM);
    }
    if std::env::var("HIFPLAN_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("HIFPLAN_REQUIRE_BROWSER=1 but {CHROMIUM} is not installed");
    }
    eprintln!(
        "notice: {CHROMIUM} not found; browser check skipped (set HIFPLAN_REQUIRE_BROWSER=1 to require it)"
    );
    None
}

/// Opens `page` in headless Chromium with a fresh profile, offline as far
/// as flags allow, and takes a 1280×2400 screenshot.
fn show(browser: &str, page: &Path, dir: &Path) -> Shown {
    let png = dir.join("screenshot.png");
    let profile = dir.join("profile");
    let url = format!("file://{}", page.display());
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(
            std::fs::File::create(dir.join("chromium.log")).unwrap(),
        ))
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().unwrap() {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within 120 s");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let log = std::fs::read_to_string(dir.join("chromium.log")).unwrap_or_default();
    Shown { png, log }
}

/// Console messages about the page: errors, uncaught exceptions, or any
/// message from the page itself (it has no script, so there should be none).
fn console_errors(log: &str, page: &Path) -> Vec<String> {
    let url = format!("file://{}", page.display());
    log.lines()
        .filter(|l| l.contains("CONSOLE"))
        .filter(|l| {
            let lower = l.to_lowercase();
            lower.contains("error") || l.contains("Uncaught") || l.contains(&url)
        })
        .map(str::to_string)
        .collect()
}

/// The share of pixels that are not (near) white.
fn ink(png: &Path) -> (u32, u32, f64) {
    let file = std::fs::File::open(png)
        .unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = match info.color_type {
        png::ColorType::Rgba => 4,
        png::ColorType::Rgb => 3,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Grayscale => 1,
        png::ColorType::Indexed => panic!("indexed colour after expansion"),
    };
    let colour = channels.min(3);
    let (mut inked, mut total) = (0u64, 0u64);
    for row in buf[..info.buffer_size()].chunks(info.line_size) {
        for px in row[..info.width as usize * channels].chunks(channels) {
            total += 1;
            if px[..colour].iter().any(|&c| c < 235) {
                inked += 1;
            }
        }
    }
    (info.width, info.height, inked as f64 / total.max(1) as f64)
}

#[test]
fn chromium_shows_the_report_without_errors() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let html = render(&solved(&[BASELINE, ROADMAP, EARMARKED]));
    std::fs::write(&page, &html).unwrap();
    let shown = show(browser, &page, dir.path());
    if let Ok(keep) = std::env::var("HIFPLAN_SCREENSHOT")
        && !keep.is_empty()
        && shown.png.exists()
    {
        std::fs::copy(&shown.png, &keep).expect("screenshot saved");
        eprintln!("screenshot saved to {keep}");
    }
    let (w, h, share) = ink(&shown.png);
    assert!(w >= 1000 && h >= 1000, "screenshot of {w}×{h}");
    assert!(
        share > 0.02,
        "the screenshot is blank: {:.2}% of pixels not white",
        share * 100.0
    );
    let errors = console_errors(&shown.log, &page);
    assert!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
}

/// The checks above must be able to fail: a page that logs an error and
/// throws is caught, and a blank page is blank.
#[test]
fn chromium_checks_catch_a_broken_page() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><script>console.error('boom'); notDefined();</script></body></html>",
    )
    .unwrap();
    let shown = show(browser, &page, dir.path());
    let errors = console_errors(&shown.log, &page);
    assert!(
        errors.iter().any(|l| l.contains("Uncaught")),
        "an uncaught exception is seen in:\n{}",
        shown.log
    );
    assert!(
        errors.iter().any(|l| l.contains("boom")),
        "console.error is seen"
    );
    let (_, _, share) = ink(&shown.png);
    assert!(share < 0.02, "an empty page counts as blank");
}

// ---------------------------------------------------------------------------
// What a minister reads
// ---------------------------------------------------------------------------

/// The report of `files` as the command writes it (with `extra` options).
fn report_of(files: &[&str], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    hifplan()
        .arg("report")
        .args(files)
        .args(extra)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    std::fs::read_to_string(&out).unwrap()
}

/// Each chart's SVG, from `<svg class="chart"` to its `</svg>`.
fn charts(html: &str) -> Vec<&str> {
    html.match_indices("<svg class=\"chart\"")
        .map(|(i, _)| {
            let end = html[i..].find("</svg>").map_or(html.len(), |e| i + e + 6);
            &html[i..end]
        })
        .collect()
}

fn attr<'a>(svg: &'a str, name: &str) -> &'a str {
    let key = format!("{name}=\"");
    let i = svg.find(&key).map(|i| i + key.len()).unwrap_or(0);
    &svg[i..i + svg[i..].find('"').unwrap_or(0)]
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The texts drawn in an SVG (`<text …>here</text>`), unescaped.
fn drawn_texts(svg: &str) -> Vec<String> {
    svg.match_indices("<text")
        .filter_map(|(i, _)| {
            let open = svg[i..].find('>')? + i + 1;
            let close = svg[open..].find("</text>")? + open;
            Some(unescape(svg[open..close].trim()))
        })
        .collect()
}

#[test]
fn every_chart_has_a_title_axis_labels_and_a_legend() {
    let html = report_of(&[BASELINE, ROADMAP, EARMARKED], &["--sensitivity"]);
    let all = charts(&html);
    assert!(all.len() >= 3 * 5 + 2, "{} charts", all.len());
    for svg in all {
        let title = attr(svg, "aria-label");
        assert!(!title.is_empty(), "a chart without a title");
        assert!(
            svg.contains(&format!("<title>{title}</title>")),
            "{title}: no <title>"
        );
        let texts = drawn_texts(svg);
        let axes: Vec<String> = unescape(attr(svg, "data-axes"))
            .split('|')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        assert!(!axes.is_empty(), "{title}: no axis label");
        for a in &axes {
            assert!(texts.contains(a), "{title}: axis label {a:?} not drawn");
        }
        let legend: Vec<String> = unescape(attr(svg, "data-legend"))
            .split('|')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        assert!(!legend.is_empty(), "{title}: no legend");
        for l in &legend {
            assert!(texts.contains(l), "{title}: legend entry {l:?} not drawn");
        }
    }
}

/// The tick labels of the first chart whose title starts with `title` in
/// each scenario section.
fn ticks_per_section(html: &str, title: &str) -> Vec<Vec<String>> {
    html.split("<section class=\"scenario")
        .skip(1)
        .filter_map(|section| {
            charts(section)
                .into_iter()
                .find(|svg| unescape(attr(svg, "aria-label")).starts_with(title))
                .map(|svg| {
                    drawn_texts(svg)
                        .into_iter()
                        .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))
                        .filter(|t| !(t.len() == 4 && t.starts_with("20")))
                        .collect()
                })
        })
        .collect()
}

#[test]
fn scenarios_share_their_axes() {
    let html = report_of(&[BASELINE, ROADMAP, EARMARKED], &[]);
    for title in [
        "National coverage per programme",
        "Prevention spending by funder",
        "Reserve against its floor",
        "DALYs averted per programme",
    ] {
        let ticks = ticks_per_section(&html, title);
        assert_eq!(ticks.len(), 3, "{title} in every section");
        assert!(
            ticks.windows(2).all(|w| w[0] == w[1]),
            "{title}: axes differ: {ticks:?}"
        );
    }
}

#[test]
fn the_page_reads_first_as_a_summary_then_the_year_table_and_why_it_stops() {
    let html = report_of(&[EARMARKED], &["--sensitivity"]);
    let summary = html.find("class=\"summary\"").expect("the plan in brief");
    let first_chart = html.find("<figure").unwrap();
    assert!(summary < first_chart, "the summary comes before the charts");
    let paragraph = &html[summary..summary + html[summary..].find("</p>").unwrap()];
    for part in [
        "The plan expands",
        "Hypertension management",
        "on prevention",
        "DALYs",
        "What stops the plan",
    ] {
        assert!(paragraph.contains(part), "{part:?} in {paragraph}");
    }
    assert!(html.contains("Year by year (billion VND)"));
    assert!(html.contains("<th scope=\"col\">envelope</th>"));
    assert!(html.contains("Why the plan stops where it does"));
    assert!(
        html.contains("1 billion VND more from Special consumption tax"),
        "a price in words"
    );
    // One meaning per line style, said once for the page.
    for s in [
        "solid: a reserve",
        "dashed: a reserve floor",
        "dotted: the reserve with coverage frozen",
    ] {
        assert!(html.contains(s), "{s}");
    }
    // The tornado names parameters in the scenario's words and marks an
    // end without a plan.
    let tornado = charts(&html)
        .into_iter()
        .find(|svg| attr(svg, "aria-label").starts_with("What the objective depends on"))
        .expect("a tornado");
    let texts = drawn_texts(tornado).join(" ");
    assert!(!texts.contains("programs["), "key paths as labels: {texts}");
    assert!(texts.contains("reserve floor (months)"), "{texts}");
    assert!(
        texts.contains("✗ no plan (infeasible)"),
        "an infeasible end marked: {texts}"
    );
    for label in drawn_texts(tornado) {
        assert!(
            !label.ends_with('…') || label.chars().count() > 20,
            "cut label {label:?}"
        );
    }
    // Names, not ids, in the charts.
    let drawn: Vec<String> = charts(&html).into_iter().flat_map(drawn_texts).collect();
    assert!(
        !drawn
            .iter()
            .any(|t| t == "alcohol_sct" || t == "hypertension"),
        "ids in charts"
    );
    for name in [
        "Special consumption tax on alcohol and beer",
        "HIF",
        "Hypertension management at commune health stations",
    ] {
        assert!(drawn.iter().any(|t| t == name), "{name} drawn");
    }
}

/// poppler's pdftotext and pdfinfo, when installed (CI installs them with
/// Chromium: HIFPLAN_REQUIRE_BROWSER=1 requires them too).
fn poppler() -> bool {
    let ok = Path::new("/usr/bin/pdftotext").exists() && Path::new("/usr/bin/pdfinfo").exists();
    if !ok {
        if std::env::var("HIFPLAN_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!(
                "HIFPLAN_REQUIRE_BROWSER=1 but pdftotext/pdfinfo (poppler-utils) are not installed"
            );
        }
        eprintln!(
            "notice: pdftotext not found; the print check is skipped (Debian: poppler-utils)"
        );
    }
    ok
}

#[test]
fn the_report_prints_on_a4_without_cutting_a_chart() {
    let Some(browser) = chromium() else {
        return;
    };
    if !poppler() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, report_of(&[BASELINE, ROADMAP, EARMARKED], &[])).unwrap();
    let pdf = dir.path().join("report.pdf");
    let status = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() && pdf.exists(), "chromium printed no PDF");
    let info = Process::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(info.contains("(A4)"), "A4: {info}");
    // The comparison, then each scenario on pages of its own.
    assert!((4..=24).contains(&pages), "{pages} pages");
    let text = Process::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let per_page: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for n in 1..=3 {
        let heading = format!("Scenario {n}:");
        let at = per_page
            .iter()
            .position(|p| p.contains(&heading))
            .unwrap_or_else(|| panic!("{heading} printed"));
        assert!(
            per_page[at].trim_start().starts_with(&heading),
            "{heading} starts a page"
        );
    }
    // A chart's caption and the note under it print on the same page:
    // no chart is cut by a page break.
    for (caption, note) in [
        (
            "Reserve against its floor",
            "The plan keeps the reserve (solid)",
        ),
        (
            "Prevention spending by funder",
            "All prevention spending on the programmes",
        ),
        (
            "National coverage per programme (%",
            "Persons covered over the target population",
        ),
        (
            "DALYs averted per programme (DALYs per year",
            "Disability-adjusted life years averted",
        ),
    ] {
        for (k, p) in per_page.iter().enumerate() {
            assert_eq!(
                p.matches(caption).count(),
                p.matches(note).count(),
                "page {}: {caption:?} and its note apart",
                k + 1
            );
        }
    }
}
