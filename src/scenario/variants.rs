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

/// Reads `path` and, recursively, the files it extends; merges them.
pub fn load_tree(path: &Path, sources: &mut SourceMap) -> Result<Tree, Diagnostics> {
    let mut chain = Vec::new();
    let mut files = Vec::new();
    let (root, base) = load_chain(path, sources, &mut chain, &mut files, None)?;
    Ok(Tree { root, base, files })
}

/// Loads `path` and its bases: the merged tree and the base's tree.
fn load_chain(
    path: &Path,
    sources: &mut SourceMap,
    chain: &mut Vec<PathBuf>,
    files: &mut Vec<PathBuf>,
    referrer: Option<(Mark, KeyPath)>,
) -> Result<(Node, Option<Node>), Diagnostics> {
    let locate = |d: Diagnostic| match &referrer {
        Some((mark, path)) => d.at(*mark).path(path.clone()),
        None => d,
    };
    let text = super::read_text(path).map_err(|d| Diagnostics::from(locate(d)))?;
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
    let file = sources.add(path.display().to_string(), text);
    let mut root = yaml::parse(sources, file).map_err(Diagnostics::from)?;
    let extends = take_extends(&mut root).map_err(Diagnostics::from)?;
    let result = match extends {
        None => (root, None),
        Some((base_name, mark)) => {
            let base_path = path.parent().unwrap_or(Path::new(".")).join(&base_name);
            let (base, _) = load_chain(
                &base_path,
                sources,
                chain,
                files,
                Some((mark, KeyPath::root().key("extends"))),
            )?;
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
    match (&mut base.kind, over.kind) {
        (NodeKind::Map(b), NodeKind::Map(o)) => {
            for e in o {
                let existing = b.iter().position(|x| x.key.text == e.key.text);
                match (existing, matches!(e.value.kind, NodeKind::Null)) {
                    (Some(i), true) => {
                        b.remove(i);
                    }
                    (None, true) => {}
                    (Some(i), false) => merge(&mut b[i].value, e.value),
                    (None, false) => b.push(e),
                }
            }
        }
        (NodeKind::Seq(b), NodeKind::Seq(o)) if all_have_ids(b) && all_have_ids(&o) => {
            for item in o {
                let id = item_id(&item).unwrap_or_default().to_string();
                match b.iter().position(|x| item_id(x) == Some(id.as_str())) {
                    Some(i) => merge(&mut b[i], item),
                    None => b.push(item),
                }
            }
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

/// Parses `programs[diabetes].coverage.max` into steps.
pub(crate) fn parse_set_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() && steps.is_empty() {
            return Err(format!("`{path}` starts with an empty key"));
        }
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        } else if rest.is_empty() {
            return Err(format!("`{path}` has an empty key (two dots?)"));
        }
        while !rest.is_empty() {
            let close = rest
                .find(']')
                .ok_or_else(|| format!("`{path}`: `[` without `]`"))?;
            let inner = &rest[1..close];
            if inner.is_empty() {
                return Err(format!(
                    "`{path}`: empty brackets; write an index such as [0] or an id such as [diabetes]"
                ));
            }
            steps.push(match inner.parse::<usize>() {
                Ok(i) => Step::Index(i),
                Err(_) => Step::Id(inner.to_string()),
            });
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return Err(format!("`{path}`: unexpected `{rest}` after `]`"));
            }
        }
    }
    Ok(steps)
}

/// Applies `--set PATH=VALUE` arguments to `root`, in order. Each argument
/// becomes a pseudo-file (`--set #1`) so that errors point into it.
pub fn apply_sets(
    root: &mut Node,
    sets: &[String],
    sources: &mut SourceMap,
) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::default();
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
        // Parse the value as YAML from the text after `=`.
        let value_offset = path.len() + 1;
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
        if let Err(msg) = set_at(root, &steps, value, first_year, path_mark) {
            diags.push(
                Diagnostic::error(format!("cannot set `{}`: {msg}", path.trim()))
                    .at(path_mark)
                    .label("bad path"),
            );
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(())
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
) -> Result<(), String> {
    let Some((step, rest)) = steps.split_first() else {
        // `null` removes at the parent; a value at the root replaces it.
        merge(node, value);
        return Ok(());
    };
    match step {
        Step::Key(k) => {
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
                Some(i) => set_at(&mut entries[i].value, rest, value, first_year, mark),
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
                        set_at(&mut child, rest, value, first_year, mark)?;
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
            if rest.is_empty() {
                Err("replacing a whole list item is not supported; set its keys".into())
            } else {
                set_at(item, rest, value, first_year, mark)
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
            match items.iter_mut().find(|n| item_id(n) == Some(id.as_str())) {
                Some(_) if rest.is_empty() => Err(format!("set a key of `{id}`, e.g. [{id}].name")),
                Some(item) => set_at(item, rest, value, first_year, mark),
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
