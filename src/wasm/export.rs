//! The JS exports: `exportCsv()`, `exportXes()`, `exportUnitsCsv()` (the whole log) and
//! `analysisCsv(name, options)` (an analysis result as a CSV table), strings made by
//! [`crate::export`].

use super::convert;
use super::error::{Code, Error, Result};
use super::tracker::JsTracker;
use crate::export::table::{self, Analysis, Table};
use crate::export::{csv, xes};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// The whole log as CSV: one row per event, the document's fields repeated on each row
    /// (`doc,unit,action,at,to,due,actor,note,channel,type,urgency,number,subject,issuer,signed,format`),
    /// what `importCsv` reads back.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        csv::log_csv(self.tracker())
    }

    /// The units as CSV (`id,name,level,parent,validFrom,validTo,successor`).
    #[wasm_bindgen(js_name = exportUnitsCsv)]
    pub fn export_units_csv(&self) -> String {
        csv::units_csv(self.tracker())
    }

    /// The whole log as XES (IEEE 1849-2016): a trace per document, an event per event.
    #[wasm_bindgen(js_name = exportXes)]
    pub fn export_xes(&self) -> String {
        xes::log_xes(self.tracker())
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
        self.table_csv(&name, &options).map_err(JsValue::from)
    }
}

impl JsTracker {
    fn table_csv(&self, name: &JsValue, options: &JsValue) -> Result<String> {
        let names = || Table::ALL.iter().map(|t| format!("{:?}", t.as_str())).collect::<Vec<_>>().join(", ");
        let name = convert::string(name, "name", Code::BadQuery)?
            .ok_or_else(|| Error::query("name", format!("analysisCsv(name, options): name is one of {}", names())))?;
        let t = Table::parse(&name)
            .ok_or_else(|| Error::query("name", format!("name: {name:?} is not one of {}", names())))?;
        Ok(match t {
            Table::Summary => table::result_csv(Analysis::Summary(&self.summary_result(options)?)),
            Table::DirectlyFollows => {
                table::result_csv(Analysis::DirectlyFollows(&self.directly_follows_result(options)?))
            }
            Table::FlowNodes | Table::FlowEdges => {
                table::result_csv(Analysis::Flow(&self.flow_result(options)?, t == Table::FlowEdges))
            }
            Table::ProcessingTimes => {
                table::result_csv(Analysis::ProcessingTimes(&self.processing_times_result(options)?))
            }
            Table::BottleneckUnits | Table::BottleneckEdges => table::result_csv(Analysis::Bottlenecks(
                &self.bottlenecks_result(options)?,
                t == Table::BottleneckEdges,
            )),
            Table::Overdue => table::result_csv(Analysis::Overdue(&self.overdue_result(options)?)),
            Table::Report => table::result_csv(Analysis::Report(&self.report_result(options)?)),
            Table::Timeline => table::result_csv(Analysis::Timeline(&self.timeline_result(options)?)),
            Table::Egov => table::result_csv(Analysis::Egov(&self.egov_result(options)?)),
        })
    }
}
