//! The league table of health economics: what one DALY averted costs in
//! each programme (and region), at the first person-year covered and at the
//! plan's margin (with a DALY curve, the band the plan's coverage is in),
//! and the incremental order those costs imply: with programmes that
//! compete only for money (a fractional knapsack) the efficiency frontier
//! funds the increments (programme, region, band) in exactly this order;
//! where pace limits, targets, offsets or lags tie them together,
//! `hifplan frontier` gives the order the model itself follows
//! (`enters_at`).

use ndarray::Array2;

use crate::scenario::Scenario;

/// One programme in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct LeagueRow {
    pub program: usize,
    /// The region, in a scenario with regions.
    pub region: Option<usize>,
    /// Cost of one person-year in the region (currency).
    pub unit_cost: f64,
    /// DALYs averted by the first person-year covered.
    pub dalys_first: f64,
    /// Currency per DALY averted at the first person-year covered; `None`
    /// when it averts none.
    pub cost_per_daly_first: Option<f64>,
    /// The same, net of the curative spending it avoids (every lag of
    /// `cost_offset` summed, undiscounted).
    pub net_cost_per_daly_first: Option<f64>,
    /// The plan's coverage in the reference year (`None` without a plan).
    pub coverage: Option<f64>,
    /// The band the next person-year covered would be in (0 without a
    /// DALY curve).
    pub margin_band: Option<usize>,
    /// Currency per DALY averted at the plan's margin.
    pub cost_per_daly_margin: Option<f64>,
    /// Position of its first increment in the incremental order (1 first).
    pub rank: usize,
}

/// One increment: a band of one programme's coverage in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct Increment {
    pub program: usize,
    pub region: Option<usize>,
    pub band: usize,
    /// Its width, as a fraction of the target population.
    pub width: f64,
    /// Currency per DALY averted.
    pub cost_per_daly: Option<f64>,
}

/// The league table of a scenario (and of its plan, where there is one).
#[derive(Debug, Clone, PartialEq)]
pub struct League {
    /// The reference year's index: the last planning year, where the plan
    /// has arrived.
    pub year: usize,
    pub rows: Vec<LeagueRow>,
    /// Every increment, cheapest DALY first; those averting nothing last.
    pub increments: Vec<Increment>,
}

fn per_daly(cost: f64, dalys: f64) -> Option<f64> {
    (dalys > 0.0).then(|| cost / dalys)
}

/// The band the next person-year covered at coverage `c` is in.
fn band_at(curve: &[(f64, f64)], c: f64) -> usize {
    curve
        .iter()
        .position(|&(up_to, _)| c < up_to - 1e-9)
        .unwrap_or(curve.len().saturating_sub(1))
}

/// The league table; `coverage[p, r]` is the plan's coverage in the last
/// planning year, when there is a plan.
pub fn league(s: &Scenario, coverage: Option<&Array2<f64>>) -> League {
    let y = s.last_plan();
    let mut rows = Vec::new();
    let mut increments = Vec::new();
    for (p, prog) in s.programs.iter().enumerate() {
        let offsets: f64 = prog.cost_offset.iter().sum();
        for r in 0..s.regions.len() {
            let region = s.has_regions.then_some(r);
            let unit_cost = s.unit_cost[[p, r, y]];
            let dalys = prog.dalys[y];
            let first_factor = prog.curve.first().map_or(1.0, |b| b.1);
            let cov = coverage.map(|c| c[[p, r]]);
            let margin_band = cov.map(|c| band_at(&prog.curve, c));
            let margin_factor = margin_band.and_then(|b| prog.curve.get(b)).map(|b| b.1);
            rows.push(LeagueRow {
                program: p,
                region,
                unit_cost,
                dalys_first: dalys * first_factor,
                cost_per_daly_first: per_daly(unit_cost, dalys * first_factor),
                net_cost_per_daly_first: per_daly(unit_cost - offsets, dalys * first_factor),
                coverage: cov,
                margin_band,
                cost_per_daly_margin: margin_factor.and_then(|f| per_daly(unit_cost, dalys * f)),
                rank: 0,
            });
            for (band, (width, factor)) in prog.bands().enumerate() {
                increments.push(Increment {
                    program: p,
                    region,
                    band,
                    width,
                    cost_per_daly: per_daly(unit_cost, dalys * factor),
                });
            }
        }
    }
    let key = |c: Option<f64>| c.unwrap_or(f64::INFINITY);
    increments.sort_by(|a, b| {
        key(a.cost_per_daly)
            .total_cmp(&key(b.cost_per_daly))
            .then(a.program.cmp(&b.program))
            .then(a.region.cmp(&b.region))
            .then(a.band.cmp(&b.band))
    });
    // A row's rank: where its first increment comes.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        key(rows[a].cost_per_daly_first)
            .total_cmp(&key(rows[b].cost_per_daly_first))
            .then(a.cmp(&b))
    });
    for (rank, &i) in order.iter().enumerate() {
        rows[i].rank = rank + 1;
    }
    League {
        year: y,
        rows,
        increments,
    }
}
