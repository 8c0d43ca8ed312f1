//! The LP exactly as solved, in the two formats every solver reads: free
//! MPS and CPLEX LP, with readable names (`c[hypertension,north,2027]`,
//! `C4[2028]`) so that anyone can solve it elsewhere and compare.

use std::fmt::Write as _;

use super::Lp;
use crate::scenario::Scenario;

fn num(v: f64) -> String {
    // Shortest text that reads back as the same f64.
    format!("{v:?}")
}

/// Free-format MPS. Ranged rows use RANGES; the objective constant is the
/// negated RHS of the objective row (the MPS convention HiGHS reads).
pub fn mps(lp: &Lp, s: &Scenario) -> String {
    let cols: Vec<String> = lp.cols.iter().map(|c| c.key.name(s)).collect();
    let rows: Vec<String> = lp.rows.iter().map(|r| r.key.name(s)).collect();
    // Column-wise entries.
    let mut by_col: Vec<Vec<(usize, f64)>> = vec![Vec::new(); lp.n_cols()];
    for i in 0..lp.n_rows() {
        for &(v, a) in lp.row(i) {
            by_col[v.index()].push((i, a));
        }
    }
    let mut out = String::with_capacity(64 * (lp.n_nonzeros() + lp.n_rows() + lp.n_cols()));
    let _ = writeln!(out, "NAME {}", s.name.replace(char::is_whitespace, "_"));
    let _ = writeln!(
        out,
        "OBJSENSE\n    {}",
        if lp.sense == super::Sense::Maximize {
            "MAX"
        } else {
            "MIN"
        }
    );
    out.push_str("ROWS\n N obj\n");
    for (i, r) in lp.rows.iter().enumerate() {
        let t = if r.lo == r.hi {
            'E'
        } else if r.hi.is_finite() {
            'L'
        } else if r.lo.is_finite() {
            'G'
        } else {
            'N'
        };
        let _ = writeln!(out, " {t} {}", rows[i]);
    }
    out.push_str("COLUMNS\n");
    for (j, name) in cols.iter().enumerate() {
        if lp.objective[j] != 0.0 {
            let _ = writeln!(out, "    {name} obj {}", num(lp.objective[j]));
        }
        for &(i, a) in &by_col[j] {
            let _ = writeln!(out, "    {name} {} {}", rows[i], num(a));
        }
    }
    out.push_str("RHS\n");
    if lp.objective_constant != 0.0 {
        let _ = writeln!(out, "    RHS obj {}", num(-lp.objective_constant));
    }
    for (i, r) in lp.rows.iter().enumerate() {
        let rhs = if r.lo == r.hi || r.hi.is_finite() {
            r.hi
        } else {
            r.lo
        };
        if rhs.is_finite() && rhs != 0.0 {
            let _ = writeln!(out, "    RHS {} {}", rows[i], num(rhs));
        }
    }
    let ranged: Vec<usize> = (0..lp.n_rows())
        .filter(|&i| {
            lp.rows[i].lo.is_finite() && lp.rows[i].hi.is_finite() && lp.rows[i].lo != lp.rows[i].hi
        })
        .collect();
    if !ranged.is_empty() {
        out.push_str("RANGES\n");
        for i in ranged {
            let _ = writeln!(
                out,
                "    RNG {} {}",
                rows[i],
                num(lp.rows[i].hi - lp.rows[i].lo)
            );
        }
    }
    out.push_str("BOUNDS\n");
    for (j, c) in lp.cols.iter().enumerate() {
        let n = &cols[j];
        match (c.lo.is_finite(), c.hi.is_finite()) {
            _ if c.lo == c.hi => {
                let _ = writeln!(out, " FX BND {n} {}", num(c.lo));
            }
            (false, false) => {
                let _ = writeln!(out, " FR BND {n}");
            }
            (false, true) => {
                let _ = writeln!(out, " MI BND {n}");
                let _ = writeln!(out, " UP BND {n} {}", num(c.hi));
            }
            (true, hi) => {
                if c.lo != 0.0 {
                    let _ = writeln!(out, " LO BND {n} {}", num(c.lo));
                }
                if hi {
                    let _ = writeln!(out, " UP BND {n} {}", num(c.hi));
                }
            }
        }
    }
    out.push_str("ENDATA\n");
    out
}

/// CPLEX LP format. Brackets are reserved there (quadratic terms), so names
/// are written with parentheses: `c(hypertension,north,2027)`; ranged rows
/// become two rows, `NAME.lo` and `NAME.hi`.
pub fn lp_format(lp: &Lp, s: &Scenario) -> String {
    let clean = |n: String| n.replace('[', "(").replace(']', ")");
    let cols: Vec<String> = lp.cols.iter().map(|c| clean(c.key.name(s))).collect();
    let mut out = String::with_capacity(48 * (lp.n_nonzeros() + lp.n_rows() + lp.n_cols()));
    let _ = writeln!(
        out,
        "\\ {} (hifplan {}), the LP of MODEL.md as solved",
        s.name,
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(if lp.sense == super::Sense::Maximize {
        "Maximize\n"
    } else {
        "Minimize\n"
    });
    out.push_str(" obj:");
    let mut terms = 0;
    for (j, &c) in lp.objective.iter().enumerate() {
        if c != 0.0 {
            let _ = write!(
                out,
                " {} {} {}",
                if c < 0.0 { "-" } else { "+" },
                num(c.abs()),
                cols[j]
            );
            terms += 1;
            if terms % 8 == 0 {
                out.push_str("\n  ");
            }
        }
    }
    if lp.objective_constant != 0.0 || terms == 0 {
        let c = lp.objective_constant;
        let _ = write!(out, " {} {}", if c < 0.0 { "-" } else { "+" }, num(c.abs()));
    }
    out.push_str("\nSubject To\n");
    let expr = |i: usize| -> String {
        let mut e = String::new();
        for (k, &(v, a)) in lp.row(i).iter().enumerate() {
            let _ = write!(
                e,
                " {} {} {}",
                if a < 0.0 { "-" } else { "+" },
                num(a.abs()),
                cols[v.index()]
            );
            if (k + 1) % 8 == 0 {
                e.push_str("\n  ");
            }
        }
        if e.is_empty() {
            // An empty row still has to read back: 0 times any column.
            e = format!(" 0 {}", cols.first().cloned().unwrap_or_else(|| "x".into()));
        }
        e
    };
    for (i, r) in lp.rows.iter().enumerate() {
        let name = clean(r.key.name(s));
        let e = expr(i);
        if r.lo == r.hi {
            let _ = writeln!(out, " {name}:{e} = {}", num(r.lo));
        } else if r.lo.is_finite() && r.hi.is_finite() {
            let _ = writeln!(out, " {name}.lo:{e} >= {}", num(r.lo));
            let _ = writeln!(out, " {name}.hi:{e} <= {}", num(r.hi));
        } else if r.hi.is_finite() {
            let _ = writeln!(out, " {name}:{e} <= {}", num(r.hi));
        } else if r.lo.is_finite() {
            let _ = writeln!(out, " {name}:{e} >= {}", num(r.lo));
        }
    }
    out.push_str("Bounds\n");
    for (j, c) in lp.cols.iter().enumerate() {
        let n = &cols[j];
        match (c.lo.is_finite(), c.hi.is_finite()) {
            _ if c.lo == c.hi => {
                let _ = writeln!(out, " {n} = {}", num(c.lo));
            }
            (false, false) => {
                let _ = writeln!(out, " {n} free");
            }
            (false, true) => {
                let _ = writeln!(out, " -inf <= {n} <= {}", num(c.hi));
            }
            (true, true) => {
                let _ = writeln!(out, " {} <= {n} <= {}", num(c.lo), num(c.hi));
            }
            (true, false) => {
                if c.lo != 0.0 {
                    let _ = writeln!(out, " {n} >= {}", num(c.lo));
                }
            }
        }
    }
    out.push_str("End\n");
    out
}
