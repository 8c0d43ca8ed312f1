//! The scenario file as written (docs/model.md §3–§4), before validation.
//!
//! Each section and each list element is deserialised on its own (see
//! [`parse`]) so that one mistake does not hide the next: all structural
//! errors of a file are reported together, each with its key path.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::diag::{Diagnostic, Diagnostics};
use super::series::{Interpolate, InterpolateValue, Num, Series, YEAR_RANGE};
use super::yaml::{KeyPath, Node, NodeKind, Seg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MoneyUnit {
    Unit,
    Thousand,
    Million,
    Billion,
    Trillion,
}

impl MoneyUnit {
    /// Currency units in one money unit (M in docs/model.md).
    pub fn factor(self) -> f64 {
        match self {
            MoneyUnit::Unit => 1.0,
            MoneyUnit::Thousand => 1e3,
            MoneyUnit::Million => 1e6,
            MoneyUnit::Billion => 1e9,
            MoneyUnit::Trillion => 1e12,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            MoneyUnit::Unit => "unit",
            MoneyUnit::Thousand => "thousand",
            MoneyUnit::Million => "million",
            MoneyUnit::Billion => "billion",
            MoneyUnit::Trillion => "trillion",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping such as {from: 2026, to: 2030}"
)]
pub struct RawYears {
    pub from: YearNumber,
    pub to: YearNumber,
}

/// A year as written: a whole number (range-checked later, with its key).
#[derive(Debug, Clone, Copy)]
pub struct YearNumber(pub i64);

impl<'de> Deserialize<'de> for YearNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = YearNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year such as 2026")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<YearNumber, E> {
                Ok(YearNumber(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<YearNumber, E> {
                Ok(YearNumber(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping of the fund's keys (opening_reserve, revenue, curative_spending, …)"
)]
pub struct RawFund {
    pub opening_reserve: Num,
    pub revenue: Series,
    pub reference_rate: Option<Series>,
    pub premium_rate: Option<Series>,
    pub other_income: Option<Series>,
    pub curative_spending: Series,
    pub management_cost: Option<Series>,
    pub reserve_floor_months: Option<Series>,
    pub reserve_floor: Option<Series>,
    /// Members of the scheme (persons) per year: for the premium per
    /// member per month in the views.
    pub members: Option<Series>,
    /// Tail years after the horizon in which coverage is held (v2).
    pub sustain_years: Option<Num>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a source such as {id: tobacco_fund, amount: 1500}"
)]
pub struct RawSource {
    pub id: String,
    pub name: Option<String>,
    pub amount: Option<Series>,
    pub revenue: Option<Series>,
    pub share: Option<Series>,
    #[serde(default)]
    pub carry_over: bool,
    pub opening_balance: Option<Num>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a programme: a mapping with id, population, unit_cost, coverage, …"
)]
pub struct RawProgram {
    pub id: String,
    pub name: Option<String>,
    pub population: Population,
    pub unit_cost: Series,
    pub coverage: RawCoverage,
    pub targets: Option<YearMap>,
    pub max_scale_up: Option<Num>,
    pub max_scale_down: Option<Num>,
    #[serde(default)]
    pub effects: RawEffects,
    pub funded_by: Option<IdList>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping such as {current: 0.3, min: 0, max: 0.9}"
)]
pub struct RawCoverage {
    pub current: ByRegion<Num>,
    pub min: Option<Series>,
    pub max: Option<Series>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping such as {dalys_averted: 0.01, cost_offset: [0, 50000], dalys_lag: [0.5, 0.5]}"
)]
pub struct RawEffects {
    pub dalys_averted: Option<Series>,
    pub cost_offset: Option<Vec<Num>>,
    /// Diminishing returns: bands of coverage with falling factors (v2).
    pub dalys_curve: Option<Vec<RawBand>>,
    /// Shares of a person-year's DALYs accruing 0, 1, 2 … years later (v2).
    pub dalys_lag: Option<Vec<Num>>,
}

/// One band of a DALY curve: coverage up to `up_to` averts `factor` times
/// the programme's DALYs per person-year.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a band such as {up_to: 0.4, factor: 1}"
)]
pub struct RawBand {
    pub up_to: Num,
    pub factor: Num,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a region such as {id: north, share: 0.4}"
)]
pub struct RawRegion {
    pub id: String,
    pub name: Option<String>,
    pub share: Option<Num>,
    pub cost_factor: Option<Num>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a resource such as {id: clinicians, capacity: 1000, use: {checkup: 0.5}}"
)]
pub struct RawResource {
    pub id: String,
    pub name: Option<String>,
    pub capacity: Series,
    #[serde(rename = "use")]
    pub uses: BTreeMap<String, Num>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping such as {no_rollback: true, equity_ratio: 0.8, prevention_budget: 50000}"
)]
pub struct RawPolicy {
    #[serde(default)]
    pub no_rollback: bool,
    pub equity_ratio: Option<Num>,
    /// C8: a cap on the discounted prevention spending of all funders over
    /// the planning years (money units).
    pub prevention_budget: Option<Num>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping such as {maximize: dalys, discount_rate: 0.03}"
)]
pub struct RawObjective {
    pub maximize: Option<String>,
    pub minimize: Option<String>,
    pub value_per_daly: Option<Num>,
    pub discount_rate: Option<Num>,
}

/// A value given once for the nation, or per region as `{region_id: value}`.
/// For populations the national form is a [`Series`] split by region shares.
#[derive(Debug, Clone, PartialEq)]
pub enum ByRegion<T> {
    National(T),
    PerRegion(Vec<(String, T)>),
}

pub type Population = ByRegion<Series>;

/// A list of ids such as `[hif, tobacco_fund]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct IdList(#[serde(deserialize_with = "id_list")] pub Vec<String>);

fn id_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of source ids such as [hif, tobacco_fund]")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(id) = seq.next_element::<String>()? {
                out.push(id);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(V)
}

/// `{year: value}` without growth, e.g. `targets: {2030: 0.9}`.
#[derive(Debug, Clone, PartialEq)]
pub struct YearMap(pub Vec<(i32, f64)>);

/// Keys seen in a map that may be a series (years, `growth`) or per region.
enum MapKey {
    Year(i32),
    Growth,
    Interpolate,
    Region(String),
}

impl<'de> Deserialize<'de> for MapKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = MapKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year, `growth` or a region id")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<MapKey, E> {
                if YEAR_RANGE.contains(&v) {
                    Ok(MapKey::Year(v as i32))
                } else {
                    Err(E::custom(format!(
                        "year {v} is out of range: expected a year between {} and {}",
                        YEAR_RANGE.start(),
                        YEAR_RANGE.end()
                    )))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<MapKey, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MapKey, E> {
                match v {
                    "growth" => Ok(MapKey::Growth),
                    "interpolate" => Ok(MapKey::Interpolate),
                    _ => match v.parse::<i64>() {
                        Ok(y) => self.visit_i64(y),
                        Err(_) => Ok(MapKey::Region(v.to_string())),
                    },
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<MapKey, E> {
                Err(E::custom(format!(
                    "unexpected key `{v}`: expected a year, `growth` or a region id"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// How a value that may be given per region is read at the leaves.
trait Leaf: Sized {
    /// Reads a national value written as a map (a series); `None` if this
    /// kind of value cannot be a map.
    fn from_series(
        points: Vec<(i32, f64)>,
        growth: Option<f64>,
        interpolate: Interpolate,
    ) -> Option<Self>;
    fn from_number(v: f64) -> Self;
    const EXPECTING: &'static str;
}

impl Leaf for Series {
    fn from_series(
        points: Vec<(i32, f64)>,
        growth: Option<f64>,
        interpolate: Interpolate,
    ) -> Option<Self> {
        let mut points = points;
        points.sort_by_key(|&(y, _)| y);
        Some(Series::Points {
            points,
            growth,
            interpolate,
        })
    }
    fn from_number(v: f64) -> Self {
        Series::Constant(v)
    }
    const EXPECTING: &'static str = "a number, a per-year series such as {2026: 1000000, growth: 0.01}, or a map of region ids to such values";
}

impl Leaf for Num {
    fn from_series(_: Vec<(i32, f64)>, _: Option<f64>, _: Interpolate) -> Option<Self> {
        None
    }
    fn from_number(v: f64) -> Self {
        Num(v)
    }
    const EXPECTING: &'static str = "a number, or a map of region ids to numbers";
}

impl<'de, T: Leaf + Deserialize<'de>> Deserialize<'de> for ByRegion<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Leaf + Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = ByRegion<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(ByRegion::National(T::from_number(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(ByRegion::National(T::from_number(v as f64)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                let n = Num::deserialize(de::value::F64Deserializer::<E>::new(v))?;
                Ok(ByRegion::National(T::from_number(n.0)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut points = Vec::new();
                let mut growth = None;
                let mut interpolate = None;
                let mut regions = Vec::new();
                while let Some(key) = map.next_key::<MapKey>()? {
                    match key {
                        MapKey::Year(y) => points.push((y, map.next_value::<Num>()?.0)),
                        MapKey::Growth => growth = Some(map.next_value::<Num>()?.0),
                        MapKey::Interpolate => {
                            interpolate = Some(map.next_value::<InterpolateValue>()?.0);
                        }
                        MapKey::Region(r) => {
                            let v = map.next_value::<T>()?;
                            regions.push((r, v));
                        }
                    }
                    if !regions.is_empty()
                        && (!points.is_empty() || growth.is_some() || interpolate.is_some())
                    {
                        return Err(de::Error::custom(
                            "this map mixes years and region ids: write either a per-year series {2026: …} or one value per region {north: …}",
                        ));
                    }
                }
                if !regions.is_empty() {
                    return Ok(ByRegion::PerRegion(regions));
                }
                if points.is_empty() {
                    return Err(de::Error::custom(format!(
                        "expected {}; found an empty map or only `growth`",
                        T::EXPECTING
                    )));
                }
                T::from_series(points, growth, interpolate.unwrap_or_default())
                    .map(ByRegion::National)
                    .ok_or_else(|| {
                        de::Error::custom(format!(
                            "expected {}; found a per-year map",
                            T::EXPECTING
                        ))
                    })
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for YearMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = YearMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of years to values, e.g. {2028: 0.5, 2030: 0.9}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YearMap, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<MapKey>()? {
                    match key {
                        MapKey::Year(y) => out.push((y, map.next_value::<Num>()?.0)),
                        MapKey::Interpolate => {
                            return Err(de::Error::custom(
                                "targets are not interpolated (each is a floor in its own year); expected a year such as 2030 as the key",
                            ));
                        }
                        MapKey::Growth | MapKey::Region(_) => {
                            return Err(de::Error::custom(
                                "expected a year such as 2030 as the key",
                            ));
                        }
                    }
                }
                out.sort_by_key(|&(y, _)| y);
                Ok(YearMap(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Everything in the file, each part parsed; see [`parse`].
#[derive(Debug, Clone)]
pub struct RawScenario {
    pub name: Option<String>,
    pub description: Option<String>,
    /// The language of the views (`en`, `vi`).
    pub language: Option<String>,
    pub years: RawYears,
    pub currency: Option<String>,
    pub money_unit: MoneyUnit,
    pub fund: RawFund,
    pub sources: Vec<RawSource>,
    pub programs: Vec<RawProgram>,
    pub regions: Option<Vec<RawRegion>>,
    pub resources: Vec<RawResource>,
    pub policy: RawPolicy,
    pub objective: RawObjective,
}

/// Top-level keys, with whether each is required.
pub const TOP_KEYS: &[(&str, bool)] = &[
    ("name", false),
    ("description", false),
    ("language", false),
    ("extends", false),
    ("years", true),
    ("currency", false),
    ("money_unit", true),
    ("fund", true),
    ("sources", false),
    ("programs", true),
    ("regions", false),
    ("resources", false),
    ("policy", false),
    ("objective", false),
];

/// What a top-level key should hold, for "missing key" messages.
fn top_key_hint(key: &str) -> &'static str {
    match key {
        "years" => "the planning horizon, e.g. `years: {from: 2026, to: 2030}`",
        "money_unit" => {
            "the unit of every amount in the file: unit, thousand, million, billion or trillion"
        }
        "fund" => "the fund's reserve, revenue and curative spending (see docs/model.md)",
        "programs" => "a list of prevention programmes",
        _ => "a value",
    }
}

/// Deserialises `node` as `T`, turning serde's error into a located
/// diagnostic at the exact key path.
pub fn part<T: for<'de> Deserialize<'de>>(
    root: &Node,
    node: &Node,
    prefix: &KeyPath,
) -> Result<T, Diagnostic> {
    let value = node.to_value();
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let path = KeyPath::from_serde(prefix, err.path());
        let message = err.inner().to_string();
        serde_diagnostic(root, path, &message)
    })
}

/// Rewrites serde's messages into hifplan's: "expected …, found …", the
/// unknown key pointed at with a suggestion.
fn serde_diagnostic(root: &Node, path: KeyPath, message: &str) -> Diagnostic {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let d = Diagnostic::error(format!("unknown key `{}`", super::yaml::show_key(field))).label(
            suggestion_label(field, &allowed, "not a key hifplan knows here"),
        );
        let d = if allowed.is_empty() {
            d
        } else {
            d.note(format!("expected one of: {}", allowed.join(", ")))
        };
        // serde_path_to_error ends the path at the unknown key for nested
        // maps but not for the top of a part; make it end there either way.
        let key_path = if path.0.last() == Some(&Seg::Key(field.to_string())) {
            path
        } else {
            path.key(field)
        };
        return d.located(root, key_path, true);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(format!("missing required key `{field}`"))
            .label(format!("`{field}` is required here"))
            .located(root, path.clone(), true)
            .path(path.key(field));
    }
    if let Some(rest) = message.strip_prefix("unexpected key `") {
        // A bad key inside a per-year series: point at the key.
        let key = rest.split('`').next().unwrap_or(rest);
        let key_path = if path.0.last() == Some(&Seg::Key(key.to_string())) {
            path
        } else {
            path.key(key)
        };
        return Diagnostic::error(message.to_string())
            .label(suggestion_label(
                key,
                &["growth", "interpolate"],
                "expected a year (e.g. 2027), `growth` or `interpolate`",
            ))
            .located(root, key_path, true);
    }
    let message = friendly(message);
    let label = expected_label(&message);
    Diagnostic::error(message)
        .label(label)
        .located(root, path, false)
}

/// "did you mean `x`?" when a known word is close to `word`, else `fallback`.
fn suggestion_label(word: &str, known: &[&str], fallback: &str) -> String {
    let bare: String = word
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{00ad}'
                )
        })
        .collect();
    if bare != word && known.contains(&bare.as_str()) {
        return format!("`{bare}` with an invisible character in it; retype the key");
    }
    known
        .iter()
        .map(|a| (strsim::jaro_winkler(word, a), *a))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or_else(
            || fallback.to_string(),
            |(_, s)| format!("did you mean `{s}`?"),
        )
}

/// serde's vocabulary in the words of a scenario file.
fn friendly(message: &str) -> String {
    let m = match message
        .strip_prefix("invalid type: ")
        .and_then(|m| m.split_once(", expected "))
    {
        Some((found, expected)) => format!("expected {expected}, found {found}"),
        None => match message.strip_prefix("unknown variant ") {
            Some(m) => format!("unknown value {m}"),
            None => message.to_string(),
        },
    };
    let words = [
        ("a sequence", "a list"),
        ("sequence", "a list"),
        ("found map", "found a mapping"),
        ("found unit value", "found nothing"),
        ("found string ", "found the text "),
        ("found integer ", "found the number "),
        ("found floating point ", "found the number "),
        ("found boolean ", "found the boolean "),
        ("expected i64", "expected a whole number such as 2026"),
        ("expected a boolean", "expected true or false"),
        (
            "expected a string",
            "expected a text such as an id or a name",
        ),
    ];
    let mut out = m;
    for (from, to) in words {
        out = out.replace(from, to);
    }
    clip_quoted(&out.replace('`', ""))
}

/// Quoted texts in a message cut to a readable length (a value may be a
/// megabyte long).
fn clip_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..=start]);
        rest = &rest[start + 1..];
        match rest.find('"') {
            Some(end) => {
                let inner = &rest[..end];
                if inner.chars().count() > 60 {
                    out.push_str(&super::yaml::clip(inner));
                } else {
                    out.push_str(inner);
                }
                out.push('"');
                rest = &rest[end + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

fn expected_label(message: &str) -> String {
    let at = if message.starts_with("expected ") {
        Some(0)
    } else {
        message.find(" expected ").map(|i| i + 1)
    };
    match at {
        Some(i) => {
            let e = &message[i..];
            e.split(", found")
                .next()
                .unwrap_or(e)
                .trim_end_matches('.')
                .to_string()
        }
        None => "this value".to_string(),
    }
}

/// Parses the whole tree section by section, collecting every error.
pub fn parse(root: &Node) -> Result<RawScenario, Diagnostics> {
    let mut diags = Diagnostics::default();
    let top = KeyPath::root();
    let entries = match &root.kind {
        NodeKind::Map(entries) => entries.as_slice(),
        NodeKind::Null => {
            diags.push(
                Diagnostic::error("the file is empty: expected a scenario, a mapping of keys such as years, fund and programs (see scenarios/reference.yaml)")
                    .at(root.mark)
                    .label("nothing here"),
            );
            return Err(diags);
        }
        _ => {
            diags.push(
                Diagnostic::error(format!("a scenario must be a YAML mapping of keys (years, fund, programs, …); found {}", root.describe()))
                    .at(root.mark)
                    .label("expected a mapping"),
            );
            return Err(diags);
        }
    };
    for e in entries {
        if !TOP_KEYS.iter().any(|(k, _)| *k == e.key.text) {
            let allowed: Vec<&str> = TOP_KEYS.iter().map(|(k, _)| *k).collect();
            let msg = format!(
                "unknown field `{}`, expected one of {}",
                e.key.text,
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            diags.push(serde_diagnostic(root, top.clone(), &msg));
        }
    }
    for (key, required) in TOP_KEYS {
        if !*required {
            continue;
        }
        match root.get(key) {
            None => diags.push(
                Diagnostic::error(format!(
                    "missing required key `{key}`: expected {}",
                    top_key_hint(key)
                ))
                .at(root.mark)
                .path(top.key(*key))
                .label("the scenario starts here"),
            ),
            Some(n) if matches!(n.kind, NodeKind::Null) => diags.push(
                Diagnostic::error(format!("`{key}` is empty: expected {}", top_key_hint(key)))
                    .label("nothing given here")
                    .located(root, top.key(*key), true),
            ),
            Some(_) => {}
        }
    }

    let field = |key: &str| root.get(key).filter(|n| !matches!(n.kind, NodeKind::Null));
    macro_rules! section {
        ($key:literal, $ty:ty) => {
            match field($key) {
                Some(node) => match part::<$ty>(root, node, &top.key($key)) {
                    Ok(v) => Some(v),
                    Err(d) => {
                        diags.push(d);
                        None
                    }
                },
                None => None,
            }
        };
    }
    let name = section!("name", String);
    let description = section!("description", String);
    let language = section!("language", String);
    let _extends = section!("extends", String);
    let years = section!("years", RawYears);
    let currency = section!("currency", String);
    let money_unit = section!("money_unit", MoneyUnit);
    let fund = section!("fund", RawFund);
    let policy = section!("policy", RawPolicy).unwrap_or_default();
    let objective = section!("objective", RawObjective).unwrap_or_default();

    let list = |key: &str, diags: &mut Diagnostics| -> Option<Vec<(KeyPath, &Node)>> {
        let node = field(key)?;
        match &node.kind {
            NodeKind::Seq(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (top.key(key).index(i), n))
                    .collect(),
            ),
            _ => {
                diags.push(
                    Diagnostic::error(format!(
                        "expected a list (one `- id: …` entry per item); found {}",
                        node.describe()
                    ))
                    .label("expected a list")
                    .located(root, top.key(key), false),
                );
                None
            }
        }
    };
    fn items<T: for<'de> Deserialize<'de>>(
        root: &Node,
        list: Option<Vec<(KeyPath, &Node)>>,
        diags: &mut Diagnostics,
    ) -> Option<Vec<T>> {
        let list = list?;
        let mut out = Vec::with_capacity(list.len());
        let mut ok = true;
        for (path, node) in list {
            match part::<T>(root, node, &path) {
                Ok(v) => out.push(v),
                Err(d) => {
                    ok = false;
                    diags.push(d);
                }
            }
        }
        ok.then_some(out)
    }
    let l = list("sources", &mut diags);
    let sources = items::<RawSource>(root, l, &mut diags);
    let l = list("programs", &mut diags);
    let programs = items::<RawProgram>(root, l, &mut diags);
    let l = list("regions", &mut diags);
    let regions = items::<RawRegion>(root, l, &mut diags);
    let l = list("resources", &mut diags);
    let resources = items::<RawResource>(root, l, &mut diags);

    if diags.has_errors() {
        return Err(diags);
    }
    match (years, money_unit, fund, programs) {
        (Some(years), Some(money_unit), Some(fund), Some(programs)) => Ok(RawScenario {
            name,
            description,
            language,
            years,
            currency,
            money_unit,
            fund,
            sources: sources.unwrap_or_default(),
            programs,
            regions,
            resources: resources.unwrap_or_default(),
            policy,
            objective,
        }),
        // Every missing required part has been reported above.
        _ => {
            if !diags.has_errors() {
                diags.push(Diagnostic::error("the scenario is incomplete").at(root.mark));
            }
            Err(diags)
        }
    }
}
