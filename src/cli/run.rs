//! `hifplan run` and `hifplan check`.

use std::path::PathBuf;

use clap::Args;

use super::{
    Format, ScenarioArgs, SolverArgs, exit, load_input, print, progress_spinner, status_exit,
};
use crate::report::Exporter;
use crate::report::csv::{Csv, Table};
use crate::report::fmt::{money as fmt_money, money_label};
use crate::report::json::Json;
use crate::report::table::{TableView, new_table};
use crate::result::Note;
use crate::solve;

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// How to print the result on standard output.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The table printed by --format csv [default: allocations].
    #[arg(long, value_enum)]
    pub table: Option<Table>,
    /// Also write result.json, result.xlsx (the workbook), one CSV per
    /// table and report.txt into DIR (atomically: all files or none).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace DIR if it exists.
    #[arg(long)]
    pub force: bool,
    /// Re-check every constraint and the objective from the reported numbers,
    /// independently of the solver.
    #[arg(long)]
    pub verify: bool,
    /// How many binding limits to price (each price is measured by
    /// re-solving the whole model twice): `all`, a number, or `none`. By
    /// default every one for models up to 2,000 LP columns (national),
    /// the 16 with the largest duals up to 60,000 (provinces), none beyond.
    #[arg(long, value_name = "all|N|none", value_parser = parse_budget)]
    pub prices: Option<crate::PriceBudget>,
    /// Add the league table to --format table: cost per DALY averted per
    /// programme (and region), at the first person-year and at the plan's
    /// margin (always in --format json, as `league`).
    #[arg(long)]
    pub league: bool,
    #[command(flatten)]
    pub solver: SolverArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// `table` for people; `json` or `csv` (the status quo per year) for scripts.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub solver: SolverArgs,
}

pub fn run(a: RunArgs) -> i32 {
    if a.force && a.out.is_none() {
        errln!("error: --force replaces the directory given with --out; there is none");
        return exit::BAD_INPUT;
    }
    if a.table.is_some() && a.format != Format::Csv {
        errln!(
            "error: --table chooses the table printed by --format csv; add --format csv (or use --out DIR for every table)"
        );
        return exit::BAD_INPUT;
    }
    if let Some(code) = super::refuse_binary(a.format) {
        return code;
    }
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    // Refuse before solving what the write would refuse after.
    if let Some(dir) = &a.out
        && let Err(e) = crate::output::precheck_dir(dir, a.force, &loaded.files)
    {
        errln!("error: {e}");
        return exit::BAD_INPUT;
    }
    let backend = a.solver.backend();
    let spinner = progress_spinner(&format!("solving {}", loaded.scenario.name));
    let budget = a.prices.unwrap_or(crate::PriceBudget::Auto);
    let mut result = crate::run_with(&loaded, backend, budget);
    spinner.finish_and_clear();
    let s = &loaded.scenario;
    // A solver error is said on standard error too, not only in the report.
    if result.status == crate::solve::Status::Error
        && let Some(f) = &result.failure
    {
        errln!("error: {}", crate::report::words::failure(f));
    }
    let mut verify_failed = false;
    if a.verify && result.is_optimal() {
        let v = crate::verify::verify(s, &result);
        if v.passed() {
            result.notes.push(Note::Verified { checks: v.checks });
        } else {
            verify_failed = true;
            for viol in v.violations.iter().take(20) {
                errln!("verify: {} violated: {}", viol.constraint, viol.detail);
            }
            result.notes.push(Note::VerificationFailed {
                failed: v.violations.len(),
                checks: v.checks,
            });
        }
    }
    if let Some(dir) = &a.out {
        let files = match crate::report::output_files(&result, s) {
            Ok(files) => files,
            Err(e) => {
                errln!("error: {e}");
                return exit::FAILURE;
            }
        };
        if let Err(e) = crate::output::write_dir(dir, &files, a.force, &loaded.files) {
            errln!("error: {e}");
            return exit::BAD_INPUT;
        }
        errln!("wrote {} ({} files)", dir.display(), files.len());
    }
    let bytes = match a.format {
        Format::Table if a.league => {
            let mut b = TableView { color: false }.render(&result, s);
            b.extend(crate::report::league::table(&result.league, s).into_bytes());
            b
        }
        Format::Table => TableView { color: false }.render(&result, s),
        Format::Json => Json.render(&result, s),
        Format::Csv => Csv(a.table.unwrap_or(Table::Allocations)).render(&result, s),
        Format::Xlsx => match crate::report::xlsx::workbook(&result, s) {
            Ok(bytes) => bytes,
            Err(e) => {
                errln!("error: {e}");
                return exit::FAILURE;
            }
        },
    };
    print(&bytes);
    if verify_failed {
        return exit::FAILURE;
    }
    status_exit(result.status)
}

/// `--prices all|N|none`.
fn parse_budget(text: &str) -> Result<crate::PriceBudget, String> {
    match text {
        "all" => Ok(crate::PriceBudget::All),
        "none" | "0" => Ok(crate::PriceBudget::None),
        n => n
            .parse::<usize>()
            .map(crate::PriceBudget::At)
            .map_err(|_| format!("expected `all`, `none` or a number of limits; found `{n}`")),
    }
}

pub fn check(a: CheckArgs) -> i32 {
    if a.format == Format::Xlsx {
        errln!(
            "error: check has no workbook; `hifplan run SCENARIO --format xlsx > plan.xlsx` writes the plan's, with the balancing capacity on its own sheet"
        );
        return exit::BAD_INPUT;
    }
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    let s = &loaded.scenario;
    let backend = a.solver.backend();
    let sq = solve::status_quo(s, backend);
    let money = money_label(s);
    match a.format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "year",
                "revenue",
                "curative_spending",
                "hif_prevention",
                "reserve",
                "floor",
                "headroom",
            ]);
            if let Ok(sq) = &sq {
                for (y, year) in s.years.iter().enumerate() {
                    let cells = [
                        s.fund.premium_revenue[y],
                        s.fund.curative_spending[y],
                        sq.hif_prevention[y],
                        sq.reserve[y],
                        sq.floor[y],
                        sq.headroom[y],
                    ];
                    let mut rec = vec![year.to_string()];
                    rec.extend(cells.iter().map(|v| v.to_string()));
                    let _ = w.write_record(&rec);
                }
            }
            print(&w.into_inner().unwrap_or_default());
        }
        Format::Json => {
            let doc = serde_json::json!({
                "scenario": s.name,
                "scenario_sha256": s.sha256,
                "valid": true,
                "warnings": loaded.warnings.items.iter().map(crate::note_of).collect::<Vec<_>>(),
                "status_quo": sq.as_ref().ok().map(|sq| s.years.iter().enumerate().map(|(y, year)| serde_json::json!({
                    "year": year, "hif_prevention": sq.hif_prevention[y], "reserve": sq.reserve[y],
                    "floor": sq.floor[y], "headroom": sq.headroom[y],
                })).collect::<Vec<_>>()),
                "first_breach": sq.as_ref().ok().and_then(|sq| sq.first_breach()).map(|y| s.years[y]),
            });
            let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
            bytes.push(b'\n');
            print(&bytes);
        }
        Format::Xlsx => {}
        Format::Table => {
            let mut out = String::new();
            use std::fmt::Write as _;
            let _ = writeln!(
                out,
                "{}: valid ({} programmes, {} region{}, {} earmarked source{}, {}–{}).",
                a.input.scenario.display(),
                s.programs.len(),
                s.regions.len(),
                if s.regions.len() == 1 { "" } else { "s" },
                s.sources.len(),
                if s.sources.len() == 1 { "" } else { "s" },
                s.years[0],
                s.years[s.n_years() - 1]
            );
            let _ = writeln!(out, "sha256 {}", s.sha256);
            match &sq {
                Ok(sq) => {
                    let _ = writeln!(
                        out,
                        "\nBalancing capacity: the fund with coverage frozen at current ({money})"
                    );
                    let mut t = new_table(
                        &[
                            "year",
                            "revenue",
                            "curative",
                            "HIF prevention",
                            "reserve",
                            "floor",
                            "headroom",
                            "months",
                        ]
                        .map(String::from),
                    );
                    for (y, year) in s.years.iter().enumerate() {
                        t.add_row(vec![
                            year.to_string(),
                            fmt_money(s.fund.premium_revenue[y]),
                            fmt_money(s.fund.curative_spending[y]),
                            fmt_money(sq.hif_prevention[y]),
                            fmt_money(sq.reserve[y]),
                            fmt_money(sq.floor[y]),
                            fmt_money(sq.headroom[y]),
                            format!(
                                "{:.1}",
                                sq.reserve[y] / (s.fund.curative_spending[y] / 12.0)
                            ),
                        ]);
                    }
                    let _ = writeln!(out, "{t}");
                    match sq.first_breach() {
                        Some(y) => {
                            let _ = writeln!(
                                out,
                                "\nThe reserve falls below its floor in {} ({} {money} short) even before any new prevention spending.",
                                s.years[y],
                                fmt_money(-sq.headroom[y])
                            );
                        }
                        None => {
                            let low = sq
                                .headroom
                                .iter()
                                .enumerate()
                                .min_by(|a, b| a.1.total_cmp(b.1))
                                .map(|(y, h)| (s.years[y], *h));
                            if let Some((year, h)) = low {
                                let _ = writeln!(
                                    out,
                                    "\nThe reserve stays above its floor; the tightest year is {year} with {} {money} of headroom.",
                                    fmt_money(h)
                                );
                            }
                        }
                    }
                }
                Err(st) => {
                    let _ = writeln!(
                        out,
                        "\nThe status quo could not be computed: {}",
                        crate::report::words::note(&Note::StatusQuoFailed(*st))
                    );
                }
            }
            print(out.as_bytes());
        }
    }
    exit::OK
}
