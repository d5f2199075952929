//! JSON text of records: the `…Json(text)` methods of the JS binding, and its object methods
//! once the JS engine has stringified their array.
//!
//! A JSON array of records is read one record at a time and each record goes into the store as
//! soon as it is read: nothing holds all the records of a call. A record that cannot be read as
//! a record (`"at": true`, a string with a lone surrogate escape such as `"\ud83d"`, half of an
//! emoji) is rejected by itself with its index, field and reason, and reading goes on. Text that
//! is not a JSON array is an [`ImportError`] with the line and column of the fault; the records
//! read before the fault stay loaded (as with every importer, see `docs/SEMANTICS.md`).

use super::events::EventLoader;
use super::import::ImportError;
use super::records::attribute_pairs;
use super::report::clip;
use super::{
    DocumentRecord, EventRecord, IngestReport, OneOrMany, Rejection, Targets, TimeJson, TimeValue, UnitRecord,
};
use crate::store::Store;
use crate::Tracker;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;

/// Loads the units of a JSON array (`[{ "id": …, "level": … }, …]`).
pub fn load_units(tracker: &mut Tracker, text: &str) -> Result<IngestReport, ImportError> {
    load_records(tracker, text, UNIT)
}

/// Loads the documents of a JSON array (`[{ "id": …, "type": …, "due": … }, …]`).
pub fn load_documents(tracker: &mut Tracker, text: &str) -> Result<IngestReport, ImportError> {
    load_records(tracker, text, DOCUMENT)
}

/// Loads the units ([`UNIT`]) or documents ([`DOCUMENT`]) of a JSON array.
fn load_records(tracker: &mut Tracker, text: &str, kind: u8) -> Result<IngestReport, ImportError> {
    let zone = tracker.options().time_zone;
    let mut sink = RecordSink { store: tracker.store_for_loading(), report: IngestReport::default(), zone, kind };
    let read = read_records(text, &mut sink);
    let mut report = sink.report;
    report.clip_rejections();
    read.map(|()| report)
}

/// Loads the events of a JSON array (`[{ "doc": …, "unit": …, "action": …, "at": … }, …]`).
/// Records of the plain shape (the fields of an event, strings without escapes, times as text
/// or numbers) are read by hand without copying anything; the others through serde
/// ([`RecordJson`], strings borrowed where they have no escapes).
pub fn load_events(tracker: &mut Tracker, text: &str) -> Result<IngestReport, ImportError> {
    let zone = tracker.options().time_zone;
    let mut sink = EventSink {
        store: tracker.store_for_loading(),
        loader: EventLoader::new(zone, 0),
        targets: Vec::new(),
        len: text.len(),
    };
    let read = read_records(text, &mut sink);
    let mut report = sink.loader.finish(sink.store);
    report.clip_rejections();
    read.map(|()| report)
}

/// Maps the indexes of a report over some of the caller's records (`index[i]` is the caller's
/// position of record `i`) back to the caller's positions, adds the `rejected` records the
/// caller could not even hand over, in index order, and clips the messages.
pub fn remap(mut report: IngestReport, index: &[usize], rejected: Vec<Rejection>) -> IngestReport {
    let at = |i: usize| index.get(i).copied().unwrap_or(i);
    for r in &mut report.rejected {
        r.index = at(r.index);
    }
    for w in &mut report.warnings {
        w.index = at(w.index);
    }
    for d in &mut report.duplicates {
        *d = at(*d);
    }
    if !rejected.is_empty() {
        report.rejected.extend(rejected);
        crate::analysis::order::sort_by(&mut report.rejected, |a, b| a.index.cmp(&b.index));
    }
    report.clip_rejections();
    report
}

/// A record that could not be read: the field at fault ("" for the record) and why.
type Bad = (String, String);

/// What [`read_records`] does with the records of one kind.
trait Sink<'a> {
    /// Record `index` starts at byte `at` of the text.
    fn next(&mut self, _index: usize, _at: usize) {}
    /// Loads record `index` from the start of `text` without serde when it has a shape the
    /// sink reads by hand; returns its length in bytes, or `None` to leave it to serde.
    fn plain(&mut self, _index: usize, _text: &'a str) -> Option<usize> {
        None
    }
    /// Reads record `index` from the start of `text` (with serde) and loads it; returns its
    /// length in bytes, or why it does not read as a record of this kind.
    fn record(&mut self, index: usize, text: &str) -> Result<usize, serde_json::Error>;
    /// Rejects record `index`.
    fn reject(&mut self, index: usize, field: &str, message: String);
}

/// Record kinds, for [`Of`].
const UNIT: u8 = 0;
const DOCUMENT: u8 = 1;
const EVENT: u8 = 2;

/// A field of a record: where [`RecordJson`] keeps it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A unit's or document's `id`, an event's `doc`.
    Id,
    Unit,
    Action,
    /// The optional text fields.
    Name,
    Level,
    Parent,
    Successor,
    Number,
    Type,
    Urgency,
    Issuer,
    Subject,
    Format,
    Actor,
    Note,
    Channel,
    /// The times.
    ValidFrom,
    ValidTo,
    Due,
    At,
    Attributes,
    Signed,
    To,
}

/// The fields of each kind in the order of its struct ([`UnitInput`](super::UnitInput),
/// [`DocumentInput`](super::DocumentInput), [`EventJson`](super::EventJson)): a record given as
/// an array (which serde reads too) lists its fields in that order.
const FIELDS: [&[(&str, Slot)]; 3] = [
    &[
        ("id", Slot::Id),
        ("name", Slot::Name),
        ("level", Slot::Level),
        ("parent", Slot::Parent),
        ("validFrom", Slot::ValidFrom),
        ("validTo", Slot::ValidTo),
        ("successor", Slot::Successor),
    ],
    &[
        ("id", Slot::Id),
        ("number", Slot::Number),
        ("type", Slot::Type),
        ("urgency", Slot::Urgency),
        ("due", Slot::Due),
        ("issuer", Slot::Issuer),
        ("subject", Slot::Subject),
        ("attributes", Slot::Attributes),
        ("signed", Slot::Signed),
        ("format", Slot::Format),
    ],
    &[
        ("doc", Slot::Id),
        ("unit", Slot::Unit),
        ("action", Slot::Action),
        ("at", Slot::At),
        ("to", Slot::To),
        ("due", Slot::Due),
        ("actor", Slot::Actor),
        ("note", Slot::Note),
        ("channel", Slot::Channel),
    ],
];

/// A unit, document or event read from JSON text. One reader for the three kinds (a serde
/// derive per kind costs a few KB of WebAssembly each) that reads each field of a kind as that
/// kind's struct does ([`UnitInput`](super::UnitInput), [`DocumentInput`](super::DocumentInput),
/// [`EventJson`](super::EventJson)): the same records read, the same messages for the fields
/// that do not. Strings are borrowed from the text where they have no escapes.
#[derive(Default)]
struct RecordJson<'a> {
    id: Cow<'a, str>,
    unit: Cow<'a, str>,
    action: Cow<'a, str>,
    /// The optional text fields, from [`Slot::Name`] on.
    text: [Option<Cow<'a, str>>; 13],
    /// The times, from [`Slot::ValidFrom`] on.
    times: [Option<TimeJson<'a>>; 4],
    attributes: Vec<(String, String)>,
    signed: Option<bool>,
    to: Option<OneOrMany<Cow<'a, str>>>,
}

impl<'a> RecordJson<'a> {
    fn text(&self, slot: Slot) -> Option<&str> {
        self.text[slot as usize - Slot::Name as usize].as_deref()
    }

    fn time(&self, slot: Slot) -> Option<TimeValue<'_>> {
        self.times[slot as usize - Slot::ValidFrom as usize].as_ref().map(TimeJson::as_value)
    }

    fn unit(&self) -> UnitRecord<'_> {
        UnitRecord {
            id: &self.id,
            name: self.text(Slot::Name),
            level: self.text(Slot::Level),
            parent: self.text(Slot::Parent),
            valid_from: self.time(Slot::ValidFrom),
            valid_to: self.time(Slot::ValidTo),
            successor: self.text(Slot::Successor),
        }
    }

    fn document(&self) -> DocumentRecord<'_> {
        DocumentRecord {
            id: &self.id,
            number: self.text(Slot::Number),
            doc_type: self.text(Slot::Type),
            urgency: self.text(Slot::Urgency),
            due: self.time(Slot::Due),
            issuer: self.text(Slot::Issuer),
            subject: self.text(Slot::Subject),
            attributes: self.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
            signed: self.signed,
            format: self.text(Slot::Format),
        }
    }

    /// A missing time reads as empty text, which ingestion rejects.
    fn event(&self) -> EventRecord<'_> {
        EventRecord {
            doc: &self.id,
            unit: &self.unit,
            action: &self.action,
            at: self.time(Slot::At).unwrap_or(TimeValue::Text("")),
            to: self.to.as_ref().map_or(Targets::None, OneOrMany::as_targets),
            due: self.time(Slot::Due),
            actor: self.text(Slot::Actor),
            note: self.text(Slot::Note),
            channel: self.text(Slot::Channel),
        }
    }
}

/// A record of kind `K` ([`UNIT`], [`DOCUMENT`], [`EVENT`]), for [`first`].
struct Of<'a, const K: u8>(RecordJson<'a>);

impl<'de, const K: u8> Deserialize<'de> for Of<'de, K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("record", &[], RecordVisitor(FIELDS[usize::from(K)])).map(Of)
    }
}

/// Reads a record as serde's derive does: an object (unknown fields skipped, a field given twice
/// an error), or an array of the fields in order.
struct RecordVisitor(&'static [(&'static str, Slot)]);

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = RecordJson<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RecordJson<'de>, A::Error> {
        let mut record = RecordJson::default();
        let mut seen = 0u32;
        while let Some(i) = map.next_key_seed(FieldName(self.0))? {
            let Some(&(name, slot)) = self.0.get(i) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if seen & (1 << i) != 0 {
                return Err(de::Error::duplicate_field(name));
            }
            seen |= 1 << i;
            map.next_value_seed(Field(&mut record, slot))?;
        }
        Ok(record)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RecordJson<'de>, A::Error> {
        let mut record = RecordJson::default();
        for &(_, slot) in self.0 {
            if seq.next_element_seed(Field(&mut record, slot))?.is_none() {
                break;
            }
        }
        Ok(record)
    }
}

/// A key of a record: the index of its field in the kind's list (past the end: unknown).
struct FieldName(&'static [(&'static str, Slot)]);

impl<'de> DeserializeSeed<'de> for FieldName {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldName {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        Ok(self.0.iter().position(|(name, _)| *name == v).unwrap_or(usize::MAX))
    }
}

/// Reads the value of one field into the record.
struct Field<'r, 'a>(&'r mut RecordJson<'a>, Slot);

impl<'de> DeserializeSeed<'de> for Field<'_, 'de> {
    type Value = ();
    #[inline(never)]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let (r, slot) = (self.0, self.1);
        match slot {
            Slot::Id => r.id = Text::deserialize(d)?.0,
            Slot::Unit => r.unit = Text::deserialize(d)?.0,
            Slot::Action => r.action = Text::deserialize(d)?.0,
            Slot::ValidFrom | Slot::ValidTo | Slot::Due | Slot::At => {
                r.times[slot as usize - Slot::ValidFrom as usize] = match Option::<Loose<'de>>::deserialize(d)? {
                    None => None,
                    Some(Loose::Number(n)) => Some(TimeJson::Millis(n)),
                    Some(Loose::Text(s)) => Some(TimeJson::Text(s)),
                    Some(Loose::List(_)) => {
                        return Err(de::Error::custom("expected an ISO 8601 string or epoch milliseconds"))
                    }
                }
            }
            Slot::Attributes => r.attributes = attribute_pairs(d)?,
            Slot::Signed => r.signed = Option::<bool>::deserialize(d)?,
            Slot::To => {
                r.to = match Option::<Loose<'de>>::deserialize(d)? {
                    None => None,
                    Some(Loose::Text(s)) => Some(OneOrMany::One(s)),
                    Some(Loose::List(ids)) => Some(OneOrMany::Many(ids)),
                    Some(Loose::Number(_)) => {
                        return Err(de::Error::custom("expected a unit id or an array of unit ids"))
                    }
                }
            }
            _ => r.text[slot as usize - Slot::Name as usize] = Option::<Text<'de>>::deserialize(d)?.map(|t| t.0),
        }
        Ok(())
    }
}

/// A string, borrowed from the text when it has no escapes (as serde reads a `#[serde(borrow)]
/// Cow<str>`, and with the same messages as a `String`).
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v)))
    }
}

/// A time or an event's `to`, read by one visitor: a number (epoch milliseconds, as
/// [`TimeJson`] reads it), a string (borrowed when it has no escapes), or a list of strings (as
/// `OneOrMany` reads one). Which of them the field takes is checked by the caller.
enum Loose<'a> {
    Number(f64),
    Text(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
}

impl<'de> Deserialize<'de> for Loose<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number or an array of strings")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(v as f64))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        let mut ids = Vec::new();
        while let Some(Text(id)) = seq.next_element()? {
            ids.push(id);
        }
        Ok(Loose::List(ids))
    }
}

/// The value at the start of `text` as a `T`, and its length in bytes.
fn first<'t, T: Deserialize<'t>>(text: &'t str) -> Result<(T, usize), serde_json::Error> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) => Ok((value, values.byte_offset())),
        Some(Err(e)) => Err(e),
        None => Err(de::Error::custom("no value")),
    }
}

/// Reads the JSON array `text` record by record into `sink`. Each record is parsed from where
/// the previous one ended, so a bad record costs a second look at that record only.
fn read_records<'a, S: Sink<'a>>(text: &'a str, sink: &mut S) -> Result<(), ImportError> {
    let b = text.as_bytes();
    let mut at = skip_space(b, 0);
    if b.get(at) != Some(&b'[') {
        return Err(not_an_array(text));
    }
    at = skip_space(b, at + 1);
    if b.get(at) == Some(&b']') {
        return finish(text, at + 1);
    }
    let mut index = 0;
    loop {
        sink.next(index, at);
        let rest = &text[at..];
        if let Some(len) = sink.plain(index, rest) {
            at += len;
        } else if let Ok(len) = sink.record(index, rest) {
            at += len;
        } else {
            // Not a record of this kind: find where the value ends, then look again.
            let Ok((IgnoredAny, len)) = first::<IgnoredAny>(rest) else { return Err(not_an_array(text)) };
            match rewrite(&rest[..len]) {
                Err((field, message)) => sink.reject(index, &field, message),
                Ok(record) => {
                    if let Err(e) = sink.record(index, &record) {
                        let message = without_position(&e);
                        sink.reject(index, &field_of(&message), message);
                    }
                }
            }
            at += len;
        }
        index += 1;
        at = skip_space(b, at);
        match b.get(at) {
            Some(b',') => at = skip_space(b, at + 1),
            Some(b']') => return finish(text, at + 1),
            _ => return Err(not_an_array(text)),
        }
    }
}

/// A serde message without its ` at line … column …`.
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    message.strip_suffix(&position).map_or(message.clone(), str::to_string)
}

/// Units or documents (`kind`): each record loaded as it is read.
struct RecordSink<'s> {
    store: &'s mut Store,
    report: IngestReport,
    zone: crate::model::TimeZone,
    kind: u8,
}

impl Sink<'_> for RecordSink<'_> {
    fn record(&mut self, index: usize, text: &str) -> Result<usize, serde_json::Error> {
        if self.kind == UNIT {
            let (Of::<UNIT>(u), len) = first(text)?;
            self.store.add_unit(index, u.unit(), self.zone, &mut self.report);
            Ok(len)
        } else {
            let (Of::<DOCUMENT>(d), len) = first(text)?;
            self.store.add_document(index, d.document(), self.zone, &mut self.report);
            Ok(len)
        }
    }
    fn reject(&mut self, index: usize, field: &str, message: String) {
        self.report.reject(index, field, message);
    }
}

/// Events: each record pushed into the loader as it is read.
struct EventSink<'s, 'a> {
    store: &'s mut Store,
    loader: EventLoader,
    /// The ids of a `to` list read by hand.
    targets: Vec<&'a str>,
    /// Length of the whole text.
    len: usize,
}

impl<'a> Sink<'a> for EventSink<'_, 'a> {
    fn next(&mut self, index: usize, at: usize) {
        // Room for the whole batch at once, judged from the first records' length: growing a
        // large batch step by step copies it, and in WebAssembly grows the memory each time.
        if index == 1000 {
            let left = (self.len - at) / (at / 1000).max(1);
            self.loader.reserve(left + left / 8);
        }
    }

    fn plain(&mut self, index: usize, text: &'a str) -> Option<usize> {
        let (e, len) = scan_event(text, &mut self.targets)?;
        let to = match e.to {
            PlainTargets::None => Targets::None,
            PlainTargets::One(id) => Targets::One(id),
            PlainTargets::Many => Targets::Many(&self.targets),
        };
        let record = EventRecord { to, ..e.record };
        self.loader.push(self.store, index, record);
        Some(len)
    }

    fn record(&mut self, index: usize, text: &str) -> Result<usize, serde_json::Error> {
        let (Of::<EVENT>(e), len) = first(text)?;
        self.loader.push(self.store, index, e.event());
        Ok(len)
    }

    fn reject(&mut self, index: usize, field: &str, message: String) {
        self.loader.reject(index, field, message);
    }
}

/// An event record read by hand ([`scan_event`]), its targets aside.
struct PlainEvent<'a> {
    record: EventRecord<'a>,
    to: PlainTargets<'a>,
}

/// The `to` of a [`PlainEvent`]: a list is in the caller's buffer.
enum PlainTargets<'a> {
    None,
    One(&'a str),
    Many,
}

/// Reads the event record at the start of `text` when it has the plain shape: an object with no
/// field but those of an event, each at most once; strings without escapes; `at` and `due` a
/// string or a number; `to` a string or a list of strings (into `list`); `null` for an
/// optional field. Returns the record and its length, or `None` for anything else, which serde
/// then reads (and rejects, if it must): the two readers agree on every record this one reads.
fn scan_event<'a>(text: &'a str, list: &mut Vec<&'a str>) -> Option<(PlainEvent<'a>, usize)> {
    let b = text.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut e = PlainEvent { record: EventRecord::new("", "", "", TimeValue::Text("")), to: PlainTargets::None };
    let mut p = skip_space(b, 1);
    if b.get(p) == Some(&b'}') {
        return Some((e, p + 1));
    }
    let mut seen = 0u16;
    loop {
        let (key, q) = plain_string(text, p)?;
        p = skip_space(b, q);
        if b.get(p) != Some(&b':') {
            return None;
        }
        p = skip_space(b, p + 1);
        let field = EVENT_FIELDS.iter().position(|f| *f == key)?;
        if seen & (1 << field) != 0 {
            return None;
        }
        seen |= 1 << field;
        let null = b[p..].starts_with(b"null");
        let r = &mut e.record;
        p = match field {
            0..=2 => {
                let (s, q) = plain_string(text, p)?;
                *[&mut r.doc, &mut r.unit, &mut r.action][field] = s;
                q
            }
            3 | 5 if null => p + 4,
            3 | 5 => {
                let (t, q) = match b.get(p) {
                    Some(b'"') => plain_string(text, p).map(|(s, q)| (TimeValue::Text(s), q))?,
                    _ => plain_number(text, p).map(|(n, q)| (TimeValue::Float(n), q))?,
                };
                if field == 3 {
                    r.at = t;
                } else {
                    r.due = Some(t);
                }
                q
            }
            4 if null => p + 4,
            4 if b.get(p) == Some(&b'[') => {
                list.clear();
                p = skip_space(b, p + 1);
                if b.get(p) == Some(&b']') {
                    p += 1;
                } else {
                    loop {
                        let (id, q) = plain_string(text, p)?;
                        list.push(id);
                        p = skip_space(b, q);
                        match b.get(p) {
                            Some(b',') => p = skip_space(b, p + 1),
                            Some(b']') => break,
                            _ => return None,
                        }
                    }
                    p += 1;
                }
                e.to = PlainTargets::Many;
                p
            }
            4 => {
                let (id, q) = plain_string(text, p)?;
                e.to = PlainTargets::One(id);
                q
            }
            _ if null => p + 4,
            _ => {
                let (s, q) = plain_string(text, p)?;
                *[&mut r.actor, &mut r.note, &mut r.channel][field - 6] = Some(s);
                q
            }
        };
        p = skip_space(b, p);
        match b.get(p) {
            Some(b',') => p = skip_space(b, p + 1),
            Some(b'}') => return Some((e, p + 1)),
            _ => return None,
        }
    }
}

/// The fields of an event, in the order [`scan_event`] numbers them.
const EVENT_FIELDS: [&str; 9] = ["doc", "unit", "action", "at", "to", "due", "actor", "note", "channel"];

/// The JSON string at byte `p` of `text` when it has no escape (and no control character,
/// which JSON forbids), and the byte after it.
fn plain_string(text: &str, p: usize) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    if b.get(p) != Some(&b'"') {
        return None;
    }
    let mut q = p + 1;
    while let Some(&c) = b.get(q) {
        match c {
            b'"' => return Some((&text[p + 1..q], q + 1)),
            b'\\' | 0..=0x1f => return None,
            _ => q += 1,
        }
    }
    None
}

/// The JSON number at byte `p` of `text`, and the byte after it: whole numbers of up to 15
/// digits by hand, others by serde_json.
fn plain_number(text: &str, p: usize) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let digits = |mut q: usize| {
        let start = q;
        while b.get(q).is_some_and(u8::is_ascii_digit) {
            q += 1;
        }
        (q > start).then_some(q)
    };
    let negative = b.get(p) == Some(&b'-');
    let int_start = p + usize::from(negative);
    let mut q = digits(int_start)?;
    if b[int_start] == b'0' && q > int_start + 1 {
        return None; // a leading zero
    }
    let whole = q;
    if b.get(q) == Some(&b'.') {
        q = digits(q + 1)?;
    }
    if matches!(b.get(q), Some(b'e' | b'E')) {
        q += 1;
        if matches!(b.get(q), Some(b'+' | b'-')) {
            q += 1;
        }
        q = digits(q)?;
    }
    if q == whole && whole - int_start <= 15 {
        let n = b[int_start..whole].iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        return Some((if negative { -n } else { n } as f64, q));
    }
    // serde_json's own reading, so that both readers give the same number (and the package
    // does not carry a second float parser).
    serde_json::from_str(&text[p..q]).ok().map(|n| (n, q))
}

/// Only white space may follow the array.
fn finish(text: &str, end: usize) -> Result<(), ImportError> {
    if skip_space(text.as_bytes(), end) == text.len() {
        Ok(())
    } else {
        Err(not_an_array(text))
    }
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

/// The error for text that is not a JSON array: serde_json's own account of the whole text
/// (what is wrong, line and column).
fn not_an_array(text: &str) -> ImportError {
    match serde_json::from_str::<Vec<IgnoredAny>>(text) {
        Err(e) => {
            let e_line = e.line();
            let mut err = ImportError::new(format!("not a JSON array of records: {e}"));
            if e_line > 0 {
                err = err.at_line(e_line);
                err.column = Some(e.column());
            }
            err
        }
        Ok(_) => ImportError::new("not a JSON array of records"),
    }
}

/// A record that did not read on the first try, rewritten to read: numeric ids (`"doc": 123`)
/// and numbers or booleans in `attributes` as text. A record that cannot be made to read (a lone
/// surrogate, a field of the wrong type) is rejected here, naming the field.
fn rewrite(record: &str) -> Result<String, Bad> {
    if has_lone_surrogate(record) {
        let field = lone_surrogate_field(record);
        let name = if field.is_empty() { "record" } else { &field };
        let message = lone_surrogate_message(name);
        return Err((field, message));
    }
    let mut v = Plain::parse(record).map_err(|e| (String::new(), e.to_string()))?;
    normalize(&mut v);
    match json_shape_error(&v) {
        Some(bad) => Err(bad),
        None => Ok(v.to_string()),
    }
}

/// The message for a string with a lone surrogate in `field`.
pub fn lone_surrogate_message(field: &str) -> String {
    format!("{field}: the text has a lone surrogate (half of a UTF-16 pair, e.g. a cut emoji)")
}

/// Whether JSON text has a `\uD800`–`\uDFFF` escape that is not half of a pair.
pub fn has_lone_surrogate(json: &str) -> bool {
    let b = json.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let d = b.get(at..at + 4)?;
        d.iter().try_fold(0u32, |n, &c| Some(n * 16 + (c as char).to_digit(16)?))
    };
    let (mut i, mut high) = (0, false);
    while i < b.len() {
        if b[i] != b'\\' {
            if high {
                return true;
            }
            i += 1;
            continue;
        }
        match (b.get(i + 1), hex(i + 2)) {
            (Some(b'u'), Some(cp)) => {
                match cp {
                    0xD800..=0xDBFF if high => return true,
                    0xD800..=0xDBFF => high = true,
                    0xDC00..=0xDFFF if !high => return true,
                    0xDC00..=0xDFFF => high = false,
                    _ if high => return true,
                    _ => {}
                }
                i += 6;
            }
            _ => {
                if high {
                    return true;
                }
                i += 2;
            }
        }
    }
    high
}

/// The key of a JSON record whose value holds a lone surrogate escape, the first in the text
/// ("" when it is in a key, or the record is not an object).
fn lone_surrogate_field(record: &str) -> String {
    let mut field = String::new();
    let mut de = serde_json::Deserializer::from_str(record);
    match de.deserialize_map(KeyOfError(&mut field)) {
        Ok(()) => String::new(),
        Err(_) => field,
    }
}

/// Walks a JSON object, keeping the key being read in `.0`: when a value fails to read (every
/// string in it decoded, unlike [`IgnoredAny`], which skips strings without checking their
/// escapes), `.0` names it.
struct KeyOfError<'f>(&'f mut String);

impl<'de> Visitor<'de> for KeyOfError<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        loop {
            self.0.clear();
            let Some(key) = map.next_key::<String>()? else { return Ok(()) };
            self.0.push_str(&key);
            map.next_value::<Plain>()?;
        }
    }
}

/// Fields read as text.
const TEXT: [&str; 18] = [
    "doc",
    "channel",
    "format",
    "unit",
    "action",
    "to",
    "actor",
    "note",
    "id",
    "name",
    "level",
    "parent",
    "successor",
    "number",
    "type",
    "urgency",
    "issuer",
    "subject",
];

/// Fields read as times.
const TIME: [&str; 4] = ["at", "due", "validFrom", "validTo"];

/// Numeric ids read as text (`123` → `"123"`), as do numbers and booleans in `attributes`.
fn normalize(v: &mut Plain) {
    let Plain::Object(map) = v else { return };
    for (k, x) in map.iter_mut() {
        if let (true, Plain::Number(n)) = (TEXT.contains(&k.as_str()), &*x) {
            *x = Plain::String(n.to_string());
        }
        if let (true, Plain::Array(items)) = (k == "to", &mut *x) {
            for item in items {
                if let Plain::Number(n) = item {
                    *item = Plain::String(n.to_string());
                }
            }
        }
        if k == "attributes" {
            if let Plain::Object(attrs) = x {
                attrs.retain(|(_, a)| !a.is_null());
                for (_, a) in attrs.iter_mut() {
                    match a {
                        Plain::Number(n) => *a = Plain::String(n.to_string()),
                        Plain::Bool(b) => *a = Plain::String(b.to_string()),
                        _ => {}
                    }
                }
            }
        }
    }
}

/// The first field of a JSON record with the wrong type, named as in the API, and the message.
fn json_shape_error(v: &Plain) -> Option<Bad> {
    let Plain::Object(map) = v else {
        return Some((String::new(), "expected an object".into()));
    };
    for (k, x) in map {
        let ok = match x {
            Plain::Null => true,
            Plain::Bool(_) if k == "signed" => true,
            _ if k == "signed" => false,
            Plain::String(_) => true,
            Plain::Number(_) => TIME.contains(&k.as_str()),
            Plain::Object(attrs) if k == "attributes" => attrs.iter().all(|(_, a)| a.is_string()),
            Plain::Array(ids) if k == "to" => ids.iter().all(Plain::is_string),
            _ => !(TEXT.contains(&k.as_str()) || TIME.contains(&k.as_str()) || k == "attributes"),
        };
        if !ok {
            let want = if TIME.contains(&k.as_str()) {
                "an ISO 8601 string, a Date or epoch milliseconds"
            } else if k == "attributes" {
                "an object of strings, numbers or booleans"
            } else if k == "to" {
                "a unit id or an array of unit ids"
            } else if k == "signed" {
                "true or false"
            } else {
                "a string"
            };
            let got = clip(&x.to_string(), 60);
            return Some((k.clone(), format!("{k}: expected {want}, got {got}")));
        }
    }
    None
}

/// Best guess of the field a serde message is about (`invalid type … for key `at``).
fn field_of(message: &str) -> String {
    for key in [
        "doc", "unit", "action", "at", "to", "actor", "note", "id", "name", "level", "parent", "due", "type",
        "urgency", "channel", "format", "signed",
    ] {
        if message.contains(&format!("`{key}`")) {
            return key.to_string();
        }
    }
    String::new()
}

/// A JSON value as the readers of plain data see it (a record being rewritten, a calendar spec,
/// chart options): what [`serde_json::Value`] holds, read and written by serde_json the same
/// way, but an object is a vector of its entries sorted by key (a later duplicate replacing an
/// earlier one), as `Value`'s `BTreeMap` keeps them: that map costs far more WebAssembly.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Plain {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Plain>),
    /// An object: its entries, sorted by key, each key once.
    Object(Vec<(String, Plain)>),
}

impl Plain {
    /// Reads JSON text (errors as serde_json gives them).
    pub fn parse(text: &str) -> Result<Plain, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Whether it is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Plain::Null)
    }

    /// Whether it is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Plain::String(_))
    }

    /// Whether it is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Plain::Object(_))
    }

    /// The entries of an object, sorted by key.
    pub fn as_object(&self) -> Option<&[(String, Plain)]> {
        match self {
            Plain::Object(map) => Some(map),
            _ => None,
        }
    }

    /// A number as `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Plain::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}

impl From<&Value> for Plain {
    fn from(v: &Value) -> Plain {
        match v {
            Value::Null => Plain::Null,
            Value::Bool(b) => Plain::Bool(*b),
            Value::Number(n) => Plain::Number(n.clone()),
            Value::String(s) => Plain::String(s.clone()),
            Value::Array(items) => Plain::Array(items.iter().map(Plain::from).collect()),
            // A `Value`'s map is sorted by key already.
            Value::Object(map) => Plain::Object(map.iter().map(|(k, v)| (k.clone(), Plain::from(v))).collect()),
        }
    }
}

/// Compact JSON, as `Value` writes it.
impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(self).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Plain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Plain::Null => s.serialize_unit(),
            Plain::Bool(b) => s.serialize_bool(*b),
            Plain::Number(n) => n.serialize(s),
            Plain::String(t) => s.serialize_str(t),
            Plain::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Plain::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Plain {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Plain, D::Error> {
        d.deserialize_any(PlainVisitor)
    }
}

struct PlainVisitor;

impl<'de> Visitor<'de> for PlainVisitor {
    type Value = Plain;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Plain, E> {
        Ok(Plain::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Plain, E> {
        Ok(Plain::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Plain, E> {
        Ok(Plain::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Plain, E> {
        Ok(Number::from_f64(v).map_or(Plain::Null, Plain::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Plain, E> {
        Ok(Plain::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Plain, E> {
        Ok(Plain::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Plain, E> {
        Ok(Plain::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Plain, E> {
        Ok(Plain::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Plain, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Plain::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Plain, A::Error> {
        let mut entries: Vec<(String, Plain)> = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Plain>()? {
            match entries.binary_search_by(|(e, _)| e.as_str().cmp(k.as_str())) {
                Ok(i) => entries[i].1 = v,
                Err(i) => entries.insert(i, (k, v)),
            }
        }
        Ok(Plain::Object(entries))
    }
}
