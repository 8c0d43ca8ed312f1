//! C8 prevention budget: the discounted spending of all funders on
//! prevention over the planning years is at most `policy.prevention_budget`,
//! `Σ_{y ≤ yn} δ_y Σ_{s,p} f[s,p,y] ≤ B` (tail years are not in it). Its
//! price is the marginal gain of one more money unit of budget; the
//! efficiency frontier (`hifplan frontier`) is the optimum as a function
//! of B.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit};
use crate::model::build::Builder;
use crate::model::check::{Checker, REL_TOL, Reported};
use crate::model::keys::{At, Lever, RowKey, Side};
use crate::model::prevention_spending;
use crate::scenario::Scenario;

pub struct Budget;

/// The key that sets B.
pub const KEY: &str = "policy.prevention_budget";

impl Family for Budget {
    fn id(&self) -> FamilyId {
        FamilyId::Budget
    }

    fn build(&self, b: &mut Builder<'_>) {
        let Some(budget) = b.s.prevention_budget else {
            return;
        };
        if !b.plan_rows() {
            return;
        }
        let spent = prevention_spending(b.s, &b.vars);
        let slack = b.slack(Lever::new(self.id(), At::NONE));
        b.row(
            RowKey::new(self.id(), At::NONE),
            (spent - slack).leq(budget),
        );
    }

    fn limit_name(&self, _: &Scenario, _: At, _: Side) -> String {
        "C8".into()
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        if s.prevention_budget.is_some() {
            vec![At::NONE]
        } else {
            Vec::new()
        }
    }

    fn lever_of(&self, _: &Scenario, _: At, side: Side) -> Option<At> {
        (side == Side::Upper).then_some(At::NONE)
    }

    fn lever(&self, s: &Scenario, _: At) -> LeverInfo {
        LeverInfo {
            name: "C8".into(),
            subject: Subject::Key,
            key_path: KEY.into(),
            year: None,
            unit: Unit::Money,
            relaxes: Relaxes::Up,
            value: s.prevention_budget.unwrap_or(0.0),
        }
    }

    /// A budget below zero is not a budget.
    fn shift(&self, s: &mut Scenario, _: At, units: f64) -> Result<(), Blocked> {
        let now = s.prevention_budget.unwrap_or(0.0);
        let moved = now + units;
        if moved < -REL_TOL * (1.0 + now.abs()) {
            return Err(Blocked::AtLimit);
        }
        s.prevention_budget = Some(moved.max(0.0));
        Ok(())
    }

    fn edits(&self, s: &Scenario, _: At, units: f64) -> Vec<Edit> {
        let now = s.prevention_budget.unwrap_or(0.0);
        vec![Edit::number(KEY, None, (now + units).max(0.0))]
    }

    /// Its slack is discounted money.
    fn slack_weight(&self, _: &Scenario, _: At) -> f64 {
        1.0
    }

    /// A policy cap, relaxed before the fund's own money.
    fn relax_order(&self) -> u8 {
        5
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        let Some(budget) = s.prevention_budget else {
            return;
        };
        let spent: f64 = r
            .flows
            .iter()
            .filter(|((_, _, y), _)| *y < s.n_plan)
            .map(|((_, _, y), v)| s.discount(*y) * v)
            .sum();
        ck.check(
            spent <= budget + REL_TOL * (1.0 + budget.abs().max(spent.abs())),
            || "C8".into(),
            || format!("discounted prevention spending {spent} above the budget {budget}"),
        );
    }
}
