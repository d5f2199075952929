//! Records that feed the store: borrowed views for speed, owned (serde) inputs for JSON.

use serde::Deserialize;

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
    /// Target unit of a send/forward.
    pub to: Option<&'a str>,
    /// Staff member.
    pub actor: Option<&'a str>,
    /// Free note.
    pub note: Option<&'a str>,
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
    /// See [`DocumentRecord`].
    pub attributes: std::collections::BTreeMap<String, String>,
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
    pub to: Option<String>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub actor: Option<String>,
    /// See [`EventRecord`].
    #[serde(default)]
    pub note: Option<String>,
}

impl EventInput {
    /// Borrowed view; a missing time reads as empty text, which ingestion rejects.
    pub fn as_record(&self) -> EventRecord<'_> {
        EventRecord {
            doc: &self.doc,
            unit: &self.unit,
            action: &self.action,
            at: self.at.as_ref().map(TimeInput::as_value).unwrap_or(TimeValue::Text("")),
            to: self.to.as_deref(),
            actor: self.actor.as_deref(),
            note: self.note.as_deref(),
        }
    }
}
