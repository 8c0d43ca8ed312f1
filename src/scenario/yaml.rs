//! A YAML tree that remembers where every node came from.
//!
//! serde_yaml gives values but not positions, so the scenario is parsed once
//! with yaml-rust2's event parser into [`Node`]s carrying a [`Mark`] (file,
//! line, column, byte span). Everything later — `extends` merging, `--set`
//! overrides, serde deserialisation through [`Node::to_value`], error
//! messages — works on this one tree, so a key path such as
//! `programs[2].coverage.max` can always be turned back into a place in a file.
//!
//! The parser also enforces the limits that keep hostile input cheap:
//! nesting depth, node count (which bounds alias expansion, the "billion
//! laughs" attack) and duplicate keys in any mapping.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::diag::{Diagnostic, SourceMap};

/// Deepest nesting accepted (a scenario needs about 6 levels).
pub const MAX_DEPTH: usize = 64;
/// Most nodes a scenario may expand to, aliases included.
pub const MAX_NODES: usize = 2_000_000;

/// Where a node or key starts and how many bytes it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub file: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Byte offset in the file.
    pub offset: usize,
    /// Length in bytes of the text to underline (at least 1 where the file has text).
    pub len: usize,
}

/// A scalar used as a mapping key. Integer keys (years) keep their kind so
/// that they round-trip as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub is_int: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Key,
    pub key_mark: Mark,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub mark: Mark,
}

/// One step of a key path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A key path such as `programs[2].coverage.max`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    pub fn root() -> Self {
        KeyPath(Vec::new())
    }
    pub fn key(&self, k: impl Into<String>) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.into()));
        KeyPath(v)
    }
    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        KeyPath(v)
    }
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
    /// Builds a path from serde_path_to_error's path, below `prefix`.
    pub fn from_serde(prefix: &KeyPath, path: &serde_path_to_error::Path) -> Self {
        let mut out = prefix.clone();
        for seg in path.iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => out.0.push(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => out.0.push(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        out
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return write!(f, "(top level)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{}", show_key(k))?,
                Seg::Key(k) => write!(f, ".{}", show_key(k))?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl Node {
    pub fn new(kind: NodeKind, mark: Mark) -> Self {
        Node { kind, mark }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|e| e.key.text == key)
            .map(|e| &e.value)
    }

    /// Follows `path` as far as it goes. Returns the deepest node reached,
    /// the mark of the last key matched (if the last step was a key) and
    /// whether the whole path was found.
    pub fn locate(&self, path: &KeyPath) -> Located<'_> {
        let mut node = self;
        let mut key_mark = None;
        for seg in &path.0 {
            let next = match (seg, &node.kind) {
                (Seg::Key(k), NodeKind::Map(entries)) => entries
                    .iter()
                    .find(|e| &e.key.text == k)
                    .map(|e| (&e.value, Some(e.key_mark))),
                (Seg::Index(i), NodeKind::Seq(items)) => items.get(*i).map(|n| (n, None)),
                _ => None,
            };
            match next {
                Some((n, km)) => {
                    node = n;
                    key_mark = km;
                }
                None => {
                    return Located {
                        node,
                        key_mark,
                        complete: false,
                    };
                }
            }
        }
        Located {
            node,
            key_mark,
            complete: true,
        }
    }

    /// Converts to a serde_yaml value for typed deserialisation.
    pub fn to_value(&self) -> serde_yaml::Value {
        use serde_yaml::Value;
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Int(i) => Value::Number((*i).into()),
            NodeKind::Float(x) => Value::Number((*x).into()),
            NodeKind::Str(s) => Value::String(s.clone()),
            NodeKind::Seq(items) => Value::Sequence(items.iter().map(Node::to_value).collect()),
            NodeKind::Map(entries) => {
                let mut m = serde_yaml::Mapping::with_capacity(entries.len());
                for e in entries {
                    let k = match e
                        .key
                        .is_int
                        .then(|| e.key.text.parse::<i64>().ok())
                        .flatten()
                    {
                        Some(i) => Value::Number(i.into()),
                        None => Value::String(e.key.text.clone()),
                    };
                    m.insert(k, e.value.to_value());
                }
                Value::Mapping(m)
            }
        }
    }

    /// A short description of the node's type, for "found …" in messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Null => "nothing (null)".into(),
            NodeKind::Bool(b) => format!("the boolean {b}"),
            NodeKind::Int(i) => format!("the number {i}"),
            NodeKind::Float(x) => format!("the number {x}"),
            NodeKind::Str(s) => format!("the text {:?}", clip(s)),
            NodeKind::Seq(_) => "a list".into(),
            NodeKind::Map(_) => "a mapping".into(),
        }
    }

    fn count(&self) -> usize {
        match &self.kind {
            NodeKind::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            NodeKind::Map(entries) => {
                1 + entries.iter().map(|e| 1 + e.value.count()).sum::<usize>()
            }
            _ => 1,
        }
    }
}

pub struct Located<'a> {
    pub node: &'a Node,
    pub key_mark: Option<Mark>,
    pub complete: bool,
}

/// Parses one YAML document into a located tree.
pub fn parse(sources: &SourceMap, file: usize) -> Result<Node, Diagnostic> {
    let text = sources.text(file);
    if let Some(d) = forbidden_characters(sources, file) {
        return Err(d);
    }
    if let Some(d) = tab_indentation(sources, file) {
        return Err(d);
    }
    let mut builder = Builder::new(sources, file);
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, marker) = match parser.next_token() {
            Ok(ev) => ev,
            Err(err) => {
                let mark = builder.mark_at(err.marker(), 1);
                return Err(Diagnostic::error(format!("this is not valid YAML: {}", err.info()))
                    .at(mark)
                    .label("the YAML parser stopped here")
                    .note("check indentation (spaces only, no tabs), colons after keys and matching quotes and brackets"));
            }
        };
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart if builder.documents > 0 => {
                return Err(Diagnostic::error(
                    "a scenario file holds one YAML document; found a second one",
                )
                .at(builder.mark_at(&marker, 3))
                .label("second document starts here"));
            }
            Event::DocumentStart => builder.documents += 1,
            other => builder.event(other, &marker)?,
        }
    }
    match builder.root {
        Some(root) => Ok(root),
        None => Ok(Node::new(
            NodeKind::Null,
            Mark {
                file,
                line: 1,
                col: 1,
                offset: 0,
                len: 0,
            },
        )),
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        mark: Mark,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        /// The keys seen, to find a duplicate in constant time.
        keys: HashSet<String>,
        pending_key: Option<(Key, Mark)>,
        mark: Mark,
        anchor: usize,
    },
}

struct Builder<'a> {
    sources: &'a SourceMap,
    file: usize,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    root: Option<Node>,
    documents: usize,
    /// The last position converted (line, column, byte offset): columns
    /// are counted on from it, so a long line costs its length once, not
    /// once per node on it.
    cursor: Cell<(usize, usize, usize)>,
}

impl<'a> Builder<'a> {
    fn new(sources: &'a SourceMap, file: usize) -> Self {
        Builder {
            sources,
            file,
            stack: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            root: None,
            documents: 0,
            cursor: Cell::new((0, 0, 0)),
        }
    }

    fn mark_at(&self, m: &Marker, len: usize) -> Mark {
        let text = self.sources.text(self.file);
        let line = m.line().max(1);
        let line_start = self.sources.line_start(self.file, line);
        let line_end = self.sources.line_end(self.file, line);
        // yaml-rust2 columns are 0-based characters: count on from the last
        // position on the same line when possible.
        let (c_line, c_col, c_off) = self.cursor.get();
        let (mut col, mut offset) = if c_line == line && c_col <= m.col() {
            (c_col, c_off)
        } else {
            (0, line_start)
        };
        let mut chars = text[offset..line_end].char_indices();
        while col < m.col() && chars.next().is_some() {
            col += 1;
        }
        offset += chars.offset();
        self.cursor.set((line, col, offset));
        let rest = &text[offset..line_end];
        Mark {
            file: self.file,
            line,
            col: m.col() + 1,
            offset,
            len: len.min(rest.len()),
        }
    }

    /// The key path of the node being read (for errors met while parsing).
    fn current_path(&self) -> KeyPath {
        let mut path = KeyPath::root();
        for frame in &self.stack {
            match frame {
                Frame::Seq { items, .. } => path = path.index(items.len()),
                Frame::Map { pending_key, .. } => {
                    if let Some((k, _)) = pending_key {
                        path = path.key(k.text.clone());
                    }
                }
            }
        }
        path
    }

    /// The span of a scalar: the token on its line (quotes included).
    fn scalar_mark(&self, m: &Marker, value: &str, style: TScalarStyle) -> Mark {
        let mut mark = self.mark_at(m, 0);
        let text = self.sources.text(self.file);
        let rest = &text[mark.offset..self.sources.line_end(self.file, mark.line)];
        mark.len = match style {
            TScalarStyle::Plain if !value.is_empty() => value.len().min(rest.len()),
            _ => scalar_token_len(rest),
        };
        mark
    }

    fn count_nodes(&mut self, n: usize, mark: Mark) -> Result<(), Diagnostic> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(Diagnostic::error(format!(
                "the scenario expands to more than {MAX_NODES} YAML nodes (the limit); aliases that repeat each other multiply the size"
            ))
            .at(mark)
            .label("the limit was crossed here"));
        }
        Ok(())
    }

    fn event(&mut self, event: Event, marker: &Marker) -> Result<(), Diagnostic> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let mark = self.scalar_mark(marker, &value, style);
                self.count_nodes(1, mark)?;
                let kind =
                    resolve_scalar(&value, style, tag.as_ref()).map_err(|(msg, label)| {
                        Diagnostic::error(msg)
                            .at(mark)
                            .path(self.current_path())
                            .label(label)
                    })?;
                self.push(Node::new(kind, mark), anchor)
            }
            Event::Alias(id) => {
                let mark = self.mark_at(marker, 1);
                // The size is counted before the copy is made: an alias
                // bomb stops at the limit without building the last copy.
                let size = match self.anchors.get(&id) {
                    Some((_, size)) => *size,
                    None => {
                        return Err(Diagnostic::error(
                            "this alias refers to an anchor that is not defined before it",
                        )
                        .at(mark)
                        .path(self.current_path())
                        .label("unknown alias"));
                    }
                };
                self.count_nodes(size, mark)?;
                let node = self.anchors[&id].0.clone_with_mark(mark);
                self.push(node, 0)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                let mark = self.mark_at(marker, 1);
                if let Some(tag) = tag {
                    return Err(Diagnostic::error(format!(
                        "the YAML tag `{}` is not supported in scenarios; write the list or mapping without it",
                        tag_name(tag)
                    ))
                    .at(mark)
                    .path(self.current_path())
                    .label("remove the tag"));
                }
                if self.stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(format!(
                        "the YAML is nested more than {MAX_DEPTH} levels deep (the limit); a scenario needs about 6"
                    ))
                    .at(mark)
                    .label("too deep"));
                }
                self.count_nodes(1, mark)?;
                if matches!(event, Event::SequenceStart(..)) {
                    self.stack.push(Frame::Seq {
                        items: Vec::new(),
                        mark,
                        anchor,
                    });
                } else {
                    self.stack.push(Frame::Map {
                        entries: Vec::new(),
                        keys: HashSet::new(),
                        pending_key: None,
                        mark,
                        anchor,
                    });
                }
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // yaml-rust2 marks a block mapping at the colon of its first
                // key; start it where its first key starts instead.
                let earliest = |mark: Mark, first: Option<Mark>| match first {
                    Some(f) if f.offset < mark.offset => f,
                    _ => mark,
                };
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        items,
                        mark,
                        anchor,
                    }) => {
                        let m = earliest(mark, items.first().map(|n| n.mark));
                        (Node::new(NodeKind::Seq(items), m), anchor)
                    }
                    Some(Frame::Map {
                        entries,
                        mark,
                        anchor,
                        ..
                    }) => {
                        let m = earliest(mark, entries.first().map(|e| e.key_mark));
                        (Node::new(NodeKind::Map(entries), m), anchor)
                    }
                    None => return Ok(()),
                };
                self.push(node, anchor)
            }
            _ => Ok(()),
        }
    }

    fn push(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        if anchor > 0 {
            let size = node.count();
            self.anchors.insert(anchor, (node.clone(), size));
        }
        let path = self.current_path();
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                entries,
                keys,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => {
                    let key = match &node.kind {
                        NodeKind::Str(s) => Key {
                            text: s.clone(),
                            is_int: false,
                        },
                        NodeKind::Int(i) => Key {
                            text: i.to_string(),
                            is_int: true,
                        },
                        NodeKind::Bool(b) => Key {
                            text: b.to_string(),
                            is_int: false,
                        },
                        NodeKind::Float(x) => Key {
                            text: x.to_string(),
                            is_int: false,
                        },
                        NodeKind::Null => Key {
                            text: "null".into(),
                            is_int: false,
                        },
                        NodeKind::Seq(_) | NodeKind::Map(_) => {
                            return Err(Diagnostic::error("a mapping key must be a plain word or number, not a list or mapping")
                                .at(node.mark)
                                .path(path)
                                .label("complex key"));
                        }
                    };
                    if !keys.insert(key.text.clone())
                        && let Some(first) = entries.iter().find(|e| e.key.text == key.text)
                    {
                        return Err(Diagnostic::error(format!("duplicate key `{}` in the same mapping", show_key(&key.text)))
                            .at(node.mark)
                            .path(path.key(key.text.clone()))
                            .label("second occurrence")
                            .note(format!(
                                "first defined at line {}, column {}; YAML keeps only one of them, so hifplan refuses to guess",
                                first.key_mark.line, first.key_mark.col
                            )));
                    }
                    *pending_key = Some((key, node.mark));
                    Ok(())
                }
                Some((key, key_mark)) => {
                    entries.push(Entry {
                        key,
                        key_mark,
                        value: node,
                    });
                    Ok(())
                }
            },
        }
    }
}

impl Node {
    /// A copy placed at `mark` (aliases report errors where they are used).
    fn clone_with_mark(&self, mark: Mark) -> Node {
        let mut n = self.clone();
        n.mark = mark;
        n
    }
}

/// Most characters of a text quoted in a message.
const MAX_QUOTED: usize = 60;

/// A text cut to a length fit for a message, saying how long it was.
pub fn clip(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_QUOTED {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX_QUOTED).collect();
    format!("{head}… ({n} characters)")
}

/// A key as it may be shown in a message: invisible and control
/// characters escaped, so that `\u{feff}name` never reads as `name`.
pub fn show_key(key: &str) -> String {
    if key.chars().all(|c| !c.is_control() && !invisible(c)) {
        return key.to_string();
    }
    key.chars()
        .map(|c| {
            if c.is_control() || invisible(c) {
                format!("\\u{{{:04x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Characters that show as nothing (byte-order mark, zero-width space…).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{00ad}'
    )
}

/// Characters YAML forbids in a stream (NUL and other controls) and a
/// byte-order mark past the start of the file: refused with their place,
/// without echoing the line (a file holding them may be binary).
fn forbidden_characters(sources: &SourceMap, file: usize) -> Option<Diagnostic> {
    let text = sources.text(file);
    let (offset, c) = text.char_indices().find(|&(i, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || (c == '\u{feff}' && i > 0)
    })?;
    let (line, col) = super::diag::line_col(text, offset);
    let name = sources.name(file);
    let message = match c {
        '\0' => format!(
            "a NUL byte at line {line}, column {col}: a scenario is text and YAML allows no NUL; the file is binary or damaged"
        ),
        '\u{feff}' => format!(
            "a byte-order mark (U+FEFF, invisible) at line {line}, column {col}: only the very start of a file may hold one; it would become part of a key or value here, so remove it"
        ),
        c => format!(
            "a control character (U+{:04X}) at line {line}, column {col}: YAML allows no control characters but tab and line breaks; remove it",
            u32::from(c)
        ),
    };
    Some(Diagnostic::error(message).file(format!("{name}:{line}:{col}")))
}

/// YAML forbids tabs in indentation and its parser reports them far from
/// where they are; find the first one ourselves.
fn tab_indentation(sources: &SourceMap, file: usize) -> Option<Diagnostic> {
    let text = sources.text(file);
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let rest = &line[indent.len()..];
        if let Some(col) = indent.find('\t')
            && !rest.is_empty()
            && !rest.starts_with('#')
        {
            let mark = Mark {
                file,
                line: i + 1,
                col: col + 1,
                offset: offset + col,
                len: 1,
            };
            return Some(
                Diagnostic::error("a tab is used for indentation; YAML indents with spaces only")
                    .at(mark)
                    .label("tab here"),
            );
        }
        offset += line.len() + 1;
    }
    None
}

/// Byte length of the first token of `rest`: a quoted string up to its
/// closing quote, else up to a comment or the end of the line.
fn scalar_token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, q @ ('"' | '\''))) => {
            let mut escaped = false;
            for (i, c) in chars {
                if c == q && !escaped {
                    return i + 1;
                }
                escaped = q == '"' && c == '\\' && !escaped;
            }
            rest.len()
        }
        Some(_) => {
            // Only an underline: a long line is not scanned to its end.
            let mut cap = rest.len().min(1000);
            while !rest.is_char_boundary(cap) {
                cap -= 1;
            }
            let head = &rest[..cap];
            let end = head.find(" #").unwrap_or(head.len());
            head[..end].trim_end().len().max(1)
        }
        None => 0,
    }
}

/// A tag as written: the standard `tag:yaml.org,2002:` prefix shown as `!!`.
fn tag_name(tag: &Tag) -> String {
    let handle = if tag.handle == "tag:yaml.org,2002:" {
        "!!"
    } else {
        tag.handle.as_str()
    };
    format!("{handle}{}", tag.suffix)
}

/// YAML 1.2 core-schema resolution of a scalar. Quoted scalars are strings.
/// Underscores in numbers (`145_504`) are accepted as digit separators.
/// The core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`) are
/// accepted when the value is of that type; any other tag is refused.
/// Errors are (message, label).
fn resolve_scalar(
    value: &str,
    style: TScalarStyle,
    tag: Option<&Tag>,
) -> Result<NodeKind, (String, String)> {
    if let Some(tag) = tag {
        let name = tag_name(tag);
        let plain = resolve_plain(value);
        let ok = match name.as_str() {
            "!!str" => return Ok(NodeKind::Str(value.to_string())),
            "!!int" => matches!(plain, NodeKind::Int(_)),
            "!!float" => matches!(plain, NodeKind::Int(_) | NodeKind::Float(_)),
            "!!bool" => matches!(plain, NodeKind::Bool(_)),
            "!!null" => matches!(plain, NodeKind::Null),
            _ => {
                return Err((
                    format!(
                        "the YAML tag `{name}` is not supported in scenarios; write the value without it (numbers plain, e.g. 1000, texts in quotes)"
                    ),
                    "unsupported tag".into(),
                ));
            }
        };
        if !ok {
            let kind = match name.as_str() {
                "!!int" => "a whole number",
                "!!float" => "a number",
                "!!bool" => "true or false",
                _ => "null",
            };
            return Err((
                format!("`{name}` marks {kind}, but the value is `{value}`"),
                format!("not {kind}"),
            ));
        }
        return Ok(match (name.as_str(), plain) {
            ("!!float", NodeKind::Int(i)) => NodeKind::Float(i as f64),
            (_, k) => k,
        });
    }
    if style != TScalarStyle::Plain {
        return Ok(NodeKind::Str(value.to_string()));
    }
    Ok(resolve_plain(value))
}

/// True when `s`, written plain, reads back as the same string.
pub fn reads_as_string(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && matches!(resolve_plain(s), NodeKind::Str(_))
}

fn resolve_plain(v: &str) -> NodeKind {
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return NodeKind::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return NodeKind::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return NodeKind::Float(f64::NAN),
        _ => {}
    }
    let starts_numeric = v
        .trim_start_matches(['-', '+'])
        .starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if !starts_numeric || v.starts_with('_') || v.ends_with('_') || v.contains("__") {
        return NodeKind::Str(v.to_string());
    }
    let digits: String = v.chars().filter(|&c| c != '_').collect();
    if let Some(hex) = digits.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return NodeKind::Int(i);
    }
    if let Some(oct) = digits.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return NodeKind::Int(i);
    }
    let body = digits.trim_start_matches(['-', '+']);
    if !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit())
        && let Ok(i) = digits.parse::<i64>()
    {
        return NodeKind::Int(i);
    }
    let float_shaped = body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && body.bytes().any(|b| b.is_ascii_digit());
    if float_shaped && let Ok(x) = digits.parse::<f64>() {
        return NodeKind::Float(x);
    }
    NodeKind::Str(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        let mut sources = SourceMap::default();
        let id = sources.add("test.yaml", text.to_string());
        parse(&sources, id)
    }

    #[test]
    fn scalars_resolve_like_yaml_core_schema() {
        assert_eq!(resolve_plain("2026"), NodeKind::Int(2026));
        assert_eq!(resolve_plain("145_504"), NodeKind::Int(145504));
        assert_eq!(resolve_plain("0.045"), NodeKind::Float(0.045));
        assert_eq!(resolve_plain("1e9"), NodeKind::Float(1e9));
        assert_eq!(resolve_plain("-3"), NodeKind::Int(-3));
        assert_eq!(resolve_plain("~"), NodeKind::Null);
        assert_eq!(resolve_plain("true"), NodeKind::Bool(true));
        assert_eq!(resolve_plain("yes"), NodeKind::Str("yes".into()));
        assert_eq!(resolve_plain("1,000"), NodeKind::Str("1,000".into()));
        assert_eq!(
            resolve_plain("2026-01-01"),
            NodeKind::Str("2026-01-01".into())
        );
        assert!(matches!(resolve_plain(".nan"), NodeKind::Float(x) if x.is_nan()));
    }

    #[test]
    fn marks_point_at_values_and_keys() {
        let node =
            parse_str("fund:\n  opening_reserve: 57300\n  revenue: {2026: 1, growth: 0.05}\n")
                .unwrap();
        let loc = node.locate(&KeyPath::root().key("fund").key("opening_reserve"));
        assert!(loc.complete);
        assert_eq!(
            (loc.node.mark.line, loc.node.mark.col, loc.node.mark.len),
            (2, 20, 5)
        );
        assert_eq!(loc.key_mark.map(|m| (m.line, m.col)), Some((2, 3)));
        let g = node.locate(&KeyPath::root().key("fund").key("revenue").key("growth"));
        assert!(g.complete);
        assert_eq!((g.node.mark.line, g.node.mark.col), (3, 30));
    }

    #[test]
    fn duplicate_keys_are_refused_at_any_depth() {
        let err = parse_str("a:\n  b: 1\n  c: 2\n  b: 3\n").unwrap_err();
        assert!(err.message.contains("duplicate key `b`"), "{}", err.message);
        assert_eq!(err.mark.map(|m| m.line), Some(4));
    }

    #[test]
    fn alias_bombs_hit_the_node_limit() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            text.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = name;
        }
        let err = parse_str(&text).unwrap_err();
        assert!(err.message.contains("more than"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let err = parse_str(&text).unwrap_err();
        assert!(err.message.contains("nested more than"), "{}", err.message);
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let err = parse_str("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.mark.is_some());
        assert!(err.message.starts_with("this is not valid YAML"));
    }

    #[test]
    fn paths_display_like_the_docs() {
        let p = KeyPath::root()
            .key("programs")
            .index(2)
            .key("coverage")
            .key("max");
        assert_eq!(p.to_string(), "programs[2].coverage.max");
    }
}
