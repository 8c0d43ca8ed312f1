//! The LP exactly as solved, for other solvers: MPS (free format) and CPLEX
//! LP, written to the core of both formats that GLPK, CBC and HiGHS read
//! the same way (and CPLEX and Gurobi, whose formats these are).
//!
//! Where the formats leave a choice to each reader, the files avoid it:
//! - Sense. MPS has no portable way to say "maximise": `OBJSENSE` is an
//!   extension that GLPK refuses and CBC ignores (and so minimises). The MPS
//!   file is therefore always a minimisation: for a maximising model its
//!   objective row, `minus_obj`, is the objective negated, and hifplan's
//!   objective is minus the optimum ([`mps_objective_sign`]). LP format says
//!   `Maximize`, which every reader honours: its optimum is the objective.
//! - The objective's constant. A right-hand side on the MPS objective row is
//!   read as +constant by GLPK and as −constant by CBC and HiGHS, and GLPK
//!   refuses a constant in an LP objective. So in both files the constant is
//!   the cost of a column `obj_constant` fixed at 1.
//! - Names ([`names`]): characters every reader accepts, at most
//!   [`MAX_NAME`] long, unique, readable: `c(hypertension.north.2027)` for
//!   `c[hypertension,north,2027]`. The same names in both files.
//! - Ranged rows (both bounds finite and different): the RANGES section in
//!   MPS; two rows `NAME.lo` (≥) and `NAME.hi` (≤) in LP format, which has
//!   no ranged rows that every reader takes.
//! - Free rows (no finite bound) constrain nothing and are left out.
//!
//! Each file begins with comment lines saying these conventions.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::Lp;
use super::lp::{self, Sense};
use crate::scenario::Scenario;

/// Longest name written, suffixes included: CBC's LP reader takes at most
/// 100 characters (CPLEX, GLPK and HiGHS take 255).
pub const MAX_NAME: usize = 100;

/// Longest name before the suffixes that keep names unique (`#2`) and
/// split ranged rows in LP format (`.lo`), so that with them a name stays
/// within [`MAX_NAME`].
const BASE_NAME: usize = 80;

/// The names the writers add: the column fixed at 1 whose cost is the
/// objective's constant, and the objective row (minimised or maximised as
/// the model says), or negated (the MPS file of a maximising model).
const CONSTANT: &str = "obj_constant";
const OBJECTIVE: &str = "obj";
const MINUS_OBJECTIVE: &str = "minus_obj";

/// The model's names of the columns and rows, as results print them
/// (`c[hypertension,north,2027]`, `C4[2028]`): the one place that asks the
/// model for names.
pub fn model_names(lp: &Lp, s: &Scenario) -> (Vec<String>, Vec<String>) {
    (
        lp.cols.iter().map(|c| c.key.name(s)).collect(),
        lp.rows.iter().map(|r| r.key.name(s)).collect(),
    )
}

/// Free-format MPS, always a minimisation (see the module comment).
pub fn mps(lp: &Lp, s: &Scenario) -> String {
    let (cols, rows) = model_names(lp, s);
    mps_of(lp, &s.name, &cols, &rows)
}

/// CPLEX LP format, in the model's sense (see the module comment).
pub fn lp_format(lp: &Lp, s: &Scenario) -> String {
    let (cols, rows) = model_names(lp, s);
    lp_format_of(lp, &s.name, &cols, &rows)
}

/// hifplan's objective is this times the optimum of the MPS file: −1 for a
/// maximising model (written negated), 1 otherwise. The LP file's optimum
/// is the objective itself.
pub fn mps_objective_sign(sense: Sense) -> f64 {
    match sense {
        Sense::Maximize => -1.0,
        Sense::Minimize => 1.0,
    }
}

/// The names written in both files, by column and row index.
#[derive(Debug, Clone, PartialEq)]
pub struct Names {
    pub cols: Vec<String>,
    pub rows: Vec<String>,
    /// The column fixed at 1 that carries the objective's constant.
    pub constant: String,
    /// The objective row: as the model states it, and negated.
    pub objective: String,
    pub minus_objective: String,
    /// The row `0 = 0` that LP format needs when no row is written.
    pub no_rows: String,
    /// Every row name taken so far, for the LP file's `.lo`/`.hi` rows.
    taken_rows: HashSet<String>,
}

impl Names {
    /// The two rows a ranged row becomes in LP format, unique too.
    fn split(&mut self, i: usize) -> (String, String) {
        let base = self.rows[i].clone();
        (
            claim(&mut self.taken_rows, format!("{base}.lo")),
            claim(&mut self.taken_rows, format!("{base}.hi")),
        )
    }
}

/// File names for the model's column and row names: each made acceptable
/// to every reader ([`clean_name`]), then made unique, the model's names
/// first and the writers' own (`obj_constant`, `obj`, `minus_obj`) after.
pub fn names(cols: &[String], rows: &[String]) -> Names {
    let mut taken_cols = HashSet::with_capacity(cols.len() + 1);
    let cols: Vec<String> = cols
        .iter()
        .map(|n| claim(&mut taken_cols, clean_name(n)))
        .collect();
    let constant = claim(&mut taken_cols, CONSTANT.into());
    let mut taken_rows = HashSet::with_capacity(rows.len() + 2);
    let rows: Vec<String> = rows
        .iter()
        .map(|n| claim(&mut taken_rows, clean_name(n)))
        .collect();
    let objective = claim(&mut taken_rows, OBJECTIVE.into());
    let minus_objective = claim(&mut taken_rows, MINUS_OBJECTIVE.into());
    let no_rows = claim(&mut taken_rows, "no_rows".into());
    Names {
        cols,
        rows,
        constant,
        objective,
        minus_objective,
        no_rows,
        taken_rows,
    }
}

/// `name`, or `name#2`, `name#3`, … : the first not yet taken.
fn claim(taken: &mut HashSet<String>, name: String) -> String {
    let mut candidate = name.clone();
    let mut k = 1;
    while taken.contains(&candidate) {
        k += 1;
        candidate = format!("{name}#{k}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// Words that LP readers take as keywords wherever a name may stand.
const KEYWORDS: &[&str] = &[
    "min", "mins", "minimize", "minimise", "minimum", "max", "maxs", "maximize", "maximise",
    "maximum", "st", "subject", "such", "bound", "bounds", "free", "inf", "infinity", "int",
    "integer", "integers", "general", "generals", "gen", "binary", "binaries", "bin", "semi",
    "semis", "sos", "sos1", "sos2", "end",
];

/// One name as every reader accepts it: letters, digits and `_ . ( ) ~ #`
/// only (the characters that CPLEX, GLPK, CBC and HiGHS all take in LP
/// names, which MPS readers take too), starting with a letter other than
/// `e`/`E` (which reads as an exponent after a number) or with `_`, not a
/// keyword, and at most [`BASE_NAME`] long. Readable: `[ ] , -` become
/// `( ) . ~` (`c[p,north,2027]` → `c(p.north.2027)`), any other character
/// `_`; a name cut short ends with `#` and a hash of the whole name.
pub fn clean_name(raw: &str) -> String {
    let mut out: String = raw
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '.' | '(' | ')' => c,
            '[' => '(',
            ']' => ')',
            ',' => '.',
            '-' => '~',
            _ => '_',
        })
        .collect();
    let starts_badly = match out.chars().next() {
        None => true,
        Some(c) => !(c.is_ascii_alphabetic() || c == '_') || c == 'e' || c == 'E',
    };
    let lower = out.to_ascii_lowercase();
    if starts_badly || KEYWORDS.contains(&lower.as_str()) || lower == "s.t." {
        out.insert(0, '_');
    }
    if out.len() > BASE_NAME {
        // ASCII only by now, so any byte is a character boundary.
        out.truncate(BASE_NAME - 9);
        let _ = write!(out, "#{:08x}", fnv1a(raw));
    }
    out
}

/// FNV-1a, 32 bits: a short stable hash for names cut short.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Shortest text that reads back as the same f64 (`0.0`, never `-0.0`).
fn num(v: f64) -> String {
    debug_assert!(v.is_finite(), "only finite numbers are written");
    format!("{:?}", v + 0.0)
}

/// A row's bounds as the formats state them.
#[derive(Debug, Clone, Copy)]
enum RowKind {
    /// No finite bound: constrains nothing, not written.
    Free,
    Eq(f64),
    Le(f64),
    Ge(f64),
    /// Both bounds finite and different.
    Range(f64, f64),
}

fn row_kind(lo: f64, hi: f64) -> RowKind {
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) if lo == hi => RowKind::Eq(lo),
        (true, true) => RowKind::Range(lo, hi),
        (false, true) => RowKind::Le(hi),
        (true, false) => RowKind::Ge(lo),
        (false, false) => RowKind::Free,
    }
}

/// A column's bounds as the formats state them.
#[derive(Debug, Clone, Copy)]
enum ColKind {
    Fixed(f64),
    Free,
    /// Only an upper bound.
    Upper(f64),
    /// Only a lower bound.
    Lower(f64),
    Both(f64, f64),
}

fn col_kind(lo: f64, hi: f64) -> ColKind {
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) if lo == hi => ColKind::Fixed(lo),
        (true, true) => ColKind::Both(lo, hi),
        (false, true) => ColKind::Upper(hi),
        (true, false) => ColKind::Lower(lo),
        (false, false) => ColKind::Free,
    }
}

/// What both writers need: names, which rows are written, whether the
/// constant column is.
struct Layout {
    names: Names,
    kinds: Vec<RowKind>,
    /// The constant column is written when the constant is not zero, or
    /// when there is no other column to write.
    constant: bool,
    free_rows: usize,
    title: String,
}

impl Layout {
    fn new<C: Clone, R: Clone>(
        lp: &lp::Lp<C, R>,
        title: &str,
        cols: &[String],
        rows: &[String],
    ) -> Layout {
        assert_eq!(cols.len(), lp.n_cols(), "one name a column");
        assert_eq!(rows.len(), lp.n_rows(), "one name a row");
        let kinds: Vec<RowKind> = lp.rows.iter().map(|r| row_kind(r.lo, r.hi)).collect();
        Layout {
            names: names(cols, rows),
            free_rows: kinds.iter().filter(|k| matches!(k, RowKind::Free)).count(),
            kinds,
            constant: lp.objective_constant != 0.0 || lp.n_cols() == 0,
            title: clean_name(title),
        }
    }

    /// The comment lines that open a file, each after `mark`.
    fn header<C: Clone, R: Clone>(&self, lp: &lp::Lp<C, R>, mark: &str, lp_file: bool) -> String {
        let mut h = String::new();
        let mut line = |text: String| {
            let _ = writeln!(h, "{mark} {text}");
        };
        let sense = if lp.sense == Sense::Maximize {
            "maximises"
        } else {
            "minimises"
        };
        line(format!(
            "{}: the LP that hifplan {} solves, {} columns, {} rows ({}).",
            self.title,
            env!("CARGO_PKG_VERSION"),
            lp.n_cols(),
            lp.n_rows(),
            if lp_file {
                "CPLEX LP format"
            } else {
                "free MPS"
            }
        ));
        line(format!("The model {sense} its objective."));
        if lp_file {
            line(format!(
                "Sense: as the model's; the optimum is hifplan's objective (row {}).",
                self.names.objective
            ));
        } else if lp.sense == Sense::Maximize {
            line(format!(
                "Sense: this file MINIMISES {} = -(hifplan's objective): hifplan's objective is MINUS the optimum.",
                self.names.minus_objective
            ));
            line("No OBJSENSE section: not every reader takes one.".into());
        } else {
            line(format!(
                "Sense: this file minimises {}, hifplan's objective, as the model does.",
                self.names.objective
            ));
        }
        if self.constant {
            line(format!(
                "Constant: {} is fixed at 1; its cost is the objective's constant{}.",
                self.names.constant,
                if lp_file || lp.sense == Sense::Minimize {
                    ""
                } else {
                    " (negated)"
                }
            ));
        }
        line(
            "Names: the model's, with [ ] , - as ( ) . ~ and other characters outside letters, digits, _ . ( ) as _;"
                .into(),
        );
        line(
            "  a leading _ where a name would start with a digit, a period or e; #n keeps names unique."
                .into(),
        );
        if lp_file {
            line("Ranged rows: NAME.lo (>=) and NAME.hi (<=).".into());
        } else {
            line("Ranged rows: in RANGES.".into());
        }
        if self.free_rows > 0 {
            line(format!(
                "{} free row{} (no finite bound) left out: {} nothing.",
                self.free_rows,
                if self.free_rows == 1 { "" } else { "s" },
                if self.free_rows == 1 {
                    "it constrains"
                } else {
                    "they constrain"
                }
            ));
        }
        h
    }
}

/// Free-format MPS of any LP with the given raw names, always a
/// minimisation: for a maximising LP the objective is negated (see the
/// module comment). `title` names the problem.
pub fn mps_of<C: Clone, R: Clone>(
    lp: &lp::Lp<C, R>,
    title: &str,
    cols: &[String],
    rows: &[String],
) -> String {
    let layout = Layout::new(lp, title, cols, rows);
    let names = &layout.names;
    let kinds = &layout.kinds;
    let sign = mps_objective_sign(lp.sense);
    let obj = if lp.sense == Sense::Maximize {
        &names.minus_objective
    } else {
        &names.objective
    };
    // Column-wise entries, free rows left out.
    let mut by_col: Vec<Vec<(usize, f64)>> = vec![Vec::new(); lp.n_cols()];
    for i in 0..lp.n_rows() {
        if matches!(kinds[i], RowKind::Free) {
            continue;
        }
        for &(v, a) in lp.row(i) {
            by_col[v.index()].push((i, a));
        }
    }
    let mut out = String::with_capacity(64 * (lp.n_nonzeros() + lp.n_rows() + lp.n_cols()));
    out.push_str(&layout.header(lp, "*", false));
    // `FREE` after the name: CBC otherwise reads names of up to 8
    // characters in the fixed-format columns.
    let _ = writeln!(out, "NAME {} FREE", layout.title);
    out.push_str("ROWS\n");
    let _ = writeln!(out, " N {obj}");
    for (i, k) in kinds.iter().enumerate() {
        let t = match k {
            RowKind::Free => continue,
            RowKind::Eq(_) => 'E',
            RowKind::Le(_) | RowKind::Range(..) => 'L',
            RowKind::Ge(_) => 'G',
        };
        let _ = writeln!(out, " {t} {}", names.rows[i]);
    }
    out.push_str("COLUMNS\n");
    for (j, name) in names.cols.iter().enumerate() {
        let c = lp.objective[j];
        if c != 0.0 || by_col[j].is_empty() {
            // A column in no row still has to be declared here.
            let _ = writeln!(out, " {name} {obj} {}", num(sign * c));
        }
        for &(i, a) in &by_col[j] {
            let _ = writeln!(out, " {name} {} {}", names.rows[i], num(a));
        }
    }
    if layout.constant {
        let _ = writeln!(
            out,
            " {} {obj} {}",
            names.constant,
            num(sign * lp.objective_constant)
        );
    }
    // CBC needs the RHS line even with no entries.
    out.push_str("RHS\n");
    for (i, k) in kinds.iter().enumerate() {
        let rhs = match *k {
            RowKind::Free => continue,
            RowKind::Eq(v) | RowKind::Le(v) | RowKind::Ge(v) | RowKind::Range(_, v) => v,
        };
        if rhs != 0.0 {
            let _ = writeln!(out, " RHS {} {}", names.rows[i], num(rhs));
        }
    }
    let mut ranges = String::new();
    for (i, k) in kinds.iter().enumerate() {
        if let RowKind::Range(lo, hi) = *k {
            // An L row with range R spans [rhs − |R|, rhs].
            let _ = writeln!(ranges, " RNG {} {}", names.rows[i], num(hi - lo));
        }
    }
    if !ranges.is_empty() {
        out.push_str("RANGES\n");
        out.push_str(&ranges);
    }
    let mut bounds = String::new();
    for (j, c) in lp.cols.iter().enumerate() {
        let n = &names.cols[j];
        let mut b = |kind: &str, v: Option<f64>| {
            let _ = match v {
                Some(v) => writeln!(bounds, " {kind} BND {n} {}", num(v)),
                None => writeln!(bounds, " {kind} BND {n}"),
            };
        };
        match col_kind(c.lo, c.hi) {
            ColKind::Fixed(v) => b("FX", Some(v)),
            ColKind::Free => b("FR", None),
            ColKind::Upper(hi) => {
                b("MI", None);
                b("UP", Some(hi));
            }
            ColKind::Lower(lo) => {
                if lo != 0.0 {
                    b("LO", Some(lo));
                }
            }
            ColKind::Both(lo, hi) => {
                // LO always: some readers take an UP below zero with no
                // LO as "no lower bound".
                b("LO", Some(lo));
                b("UP", Some(hi));
            }
        }
    }
    if layout.constant {
        let _ = writeln!(bounds, " FX BND {} 1", names.constant);
    }
    if !bounds.is_empty() {
        out.push_str("BOUNDS\n");
        out.push_str(&bounds);
    }
    out.push_str("ENDATA\n");
    out
}

/// Lines of LP format kept within this length (CPLEX reads 510 characters a
/// line; older HiGHS 560): a line holds at least one term, and names are at
/// most [`MAX_NAME`] long.
const LINE: usize = 255;

/// Appends terms to `out`, starting a continuation line where the current
/// one would grow beyond [`LINE`].
struct Terms<'a> {
    out: &'a mut String,
    line_start: usize,
}

impl<'a> Terms<'a> {
    fn new(out: &'a mut String) -> Self {
        let line_start = out.rfind('\n').map_or(0, |p| p + 1);
        Terms { out, line_start }
    }
    fn push(&mut self, coef: f64, name: &str) {
        let term = format!(
            " {} {} {name}",
            if coef.is_sign_negative() { "-" } else { "+" },
            num(coef.abs())
        );
        if self.out.len() - self.line_start + term.len() > LINE {
            self.out.push_str("\n ");
            self.line_start = self.out.len() - 1;
        }
        self.out.push_str(&term);
    }
}

/// CPLEX LP format of any LP with the given raw names, in the LP's own
/// sense (see the module comment). `title` names the problem.
pub fn lp_format_of<C: Clone, R: Clone>(
    lp: &lp::Lp<C, R>,
    title: &str,
    cols: &[String],
    rows: &[String],
) -> String {
    let mut layout = Layout::new(lp, title, cols, rows);
    // Ranged rows become two rows, named once every other name is taken.
    let split: Vec<Option<(String, String)>> = (0..lp.n_rows())
        .map(|i| matches!(layout.kinds[i], RowKind::Range(..)).then(|| layout.names.split(i)))
        .collect();
    let mut out = String::with_capacity(48 * (lp.n_nonzeros() + lp.n_rows() + lp.n_cols()));
    out.push_str(&layout.header(lp, "\\", true));
    let names = &layout.names;
    // A placeholder term for empty expressions: 0 times a column.
    let any_col = names.cols.first().unwrap_or(&names.constant);
    // Columns in no written row and without cost are declared in the
    // objective with cost 0, so that every reader has every column.
    let mut in_rows = vec![false; lp.n_cols()];
    for (i, k) in layout.kinds.iter().enumerate() {
        if !matches!(k, RowKind::Free) {
            for &(v, _) in lp.row(i) {
                in_rows[v.index()] = true;
            }
        }
    }
    out.push_str(if lp.sense == Sense::Maximize {
        "Maximize\n"
    } else {
        "Minimize\n"
    });
    let _ = write!(out, " {}:", names.objective);
    {
        let mut t = Terms::new(&mut out);
        let mut terms = 0;
        for (j, &c) in lp.objective.iter().enumerate() {
            if c != 0.0 || !in_rows[j] {
                t.push(c, &names.cols[j]);
                terms += 1;
            }
        }
        if layout.constant {
            t.push(lp.objective_constant, &names.constant);
            terms += 1;
        }
        if terms == 0 {
            t.push(0.0, any_col);
        }
    }
    out.push_str("\nSubject To\n");
    let row = |out: &mut String, name: &str, i: usize, op: &str, rhs: f64| {
        let _ = write!(out, " {name}:");
        let mut t = Terms::new(out);
        for &(v, a) in lp.row(i) {
            t.push(a, &names.cols[v.index()]);
        }
        if lp.row(i).is_empty() {
            // An empty row still has to read back.
            t.push(0.0, any_col);
        }
        let _ = writeln!(out, " {op} {}", num(rhs));
    };
    let mut written = 0;
    for (i, k) in layout.kinds.iter().enumerate() {
        match (*k, &split[i]) {
            (RowKind::Free, _) => continue,
            (RowKind::Eq(v), _) => row(&mut out, &names.rows[i], i, "=", v),
            (RowKind::Le(v), _) => row(&mut out, &names.rows[i], i, "<=", v),
            (RowKind::Ge(v), _) => row(&mut out, &names.rows[i], i, ">=", v),
            (RowKind::Range(lo, hi), Some((lo_name, hi_name))) => {
                row(&mut out, lo_name, i, ">=", lo);
                row(&mut out, hi_name, i, "<=", hi);
            }
            (RowKind::Range(..), None) => unreachable!("every ranged row is split"),
        }
        written += 1;
    }
    if written == 0 {
        // GLPK and CBC need at least one constraint: 0 = 0.
        let _ = writeln!(out, " {}: + 0 {any_col} = 0", names.no_rows);
    }
    out.push_str("Bounds\n");
    let col_bounds = lp
        .cols
        .iter()
        .zip(&names.cols)
        .map(|(c, n)| (col_kind(c.lo, c.hi), n));
    let constant = layout
        .constant
        .then_some((ColKind::Fixed(1.0), &names.constant));
    for (kind, n) in col_bounds.chain(constant) {
        let _ = match kind {
            ColKind::Fixed(v) => writeln!(out, " {n} = {}", num(v)),
            ColKind::Free => writeln!(out, " {n} free"),
            ColKind::Upper(hi) => writeln!(out, " -inf <= {n} <= {}", num(hi)),
            ColKind::Lower(0.0) => Ok(()),
            ColKind::Lower(lo) => writeln!(out, " {n} >= {}", num(lo)),
            ColKind::Both(lo, hi) => writeln!(out, " {} <= {n} <= {}", num(lo), num(hi)),
        };
    }
    out.push_str("End\n");
    out
}
