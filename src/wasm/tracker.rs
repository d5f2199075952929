//! The JS `Tracker` class.

use super::bulk;
use super::convert::{self, is_absent, keys, to_js, Obj};
use super::error::{Code, Error, Result};
use super::memory;
use crate::analysis::{Bucket, DfgCase, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportBy, ReportOptions};
use crate::calendar::spec;
use crate::ingest::{json, IngestReport};
use crate::locale::Locale;
use crate::model::{TimeZone, DEFAULT_TERMINAL_ACTIONS};
use crate::query::Query;
use crate::{Tracker, TrackerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Units, documents and events of one portal, and the analyses over them (SPEC §5).
#[wasm_bindgen(js_name = Tracker)]
pub struct JsTracker {
    /// Shared with the streaming importers it hands out (`importer()`), which load into it.
    pub(crate) inner: Rc<RefCell<Tracker>>,
}

pub(super) fn js<T>(r: Result<T>) -> std::result::Result<T, JsValue> {
    r.map_err(JsValue::from)
}

fn ingest_report(r: IngestReport) -> std::result::Result<JsValue, JsValue> {
    js(to_js(&r))
}

/// Every [`GroupBy`], for the message listing the allowed `by` values.
const GROUP_BY: [GroupBy; 7] =
    [GroupBy::Document, GroupBy::Copy, GroupBy::Unit, GroupBy::Level, GroupBy::Type, GroupBy::Urgency, GroupBy::Edge];

/// Stops compiling when `GroupBy` gains a value, so that [`GROUP_BY`] is kept complete.
#[allow(dead_code)]
fn group_by_is_complete(g: GroupBy) {
    match g {
        GroupBy::Document
        | GroupBy::Copy
        | GroupBy::Unit
        | GroupBy::Level
        | GroupBy::Type
        | GroupBy::Urgency
        | GroupBy::Edge => {}
    }
}

/// Reads `new Tracker(options)`.
pub(crate) fn tracker_options(v: &JsValue) -> Result<TrackerOptions> {
    let o = Obj::new(v, "Tracker options", Code::BadOption)?;
    o.only(
        &["timeZone", "terminalActions", "locale", "calendar", "dueRules", "assumeClosed", "memoryLimit"],
        Code::BadOption,
    )?;
    let mut opts = TrackerOptions::default();
    let tz = o.get("timeZone");
    if let Some(s) = tz.as_string() {
        opts.time_zone = TimeZone::parse(&s)
            .map_err(|e| Error::option("timeZone", format!("timeZone: {e} (got {s:?}; expected like \"+07:00\")")))?;
    } else if let Some(min) = tz.as_f64() {
        if !(min.fract() == 0.0 && (-18.0 * 60.0..=18.0 * 60.0).contains(&min)) {
            return Err(Error::option("timeZone", "timeZone: minutes east of UTC must be a whole number within ±18 h"));
        }
        opts.time_zone = TimeZone { offset_minutes: min as i32 };
    } else if !is_absent(&tz) {
        return Err(Error::option("timeZone", "timeZone: expected an offset like \"+07:00\" or minutes east of UTC"));
    }
    let ta = o.get("terminalActions");
    if !is_absent(&ta) {
        let list = convert::strings(&ta, "terminalActions", Code::BadOption)?;
        if list.iter().any(|s| s.trim().is_empty()) {
            return Err(Error::option("terminalActions", "terminalActions: an action cannot be empty"));
        }
        opts.terminal_actions = list;
    } else {
        opts.terminal_actions = DEFAULT_TERMINAL_ACTIONS.iter().map(|s| s.to_string()).collect();
    }
    if let Some(l) = convert::string(&o.get("locale"), "locale", Code::BadOption)? {
        opts.locale = Locale::parse(&l)
            .ok_or_else(|| Error::option("locale", format!("locale: {l:?} is not supported; use \"vi\" or \"en\"")))?;
    }
    // A `Calendar` is read through its `toJSON()`: the tracker keeps its own copy, so later
    // changes to the Calendar (or freeing it) do not reach the tracker.
    if let Some(v) = convert::json(&o.get("calendar"), "calendar", true, Code::BadOption)? {
        opts.clock = spec::clock_from_plain(&v).map_err(|e| Error::spec(e, Code::BadOption, Some("calendar")))?;
    }
    if let Some(b) = convert::boolean(&o.get("assumeClosed"), "assumeClosed", Code::BadOption)? {
        opts.assume_closed = b;
    }
    let limit = o.get("memoryLimit");
    if !is_absent(&limit) {
        match limit.as_f64() {
            Some(b) if b.fract() == 0.0 && (1.0..=memory::CEILING as f64).contains(&b) => {
                opts.memory_limit = Some(b as u64)
            }
            _ => {
                return Err(Error::option(
                    "memoryLimit",
                    "memoryLimit: expected a whole number of bytes, at most 4 GiB (4294967296)",
                ))
            }
        }
    }
    if let Some(v) = convert::json(&o.get("dueRules"), "dueRules", true, Code::BadOption)? {
        opts.due_rules =
            spec::due_rules_from_plain(&v).map_err(|e| Error::spec(e, Code::BadOption, Some("dueRules")))?;
    }
    Ok(opts)
}

impl JsTracker {
    /// Wraps a loaded tracker (the demo build's `generate()`).
    #[cfg(feature = "demo")]
    pub(crate) fn from_tracker(inner: Tracker) -> JsTracker {
        JsTracker { inner: Rc::new(RefCell::new(inner)) }
    }

    /// The tracker behind the JS object.
    #[cfg(feature = "exports")]
    pub(super) fn tracker(&self) -> std::cell::Ref<'_, Tracker> {
        self.inner.borrow()
    }

    fn zone(&self) -> TimeZone {
        self.inner.borrow().options().time_zone
    }

    /// Reads an analysis argument: the query keys plus `extra`; then checks that the analysis
    /// has the memory it may need ([`memory::analysis_room`]).
    pub(super) fn args(&self, v: &JsValue, extra: &[&str]) -> Result<(Obj, Query)> {
        let read = self.read_args(v, extra)?;
        memory::analysis_room(self.inner.borrow().analysis_need())?;
        Ok(read)
    }

    fn read_args(&self, v: &JsValue, extra: &[&str]) -> Result<(Obj, Query)> {
        let o = Obj::new(v, "query", Code::BadQuery)?;
        o.only(&keys(extra), Code::BadQuery)?;
        let q = convert::query(&o, self.zone())?;
        Ok((o, q))
    }
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `new Tracker({ timeZone, terminalActions, locale, calendar, dueRules, assumeClosed })`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> std::result::Result<JsTracker, JsValue> {
        let opts = js(tracker_options(&options))?;
        Ok(JsTracker { inner: Rc::new(RefCell::new(Tracker::new(opts))) })
    }

    /// Loads units: `[{ id, name, level, parent, validFrom, validTo, successor }]`.
    #[wasm_bindgen(js_name = addUnits)]
    pub fn add_units(&mut self, units: JsValue) -> std::result::Result<JsValue, JsValue> {
        let what = "addUnits(units): units";
        let load = self.load(false);
        self.load_units(js(convert::array_json(&units, what, &load))?, what)
    }

    /// Loads documents: `[{ id, number, type, urgency, due, issuer, subject, attributes }]`.
    #[wasm_bindgen(js_name = addDocuments)]
    pub fn add_documents(&mut self, documents: JsValue) -> std::result::Result<JsValue, JsValue> {
        let what = "addDocuments(documents): documents";
        let load = self.load(false);
        self.load_documents(js(convert::array_json(&documents, what, &load))?, what)
    }

    /// Loads events: `[{ doc, unit, action, at, to, due, actor, note }]`; `to` is one unit id or
    /// a list of them, `due` (on a `sent`) the deadline given to those recipients.
    #[wasm_bindgen(js_name = addEvents)]
    pub fn add_events(&mut self, events: JsValue) -> std::result::Result<JsValue, JsValue> {
        let what = "addEvents(events): events";
        let load = self.load(true);
        self.load_events(js(convert::array_json(&events, what, &load))?, what)
    }

    /// Loads units from the text of a JSON array.
    #[wasm_bindgen(js_name = addUnitsJson)]
    pub fn add_units_json(&mut self, text: JsValue) -> std::result::Result<JsValue, JsValue> {
        let what = "addUnitsJson(text)";
        let load = self.load(false);
        self.load_units(js(bulk::text_arg(&text, what, &load))?, what)
    }

    /// Loads documents from the text of a JSON array.
    #[wasm_bindgen(js_name = addDocumentsJson)]
    pub fn add_documents_json(&mut self, text: JsValue) -> std::result::Result<JsValue, JsValue> {
        let what = "addDocumentsJson(text)";
        let load = self.load(false);
        self.load_documents(js(bulk::text_arg(&text, what, &load))?, what)
    }

    /// Loads events from the text of a JSON array: one call, no JS object per event.
    #[wasm_bindgen(js_name = addEventsJson)]
    pub fn add_events_json(&mut self, text: JsValue) -> std::result::Result<JsValue, JsValue> {
        let what = "addEventsJson(text)";
        let load = self.load(true);
        self.load_events(js(bulk::text_arg(&text, what, &load))?, what)
    }

    /// Loads events from typed-array columns over string dictionaries (the fastest path).
    #[wasm_bindgen(js_name = addEventColumns)]
    pub fn add_event_columns(&mut self, columns: JsValue) -> std::result::Result<JsValue, JsValue> {
        let r = js(bulk::add_event_columns(&mut self.inner.borrow_mut(), &columns))?;
        ingest_report(r)
    }

    /// Bytes held by the store, and how close the page is to its ceiling: `{ events, eventBytes,
    /// tableBytes, totalBytes, bytesPerEvent, moduleBytes, wasmMemoryBytes, limitBytes,
    /// headroomBytes, eventsLeft }` (see `MemoryReport` in the declarations).
    pub fn memory(&self) -> std::result::Result<JsValue, JsValue> {
        let t = self.inner.borrow();
        let m = t.memory();
        let f = t.footprint();
        // Under the ceiling, and under the tracker's own limit if it has one.
        let mut headroom = memory::left();
        let mut limit = memory::CEILING;
        if let Some(l) = f.limit {
            headroom = headroom.min(l.saturating_sub(f.held));
            limit = limit.min(l);
        }
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Report {
            #[serde(flatten)]
            store: crate::store::MemoryReport,
            module_bytes: u64,
            wasm_memory_bytes: u64,
            limit_bytes: u64,
            headroom_bytes: u64,
            events_left: u64,
        }
        js(to_js(&Report {
            store: m,
            module_bytes: memory::live(),
            wasm_memory_bytes: memory::memory_bytes(),
            limit_bytes: limit,
            headroom_bytes: headroom,
            events_left: f.events_within(headroom),
        }))
    }

    /// Number of units, documents and events loaded.
    pub fn counts(&self) -> std::result::Result<JsValue, JsValue> {
        let t = self.inner.borrow();
        let s = t.store();
        #[derive(serde::Serialize)]
        struct Counts {
            units: usize,
            documents: usize,
            events: usize,
        }
        js(to_js(&Counts { units: s.units.len(), documents: s.documents.len(), events: s.events.len() }))
    }

    /// Checks a query without running an analysis (throws `LienthongError` when it is bad).
    #[wasm_bindgen(js_name = checkQuery)]
    pub fn check_query(&self, query: JsValue) -> std::result::Result<(), JsValue> {
        let (_, q) = js(self.read_args(&query, &[]))?;
        js(self.inner.borrow().scope(&q).map(|_| ()).map_err(Error::from))
    }

    /// `summary(query)`: counts of units, documents, events, open, closed, late, overdue, and
    /// lead-time statistics.
    pub fn summary(&self, query: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (_, q) = self.args(&query, &[])?;
            to_js(&self.inner.borrow().summary(&q)?)
        })())
    }

    /// `directlyFollows({ key: "unit" | "action" | "level", case: "document" | "copy", working,
    /// ...query })`: arcs with count and duration statistics (PM4Py's DFG with documents as
    /// cases, the default; or within each copy); `working: true` adds working-time figures.
    #[wasm_bindgen(js_name = directlyFollows)]
    pub fn directly_follows(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["key", "case", "working"])?;
            let working = convert::boolean(&o.get("working"), "working", Code::BadQuery)?.unwrap_or(false);
            let key = match convert::string(&o.get("key"), "key", Code::BadQuery)? {
                None => DfgKey::Unit,
                Some(k) => DfgKey::parse(&k).ok_or_else(|| {
                    Error::query("key", format!("key: {k:?} is not one of \"unit\", \"action\", \"level\""))
                })?,
            };
            let case = match convert::string(&o.get("case"), "case", Code::BadQuery)? {
                None => DfgCase::Document,
                Some(k) => DfgCase::parse(&k)
                    .ok_or_else(|| Error::query("case", format!("case: {k:?} is not one of \"document\", \"copy\"")))?,
            };
            to_js(&self.inner.borrow().directly_follows_with(key, case, working, &q)?)
        })())
    }

    /// `flow(query)`: units (nodes), handovers (edges), level matrix and directions.
    pub fn flow(&self, query: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (_, q) = self.args(&query, &[])?;
            to_js(&self.inner.borrow().flow(&q)?)
        })())
    }

    /// `processingTimes({ by: "document" | "copy" | "unit" | "level" | "type" | "urgency" | "edge",
    /// ...query })`.
    #[wasm_bindgen(js_name = processingTimes)]
    pub fn processing_times(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["by"])?;
            let by = match convert::string(&o.get("by"), "by", Code::BadQuery)? {
                None => GroupBy::Unit,
                Some(k) => GroupBy::parse(&k).ok_or_else(|| {
                    Error::query("by", format!("by: {k:?} is not one of {}", convert::names(&GROUP_BY)))
                })?,
            };
            to_js(&self.inner.borrow().processing_times(by, &q)?)
        })())
    }

    /// `bottlenecks({ top = 10, ...query })`: units and edges ranked by how much they hold
    /// documents up, each with a one-line reason.
    pub fn bottlenecks(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["top"])?;
            let top = o.get("top");
            let top = if is_absent(&top) {
                10
            } else {
                match top.as_f64() {
                    Some(n) if n.fract() == 0.0 && (1.0..=1e9).contains(&n) => n as usize,
                    _ => return Err(Error::query("top", "top: expected a positive whole number")),
                }
            };
            to_js(&self.inner.borrow().bottlenecks(top, &q)?)
        })())
    }

    /// `overdue({ asOf, dueSoonWithin = "2d", assumeClosed = false, limit, ...query })`.
    pub fn overdue(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["dueSoonWithin", "assumeClosed", "limit"])?;
            let mut opts = OverdueOptions::default();
            if let Some(d) = convert::duration(&o.get("dueSoonWithin"), "dueSoonWithin", Code::BadQuery)? {
                opts.due_soon_within = d;
            }
            if let Some(b) = convert::boolean(&o.get("assumeClosed"), "assumeClosed", Code::BadQuery)? {
                opts.assume_closed = b;
            }
            let limit = o.get("limit");
            if !is_absent(&limit) {
                match limit.as_f64() {
                    Some(n) if n.fract() == 0.0 && (0.0..=1e9).contains(&n) => opts.limit = Some(n as usize),
                    _ => return Err(Error::query("limit", "limit: expected a whole number ≥ 0")),
                }
            }
            to_js(&self.inner.borrow().overdue(&opts, &q)?)
        })())
    }

    /// `report({ from, to, by: "unit" | "level", dueSoonWithin = "2d", ...query })`: the period
    /// report (báo cáo tình hình giải quyết văn bản) over `[from, to)`: per unit or level, the
    /// copies carried over, received, finished early / on time / late, open within the
    /// deadline / due soon / overdue, the rates, and a total row.
    pub fn report(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["by", "dueSoonWithin"])?;
            let mut opts = ReportOptions::default();
            if let Some(k) = convert::string(&o.get("by"), "by", Code::BadQuery)? {
                opts.by = ReportBy::parse(&k).ok_or_else(|| {
                    Error::query(
                        "by",
                        format!("by: {k:?} is not one of {}", convert::names(&[ReportBy::Unit, ReportBy::Level])),
                    )
                })?;
            }
            if let Some(d) = convert::duration(&o.get("dueSoonWithin"), "dueSoonWithin", Code::BadQuery)? {
                opts.due_soon_within = d;
            }
            to_js(&self.inner.borrow().report(&opts, &q)?)
        })())
    }

    /// `egov({ by: "unit" | "level" | "month", ...query })`: e-government indicators —
    /// electronic and signed documents, handovers per channel (axis, province, paper, other,
    /// unknown) with median transits, and the units that sent on paper; with a total row.
    pub fn egov(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["by"])?;
            let by = match convert::string(&o.get("by"), "by", Code::BadQuery)? {
                None => EgovBy::Unit,
                Some(k) => EgovBy::parse(&k).ok_or_else(|| {
                    Error::query(
                        "by",
                        format!(
                            "by: {k:?} is not one of {}",
                            convert::names(&[EgovBy::Unit, EgovBy::Level, EgovBy::Month])
                        ),
                    )
                })?,
            };
            to_js(&self.inner.borrow().egov(by, &q)?)
        })())
    }

    /// `timeline({ bucket: "day" | "week" | "month", ...query })`: arrivals, completions,
    /// backlog and overdue per bucket.
    pub fn timeline(&self, options: JsValue) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let (o, q) = self.args(&options, &["bucket"])?;
            let bucket = match convert::string(&o.get("bucket"), "bucket", Code::BadQuery)? {
                None => Bucket::Week,
                Some(k) => Bucket::parse(&k).ok_or_else(|| {
                    Error::query("bucket", format!("bucket: {k:?} is not one of \"day\", \"week\", \"month\""))
                })?,
            };
            to_js(&self.inner.borrow().timeline(bucket, &q)?)
        })())
    }
}

/// The JSON text of an array of records, loaded: one place per record kind, shared by the
/// object methods (`addUnits`, …, which stringify once in the JS engine) and the text methods.
impl JsTracker {
    /// A load about to read its input (see [`bulk::Load`]).
    fn load(&self, events: bool) -> bulk::Load {
        bulk::Load { footprint: self.inner.borrow().footprint(), events }
    }

    fn load_units(&mut self, batch: bulk::Batch, what: &str) -> std::result::Result<JsValue, JsValue> {
        ingest_report(js(batch.load(&mut self.inner.borrow_mut(), what, json::load_units))?)
    }

    fn load_documents(&mut self, batch: bulk::Batch, what: &str) -> std::result::Result<JsValue, JsValue> {
        ingest_report(js(batch.load(&mut self.inner.borrow_mut(), what, json::load_documents))?)
    }

    fn load_events(&mut self, batch: bulk::Batch, what: &str) -> std::result::Result<JsValue, JsValue> {
        ingest_report(js(batch.load(&mut self.inner.borrow_mut(), what, json::load_events))?)
    }
}
