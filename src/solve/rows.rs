//! The one place where a row `lo ≤ a·x ≤ hi` becomes the one-sided
//! constraints a solver without ranged rows takes, each remembering its
//! side so that duals go back to the row they came from.

use crate::model::lp::Row;

/// One side of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `a·x = rhs`.
    Equal,
    /// `a·x ≥ rhs`.
    AtLeast,
    /// `a·x ≤ rhs`.
    AtMost,
}

/// The one-sided constraints a row stands for: one equality, or one or two
/// inequalities (none for a row free on both sides), with their
/// right-hand sides.
pub fn parts<K>(row: &Row<K>) -> impl Iterator<Item = (Part, f64)> {
    let (lo, hi) = (row.lo, row.hi);
    let eq = (lo == hi).then_some((Part::Equal, lo));
    let ranged = lo != hi;
    let at_least = (ranged && lo.is_finite()).then_some((Part::AtLeast, lo));
    let at_most = (ranged && hi.is_finite()).then_some((Part::AtMost, hi));
    eq.into_iter().chain(at_least).chain(at_most)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(lo: f64, hi: f64) -> Row<()> {
        Row { key: (), lo, hi }
    }

    #[test]
    fn rows_split_by_their_finite_sides() {
        let p = |lo, hi| parts(&row(lo, hi)).collect::<Vec<_>>();
        assert_eq!(p(2.0, 2.0), vec![(Part::Equal, 2.0)]);
        assert_eq!(
            p(-1.0, 3.0),
            vec![(Part::AtLeast, -1.0), (Part::AtMost, 3.0)]
        );
        assert_eq!(p(f64::NEG_INFINITY, 3.0), vec![(Part::AtMost, 3.0)]);
        assert_eq!(p(1.0, f64::INFINITY), vec![(Part::AtLeast, 1.0)]);
        assert!(p(f64::NEG_INFINITY, f64::INFINITY).is_empty());
    }
}
