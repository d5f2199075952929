//! Records that feed the store: borrowed views for speed, owned (serde) inputs for JSON.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// A time as it arrives: epoch milliseconds, or text to parse (ISO 8601, `dd/mm/yyyy hh:mm`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimeValue<'a> {
    /// Epoch milliseconds.
    Millis(i64),
    /// Epoch milliseconds as a JS number (must be finite).
    Float(f64),
    /// Text to parse in the tracker's time zone.
    Text(&'a str),
}

/// A unit (cơ quan, đơn vị) as it arrives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitRecord<'a> {
    /// Unit id, e.g. `000.00.00.H41`.
    pub id: &'a str,
    /// Display name.
    pub name: Option<&'a str>,
    /// `central`, `province`, `district` or `commune` (Vietnamese names accepted).
    pub level: Option<&'a str>,
    /// Parent unit id.
    pub parent: Option<&'a str>,
    /// First instant the unit exists.
    pub valid_from: Option<TimeValue<'a>>,
    /// Instant the unit stops existing (merged, renamed, abolished).
    pub valid_to: Option<TimeValue<'a>>,
    /// The unit that took over its work.
    pub successor: Option<&'a str>,
}

/// A document (văn bản) as it arrives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentRecord<'a> {
    /// Document id.
    pub id: &'a str,
    /// Số/ký hiệu, e.g. `123/UBND-VP`.
    pub number: Option<&'a str>,
    /// Type, e.g. `công văn`, `quyết định`.
    pub doc_type: Option<&'a str>,
    /// `normal`, `urgent`, `very-urgent`, `flash` (Vietnamese names accepted).
    pub urgency: Option<&'a str>,
    /// Due time (hạn xử lý).
    pub due: Option<TimeValue<'a>>,
    /// Issuing unit id.
    pub issuer: Option<&'a str>,
    /// Trích yếu.
    pub subject: Option<&'a str>,
    /// Free attributes.
    pub attributes: Vec<(&'a str, &'a str)>,
    /// Digitally signed (ký số), when known.
    pub signed: Option<bool>,
    /// `electronic` or `paper` (Vietnamese `điện tử`, `giấy` accepted), when known.
    pub format: Option<&'a str>,
}

/// A list of unit ids, borrowed from whatever holds it (a `Vec` of `&str`, `String` or `Cow`).
pub trait IdList {
    /// Number of ids.
    fn count(&self) -> usize;
    /// Id `i` (`i < count()`).
    fn id(&self, i: usize) -> &str;
}

impl<S: AsRef<str>> IdList for Vec<S> {
    fn count(&self) -> usize {
        self.len()
    }
    fn id(&self, i: usize) -> &str {
        self[i].as_ref()
    }
}

impl<S: AsRef<str>, const N: usize> IdList for [S; N] {
    fn count(&self) -> usize {
        N
    }
    fn id(&self, i: usize) -> &str {
        self[i].as_ref()
    }
}

/// The target units of a `sent` event: none, one, or several (a document sent to many
/// recipients at once, SPEC §2).
#[derive(Clone, Copy, Default)]
pub enum Targets<'a> {
    /// No target.
    #[default]
    None,
    /// One target unit id.
    One(&'a str),
    /// Several target unit ids.
    Many(&'a dyn IdList),
}

impl<'a> Targets<'a> {
    /// Number of ids (blank ones included).
    pub fn count(&self) -> usize {
        match self {
            Targets::None => 0,
            Targets::One(_) => 1,
            Targets::Many(l) => l.count(),
        }
    }

    /// Id `i`.
    pub fn id(&self, i: usize) -> &'a str {
        match *self {
            Targets::None => "",
            Targets::One(s) => s,
            Targets::Many(l) => l.id(i),
        }
    }

    /// The ids, in order.
    pub fn ids(self) -> impl Iterator<Item = &'a str> {
        (0..self.count()).map(move |i| self.id(i))
    }

    /// The ids that are not blank.
    pub fn non_blank(self) -> impl Iterator<Item = &'a str> {
        self.ids().filter(|s| !crate::model::text::trim(s).is_empty())
    }
}

impl<'a> From<Option<&'a str>> for Targets<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Targets::None, Targets::One)
    }
}

impl<'a> From<&'a str> for Targets<'a> {
    fn from(v: &'a str) -> Self {
        Targets::One(v)
    }
}

impl fmt::Debug for Targets<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.ids()).finish()
    }
}

impl PartialEq for Targets<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.count() == other.count() && self.ids().zip(other.ids()).all(|(a, b)| a == b)
    }
}

/// An event as it arrives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventRecord<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Unit where it happened.
    pub unit: &'a str,
    /// Action: a known one (`sent`, `arrived`, …) or any string.
    pub action: &'a str,
    /// When.
    pub at: TimeValue<'a>,
    /// Target unit(s) of a send/forward.
    pub to: Targets<'a>,
    /// On a `sent`: the deadline the sender gives these recipients (a date alone means the end
    /// of that day's office hours).
    pub due: Option<TimeValue<'a>>,
    /// Staff member.
    pub actor: Option<&'a str>,
    /// Free note.
    pub note: Option<&'a str>,
    /// Channel of a `sent` or `arrived`: `axis` (the national interconnection axis),
    /// `province` (the province's own network), `paper`, or any other name.
    pub channel: Option<&'a str>,
}

impl<'a> EventRecord<'a> {
    /// An event with no target, deadline, actor, note or channel.
    pub fn new(doc: &'a str, unit: &'a str, action: &'a str, at: TimeValue<'a>) -> EventRecord<'a> {
        EventRecord { doc, unit, action, at, to: Targets::None, due: None, actor: None, note: None, channel: None }
    }
}

/// One target id or a list of them, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// One id.
    One(T),
    /// A list of ids.
    Many(Vec<T>),
}

impl<T: AsRef<str>> OneOrMany<T> {
    /// Borrowed view.
    pub fn as_targets(&self) -> Targets<'_> {
        match self {
            OneOrMany::One(s) => Targets::One(s.as_ref()),
            OneOrMany::Many(v) => Targets::Many(v),
        }
    }
}

/// A time in JSON: a number of epoch milliseconds or a text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum TimeInput {
    /// Epoch milliseconds.
    Millis(f64),
    /// Text.
    Text(String),
}

impl TimeInput {
    /// Borrowed view.
    pub fn as_value(&self) -> TimeValue<'_> {
        match self {
            TimeInput::Millis(v) => TimeValue::Float(*v),
            TimeInput::Text(s) => TimeValue::Text(s),
        }
    }
}

/// An owned unit, as read from JSON.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UnitInput {
    /// See [`UnitRecord`].
    pub id: String,
    /// See [`UnitRecord`].
    pub name: Option<String>,
    /// See [`UnitRecord`].
    pub level: Option<String>,
    /// See [`UnitRecord`].
    pub parent: Option<String>,
    /// See [`UnitRecord`].
    pub valid_from: Option<TimeInput>,
    /// See [`UnitRecord`].
    pub valid_to: Option<TimeInput>,
    /// See [`UnitRecord`].
    pub successor: Option<String>,
}

impl UnitInput {
    /// Borrowed view.
    pub fn as_record(&self) -> UnitRecord<'_> {
        UnitRecord {
            id: &self.id,
            name: self.name.as_deref(),
            level: self.level.as_deref(),
            parent: self.parent.as_deref(),
            valid_from: self.valid_from.as_ref().map(TimeInput::as_value),
            valid_to: self.valid_to.as_ref().map(TimeInput::as_value),
            successor: self.successor.as_deref(),
        }
    }
}

/// An owned document, as read from JSON.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentInput {
    /// See [`DocumentRecord`].
    pub id: String,
    /// See [`DocumentRecord`].
    pub number: Option<String>,
    /// See [`DocumentRecord`].
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// See [`DocumentRecord`].
    pub urgency: Option<String>,
    /// See [`DocumentRecord`].
    pub due: Option<TimeInput>,
    /// See [`DocumentRecord`].
    pub issuer: Option<String>,
    /// See [`DocumentRecord`].
    pub subject: Option<String>,
    /// See [`DocumentRecord`]: in the order given (a key given twice keeps its last value).
    #[serde(deserialize_with = "attribute_pairs")]
    pub attributes: Vec<(String, String)>,
    /// See [`DocumentRecord`].
    pub signed: Option<bool>,
    /// See [`DocumentRecord`].
    pub format: Option<String>,
}

/// A JSON object of attributes as its `(key, value)` pairs, in order (a `BTreeMap` would cost
/// its own several KB of WebAssembly for this one field).
pub(crate) fn attribute_pairs<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(String, String)>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of strings")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some(pair) = map.next_entry()? {
                pairs.push(pair);
            }
            Ok(pairs)
        }
    }
    deserializer.deserialize_map(Pairs)
}

impl DocumentInput {
    /// Borrowed view.
    pub fn as_record(&self) -> DocumentRecord<'_> {
        DocumentRecord {
            id: &self.id,
            number: self.number.as_deref(),
            doc_type: self.doc_type.as_deref(),
            urgency: self.urgency.as_deref(),
            due: self.due.as_ref().map(TimeInput::as_value),
            issuer: self.issuer.as_deref(),
            subject: self.subject.as_deref(),
            attributes: self.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
            signed: self.signed,
            format: self.format.as_deref(),
        }
    }
}

/// An owned event, as read from JSON.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    /// See [`EventRecord`].
    #[serde(default)]
    pub doc: String,
    /// See [`EventRecord`].
    #[serde(default)]
    pub unit: String,
    /// See [`EventRecord`].
    #[serde(default)]
    pub action: String,
    /// See [`EventRecord`].
    pub at: Option<TimeInput>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub to: Option<OneOrMany<String>>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub due: Option<TimeInput>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub actor: Option<String>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub note: Option<String>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub channel: Option<String>,
}

impl EventInput {
    /// Borrowed view; a missing time reads as empty text, which ingestion rejects.
    pub fn as_record(&self) -> EventRecord<'_> {
        EventRecord {
            doc: &self.doc,
            unit: &self.unit,
            action: &self.action,
            at: self.at.as_ref().map(TimeInput::as_value).unwrap_or(TimeValue::Text("")),
            to: self.to.as_ref().map_or(Targets::None, OneOrMany::as_targets),
            due: self.due.as_ref().map(TimeInput::as_value),
            actor: self.actor.as_deref(),
            note: self.note.as_deref(),
            channel: self.channel.as_deref(),
        }
    }
}

/// A time in JSON text, read without copying: epoch milliseconds or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeJson<'a> {
    /// Epoch milliseconds.
    Millis(f64),
    /// Text, borrowed from the JSON when it has no escapes.
    Text(Cow<'a, str>),
}

impl<'de: 'a, 'a> Deserialize<'de> for TimeJson<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TimeJson<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 string or epoch milliseconds")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(TimeJson::Millis(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(TimeJson::Millis(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(TimeJson::Millis(v as f64))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TimeJson::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TimeJson::Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(TimeJson::Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl TimeJson<'_> {
    /// Borrowed view.
    pub fn as_value(&self) -> TimeValue<'_> {
        match self {
            TimeJson::Millis(v) => TimeValue::Float(*v),
            TimeJson::Text(s) => TimeValue::Text(s),
        }
    }
}

/// An event read from JSON text without copying its strings where they have no escapes: the
/// bulk path (`addEvents`, `addEventsJson`) allocates nothing per field.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EventJson<'a> {
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub doc: Cow<'a, str>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub unit: Cow<'a, str>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub action: Cow<'a, str>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub at: Option<TimeJson<'a>>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub to: Option<OneOrMany<Cow<'a, str>>>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub due: Option<TimeJson<'a>>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub actor: Option<Cow<'a, str>>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub note: Option<Cow<'a, str>>,
    /// See [`EventRecord`].
    #[serde(borrow, default)]
    pub channel: Option<Cow<'a, str>>,
}

impl EventJson<'_> {
    /// Borrowed view; a missing time reads as empty text, which ingestion rejects.
    pub fn as_record(&self) -> EventRecord<'_> {
        EventRecord {
            doc: &self.doc,
            unit: &self.unit,
            action: &self.action,
            at: self.at.as_ref().map(TimeJson::as_value).unwrap_or(TimeValue::Text("")),
            to: self.to.as_ref().map_or(Targets::None, OneOrMany::as_targets),
            due: self.due.as_ref().map(TimeJson::as_value),
            actor: self.actor.as_deref(),
            note: self.note.as_deref(),
            channel: self.channel.as_deref(),
        }
    }
}
