//! The JS exports: `exportCsv()`, `exportXes()` (the whole log) and
//! `analysisCsv(name, options)` (an analysis result as a CSV table), strings made by
//! [`crate::export`].

use super::convert;
use super::error::{Code, Error};
use super::tracker::JsTracker;
use crate::export::table::{self, Node, Table};
use crate::export::{csv, xes};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// The whole log as CSV: one row per event, the document's fields repeated on each row
    /// (`doc,unit,action,at,to,due,actor,note,channel,type,urgency,number,subject,issuer,signed,format`),
    /// what `importCsv` reads back.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        csv::log_csv(&self.tracker())
    }

    /// The whole log as XES (IEEE 1849-2016): a trace per document, an event per event.
    #[wasm_bindgen(js_name = exportXes)]
    pub fn export_xes(&self) -> String {
        xes::log_xes(&self.tracker())
    }

    /// `analysisCsv(name, options)`: the result of an analysis as a CSV table. `name`:
    /// `summary`, `directlyFollows`, `flowNodes`, `flowEdges`, `processingTimes`,
    /// `bottleneckUnits`, `bottleneckEdges`, `overdue`, `report`, `timeline`, `egov`; `options`:
    /// those of the analysis (`{ key, case, ...query }` for `directlyFollows`, …).
    ///
    /// ```js
    /// const csv = t.analysisCsv("overdue", { asOf: "2026-11-01" });
    /// ```
    #[wasm_bindgen(js_name = analysisCsv)]
    pub fn analysis_csv(&self, name: JsValue, options: JsValue) -> std::result::Result<String, JsValue> {
        self.table_csv(&name, &options)
    }
}

impl JsTracker {
    fn table_csv(&self, name: &JsValue, options: &JsValue) -> std::result::Result<String, JsValue> {
        let names = || Table::ALL.iter().map(|t| format!("{:?}", t.as_str())).collect::<Vec<_>>().join(", ");
        let name = convert::string(name, "name", Code::BadQuery)?
            .ok_or_else(|| Error::query("name", format!("analysisCsv(name, options): name is one of {}", names())))?;
        let t = Table::parse(&name)
            .ok_or_else(|| Error::query("name", format!("name: {name:?} is not one of {}", names())))?;
        // The result as the JS object the analysis method returns, flattened from there: the
        // wasm needs no second serializer of every result type.
        let o = options.clone();
        let js = match t {
            Table::Summary => self.summary(o),
            Table::DirectlyFollows => self.directly_follows(o),
            Table::FlowNodes | Table::FlowEdges => self.flow(o),
            Table::ProcessingTimes => self.processing_times(o),
            Table::BottleneckUnits | Table::BottleneckEdges => self.bottlenecks(o),
            Table::Overdue => self.overdue(o),
            Table::Report => self.report(o),
            Table::Timeline => self.timeline(o),
            Table::Egov => self.egov(o),
        };
        Ok(table::node_csv(&node(&js?), t.rows()))
    }
}

/// A JS value (plain data, as the analyses return) as a [`Node`].
fn node(v: &JsValue) -> Node<'static> {
    if let Some(b) = v.as_bool() {
        Node::Bool(b)
    } else if let Some(f) = v.as_f64() {
        Node::Float(f)
    } else if let Some(s) = v.as_string() {
        Node::Text(s.into())
    } else if js_sys::Array::is_array(v) {
        Node::List(js_sys::Array::from(v).iter().map(|x| node(&x)).collect())
    } else if v.is_object() {
        let entries = js_sys::Object::entries(&js_sys::Object::from(v.clone()));
        Node::Object(
            entries
                .iter()
                .map(|e| {
                    let e = js_sys::Array::from(&e);
                    (e.get(0).as_string().unwrap_or_default().into(), node(&e.get(1)))
                })
                .collect(),
        )
    } else {
        Node::Null
    }
}
