//! Geometric scaling of an LP, for the retries of a backend that could not
//! certify an optimum on the LP as written. Money in `thousand` next to
//! populations in millions puts 1 and 3e5 in the same row; solvers'
//! own equilibration does not always recover from that.
//!
//! With row factors `r` and column factors `d` the scaled LP is
//! `max (c∘d)ᵀy  s.t.  r∘lo ≤ (R A D) y ≤ r∘hi,  lo/d ≤ y ≤ hi/d`, and
//! `x = D y`; the objective value is unchanged, so a dual of the scaled row
//! `i` is `r_i` times the original's `∂objective/∂bound`. Factors are
//! powers of two: scaling then loses no bits.

use crate::model::Lp;

/// An LP scaled for solving, with the factors to read its answer back.
pub struct Scaled {
    pub lp: Lp,
    row: Vec<f64>,
    col: Vec<f64>,
}

/// Passes of alternating row and column geometric scaling.
const PASSES: usize = 6;

fn power_of_two(f: f64) -> f64 {
    if f.is_finite() && f > 0.0 {
        f.log2().round().exp2()
    } else {
        1.0
    }
}

impl Scaled {
    /// Scales `lp` so that each row's and each column's non-zeros have a
    /// geometric mean of magnitude near 1.
    pub fn new(lp: &Lp) -> Scaled {
        let (m, n) = (lp.n_rows(), lp.n_cols());
        let mut row = vec![1.0; m];
        let mut col = vec![1.0; n];
        for _ in 0..PASSES {
            for (i, r) in row.iter_mut().enumerate() {
                let (lo, hi) =
                    lp.row(i)
                        .iter()
                        .fold((f64::INFINITY, 0.0f64), |(lo, hi), &(v, a)| {
                            let a = (a * col[v.index()]).abs();
                            if a > 0.0 {
                                (lo.min(a), hi.max(a))
                            } else {
                                (lo, hi)
                            }
                        });
                if hi > 0.0 {
                    *r = power_of_two(1.0 / (lo * hi).sqrt());
                }
            }
            let mut lo = vec![f64::INFINITY; n];
            let mut hi = vec![0.0f64; n];
            for (i, r) in row.iter().enumerate() {
                for &(v, a) in lp.row(i) {
                    let a = (a * r).abs();
                    if a > 0.0 {
                        let j = v.index();
                        lo[j] = lo[j].min(a);
                        hi[j] = hi[j].max(a);
                    }
                }
            }
            for (j, d) in col.iter_mut().enumerate() {
                if hi[j] > 0.0 {
                    *d = power_of_two(1.0 / (lo[j] * hi[j]).sqrt());
                }
            }
        }
        let mut scaled = lp.clone();
        for (i, r) in row.iter().enumerate() {
            let (start, end) = (lp.row_start[i], lp.row_start[i + 1]);
            for entry in &mut scaled.entries[start..end] {
                entry.1 *= r * col[entry.0.index()];
            }
            scaled.rows[i].lo *= r;
            scaled.rows[i].hi *= r;
        }
        for (j, c) in scaled.cols.iter_mut().enumerate() {
            c.lo /= col[j];
            c.hi /= col[j];
            scaled.objective[j] *= col[j];
        }
        Scaled {
            lp: scaled,
            row,
            col,
        }
    }

    /// The original columns' values from the scaled LP's.
    pub fn x(&self, y: &[f64]) -> Vec<f64> {
        y.iter().zip(&self.col).map(|(y, d)| y * d).collect()
    }

    /// The original rows' duals from the scaled LP's.
    pub fn row_duals(&self, duals: &[f64]) -> Vec<f64> {
        duals.iter().zip(&self.row).map(|(u, r)| u * r).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{At, ColKey, FamilyId, LinExpr, RowKey, Sense};

    /// A point of the scaled LP read back is the original point, with the
    /// same objective and each row's activity scaled by its factor; the
    /// scaled matrix has entries near 1.
    #[test]
    fn scaling_round_trips_values_rows_and_objective() {
        let mut lp = Lp::new(Sense::Maximize);
        let x0 = lp.add_col(ColKey::Reserve { y: 0 }, 0.0, 1.0);
        let x1 = lp.add_col(ColKey::Reserve { y: 1 }, -5.0, f64::INFINITY);
        let mut e = LinExpr::new();
        e.add_term(x0, 324_700.0);
        e.add_term(x1, 1.0);
        lp.add_row(
            RowKey::new(FamilyId::Balance, At::y(0)),
            e.between(2.0, 400_000.0),
        );
        let mut obj = LinExpr::new();
        obj.add_term(x0, 10_267.0);
        obj.add_term(x1, 3.0);
        lp.set_objective(obj);
        let s = Scaled::new(&lp);
        let x = [0.5, 7.0];
        let y = [x[0] / s.col[0], x[1] / s.col[1]];
        assert_eq!(s.x(&y), x.to_vec());
        assert_eq!(lp.objective_value(&x), s.lp.objective_value(&y));
        let (a, b) = (lp.activities(&x)[0], s.lp.activities(&y)[0]);
        assert!((a * s.row[0] - b).abs() <= 1e-12 * b.abs());
        assert_eq!(s.lp.rows[0].lo, 2.0 * s.row[0]);
        assert_eq!(s.lp.cols[0].hi, 1.0 / s.col[0]);
        assert!(
            s.lp.row(0)
                .iter()
                .all(|&(_, a)| (0.5..=2.0).contains(&a.abs()))
        );
        assert_eq!(s.row_duals(&[3.0]), vec![3.0 * s.row[0]]);
    }
}
