//! Diagnostics about input: what is wrong, where (file, line, column, key
//! path) and what was expected, rendered with a snippet of the offending line.

use std::fmt::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;

use super::yaml::{KeyPath, Mark, Node};

/// The texts of every file read for one scenario (the file itself, its
/// `extends` bases, and the `--set` arguments, each as a pseudo-file).
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

/// 1-based line and column (in characters) of byte `offset` in `text`,
/// with LF, CRLF and a lone CR each ending a line.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let mut line = 1;
    let mut start = 0;
    for (i, &b) in before.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
            start = i + 1;
        }
    }
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// A lone CR (old Mac line ends) made an LF, byte for byte, so that lines
/// are counted as the YAML parser counts them.
fn normalise_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only an ASCII byte was replaced by another: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

impl SourceMap {
    pub fn add(&mut self, name: impl Into<String>, text: String) -> usize {
        let text = normalise_line_ends(text);
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        self.files.push(SourceFile {
            name: name.into(),
            text,
            line_starts,
        });
        self.files.len() - 1
    }
    pub fn text(&self, file: usize) -> &str {
        &self.files[file].text
    }
    pub fn name(&self, file: usize) -> &str {
        &self.files[file].name
    }
    /// Byte offset where 1-based `line` starts (clamped to the text).
    pub fn line_start(&self, file: usize, line: usize) -> usize {
        let f = &self.files[file];
        f.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(f.text.len())
    }
    /// Byte offset where 1-based `line` ends (before its newline).
    pub fn line_end(&self, file: usize, line: usize) -> usize {
        let f = &self.files[file];
        let end = f
            .line_starts
            .get(line)
            .map(|&s| s - 1)
            .unwrap_or(f.text.len());
        let start = self.line_start(file, line);
        let end = end.max(start);
        // Strip a CR of CRLF endings so snippets stay clean.
        if end > start && f.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }
}

impl<'a> Files<'a> for SourceMap {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(FilesError::FileMissing)
    }
    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(FilesError::FileMissing)
    }
    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let f = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(f.line_starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }
    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self.files.get(id).ok_or(FilesError::FileMissing)?;
        let start = *f
            .line_starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: f.line_starts.len() - 1,
            })?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(f.text.len());
        Ok(start..end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong and what was expected, in a sentence.
    pub message: String,
    /// The key path of the offending value, when there is one.
    pub path: Option<KeyPath>,
    /// Where it is; `None` for problems with no place in a file.
    pub mark: Option<Mark>,
    /// The file concerned when there is no mark (unreadable file, …).
    pub file: Option<String>,
    /// A short text shown under the underlined snippet.
    pub label: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            path: None,
            mark: None,
            file: None,
            label: None,
            notes: Vec::new(),
        }
    }
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }
    pub fn at(mut self, mark: Mark) -> Self {
        self.mark = Some(mark);
        self
    }
    pub fn path(mut self, path: KeyPath) -> Self {
        self.path = Some(path);
        self
    }
    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Locates the diagnostic at `path` in `root`: on the value when the path
    /// exists, else on the deepest enclosing node found. `on_key` points at
    /// the key instead (for unknown or misplaced keys).
    pub fn located(mut self, root: &Node, path: KeyPath, on_key: bool) -> Self {
        let loc = root.locate(&path);
        self.mark = Some(match (on_key, loc.key_mark) {
            (true, Some(k)) if loc.complete => k,
            _ if !loc.complete => loc.key_mark.unwrap_or(loc.node.mark),
            _ => loc.node.mark,
        });
        self.path = Some(path);
        self
    }

    /// Renders as text: a header, `--> file:line:col`, the line with the
    /// offending text underlined, then notes.
    pub fn render(&self, sources: &SourceMap) -> String {
        let header = match &self.path {
            Some(p) if !p.is_root() => format!("{p}: {}", self.message),
            _ => self.message.clone(),
        };
        let mut d = match self.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        }
        .with_message(header);
        let mut prefix_note = None;
        match (self.mark, &self.file) {
            (Some(m), _) => {
                let range = m.offset..(m.offset + m.len);
                let mut label = cs::Label::primary(m.file, range);
                if let Some(text) = &self.label {
                    label = label.with_message(text);
                }
                d = d.with_labels(vec![label]);
            }
            (None, Some(f)) => prefix_note = Some(format!("  --> {f}")),
            (None, None) => {}
        }
        d = d.with_notes(self.notes.clone());
        if let Some(m) = self.mark {
            let line_len = sources.line_end(m.file, m.line) - sources.line_start(m.file, m.line);
            if line_len > MAX_SNIPPET_LINE {
                return self.render_long_line(sources, m, &d.message);
            }
        }
        let config = term::Config {
            chars: term::Chars::ascii(),
            ..term::Config::default()
        };
        // Rendering only fails on a bad span; fall back to plain text.
        let mut out = term::emit_into_string(&config, sources, &d)
            .unwrap_or_else(|_| format!("error: {}\n", d.message));
        if let Some(p) = prefix_note {
            // Insert the file line right after the header.
            let mut lines: Vec<&str> = out.lines().collect();
            lines.insert(1.min(lines.len()), &p);
            let mut joined = lines.join("\n");
            joined.push('\n');
            out = joined;
        }
        out
    }
}

impl Diagnostic {
    /// Renders a diagnostic on a line too long to print whole (a minified
    /// file): the same layout, with a window of the line around the mark.
    fn render_long_line(&self, sources: &SourceMap, m: Mark, header: &str) -> String {
        let text = sources.text(m.file);
        let start = sources.line_start(m.file, m.line);
        let end = sources.line_end(m.file, m.line);
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let from = floor(m.offset.saturating_sub(SNIPPET_CONTEXT).max(start));
        let to = floor((m.offset + m.len.min(SNIPPET_CONTEXT) + SNIPPET_CONTEXT).min(end));
        let lead = if from > start { "…" } else { "" };
        let tail = if to < end { "…" } else { "" };
        let window: String = text[from..to]
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let before = lead.chars().count() + text[from..m.offset.max(from)].chars().count();
        let marked_end = floor((m.offset + m.len).min(to));
        let carets = text[m.offset.min(marked_end)..marked_end]
            .chars()
            .count()
            .max(1);
        let num = m.line.to_string();
        let pad = " ".repeat(num.len());
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{kind}: {header}\n");
        let _ = writeln!(
            out,
            "{pad} --> {}:{}:{}",
            sources.name(m.file),
            m.line,
            m.col
        );
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{num} | {lead}{window}{tail}");
        let _ = writeln!(
            out,
            "{pad} | {}{} {}",
            " ".repeat(before),
            "^".repeat(carets),
            self.label.as_deref().unwrap_or("")
        );
        let _ = writeln!(
            out,
            "{pad} = the line is {} bytes long; {} characters either side are shown",
            end - start,
            SNIPPET_CONTEXT
        );
        for n in &self.notes {
            let _ = writeln!(out, "{pad} = {n}");
        }
        out.push('\n');
        out
    }
}

/// Lines longer than this (in bytes) are shown as a window around the mark.
pub const MAX_SNIPPET_LINE: usize = 240;
/// Bytes of a long line shown either side of the mark.
const SNIPPET_CONTEXT: usize = 60;
/// Most diagnostics printed for one input; the count says how many more.
pub const MAX_SHOWN: usize = 50;

/// All diagnostics found in one pass over the input.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        for d in self.items.iter().take(MAX_SHOWN) {
            out.push_str(&d.render(sources));
            out.push('\n');
        }
        if self.items.len() > MAX_SHOWN {
            let hidden = &self.items[MAX_SHOWN..];
            let errors = hidden
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let _ = writeln!(
                out,
                "… {} more not shown ({errors} error{}, {} warning{}); the first {MAX_SHOWN} of {} are above.",
                hidden.len(),
                if errors == 1 { "" } else { "s" },
                hidden.len() - errors,
                if hidden.len() - errors == 1 { "" } else { "s" },
                self.items.len()
            );
        }
        let n = self.error_count();
        if n > 0 {
            let _ = writeln!(
                out,
                "{n} error{} found; nothing was written.",
                if n == 1 { "" } else { "s" }
            );
        }
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}
