//! Exports: the whole log as CSV ([`csv`]) or XES ([`xes`]), and any analysis result as a CSV
//! table ([`table`]). Layouts are in `docs/SEMANTICS.md`, section "Exports".
//!
//! The writers stream into any [`std::fmt::Write`] (a `String`, or a file through [`IoSink`]):
//! nothing is built per event but the text itself, so a million events export in about a
//! second (see `BENCHMARKS.md`). The CSV quoting and the time format are shared by every
//! writer ([`push_csv_field`], [`push_instant`]), natively and in the wasm.
//!
//! ```
//! use lienthong::{Tracker, export};
//! use lienthong::ingest::{EventRecord, TimeValue};
//!
//! let mut t = Tracker::default();
//! t.add_events([EventRecord::new("d1", "H23", "arrived", TimeValue::Text("2021-06-26T08:00"))]);
//! let csv = export::csv::log_csv(&t);
//! assert!(csv.lines().nth(1).unwrap().starts_with("d1,H23,arrived,2021-06-26T08:00:00+07:00,"));
//! ```

pub mod csv;
pub mod table;
pub mod xes;

use crate::model::{Instant, TimeZone};
use std::fmt::{self, Write};

/// Appends `text` as one CSV field: as it is, or between double quotes (quotes doubled) when it
/// holds a comma, a quote, a line break, or starts or ends with a space (which readers that trim
/// would lose).
pub fn push_csv_field(out: &mut impl Write, text: &str) -> fmt::Result {
    let blank = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    let needs_quotes = text.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || blank(text.as_bytes().first())
        || blank(text.as_bytes().last());
    if !needs_quotes {
        return out.write_str(text);
    }
    out.write_char('"')?;
    let mut rest = text;
    while let Some(i) = rest.find('"') {
        out.write_str(&rest[..=i])?;
        out.write_char('"')?;
        rest = &rest[i + 1..];
    }
    out.write_str(rest)?;
    out.write_char('"')
}

/// Appends `at` as ISO 8601 in `zone` with its offset: `2021-06-26T08:00:00+07:00`, with
/// `.mmm` milliseconds only when they are not zero (so a round trip keeps every millisecond).
pub fn push_instant(out: &mut impl Write, at: Instant, zone: TimeZone) -> fmt::Result {
    let mut buf = [0u8; 32];
    let n = format_instant(&mut buf, at, zone, false);
    out.write_str(std::str::from_utf8(&buf[..n]).map_err(|_| fmt::Error)?)
}

/// Writes `at` into `buf` (ISO 8601, offset of `zone`); `always_ms` writes `.000` too (XES
/// dates). Returns the length.
fn format_instant(buf: &mut [u8; 32], at: Instant, zone: TimeZone, always_ms: bool) -> usize {
    let c = zone.civil(at);
    let mut n = 0;
    let mut put = |digits: u32, mut v: u64| {
        for k in (0..digits).rev() {
            buf[n + k as usize] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        n += digits as usize;
    };
    put(4, c.year.max(0) as u64);
    let s = c.ms_of_day / 1000;
    let ms = c.ms_of_day % 1000;
    let parts = [
        (b'-', c.month as u64),
        (b'-', c.day as u64),
        (b'T', (s / 3600) as u64),
        (b':', ((s / 60) % 60) as u64),
        (b':', (s % 60) as u64),
    ];
    for (sep, v) in parts {
        buf[n] = sep;
        n += 1;
        let mut put2 = |v: u64| {
            buf[n] = b'0' + (v / 10) as u8;
            buf[n + 1] = b'0' + (v % 10) as u8;
            n += 2;
        };
        put2(v);
    }
    if ms != 0 || always_ms {
        buf[n] = b'.';
        for (k, d) in [ms / 100, (ms / 10) % 10, ms % 10].into_iter().enumerate() {
            buf[n + 1 + k] = b'0' + d as u8;
        }
        n += 4;
    }
    let off = zone.offset_minutes;
    buf[n] = if off < 0 { b'-' } else { b'+' };
    let (h, m) = (off.unsigned_abs() / 60, off.unsigned_abs() % 60);
    for (k, d) in [h / 10, h % 10].into_iter().enumerate() {
        buf[n + 1 + k] = b'0' + d as u8;
    }
    buf[n + 3] = b':';
    for (k, d) in [m / 10, m % 10].into_iter().enumerate() {
        buf[n + 4 + k] = b'0' + d as u8;
    }
    n + 6
}

/// A [`std::fmt::Write`] over an [`std::io::Write`], buffered: the writers of this module
/// stream into files through it. The first I/O error is kept ([`IoSink::finish`] returns it).
pub struct IoSink<W: std::io::Write> {
    inner: std::io::BufWriter<W>,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> IoSink<W> {
    /// Wraps `w` with a 64 KiB buffer.
    pub fn new(w: W) -> IoSink<W> {
        IoSink { inner: std::io::BufWriter::with_capacity(1 << 16, w), error: None }
    }

    /// Ends a write: the first I/O error met, else `r`'s failure, else the flush's result.
    pub fn finish(mut self, r: fmt::Result) -> std::io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        r.map_err(|_| std::io::Error::other("formatting failed"))?;
        std::io::Write::flush(&mut self.inner)
    }
}

impl<W: std::io::Write> Write for IoSink<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        std::io::Write::write_all(&mut self.inner, s.as_bytes()).map_err(|e| {
            self.error.get_or_insert(e);
            fmt::Error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        let q = |s: &str| {
            let mut out = String::new();
            push_csv_field(&mut out, s).unwrap();
            out
        };
        assert_eq!(q("plain"), "plain");
        assert_eq!(q("a,b"), "\"a,b\"");
        assert_eq!(q("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(q("two\nlines"), "\"two\nlines\"");
        assert_eq!(q("cr\r"), "\"cr\r\"");
        assert_eq!(q(" padded"), "\" padded\"");
        assert_eq!(q("<script>"), "<script>");
        assert_eq!(q(""), "");
    }

    #[test]
    fn instants_match_the_time_module() {
        let zone = TimeZone::VIETNAM;
        for at in [0, 1_624_669_200_000, 1_624_669_200_123, -2_208_988_800_000, 7_258_093_199_999] {
            let mut s = String::new();
            push_instant(&mut s, at, zone).unwrap();
            let whole = crate::model::time::format_instant(at, zone);
            if at % 1000 == 0 {
                assert_eq!(s, whole);
            }
            assert_eq!(crate::model::parse_instant(&s, zone), Ok(at), "{s}");
        }
        let mut s = String::new();
        push_instant(&mut s, 0, TimeZone { offset_minutes: -(3 * 60 + 30) }).unwrap();
        assert_eq!(s, "1969-12-31T20:30:00-03:30");
        let mut buf = [0u8; 32];
        let n = format_instant(&mut buf, 0, TimeZone::VIETNAM, true);
        assert_eq!(&buf[..n], b"1970-01-01T07:00:00.000+07:00");
    }
}
