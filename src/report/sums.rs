//! Sums of a result for display, shared by the table, the workbook and the
//! HTML report: national coverage, spending per programme and per funder,
//! DALYs per programme, each per year. Nothing here is new arithmetic
//! beyond sums over regions and funders.

use std::collections::BTreeMap;

use crate::result::RunResult;
use crate::scenario::{HIF, Scenario};

/// A planning year's index; tail years (after the horizon, coverage held)
/// are not in these sums.
fn year_index(s: &Scenario, year: i32) -> Option<usize> {
    s.plan_years().iter().position(|&y| y == year)
}

fn program_index(s: &Scenario, id: &str) -> Option<usize> {
    s.programs.iter().position(|p| p.id == id)
}

/// National coverage per programme and year: persons covered over the
/// population, both summed over regions; by programme id.
pub fn national_coverage(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let (np, ny) = (s.programs.len(), s.plan_years().len());
    let mut covered = vec![vec![0.0; ny]; np];
    for a in &r.allocations {
        if let (Some(p), Some(y)) = (program_index(s, &a.program), year_index(s, a.year)) {
            covered[p][y] += a.persons;
        }
    }
    s.programs
        .iter()
        .enumerate()
        .map(|(p, prog)| {
            let path = (0..ny)
                .map(|y| {
                    let pop: f64 = (0..s.regions.len()).map(|r| s.population[[p, r, y]]).sum();
                    if pop > 0.0 { covered[p][y] / pop } else { 0.0 }
                })
                .collect();
            (prog.id.clone(), path)
        })
        .collect()
}

/// National coverage per programme before the plan (`current`).
pub fn current_coverage(s: &Scenario) -> Vec<f64> {
    (0..s.programs.len())
        .map(|p| {
            let pop0: f64 = (0..s.regions.len())
                .map(|rg| s.population[[p, rg, 0]])
                .sum();
            (0..s.regions.len())
                .map(|rg| s.population[[p, rg, 0]] * s.current[[p, rg]])
                .sum::<f64>()
                / pop0.max(f64::MIN_POSITIVE)
        })
        .collect()
}

/// Prevention spending per funder and year: the fund first, then the
/// earmarked sources in scenario order; funders never used are left out.
pub fn spending_by_funder(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let ny = s.plan_years().len();
    let mut by: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for a in &r.allocations {
        let Some(y) = year_index(s, a.year) else {
            continue;
        };
        for (f, v) in &a.by_source {
            by.entry(f.clone()).or_insert_with(|| vec![0.0; ny])[y] += v;
        }
    }
    let mut order: Vec<String> = std::iter::once(HIF.to_string())
        .chain(s.sources.iter().map(|x| x.id.clone()))
        .collect();
    for k in by.keys() {
        if !order.contains(k) {
            order.push(k.clone());
        }
    }
    order
        .into_iter()
        .filter_map(|f| by.remove(&f).map(|v| (f, v)))
        .filter(|(_, v)| v.iter().any(|x| x.abs() >= 0.05))
        .collect()
}

/// Per programme and year (by programme id, in scenario order): a field
/// of the allocations summed over regions.
fn by_program(
    s: &Scenario,
    r: &RunResult,
    f: fn(&crate::result::AllocationRow) -> f64,
) -> Vec<(String, Vec<f64>)> {
    let ny = s.plan_years().len();
    let mut out: Vec<(String, Vec<f64>)> = s
        .programs
        .iter()
        .map(|p| (p.id.clone(), vec![0.0; ny]))
        .collect();
    for a in &r.allocations {
        if let (Some(p), Some(y)) = (program_index(s, &a.program), year_index(s, a.year)) {
            out[p].1[y] += f(a);
        }
    }
    out
}

/// DALYs averted per programme and year, summed over regions.
pub fn dalys_by_program(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    by_program(s, r, |a| a.dalys_averted)
}

/// Spending per programme and year, summed over regions.
pub fn spending_by_program(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    by_program(s, r, |a| a.spending)
}

/// Persons covered per programme and year, summed over regions.
pub fn persons_by_program(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    by_program(s, r, |a| a.persons)
}

/// The fund's prevention envelope per year, as a flow: what the fund
/// could spend on prevention in the year and keep its reserve exactly on
/// the floor, given this plan's offsets: premium revenue + other income −
/// curative spending − management cost + offsets − the floor's rise over
/// the year (the first year's rise is from the opening reserve, so what
/// the reserve holds above the floor at the start counts in the first
/// year). Spending the envelope every year leaves the reserve on its
/// floor every year; `headroom[y]` is the sum of `envelope − fund's
/// prevention spending` up to `y`.
pub fn envelope(s: &Scenario, r: &RunResult) -> Vec<f64> {
    let mut before = s.fund.opening_reserve;
    r.years
        .iter()
        .map(|y| {
            let e = y.revenue + y.other_income - y.curative_spending - y.management_cost
                + y.offsets
                - (y.floor - before);
            before = y.floor;
            e
        })
        .collect()
}
