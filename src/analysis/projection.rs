//! Past the horizon without `fund.sustain_years`: the plan's last-year
//! coverage held for a few more years, paid as a ministry would pay it
//! (each programme's earmarked funders first, in `funded_by` order, up to
//! what they have; the fund the rest), and the fund's reserve carried on,
//! so that a plan whose next year is unfunded does not pass unnoticed.

use crate::model::Model;
use crate::scenario::{Funder, Scenario};

/// Years projected past the horizon when the scenario has no tail.
pub const YEARS: usize = 5;

/// One projected year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectedYear {
    pub year: i32,
    pub hif_prevention: f64,
    pub reserve: f64,
    pub floor: f64,
    pub headroom: f64,
    /// Spending no allowed funder could pay (a programme whose sources run
    /// dry and which the fund may not fund).
    pub unfunded: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub years: Vec<ProjectedYear>,
    /// The first projected year whose reserve falls below its floor, and
    /// by how much.
    pub first_breach: Option<(i32, f64)>,
}

/// Projects the plan `x` of `model` (solved for `s`) over the tail years of
/// `ext`, the same scenario with [`YEARS`] tail years.
pub fn project(s: &Scenario, model: &Model, x: &[f64], ext: &Scenario) -> Projection {
    let (np, nr, n_plan) = (s.programs.len(), s.regions.len(), s.n_plan);
    let last = n_plan - 1;
    let cov = |p: usize, r: usize, y: usize| x[model.vars.coverage[[p, r, y.min(last)]].index()];
    let m = ext.money();
    let mut reserve = x[model.vars.reserve[last].index()];
    let mut carried: Vec<f64> = (0..s.sources.len())
        .map(|k| {
            model.vars.balance[k]
                .as_ref()
                .map_or(0.0, |b| x[b[last].index()])
        })
        .collect();
    let mut years = Vec::new();
    let mut first_breach = None;
    for t in n_plan..ext.n_years() {
        let mut available: Vec<f64> = ext
            .sources
            .iter()
            .zip(&carried)
            .map(|(src, c)| src.amount[t] + if src.carry_over { *c } else { 0.0 })
            .collect();
        let (mut hif, mut unfunded) = (0.0, 0.0);
        for p in 0..np {
            let mut due: f64 = (0..nr)
                .map(|r| ext.spend_per_coverage(p, r, t) * cov(p, r, t))
                .sum();
            for f in &ext.programs[p].funded_by {
                match *f {
                    Funder::Source(k) => {
                        let pay = due.min(available[k]).max(0.0);
                        available[k] -= pay;
                        due -= pay;
                    }
                    Funder::Hif => {
                        hif += due;
                        due = 0.0;
                    }
                }
            }
            unfunded += due;
        }
        for (k, src) in ext.sources.iter().enumerate() {
            if src.carry_over {
                carried[k] = available[k];
            }
        }
        // Curative spending avoided: every year of coverage above current,
        // the planning years' and the held tail's, at its lags.
        let mut offsets = 0.0;
        for (p, prog) in ext.programs.iter().enumerate() {
            for (k, off) in prog.cost_offset.iter().enumerate().take(t + 1) {
                for r in 0..nr {
                    let y = t - k;
                    offsets +=
                        off * ext.population[[p, r, y]] * (cov(p, r, y) - ext.current[[p, r]]) / m;
                }
            }
        }
        let f = &ext.fund;
        reserve += f.premium_revenue[t] + f.other_income[t]
            - f.curative_spending[t]
            - f.management_cost[t]
            + offsets
            - hif;
        let headroom = reserve - f.floor[t];
        if first_breach.is_none() && headroom < -1e-9 * (1.0 + reserve.abs()) {
            first_breach = Some((ext.years[t], -headroom));
        }
        years.push(ProjectedYear {
            year: ext.years[t],
            hif_prevention: hif,
            reserve,
            floor: f.floor[t],
            headroom,
            unfunded,
        });
    }
    Projection {
        years,
        first_breach,
    }
}
