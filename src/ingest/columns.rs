//! Events as columns over string dictionaries (`addEventColumns` in JS): the fastest way in,
//! with no record per event and ids sent once.
//!
//! Event `i` is document `docs[doc[i]]` at unit `units[unit[i]]`, action `actions[action[i]]`, at
//! `at[i]` (epoch milliseconds); sent to `units[to[i]]` when `to` is given and `to[i] >= 0`; with
//! the deadline `due[i]` (epoch milliseconds) when `due` is given and `due[i]` is not `NaN`
//! (`NaN` is the column's "no deadline", as `-1` is `to`'s "no target"; infinities are rejected).

use super::events::EventLoader;
use super::import::ImportError;
use super::{EventRecord, IngestReport, TimeValue};
use crate::Tracker;

/// A column of indexes into a dictionary, in the width the caller has it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Indexes<'a> {
    /// Bytes (`Uint8Array`).
    U8(&'a [u8]),
    /// `Uint16Array`.
    U16(&'a [u16]),
    /// `Uint32Array`.
    U32(&'a [u32]),
    /// `Int32Array` (negative: no entry).
    I32(&'a [i32]),
    /// Plain numbers (a JS array): each must be a whole number.
    F64(&'a [f64]),
}

impl Indexes<'_> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        match self {
            Indexes::U8(c) => c.len(),
            Indexes::U16(c) => c.len(),
            Indexes::U32(c) => c.len(),
            Indexes::I32(c) => c.len(),
            Indexes::F64(c) => c.len(),
        }
    }

    /// Whether the column is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i` (`i < len()`); a plain number is truncated (whole numbers are checked before).
    #[inline]
    fn get(&self, i: usize) -> i64 {
        match self {
            Indexes::U8(c) => i64::from(c[i]),
            Indexes::U16(c) => i64::from(c[i]),
            Indexes::U32(c) => i64::from(c[i]),
            Indexes::I32(c) => i64::from(c[i]),
            Indexes::F64(c) => c[i] as i64,
        }
    }

    /// The first entry that is not a whole number, if any.
    fn not_whole(&self) -> Option<f64> {
        match self {
            Indexes::F64(c) => c.iter().copied().find(|n| n.fract() != 0.0 || !n.is_finite()),
            _ => None,
        }
    }
}

/// Events as columns (see the module documentation). A dictionary entry `None` is an id that
/// could not be read (in JS, a string with a lone surrogate): the events naming it are rejected.
#[derive(Debug, Clone, Copy)]
pub struct EventColumns<'a> {
    /// Document ids.
    pub docs: &'a [Option<&'a str>],
    /// Unit ids (of `unit` and `to`).
    pub units: &'a [Option<&'a str>],
    /// Actions.
    pub actions: &'a [Option<&'a str>],
    /// Index into `docs` of each event.
    pub doc: Indexes<'a>,
    /// Index into `units` of each event.
    pub unit: Indexes<'a>,
    /// Index into `actions` of each event.
    pub action: Indexes<'a>,
    /// Time of each event, epoch milliseconds.
    pub at: &'a [f64],
    /// Index into `units` of each event's target; negative: none.
    pub to: Option<Indexes<'a>>,
    /// Deadline of each event, epoch milliseconds; `NaN`: none.
    pub due: Option<&'a [f64]>,
}

/// Loads events given as columns. Columns of different lengths, or a plain-number index column
/// with a fraction, are an [`ImportError`] naming the column (nothing is loaded); an event whose
/// index is out of range of its dictionary, or names an entry that could not be read, is
/// rejected with its field (`doc`, `unit`, `action`, `to`); the loader rejects the rest as
/// for records (`at`, `due`).
pub fn load_event_columns(tracker: &mut Tracker, c: &EventColumns<'_>) -> Result<IngestReport, ImportError> {
    let n = c.at.len();
    for (key, len) in [
        ("doc", c.doc.len()),
        ("unit", c.unit.len()),
        ("action", c.action.len()),
        ("to", c.to.map_or(n, |t| t.len())),
        ("due", c.due.map_or(n, <[f64]>::len)),
    ] {
        if len != n {
            return Err(
                ImportError::new(format!("columns.{key} has {len} entries but columns.at has {n}")).with_field(key)
            );
        }
    }
    for (key, col) in [("doc", Some(c.doc)), ("unit", Some(c.unit)), ("action", Some(c.action)), ("to", c.to)] {
        if let Some(bad) = col.and_then(|col| col.not_whole()) {
            return Err(ImportError::new(format!("columns.{key}: expected whole numbers, found {bad}")).with_field(key));
        }
    }
    let zone = tracker.options().time_zone;
    let store = tracker.store_for_loading();
    let mut loader = EventLoader::new(zone, n);
    // The id at `i` of a dictionary, if `i` is in range and the id could be read.
    let pick = |dict: &[Option<&'_ str>], i: i64| -> Option<usize> {
        usize::try_from(i).ok().filter(|&i| dict.get(i).is_some_and(Option::is_some))
    };
    for i in 0..n {
        let (d, u, a) = (pick(c.docs, c.doc.get(i)), pick(c.units, c.unit.get(i)), pick(c.actions, c.action.get(i)));
        let (Some(d), Some(u), Some(a)) = (d, u, a) else {
            let (field, dict) = match (d, u) {
                (None, _) => ("doc", "docs"),
                (_, None) => ("unit", "units"),
                _ => ("action", "actions"),
            };
            loader.reject(i, field, out_of_range(field, dict));
            continue;
        };
        let to = match c.to.map(|t| t.get(i)).filter(|&t| t >= 0) {
            None => None,
            Some(t) => match pick(c.units, t) {
                Some(t) => c.units[t],
                None => {
                    loader.reject(i, "to", out_of_range("to", "units"));
                    continue;
                }
            },
        };
        let record = EventRecord {
            doc: c.docs[d].unwrap_or_default(),
            unit: c.units[u].unwrap_or_default(),
            action: c.actions[a].unwrap_or_default(),
            at: TimeValue::Float(c.at[i]),
            to: to.into(),
            due: c.due.map(|due| due[i]).filter(|d| !d.is_nan()).map(TimeValue::Float),
            actor: None,
            note: None,
            channel: None,
        };
        loader.push(store, i, record);
    }
    let mut report = loader.finish(store);
    report.clip_rejections();
    Ok(report)
}

fn out_of_range(field: &str, dict: &str) -> String {
    format!("{field}: index out of range of columns.{dict}, or an id there has a lone surrogate")
}
