//! A linear programme held as plain data: columns with bounds and objective
//! coefficients, rows `lo ≤ a·x ≤ hi` stored row-wise in one sparse matrix.
//!
//! The model is built here once, in bulk, and each backend translates it in
//! one pass (growing a solver's model a coefficient at a time through an API
//! that copies is what makes large builds slow). Keeping it as data also gives LP/MPS export,
//! residual checks and reduced costs without asking the solver.
//!
//! [`Var`] and [`LinExpr`] let the builder write constraints as the math
//! reads: `(r[y] - r_prev + hif_spend).eq(balance)`.

use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

/// A column of the LP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub u32);

impl Var {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An affine expression `Σ coef·var + constant`. Terms may repeat; they are
/// merged when the expression becomes a row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinExpr {
    pub terms: Vec<(Var, f64)>,
    pub constant: f64,
}

impl LinExpr {
    pub fn new() -> Self {
        LinExpr::default()
    }
    pub fn with_capacity(n: usize) -> Self {
        LinExpr {
            terms: Vec::with_capacity(n),
            constant: 0.0,
        }
    }
    pub fn constant(c: f64) -> Self {
        LinExpr {
            terms: Vec::new(),
            constant: c,
        }
    }
    /// Adds `coef · var` (skipping zero coefficients).
    pub fn add_term(&mut self, var: Var, coef: f64) {
        if coef != 0.0 {
            self.terms.push((var, coef));
        }
    }
    /// Adds `coef · other`.
    pub fn add_scaled(&mut self, other: &LinExpr, coef: f64) {
        if coef == 0.0 {
            return;
        }
        self.terms
            .extend(other.terms.iter().map(|&(v, c)| (v, c * coef)));
        self.constant += other.constant * coef;
    }
    /// Value at `x`.
    pub fn eval(&self, x: &[f64]) -> f64 {
        self.constant
            + self
                .terms
                .iter()
                .map(|&(v, c)| c * x[v.index()])
                .sum::<f64>()
    }
    pub fn leq(self, rhs: impl Into<LinExpr>) -> Constraint {
        Constraint::new(self - rhs.into(), f64::NEG_INFINITY, 0.0)
    }
    pub fn geq(self, rhs: impl Into<LinExpr>) -> Constraint {
        Constraint::new(self - rhs.into(), 0.0, f64::INFINITY)
    }
    pub fn eq(self, rhs: impl Into<LinExpr>) -> Constraint {
        Constraint::new(self - rhs.into(), 0.0, 0.0)
    }
    /// `lo ≤ self ≤ hi`.
    pub fn between(self, lo: f64, hi: f64) -> Constraint {
        Constraint::new(self, lo, hi)
    }
    /// Sorts by column and merges repeated columns.
    fn normalized_terms(mut self) -> (Vec<(Var, f64)>, f64) {
        self.terms.sort_unstable_by_key(|&(v, _)| v);
        let mut out: Vec<(Var, f64)> = Vec::with_capacity(self.terms.len());
        for (v, c) in self.terms {
            match out.last_mut() {
                Some((lv, lc)) if *lv == v => *lc += c,
                _ => out.push((v, c)),
            }
        }
        out.retain(|&(_, c)| c != 0.0);
        (out, self.constant)
    }
}

impl From<Var> for LinExpr {
    fn from(v: Var) -> Self {
        LinExpr {
            terms: vec![(v, 1.0)],
            constant: 0.0,
        }
    }
}

impl From<f64> for LinExpr {
    fn from(c: f64) -> Self {
        LinExpr::constant(c)
    }
}

impl<T: Into<LinExpr>> Add<T> for LinExpr {
    type Output = LinExpr;
    fn add(mut self, rhs: T) -> LinExpr {
        self += rhs;
        self
    }
}

impl<T: Into<LinExpr>> AddAssign<T> for LinExpr {
    fn add_assign(&mut self, rhs: T) {
        let rhs = rhs.into();
        self.terms.extend(rhs.terms);
        self.constant += rhs.constant;
    }
}

impl<T: Into<LinExpr>> Sub<T> for LinExpr {
    type Output = LinExpr;
    fn sub(mut self, rhs: T) -> LinExpr {
        self -= rhs;
        self
    }
}

impl<T: Into<LinExpr>> SubAssign<T> for LinExpr {
    fn sub_assign(&mut self, rhs: T) {
        let rhs = rhs.into();
        self.terms
            .extend(rhs.terms.into_iter().map(|(v, c)| (v, -c)));
        self.constant -= rhs.constant;
    }
}

impl Neg for LinExpr {
    type Output = LinExpr;
    fn neg(mut self) -> LinExpr {
        for t in &mut self.terms {
            t.1 = -t.1;
        }
        self.constant = -self.constant;
        self
    }
}

impl Mul<f64> for LinExpr {
    type Output = LinExpr;
    fn mul(mut self, k: f64) -> LinExpr {
        for t in &mut self.terms {
            t.1 *= k;
        }
        self.constant *= k;
        self
    }
}

impl Mul<Var> for f64 {
    type Output = LinExpr;
    fn mul(self, v: Var) -> LinExpr {
        LinExpr {
            terms: vec![(v, self)],
            constant: 0.0,
        }
    }
}

impl<T: Into<LinExpr>> Add<T> for Var {
    type Output = LinExpr;
    fn add(self, rhs: T) -> LinExpr {
        LinExpr::from(self) + rhs
    }
}

impl<T: Into<LinExpr>> Sub<T> for Var {
    type Output = LinExpr;
    fn sub(self, rhs: T) -> LinExpr {
        LinExpr::from(self) - rhs
    }
}

impl std::iter::Sum<LinExpr> for LinExpr {
    fn sum<I: Iterator<Item = LinExpr>>(iter: I) -> LinExpr {
        let mut out = LinExpr::new();
        for e in iter {
            out += e;
        }
        out
    }
}

/// `lo ≤ expr ≤ hi`; the expression's constant is moved to the bounds
/// when the constraint is added.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub expr: LinExpr,
    pub lo: f64,
    pub hi: f64,
}

impl Constraint {
    fn new(expr: LinExpr, lo: f64, hi: f64) -> Self {
        Constraint { expr, lo, hi }
    }
}

/// Where a solution breaks the LP the most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violated {
    Nothing,
    Row(usize),
    Bound(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Maximize,
    Minimize,
}

#[derive(Debug, Clone)]
pub struct Column<K> {
    pub key: K,
    pub lo: f64,
    pub hi: f64,
}

#[derive(Debug, Clone)]
pub struct Row<K> {
    pub key: K,
    pub lo: f64,
    pub hi: f64,
}

/// The LP. `C` names columns, `R` names rows (see [`super::keys`]).
#[derive(Debug, Clone)]
pub struct Lp<C, R> {
    pub sense: Sense,
    pub cols: Vec<Column<C>>,
    pub rows: Vec<Row<R>>,
    /// Row-wise sparse matrix: row i's entries are `row_start[i]..row_start[i+1]`.
    pub row_start: Vec<usize>,
    pub entries: Vec<(Var, f64)>,
    /// Objective coefficients per column and the constant term.
    pub objective: Vec<f64>,
    pub objective_constant: f64,
}

impl<C: Clone, R: Clone> Lp<C, R> {
    pub fn new(sense: Sense) -> Self {
        Lp {
            sense,
            cols: Vec::new(),
            rows: Vec::new(),
            row_start: vec![0],
            entries: Vec::new(),
            objective: Vec::new(),
            objective_constant: 0.0,
        }
    }

    pub fn add_col(&mut self, key: C, lo: f64, hi: f64) -> Var {
        self.cols.push(Column { key, lo, hi });
        self.objective.push(0.0);
        Var((self.cols.len() - 1) as u32)
    }

    /// Adds a named row; returns its index.
    pub fn add_row(&mut self, key: R, c: Constraint) -> usize {
        let (terms, constant) = c.expr.normalized_terms();
        self.entries.extend(terms);
        self.row_start.push(self.entries.len());
        self.rows.push(Row {
            key,
            lo: c.lo - constant,
            hi: c.hi - constant,
        });
        self.rows.len() - 1
    }

    pub fn set_objective(&mut self, expr: LinExpr) {
        self.objective.iter_mut().for_each(|c| *c = 0.0);
        let (terms, constant) = expr.normalized_terms();
        for (v, c) in terms {
            self.objective[v.index()] = c;
        }
        self.objective_constant = constant;
    }

    pub fn row(&self, i: usize) -> &[(Var, f64)] {
        &self.entries[self.row_start[i]..self.row_start[i + 1]]
    }

    pub fn n_cols(&self) -> usize {
        self.cols.len()
    }
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }
    pub fn n_nonzeros(&self) -> usize {
        self.entries.len()
    }

    /// Objective value at `x`, constant included.
    pub fn objective_value(&self, x: &[f64]) -> f64 {
        self.objective_constant
            + self
                .objective
                .iter()
                .zip(x)
                .map(|(c, v)| c * v)
                .sum::<f64>()
    }

    /// Row activities `a·x`.
    pub fn activities(&self, x: &[f64]) -> Vec<f64> {
        (0..self.n_rows())
            .map(|i| self.row(i).iter().map(|&(v, c)| c * x[v.index()]).sum())
            .collect()
    }

    /// Largest violation of a row or bound, each scaled by the size of the
    /// numbers involved, with where it occurs.
    pub fn max_scaled_violation(&self, x: &[f64]) -> (f64, Violated) {
        if x.len() != self.n_cols() {
            return (f64::INFINITY, Violated::Nothing);
        }
        let mut worst = (0.0, Violated::Nothing);
        for (j, col) in self.cols.iter().enumerate() {
            let scale = 1.0 + x[j].abs();
            let v = ((col.lo - x[j]).max(x[j] - col.hi)).max(0.0) / scale;
            if v > worst.0 {
                worst = (v, Violated::Bound(j));
            }
        }
        for i in 0..self.n_rows() {
            let mut act = 0.0;
            let mut mag = 0.0;
            for &(v, c) in self.row(i) {
                let t = c * x[v.index()];
                act += t;
                mag += t.abs();
            }
            let r = &self.rows[i];
            let scale = 1.0
                + mag
                    .max(if r.lo.is_finite() { r.lo.abs() } else { 0.0 })
                    .max(if r.hi.is_finite() { r.hi.abs() } else { 0.0 });
            let v = ((r.lo - act).max(act - r.hi)).max(0.0) / scale;
            if v > worst.0 {
                worst = (v, Violated::Row(i));
            }
        }
        worst
    }

    /// The objective bound certified by row duals `y` (objective gained per
    /// unit of each row's bound): each row and column contributes its
    /// multiplier times the bound it pushes against. For a maximisation
    /// with valid duals this is ≥ every feasible objective, so its distance
    /// from a solution's objective bounds that solution's suboptimality.
    ///
    /// A multiplier pushing against an infinite bound is a dual
    /// infeasibility (solver noise on free columns such as the reserve).
    /// It is counted at the solution's value `x` and its size, |m|·(1+|x|),
    /// is returned as the second value: the gap is only certified when that
    /// error is small too.
    pub fn dual_bound(&self, row_duals: &[f64], x: &[f64]) -> (f64, f64) {
        let d = self.reduced_costs(row_duals);
        let act = self.activities(x);
        let sign = match self.sense {
            Sense::Maximize => 1.0,
            Sense::Minimize => -1.0,
        };
        let mut infeasibility = 0.0;
        // In the sense's own direction, a positive multiplier pushes against
        // the upper bound for a maximisation, the lower for a minimisation.
        let mut pick = |m: f64, lo: f64, hi: f64, at: f64| -> f64 {
            let m = m * sign;
            let bound = if m > 0.0 { hi } else { lo };
            if m == 0.0 {
                0.0
            } else if bound.is_finite() {
                m * bound
            } else {
                infeasibility += m.abs() * (1.0 + at.abs());
                m * at
            }
        };
        let mut total = 0.0;
        for ((r, y), a) in self.rows.iter().zip(row_duals).zip(&act) {
            total += pick(*y, r.lo, r.hi, *a);
        }
        for ((c, dj), xj) in self.cols.iter().zip(&d).zip(x) {
            total += pick(*dj, c.lo, c.hi, *xj);
        }
        (sign * total + self.objective_constant, infeasibility)
    }

    /// Reduced costs `obj_j − Σ_i a_ij·y_i` for row duals `y` (objective
    /// gained per unit of each row's bound): at a column's bound, the
    /// objective gained per unit the bound moves.
    pub fn reduced_costs(&self, row_duals: &[f64]) -> Vec<f64> {
        let mut d = self.objective.clone();
        for (i, y) in row_duals.iter().enumerate() {
            if *y != 0.0 {
                for &(v, a) in self.row(i) {
                    d[v.index()] -= a * y;
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_move_to_the_bounds_and_terms_merge() {
        let mut lp: Lp<&str, &str> = Lp::new(Sense::Maximize);
        let x = lp.add_col("x", 0.0, 10.0);
        let y = lp.add_col("y", 0.0, 10.0);
        // x + 2y + 3 − x + x ≤ 7  →  x + 2y ≤ 4
        let row = lp.add_row("r", (x + 2.0 * y + 3.0 - x + x).leq(7.0));
        assert_eq!(lp.row(row), &[(x, 1.0), (y, 2.0)]);
        assert_eq!((lp.rows[row].lo, lp.rows[row].hi), (f64::NEG_INFINITY, 4.0));
        // y ≥ x − 1  →  −x + y ≥ −1
        let r2 = lp.add_row("r2", LinExpr::from(y).geq(x - 1.0));
        assert_eq!(lp.row(r2), &[(x, -1.0), (y, 1.0)]);
        assert_eq!(lp.rows[r2].lo, -1.0);
    }

    #[test]
    fn violations_and_reduced_costs() {
        let mut lp: Lp<&str, &str> = Lp::new(Sense::Maximize);
        let x = lp.add_col("x", 0.0, 5.0);
        lp.add_row("cap", LinExpr::from(x).leq(3.0));
        lp.set_objective(2.0 * x);
        assert_eq!(lp.max_scaled_violation(&[3.0]).0, 0.0);
        assert!(lp.max_scaled_violation(&[4.0]).0 > 0.1);
        // Row binding with dual 2: x's reduced cost is 0.
        assert_eq!(lp.reduced_costs(&[2.0]), vec![0.0]);
        assert_eq!(lp.objective_value(&[3.0]), 6.0);
    }
}
