//! Diminishing returns (`effects.dalys_curve`): each coverage cell of a
//! programme with a curve is split into band columns,
//! `c[p,r,y] = Σ_b c_b[p,r,y]`, `0 ≤ c_b ≤ width_b`, and its DALYs count
//! `Σ_b factor_b · c_b`. Factors never rise (the scenario check refuses a
//! curve whose do), so every objective that values DALYs fills the bands in
//! order and the LP is exact; results always report `D(c)` in band order.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, indexed};
use crate::model::build::Builder;
use crate::model::check::{Checker, Reported};
use crate::model::keys::{At, ColKey, RowKey, Side};
use crate::model::{Bands, LinExpr};
use crate::scenario::Scenario;

pub struct Curve;

impl Family for Curve {
    fn id(&self) -> FamilyId {
        FamilyId::Curve
    }

    fn build(&self, b: &mut Builder<'_>) {
        if !b.plan_rows() {
            return;
        }
        let s = b.s;
        let (nr, n_plan) = (s.regions.len(), s.n_plan);
        for (p, prog) in s.programs.iter().enumerate() {
            if !prog.has_curve() {
                continue;
            }
            let widths: Vec<f64> = prog.bands().map(|(w, _)| w).collect();
            let first = b.lp.n_cols();
            for r in 0..nr {
                for y in 0..n_plan {
                    for (k, w) in widths.iter().enumerate() {
                        b.column(ColKey::Band { p, r, y, b: k }, 0.0, *w);
                    }
                }
            }
            b.vars.bands[p] = Some(Bands {
                first: crate::model::Var(first as u32),
                n_bands: widths.len(),
                n_plan,
            });
            for r in 0..nr {
                for y in 0..n_plan {
                    let mut parts = LinExpr::with_capacity(widths.len());
                    for k in 0..widths.len() {
                        if let Some(v) = b.vars.band(p, r, y, k) {
                            parts.add_term(v, 1.0);
                        }
                    }
                    let c = LinExpr::from(b.cov(p, r, y));
                    b.row(RowKey::new(self.id(), At::pry(p, r, y)), c.eq(parts));
                }
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed(
            "D",
            &[
                &s.programs[at.pi()].id,
                &s.regions[at.ri()].id,
                &s.years[at.yi()].to_string(),
            ],
        )
    }

    /// The split is a definition: nothing to move.
    fn levers(&self, _: &Scenario) -> Vec<At> {
        Vec::new()
    }
    fn lever_of(&self, _: &Scenario, _: At, _: Side) -> Option<At> {
        None
    }
    fn lever(&self, _: &Scenario, _: At) -> LeverInfo {
        unreachable!("the DALY curve has no levers")
    }
    fn shift(&self, _: &mut Scenario, _: At, _: f64) -> Result<(), Blocked> {
        Err(Blocked::AtLimit)
    }
    fn edits(&self, _: &Scenario, _: At, _: f64) -> Vec<Edit> {
        Vec::new()
    }
    fn slack_weight(&self, _: &Scenario, _: At) -> f64 {
        1.0
    }
    fn relax_order(&self) -> u8 {
        10
    }

    /// The DALYs a result reports are `D(c)` in band order: the verifier
    /// recomputes them per cell and in the objective (see `verify`); the
    /// bands themselves are not reported.
    fn check(&self, _: &Scenario, _: &Reported, _: &mut Checker) {}
}
