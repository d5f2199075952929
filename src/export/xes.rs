//! The whole log as XES (IEEE 1849-2016), for process-mining tools (PM4Py, ProM, Disco): one
//! trace per document, one event per event, in the store's order.
//!
//! Trace attributes: `concept:name` (document id), `deadline` (date), `type`, `urgency`,
//! `number`, `subject`, `issuer`, `signed` (boolean), `format`. Event attributes:
//! `concept:name` (action), `time:timestamp`, `org:group` (unit), `org:resource` (actor),
//! `lienthong:to` (target units joined by `;`), `deadline` on a `sent` that gives its recipients
//! a deadline of its own (an event attribute overrides the trace's: the XES importer reads
//! `deadline` on the event first, then on its trace, so a `sent`'s deadline and the document's
//! both come back), `lienthong:note`, `lienthong:channel`. Absent values are left out. Units
//! are not part of XES: export them with [`super::csv::write_units`].
//!
//! Text is escaped for XML attributes (`& < > "`, tab and line breaks as character
//! references); characters XML 1.0 cannot carry at all (other control characters) are written
//! as U+FFFD.

use super::format_instant;
use crate::model::{DocFormat, Instant, TimeZone, Urgency};
use crate::store::DocIx;
use crate::Tracker;
use std::fmt::{self, Write};

/// What comes before the first trace.
const PROLOGUE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <extension name="Lienthong" prefix="lienthong" uri="urn:lienthong:xes"/>
  <global scope="trace">
    <string key="concept:name" value="__INVALID__"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000+00:00"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <classifier name="Unit" keys="org:group"/>
  <string key="concept:name" value="lienthong"/>
"#;

/// The whole log as XES text.
pub fn log_xes(tracker: &Tracker) -> String {
    let mut out = String::with_capacity(PROLOGUE.len() + tracker.store().events.len() * 260);
    write_log(tracker, &mut out).expect("writing to a String cannot fail");
    out
}

/// Writes the whole log as XES into a file or any [`std::io::Write`], buffered.
pub fn write_log_to(tracker: &Tracker, w: impl std::io::Write) -> std::io::Result<()> {
    let mut sink = super::IoSink::new(w);
    let r = write_log(tracker, &mut sink);
    sink.finish(r)
}

/// Appends `text` escaped for a double-quoted XML attribute value.
pub fn push_xml_escaped(out: &mut impl Write, text: &str) -> fmt::Result {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => "\u{fffd}",
            _ => continue,
        };
        out.write_str(&text[start..i])?;
        out.write_str(rep)?;
        start = i + c.len_utf8();
    }
    out.write_str(&text[start..])
}

/// `<TAG key="KEY" value="VALUE"/>` on a line of its own, indented by `indent`.
fn attribute(out: &mut impl Write, indent: &str, tag: &str, key: &str, value: &str) -> fmt::Result {
    out.write_str(indent)?;
    out.write_char('<')?;
    out.write_str(tag)?;
    out.write_str(" key=\"")?;
    out.write_str(key)?;
    out.write_str("\" value=\"")?;
    push_xml_escaped(out, value)?;
    out.write_str("\"/>\n")
}

fn date(out: &mut impl Write, indent: &str, key: &str, at: Instant, zone: TimeZone) -> fmt::Result {
    let mut buf = [0u8; 32];
    let n = format_instant(&mut buf, at, zone, true);
    let text = std::str::from_utf8(&buf[..n]).map_err(|_| fmt::Error)?;
    attribute(out, indent, "date", key, text)
}

/// Writes the whole log as XES into `out`.
pub fn write_log(tracker: &Tracker, out: &mut impl Write) -> fmt::Result {
    let store = tracker.store();
    let zone = tracker.options().time_zone;
    let (ev, docs, units) = (&store.events, &store.documents, &store.units);
    let sent = crate::store::Store::known_action_id(crate::model::KnownAction::Sent);
    out.write_str(PROLOGUE)?;
    const T: &str = "    ";
    const E: &str = "      ";
    let mut targets = String::new();
    for d in DocIx::all(docs.len()) {
        let range = ev.of_doc(d);
        if range.is_empty() {
            continue;
        }
        let i = d.index();
        let text = |id| store.texts.resolve_opt(id);
        out.write_str("  <trace>\n")?;
        attribute(out, T, "string", "concept:name", docs.id(d))?;
        if let Some(due) = docs.due[i] {
            date(out, T, "deadline", due, zone)?;
        }
        if let Some(t) = text(docs.doc_type[i]) {
            attribute(out, T, "string", "type", t)?;
        }
        if docs.urgency[i] != Urgency::Normal {
            attribute(out, T, "string", "urgency", docs.urgency[i].as_str())?;
        }
        if let Some(t) = text(docs.number[i]) {
            attribute(out, T, "string", "number", t)?;
        }
        if let Some(t) = text(docs.subject[i]) {
            attribute(out, T, "string", "subject", t)?;
        }
        if let Some(u) = docs.issuer[i].get() {
            attribute(out, T, "string", "issuer", units.id(u))?;
        }
        if let Some(s) = docs.signed[i] {
            attribute(out, T, "boolean", "signed", if s { "true" } else { "false" })?;
        }
        if let Some(f) = docs.format[i] {
            attribute(out, T, "string", "format", if f == DocFormat::Paper { "paper" } else { "electronic" })?;
        }
        for e in range {
            let r = ev.row(e);
            out.write_str("    <event>\n")?;
            attribute(out, E, "string", "concept:name", store.actions.resolve(r.action))?;
            date(out, E, "time:timestamp", r.at, zone)?;
            attribute(out, E, "string", "org:group", units.id(r.unit))?;
            if let Some(a) = text(r.actor) {
                attribute(out, E, "string", "org:resource", a)?;
            }
            let to = ev.sends.units(&r.to);
            if !to.is_empty() {
                targets.clear();
                for (k, u) in to.iter().enumerate() {
                    if k > 0 {
                        targets.push(';');
                    }
                    targets.push_str(units.id(*u));
                }
                attribute(out, E, "string", "lienthong:to", &targets)?;
            }
            if r.action == sent {
                if let Some(due) = ev.sends.due(r.to) {
                    date(out, E, "deadline", due, zone)?;
                }
            }
            if let Some(n) = text(r.note) {
                attribute(out, E, "string", "lienthong:note", n)?;
            }
            if let Some(c) = ev.channel_name(r.channel) {
                attribute(out, E, "string", "lienthong:channel", c)?;
            }
            out.write_str("    </event>\n")?;
        }
        out.write_str("  </trace>\n")?;
    }
    out.write_str("</log>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_text_is_escaped() {
        let mut s = String::new();
        push_xml_escaped(&mut s, "a<b>&\"c\"\n\u{1}é").unwrap();
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;&#10;\u{fffd}é");
    }
}
