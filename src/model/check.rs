//! What a constraint family's check in the verifier sees: the reported
//! plan (coverage per cell, money per funder) and the fund's arithmetic
//! recomputed from it, never the LP or the solver's word. The verifier
//! (`crate::verify`) fills a [`Reported`] from a result and runs every
//! family's check against it.

use std::collections::HashMap;

use ndarray::Array3;

use crate::scenario::Funder;

/// Relative tolerance for money and DALY balances.
pub const REL_TOL: f64 = 1e-6;
/// Absolute tolerance for coverage fractions.
pub const COV_TOL: f64 = 1e-6;

/// `a` and `b` agree to [`REL_TOL`] of the larger of them and `scale`.
pub fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= REL_TOL * (1.0 + scale.abs().max(a.abs()).max(b.abs()))
}

/// A plan as reported, and what follows from it by the model's arithmetic.
#[derive(Debug, Clone)]
pub struct Reported {
    /// Coverage `[p, r, y]` (current coverage where a cell is missing,
    /// which the verifier reports separately).
    pub c: Array3<f64>,
    /// Money per funder, programme and year, summed over regions.
    pub flows: HashMap<(Funder, usize, usize), f64>,
    /// `O[y]` recomputed from the reported coverage.
    pub offsets: Vec<f64>,
    /// The fund's reserve path recomputed from reported money and offsets.
    pub reserve: Vec<f64>,
    /// What the result says per year, where it says it.
    pub years: Vec<Option<ReportedYear>>,
    /// `used` per source and year, as reported.
    pub source_used: HashMap<(usize, usize), f64>,
}

/// The per-year figures a result reports about the fund.
#[derive(Debug, Clone, Copy)]
pub struct ReportedYear {
    pub reserve: f64,
    pub offsets: f64,
    pub hif_prevention: f64,
    pub floor: f64,
}

impl Reported {
    /// Money from funder `f` to programme `p` in year `y`.
    pub fn flow(&self, f: Funder, p: usize, y: usize) -> f64 {
        self.flows.get(&(f, p, y)).copied().unwrap_or(0.0)
    }
}

/// One constraint found violated.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The constraint, named as everywhere else (`C4[2028]`).
    pub constraint: String,
    pub detail: String,
}

/// Counts checks and collects violations.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    pub checks: usize,
    pub violations: Vec<Violation>,
}

impl Checker {
    /// Records a check that `ok` holds; the names are built only on failure.
    pub fn check(
        &mut self,
        ok: bool,
        constraint: impl FnOnce() -> String,
        detail: impl FnOnce() -> String,
    ) {
        self.checks += 1;
        if !ok {
            self.violations.push(Violation {
                constraint: constraint(),
                detail: detail(),
            });
        }
    }
}
