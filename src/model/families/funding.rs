//! C1 funding: every programme's spending is paid by its funders,
//! `Σ_{s ∈ funded_by(p)} f[s,p,y] = spend[p,y]`.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, indexed};
use crate::model::build::Builder;
use crate::model::check::{Checker, Reported, close};
use crate::model::keys::{At, RowKey, Side};
use crate::model::{LinExpr, spend};
use crate::scenario::Scenario;

pub struct Funding;

impl Family for Funding {
    fn id(&self) -> FamilyId {
        FamilyId::Funding
    }

    fn build(&self, b: &mut Builder<'_>) {
        let s = b.s;
        for p in 0..s.programs.len() {
            for y in 0..s.n_years() {
                let funded: LinExpr = b.vars.flows[p].iter().map(|f| LinExpr::from(f[y])).sum();
                let cost = spend(s, &b.vars.coverage, p, y);
                b.row(RowKey::new(self.id(), At::py(p, y)), funded.eq(cost));
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed(
            "C1",
            &[&s.programs[at.pi()].id, &s.years[at.yi()].to_string()],
        )
    }

    /// Funding is a definition, not a limit a person moves.
    fn levers(&self, _: &Scenario) -> Vec<At> {
        Vec::new()
    }
    fn lever_of(&self, _: &Scenario, _: At, _: Side) -> Option<At> {
        None
    }
    fn lever(&self, _: &Scenario, _: At) -> LeverInfo {
        unreachable!("C1 has no levers")
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
        9
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        let nr = s.regions.len();
        for p in 0..s.programs.len() {
            for y in 0..s.n_years() {
                let cost: f64 = (0..nr)
                    .map(|rg| s.spend_per_coverage(p, rg, y) * r.c[[p, rg, y]])
                    .sum();
                let funded: f64 = s.programs[p]
                    .funded_by
                    .iter()
                    .map(|f| r.flow(*f, p, y))
                    .sum();
                // Measured against the programme's cost at full coverage.
                let full: f64 = (0..nr).map(|rg| s.spend_per_coverage(p, rg, y)).sum();
                ck.check(
                    close(funded, cost, full),
                    || self.limit_name(s, At::py(p, y), Side::Equal),
                    || format!("funded {funded}, spending {cost}"),
                );
            }
        }
    }
}
