//! An independent check of a result against the model.
//!
//! From the scenario and the *reported* numbers only — coverage per cell
//! and money per funder — this module recomputes spending, offsets and the
//! reserve path, then runs every constraint family's own check (C1–C9,
//! each in its file under `model/families`) and recomputes the objective.
//! It does not use the LP or the solver's word, so a wrong row in the
//! model, a mis-reported value or a solver that answers "optimal" too
//! easily all show up here.

use std::collections::HashMap;

use ndarray::Array3;

pub use crate::model::check::{COV_TOL, Checker, REL_TOL, Violation, close};
use crate::model::check::{Reported, ReportedYear};
use crate::model::families;
use crate::result::RunResult;
use crate::scenario::{Funder, ObjectiveKind, Scenario};

#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// Number of individual checks made.
    pub checks: usize,
    pub violations: Vec<Violation>,
    /// The objective recomputed from the reported numbers.
    pub objective: Option<f64>,
    /// The objective's size with every programme at full coverage: the
    /// scale its accuracy is judged by.
    pub objective_scale: f64,
}

impl Verification {
    pub fn passed(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `r` against `s`. A result that is not optimal has nothing to check.
pub fn verify(s: &Scenario, r: &RunResult) -> Verification {
    let mut ck = Checker::default();
    if !r.is_optimal() {
        return Verification::default();
    }
    let reported = read(s, r, &mut ck);
    for family in families::all() {
        family.check(s, &reported, &mut ck);
    }
    let (z, z_scale) = objective(s, &reported);
    match r.objective {
        Some(value) => ck.check(
            close(value, z, z_scale),
            || "objective".into(),
            || format!("reported {value}, recomputed {z}"),
        ),
        None => ck.check(
            false,
            || "objective".into(),
            || "missing from an optimal result".into(),
        ),
    }
    Verification {
        checks: ck.checks,
        violations: ck.violations,
        objective: Some(z),
        objective_scale: z_scale,
    }
}

/// Reads coverage and money per funder from the allocations (checking each
/// cell's own arithmetic on the way), then recomputes offsets and the
/// reserve path from them.
fn read(s: &Scenario, r: &RunResult, ck: &mut Checker) -> Reported {
    let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
    let index = |ids: Vec<&str>| -> HashMap<String, usize> {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i))
            .collect()
    };
    let pidx = index(s.programs.iter().map(|p| p.id.as_str()).collect());
    let ridx = index(s.regions.iter().map(|r| r.id.as_str()).collect());
    let fidx: HashMap<&str, Funder> = std::iter::once((crate::scenario::HIF, Funder::Hif))
        .chain(
            s.sources
                .iter()
                .enumerate()
                .map(|(k, src)| (src.id.as_str(), Funder::Source(k))),
        )
        .collect();
    let yidx: HashMap<i32, usize> = s.years.iter().enumerate().map(|(i, y)| (*y, i)).collect();
    let mut c = Array3::from_elem((np, nr, ny), f64::NAN);
    let mut flows: HashMap<(Funder, usize, usize), f64> = HashMap::new();
    for a in &r.allocations {
        let cell = || format!("allocation[{},{},{}]", a.program, a.region, a.year);
        let (Some(&p), Some(&rg), Some(&y)) =
            (pidx.get(&a.program), ridx.get(&a.region), yidx.get(&a.year))
        else {
            ck.check(false, cell, || {
                "names a programme, region or year not in the scenario".into()
            });
            continue;
        };
        ck.check(c[[p, rg, y]].is_nan(), cell, || "reported twice".into());
        c[[p, rg, y]] = a.coverage;
        let pop = s.population[[p, rg, y]];
        let per = s.spend_per_coverage(p, rg, y);
        let spend = per * a.coverage;
        ck.check(
            close(a.spending, spend, per),
            || format!("spending[{},{},{}]", a.program, a.region, a.year),
            || format!("reported {}, recomputed {spend}", a.spending),
        );
        ck.check(
            close(a.persons, pop * a.coverage, pop),
            || format!("persons[{},{},{}]", a.program, a.region, a.year),
            || format!("reported {}, recomputed {}", a.persons, pop * a.coverage),
        );
        let prog = &s.programs[p];
        let dalys = prog.dalys[y]
            * pop
            * (prog.daly_share(a.coverage) - prog.daly_share(s.current[[p, rg]]));
        ck.check(
            close(a.dalys_averted, dalys, s.programs[p].dalys[y] * pop),
            || format!("dalys[{},{},{}]", a.program, a.region, a.year),
            || format!("reported {}, recomputed {dalys}", a.dalys_averted),
        );
        for (funder, amount) in &a.by_source {
            let allowed = fidx
                .get(funder.as_str())
                .filter(|f| s.programs[p].funded_by.contains(f));
            ck.check(
                allowed.is_some() || amount.abs() <= REL_TOL,
                || format!("funded_by[{},{}]", a.program, a.year),
                || format!("{amount} from `{funder}`, which may not fund it"),
            );
            ck.check(
                *amount >= -REL_TOL * (1.0 + amount.abs()),
                || format!("f[{funder},{},{}]", a.program, a.year),
                || format!("negative amount {amount}"),
            );
            if let Some(&f) = allowed {
                *flows.entry((f, p, y)).or_default() += amount;
            }
        }
    }
    for ((p, rg, y), v) in c.indexed_iter_mut() {
        let missing = v.is_nan();
        ck.check(
            !missing,
            || {
                format!(
                    "allocation[{},{},{}]",
                    s.programs[p].id, s.regions[rg].id, s.years[y]
                )
            },
            || "missing from the result".into(),
        );
        if missing {
            *v = s.current[[p, rg]];
        }
    }
    let m = s.money();
    let offsets: Vec<f64> = (0..ny)
        .map(|y| {
            let mut o = 0.0;
            for (p, prog) in s.programs.iter().enumerate() {
                for (k, off) in prog.cost_offset.iter().enumerate().take(y + 1) {
                    for rg in 0..nr {
                        o += off
                            * s.population[[p, rg, y - k]]
                            * (c[[p, rg, y - k]] - s.current[[p, rg]])
                            / m;
                    }
                }
            }
            o
        })
        .collect();
    let f = &s.fund;
    let mut reserve = Vec::with_capacity(ny);
    let mut level = f.opening_reserve;
    for y in 0..ny {
        let hif: f64 = (0..np)
            .map(|p| flows.get(&(Funder::Hif, p, y)).copied().unwrap_or(0.0))
            .sum();
        level += f.premium_revenue[y] + f.other_income[y]
            - f.curative_spending[y]
            - f.management_cost[y]
            + offsets[y]
            - hif;
        reserve.push(level);
    }
    let years = s
        .years
        .iter()
        .map(|year| {
            r.years
                .iter()
                .find(|row| row.year == *year)
                .map(|row| ReportedYear {
                    reserve: row.reserve,
                    offsets: row.offsets,
                    hif_prevention: row.hif_prevention,
                    floor: row.floor,
                })
        })
        .collect();
    let source_used = r
        .sources
        .iter()
        .filter_map(|row| {
            let k = s.sources.iter().position(|src| src.id == row.source)?;
            Some(((k, *yidx.get(&row.year)?), row.used))
        })
        .collect();
    Reported {
        c,
        flows,
        offsets,
        reserve,
        years,
        source_used,
    }
}

/// The objective recomputed from the reported plan, and its scale (the
/// objective with every programme at full coverage): planning years only,
/// DALYs as `D(c)` in band order, discounted at the years they accrue.
fn objective(s: &Scenario, r: &Reported) -> (f64, f64) {
    let (np, nr) = (s.programs.len(), s.regions.len());
    let m = s.money();
    let mut z = 0.0;
    let mut z_scale = 0.0;
    for y in 0..s.n_plan {
        let delta = s.discount(y);
        let (mut dalys_value, mut extra_spend, mut dalys_full, mut spend_full) =
            (0.0, 0.0, 0.0, 0.0);
        for p in 0..np {
            let prog = &s.programs[p];
            let lagged = s.daly_discount(p, y);
            for rg in 0..nr {
                let (c, now) = (r.c[[p, rg, y]], s.current[[p, rg]]);
                let pop = s.population[[p, rg, y]];
                let gain = prog.daly_share(c) - prog.daly_share(now);
                dalys_value += lagged * prog.dalys[y] * pop * gain;
                extra_spend += delta * pop * s.unit_cost[[p, rg, y]] * (c - now) / m;
                dalys_full += lagged * prog.dalys[y] * pop;
                spend_full += delta * pop * s.unit_cost[[p, rg, y]] / m;
            }
        }
        let funder_total = |hif_only: bool| -> f64 {
            r.flows
                .iter()
                .filter(|((f, _, fy), _)| *fy == y && (!hif_only || *f == Funder::Hif))
                .map(|(_, v)| v)
                .sum()
        };
        let value = s.objective.value_per_daly / m;
        z_scale += match s.objective.kind {
            ObjectiveKind::Dalys => dalys_full,
            ObjectiveKind::NetBenefit => {
                value * dalys_full + delta * r.offsets[y].abs() + spend_full
            }
            ObjectiveKind::Cost | ObjectiveKind::HifCost => spend_full,
        };
        z += match s.objective.kind {
            ObjectiveKind::Dalys => dalys_value,
            ObjectiveKind::NetBenefit => value * dalys_value + delta * r.offsets[y] - extra_spend,
            ObjectiveKind::Cost => delta * funder_total(false),
            ObjectiveKind::HifCost => delta * funder_total(true),
        };
    }
    (z, z_scale)
}
