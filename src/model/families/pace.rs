//! C5 pace: `−max_scale_down ≤ c[p,r,y] − c[p,r,y−1] ≤ max_scale_up`, with
//! `c[p,r,y0−1] = current`. One ranged row per cell; in the first year,
//! where only one column is involved, bounds on that column.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::LinExpr;
use crate::model::build::Builder;
use crate::model::check::{COV_TOL, Checker, Reported};
use crate::model::keys::{At, Lever, Limit, RowKey, Side};
use crate::scenario::Scenario;

pub struct Pace;

const UP: usize = 0;
const DOWN: usize = 1;

impl Family for Pace {
    fn id(&self) -> FamilyId {
        FamilyId::Pace
    }

    fn build(&self, b: &mut Builder<'_>) {
        if !b.plan_rows() {
            return;
        }
        let s = b.s;
        for (p, prog) in s.programs.iter().enumerate() {
            let (up, down) = (prog.max_scale_up, prog.max_scale_down);
            if up.is_none() && down.is_none() {
                continue;
            }
            let up_lever = Lever::new(self.id(), At::p(p).with_k(UP));
            let down_lever = Lever::new(self.id(), At::p(p).with_k(DOWN));
            let elastic = b.is_elastic(up_lever) || b.is_elastic(down_lever);
            for r in 0..s.regions.len() {
                for y in 0..s.n_plan {
                    let at = At::pry(p, r, y);
                    let c = b.cov(p, r, y);
                    if y == 0 && !elastic {
                        // Bounds on the first year's column, where tighter
                        // than coverage's own [0, 1].
                        let current = s.current[[p, r]];
                        if let Some(up) = up.filter(|u| current + u < 1.0) {
                            b.lower_upper(c, current + up, Limit::new(self.id(), at, Side::Upper));
                        }
                        if let Some(down) = down.filter(|d| current - d > 0.0) {
                            b.raise_lower(
                                c,
                                current - down,
                                Limit::new(self.id(), at, Side::Lower),
                            );
                        }
                        continue;
                    }
                    let prev = if y == 0 {
                        LinExpr::constant(s.current[[p, r]])
                    } else {
                        b.cov(p, r, y - 1).into()
                    };
                    let step = LinExpr::from(c) - prev;
                    let key = RowKey::new(self.id(), at);
                    if !elastic {
                        let lo = down.map_or(f64::NEG_INFINITY, |d| -d);
                        let hi = up.unwrap_or(f64::INFINITY);
                        b.row(key, step.between(lo, hi));
                        continue;
                    }
                    // Elastic: one row per side, so that a slack moves its
                    // own side only.
                    if let Some(up) = up {
                        let row = step.clone() - b.slack(up_lever);
                        b.row(key, row.leq(up));
                    }
                    if let Some(down) = down {
                        let row = step + b.slack(down_lever);
                        b.row(key, row.geq(-down));
                    }
                }
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, side: Side) -> String {
        let symbol = match side {
            Side::Upper => "C5up",
            Side::Lower => "C5down",
            Side::Equal => "C5",
        };
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
            if prog.max_scale_up.is_some() {
                out.push(At::p(p).with_k(UP));
            }
            if prog.max_scale_down.is_some() {
                out.push(At::p(p).with_k(DOWN));
            }
        }
        out
    }

    fn lever_of(&self, _: &Scenario, at: At, side: Side) -> Option<At> {
        match side {
            Side::Upper => Some(At::p(at.pi()).with_k(UP)),
            Side::Lower => Some(At::p(at.pi()).with_k(DOWN)),
            Side::Equal => None,
        }
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let p = at.pi();
        let prog = &s.programs[p];
        let (symbol, key, subject, value) = if at.ki() == UP {
            (
                "C5up",
                "max_scale_up",
                Subject::PaceUp { p },
                prog.max_scale_up,
            )
        } else {
            (
                "C5down",
                "max_scale_down",
                Subject::PaceDown { p },
                prog.max_scale_down,
            )
        };
        LeverInfo {
            name: indexed(symbol, &[&prog.id, "*", "*"]),
            subject,
            key_path: format!("programs[{}].{key}", prog.id),
            year: None,
            unit: Unit::CoveragePoint,
            relaxes: Relaxes::Up,
            value: value.unwrap_or(f64::INFINITY),
        }
    }

    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        let prog = &mut s.programs[at.pi()];
        let limit = if at.ki() == UP {
            &mut prog.max_scale_up
        } else {
            &mut prog.max_scale_down
        };
        let Some(v) = limit.as_mut() else {
            return Err(Blocked::AtLimit);
        };
        let moved = *v + units * Unit::CoveragePoint.size();
        if moved < -1e-12 {
            return Err(Blocked::AtLimit);
        }
        *v = moved.max(0.0);
        Ok(())
    }

    /// Under `policy.no_rollback` every programme's scale-down limit is 0:
    /// moving one of them lifts the policy and writes 0 for the others.
    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let p = at.pi();
        let prog = &s.programs[p];
        let step = units * Unit::CoveragePoint.size();
        if at.ki() == UP {
            let v = prog.max_scale_up.unwrap_or(0.0) + step;
            return vec![Edit::number(
                format!("programs[{}].max_scale_up", prog.id),
                None,
                v.max(0.0),
            )];
        }
        let v = (prog.max_scale_down.unwrap_or(0.0) + step).max(0.0);
        let mut out = Vec::new();
        if s.no_rollback {
            out.push(Edit::bool("policy.no_rollback", false));
            for other in s.programs.iter().filter(|q| q.id != prog.id) {
                out.push(Edit::number(
                    format!("programs[{}].max_scale_down", other.id),
                    None,
                    0.0,
                ));
            }
        }
        out.push(Edit::number(
            format!("programs[{}].max_scale_down", prog.id),
            None,
            v,
        ));
        out
    }

    /// A pace limit holds every year: priced at the dearest year's cost of
    /// a whole unit of national coverage.
    fn slack_weight(&self, s: &Scenario, at: At) -> f64 {
        let p = at.pi();
        (0..s.n_years())
            .map(|y| {
                (0..s.regions.len())
                    .map(|r| s.spend_per_coverage(p, r, y))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    }

    fn relax_order(&self) -> u8 {
        3
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        for (p, prog) in s.programs.iter().enumerate() {
            for rg in 0..s.regions.len() {
                for y in 0..s.n_plan {
                    let at = At::pry(p, rg, y);
                    let prev = if y == 0 {
                        s.current[[p, rg]]
                    } else {
                        r.c[[p, rg, y - 1]]
                    };
                    let step = r.c[[p, rg, y]] - prev;
                    if let Some(up) = prog.max_scale_up {
                        ck.check(
                            step <= up + COV_TOL,
                            || self.limit_name(s, at, Side::Upper),
                            || format!("coverage rises by {step}, above max_scale_up {up}"),
                        );
                    }
                    if let Some(down) = prog.max_scale_down {
                        ck.check(
                            -step <= down + COV_TOL,
                            || self.limit_name(s, at, Side::Lower),
                            || format!("coverage falls by {}, above max_scale_down {down}", -step),
                        );
                    }
                }
            }
        }
    }
}
