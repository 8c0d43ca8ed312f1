//! Bad-input messages in the view's language. The scenario layer builds
//! its diagnostics in English; this puts their frame (error / warning,
//! notes, "expected … found …", unknown and missing keys, the common
//! validation phrases) into the current language through the catalogue's
//! `diag-*` messages, each an English pattern (in `en.ftl`) and its
//! translation. What no pattern matches stays English.

use super::i18n::{self, Arg, Lang};

/// A pattern: literal text and `{ $name }` holes, from an `en.ftl` value.
struct Pattern {
    id: String,
    /// Literal parts; one more than the holes.
    parts: Vec<String>,
    holes: Vec<String>,
}

fn pattern(id: &str, text: &str) -> Pattern {
    let text = text.replace("{\" \"}", " ");
    let (mut parts, mut holes) = (vec![String::new()], Vec::new());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("{ $") {
        if let Some(p) = parts.last_mut() {
            p.push_str(&rest[..i]);
        }
        let after = &rest[i + 3..];
        let end = after.find(" }").unwrap_or(after.len());
        holes.push(after[..end].to_string());
        parts.push(String::new());
        rest = after.get(end + 2..).unwrap_or("");
    }
    if let Some(p) = parts.last_mut() {
        p.push_str(rest);
    }
    Pattern {
        id: id.to_string(),
        parts,
        holes,
    }
}

/// The `diag-*` patterns, the longest literal text first (specific before
/// general).
fn patterns() -> Vec<Pattern> {
    let mut out: Vec<Pattern> = i18n::ids(Lang::En)
        .into_iter()
        .filter(|id| id.starts_with("diag-"))
        .map(|id| {
            let text = i18n::message_in(Lang::En, &id, &[]);
            // Holes come back as their ids' placeholders: rebuild them
            // from the source text.
            let src = i18n::source_of(Lang::En, &id).unwrap_or(text);
            pattern(&id, &src)
        })
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.parts.iter().map(String::len).sum::<usize>()));
    out
}

/// Finds `p` in `line` from `from`: the matched span and the holes' text.
fn find(p: &Pattern, line: &str, from: usize) -> Option<(usize, usize, Vec<String>)> {
    let first = &p.parts[0];
    let mut search = from;
    loop {
        let start = if first.is_empty() {
            search
        } else {
            search + line.get(search..)?.find(first.as_str())?
        };
        let mut at = start + first.len();
        let mut values = Vec::new();
        let mut ok = true;
        for (k, lit) in p.parts.iter().enumerate().skip(1) {
            let last = k == p.parts.len() - 1;
            let found = if lit.is_empty() && last {
                // A hole at the end takes the rest of the line.
                Some(line.len() - at)
            } else if lit.is_empty() {
                None
            } else {
                line[at..].find(lit.as_str())
            };
            match found {
                Some(n) if n > 0 || p.holes.is_empty() => {
                    values.push(line[at..at + n].to_string());
                    at += n + lit.len();
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && !(first.is_empty() && p.parts.len() == 1) {
            return Some((start, at, values));
        }
        if first.is_empty() {
            return None;
        }
        search = start + first.len().max(1);
        if search >= line.len() {
            return None;
        }
    }
}

/// One line with every pattern replaced by its translation.
fn line(text: &str, pats: &[Pattern], lang: Lang) -> String {
    let mut out = text.to_string();
    for p in pats {
        let mut from = 0;
        while let Some((a, b, values)) = find(p, &out, from) {
            let args: Vec<(&str, Arg)> = p
                .holes
                .iter()
                .zip(&values)
                .map(|(h, v)| (h.as_str(), Arg::Text(v.clone())))
                .collect();
            let vi = i18n::message_in(lang, &p.id, &args);
            out.replace_range(a..b, &vi);
            from = a + vi.len();
            if from >= out.len() {
                break;
            }
        }
    }
    out
}

/// Rendered diagnostics in the current language (unchanged in English).
pub fn translate(rendered: &str) -> String {
    let lang = i18n::lang();
    if lang == Lang::En {
        return rendered.to_string();
    }
    let pats = patterns();
    let mut out = String::with_capacity(rendered.len());
    for l in rendered.split_inclusive('\n') {
        let (body, nl) = match l.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (l, ""),
        };
        out.push_str(&line(body, &pats, lang));
        out.push_str(nl);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_of_a_diagnostic_is_translated() {
        let _g = i18n::set_lang(Lang::Vi);
        let text = "error: fund.revenue: expected a number ≥ 0, found -5\n  = expected one of: a, b\nwarning: unknown key `fnud`";
        let vi = translate(text);
        assert!(
            vi.starts_with("lỗi: fund.revenue: cần một số ≥ 0, nhưng gặp -5"),
            "{vi}"
        );
        assert!(vi.contains("cần một trong: a, b"), "{vi}");
        assert!(vi.contains("cảnh báo: khóa không xác định `fnud`"), "{vi}");
    }
}
