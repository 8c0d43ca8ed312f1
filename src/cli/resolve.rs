//! `hifplan resolve`: the scenario exactly as it is solved.

use clap::Args;

use super::{ScenarioArgs, exit, load_input, print};
use crate::scenario;
use crate::scenario::variants::diff;

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Instead of the YAML, list what differs from the base (the `extends`
    /// base, or the file itself when only --set changes it), key path by key path.
    #[arg(long)]
    pub diff: bool,
}

pub fn resolve(a: ResolveArgs) -> i32 {
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    if !a.diff {
        // stdout holds exactly the text whose SHA-256 results carry.
        print(loaded.resolved_yaml.as_bytes());
        errln!("sha256 {}", loaded.scenario.sha256);
        return exit::OK;
    }
    let Some(base) = &loaded.base else {
        errln!(
            "{} has no base: it extends nothing and no --set was given",
            a.input.scenario.display()
        );
        return exit::OK;
    };
    let mut out = String::new();
    for c in diff(base, &loaded.root) {
        let line = match (&c.before, &c.after) {
            (Some(b), Some(after)) => format!("  {}: {b} → {after}\n", c.path),
            (None, Some(after)) => format!("+ {}: {after}\n", c.path),
            (Some(b), None) => format!("- {}: {b}\n", c.path),
            (None, None) => continue,
        };
        out.push_str(&line);
    }
    if out.is_empty() {
        out.push_str("no differences\n");
    }
    out.push_str(&effective_section(&loaded, base));
    print(out.as_bytes());
    exit::OK
}

/// The per-year values the differences move, with the years that are not
/// written in the series (they move because the series is interpolated or
/// grown from the years that are).
fn effective_section(loaded: &scenario::Loaded, base: &scenario::Node) -> String {
    use std::fmt::Write as _;
    let base = match scenario::from_tree(base.clone(), loaded.sources.clone(), "base") {
        Ok(b) => b,
        Err(_) => {
            return "\nThe base does not resolve on its own, so the per-year values it would have are not shown.\n".into();
        }
    };
    let changes = scenario::effective_changes(&base.scenario, &loaded.scenario);
    if changes.is_empty() {
        return "\nNo per-year value changes.\n".into();
    }
    let mut out = String::from("\nPer-year values that change (before → after):\n");
    let mut last: Option<(&str, Option<&str>)> = None;
    let mut shown_in_group = 0;
    let mut hidden = 0;
    for c in &changes {
        let group = (c.path.as_str(), c.region.as_deref());
        if last != Some(group) {
            if hidden > 0 {
                let _ = writeln!(out, "    … {hidden} more years");
                hidden = 0;
            }
            let _ = match c.region.as_deref() {
                Some(r) => writeln!(out, "  {} ({r})", c.path),
                None => writeln!(out, "  {}", c.path),
            };
            last = Some(group);
            shown_in_group = 0;
        }
        if shown_in_group >= 40 {
            hidden += 1;
            continue;
        }
        shown_in_group += 1;
        let note = if c.path.ends_with("(derived)") || written(&loaded.root, c) {
            ""
        } else {
            "  (not a given year: follows from the series)"
        };
        let _ = writeln!(
            out,
            "    {}: {} → {}{note}",
            c.year,
            short(c.before),
            short(c.after)
        );
    }
    if hidden > 0 {
        let _ = writeln!(out, "    … {hidden} more years");
    }
    out
}

/// Whether the year of `c` is written as a key of its series.
fn written(root: &scenario::Node, c: &scenario::EffectiveChange) -> bool {
    let path = match &c.region {
        Some(r) if c.path.ends_with(".population") => format!("{}.{r}", c.path),
        _ => c.path.clone(),
    };
    match scenario::variants::node_at(root, &path) {
        Some(n) => match n.as_map() {
            Some(entries) => entries.iter().any(|e| e.key.text == c.year.to_string()),
            // A constant: every year is as written.
            None => true,
        },
        None => true,
    }
}

/// A number in a few significant digits: 0.0516667, 181500.
fn short(v: f64) -> String {
    if v.is_nan() {
        return "none".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    if v.abs() >= 1e15 || v.abs() < 1e-6 {
        return format!("{v:e}");
    }
    let digits = (6.0 - v.abs().log10().floor()).clamp(0.0, 12.0) as usize;
    let t = format!("{v:.digits$}");
    if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    }
}
