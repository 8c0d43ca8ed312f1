//! An independent check of a result against MODEL.md.
//!
//! From the scenario and the *reported* numbers only — coverage per cell and
//! money per funder — this module recomputes spending, offsets, the reserve
//! path, every constraint C1–C9 and the objective. It does not use the LP
//! builder or the solver's word, so a wrong row in the model, a
//! mis-reported value or a solver that answers "optimal" too easily all
//! show up here.

use std::collections::HashMap;

use crate::result::RunResult;
use crate::scenario::{Funder, ObjectiveKind, Scenario};

/// Relative tolerance for money and DALY balances.
pub const REL_TOL: f64 = 1e-6;
/// Absolute tolerance for coverage fractions.
pub const COV_TOL: f64 = 1e-6;

#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The constraint, named as in MODEL.md (`C4[2028]`).
    pub constraint: String,
    pub detail: String,
}

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

struct Checker {
    v: Verification,
}

impl Checker {
    /// Records a check that `ok` holds.
    fn check(
        &mut self,
        ok: bool,
        constraint: impl FnOnce() -> String,
        detail: impl FnOnce() -> String,
    ) {
        self.v.checks += 1;
        if !ok {
            self.v.violations.push(Violation {
                constraint: constraint(),
                detail: detail(),
            });
        }
    }
}

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= REL_TOL * (1.0 + scale.abs().max(a.abs()).max(b.abs()))
}

/// Checks `r` against `s`. A result that is not optimal has nothing to check.
pub fn verify(s: &Scenario, r: &RunResult) -> Verification {
    let mut ck = Checker {
        v: Verification::default(),
    };
    if !r.is_optimal() {
        return ck.v;
    }
    let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
    let m = s.money();
    let pidx: HashMap<&str, usize> = s
        .programs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let ridx: HashMap<&str, usize> = s
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let yidx: HashMap<i32, usize> = s.years.iter().enumerate().map(|(i, y)| (*y, i)).collect();

    // Read coverage and money per funder from the allocations.
    let mut c = vec![f64::NAN; np * nr * ny];
    let at = |p: usize, r: usize, y: usize| (p * nr + r) * ny + y;
    // flow[(funder id, p, y)]
    let mut flow: HashMap<(String, usize, usize), f64> = HashMap::new();
    for a in &r.allocations {
        let (Some(&p), Some(&rg), Some(&y)) = (
            pidx.get(a.program.as_str()),
            ridx.get(a.region.as_str()),
            yidx.get(&a.year),
        ) else {
            ck.check(
                false,
                || format!("allocation[{},{},{}]", a.program, a.region, a.year),
                || "names a programme, region or year not in the scenario".into(),
            );
            continue;
        };
        let first = c[at(p, rg, y)].is_nan();
        ck.check(
            first,
            || format!("allocation[{},{},{}]", a.program, a.region, a.year),
            || "reported twice".into(),
        );
        c[at(p, rg, y)] = a.coverage;
        let pop = s.population[[p, rg, y]];
        let spend = s.spend_per_coverage(p, rg, y) * a.coverage;
        ck.check(
            close(a.spending, spend, s.spend_per_coverage(p, rg, y)),
            || format!("spending[{},{},{}]", a.program, a.region, a.year),
            || format!("reported {}, recomputed {spend}", a.spending),
        );
        ck.check(
            close(a.persons, pop * a.coverage, pop),
            || format!("persons[{},{},{}]", a.program, a.region, a.year),
            || format!("reported {}, recomputed {}", a.persons, pop * a.coverage),
        );
        let dalys = s.programs[p].dalys[y] * pop * (a.coverage - s.current[[p, rg]]);
        ck.check(
            close(a.dalys_averted, dalys, s.programs[p].dalys[y] * pop),
            || format!("dalys[{},{},{}]", a.program, a.region, a.year),
            || format!("reported {}, recomputed {dalys}", a.dalys_averted),
        );
        for (funder, amount) in &a.by_source {
            *flow.entry((funder.clone(), p, y)).or_default() += amount;
        }
    }
    for p in 0..np {
        for rg in 0..nr {
            for y in 0..ny {
                let cell = || format!("{},{},{}", s.programs[p].id, s.regions[rg].id, s.years[y]);
                let v = c[at(p, rg, y)];
                ck.check(
                    !v.is_nan(),
                    || format!("allocation[{}]", cell()),
                    || "missing from the result".into(),
                );
                if v.is_nan() {
                    c[at(p, rg, y)] = s.current[[p, rg]];
                    continue;
                }
                let prog = &s.programs[p];
                ck.check(
                    v >= prog.cov_min[y] - COV_TOL && v <= prog.cov_max[y] + COV_TOL,
                    || format!("bounds[{}]", cell()),
                    || {
                        format!(
                            "coverage {v} outside [{}, {}]",
                            prog.cov_min[y], prog.cov_max[y]
                        )
                    },
                );
                // C6 targets.
                if let Some(t) = prog.target[y] {
                    ck.check(
                        v >= t - COV_TOL,
                        || format!("C6[{}]", cell()),
                        || format!("coverage {v} below the target {t}"),
                    );
                }
                // C5 pace.
                let prev = if y == 0 {
                    s.current[[p, rg]]
                } else {
                    c[at(p, rg, y - 1)]
                };
                let step = v - prev;
                if let Some(up) = prog.max_scale_up {
                    ck.check(
                        step <= up + COV_TOL,
                        || format!("C5up[{}]", cell()),
                        || format!("coverage rises by {step}, above max_scale_up {up}"),
                    );
                }
                if let Some(down) = prog.max_scale_down {
                    ck.check(
                        -step <= down + COV_TOL,
                        || format!("C5down[{}]", cell()),
                        || format!("coverage falls by {}, above max_scale_down {down}", -step),
                    );
                }
            }
        }
    }

    // C1 funding, and money only from allowed funders.
    for ((funder, p, y), amount) in &flow {
        let allowed = s.programs[*p]
            .funded_by
            .iter()
            .any(|f| s.source_name(*f) == funder);
        ck.check(
            allowed || amount.abs() <= REL_TOL,
            || format!("funded_by[{},{}]", s.programs[*p].id, s.years[*y]),
            || format!("{amount} from `{funder}`, which may not fund it"),
        );
        ck.check(
            *amount >= -REL_TOL * (1.0 + amount.abs()),
            || format!("f[{funder},{},{}]", s.programs[*p].id, s.years[*y]),
            || format!("negative amount {amount}"),
        );
    }
    let f_of = |funder: &str, p: usize, y: usize| {
        flow.get(&(funder.to_string(), p, y))
            .copied()
            .unwrap_or(0.0)
    };
    for p in 0..np {
        for y in 0..ny {
            let spend: f64 = (0..nr)
                .map(|rg| s.population[[p, rg, y]] * s.unit_cost[[p, rg, y]] * c[at(p, rg, y)] / m)
                .sum();
            let funded: f64 = s.programs[p]
                .funded_by
                .iter()
                .map(|f| f_of(s.source_name(*f), p, y))
                .sum();
            // Measured against the programme's cost at full coverage.
            let full: f64 = (0..nr).map(|rg| s.spend_per_coverage(p, rg, y)).sum();
            ck.check(
                close(funded, spend, full),
                || format!("C1[{},{}]", s.programs[p].id, s.years[y]),
                || format!("funded {funded}, spending {spend}"),
            );
        }
    }

    // C2 sources.
    let reported_sources: HashMap<(&str, i32), &crate::result::SourceRow> = r
        .sources
        .iter()
        .map(|row| ((row.source.as_str(), row.year), row))
        .collect();
    for (si, src) in s.sources.iter().enumerate() {
        let mut balance = src.opening_balance;
        for y in 0..ny {
            let used: f64 = (0..np)
                .filter(|p| s.programs[*p].funded_by.contains(&Funder::Source(si)))
                .map(|p| f_of(&src.id, p, y))
                .sum();
            let name = || format!("C2[{},{}]", src.id, s.years[y]);
            if src.carry_over {
                balance += src.amount[y] - used;
                ck.check(balance >= -REL_TOL * (1.0 + src.amount[y]), name, || {
                    format!("balance {balance} below zero")
                });
            } else {
                ck.check(
                    used <= src.amount[y] + REL_TOL * (1.0 + src.amount[y]),
                    name,
                    || format!("uses {used} of {}", src.amount[y]),
                );
            }
            match reported_sources.get(&(src.id.as_str(), s.years[y])) {
                Some(row) => ck.check(
                    close(row.used, used, src.amount[y]),
                    || format!("sources[{},{}]", src.id, s.years[y]),
                    || format!("reported used {}, recomputed {used}", row.used),
                ),
                None => ck.check(
                    false,
                    || format!("sources[{},{}]", src.id, s.years[y]),
                    || "missing from the result".into(),
                ),
            }
        }
    }

    // C3 fund balance and C4 floor, recomputing offsets from coverage.
    let offsets: Vec<f64> = (0..ny)
        .map(|y| {
            let mut o = 0.0;
            for (p, prog) in s.programs.iter().enumerate() {
                for (k, off) in prog.cost_offset.iter().enumerate() {
                    if k > y {
                        break;
                    }
                    for rg in 0..nr {
                        o += off
                            * s.population[[p, rg, y - k]]
                            * (c[at(p, rg, y - k)] - s.current[[p, rg]])
                            / m;
                    }
                }
            }
            o
        })
        .collect();
    let f = &s.fund;
    let mut reserve = f.opening_reserve;
    for y in 0..ny {
        let hif: f64 = (0..np).map(|p| f_of("hif", p, y)).sum();
        reserve += f.premium_revenue[y] + f.other_income[y]
            - f.curative_spending[y]
            - f.management_cost[y]
            + offsets[y]
            - hif;
        let year = s.years[y];
        let scale = f.curative_spending[y].max(reserve.abs());
        match r.years.iter().find(|row| row.year == year) {
            Some(row) => {
                ck.check(
                    close(row.reserve, reserve, scale),
                    || format!("C3[{year}]"),
                    || format!("reported reserve {}, recomputed {reserve}", row.reserve),
                );
                ck.check(
                    close(row.offsets, offsets[y], scale),
                    || format!("offsets[{year}]"),
                    || format!("reported {}, recomputed {}", row.offsets, offsets[y]),
                );
                ck.check(
                    close(row.hif_prevention, hif, scale),
                    || format!("hif_prevention[{year}]"),
                    || format!("reported {}, recomputed {hif}", row.hif_prevention),
                );
                ck.check(
                    close(row.floor, f.floor[y], scale),
                    || format!("floor[{year}]"),
                    || format!("reported {}, recomputed {}", row.floor, f.floor[y]),
                );
            }
            None => ck.check(
                false,
                || format!("years[{year}]"),
                || "missing from the result".into(),
            ),
        }
        ck.check(
            reserve >= f.floor[y] - REL_TOL * (1.0 + scale),
            || format!("C4[{year}]"),
            || format!("reserve {reserve} below the floor {}", f.floor[y]),
        );
    }

    // C7 resources.
    for res in &s.resources {
        for y in 0..ny {
            let used: f64 = res
                .uses
                .iter()
                .map(|&(p, u)| {
                    (0..nr)
                        .map(|rg| u * s.population[[p, rg, y]] * c[at(p, rg, y)])
                        .sum::<f64>()
                })
                .sum();
            ck.check(
                used <= res.capacity[y] + REL_TOL * (1.0 + res.capacity[y]),
                || format!("C7[{},{}]", res.id, s.years[y]),
                || format!("uses {used} of capacity {}", res.capacity[y]),
            );
        }
    }

    // C9 equity.
    if let Some(rho) = s.equity_ratio {
        for p in 0..np {
            for y in 0..ny {
                let total: f64 = (0..nr).map(|rg| s.population[[p, rg, y]]).sum();
                if total <= 0.0 || nr < 2 {
                    continue;
                }
                let mean: f64 = (0..nr)
                    .map(|rg| s.population[[p, rg, y]] / total * c[at(p, rg, y)])
                    .sum();
                for rg in 0..nr {
                    let v = c[at(p, rg, y)];
                    ck.check(
                        v >= rho * mean - COV_TOL,
                        || {
                            format!(
                                "C9[{},{},{}]",
                                s.programs[p].id, s.regions[rg].id, s.years[y]
                            )
                        },
                        || format!("coverage {v} below {rho} × mean {mean}"),
                    );
                }
            }
        }
    }

    // The objective (§8).
    let mut z = 0.0;
    let mut z_scale = 0.0;
    for y in 0..ny {
        let delta = (1.0 + s.objective.discount_rate).powi(-(y as i32));
        let mut dalys = 0.0;
        let mut extra_spend = 0.0;
        let (mut dalys_full, mut spend_full) = (0.0, 0.0);
        for p in 0..np {
            for rg in 0..nr {
                let dc = c[at(p, rg, y)] - s.current[[p, rg]];
                dalys += s.programs[p].dalys[y] * s.population[[p, rg, y]] * dc;
                extra_spend += s.population[[p, rg, y]] * s.unit_cost[[p, rg, y]] * dc / m;
                dalys_full += s.programs[p].dalys[y] * s.population[[p, rg, y]];
                spend_full += s.spend_per_coverage(p, rg, y);
            }
        }
        // The objective's size at full coverage, to judge its accuracy by.
        z_scale += delta
            * match s.objective.kind {
                ObjectiveKind::Dalys => dalys_full,
                ObjectiveKind::NetBenefit => {
                    s.objective.value_per_daly * dalys_full / m + offsets[y].abs() + spend_full
                }
                ObjectiveKind::Cost | ObjectiveKind::HifCost => spend_full,
            };
        z += delta
            * match s.objective.kind {
                ObjectiveKind::Dalys => dalys,
                ObjectiveKind::NetBenefit => {
                    s.objective.value_per_daly * dalys / m + offsets[y] - extra_spend
                }
                ObjectiveKind::Cost => flow
                    .iter()
                    .filter(|((_, _, fy), _)| *fy == y)
                    .map(|(_, v)| v)
                    .sum::<f64>(),
                ObjectiveKind::HifCost => (0..np).map(|p| f_of("hif", p, y)).sum::<f64>(),
            };
    }
    ck.v.objective = Some(z);
    ck.v.objective_scale = z_scale;
    match r.objective {
        Some(reported) => ck.check(
            close(reported, z, z_scale),
            || "objective".into(),
            || format!("reported {reported}, recomputed {z}"),
        ),
        None => ck.check(
            false,
            || "objective".into(),
            || "missing from an optimal result".into(),
        ),
    }
    ck.v
}
