//! C6 targets: `c[p,r,y] ≥ targets[p][y]` in every region, a lower bound
//! on the coverage column (a row when the target is elastic).

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::LinExpr;
use crate::model::build::Builder;
use crate::model::check::{COV_TOL, Checker, Reported};
use crate::model::keys::{At, Lever, Limit, RowKey, Side};
use crate::scenario::Scenario;

pub struct Targets;

impl Family for Targets {
    fn id(&self) -> FamilyId {
        FamilyId::Targets
    }

    fn build(&self, b: &mut Builder<'_>) {
        if !b.plan_rows() {
            return;
        }
        let s = b.s;
        for (p, prog) in s.programs.iter().enumerate() {
            for y in 0..s.n_plan {
                let Some(target) = prog.target[y].filter(|t| *t > 0.0) else {
                    continue;
                };
                let lever = Lever::new(self.id(), At::py(p, y));
                let elastic = b.is_elastic(lever);
                for r in 0..s.regions.len() {
                    let at = At::pry(p, r, y);
                    let c = b.cov(p, r, y);
                    if elastic {
                        let row = LinExpr::from(c) + b.slack(lever);
                        b.row(RowKey::new(self.id(), at), row.geq(target));
                    } else {
                        b.raise_lower(c, target, Limit::new(self.id(), at, Side::Lower));
                    }
                }
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed(
            "C6",
            &[
                &s.programs[at.pi()].id,
                &s.regions[at.ri()].id,
                &s.years[at.yi()].to_string(),
            ],
        )
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        let mut out = Vec::new();
        for (p, prog) in s.programs.iter().enumerate() {
            for y in 0..s.n_plan {
                if prog.target[y].is_some_and(|t| t > 0.0) {
                    out.push(At::py(p, y));
                }
            }
        }
        out
    }

    fn lever_of(&self, _: &Scenario, at: At, _: Side) -> Option<At> {
        Some(At::py(at.pi(), at.yi()))
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let (p, y) = (at.pi(), at.yi());
        let prog = &s.programs[p];
        LeverInfo {
            name: indexed("C6", &[&prog.id, "*", &s.years[y].to_string()]),
            subject: Subject::Target { p, y },
            key_path: format!("programs[{}].targets", prog.id),
            year: Some(s.years[y]),
            unit: Unit::CoveragePoint,
            relaxes: Relaxes::Down,
            value: prog.target[y].unwrap_or(0.0),
        }
    }

    /// A target stays in [0, coverage.max]: above the cap the scenario is
    /// refused as written.
    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        let prog = &mut s.programs[at.pi()];
        let cap = prog.cov_max[at.yi()];
        let t = &mut prog.target[at.yi()];
        let moved = t.unwrap_or(0.0) - units * Unit::CoveragePoint.size();
        if !(-1e-12..=cap + 1e-12).contains(&moved) {
            return Err(Blocked::AtLimit);
        }
        *t = Some(moved.clamp(0.0, 1.0));
        Ok(())
    }

    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let (p, y) = (at.pi(), at.yi());
        let prog = &s.programs[p];
        let moved = prog.target[y].unwrap_or(0.0) - units * Unit::CoveragePoint.size();
        vec![Edit::number(
            format!("programs[{}].targets", prog.id),
            Some(s.years[y]),
            moved.clamp(0.0, 1.0),
        )]
    }

    fn slack_weight(&self, s: &Scenario, at: At) -> f64 {
        (0..s.regions.len())
            .map(|r| s.spend_per_coverage(at.pi(), r, at.yi()))
            .sum()
    }

    fn relax_order(&self) -> u8 {
        0
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        for (p, prog) in s.programs.iter().enumerate() {
            for y in 0..s.n_plan {
                let Some(t) = prog.target[y] else { continue };
                for rg in 0..s.regions.len() {
                    let v = r.c[[p, rg, y]];
                    ck.check(
                        v >= t - COV_TOL,
                        || self.limit_name(s, At::pry(p, rg, y), Side::Lower),
                        || format!("coverage {v} below the target {t}"),
                    );
                }
            }
        }
    }
}
