//! `generate(options)`: a deterministic province for demos and tests, loaded into a new Tracker.

use super::convert::{self, is_absent, to_js, type_name, Obj};
use super::error::{Code, Error, Result};
use super::tracker::{tracker_options, JsTracker};
use crate::generator::{GeneratedLog, GeneratorOptions, Problem, Structure};
use crate::model::TimeZone;
use crate::Tracker;
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the generator injected on purpose, so that a page or a test knows the answer.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Truth<'a> {
    slow_units: &'a [String],
    slow_factors: &'a [f64],
    flaky_edges: Vec<[&'a str; 2]>,
    as_of: i64,
    documents: usize,
    open_documents: usize,
    overdue_documents: usize,
    open_copies: usize,
    overdue_copies: usize,
    copies_opened_by_sent: usize,
    fan_out_documents: usize,
    recalls: usize,
    paper_units: &'a [String],
    electronic_documents: usize,
    signed_documents: usize,
    axis_handovers: usize,
    province_handovers: usize,
    paper_handovers: usize,
    cutover: Option<i64>,
    units: usize,
    events: usize,
}

fn whole(o: &Obj, key: &str, min: f64, max: f64) -> Result<Option<f64>> {
    let v = o.get(key);
    if is_absent(&v) {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(Error::option(key, format!("{key}: expected a whole number from {min} to {max}"))),
    }
}

fn seed(v: &JsValue) -> Result<Option<u64>> {
    if is_absent(v) {
        return Ok(None);
    }
    if let Some(n) = v.as_f64() {
        if n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n) {
            return Ok(Some(n as u64));
        }
    } else if let Some(s) = v.as_string() {
        if let Ok(n) = s.trim().parse::<u64>() {
            return Ok(Some(n));
        }
    } else if v.is_bigint() {
        if let Ok(n) = u64::try_from(v.clone()) {
            return Ok(Some(n));
        }
    }
    Err(Error::option(
        "seed",
        format!("seed: expected a whole number ≥ 0 (number, bigint or decimal string), got {}", type_name(v)),
    ))
}

fn problems(v: &JsValue) -> Result<Vec<Problem>> {
    if is_absent(v) {
        return Ok(Vec::new());
    }
    if !Array::is_array(v) {
        return Err(Error::option("problems", "problems: expected an array"));
    }
    let arr: &Array = v.unchecked_ref();
    let mut out = Vec::new();
    for p in arr.iter() {
        let o = Obj::new(&p, "problem", Code::BadOption)?;
        let kind = convert::string(&o.get("kind"), "problems.kind", Code::BadOption)?.unwrap_or_default();
        let num = |key: &str, default: f64| -> Result<f64> {
            let v = o.get(key);
            if is_absent(&v) {
                return Ok(default);
            }
            v.as_f64()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| Error::option("problems", format!("problems.{key}: expected a non-negative number")))
        };
        match kind.as_str() {
            "slow-unit" => {
                o.only(&["kind", "unit", "factor"], Code::BadOption)?;
                out.push(Problem::SlowUnit {
                    unit: convert::string(&o.get("unit"), "problems.unit", Code::BadOption)?,
                    factor: num("factor", 4.0)?,
                })
            }
            "flaky-edge" => {
                o.only(&["kind", "from", "to", "probability", "delayHours"], Code::BadOption)?;
                let probability = num("probability", 0.3)?;
                if probability > 1.0 {
                    return Err(Error::option("problems", "problems.probability: must be within 0..1"));
                }
                out.push(Problem::FlakyEdge {
                    from: convert::string(&o.get("from"), "problems.from", Code::BadOption)?,
                    to: convert::string(&o.get("to"), "problems.to", Code::BadOption)?,
                    probability,
                    delay_hours: num("delayHours", 24.0)?,
                })
            }
            "paper-unit" => {
                o.only(&["kind", "unit"], Code::BadOption)?;
                out.push(Problem::PaperUnit {
                    unit: convert::string(&o.get("unit"), "problems.unit", Code::BadOption)?,
                })
            }
            other => {
                return Err(Error::option(
                    "problems",
                    format!("problems.kind: {other:?} is not \"slow-unit\", \"flaky-edge\" or \"paper-unit\""),
                ))
            }
        }
    }
    Ok(out)
}

fn generator_options(v: &JsValue) -> Result<(GeneratorOptions, JsValue)> {
    let o = Obj::new(v, "generate options", Code::BadOption)?;
    o.only(
        &[
            "events",
            "seed",
            "start",
            "days",
            "structure",
            "districts",
            "communesPerDistrict",
            "departments",
            "problems",
            "openShare",
            "fanOut",
            "tracker",
        ],
        Code::BadOption,
    )?;
    let mut g = GeneratorOptions { seed: seed(&o.get("seed"))?, ..GeneratorOptions::default() };
    if let Some(n) = whole(&o, "events", 100.0, 10_000_000.0)? {
        g.events = n as usize;
    }
    if let Some(at) = convert::instant(&o.get("start"), TimeZone::VIETNAM, "start", Code::BadOption)? {
        g.start = at;
    }
    if let Some(n) = whole(&o, "days", 0.0, 3650.0)? {
        g.days = n as u32;
    }
    if let Some(s) = convert::string(&o.get("structure"), "structure", Code::BadOption)? {
        g.structure = match s.as_str() {
            "four-level" => Structure::FourLevel,
            "three-level" => Structure::ThreeLevel,
            "reform" => Structure::Reform,
            _ => {
                return Err(Error::option(
                    "structure",
                    format!("structure: {s:?} is not \"four-level\", \"three-level\" or \"reform\""),
                ))
            }
        };
    }
    if let Some(n) = whole(&o, "districts", 1.0, 1000.0)? {
        g.districts = n as usize;
    }
    if let Some(n) = whole(&o, "communesPerDistrict", 1.0, 1000.0)? {
        g.communes_per_district = n as usize;
    }
    if let Some(n) = whole(&o, "departments", 1.0, 1000.0)? {
        g.departments = n as usize;
    }
    for (key, slot) in [("openShare", &mut g.open_share), ("fanOut", &mut g.fan_out)] {
        let share = o.get(key);
        if !is_absent(&share) {
            *slot = share
                .as_f64()
                .filter(|x| (0.0..=1.0).contains(x))
                .ok_or_else(|| Error::option(key, format!("{key}: expected a number within 0..1")))?;
        }
    }
    g.problems = problems(&o.get("problems"))?;
    Ok((g, o.get("tracker")))
}

/// `generate({ events, seed, structure, problems, fanOut, openShare, tracker })`: generates a province and
/// loads it into a new Tracker. Returns `{ tracker, seed, truth, report }`; `seed` is a decimal
/// string (seeds are 64-bit).
#[wasm_bindgen]
pub fn generate(options: JsValue) -> std::result::Result<JsValue, JsValue> {
    let run = || -> Result<JsValue> {
        let (g, tracker_opts) = generator_options(&options)?;
        let mut tracker = Tracker::new(tracker_options(&tracker_opts)?);
        let log = GeneratedLog::generate(&g);
        let report = log.load_into(&mut tracker);
        let t = &log.truth;
        let truth = Truth {
            slow_units: &t.slow_units,
            slow_factors: &t.slow_factors,
            flaky_edges: t.flaky_edges.iter().map(|(a, b)| [a.as_str(), b.as_str()]).collect(),
            as_of: t.as_of,
            documents: t.documents,
            open_documents: t.open_documents,
            overdue_documents: t.overdue_documents,
            open_copies: t.open_copies,
            overdue_copies: t.overdue_copies,
            copies_opened_by_sent: t.copies_opened_by_sent,
            fan_out_documents: t.fan_out_documents,
            recalls: t.recalls,
            paper_units: &t.paper_units,
            electronic_documents: t.electronic_documents,
            signed_documents: t.signed_documents,
            axis_handovers: t.axis_handovers,
            province_handovers: t.province_handovers,
            paper_handovers: t.paper_handovers,
            cutover: t.cutover,
            units: log.unit_count(),
            events: log.event_count(),
        };
        let out = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&out, &JsValue::from_str(k), v).map(|_| ());
        let fail = |_| Error::new(Code::Internal, None, "cannot build the result object");
        set("tracker", &JsValue::from(JsTracker::from_tracker(tracker))).map_err(fail)?;
        set("seed", &JsValue::from_str(&log.seed.to_string())).map_err(fail)?;
        set("truth", &to_js(&truth)?).map_err(fail)?;
        set("report", &to_js(&report)?).map_err(fail)?;
        Ok(out.into())
    };
    run().map_err(JsValue::from)
}
