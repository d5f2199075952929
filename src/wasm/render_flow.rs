//! `Tracker.renderFlowSvg(options)`: the flow map (SPEC §6) as an SVG string. The layout and
//! drawing live in [`crate::render::flow_map`]; this only reads the options.

use super::convert::{self, is_absent, type_name, Obj};
use super::error::{Code, Error, Result};
use super::tracker::{js, JsTracker};
use crate::locale::Locale;
use crate::render::{FlowMapOptions, Metrics};
use wasm_bindgen::prelude::*;

/// The option keys besides the query's.
const KEYS: [&str; 9] =
    ["width", "height", "locale", "idPrefix", "expand", "selected", "charWidths", "maxUnits", "norm"];

/// An optional number within `range`.
fn number(o: &Obj, field: &str, range: std::ops::RangeInclusive<f64>) -> Result<Option<f64>> {
    let v = o.get(field);
    if is_absent(&v) {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.is_finite() && range.contains(&n) => Ok(Some(n)),
        _ => Err(Error::query(
            field,
            format!("{field}: expected a number from {} to {}, got {}", range.start(), range.end(), type_name(&v)),
        )),
    }
}

/// Most characters `charWidths` may give.
const MAX_CHAR_WIDTHS: usize = 65_536;

/// `charWidths` (of the flow map and the charts): `{ "a": 0.55, "ệ": 0.6, … }`, each key one
/// character, each width in em (0 to 4).
pub(super) fn char_widths(o: &Obj) -> Result<Option<Metrics>> {
    let v = o.get("charWidths");
    if is_absent(&v) {
        return Ok(None);
    }
    let bad = |m: String| Error::query("charWidths", format!("charWidths: {m}"));
    let map = Obj::new(&v, "charWidths", Code::BadQuery)
        .map_err(|_| bad("expected an object of one-character keys and widths in em".into()))?;
    if map.entries().len() > MAX_CHAR_WIDTHS {
        return Err(bad(format!("at most {MAX_CHAR_WIDTHS} characters")));
    }
    let mut widths = Vec::with_capacity(map.entries().len());
    for (k, w) in map.entries() {
        let mut chars = k.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Err(bad(format!("key {k:?} is not one character")));
        };
        match w.as_f64() {
            Some(em) if em.is_finite() && (0.0..=4.0).contains(&em) => widths.push((c, em)),
            _ => return Err(bad(format!("{k:?}: expected a width in em, 0 to 4"))),
        }
    }
    Ok(Some(Metrics::with_widths(widths)))
}

/// `locale` and `idPrefix` (of the flow map and the charts), over the defaults in `locale` and
/// `prefix`.
pub(super) fn locale_and_prefix(o: &Obj, locale: &mut Locale, prefix: &mut String) -> Result<()> {
    if let Some(l) = convert::string(&o.get("locale"), "locale", Code::BadQuery)? {
        *locale = Locale::parse(&l)
            .ok_or_else(|| Error::query("locale", format!("locale: {l:?} is not supported; use \"vi\" or \"en\"")))?;
    }
    if let Some(p) = convert::string(&o.get("idPrefix"), "idPrefix", Code::BadQuery)? {
        *prefix = p;
    }
    Ok(())
}

impl JsTracker {
    fn flow_map_options(&self, o: &Obj) -> Result<FlowMapOptions> {
        // The tracker's locale and clock, as `Tracker::render_flow_svg` sets them (without its
        // copy of the options).
        let t = self.inner.borrow();
        let clock = &t.options().clock;
        let mut opts = FlowMapOptions {
            locale: t.options().locale,
            working_day_ms: clock.working_day_ms(),
            calendar_time: clock.is_calendar_time(),
            ..FlowMapOptions::default()
        };
        if let Some(w) = number(o, "width", 320.0..=20_000.0)? {
            opts.width = w;
        }
        if let Some(h) = number(o, "height", 0.0..=50_000.0)? {
            opts.height = h;
        }
        locale_and_prefix(o, &mut opts.locale, &mut opts.id_prefix)?;
        opts.expand = convert::strings(&o.get("expand"), "expand", Code::BadQuery)?;
        opts.selected = convert::string(&o.get("selected"), "selected", Code::BadQuery)?;
        if let Some(m) = char_widths(o)? {
            opts.metrics = m;
        }
        if let Some(n) = number(o, "maxUnits", 1.0..=100_000.0)? {
            opts.max_units = n as usize;
        }
        if let Some(d) = convert::duration(&o.get("norm"), "norm", Code::BadQuery)? {
            opts.norm_ms = Some(d.days.saturating_mul(opts.working_day_ms).saturating_add(d.ms) as f64);
        }
        Ok(opts)
    }
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `renderFlowSvg({ width = 960, height, locale, idPrefix = "lt-flow", expand = [],
    /// selected, charWidths, maxUnits = 80, norm, ...query })`: the flow map as an SVG string.
    /// Units carry `data-unit`, aggregated groups `data-group` (the parent id to pass in
    /// `expand`); click handling is the page's.
    ///
    /// ```js
    /// host.innerHTML = t.renderFlowSvg({ width: host.clientWidth, locale: "vi" });
    /// ```
    #[wasm_bindgen(js_name = renderFlowSvg)]
    pub fn render_flow_svg(&self, options: JsValue) -> std::result::Result<String, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &KEYS)?;
            let opts = self.flow_map_options(&o)?;
            // The flow the Sankey of the same query built, if it was the last asked for.
            Ok(crate::render::render_flow_svg(&*self.inner.borrow().shared_flow(&q)?, &opts))
        })())
    }
}
