//! The model under construction: the columns every family refers to, and
//! the operations a family uses to add its rows and bounds.

use std::collections::BTreeMap;

use ndarray::Array3;

use super::keys::{ColKey, FreeKind, FreeLever, Lever, Limit, RowKey, Side};
use super::lp::{Constraint, LinExpr, Sense, Var};
use super::{Lp, Mode, Vars};
use crate::scenario::{Funder, Scenario};

/// Which levers are elastic, each with its slack's price (money units per
/// unit of slack): the model then minimises the priced relaxation.
#[derive(Debug, Clone, Default)]
pub struct Relaxation {
    pub elastic: BTreeMap<Lever, f64>,
}

impl Relaxation {
    pub fn none() -> Self {
        Relaxation::default()
    }
    /// Every lever of `levers` elastic at its money-equivalent price (a
    /// price that cannot be worked out counts as 1), nudged by the
    /// family's relax order to break ties.
    pub fn of(s: &Scenario, levers: impl IntoIterator<Item = Lever>) -> Self {
        Relaxation {
            elastic: levers
                .into_iter()
                .map(|l| {
                    let family = super::families::get(l.family);
                    let w = family.slack_weight(s, l.at);
                    let w = if w.is_finite() && w > 0.0 { w } else { 1.0 };
                    (l, w * (1.0 + 1e-3 * f64::from(family.relax_order())))
                })
                .collect(),
        }
    }
    /// Every lever of `levers` elastic at the same price.
    pub fn uniform(levers: impl IntoIterator<Item = Lever>, price: f64) -> Self {
        Relaxation {
            elastic: levers.into_iter().map(|l| (l, price)).collect(),
        }
    }
    pub fn is_elastic(&self, lever: Lever) -> bool {
        self.elastic.contains_key(&lever)
    }
}

pub struct Builder<'a> {
    pub s: &'a Scenario,
    pub mode: Mode,
    pub lp: Lp,
    pub vars: Vars,
    relax: &'a Relaxation,
    slacks: Vec<(Lever, Var)>,
    /// A lever made a variable, and its column.
    free: Option<(FreeLever, Var)>,
    /// Per column, the limit its lower and upper bound stand for.
    bound_limits: Vec<[Option<Limit>; 2]>,
}

impl<'a> Builder<'a> {
    /// The model's columns: coverage in [0, 1] (families narrow it),
    /// money flows ≥ 0, the reserve (free), carried balances ≥ 0.
    pub fn new(
        s: &'a Scenario,
        mode: Mode,
        relax: &'a Relaxation,
        free: Option<FreeLever>,
    ) -> Self {
        let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
        let sense = match mode {
            Mode::Plan if s.objective.kind.maximizes() => Sense::Maximize,
            _ => Sense::Minimize,
        };
        let mut lp = Lp::new(sense);
        // Coverage columns for the planning years; a tail year's cells are
        // the last planning year's columns (`fund.sustain_years` holds
        // coverage there), so the tail needs no columns or rows of its own.
        let last = s.last_plan();
        let mut coverage = Array3::from_elem((np, nr, ny), Var(0));
        for p in 0..np {
            for r in 0..nr {
                for y in 0..ny {
                    coverage[[p, r, y]] = if y <= last {
                        lp.add_col(ColKey::Coverage { p, r, y }, 0.0, 1.0)
                    } else {
                        coverage[[p, r, last]]
                    };
                }
            }
        }
        let flows = s
            .programs
            .iter()
            .enumerate()
            .map(|(p, prog)| {
                prog.funded_by
                    .iter()
                    .map(|&f| {
                        (0..ny)
                            .map(|y| lp.add_col(ColKey::Flow { s: f, p, y }, 0.0, f64::INFINITY))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let reserve = (0..ny)
            .map(|y| lp.add_col(ColKey::Reserve { y }, f64::NEG_INFINITY, f64::INFINITY))
            .collect();
        let balance = s
            .sources
            .iter()
            .enumerate()
            .map(|(k, src)| {
                src.carry_over.then(|| {
                    (0..ny)
                        .map(|y| lp.add_col(ColKey::Balance { s: k, y }, 0.0, f64::INFINITY))
                        .collect()
                })
            })
            .collect();
        let free = free.map(|f| {
            let (lo, hi) = f.kind.bounds(s, f.from);
            (f, lp.add_col(ColKey::Free { kind: f.kind }, lo, hi))
        });
        let n = lp.n_cols();
        Builder {
            s,
            mode,
            lp,
            vars: Vars {
                coverage,
                flows,
                reserve,
                balance,
                bands: vec![None; np],
            },
            relax,
            slacks: Vec::new(),
            free,
            bound_limits: vec![[None, None]; n],
        }
    }

    /// Whether the policy rows (C4 and beyond) belong in this model: not
    /// in the status quo, which only pays for current coverage.
    pub fn plan_rows(&self) -> bool {
        self.mode != Mode::StatusQuo
    }

    pub fn row(&mut self, key: RowKey, c: Constraint) -> usize {
        self.lp.add_row(key, c)
    }

    pub fn is_elastic(&self, lever: Lever) -> bool {
        self.relax.is_elastic(lever)
    }

    /// The slack column of an elastic lever (made on first use), or an
    /// empty expression when the lever is not elastic.
    pub fn slack(&mut self, lever: Lever) -> LinExpr {
        if !self.relax.is_elastic(lever) {
            return LinExpr::new();
        }
        if let Some((_, v)) = self.slacks.iter().find(|(l, _)| *l == lever) {
            return (*v).into();
        }
        let v = self.lp.add_col(ColKey::Slack { lever }, 0.0, f64::INFINITY);
        self.bound_limits.push([None, None]);
        self.slacks.push((lever, v));
        v.into()
    }

    /// A column of the family's own (an auxiliary variable).
    pub fn column(&mut self, key: ColKey, lo: f64, hi: f64) -> Var {
        let v = self.lp.add_col(key, lo, hi);
        self.bound_limits.push([None, None]);
        v
    }

    /// Raises `v`'s lower bound to `lo` where that is at least as tight,
    /// recording the limit the bound stands for.
    pub fn raise_lower(&mut self, v: Var, lo: f64, limit: Limit) {
        let col = &mut self.lp.cols[v.index()];
        // On a tie the later family names the bound (a target equal to
        // `coverage.min` reads as the target).
        if lo >= col.lo {
            col.lo = lo;
            self.bound_limits[v.index()][0] = Some(limit);
        }
    }

    /// Lowers `v`'s upper bound to `hi` where that is at least as tight.
    pub fn lower_upper(&mut self, v: Var, hi: f64, limit: Limit) {
        let col = &mut self.lp.cols[v.index()];
        if hi <= col.hi {
            col.hi = hi;
            self.bound_limits[v.index()][1] = Some(limit);
        }
    }

    /// Fixes `v` at `value` (status quo coverage), standing for no limit.
    pub fn fix(&mut self, v: Var, value: f64) {
        let col = &mut self.lp.cols[v.index()];
        col.lo = value;
        col.hi = value;
        self.bound_limits[v.index()] = [None, None];
    }

    pub fn cov(&self, p: usize, r: usize, y: usize) -> Var {
        self.vars.coverage[[p, r, y]]
    }

    /// `f[s,p,y]` if `funder` may fund `p`.
    pub fn flow(&self, funder: Funder, p: usize, y: usize) -> Option<Var> {
        self.vars.flow(self.s, funder, p, y)
    }

    /// Σ_p f[funder,p,y].
    pub fn funder_total(&self, funder: Funder, y: usize) -> LinExpr {
        (0..self.s.programs.len())
            .filter_map(|p| self.flow(funder, p, y))
            .map(LinExpr::from)
            .sum()
    }

    /// The free lever of `kind`, when it applies in year `y`.
    fn free_in(&self, y: usize, of: impl Fn(FreeKind) -> bool) -> Option<Var> {
        self.free
            .filter(|(f, _)| of(f.kind) && y >= f.from)
            .map(|(_, v)| v)
    }

    /// What a free lever adds to the fund's money in year `y` (premium
    /// revenue from a rise of the rate, or other income), when one applies.
    pub fn free_income(&self, y: usize) -> Option<LinExpr> {
        let f = &self.s.fund;
        let mut e = LinExpr::new();
        if let (Some(x), Some(reference)) = (
            self.free_in(y, |k| k == FreeKind::PremiumRate),
            &f.reference_rate,
        ) {
            e.add_term(x, f.revenue_at_reference[y] / reference[y]);
        }
        if let Some(x) = self.free_in(y, |k| k == FreeKind::OtherIncome) {
            e.add_term(x, 1.0);
        }
        (!e.terms.is_empty()).then_some(e)
    }

    /// What a free lever adds to source `k`'s amount in year `y` (its
    /// revenue times the share's rise), when one applies.
    pub fn free_source(&self, k: usize, y: usize) -> Option<LinExpr> {
        let src = &self.s.sources[k];
        match (
            self.free_in(y, |kind| kind == FreeKind::SourceShare(k)),
            &src.revenue_share,
        ) {
            (Some(x), Some((revenue, _))) => {
                let mut e = LinExpr::new();
                e.add_term(x, revenue[y]);
                Some(e)
            }
            _ => None,
        }
    }

    pub fn finish(self, primary: LinExpr) -> super::Model {
        super::Model {
            lp: self.lp,
            vars: self.vars,
            mode: self.mode,
            slacks: self.slacks,
            free: self.free.map(|(_, v)| v),
            primary,
            bound_limits: self.bound_limits,
        }
    }
}

/// The limit a row side stands for.
pub fn row_limit(key: RowKey, side: Side) -> Limit {
    Limit::new(key.family, key.at, side)
}
