//! What an ingestion call did: accepted records, rejected ones with the reason, and notices.

use serde::Serialize;

/// A record that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    /// Position of the record in the call's input (0-based).
    pub index: usize,
    /// Line in the source text (1-based), for text importers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column in the source text (1-based), for importers that know it (CSV: the field's
    /// position in the row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The field at fault, named as in the API (`doc`, `at`, `level`, …).
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// The result of one ingestion call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngestReport {
    /// Records loaded.
    pub accepted: usize,
    /// Records not loaded, with the reason.
    pub rejected: Vec<Rejection>,
    /// Indexes of events skipped as exact duplicates of one already loaded (a re-sent export).
    pub duplicates: Vec<usize>,
    /// Units created because a record named an undeclared unit (they have no level).
    pub created_units: Vec<String>,
    /// Documents created because an event named an undeclared document.
    pub created_documents: Vec<String>,
    /// Records loaded that deserve a look (an event at a unit outside its validity, …).
    pub warnings: Vec<Rejection>,
}

impl IngestReport {
    pub(crate) fn reject(&mut self, index: usize, field: &str, message: impl Into<String>) {
        self.rejected.push(Rejection {
            index,
            line: None,
            column: None,
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub(crate) fn warn(&mut self, index: usize, field: &str, message: impl Into<String>) {
        self.warnings.push(Rejection {
            index,
            line: None,
            column: None,
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// Clips the rejections' messages ([`clip_message`]) and fields (60 characters), for
    /// reports that go back to a caller who may show them.
    pub fn clip_rejections(&mut self) {
        for r in &mut self.rejected {
            if r.message.len() > 60 {
                r.message = clip_message(&r.message);
            }
            if r.field.len() > 60 {
                r.field = clip(&r.field, 60);
            }
        }
    }

    /// Folds a later report of the same call into this one.
    pub fn merge(&mut self, other: IngestReport) {
        self.accepted += other.accepted;
        self.rejected.extend(other.rejected);
        self.duplicates.extend(other.duplicates);
        self.created_units.extend(other.created_units);
        self.created_documents.extend(other.created_documents);
        self.warnings.extend(other.warnings);
    }
}

/// At most `max` characters of `s`, with "…" when cut.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A message with every quoted value (`"…"`) longer than 60 characters cut to its first 60,
/// and the whole message to 400: a rejected 10 MB field is not echoed back. Clipping twice
/// changes nothing.
pub fn clip_message(msg: &str) -> String {
    const QUOTE: usize = 60;
    let mut out = String::with_capacity(msg.len().min(512));
    let mut chars = msg.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' {
            continue;
        }
        let (mut n, mut escaped) = (0usize, false);
        for c in chars.by_ref() {
            if !escaped && c == '"' {
                out.push('"');
                break;
            }
            escaped = !escaped && c == '\\';
            n += 1;
            if n <= QUOTE {
                out.push(c);
            } else if n == QUOTE + 1 {
                out.push('…');
            }
        }
    }
    clip(&out, 400)
}
