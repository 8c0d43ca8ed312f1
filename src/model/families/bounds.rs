//! Coverage bounds: `coverage.min[p,y] ≤ c[p,r,y] ≤ coverage.max[p,y]`,
//! bounds on the coverage columns (a row for an elastic minimum). In the
//! status quo every cell is fixed at its current coverage instead.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::LinExpr;
use crate::model::build::Builder;
use crate::model::check::{COV_TOL, Checker, Reported};
use crate::model::keys::{At, Lever, Limit, RowKey, Side};
use crate::scenario::Scenario;

pub struct Bounds;

const CAP: usize = 0;
const MIN: usize = 1;

impl Family for Bounds {
    fn id(&self) -> FamilyId {
        FamilyId::Bounds
    }

    fn build(&self, b: &mut Builder<'_>) {
        let s = b.s;
        for (p, prog) in s.programs.iter().enumerate() {
            for y in 0..s.n_plan {
                let min_lever = Lever::new(self.id(), At::py(p, y).with_k(MIN));
                let elastic_min = b.is_elastic(min_lever);
                for r in 0..s.regions.len() {
                    let c = b.cov(p, r, y);
                    if !b.plan_rows() {
                        b.fix(c, s.current[[p, r]]);
                        continue;
                    }
                    let at = At::pry(p, r, y);
                    b.lower_upper(c, prog.cov_max[y], Limit::new(self.id(), at, Side::Upper));
                    let min = prog.cov_min[y];
                    if min <= 0.0 {
                        continue;
                    }
                    if elastic_min {
                        let row = LinExpr::from(c) + b.slack(min_lever);
                        b.row(RowKey::new(self.id(), at), row.geq(min));
                    } else {
                        b.raise_lower(c, min, Limit::new(self.id(), at, Side::Lower));
                    }
                }
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, side: Side) -> String {
        let symbol = if side == Side::Upper { "max" } else { "min" };
        indexed(
            symbol,
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
                out.push(At::py(p, y).with_k(CAP));
                if prog.cov_min[y] > 0.0 {
                    out.push(At::py(p, y).with_k(MIN));
                }
            }
        }
        out
    }

    /// A cap conflicts with nothing but a target or minimum above it, which
    /// the scenario check refuses: an infeasible plan relaxes minimums only.
    fn elastic_levers(&self, s: &Scenario) -> Vec<At> {
        self.levers(s)
            .into_iter()
            .filter(|at| at.ki() == MIN)
            .collect()
    }

    fn lever_of(&self, _: &Scenario, at: At, side: Side) -> Option<At> {
        let k = if side == Side::Upper { CAP } else { MIN };
        Some(At::py(at.pi(), at.yi()).with_k(k))
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let (p, y) = (at.pi(), at.yi());
        let prog = &s.programs[p];
        let year = s.years[y].to_string();
        let (symbol, key, subject, relaxes, value) = if at.ki() == CAP {
            (
                "max",
                "max",
                Subject::Cap { p, y },
                Relaxes::Up,
                prog.cov_max[y],
            )
        } else {
            (
                "min",
                "min",
                Subject::MinCoverage { p, y },
                Relaxes::Down,
                prog.cov_min[y],
            )
        };
        LeverInfo {
            name: indexed(symbol, &[&prog.id, "*", &year]),
            subject,
            key_path: format!("programs[{}].coverage.{key}", prog.id),
            year: Some(s.years[y]),
            unit: Unit::CoveragePoint,
            relaxes,
            value,
        }
    }

    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        let prog = &mut s.programs[at.pi()];
        let y = at.yi();
        let step = units * Unit::CoveragePoint.size();
        // A cap stays above the year's minimum and target, a minimum below
        // the cap: the scenario is refused as written otherwise.
        let floor_of_cap = prog.cov_min[y].max(prog.target[y].unwrap_or(0.0));
        let cap = prog.cov_max[y];
        let (v, delta, range) = if at.ki() == CAP {
            (&mut prog.cov_max[y], step, floor_of_cap..=1.0)
        } else {
            (&mut prog.cov_min[y], -step, 0.0..=cap)
        };
        let moved = *v + delta;
        if !(range.start() - 1e-12..=range.end() + 1e-12).contains(&moved) {
            return Err(Blocked::AtLimit);
        }
        *v = moved.clamp(0.0, 1.0);
        Ok(())
    }

    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let prog = &s.programs[at.pi()];
        let y = at.yi();
        let step = units * Unit::CoveragePoint.size();
        let (key, resolved, value) = if at.ki() == CAP {
            ("max", &prog.cov_max, prog.cov_max[y] + step)
        } else {
            ("min", &prog.cov_min, prog.cov_min[y] - step)
        };
        vec![Edit::series(
            format!("programs[{}].coverage.{key}", prog.id),
            resolved,
            s.years[y],
            value.clamp(0.0, 1.0),
        )]
    }

    /// What a whole unit of national coverage costs that year.
    fn slack_weight(&self, s: &Scenario, at: At) -> f64 {
        (0..s.regions.len())
            .map(|r| s.spend_per_coverage(at.pi(), r, at.yi()))
            .sum()
    }

    fn relax_order(&self) -> u8 {
        1
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        for (p, prog) in s.programs.iter().enumerate() {
            for rg in 0..s.regions.len() {
                for y in 0..s.n_plan {
                    let v = r.c[[p, rg, y]];
                    let at = At::pry(p, rg, y);
                    ck.check(
                        v >= prog.cov_min[y] - COV_TOL,
                        || self.limit_name(s, at, Side::Lower),
                        || format!("coverage {v} below coverage.min {}", prog.cov_min[y]),
                    );
                    ck.check(
                        v <= prog.cov_max[y] + COV_TOL,
                        || self.limit_name(s, at, Side::Upper),
                        || format!("coverage {v} above coverage.max {}", prog.cov_max[y]),
                    );
                }
            }
        }
    }
}
