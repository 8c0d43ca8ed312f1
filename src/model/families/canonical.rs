//! The canonical second solve's row, `objective ≥ optimum − gap` (or `≤`
//! for a minimisation), added by the solver layer to keep the primary
//! optimum while the end-of-horizon reserve is maximised. It is not a
//! constraint of the scenario: no lever moves it and the verifier checks
//! the objective itself.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo};
use crate::model::build::Builder;
use crate::model::check::{Checker, Reported};
use crate::model::keys::{At, Side};
use crate::scenario::Scenario;

pub struct Canonical;

impl Family for Canonical {
    fn id(&self) -> FamilyId {
        FamilyId::Canonical
    }
    fn build(&self, _: &mut Builder<'_>) {}
    fn limit_name(&self, _: &Scenario, _: At, _: Side) -> String {
        "KEEP_PRIMARY".into()
    }
    fn levers(&self, _: &Scenario) -> Vec<At> {
        Vec::new()
    }
    fn lever_of(&self, _: &Scenario, _: At, _: Side) -> Option<At> {
        None
    }
    fn lever(&self, _: &Scenario, _: At) -> LeverInfo {
        unreachable!("the canonical row has no lever")
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

    fn check(&self, _: &Scenario, _: &Reported, _: &mut Checker) {}
}
