//! The language and money unit a view is rendered in, and the message
//! catalogues (Fluent) every view takes its words from.
//!
//! The catalogues are `locales/en.ftl` and `locales/vi.ftl`, compiled into
//! the binary; English is the default and the fallback. A view is rendered
//! in the [`Style`] set for the current thread ([`set`]): the command line
//! sets it once from `--lang` / `--display-unit` (or the scenario's
//! `language`), and [`scenario`] scales money to the display unit while one
//! scenario's numbers are shown. Nothing outside the report layer reads it.

use std::cell::Cell;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::scenario::{MoneyUnit, Scenario};

/// A language of the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, clap::ValueEnum)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Tiếng Việt: Vietnamese words, "tỷ đồng", decimal comma.
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];
    /// The code written in a scenario's `language` and in `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Vi => 1,
        }
    }
}

/// How numbers and words are shown: the language, and the money unit
/// amounts are shown in (`None`: the scenario's own `money_unit`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Style {
    pub lang: Lang,
    pub display_unit: Option<MoneyUnit>,
}

thread_local! {
    static STYLE: Cell<Style> = Cell::new(Style::default());
    /// Display units per money unit of the scenario being shown.
    static SCALE: Cell<f64> = const { Cell::new(1.0) };
}

/// Restores the previous style (and scale) when dropped.
#[must_use = "the style holds until the guard is dropped"]
pub struct Guard {
    style: Style,
    scale: f64,
}

impl Drop for Guard {
    fn drop(&mut self) {
        STYLE.with(|s| s.set(self.style));
        SCALE.with(|s| s.set(self.scale));
    }
}

fn guard() -> Guard {
    Guard {
        style: current(),
        scale: scale(),
    }
}

/// Renders views on this thread in `style` until the guard is dropped.
pub fn set(style: Style) -> Guard {
    let g = guard();
    STYLE.with(|s| s.set(style));
    g
}

/// Renders in `lang`, keeping the display unit.
pub fn set_lang(lang: Lang) -> Guard {
    set(Style { lang, ..current() })
}

/// The style views are rendered in on this thread.
pub fn current() -> Style {
    STYLE.with(Cell::get)
}

pub fn lang() -> Lang {
    current().lang
}

/// Shows `s`'s money in the display unit until the guard is dropped.
pub fn scenario(s: &Scenario) -> Guard {
    let g = guard();
    let unit = display_unit(s);
    SCALE.with(|c| c.set(s.money() / unit.factor()));
    g
}

/// The factor from the scenario's money unit to the display unit.
pub fn scale() -> f64 {
    SCALE.with(Cell::get)
}

/// The unit money is shown in for `s`.
pub fn display_unit(s: &Scenario) -> MoneyUnit {
    current().display_unit.unwrap_or(s.money_unit)
}

// ---------------------------------------------------------------------------
// Catalogues
// ---------------------------------------------------------------------------

const EN: &str = include_str!("locales/en.ftl");
const VI: &str = include_str!("locales/vi.ftl");

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang, text: &str) -> Bundle {
    let id = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No bidi isolation marks: every text here is left to right.
    b.set_use_isolating(false);
    // A syntax error in a catalogue is caught by the tests; what parsed is kept.
    let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(res, _)| res);
    let _ = b.add_resource(res);
    b
}

fn bundles() -> &'static [Bundle; 2] {
    static B: OnceLock<[Bundle; 2]> = OnceLock::new();
    B.get_or_init(|| [bundle(Lang::En, EN), bundle(Lang::Vi, VI)])
}

/// A message argument: text, or a number (for plural forms).
pub enum Arg {
    Text(String),
    Count(f64),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<i32> for Arg {
    fn from(v: i32) -> Self {
        // Years and counts are written without separators.
        Arg::Text(v.to_string())
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Arg::Count(v as f64)
    }
}

/// Formats message `id` in `lang` with `args`; English when the message
/// is missing in `lang`, the id itself when it is missing in English too.
pub fn message_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Text(t) => fa.set(*k, FluentValue::from(t.as_str())),
            Arg::Count(n) => fa.set(*k, FluentValue::from(*n)),
        }
    }
    for b in [&bundles()[lang.index()], &bundles()[Lang::En.index()]] {
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return b
                .format_pattern(pattern, Some(&fa), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

/// [`message_in`] the current language.
pub fn message(id: &str, args: &[(&str, Arg)]) -> String {
    message_in(lang(), id, args)
}

/// The ids of every message in a language's catalogue (tests check that
/// the catalogues match).
pub fn ids(lang: Lang) -> Vec<String> {
    let text = match lang {
        Lang::En => EN,
        Lang::Vi => VI,
    };
    // A message starts a line with its id and `=`; comments, attributes
    // and continuation lines do not.
    text.lines()
        .filter_map(|l| {
            let (id, _) = l.split_once(" =")?;
            let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_string())
        })
        .collect()
}

/// The source text of message `id` in a language's catalogue (one line),
/// with its `{ $name }` placeholders as written.
pub fn source_of(lang: Lang, id: &str) -> Option<String> {
    source(lang).lines().find_map(|l| {
        let (k, v) = l.split_once(" = ")?;
        (k == id).then(|| v.to_string())
    })
}

/// A catalogue's text.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Vi => VI,
    }
}

/// Whether a catalogue parses without error.
pub fn parses(lang: Lang) -> Result<(), String> {
    let text = match lang {
        Lang::En => EN,
        Lang::Vi => VI,
    };
    FluentResource::try_new(text.to_string())
        .map(|_| ())
        .map_err(|(_, e)| format!("{e:?}"))
}

/// A message in the current language: `t!("id")` or
/// `t!("id", name = value, …)` (values: text, years, counts).
#[macro_export]
macro_rules! t {
    ($id:expr) => {
        $crate::report::i18n::message($id, &[])
    };
    ($id:expr, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::report::i18n::message(
            $id,
            &[$((stringify!($k), $crate::report::i18n::Arg::from($v))),+],
        )
    };
}
