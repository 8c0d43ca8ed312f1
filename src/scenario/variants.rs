//! Variants: `extends: base.yaml` and `--set PATH=VALUE` overrides, and the
//! key-by-key difference between two resolved scenarios.
//!
//! Merging works on located trees, so every value keeps the file and line
//! it was written at: an error in a value inherited from a base points into
//! the base, one in an override into the variant or the `--set` argument.
//!
//! Rules (the same for `extends` and `--set`): mappings merge key by key;
//! lists whose items all have an `id` merge by id (items in the base order,
//! new ids appended); other lists and scalars replace; `null` removes a key.
//! A per-year series is one value: a series given for a key replaces the
//! base's series whole (no given year of the base survives); only
//! `--set KEY.YEAR=v` changes one given year of a series.
//!
//! `extends` names a `.yaml`/`.yml` file inside the directory tree of the
//! scenario named on the command line — its directory and the one above it,
//! where variants find their bases — unless
//! [`LoadOptions::extends_anywhere`]; and that file must be a mapping.

use std::path::{Path, PathBuf};

use super::diag::{Diagnostic, Diagnostics, SourceMap};
use super::yaml::{self, Entry, Key, KeyPath, Mark, Node, NodeKind};

/// Longest chain of `extends` followed.
pub const MAX_EXTENDS_DEPTH: usize = 16;
/// Most `--set` arguments accepted.
pub const MAX_SETS: usize = 1_000;

/// A scenario file with its bases resolved.
pub struct Tree {
    pub root: Node,
    /// The tree of the `extends` base, if any (for `resolve --diff`).
    pub base: Option<Node>,
    /// Every file read: the scenario and its bases.
    pub files: Vec<PathBuf>,
}

/// How scenario files are found and read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Let `extends` name files outside the directory tree of the scenario
    /// named on the command line (`--allow-extends-outside`).
    pub extends_anywhere: bool,
    /// The scenario named on the command line may be `-`, standard input.
    pub stdin: bool,
}

/// Reads `path` and, recursively, the files it extends; merges them.
pub fn load_tree(path: &Path, sources: &mut SourceMap) -> Result<Tree, Diagnostics> {
    load_tree_with(path, sources, LoadOptions::default())
}

/// [`load_tree`] with options.
pub fn load_tree_with(
    path: &Path,
    sources: &mut SourceMap,
    options: LoadOptions,
) -> Result<Tree, Diagnostics> {
    let mut chain = Vec::new();
    let mut files = Vec::new();
    // The directory tree bases must stay in: the top file's directory.
    let top_dir = if path.as_os_str() == "-" {
        PathBuf::from(".")
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let top_dir = top_dir.canonicalize().unwrap_or(top_dir);
    // Variants sit one directory below their bases (scenarios/variants/…
    // extends ../roadmap.yaml): the tree starts one level up.
    let top_dir = top_dir.parent().map_or(top_dir.clone(), Path::to_path_buf);
    let ctx = Context {
        options,
        top_dir: &top_dir,
        top_file: path,
    };
    let (root, base) = load_chain(path, sources, &mut chain, &mut files, None, &ctx)?;
    if path.as_os_str() == "-" {
        files.retain(|f| f.as_os_str() != "-");
    }
    Ok(Tree { root, base, files })
}

struct Context<'a> {
    options: LoadOptions,
    top_dir: &'a Path,
    /// The scenario named on the command line, as written.
    top_file: &'a Path,
}

/// Checks a base named by `extends` before it is read: a scenario file by
/// its name, inside the top scenario's directory tree.
fn check_base(base: &Path, written: &str, ctx: &Context) -> Result<(), Diagnostic> {
    let is_yaml = base
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if !is_yaml {
        return Err(Diagnostic::error(format!(
            "`extends` names a base scenario, a .yaml or .yml file; `{written}` is not one"
        ))
        .label("expected a .yaml file"));
    }
    if ctx.options.extends_anywhere {
        return Ok(());
    }
    // Where the path leads: its real place, or, for a path that does not
    // resolve, its place as written (`..` taken lexically).
    let canonical = base.canonicalize().unwrap_or_else(|_| {
        let abs = std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf());
        let mut out = PathBuf::new();
        for c in abs.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    });
    if !canonical.starts_with(ctx.top_dir) {
        return Err(Diagnostic::error(format!(
            "`extends: {written}` reaches outside the directory tree of `{}`, the scenario given on the command line (its directory and the one above it); bases must sit in that tree",
            ctx.top_file.display()
        ))
        .label("outside the scenario's directory")
        .note("to extend a file elsewhere on purpose, pass --allow-extends-outside"));
    }
    Ok(())
}

/// Loads `path` and its bases: the merged tree and the base's tree.
fn load_chain(
    path: &Path,
    sources: &mut SourceMap,
    chain: &mut Vec<PathBuf>,
    files: &mut Vec<PathBuf>,
    referrer: Option<(Mark, KeyPath)>,
    ctx: &Context,
) -> Result<(Node, Option<Node>), Diagnostics> {
    let locate = |d: Diagnostic| match &referrer {
        Some((mark, path)) => d.at(*mark).path(path.clone()),
        None => d,
    };
    let stdin = referrer.is_none() && ctx.options.stdin;
    let text = super::read_text_from(path, stdin).map_err(|d| Diagnostics::from(locate(d)))?;
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Some(pos) = chain.iter().position(|p| *p == canonical) {
        let cycle: Vec<String> = chain[pos..]
            .iter()
            .chain(std::iter::once(&canonical))
            .map(|p| p.display().to_string())
            .collect();
        return Err(locate(
            Diagnostic::error(format!("`extends` forms a cycle: {}", cycle.join(" → ")))
                .label("this base extends, directly or not, the file that names it")
                .note("a variant extends a base; a base may extend another base, but never back"),
        )
        .into());
    }
    if chain.len() >= MAX_EXTENDS_DEPTH {
        return Err(locate(
            Diagnostic::error(format!(
                "`extends` chains more than {MAX_EXTENDS_DEPTH} files (the limit)"
            ))
            .label("too deep"),
        )
        .into());
    }
    chain.push(canonical);
    files.push(path.to_path_buf());
    let shown = if path.as_os_str() == "-" && stdin {
        super::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let file = sources.add(shown, text);
    let mut root = yaml::parse(sources, file).map_err(|d| match (&referrer, d.mark) {
        // A base that is not even YAML may not be a scenario at all: say
        // where it breaks without showing its lines.
        (Some((mark, at)), Some(m)) => Diagnostics::from(
            Diagnostic::error(format!(
                "the base `{}` is not a scenario: {} (at line {}, column {})",
                path.display(),
                d.message,
                m.line,
                m.col
            ))
            .at(*mark)
            .path(at.clone())
            .label("not a scenario")
            .note("the base's lines are not shown: it may not be a scenario file"),
        ),
        _ => Diagnostics::from(d),
    })?;
    if let Some((mark, _)) = &referrer
        && !matches!(root.kind, NodeKind::Map(_))
    {
        return Err(Diagnostics::from(
            Diagnostic::error(format!(
                "the base `{}` is not a scenario: expected a mapping of keys such as years, fund and programs; found {}",
                path.display(),
                match root.kind {
                    NodeKind::Null => "an empty file".to_string(),
                    NodeKind::Str(_) => "plain text".to_string(),
                    _ => root.describe(),
                }
            ))
            .at(*mark)
            .path(KeyPath::root().key("extends"))
            .label("not a scenario"),
        ));
    }
    let extends = take_extends(&mut root).map_err(Diagnostics::from)?;
    let result = match extends {
        None => (root, None),
        Some((base_name, mark)) => {
            let dir = if path.as_os_str() == "-" {
                Path::new(".")
            } else {
                path.parent().unwrap_or(Path::new("."))
            };
            let base_path = dir.join(&base_name);
            let referrer = (mark, KeyPath::root().key("extends"));
            check_base(&base_path, &base_name, ctx)
                .map_err(|d| Diagnostics::from(d.at(mark).path(referrer.1.clone())))?;
            let (base, _) = load_chain(&base_path, sources, chain, files, Some(referrer), ctx)?;
            let mut merged = base.clone();
            merge(&mut merged, root);
            (merged, Some(base))
        }
    };
    chain.pop();
    Ok(result)
}

/// Removes a top-level `extends` and returns the path it names.
fn take_extends(root: &mut Node) -> Result<Option<(String, Mark)>, Diagnostic> {
    let NodeKind::Map(entries) = &mut root.kind else {
        return Ok(None);
    };
    let Some(pos) = entries.iter().position(|e| e.key.text == "extends") else {
        return Ok(None);
    };
    let entry = entries.remove(pos);
    match entry.value.kind {
        NodeKind::Str(s) if !s.trim().is_empty() => Ok(Some((s, entry.value.mark))),
        _ => Err(Diagnostic::error(format!(
            "`extends` names the base scenario file, e.g. `extends: baseline.yaml`; found {}",
            entry.value.describe()
        ))
        .at(entry.value.mark)
        .path(KeyPath::root().key("extends"))
        .label("expected a file name")),
    }
}

pub(crate) fn item_id(n: &Node) -> Option<&str> {
    match &n.get("id")?.kind {
        NodeKind::Str(s) => Some(s),
        _ => None,
    }
}

/// Lists of things with an id: every item is a mapping with a text `id`.
fn all_have_ids(items: &[Node]) -> bool {
    !items.is_empty() && items.iter().all(|n| item_id(n).is_some())
}

/// Merges `over` into `base` (see the module rules).
pub fn merge(base: &mut Node, over: Node) {
    merge_at(&mut Vec::new(), base, over);
}

/// Where a node sits, for the schema: keys, and `*` for any list item.
type SchemaPath = Vec<String>;

/// The per-year series of the format (each one value when merged).
const FUND_SERIES: &[&str] = &[
    "revenue",
    "reference_rate",
    "premium_rate",
    "other_income",
    "curative_spending",
    "management_cost",
    "reserve_floor",
    "members",
    "reserve_floor_months",
];

/// Whether the key at `path` holds a per-year series (per region too).
pub fn is_series_path(path: &[String]) -> bool {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["fund", k] => FUND_SERIES.contains(k),
        ["sources", "*", k] => matches!(*k, "amount" | "revenue" | "share"),
        ["programs", "*", "unit_cost"]
        | ["programs", "*", "coverage", "min" | "max"]
        | ["programs", "*", "effects", "dalys_averted"]
        | ["resources", "*", "capacity"] => true,
        // A national population, or one region's population.
        ["programs", "*", "population"] | ["programs", "*", "population", _] => true,
        _ => false,
    }
}

/// A mapping of region ids (not a series: no year, `growth` or
/// `interpolate` key).
fn is_per_region(n: &Node) -> bool {
    match &n.kind {
        NodeKind::Map(entries) => {
            !entries.is_empty()
                && entries.iter().all(|e| {
                    !e.key.is_int
                        && e.key.text.parse::<i64>().is_err()
                        && !matches!(e.key.text.as_str(), "growth" | "interpolate")
                })
        }
        _ => false,
    }
}

fn merge_at(path: &mut SchemaPath, base: &mut Node, over: Node) {
    // A series replaces a series whole; a per-region population merges by
    // region, each region's series replaced whole.
    let series =
        is_series_path(path) && !(path.len() == 3 && is_per_region(base) && is_per_region(&over));
    match (&mut base.kind, over.kind) {
        (NodeKind::Map(b), NodeKind::Map(o)) if !series => {
            let mut index: std::collections::HashMap<String, usize> = b
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.text.clone(), i))
                .collect();
            let mut removed = std::collections::HashSet::new();
            for e in o {
                let is_null = matches!(e.value.kind, NodeKind::Null);
                match index.get(&e.key.text) {
                    Some(&i) if is_null => {
                        removed.insert(i);
                    }
                    Some(&i) => {
                        path.push(e.key.text.clone());
                        merge_at(path, &mut b[i].value, e.value);
                        path.pop();
                    }
                    None if is_null => {}
                    None => {
                        index.insert(e.key.text.clone(), b.len());
                        b.push(e);
                    }
                }
            }
            if !removed.is_empty() {
                let mut i = 0;
                b.retain(|_| {
                    i += 1;
                    !removed.contains(&(i - 1))
                });
            }
        }
        (NodeKind::Seq(b), NodeKind::Seq(o)) if all_have_ids(b) && all_have_ids(&o) => {
            let mut index: std::collections::HashMap<String, usize> = b
                .iter()
                .enumerate()
                .filter_map(|(i, n)| item_id(n).map(|id| (id.to_string(), i)))
                .collect();
            path.push("*".into());
            for item in o {
                let id = item_id(&item).unwrap_or_default().to_string();
                match index.get(&id) {
                    Some(&i) => merge_at(path, &mut b[i], item),
                    None => {
                        index.insert(id, b.len());
                        b.push(item);
                    }
                }
            }
            path.pop();
        }
        (_, kind) => {
            *base = Node {
                kind,
                mark: over.mark,
            }
        }
    }
}

/// One step of a `--set` path: a key, a list index or a list item by id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
    Id(String),
}

/// Parses `programs[diabetes].coverage.max` into steps. A key holding a
/// dot or a bracket is quoted: `regions["r.1"].name`, `'a.b'.c`.
pub(crate) fn parse_set_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut chars = path.chars().peekable();
    // Whether a key may start here (at the start, or after a dot).
    let mut expect_key = true;
    let quoted = |chars: &mut std::iter::Peekable<std::str::Chars>, q: char| {
        let mut out = String::new();
        loop {
            match chars.next() {
                Some(c) if c == q => return Ok(out),
                Some('\\') if q == '"' => match chars.next() {
                    Some(c) => out.push(c),
                    None => break,
                },
                Some(c) => out.push(c),
                None => break,
            }
        }
        Err(format!("`{path}`: a quote `{q}` is not closed"))
    };
    while let Some(&c) = chars.peek() {
        match c {
            '.' => {
                chars.next();
                if expect_key {
                    return Err(if steps.is_empty() {
                        format!("`{path}` starts with an empty key")
                    } else {
                        format!("`{path}` has an empty key (two dots?)")
                    });
                }
                expect_key = true;
            }
            '[' => {
                chars.next();
                if steps.is_empty() {
                    return Err(format!("`{path}` starts with an empty key"));
                }
                let inner = match chars.peek() {
                    Some(&q @ ('"' | '\'')) => {
                        chars.next();
                        let id = quoted(&mut chars, q)?;
                        if chars.next() != Some(']') {
                            return Err(format!("`{path}`: `[` without `]`"));
                        }
                        Step::Id(id)
                    }
                    _ => {
                        let mut inner = String::new();
                        loop {
                            match chars.next() {
                                Some(']') => break,
                                Some(c) => inner.push(c),
                                None => return Err(format!("`{path}`: `[` without `]`")),
                            }
                        }
                        if inner.is_empty() {
                            return Err(format!(
                                "`{path}`: empty brackets; write an index such as [0] or an id such as [diabetes]"
                            ));
                        }
                        match inner.parse::<usize>() {
                            Ok(i) => Step::Index(i),
                            Err(_) => Step::Id(inner),
                        }
                    }
                };
                steps.push(inner);
                expect_key = false;
                if let Some(&next) = chars.peek()
                    && next != '.'
                    && next != '['
                {
                    let rest: String = chars.collect();
                    return Err(format!("`{path}`: unexpected `{rest}` after `]`"));
                }
            }
            q @ ('"' | '\'') if expect_key => {
                chars.next();
                let key = quoted(&mut chars, q)?;
                if key.is_empty() {
                    return Err(format!("`{path}` has an empty key (`{q}{q}`)"));
                }
                steps.push(Step::Key(key));
                expect_key = false;
            }
            _ if expect_key => {
                let mut key = String::new();
                while let Some(&c) = chars.peek() {
                    if c == '.' || c == '[' {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                steps.push(Step::Key(key));
                expect_key = false;
            }
            _ => {
                let rest: String = chars.collect();
                return Err(format!("`{path}`: unexpected `{rest}` after a quoted key"));
            }
        }
    }
    if expect_key {
        return Err(if steps.is_empty() {
            format!("`{path}` is empty: expected a key path such as fund.premium_rate")
        } else {
            format!("`{path}` ends with a dot")
        });
    }
    Ok(steps)
}

/// The node at a `--set`-style path (`programs[diabetes].unit_cost`),
/// if there is one.
pub fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let steps = parse_set_path(path).ok()?;
    let mut node = root;
    for step in &steps {
        node = match (step, &node.kind) {
            (Step::Key(k), NodeKind::Map(_)) => node.get(k)?,
            (Step::Index(i), NodeKind::Seq(items)) => items.get(*i)?,
            (Step::Id(id), NodeKind::Seq(items)) => {
                items.iter().find(|n| item_id(n) == Some(id.as_str()))?
            }
            _ => return None,
        };
    }
    Some(node)
}

/// A key removed by a `--set PATH=null`, with where it was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub path: KeyPath,
    pub mark: Mark,
    /// The argument as written.
    pub arg: String,
}

/// Applies `--set PATH=VALUE` arguments to `root`, in order. Each argument
/// becomes a pseudo-file (`--set #1`) so that errors point into it.
pub fn apply_sets(
    root: &mut Node,
    sets: &[String],
    sources: &mut SourceMap,
) -> Result<(), Diagnostics> {
    apply_sets_tracked(root, sets, sources).map(|_| ())
}

/// [`apply_sets`], returning the keys removed by `null` so that a missing
/// required key can be blamed on the `--set` that removed it.
pub fn apply_sets_tracked(
    root: &mut Node,
    sets: &[String],
    sources: &mut SourceMap,
) -> Result<Vec<Removed>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut removed = Vec::new();
    if sets.len() > MAX_SETS {
        diags.push(Diagnostic::error(format!(
            "{} --set arguments is beyond the limit of {MAX_SETS}",
            sets.len()
        )));
        return Err(diags);
    }
    let first_year = root
        .get("years")
        .and_then(|y| y.get("from"))
        .and_then(|n| match n.kind {
            NodeKind::Int(i) => Some(i),
            _ => None,
        });
    for (i, arg) in sets.iter().enumerate() {
        let file = sources.add(format!("--set #{}", i + 1), arg.clone());
        let whole = Mark {
            file,
            line: 1,
            col: 1,
            offset: 0,
            len: arg.len(),
        };
        let Some((path, value_text)) = arg.split_once('=') else {
            diags.push(
                Diagnostic::error(format!(
                    "expected PATH=VALUE, e.g. fund.premium_rate.2027=0.051; found `{arg}`"
                ))
                .at(whole)
                .label("no `=`"),
            );
            continue;
        };
        let path_mark = Mark {
            len: path.len().max(1),
            ..whole
        };
        let steps = match parse_set_path(path.trim()) {
            Ok(s) => s,
            Err(e) => {
                diags.push(Diagnostic::error(e).at(path_mark).label("not a key path"));
                continue;
            }
        };
        if steps.first() == Some(&Step::Key("extends".into())) {
            diags.push(
                Diagnostic::error(
                    "`extends` cannot be set: the base is read from the file before --set applies; write `extends:` in a scenario file (a variant) instead",
                )
                .at(path_mark)
                .path(KeyPath::root().key("extends"))
                .label("not settable"),
            );
            continue;
        }
        let value_offset = path.len() + 1;
        if value_text.trim().is_empty() {
            let mark = Mark {
                file,
                line: 1,
                col: value_offset.min(arg.len()),
                offset: value_offset.saturating_sub(1),
                len: 1,
            };
            diags.push(
                Diagnostic::error(format!(
                    "`--set {arg}` gives no value: write one after `=`, e.g. `{}=0.051`, or `{}=null` to remove the key",
                    path.trim(),
                    path.trim()
                ))
                .at(mark)
                .label("no value after `=`"),
            );
            continue;
        }
        // Parse the value as YAML from the text after `=`.
        let mut value_sources = SourceMap::default();
        let vfile = value_sources.add("value", value_text.to_string());
        let mut value = match yaml::parse(&value_sources, vfile) {
            Ok(v) => v,
            Err(d) => {
                let mark = Mark {
                    file,
                    line: 1,
                    col: value_offset + 1,
                    offset: value_offset,
                    len: value_text.len().max(1),
                };
                diags.push(
                    Diagnostic::error(d.message)
                        .at(mark)
                        .label("this value is not valid YAML"),
                );
                continue;
            }
        };
        relocate(&mut value, file, value_offset);
        let mut at = KeyPath::root();
        let is_null = matches!(value.kind, NodeKind::Null);
        match set_at(root, &steps, value, first_year, path_mark, &mut at) {
            Ok(()) if is_null => removed.push(Removed {
                path: at,
                mark: path_mark,
                arg: arg.clone(),
            }),
            Ok(()) => {}
            Err(msg) => diags.push(
                Diagnostic::error(format!("cannot set `{}`: {msg}", path.trim()))
                    .at(path_mark)
                    .label("bad path"),
            ),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(removed)
    }
}

/// Moves marks of a value parsed on its own into the `--set` pseudo-file.
fn relocate(n: &mut Node, file: usize, offset: usize) {
    n.mark.file = file;
    n.mark.offset += offset;
    n.mark.col += offset;
    match &mut n.kind {
        NodeKind::Seq(items) => items.iter_mut().for_each(|c| relocate(c, file, offset)),
        NodeKind::Map(entries) => {
            for e in entries {
                e.key_mark.file = file;
                e.key_mark.offset += offset;
                e.key_mark.col += offset;
                relocate(&mut e.value, file, offset);
            }
        }
        _ => {}
    }
}

fn set_at(
    node: &mut Node,
    steps: &[Step],
    value: Node,
    first_year: Option<i64>,
    mark: Mark,
    at: &mut KeyPath,
) -> Result<(), String> {
    let Some((step, rest)) = steps.split_first() else {
        // `null` removes at the parent; a value at the root replaces it.
        merge(node, value);
        return Ok(());
    };
    match step {
        Step::Key(k) => {
            *at = at.key(k.clone());
            // A year set on a constant series turns it into {first year: c, year: v}.
            if let (NodeKind::Int(_) | NodeKind::Float(_), true) =
                (&node.kind, k.parse::<i32>().is_ok())
            {
                let y0 =
                    first_year.ok_or("the scenario has no `years.from` to anchor the series")?;
                let constant = node.clone();
                node.kind = NodeKind::Map(vec![Entry {
                    key: Key {
                        text: y0.to_string(),
                        is_int: true,
                    },
                    key_mark: constant.mark,
                    value: constant,
                }]);
            }
            let NodeKind::Map(entries) = &mut node.kind else {
                return Err(format!(
                    "`{k}` is looked up in {}, which has no keys",
                    node.describe()
                ));
            };
            let is_null = matches!(value.kind, NodeKind::Null);
            match entries.iter().position(|e| e.key.text == *k) {
                Some(i) if rest.is_empty() && is_null => {
                    entries.remove(i);
                    Ok(())
                }
                Some(i) if rest.is_empty() => {
                    // A whole new value replaces the old one (no deep merge for --set).
                    entries[i].value = value;
                    Ok(())
                }
                Some(i) => set_at(&mut entries[i].value, rest, value, first_year, mark, at),
                None if is_null && rest.is_empty() => Ok(()),
                None => {
                    let is_int = k.parse::<i64>().is_ok();
                    let mut child = Node {
                        kind: NodeKind::Map(Vec::new()),
                        mark,
                    };
                    if rest.is_empty() {
                        child = value;
                    } else {
                        set_at(&mut child, rest, value, first_year, mark, at)?;
                    }
                    entries.push(Entry {
                        key: Key {
                            text: k.clone(),
                            is_int,
                        },
                        key_mark: mark,
                        value: child,
                    });
                    if is_int {
                        // Keep year keys in order for readable resolved output.
                        sort_year_keys(entries);
                    }
                    Ok(())
                }
            }
        }
        Step::Index(i) => {
            let NodeKind::Seq(items) = &mut node.kind else {
                return Err(format!("[{i}] indexes {}, not a list", node.describe()));
            };
            let n = items.len();
            let item = items
                .get_mut(*i)
                .ok_or_else(|| format!("index [{i}] is past the end of a list of {n}"))?;
            *at = at.index(*i);
            if rest.is_empty() {
                Err("replacing a whole list item is not supported; set its keys".into())
            } else {
                set_at(item, rest, value, first_year, mark, at)
            }
        }
        Step::Id(id) => {
            let NodeKind::Seq(items) = &mut node.kind else {
                return Err(format!(
                    "[{id}] selects by id in {}, not a list",
                    node.describe()
                ));
            };
            let known: Vec<String> = items
                .iter()
                .filter_map(|n| item_id(n).map(str::to_string))
                .collect();
            match items
                .iter_mut()
                .enumerate()
                .find(|(_, n)| item_id(n) == Some(id.as_str()))
            {
                Some(_) if rest.is_empty() => Err(format!("set a key of `{id}`, e.g. [{id}].name")),
                Some((i, item)) => {
                    *at = at.index(i);
                    set_at(item, rest, value, first_year, mark, at)
                }
                None => Err(format!(
                    "no item with id `{id}`{}; ids here: {}",
                    super::resolve::suggest(id, known.iter()),
                    known.join(", ")
                )),
            }
        }
    }
}

fn sort_year_keys(entries: &mut [Entry]) {
    entries.sort_by_key(|e| (!e.key.is_int, e.key.text.parse::<i64>().unwrap_or(i64::MAX)));
}

/// One difference between two resolved scenarios.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// The key path, lists of things by id: `programs[diabetes].coverage.max`.
    pub path: String,
    /// The value before, as one-line YAML; `None` when added.
    pub before: Option<String>,
    /// The value after; `None` when removed.
    pub after: Option<String>,
}

/// A node as one line of flow YAML.
pub fn flow(n: &Node) -> String {
    match &n.kind {
        NodeKind::Null => "null".into(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::Float(x) => format_float(*x),
        NodeKind::Str(s) => {
            let plain = s
                .chars()
                .all(|c| c.is_alphanumeric() || " _-./()%'".contains(c))
                && yaml::reads_as_string(s);
            if plain { s.clone() } else { format!("{s:?}") }
        }
        NodeKind::Seq(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        NodeKind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}: {}", e.key.text, flow(&e.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn format_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        x.to_string()
    }
}

/// Key-by-key differences from `a` to `b`.
pub fn diff(a: &Node, b: &Node) -> Vec<Change> {
    let mut out = Vec::new();
    diff_at(&KeyPath::root(), a, b, &mut out);
    out
}

fn show(path: &KeyPath) -> String {
    path.to_string()
}

fn diff_at(path: &KeyPath, a: &Node, b: &Node, out: &mut Vec<Change>) {
    match (&a.kind, &b.kind) {
        (NodeKind::Map(ma), NodeKind::Map(mb)) => {
            for ea in ma {
                match mb.iter().find(|eb| eb.key.text == ea.key.text) {
                    Some(eb) => diff_at(&path.key(ea.key.text.clone()), &ea.value, &eb.value, out),
                    None => out.push(Change {
                        path: show(&path.key(ea.key.text.clone())),
                        before: Some(flow(&ea.value)),
                        after: None,
                    }),
                }
            }
            for eb in mb {
                if !ma.iter().any(|ea| ea.key.text == eb.key.text) {
                    out.push(Change {
                        path: show(&path.key(eb.key.text.clone())),
                        before: None,
                        after: Some(flow(&eb.value)),
                    });
                }
            }
        }
        (NodeKind::Seq(sa), NodeKind::Seq(sb))
            if (sa.is_empty() || all_have_ids(sa)) && (sb.is_empty() || all_have_ids(sb)) =>
        {
            let by_id = |id: &str| format!("{}[{id}]", show(path));
            for ia in sa {
                let id = item_id(ia).unwrap_or_default();
                match sb.iter().find(|ib| item_id(ib) == Some(id)) {
                    Some(ib) => {
                        let mut sub = Vec::new();
                        diff_at(&KeyPath::root(), ia, ib, &mut sub);
                        for c in sub {
                            out.push(Change {
                                path: format!("{}.{}", by_id(id), c.path),
                                ..c
                            });
                        }
                    }
                    None => out.push(Change {
                        path: by_id(id),
                        before: Some(flow(ia)),
                        after: None,
                    }),
                }
            }
            for ib in sb {
                let id = item_id(ib).unwrap_or_default();
                if !sa.iter().any(|ia| item_id(ia) == Some(id)) {
                    out.push(Change {
                        path: by_id(id),
                        before: None,
                        after: Some(flow(ib)),
                    });
                }
            }
        }
        _ => {
            if !same(a, b) {
                out.push(Change {
                    path: show(path),
                    before: Some(flow(a)),
                    after: Some(flow(b)),
                });
            }
        }
    }
}

/// Equal values, ignoring where they were written.
pub fn same(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Int(x), NodeKind::Float(y)) | (NodeKind::Float(y), NodeKind::Int(x)) => {
            (*x as f64) == *y
        }
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|e| {
                    y.iter()
                        .any(|f| f.key.text == e.key.text && same(&e.value, &f.value))
                })
        }
        (ka, kb) => ka == kb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> (Node, SourceMap) {
        let mut sm = SourceMap::default();
        let f = sm.add("t.yaml", text.to_string());
        (yaml::parse(&sm, f).unwrap(), sm)
    }

    #[test]
    fn maps_merge_deeply_lists_by_id_null_removes() {
        let (mut base, _) = tree(
            "a: {x: 1, y: 2}\nlist: [{id: p, v: 1, w: 5}, {id: q, v: 2}]\nplain: [1, 2]\ngone: 3\n",
        );
        let (over, _) =
            tree("a: {y: 3}\nlist: [{id: q, v: 9}, {id: r, v: 4}]\nplain: [7]\ngone: null\n");
        merge(&mut base, over);
        let (want, _) = tree(
            "a: {x: 1, y: 3}\nlist: [{id: p, v: 1, w: 5}, {id: q, v: 9}, {id: r, v: 4}]\nplain: [7]\n",
        );
        assert!(same(&base, &want), "{}", flow(&base));
    }

    #[test]
    fn set_paths_parse() {
        assert_eq!(
            parse_set_path("programs[diabetes].coverage.max").unwrap(),
            vec![
                Step::Key("programs".into()),
                Step::Id("diabetes".into()),
                Step::Key("coverage".into()),
                Step::Key("max".into())
            ]
        );
        assert_eq!(
            parse_set_path("regions[0].share").unwrap(),
            vec![
                Step::Key("regions".into()),
                Step::Index(0),
                Step::Key("share".into())
            ]
        );
        assert!(parse_set_path("a..b").is_err());
        assert!(parse_set_path("a[b").is_err());
    }

    #[test]
    fn a_year_set_on_a_constant_makes_a_series() {
        let (mut root, mut sm) =
            tree("years: {from: 2026, to: 2030}\nfund: {premium_rate: 0.045}\n");
        apply_sets(&mut root, &["fund.premium_rate.2027=0.051".into()], &mut sm).unwrap();
        assert_eq!(
            flow(root.get("fund").unwrap().get("premium_rate").unwrap()),
            "{2026: 0.045, 2027: 0.051}"
        );
    }

    #[test]
    fn set_by_id_and_bad_paths_are_located() {
        let (mut root, mut sm) = tree("programs: [{id: diabetes, coverage: {max: 0.6}}]\n");
        apply_sets(
            &mut root,
            &["programs[diabetes].coverage.max=0.8".into()],
            &mut sm,
        )
        .unwrap();
        let (want, _) = tree("programs: [{id: diabetes, coverage: {max: 0.8}}]\n");
        assert!(same(&root, &want));
        let err = apply_sets(
            &mut root,
            &["programs[diabets].coverage.max=0.8".into()],
            &mut sm,
        )
        .unwrap_err();
        let msg = &err.items[0].message;
        assert!(msg.contains("did you mean `diabetes`"), "{msg}");
        assert!(err.items[0].mark.is_some());
    }

    #[test]
    fn diffs_name_paths_by_id() {
        let (a, _) = tree("fund: {rate: 0.045}\nprograms: [{id: d, max: 0.6}]\n");
        let (b, _) = tree("fund: {rate: 0.051}\nprograms: [{id: d, max: 0.8}, {id: e, max: 1}]\n");
        let d = diff(&a, &b);
        let paths: Vec<&str> = d.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, vec!["fund.rate", "programs[d].max", "programs[e]"]);
        assert_eq!(d[0].before.as_deref(), Some("0.045"));
        assert_eq!(d[2].before, None);
    }
}
