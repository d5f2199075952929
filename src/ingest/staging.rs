//! Rows read by a file importer (CSV, XES, edXML), held as text until they are loaded.
//!
//! Every importer turns its input into the same rows: one event each, with the fields named by
//! the mapping keys of SPEC §5 ([`Key`]), plus document-level fields (due, type, urgency, …)
//! that may repeat on every row of a document. [`Staging`] keeps the rows' text in one arena
//! (no allocation per row or field) with the line each row came from, and loads them into a
//! [`Tracker`] in batches: documents first (only when a row's document fields differ from the
//! previous row of the same document), then events. Rejections and duplicates come back with
//! the row's index and line (and column, when the importer knows it).
//!
//! Batches are cut by row count only ([`Staging::is_full`]), never by how the input arrived, so
//! a file read in one piece and the same file pushed in random chunks give identical stores.

use super::events::EventLoader;
use super::{DocumentRecord, EventRecord, IdList, IngestReport, Rejection, Targets, TimeValue};
use crate::model::text::trim;
use crate::Tracker;

/// A field an importer can fill: the mapping keys of SPEC §5, and the other fields the
/// exports write so that a round trip loses nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Key {
    /// Document id (`doc`).
    Document,
    /// Unit where the event happened.
    Unit,
    /// Action (`sent`, `arrived`, … or any name).
    Action,
    /// When.
    At,
    /// Target unit(s), several separated by `;` or `|`.
    To,
    /// Deadline: on a `sent` row, the deadline given to its recipients; otherwise the
    /// document's deadline.
    Due,
    /// Document type.
    Type,
    /// Document urgency.
    Urgency,
    /// Staff member.
    Actor,
    /// Free note.
    Note,
    /// Channel of a `sent` or `arrived` (`axis`, `province`, `paper`, …).
    Channel,
    /// Document number (số/ký hiệu).
    Number,
    /// Document subject (trích yếu).
    Subject,
    /// Issuing unit.
    Issuer,
    /// Digitally signed (`true`/`false`, `có`/`không`, `1`/`0`).
    Signed,
    /// Document format (`electronic`/`paper`).
    Format,
}

impl Key {
    /// Number of keys.
    pub const COUNT: usize = 16;

    /// Every key, in order.
    pub const ALL: [Key; Key::COUNT] = [
        Key::Document,
        Key::Unit,
        Key::Action,
        Key::At,
        Key::To,
        Key::Due,
        Key::Type,
        Key::Urgency,
        Key::Actor,
        Key::Note,
        Key::Channel,
        Key::Number,
        Key::Subject,
        Key::Issuer,
        Key::Signed,
        Key::Format,
    ];

    /// The key's name in a mapping (`document`, `unit`, … as in SPEC §5).
    pub fn name(self) -> &'static str {
        match self {
            Key::Document => "document",
            Key::Unit => "unit",
            Key::Action => "action",
            Key::At => "at",
            Key::To => "to",
            Key::Due => "due",
            Key::Type => "type",
            Key::Urgency => "urgency",
            Key::Actor => "actor",
            Key::Note => "note",
            Key::Channel => "channel",
            Key::Number => "number",
            Key::Subject => "subject",
            Key::Issuer => "issuer",
            Key::Signed => "signed",
            Key::Format => "format",
        }
    }

    /// The key of a mapping name (`doc` is accepted for `document`).
    pub fn parse(name: &str) -> Option<Key> {
        match name {
            "doc" => Some(Key::Document),
            _ => Key::ALL.into_iter().find(|k| k.name() == name),
        }
    }

    /// The key a store rejection names by its record field (`doc`, `id`, `at`, …).
    fn of_field(field: &str) -> Option<Key> {
        match field {
            "id" => Some(Key::Document),
            _ => Key::parse(field),
        }
    }

    /// Whether the key describes the document rather than the event.
    fn is_document_level(self) -> bool {
        matches!(self, Key::Type | Key::Urgency | Key::Number | Key::Subject | Key::Issuer | Key::Signed | Key::Format)
    }
}

/// The largest field accepted, in bytes: a longer one is refused with a clear error rather
/// than growing memory without bound (a file with an unbalanced quote would otherwise read
/// the rest of the file as one field).
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// Rows per batch loaded into the tracker (see the module documentation).
pub const BATCH_ROWS: usize = 1 << 16;

/// A field's text in the arena: `start..end`, or absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    const NONE: Span = Span { start: u32::MAX, end: u32::MAX };
}

/// One staged row.
#[derive(Debug, Clone)]
struct Row {
    /// Position of the row among the rows the importer read (0-based).
    index: u32,
    /// Line of the input where the row starts (1-based).
    line: u32,
    fields: [Span; Key::COUNT],
}

/// A unit list read from one field: the ids between `;` or `|`, trimmed.
struct SplitIds<'a>(Vec<&'a str>);

impl IdList for SplitIds<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }
    fn id(&self, i: usize) -> &str {
        self.0[i]
    }
}

/// Rows waiting to be loaded, their text in one arena.
#[derive(Debug)]
pub struct Staging {
    /// Text of the fields: UTF-8 (every piece is a `&str` or ASCII), read as a `String` once
    /// per batch by [`Staging::load`].
    text: Vec<u8>,
    rows: Vec<Row>,
    /// The row being filled.
    current: Row,
    /// The input column of each key, for rejections (CSV: 1-based field number).
    columns: [Option<u32>; Key::COUNT],
    /// Rows read so far (also the next row's index).
    read: u32,
    /// The keys set in the rows staged (bit `1 << key`): the document pass reads only those.
    seen: u32,
    /// What the loads so far accepted, rejected and warned about.
    report: IngestReport,
}

impl Default for Staging {
    fn default() -> Self {
        Staging {
            text: Vec::new(),
            rows: Vec::new(),
            current: Row { index: 0, line: 0, fields: [Span::NONE; Key::COUNT] },
            columns: [None; Key::COUNT],
            read: 0,
            seen: 0,
            report: IngestReport::default(),
        }
    }
}

impl Staging {
    /// An empty staging area.
    pub fn new() -> Staging {
        Staging::default()
    }

    /// Records the input column of `key` (named in rejections).
    pub fn set_column(&mut self, key: Key, column: Option<u32>) {
        self.columns[key as usize] = column;
    }

    /// Starts a row read at `line` (1-based). Fields set before [`Staging::end_row`] belong to
    /// it.
    pub fn begin_row(&mut self, line: u32) {
        self.current.line = line;
        self.current.fields = [Span::NONE; Key::COUNT];
    }

    /// Sets a field of the current row (a later value for the same key replaces it), trimmed.
    /// Text longer than [`MAX_FIELD_BYTES`] is refused: the caller reports it.
    pub fn set(&mut self, key: Key, value: &str) -> Result<(), FieldTooLong> {
        self.set_bytes(key, trim(value).as_bytes())
    }

    /// [`Staging::set`] of ASCII text, given as bytes and trimmed already (the CSV importer's
    /// fields, most of which are ASCII: no UTF-8 check of each); false, and nothing set, when
    /// `value` is not ASCII.
    pub fn set_ascii(&mut self, key: Key, value: &[u8]) -> Result<bool, FieldTooLong> {
        if !value.is_ascii() {
            return Ok(false);
        }
        self.set_bytes(key, value).map(|()| true)
    }

    /// Stores a field's text: valid UTF-8 (see `text`), trimmed (so that [`Staging::load`]
    /// trims nothing).
    fn set_bytes(&mut self, key: Key, value: &[u8]) -> Result<(), FieldTooLong> {
        if value.len() > MAX_FIELD_BYTES {
            return Err(FieldTooLong { key, bytes: value.len() });
        }
        let start = self.text.len() as u32;
        self.text.extend_from_slice(value);
        self.current.fields[key as usize] = Span { start, end: self.text.len() as u32 };
        self.seen |= 1 << key as u32;
        Ok(())
    }

    /// Sets `key` of the current row to the text the previous staged row has for it, when
    /// `text` is that text byte for byte: a document's fields repeated on every row are then
    /// neither copied nor checked again (the caller checks and normalizes only fields that
    /// differ), and the document pass of [`Staging::load`] sees the same span. False (nothing
    /// set) otherwise.
    #[inline]
    pub fn repeat(&mut self, key: Key, text: &[u8]) -> bool {
        let Some(s) = self.rows.last().map(|r| r.fields[key as usize]) else { return false };
        let same = s != Span::NONE
            && self.text.get(s.start as usize..s.end as usize).is_some_and(|t| crate::model::text::same(t, text));
        if same {
            self.current.fields[key as usize] = s;
        }
        same
    }

    /// The value set for `key` in the current row.
    pub fn get(&self, key: Key) -> Option<&str> {
        self.span_text(self.current.fields[key as usize])
    }

    /// Ends the current row: it is staged for loading.
    pub fn end_row(&mut self) {
        self.current.index = self.read;
        self.read += 1;
        self.rows.push(self.current.clone());
    }

    /// Drops the current row, reporting it as rejected (the row counts as read).
    pub fn reject_row(&mut self, key: Option<Key>, message: impl Into<String>) {
        let index = self.read as usize;
        self.read += 1;
        let line = self.current.line;
        self.report.rejected.push(self.rejection(index, line, key, message.into()));
    }

    /// Drops the current row, reporting it as rejected at input column `column` (1-based) with
    /// no field named: a row whose shape is wrong (a CSV row with too few or too many fields).
    pub fn reject_row_at_column(&mut self, column: u32, message: impl Into<String>) {
        self.reject_row(None, message);
        if let Some(r) = self.report.rejected.last_mut() {
            r.column = Some(column as usize);
        }
    }

    /// Reports a problem that is not one row (a bad header, a truncated element): `line` is
    /// where it was found.
    pub fn reject_at(&mut self, line: u32, key: Option<Key>, message: impl Into<String>) {
        let index = self.read as usize;
        self.report.rejected.push(self.rejection(index, line, key, message.into()));
    }

    /// Reports a problem with an element of a format read without a mapping (edXML): like
    /// [`Staging::reject_at`], but the rejection names the element (`From`, `Timestamp`, …)
    /// rather than a mapping key. With `counts_as_row`, the element stood for rows (a message,
    /// a trace hop) and takes the next row index, as [`Staging::reject_row`] does.
    pub fn reject_element(&mut self, line: u32, element: &str, counts_as_row: bool, message: impl Into<String>) {
        let r = self.element_rejection(line, element, message.into());
        self.read += u32::from(counts_as_row);
        self.report.rejected.push(r);
    }

    /// A notice about an element that was read (or deliberately left out), listed in the
    /// report's `warnings` under the element's name.
    pub fn warn_element(&mut self, line: u32, element: &str, message: impl Into<String>) {
        let w = self.element_rejection(line, element, message.into());
        self.report.warnings.push(w);
    }

    fn element_rejection(&self, line: u32, element: &str, message: String) -> Rejection {
        Rejection {
            index: self.read as usize,
            line: Some(line as usize),
            column: None,
            field: element.to_string(),
            message,
        }
    }

    fn rejection(&self, index: usize, line: u32, key: Option<Key>, message: String) -> Rejection {
        Rejection {
            index,
            line: Some(line as usize),
            column: key.and_then(|k| self.columns[k as usize]).map(|c| c as usize),
            field: key.map_or("", Key::name).to_string(),
            message,
        }
    }

    /// Rows read so far (staged, loaded or rejected).
    pub fn rows_read(&self) -> usize {
        self.read as usize
    }

    /// Events loaded into the tracker so far (by [`Staging::load`]).
    pub fn loaded(&self) -> usize {
        self.report.accepted
    }

    /// Rows staged and not yet loaded.
    pub fn pending(&self) -> usize {
        self.rows.len()
    }

    /// Whether a batch is due: load it with [`Staging::load`].
    pub fn is_full(&self) -> bool {
        self.rows.len() >= BATCH_ROWS || self.text.len() >= (u32::MAX as usize) / 2
    }

    fn span_text(&self, s: Span) -> Option<&str> {
        let bytes = self.text.get(s.start as usize..s.end as usize)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Loads the staged rows into `tracker` and clears them; what happened is added to the
    /// report [`Staging::finish`] returns.
    pub fn load(&mut self, tracker: &mut Tracker) {
        if self.rows.is_empty() {
            return;
        }
        // One UTF-8 check of the batch's text, instead of one per field. (It cannot fail: every
        // piece was a `&str` or ASCII; if it did, no field would be read.)
        let text = String::from_utf8(std::mem::take(&mut self.text)).unwrap_or_default();
        let rows = std::mem::take(&mut self.rows);
        let field = |r: &Row, k: Key| {
            let s = r.fields[k as usize];
            text.get(s.start as usize..s.end as usize)
        };
        // Fields are trimmed when they are set.
        let value = |r: &Row, k: Key| field(r, k).filter(|v| !v.is_empty());

        // Sends: their `due` is the recipients' deadline, not the document's.
        let sends: Vec<bool> = rows.iter().map(|r| is_send(field(r, Key::Action))).collect();
        // Documents: a row with document-level fields, unless the previous row of the same
        // document gave the same ones (exports repeat them on every row).
        let mut docs: Vec<DocumentRecord<'_>> = Vec::new();
        let mut doc_rows: Vec<usize> = Vec::new();
        let mut last: Option<(&str, [Option<&str>; Key::COUNT])> = None;
        // Only the document-level keys some staged row has (the CLI's export: `due` alone).
        let seen = std::mem::take(&mut self.seen);
        let doc_keys: Vec<Key> = Key::ALL
            .into_iter()
            .filter(|&k| (k.is_document_level() || k == Key::Due) && seen & (1 << k as u32) != 0)
            .collect();
        // The previous row and whether it was a send: a row with the same spans of the arena
        // for the document and its fields (see `repeat`) has nothing new.
        let mut prev: Option<(&Row, bool)> = None;
        for (i, (r, &send)) in rows.iter().zip(&sends).enumerate() {
            if doc_keys.is_empty() {
                break;
            }
            let span =
                |r: &Row, send: bool, k: Key| if k == Key::Due && send { Span::NONE } else { r.fields[k as usize] };
            let repeated = prev.is_some_and(|(p, p_send)| {
                p.fields[Key::Document as usize] == r.fields[Key::Document as usize]
                    && doc_keys.iter().all(|&k| span(p, p_send, k) == span(r, send, k))
            });
            prev = Some((r, send));
            if repeated {
                continue;
            }
            let Some(id) = value(r, Key::Document) else { continue };
            let mut f: [Option<&str>; Key::COUNT] = [None; Key::COUNT];
            let mut any = false;
            for &k in &doc_keys {
                if k != Key::Due || !send {
                    f[k as usize] = value(r, k);
                    any |= f[k as usize].is_some();
                }
            }
            // Nothing new: no field, or only fields the last record of the same document gave
            // with the same values (a send's row has no document deadline: `due` is its own).
            let known = |(d, g): &(&str, [Option<&str>; Key::COUNT])| {
                *d == id && f.iter().zip(g).all(|(a, b)| a.is_none() || a == b)
            };
            if !any || last.as_ref().is_some_and(known) {
                continue;
            }
            last = Some((id, f));
            let signed = f[Key::Signed as usize];
            docs.push(DocumentRecord {
                id,
                number: f[Key::Number as usize],
                doc_type: f[Key::Type as usize],
                urgency: f[Key::Urgency as usize],
                due: f[Key::Due as usize].map(TimeValue::Text),
                issuer: f[Key::Issuer as usize],
                subject: f[Key::Subject as usize],
                attributes: Vec::new(),
                signed: match signed.map(yes_no) {
                    Some(Some(b)) => Some(b),
                    Some(None) => {
                        let message = format!("not a yes/no value: {:?}; read as unknown", signed.unwrap_or_default());
                        let w = self.rejection(r.index as usize, r.line, Some(Key::Signed), message);
                        self.report.warnings.push(w);
                        None
                    }
                    None => None,
                },
                format: f[Key::Format as usize],
            });
            doc_rows.push(i);
        }
        // A document whose fields are rejected keeps its events: the rejection names the field.
        let doc_report = tracker.add_documents(docs);
        for mut rej in doc_report.rejected {
            let r = &rows[doc_rows[rej.index]];
            let key = Key::of_field(&rej.field);
            rej.index = r.index as usize;
            rej.line = Some(r.line as usize);
            rej.column = key.and_then(|k| self.columns[k as usize]).map(|c| c as usize);
            rej.field = key.map_or(rej.field, |k| k.name().to_string());
            self.report.warnings.push(rej);
        }
        self.report.created_units.extend(doc_report.created_units);

        // Events, record by record into the store's loader (nothing collected between).
        let zone = tracker.options().time_zone;
        let store = tracker.store_for_loading();
        let mut loader = EventLoader::new(zone, rows.len());
        let mut list = SplitIds(Vec::new());
        for (i, (r, &send)) in rows.iter().zip(&sends).enumerate() {
            let to = match field(r, Key::To) {
                None | Some("") => Targets::None,
                // Bytes, not characters: the separators are ASCII, and `str::contains` of a
                // set of characters decodes every character of every row's `to`.
                Some(t) if t.bytes().any(|b| b == b';' || b == b'|') => {
                    list.0.clear();
                    list.0.extend(t.split([';', '|']).map(trim).filter(|s| !s.is_empty()));
                    if list.0.is_empty() {
                        Targets::None
                    } else {
                        Targets::Many(&list)
                    }
                }
                Some(t) => Targets::One(t),
            };
            let event = EventRecord {
                doc: field(r, Key::Document).unwrap_or(""),
                unit: field(r, Key::Unit).unwrap_or(""),
                action: field(r, Key::Action).unwrap_or(""),
                at: TimeValue::Text(field(r, Key::At).unwrap_or("")),
                to,
                due: if send { value(r, Key::Due).map(TimeValue::Text) } else { None },
                actor: value(r, Key::Actor),
                note: value(r, Key::Note),
                channel: value(r, Key::Channel),
            };
            loader.push(store, i, event);
        }
        let report = loader.finish(store);
        let row_of = |i: usize| &rows[i];
        self.report.accepted += report.accepted;
        for mut rej in report.rejected {
            let r = row_of(rej.index);
            let key = Key::of_field(&rej.field);
            rej.index = r.index as usize;
            rej.line = Some(r.line as usize);
            rej.column = key.and_then(|k| self.columns[k as usize]).map(|c| c as usize);
            rej.field = key.map_or(rej.field, |k| k.name().to_string());
            self.report.rejected.push(rej);
        }
        for mut w in report.warnings {
            let r = row_of(w.index);
            w.index = r.index as usize;
            w.line = Some(r.line as usize);
            self.report.warnings.push(w);
        }
        self.report.duplicates.extend(report.duplicates.into_iter().map(|i| row_of(i).index as usize));
        self.report.created_units.extend(report.created_units);
        self.report.created_documents.extend(report.created_documents);

        // Keep the arena's and the rows' capacity for the next batch.
        let (mut text, mut rows) = (text.into_bytes(), rows);
        text.clear();
        rows.clear();
        self.text = text;
        self.rows = rows;
    }

    /// Loads what is left and returns the report of everything read: rejections name the row
    /// index and line (and column where known), in the order the rows were read.
    pub fn finish(mut self, tracker: &mut Tracker) -> IngestReport {
        self.load(tracker);
        let mut report = self.report;
        // The shared sort (one compiled sort for every list: see `analysis::order`).
        let by_row = |a: &Rejection, b: &Rejection| (a.index, a.line).cmp(&(b.index, b.line));
        crate::analysis::order::sort_by(&mut report.rejected, by_row);
        crate::analysis::order::sort_by(&mut report.warnings, by_row);
        report
    }
}

/// Whether an action is a send (its `due` is the recipients' deadline, not the document's).
fn is_send(action: Option<&str>) -> bool {
    action == Some(crate::model::KnownAction::Sent.as_str())
}

/// Reads a yes/no field (`true`/`false`, `có`/`không`, `1`/`0`, `yes`/`no`).
pub fn yes_no(text: &str) -> Option<bool> {
    match crate::model::text::fold_case(text.trim()).as_ref() {
        "true" | "1" | "yes" | "y" | "có" | "x" => Some(true),
        "false" | "0" | "no" | "n" | "không" => Some(false),
        _ => None,
    }
}

/// A field longer than [`MAX_FIELD_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldTooLong {
    /// The field.
    pub key: Key,
    /// Its length in bytes.
    pub bytes: usize,
}

impl std::fmt::Display for FieldTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field {} is {} bytes long; the limit is {} bytes", self.key.name(), self.bytes, MAX_FIELD_BYTES)
    }
}

impl std::error::Error for FieldTooLong {}
