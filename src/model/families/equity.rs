//! C9 equity: no region's coverage below `ρ` times the population-weighted
//! national mean, `c[p,r,y] ≥ ρ · m[p,y]` with `m[p,y] = Σ_r w[p,r,y] ·
//! c[p,r,y]`, `m ∈ [0, 1]`: O(R) rows rather than the O(R²) of comparing
//! every pair of regions.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::LinExpr;
use crate::model::build::Builder;
use crate::model::check::{COV_TOL, Checker, Reported};
use crate::model::keys::{At, ColKey, Lever, RowKey, Side};
use crate::scenario::Scenario;

pub struct Equity;

/// `k` of the row defining the mean (the per-region rows have 0).
const MEAN: usize = 1;

impl Family for Equity {
    fn id(&self) -> FamilyId {
        FamilyId::Equity
    }

    fn build(&self, b: &mut Builder<'_>) {
        let s = b.s;
        let Some(rho) = s.equity_ratio else { return };
        let (nr, ny) = (s.regions.len(), s.n_years());
        if !b.plan_rows() || nr < 2 || rho == 0.0 {
            return;
        }
        let lever = Lever::new(self.id(), At::NONE);
        for p in 0..s.programs.len() {
            for y in 0..ny {
                let total: f64 = (0..nr).map(|r| s.population[[p, r, y]]).sum();
                if total <= 0.0 {
                    continue;
                }
                // A mean of coverages lies in [0, 1]: bounded, it costs an
                // interior-point solver far less than a free column.
                let mean = b.column(ColKey::RegionalMean { p, y }, 0.0, 1.0);
                let mut weighted = LinExpr::with_capacity(nr);
                for r in 0..nr {
                    weighted.add_term(b.cov(p, r, y), s.population[[p, r, y]] / total);
                }
                b.row(
                    RowKey::new(self.id(), At::py(p, y).with_k(MEAN)),
                    LinExpr::from(mean).eq(weighted),
                );
                for r in 0..nr {
                    let row = LinExpr::from(b.cov(p, r, y)) - rho * mean + b.slack(lever);
                    b.row(RowKey::new(self.id(), At::pry(p, r, y)), row.geq(0.0));
                }
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        if at.ki() == MEAN {
            return indexed(
                "C9mean",
                &[&s.programs[at.pi()].id, &s.years[at.yi()].to_string()],
            );
        }
        indexed(
            "C9",
            &[
                &s.programs[at.pi()].id,
                &s.regions[at.ri()].id,
                &s.years[at.yi()].to_string(),
            ],
        )
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        if s.equity_ratio.is_some_and(|r| r > 0.0) && s.regions.len() > 1 {
            vec![At::NONE]
        } else {
            Vec::new()
        }
    }

    fn lever_of(&self, _: &Scenario, at: At, side: Side) -> Option<At> {
        (at.ki() != MEAN && side == Side::Lower).then_some(At::NONE)
    }

    fn lever(&self, s: &Scenario, _: At) -> LeverInfo {
        LeverInfo {
            name: indexed("C9", &["*", "*", "*"]),
            subject: Subject::EquityRatio,
            key_path: "policy.equity_ratio".into(),
            year: None,
            unit: Unit::RatioPoint,
            relaxes: Relaxes::Down,
            value: s.equity_ratio.unwrap_or(0.0),
        }
    }

    fn shift(&self, s: &mut Scenario, _: At, units: f64) -> Result<(), Blocked> {
        let rho = s.equity_ratio.unwrap_or(0.0) - units * Unit::RatioPoint.size();
        if !(-1e-12..=1.0 + 1e-12).contains(&rho) {
            return Err(Blocked::AtLimit);
        }
        s.equity_ratio = Some(rho.clamp(0.0, 1.0));
        Ok(())
    }

    fn edits(&self, s: &Scenario, _: At, units: f64) -> Vec<Edit> {
        let rho = s.equity_ratio.unwrap_or(0.0) - units * Unit::RatioPoint.size();
        vec![Edit::number(
            "policy.equity_ratio",
            None,
            rho.clamp(0.0, 1.0),
        )]
    }

    /// The slack is coverage in the lagging region: priced at the dearest
    /// whole unit of national coverage of any programme and year.
    fn slack_weight(&self, s: &Scenario, _: At) -> f64 {
        let mut w: f64 = 0.0;
        for p in 0..s.programs.len() {
            for y in 0..s.n_years() {
                let cost: f64 = (0..s.regions.len())
                    .map(|r| s.spend_per_coverage(p, r, y))
                    .sum();
                w = w.max(cost);
            }
        }
        w
    }

    fn relax_order(&self) -> u8 {
        2
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        let Some(rho) = s.equity_ratio else { return };
        let nr = s.regions.len();
        if nr < 2 {
            return;
        }
        for p in 0..s.programs.len() {
            for y in 0..s.n_years() {
                let total: f64 = (0..nr).map(|rg| s.population[[p, rg, y]]).sum();
                if total <= 0.0 {
                    continue;
                }
                let mean: f64 = (0..nr)
                    .map(|rg| s.population[[p, rg, y]] / total * r.c[[p, rg, y]])
                    .sum();
                for rg in 0..nr {
                    let v = r.c[[p, rg, y]];
                    ck.check(
                        v >= rho * mean - COV_TOL,
                        || self.limit_name(s, At::pry(p, rg, y), Side::Lower),
                        || format!("coverage {v} below {rho} × mean {mean}"),
                    );
                }
            }
        }
    }
}
