//! A small XES writer for tests and benches: a generated log as one trace per document. Test
//! code only (the product's XES export lives in `src/export/`); included with `#[path]`.

use lienthong::generator::GeneratedLog;
use lienthong::ingest::{DocumentRecord, TimeValue};
use lienthong::model::{time, TimeZone};
use std::collections::HashMap;
use std::io::{self, Write};

/// Text with the five XML specials escaped, for an attribute value.
fn escaped(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out.into()
}

/// `2026-03-02T08:00:00.000+07:00`.
fn xes_time(v: TimeValue<'_>) -> String {
    let ms = match v {
        TimeValue::Millis(ms) => ms,
        TimeValue::Float(f) => f as i64,
        TimeValue::Text(t) => time::parse_instant(t, TimeZone::VIETNAM).expect("a generated time"),
    };
    let s = time::format_instant(ms, TimeZone::VIETNAM);
    let (head, offset) = s.split_at(s.len() - 6);
    format!("{head}.{:03}{offset}", ms.rem_euclid(1000))
}

fn attr(out: &mut impl Write, indent: &str, kind: &str, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, "{indent}<{kind} key=\"{key}\" value=\"{}\"/>", escaped(value))
}

/// Writes `log` as XES: a trace per document (`concept:name` its id, `type`, `urgency`,
/// `deadline`), an event per event (`concept:name` the action, `org:group` the unit,
/// `org:resource` the actor, `time:timestamp`, and `to`, `channel`, `due` where given).
pub fn write_xes(log: &GeneratedLog, w: &mut impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    let docs: HashMap<&str, DocumentRecord<'_>> = log.document_records().map(|d| (d.id, d)).collect();
    out.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <global scope="trace">
    <string key="concept:name" value="__INVALID__"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000+00:00"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
"#,
    )?;
    let mut open: Option<&str> = None;
    for e in log.event_records() {
        if open != Some(e.doc) {
            if open.is_some() {
                out.write_all(b"  </trace>\n")?;
            }
            out.write_all(b"  <trace>\n")?;
            attr(&mut out, "    ", "string", "concept:name", e.doc)?;
            if let Some(d) = docs.get(e.doc) {
                if let Some(t) = d.doc_type {
                    attr(&mut out, "    ", "string", "type", t)?;
                }
                if let Some(u) = d.urgency {
                    attr(&mut out, "    ", "string", "urgency", u)?;
                }
                if let Some(due) = d.due {
                    attr(&mut out, "    ", "date", "deadline", &xes_time(due))?;
                }
            }
            open = Some(e.doc);
        }
        out.write_all(b"    <event>\n")?;
        attr(&mut out, "      ", "string", "concept:name", e.action)?;
        attr(&mut out, "      ", "string", "org:group", e.unit)?;
        if let Some(a) = e.actor {
            attr(&mut out, "      ", "string", "org:resource", a)?;
        }
        attr(&mut out, "      ", "date", "time:timestamp", &xes_time(e.at))?;
        let to: Vec<&str> = e.to.ids().collect();
        if !to.is_empty() {
            attr(&mut out, "      ", "string", "to", &to.join(";"))?;
        }
        if let Some(c) = e.channel {
            attr(&mut out, "      ", "string", "channel", c)?;
        }
        if let Some(due) = e.due {
            attr(&mut out, "      ", "date", "due", &xes_time(due))?;
        }
        out.write_all(b"    </event>\n")?;
    }
    if open.is_some() {
        out.write_all(b"  </trace>\n")?;
    }
    out.write_all(b"</log>\n")?;
    out.flush()
}
