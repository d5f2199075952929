//! Loading documents: upsert by id, validate urgency and due time.

use super::{read_optional_due, time_message, DocumentRecord, IngestReport, TimeValue};
use crate::model::text::normalize_id;
use crate::model::{DocFormat, TimeZone, Urgency};
use crate::store::Store;

impl Store {
    /// Loads documents. A document already known is updated with the fields the record gives.
    /// An issuer not yet known is created without a level and noted in the report.
    pub fn add_documents<'a, I>(&mut self, records: I, zone: TimeZone) -> IngestReport
    where
        I: IntoIterator<Item = DocumentRecord<'a>>,
    {
        let mut report = IngestReport::default();
        let mut records = records.into_iter();
        let n = records.size_hint().0;
        self.documents.reserve(n);
        self.events.doc_begin.reserve(n);
        self.events.doc_end.reserve(n);
        // Records go in blocks: the table slots of a block's ids, numbers and subjects are
        // found, then read in one short loop, then the records are loaded. Past the caches each
        // lookup is a cache miss; read together, the misses of a block overlap instead of
        // following one another.
        const BLOCK: usize = 16;
        let (mut block, mut index) = (Vec::with_capacity(BLOCK), 0);
        let (mut ids, mut texts) = ([0; BLOCK], [0; 2 * BLOCK]);
        loop {
            block.extend(records.by_ref().take(BLOCK));
            if block.is_empty() {
                return report;
            }
            let mut t = 0;
            for (k, r) in block.iter().enumerate() {
                ids[k] = self.documents.ids.slot_of(&normalize_id(r.id));
                for text in [r.number, r.subject].into_iter().flatten() {
                    texts[t] = self.texts.slot_of(text);
                    t += 1;
                }
            }
            std::hint::black_box(self.documents.ids.touch(&ids[..block.len()]) ^ self.texts.touch(&texts[..t]));
            for r in block.drain(..) {
                self.add_document(index, r, zone, &mut report);
                index += 1;
            }
        }
    }

    /// Loads record `index` of a call (see [`Store::add_documents`]), reporting into `report`.
    pub(crate) fn add_document(
        &mut self,
        index: usize,
        r: DocumentRecord<'_>,
        zone: TimeZone,
        report: &mut IngestReport,
    ) {
        if r.id.trim().is_empty() {
            report.reject(index, "id", "missing document id");
            return;
        }
        let urgency = match r.urgency {
            None => None,
            Some(t) => match Urgency::parse(t) {
                Some(u) => Some(u),
                None => {
                    report.reject(
                        index,
                        "urgency",
                        format!("unknown urgency {t:?}: expected normal, urgent, very-urgent or flash"),
                    );
                    return;
                }
            },
        };
        let format = match r.format.map(str::trim).filter(|f| !f.is_empty()) {
            None => None,
            Some(f) => match DocFormat::parse(f) {
                Some(f) => Some(f),
                None => {
                    report.reject(index, "format", format!("unknown format {f:?}: expected electronic or paper"));
                    return;
                }
            },
        };
        let due = match read_optional_due(r.due, zone, self.date_only_due_ms) {
            Ok(due) => due,
            Err(e) => {
                report.reject(index, "due", time_message(e, r.due.unwrap_or(TimeValue::Text(""))));
                return;
            }
        };
        let (d, _) = self.document_or_create(r.id);
        let di = d.index();
        if let Some(issuer) = r.issuer.filter(|s| !s.trim().is_empty()) {
            self.documents.issuer[di] = self.unit_or_create(issuer, report);
        }
        if let Some(u) = urgency {
            self.documents.urgency[di] = u;
        }
        if due.is_some() {
            self.documents.due[di] = due;
        }
        if r.signed.is_some() {
            self.documents.signed[di] = r.signed;
        }
        if format.is_some() {
            self.documents.format[di] = format;
        }
        for (field, column) in [
            (r.number, &mut self.documents.number),
            (r.doc_type, &mut self.documents.doc_type),
            (r.subject, &mut self.documents.subject),
        ] {
            if let Some(text) = field {
                column[di] = self.texts.intern(text);
            }
        }
        for (k, v) in &r.attributes {
            let (k, v) = (self.texts.intern(k), self.texts.intern(v));
            self.documents.set_attribute(d, k, v);
        }
        self.documents.declared[di] = true;
        report.accepted += 1;
    }
}
