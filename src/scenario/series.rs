//! Per-year numbers: a constant, or given years with values between them
//! interpolated (linearly, or as steps with `interpolate: step`) and
//! optional compound growth after the last given year.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// A finite number. YAML allows `.nan` and `.inf`; a scenario never does.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Num(pub f64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a finite number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                if v.is_finite() {
                    Ok(Num(v))
                } else {
                    Err(E::custom(format!(
                        "expected a finite number, found {}",
                        fmt_nonfinite(v)
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

fn fmt_nonfinite(v: f64) -> &'static str {
    if v.is_nan() {
        ".nan (not a number)"
    } else if v > 0.0 {
        ".inf (infinity)"
    } else {
        "-.inf (minus infinity)"
    }
}

/// How a year between two given years gets its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Interpolate {
    /// On the straight line between the given years before and after it.
    #[default]
    Linear,
    /// The value of the latest given year before it: a rate set by a legal
    /// act holds until the next act.
    Step,
}

impl Interpolate {
    pub fn name(self) -> &'static str {
        match self {
            Interpolate::Linear => "linear",
            Interpolate::Step => "step",
        }
    }
    /// Reads the value of an `interpolate:` key.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "linear" => Ok(Interpolate::Linear),
            "step" => Ok(Interpolate::Step),
            other => Err(format!(
                "expected `interpolate: linear` (the default: straight lines between given years) or `interpolate: step` (a given year's value holds until the next given year), found `{other}`"
            )),
        }
    }
}

/// A per-year number as written in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Series {
    Constant(f64),
    /// Given years in increasing order, the growth rate after the last,
    /// and how years between given years are filled.
    Points {
        points: Vec<(i32, f64)>,
        growth: Option<f64>,
        interpolate: Interpolate,
    },
}

/// Why a series has no value for a horizon year.
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesError {
    /// The first given year comes after a year that needs a value.
    StartsAfter { first: i32, year: i32 },
    /// A map with no years in it.
    Empty,
}

impl Series {
    pub fn constant(v: f64) -> Self {
        Series::Constant(v)
    }

    /// The value in `year`.
    pub fn at(&self, year: i32) -> Result<f64, SeriesError> {
        match self {
            Series::Constant(v) => Ok(*v),
            Series::Points {
                points,
                growth,
                interpolate,
            } => {
                let (first, last) = match (points.first(), points.last()) {
                    (Some(f), Some(l)) => (*f, *l),
                    _ => return Err(SeriesError::Empty),
                };
                if year < first.0 {
                    return Err(SeriesError::StartsAfter {
                        first: first.0,
                        year,
                    });
                }
                if year >= last.0 {
                    let g = growth.unwrap_or(0.0);
                    return Ok(last.1 * (1.0 + g).powi(year - last.0));
                }
                // year lies in [points[i].0, points[i+1].0).
                let i = points.partition_point(|&(y, _)| y <= year) - 1;
                let (y0, v0) = points[i];
                let (y1, v1) = points[i + 1];
                Ok(match interpolate {
                    Interpolate::Linear => {
                        v0 + (v1 - v0) * f64::from(year - y0) / f64::from(y1 - y0)
                    }
                    Interpolate::Step => v0,
                })
            }
        }
    }

    /// Values for consecutive years `from..=to`.
    pub fn over(&self, years: &[i32]) -> Result<Vec<f64>, SeriesError> {
        years.iter().map(|&y| self.at(y)).collect()
    }

    /// The numbers written in the file with the key each sits under
    /// (`None` for a constant, the year otherwise), for range checks.
    pub fn written(&self) -> Vec<(Option<i32>, f64)> {
        match self {
            Series::Constant(v) => vec![(None, *v)],
            Series::Points { points, .. } => points.iter().map(|&(y, v)| (Some(y), v)).collect(),
        }
    }

    pub fn growth(&self) -> Option<f64> {
        match self {
            Series::Points { growth, .. } => *growth,
            Series::Constant(_) => None,
        }
    }

    pub fn interpolate(&self) -> Interpolate {
        match self {
            Series::Points { interpolate, .. } => *interpolate,
            Series::Constant(_) => Interpolate::Linear,
        }
    }
}

/// A key inside a series map: a year, `growth` or `interpolate`.
enum SeriesKey {
    Year(i32),
    Growth,
    Interpolate,
}

impl<'de> Deserialize<'de> for SeriesKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SeriesKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year (e.g. 2027), `growth` or `interpolate`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SeriesKey, E> {
                year_key(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SeriesKey, E> {
                year_key(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SeriesKey, E> {
                match v {
                    "growth" => Ok(SeriesKey::Growth),
                    "interpolate" => Ok(SeriesKey::Interpolate),
                    _ => match v.parse::<i64>() {
                        Ok(y) => year_key(y),
                        Err(_) => Err(E::custom(format!(
                            "unexpected key `{v}` in a per-year series: expected a year (e.g. 2027), `growth` or `interpolate`"
                        ))),
                    },
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Years a series may name; anything else is a typo or a hostile file.
pub const YEAR_RANGE: std::ops::RangeInclusive<i64> = 1900..=2200;

fn year_key<E: de::Error>(v: i64) -> Result<SeriesKey, E> {
    if YEAR_RANGE.contains(&v) {
        Ok(SeriesKey::Year(v as i32))
    } else {
        Err(E::custom(format!(
            "year {v} is out of range: expected a year between {} and {}",
            YEAR_RANGE.start(),
            YEAR_RANGE.end()
        )))
    }
}

impl<'de> Deserialize<'de> for Series {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Series;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a number, or a map of years to numbers such as {2026: 100, growth: 0.05}",
                )
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Series, E> {
                Ok(Series::Constant(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Series, E> {
                Ok(Series::Constant(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Series, E> {
                Num::deserialize(de::value::F64Deserializer::<E>::new(v))
                    .map(|n| Series::Constant(n.0))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Series, A::Error> {
                let mut points = Vec::new();
                let mut growth = None;
                let mut interpolate = Interpolate::Linear;
                while let Some(key) = map.next_key::<SeriesKey>()? {
                    match key {
                        SeriesKey::Year(y) => points.push((y, map.next_value::<Num>()?.0)),
                        SeriesKey::Growth => growth = Some(map.next_value::<Num>()?.0),
                        SeriesKey::Interpolate => {
                            interpolate = map.next_value::<InterpolateValue>()?.0;
                        }
                    }
                }
                if points.is_empty() {
                    return Err(de::Error::custom(
                        "a per-year series needs at least one year, e.g. {2026: 100, growth: 0.05}",
                    ));
                }
                points.sort_by_key(|&(y, _)| y);
                Ok(Series::Points {
                    points,
                    growth,
                    interpolate,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// The value of an `interpolate:` key, read with a message that lists the
/// two choices whatever was found.
pub struct InterpolateValue(pub Interpolate);

impl<'de> Deserialize<'de> for InterpolateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = InterpolateValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`linear` or `step`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<InterpolateValue, E> {
                Interpolate::parse(v)
                    .map(InterpolateValue)
                    .map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<InterpolateValue, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<InterpolateValue, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<InterpolateValue, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<InterpolateValue, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<InterpolateValue, E> {
                self.visit_str("null")
            }
        }
        d.deserialize_any(V)
    }
}

impl serde::Serialize for Series {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Series::Constant(v) => s.serialize_f64(*v),
            Series::Points {
                points,
                growth,
                interpolate,
            } => {
                let step = *interpolate == Interpolate::Step;
                let n = points.len() + usize::from(growth.is_some()) + usize::from(step);
                let mut m = s.serialize_map(Some(n))?;
                for (y, v) in points {
                    m.serialize_entry(y, v)?;
                }
                if let Some(g) = growth {
                    m.serialize_entry("growth", g)?;
                }
                if step {
                    m.serialize_entry("interpolate", "step")?;
                }
                m.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Series, String> {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_constant_is_the_same_every_year() {
        let s = parse("42").unwrap();
        assert_eq!(s.over(&[2026, 2027, 2030]).unwrap(), vec![42.0, 42.0, 42.0]);
    }

    #[test]
    fn given_years_are_kept_and_interpolated_linearly() {
        let s = parse("{2026: 100, 2030: 140}").unwrap();
        assert_eq!(
            s.over(&[2026, 2027, 2028, 2029, 2030]).unwrap(),
            vec![100.0, 110.0, 120.0, 130.0, 140.0]
        );
    }

    #[test]
    fn after_the_last_year_values_grow_or_hold() {
        let s = parse("{2026: 100, growth: 0.1}").unwrap();
        let v = s.over(&[2026, 2027, 2028]).unwrap();
        assert!(
            (v[1] - 110.0).abs() < 1e-12 && (v[2] - 121.0).abs() < 1e-9,
            "{v:?}"
        );
        let held = parse("{2026: 5, 2027: 7}").unwrap();
        assert_eq!(
            held.over(&[2026, 2027, 2028, 2029]).unwrap(),
            vec![5.0, 7.0, 7.0, 7.0]
        );
    }

    #[test]
    fn growth_applies_only_after_the_last_given_year() {
        let s = parse("{2026: 100, 2028: 120, growth: 0.5}").unwrap();
        assert_eq!(
            s.over(&[2026, 2027, 2028, 2029]).unwrap(),
            vec![100.0, 110.0, 120.0, 180.0]
        );
    }

    #[test]
    fn step_interpolation_holds_each_given_value_until_the_next() {
        // Hand values: 4.5% in 2026, 5.1% from 2027, 5.4% from 2030.
        let s = parse("{2026: 0.045, 2027: 0.051, 2030: 0.054, interpolate: step}").unwrap();
        assert_eq!(
            s.over(&[2026, 2027, 2028, 2029, 2030, 2031]).unwrap(),
            vec![0.045, 0.051, 0.051, 0.051, 0.054, 0.054]
        );
        // Linear is the default and may be written.
        let l = parse("{2026: 100, 2030: 140, interpolate: linear}").unwrap();
        assert_eq!(l, parse("{2026: 100, 2030: 140}").unwrap());
        assert_eq!(l.at(2029).unwrap(), 130.0);
        // Growth after the last given year is the same for both.
        let g = parse("{2026: 100, 2028: 200, growth: 0.5, interpolate: step}").unwrap();
        assert_eq!(
            g.over(&[2026, 2027, 2028, 2029]).unwrap(),
            vec![100.0, 100.0, 200.0, 300.0]
        );
    }

    #[test]
    fn interpolate_takes_linear_or_step_only() {
        for bad in ["cubic", "1", "true", "null", "Step"] {
            let e = parse(&format!("{{2026: 1, interpolate: {bad}}}")).unwrap_err();
            assert!(
                e.contains("`interpolate: linear`") && e.contains("`interpolate: step`"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn step_series_round_trip_through_yaml() {
        let s = parse("{2026: 1, 2028: 2, interpolate: step}").unwrap();
        let text = serde_yaml::to_string(&s).unwrap();
        assert_eq!(parse(&text).unwrap(), s);
    }

    #[test]
    fn keys_may_come_in_any_order() {
        let s = parse("{growth: 0.0, 2028: 3, 2026: 1}").unwrap();
        assert_eq!(s.over(&[2026, 2027, 2028]).unwrap(), vec![1.0, 2.0, 3.0]);
    }

    #[test]
    fn a_year_before_the_first_given_year_is_an_error() {
        let s = parse("{2027: 1}").unwrap();
        assert_eq!(
            s.at(2026),
            Err(SeriesError::StartsAfter {
                first: 2027,
                year: 2026
            })
        );
    }

    #[test]
    fn non_finite_numbers_and_bad_keys_are_refused() {
        assert!(parse(".nan").unwrap_err().contains("finite"));
        assert!(parse("{2026: .inf}").unwrap_err().contains("finite"));
        assert!(
            parse("{2026: 1, grwth: 0.1}")
                .unwrap_err()
                .contains("`grwth`")
        );
        assert!(parse("{99999999: 1}").unwrap_err().contains("out of range"));
        assert!(
            parse("{growth: 0.1}")
                .unwrap_err()
                .contains("at least one year")
        );
        assert!(parse("[1, 2]").unwrap_err().contains("map of years"));
    }
}
