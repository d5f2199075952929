//! The JS exports: `exportCsv()`, `exportXes()` (the whole log) and
//! `analysisCsv(name, options)` (an analysis result as a CSV table): the logs written by
//! [`crate::export`], the analysis tables flattened in JavaScript (`src/wasm/table.js`) from the
//! result the analysis method returns.

use super::convert;
use super::error::{Code, Error};
use super::tracker::JsTracker;
use crate::export::table::{Rows, Table};
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

#[wasm_bindgen(module = "/src/wasm/table.js")]
extern "C" {
    /// The CSV table of an analysis result (the JS object the analysis method returned),
    /// flattened as [`crate::export::table::node_csv`] does; `mode`, `fields` and `tag` say
    /// which part makes the rows ([`Rows`]).
    #[wasm_bindgen(js_name = tableCsv)]
    fn table_csv_js(result: &JsValue, mode: u32, fields: &str, tag: &str) -> String;
}

impl JsTracker {
    fn table_csv(&self, name: &JsValue, options: &JsValue) -> std::result::Result<String, JsValue> {
        let names = || Table::ALL.iter().map(|t| format!("{:?}", t.as_str())).collect::<Vec<_>>().join(", ");
        let name = convert::string(name, "name", Code::BadQuery)?
            .ok_or_else(|| Error::query("name", format!("analysisCsv(name, options): name is one of {}", names())))?;
        let t = Table::parse(&name)
            .ok_or_else(|| Error::query("name", format!("name: {name:?} is not one of {}", names())))?;
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
        }?;
        // The result is a JS object already: flattened in JavaScript (src/wasm/table.js), the
        // wasm needs no second walk of every result type.
        Ok(match t.rows() {
            Rows::One => table_csv_js(&js, 0, "", ""),
            Rows::Each => table_csv_js(&js, 1, "", ""),
            Rows::Fields(fields, tag) => table_csv_js(&js, 2, &fields.join(","), tag.unwrap_or("")),
        })
    }
}
