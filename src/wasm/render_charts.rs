//! `Tracker.renderSvg(kind, options)`: the charts of SPEC §6 beside the flow map, as SVG strings.

use super::convert::{self, is_absent, Obj};
use super::error::{Code, Error, Result};
use super::render_flow::{char_widths, locale_and_prefix};
use super::tracker::JsTracker;
use crate::analysis::{Bucket, ReportBy};
use crate::render::charts::{ChartData, ChartKind, ChartOptions};
use wasm_bindgen::prelude::*;

/// The option keys of `renderSvg` beside the query's.
const CHART_KEYS: [&str; 10] =
    ["by", "width", "height", "locale", "idPrefix", "charWidths", "maxRows", "top", "bucket", "dueSoonWithin"];

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `renderSvg(kind, { by, width, height, locale, idPrefix, charWidths, maxRows, top, bucket,
    /// dueSoonWithin, ...query })`: the chart `kind` — `"sankey"`, `"deadlines"`,
    /// `"bottlenecks"`, `"distribution"` or `"timeline"` — as an SVG string.
    ///
    /// ```js
    /// el.innerHTML = t.renderSvg("deadlines", { by: "level", width: 640, locale: "en" });
    /// ```
    #[wasm_bindgen(js_name = renderSvg)]
    pub fn render_svg(&self, kind: JsValue, options: JsValue) -> std::result::Result<String, JsValue> {
        self.chart(&kind, &options).map_err(JsValue::from)
    }
}

impl JsTracker {
    fn chart(&self, kind: &JsValue, options: &JsValue) -> Result<String> {
        // `convert::names(&ChartKind::ALL)`, written out: no JSON writer of its own.
        let names = r#""sankey", "deadlines", "bottlenecks", "distribution", "timeline""#;
        let kind = match convert::string(kind, "kind", Code::BadQuery)? {
            Some(k) => ChartKind::parse(&k)
                .ok_or_else(|| Error::query("kind", format!("kind: {k:?} is not one of {names}")))?,
            None => return Err(Error::query("kind", format!("kind: required, one of {names}"))),
        };
        let (o, q) = self.args(options, &CHART_KEYS)?;
        let chart = chart_options(&o, &self.inner.borrow())?;
        let data = chart_data(&o)?;
        self.inner.borrow().render_chart(kind, &data, &q, &chart).map_err(Error::from)
    }
}

/// Reads the drawing options; locale and working day default to the tracker's.
fn chart_options(o: &Obj, t: &crate::Tracker) -> Result<ChartOptions> {
    let mut c = ChartOptions {
        locale: t.options().locale,
        working_day_ms: t.options().clock.working_day_ms() as f64,
        ..ChartOptions::default()
    };
    if let Some(w) = positive(o, "width")? {
        c.width = w;
    }
    c.height = positive(o, "height")?;
    locale_and_prefix(o, &mut c.locale, &mut c.id_prefix)?;
    if let Some(n) = positive(o, "maxRows")? {
        c.max_rows = whole(n, "maxRows")?;
    }
    if let Some(m) = char_widths(o)? {
        c.metrics = m;
    }
    Ok(c)
}

/// Reads what the chart is drawn from.
fn chart_data(o: &Obj) -> Result<ChartData> {
    let mut d = ChartData::default();
    if let Some(by) = convert::string(&o.get("by"), "by", Code::BadQuery)? {
        d.by_level = match ReportBy::parse(&by) {
            Some(ReportBy::Level) => true,
            Some(ReportBy::Unit) => false,
            None => {
                let allowed = convert::names(&[ReportBy::Unit, ReportBy::Level]);
                return Err(Error::query("by", format!("by: {by:?} is not one of {allowed}")));
            }
        };
    }
    if let Some(n) = positive(o, "top")? {
        d.top = whole(n, "top")?;
    }
    if let Some(b) = convert::string(&o.get("bucket"), "bucket", Code::BadQuery)? {
        d.bucket = Bucket::parse(&b).ok_or_else(|| {
            Error::query("bucket", format!("bucket: {b:?} is not one of \"day\", \"week\", \"month\""))
        })?;
    }
    if let Some(due) = convert::duration(&o.get("dueSoonWithin"), "dueSoonWithin", Code::BadQuery)? {
        d.report.due_soon_within = due;
    }
    Ok(d)
}

/// An optional positive finite number.
fn positive(o: &Obj, field: &str) -> Result<Option<f64>> {
    let v = o.get(field);
    if is_absent(&v) {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.is_finite() && n > 0.0 => Ok(Some(n)),
        _ => Err(Error::query(field, format!("{field}: expected a positive number"))),
    }
}

/// `n` as a whole count.
fn whole(n: f64, field: &str) -> Result<usize> {
    if n.fract() == 0.0 && n <= 1e9 {
        Ok(n as usize)
    } else {
        Err(Error::query(field, format!("{field}: expected a positive whole number")))
    }
}
