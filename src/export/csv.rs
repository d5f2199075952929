//! The whole log as CSV: one row per event, the document's fields repeated on each of its rows,
//! in the layout the CSV importer and the command line read back without a mapping
//! (`docs/SEMANTICS.md`, "Exports"). The units table has its own file ([`write_units`]).
//!
//! Rows come in the store's order: documents in the order they were first seen, each
//! document's events by time (ties in input order), so a round trip keeps ties as they were.
//!
//! # Complexity
//! One pass over the events; a document's and a unit's text is prepared once, not per row.

use super::{push_csv_field, push_instant};
use crate::model::{DocFormat, KnownAction};
use crate::store::{ActionId, DocIx, Store, UnitIx};
use crate::Tracker;
use std::fmt::{self, Write};

/// The header of the log CSV. `due` on a `sent` row is the deadline given to its recipients;
/// on any other row it is the document's deadline.
pub const LOG_HEADER: &str =
    "doc,unit,action,at,to,due,actor,note,channel,type,urgency,number,subject,issuer,signed,format";

/// The header of the units CSV.
pub const UNITS_HEADER: &str = "id,name,level,parent,validFrom,validTo,successor";

/// The whole log as CSV text (see the module documentation).
pub fn log_csv(tracker: &Tracker) -> String {
    // About 110 bytes a row on generated logs: one allocation for most logs.
    let mut out = String::with_capacity(LOG_HEADER.len() + 1 + tracker.store().events.len() * 120);
    write_log(tracker, &mut out).expect("writing to a String cannot fail");
    out
}

/// Writes the whole log as CSV into a file or any [`std::io::Write`], buffered.
pub fn write_log_to(tracker: &Tracker, w: impl std::io::Write) -> std::io::Result<()> {
    let mut sink = super::IoSink::new(w);
    let r = write_log(tracker, &mut sink);
    sink.finish(r)
}

/// Quoted CSV text of every id of an interner-like table, computed once.
fn quoted_all<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    names
        .map(|n| {
            let mut s = String::with_capacity(n.len());
            push_csv_field(&mut s, n).expect("String");
            s
        })
        .collect()
}

/// Writes the whole log as CSV into `out`.
pub fn write_log(tracker: &Tracker, out: &mut impl Write) -> fmt::Result {
    let store = tracker.store();
    let zone = tracker.options().time_zone;
    let (ev, docs) = (&store.events, &store.documents);
    let units = quoted_all(UnitIx::all(store.units.len()).map(|u| store.units.id(u)));
    let actions = quoted_all((0..store.actions.len()).map(|a| store.actions.resolve(ActionId::from_index(a))));
    let sent = Store::known_action_id(KnownAction::Sent);
    out.write_str(LOG_HEADER)?;
    out.write_char('\n')?;
    let mut doc_id = String::new();
    let mut doc_due = String::new();
    let mut doc_cols = String::new();
    for d in DocIx::all(docs.len()) {
        let range = ev.of_doc(d);
        if range.is_empty() {
            continue;
        }
        doc_id.clear();
        push_csv_field(&mut doc_id, docs.id(d))?;
        doc_due.clear();
        if let Some(due) = docs.due[d.index()] {
            push_instant(&mut doc_due, due, zone)?;
        }
        doc_cols.clear();
        document_columns(store, d, &mut doc_cols)?;
        for i in range {
            let r = ev.row(i);
            out.write_str(&doc_id)?;
            out.write_char(',')?;
            out.write_str(&units[r.unit.index()])?;
            out.write_char(',')?;
            out.write_str(&actions[r.action.index()])?;
            out.write_char(',')?;
            push_instant(out, r.at, zone)?;
            out.write_char(',')?;
            match ev.sends.units(&r.to) {
                [] => {}
                [one] => out.write_str(&units[one.index()])?,
                many => {
                    let mut joined = String::new();
                    for (k, u) in many.iter().enumerate() {
                        if k > 0 {
                            joined.push(';');
                        }
                        joined.push_str(store.units.id(*u));
                    }
                    push_csv_field(out, &joined)?;
                }
            }
            out.write_char(',')?;
            if r.action == sent {
                if let Some(due) = ev.sends.due(r.to) {
                    push_instant(out, due, zone)?;
                }
            } else {
                out.write_str(&doc_due)?;
            }
            out.write_char(',')?;
            push_csv_field(out, store.texts.resolve_opt(r.actor).unwrap_or(""))?;
            out.write_char(',')?;
            push_csv_field(out, store.texts.resolve_opt(r.note).unwrap_or(""))?;
            out.write_char(',')?;
            push_csv_field(out, ev.channel_name(r.channel).unwrap_or(""))?;
            out.write_str(&doc_cols)?;
            out.write_char('\n')?;
        }
    }
    Ok(())
}

/// `,type,urgency,number,subject,issuer,signed,format` of document `d`.
fn document_columns(store: &Store, d: DocIx, out: &mut String) -> fmt::Result {
    let docs = &store.documents;
    let i = d.index();
    let text = |id| store.texts.resolve_opt(id).unwrap_or("");
    out.push(',');
    push_csv_field(out, text(docs.doc_type[i]))?;
    out.push(',');
    out.push_str(docs.urgency[i].as_str());
    out.push(',');
    push_csv_field(out, text(docs.number[i]))?;
    out.push(',');
    push_csv_field(out, text(docs.subject[i]))?;
    out.push(',');
    if let Some(u) = docs.issuer[i].get() {
        push_csv_field(out, store.units.id(u))?;
    }
    out.push(',');
    out.push_str(match docs.signed[i] {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    });
    out.push(',');
    out.push_str(match docs.format[i] {
        Some(DocFormat::Electronic) => "electronic",
        Some(DocFormat::Paper) => "paper",
        None => "",
    });
    Ok(())
}

/// The units table as CSV (`id,name,level,parent,validFrom,validTo,successor`), what
/// `addUnits` and the command line's `--units` read.
pub fn units_csv(tracker: &Tracker) -> String {
    let mut out = String::new();
    write_units(tracker, &mut out).expect("writing to a String cannot fail");
    out
}

/// Writes the units table as CSV into `out`.
pub fn write_units(tracker: &Tracker, out: &mut impl Write) -> fmt::Result {
    let store = tracker.store();
    let zone = tracker.options().time_zone;
    let units = &store.units;
    out.write_str(UNITS_HEADER)?;
    out.write_char('\n')?;
    let id = |u: UnitIx| u.get().map_or("", |u| units.id(u));
    for u in UnitIx::all(units.len()) {
        let i = u.index();
        push_csv_field(out, units.id(u))?;
        out.write_char(',')?;
        push_csv_field(out, store.texts.resolve_opt(units.name[i]).unwrap_or(""))?;
        out.write_char(',')?;
        out.write_str(units.level[i].map_or("", |l| l.as_str()))?;
        out.write_char(',')?;
        push_csv_field(out, id(units.parent[i]))?;
        out.write_char(',')?;
        if let Some(t) = units.valid_from[i] {
            push_instant(out, t, zone)?;
        }
        out.write_char(',')?;
        if let Some(t) = units.valid_to[i] {
            push_instant(out, t, zone)?;
        }
        out.write_char(',')?;
        push_csv_field(out, id(units.successor[i]))?;
        out.write_char('\n')?;
    }
    Ok(())
}
