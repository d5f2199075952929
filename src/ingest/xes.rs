//! XES import (IEEE 1849-2016): `.xes` text or `.xes.gz` bytes, one event per `<event>`.
//!
//! # What is read
//!
//! The document of an event is its trace's `concept:name`, the action the event's
//! `concept:name`, the time `time:timestamp`, the unit `org:group` or else `org:resource`, the
//! deadline `deadline`; an [`XesMapping`] replaces any of these or names attributes for the
//! other keys (type, urgency, actor, …). A name is looked up on the event first, then on its
//! trace; `case:NAME` looks only at the trace. `<global scope="event|trace">` gives defaults for
//! elements that lack an attribute. Every attribute type (`string`, `date`, `int`, `float`,
//! `boolean`, `id`, `list`, `container`) parses; nested, list and container values are not
//! mapped. See `docs/SEMANTICS.md`, section "XES import".
//!
//! # Streaming
//!
//! Bytes arrive in chunks cut anywhere. A gzip stream (found by its magic bytes `1f 8b`) is
//! inflated as it arrives ([`super::gzip`]), 64 KiB of text at a time, each piece read before
//! the next is inflated, so a decompression bomb never holds more than that. quick-xml's reader is
//! pull-based, so the XML text is read in passes: each pass runs a reader over the bytes not yet
//! read and handles every complete event; when the reader meets the end of the bytes inside
//! markup (a tag, a comment, an attribute value, a multi-byte character — quick-xml's
//! `SyntaxError`s all mean that), that markup's bytes are kept as the tail and the next pass
//! starts with them. Text between tags is never kept (XES puts nothing there). The tail is one
//! piece of markup, so it is bounded by [`MAX_ELEMENT_BYTES`]: a longer one is refused, and so is
//! the same element read in one piece, so one chunk or many give the same result.
//!
//! A trace's events are held until `</trace>` (trace attributes may follow its events), then
//! staged; batches are loaded when [`Staging::is_full`] after a trace, which depends on the
//! input only, never on how it was cut.

use super::encoding::UTF8_BOM;
use super::gzip::{is_gzip, Gunzip, GzipError};
use super::import::{ImportError, Importer, Progress};
use super::staging::{Key, Staging, MAX_FIELD_BYTES};
use super::IngestReport;
use crate::Tracker;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The longest piece of markup (one tag with its attributes, one comment) accepted, in bytes:
/// room for one field of [`MAX_FIELD_BYTES`] plus its tag. It bounds what the importer holds
/// between two chunks.
pub const MAX_ELEMENT_BYTES: usize = MAX_FIELD_BYTES + (64 << 10);

/// The most inflated bytes read from one `.xes.gz` input: 4 GiB (a decompression bomb is
/// refused with an error at that point instead of running for ever).
pub const MAX_INFLATED_BYTES: u64 = 4 << 30;

/// Events held for one trace until its end tag (its attributes may follow its events).
pub const MAX_TRACE_EVENTS: usize = 1 << 20;

/// Attribute text held for one trace's events, in bytes.
pub const MAX_TRACE_BYTES: usize = 256 << 20;

/// Nesting of elements accepted (lists in containers in attributes …).
pub const MAX_DEPTH: usize = 256;

/// Which XES attribute fills each mapping key.
///
/// A name is looked up on the event first, then on its trace; `case:NAME` looks only at the
/// trace attribute `NAME`. Keys left out keep their default: document `case:concept:name`,
/// action `concept:name`, at `time:timestamp`, unit `org:group` else `org:resource`, due
/// `deadline`, actor `org:resource`, and the attributes lienthong's own XES export writes
/// (`lienthong:to`, `lienthong:note`, `lienthong:channel`, `type`, `urgency`, `number`,
/// `subject`, `issuer`, `signed`, `format`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XesMapping {
    names: [Option<String>; Key::COUNT],
}

impl XesMapping {
    /// The default mapping.
    pub fn new() -> XesMapping {
        XesMapping::default()
    }

    /// The mapping with `key` read from the attribute `name`.
    pub fn with(mut self, key: Key, name: impl Into<String>) -> XesMapping {
        self.names[key as usize] = Some(name.into());
        self
    }

    /// Reads a mapping given as (key name, attribute name) pairs, key names as in SPEC §5
    /// (`document` or `doc`, `unit`, `action`, `at`, `due`, …).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<XesMapping, ImportError> {
        let mut m = XesMapping::default();
        for (key, name) in pairs {
            let k = Key::parse(key).ok_or_else(|| {
                let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
                ImportError::new(format!("{key:?} is not a mapping key; expected one of {}", names.join(", ")))
                    .with_field(key)
            })?;
            let attr = name.strip_prefix("case:").unwrap_or(name);
            if attr.trim().is_empty() {
                return Err(ImportError::new("the attribute name is empty").with_field(k.name()));
            }
            m.names[k as usize] = Some(name.to_string());
        }
        Ok(m)
    }

    /// The attribute named for `key`, if the mapping gives one.
    pub fn get(&self, key: Key) -> Option<&str> {
        self.names[key as usize].as_deref()
    }
}

/// Where a key's value is looked for: the attribute (an index into [`Plan::wanted`]), on the
/// event then the trace, or on the trace only.
#[derive(Debug, Clone, Copy)]
struct Source {
    wanted: usize,
    trace_only: bool,
}

/// The attributes read for each key (in [`Key::ALL`] order) when the mapping names none: the
/// XES standard extensions, and for the other keys what `lienthong export --format xes` writes
/// (src/export/xes.rs), so that a round trip needs no mapping (a log without these attributes
/// is not affected). A table rather than a `match` building vectors: a smaller package.
const DEFAULT_NAMES: [&[&str]; Key::COUNT] = [
    &["case:concept:name"],
    &["org:group", "org:resource"],
    &["concept:name"],
    &["time:timestamp"],
    &["lienthong:to"],
    &["deadline"],
    &["type"],
    &["urgency"],
    &["org:resource"],
    &["lienthong:note"],
    &["lienthong:channel"],
    &["number"],
    &["subject"],
    &["issuer"],
    &["signed"],
    &["format"],
];

/// A mapping resolved into the attribute names to keep and, per key, where to look.
#[derive(Debug)]
struct Plan {
    wanted: Vec<Box<[u8]>>,
    /// The first key that reads each wanted attribute (named in errors).
    owner: Vec<Key>,
    sources: [Vec<Source>; Key::COUNT],
}

impl Plan {
    fn new(m: &XesMapping) -> Plan {
        let mut plan = Plan { wanted: Vec::new(), owner: Vec::new(), sources: Default::default() };
        for k in Key::ALL {
            let one;
            let names: &[&str] = match m.get(k) {
                Some(n) => {
                    one = [n];
                    &one
                }
                None => DEFAULT_NAMES[k as usize],
            };
            for &n in names {
                let (attr, trace_only) = match n.strip_prefix("case:") {
                    Some(a) => (a, true),
                    None => (n, false),
                };
                let w = match plan.wanted.iter().position(|x| &x[..] == attr.as_bytes()) {
                    Some(w) => w,
                    None => {
                        plan.wanted.push(attr.as_bytes().into());
                        plan.owner.push(k);
                        plan.wanted.len() - 1
                    }
                };
                plan.sources[k as usize].push(Source { wanted: w, trace_only });
            }
        }
        plan
    }

    fn find(&self, key: &[u8]) -> Option<usize> {
        self.wanted.iter().position(|w| &w[..] == key)
    }

    /// How the attributes for `key` are described in a message.
    fn describe(&self, key: Key) -> String {
        let names: Vec<String> = self.sources[key as usize]
            .iter()
            .map(|s| {
                let n = String::from_utf8_lossy(&self.wanted[s.wanted]);
                if s.trace_only {
                    format!("trace attribute {n}")
                } else {
                    n.into_owned()
                }
            })
            .collect();
        names.join(" or ")
    }
}

/// One attribute value kept: a span of an arena, absent, or a value that cannot be used (the
/// span holds the reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    None,
    Ok(u32, u32),
    Bad(u32, u32),
}

/// The wanted attributes of one element (or several, `count` slots each), text in one arena.
#[derive(Debug, Default)]
struct Attrs {
    text: String,
    slots: Vec<Slot>,
}

impl Attrs {
    fn clear(&mut self) {
        self.text.clear();
        self.slots.clear();
    }

    fn open(&mut self, width: usize) {
        self.slots.extend(std::iter::repeat_n(Slot::None, width));
    }

    fn put(&mut self, at: usize, text: &str, bad: bool) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        let end = self.text.len() as u32;
        self.slots[at] = if bad { Slot::Bad(start, end) } else { Slot::Ok(start, end) };
    }

    fn get(&self, at: usize) -> Option<Result<&str, &str>> {
        match self.slots[at] {
            Slot::None => None,
            Slot::Ok(s, e) => Some(Ok(&self.text[s as usize..e as usize])),
            Slot::Bad(s, e) => Some(Err(&self.text[s as usize..e as usize])),
        }
    }
}

/// What an open element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Log,
    /// `<global>`: defaults for traces (`true`) or events.
    Global(bool),
    Trace,
    /// `<event>` in a trace, or outside any (`false`).
    Event(bool),
    /// An attribute element, or anything else: its content is not mapped.
    Other,
}

/// The XES attribute element names (a table, not a `match`: a smaller package; `string`, by
/// far the most common, is found first).
const ATTRIBUTE_TYPES: [&str; 8] = ["string", "date", "int", "float", "boolean", "id", "list", "container"];

/// The XES attribute element of a name, if it is one.
fn attribute_type(name: &[u8]) -> Option<&'static str> {
    ATTRIBUTE_TYPES.into_iter().find(|t| t.as_bytes() == name)
}

/// Why a typed value cannot be used, if it cannot.
fn check_type(kind: &str, v: &str) -> Option<String> {
    let t = v.trim();
    let ok = match kind {
        "int" => t.parse::<i64>().is_ok(),
        "float" => crate::model::decimal::is_float(t),
        "boolean" => matches!(t, "true" | "false" | "1" | "0"),
        _ => true,
    };
    (!ok).then(|| format!("<{kind}> value {:?} is not a valid {kind}", clip(v)))
}

/// At most 40 characters of `s`, with "…" when cut.
fn clip(s: &str) -> String {
    super::report::clip(s, 40)
}

/// The attributes of a tag from its bytes (`name key="value" …`, as quick-xml gives a start
/// tag or a declaration; `from` is the length of the name): each key with its raw value.
/// quick-xml's own attribute reader does the same with the same errors (the message of the
/// first one, at its byte position in the tag), but its iterator, hashed duplicate check and
/// value normalization are about 6 KB of gzip wasm that only this importer needs.
fn tag_attributes(tag: &[u8], from: usize, check: bool) -> TagAttributes<'_> {
    TagAttributes { tag, at: Some(from), check, keys: Vec::new() }
}

struct TagAttributes<'a> {
    tag: &'a [u8],
    /// Where the next attribute is looked for; `None` after the last or an error.
    at: Option<usize>,
    /// Refuse a key given twice.
    check: bool,
    keys: Vec<(usize, usize)>,
}

impl<'a> Iterator for TagAttributes<'a> {
    type Item = Result<(&'a [u8], &'a [u8]), String>;

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.tag;
        let ws = |c: u8| matches!(c, b' ' | b'\r' | b'\n' | b'\t');
        let skip = |mut i: usize| {
            while i < b.len() && ws(b[i]) {
                i += 1;
            }
            i
        };
        let fail = |at: usize, what: String| Some(Err(format!("position {at}: {what}")));
        let start = skip(self.at.take()?);
        if start == b.len() {
            return None;
        }
        let mut end = start + 1;
        while end < b.len() && b[end] != b'=' && !ws(b[end]) {
            end += 1;
        }
        let eq = skip(end);
        if eq == b.len() || b[eq] != b'=' {
            return fail(eq, "attribute key must be directly followed by `=` or space".into());
        }
        if self.check {
            if let Some(&(p, _)) = self.keys.iter().find(|&&(p, q)| b[p..q] == b[start..end]) {
                return fail(start, format!("duplicated attribute, previous declaration at position {p}"));
            }
            self.keys.push((start, end));
        }
        let q = skip(eq + 1);
        let Some(&quote) = b.get(q) else {
            return fail(q, "`=` must be followed by an attribute value".into());
        };
        if quote != b'"' && quote != b'\'' {
            return fail(q, "attribute value must be enclosed in `\"` or `'`".into());
        }
        let Some(n) = b[q + 1..].iter().position(|&c| c == quote) else {
            return fail(b.len(), format!("missing closing quote `{}` in attribute value", quote as char));
        };
        self.at = Some(q + 2 + n);
        Some(Ok((&b[start..end], &b[q + 1..q + 1 + n])))
    }
}

/// An attribute value normalized as XML 1.0 says (§3.3.3), as quick-xml's `normalized_value`
/// does it: character references and the five predefined entities resolved, a tab or a line end
/// (`\r\n`, `\r`, `\n`) a space; its messages for what cannot be read.
fn normalized(raw: &[u8]) -> Result<std::borrow::Cow<'_, str>, String> {
    let text = std::str::from_utf8(raw).map_err(|e| format!("cannot decode input using UTF-8: {e}"))?;
    let b = text.as_bytes();
    if !b.iter().any(|c| matches!(c, b'\t' | b'\r' | b'\n' | b'&')) {
        return Ok(text.into());
    }
    let mut out = String::with_capacity(text.len());
    let (mut i, mut last) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if !matches!(c, b'\t' | b'\r' | b'\n' | b'&') {
            i += 1;
            continue;
        }
        out.push_str(&text[last..i]);
        i += 1;
        if c == b'&' {
            let Some(n) = b[i..].iter().position(|&c| c == b';') else {
                return Err(format!(
                    "Error while escaping character at range {:?}: Cannot find ';' after '&'",
                    i - 1..b.len()
                ));
            };
            let name = &text[i..i + n];
            out.push(match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "apos" => '\'',
                "quot" => '"',
                _ => match name.strip_prefix('#') {
                    Some(num) => char_ref(num).map_err(|e| format!("invalid character reference: {e}"))?,
                    None => return Err(format!("at {:?}: unrecognized entity `{name}`", i..i + n)),
                },
            });
            i += n + 1;
        } else {
            out.push(' ');
            if c == b'\r' && b.get(i) == Some(&b'\n') {
                i += 1;
            }
        }
        last = i;
    }
    out.push_str(&text[last..]);
    Ok(out.into())
}

/// The character of a reference `&#NUM;` or `&#xHEX;` (`num` after the `#`).
pub(super) fn char_ref(num: &str) -> Result<char, String> {
    let (digits, radix) = match num.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (num, 10),
    };
    if digits.starts_with(['+', '-']) {
        return Err("unexpected number sign".into());
    }
    let code = u32::from_str_radix(digits, radix).map_err(|e| e.to_string())?;
    if code == 0 {
        return Err("0x0 character is not permitted in XML".into());
    }
    char::from_u32(code).ok_or_else(|| format!("`{code}` is not a valid codepoint"))
}

/// Characters in UTF-8 bytes (bytes that do not continue a sequence).
fn chars(b: &[u8]) -> u32 {
    b.iter().filter(|&&c| (c & 0xC0) != 0x80).count() as u32
}

fn newlines(b: &[u8]) -> u32 {
    b.iter().filter(|&&c| c == b'\n').count() as u32
}

/// The XML reader's state between passes.
#[derive(Debug)]
struct Parser {
    plan: Plan,
    staging: Staging,
    /// Open elements: what each is, and its name (for the end-tag check) in `names`.
    stack: Vec<(Ctx, usize)>,
    names: Vec<u8>,
    /// The root `<log>` was seen, and closed.
    rooted: bool,
    closed: bool,
    /// Line at the first byte of the next pass, and characters before it on that line.
    line: u32,
    col0: u32,
    /// Line of the `<event>` being read.
    event_line: u32,
    /// The first bytes were looked at (byte-order mark, UTF-16).
    started: bool,
    /// A pass read something other than byte-order marks.
    begun: bool,
    /// Trace attributes, and trace and event defaults from `<global>`.
    trace: Attrs,
    trace_line: u32,
    global_event: Attrs,
    global_trace: Attrs,
    /// Events of the open trace: `width` slots each, and their lines.
    events: Attrs,
    event_lines: Vec<u32>,
    /// XML bytes read so far.
    xml_bytes: u64,
}

impl Parser {
    fn new(mapping: &XesMapping) -> Parser {
        let plan = Plan::new(mapping);
        let width = plan.wanted.len();
        let mut p = Parser {
            plan,
            staging: Staging::new(),
            stack: Vec::new(),
            names: Vec::new(),
            rooted: false,
            closed: false,
            line: 1,
            col0: 0,
            event_line: 0,
            started: false,
            begun: false,
            trace: Attrs::default(),
            trace_line: 0,
            global_event: Attrs::default(),
            global_trace: Attrs::default(),
            events: Attrs::default(),
            event_lines: Vec::new(),
            xml_bytes: 0,
        };
        p.trace.open(width);
        p.global_event.open(width);
        p.global_trace.open(width);
        p
    }

    fn width(&self) -> usize {
        self.plan.wanted.len()
    }
    /// Text before the `<log>` element or after its end.
    fn outside_log(&self) -> ImportError {
        let what = if self.closed { "text after the end of <log>" } else { "text before the <log> element" };
        ImportError::new(format!("not an XES log: {what}"))
    }

    /// Line and column (1-based; the column in characters) of `pos` in `buf`, where `line` is
    /// the line at `buf[counted]`.
    fn locate(&self, buf: &[u8], counted: usize, line: u32, pos: usize) -> (u32, u32) {
        let pos = pos.clamp(counted, buf.len());
        let line = line + newlines(&buf[counted..pos]);
        let before = &buf[..pos];
        let col = match memchr::memrchr(b'\n', before) {
            Some(i) => chars(&before[i + 1..]),
            None => self.col0 + chars(before),
        };
        (line, col + 1)
    }

    /// Reads the complete markup of `buf` and returns how many bytes were read (the rest is an
    /// incomplete tail, unless `last`).
    fn pass(&mut self, buf: &[u8], last: bool, tracker: &mut Tracker) -> Result<usize, ImportError> {
        // Byte-order marks at the start of a pass are passed over here: quick-xml would skip
        // one by itself, and its positions would slip by three bytes (lines and text differed
        // with where the chunks were cut; found by `cargo fuzz run xes`). Before anything else
        // of the file they are skipped; later they are text (outside `<log>`, an error).
        let mut from = 0;
        while buf[from..].starts_with(UTF8_BOM) {
            if self.begun && (!self.rooted || self.closed) {
                let (l, c) = self.locate(buf, 0, self.line, from);
                return Err(located(self.outside_log(), l, c));
            }
            from += UTF8_BOM.len();
        }
        // The start of a mark cut by the chunk, before anything else: kept for the next pass.
        let wait = !last && !self.begun && from < buf.len() && UTF8_BOM.starts_with(&buf[from..]);
        let mut r = Reader::from_reader(if wait { &[][..] } else { &buf[from..] });
        {
            let c = r.config_mut();
            c.check_end_names = false;
            c.allow_unmatched_ends = true;
            c.allow_dangling_amp = true;
            c.check_comments = false;
            c.expand_empty_elements = false;
        }
        // Newlines are counted up to `counted`, where the line is `line`.
        let mut counted = 0usize;
        let mut line = self.line;
        let used = loop {
            let start = from + r.buffer_position() as usize;
            let ev = r.read_event();
            let end = from + r.buffer_position() as usize;
            line += newlines(&buf[counted..start]);
            counted = start;
            let markup = !matches!(ev, Ok(Event::Text(_) | Event::GeneralRef(_)) | Err(_));
            if markup && end - start > MAX_ELEMENT_BYTES {
                return Err(too_long(line));
            }
            match ev {
                Ok(Event::Eof) => break if wait { from } else { buf.len() },
                // Text outside <log>: the same message whether it starts with a character or
                // an entity reference, which depends on where the chunks were cut.
                Ok(Event::Text(t)) => {
                    if !self.rooted || self.closed {
                        if let Some(i) = t.iter().position(|b| !b.is_ascii_whitespace()) {
                            let (l, c) = self.locate(buf, counted, line, start + i);
                            return Err(located(self.outside_log(), l, c));
                        }
                    }
                }
                Ok(Event::GeneralRef(_)) => {
                    if !self.rooted || self.closed {
                        let (l, c) = self.locate(buf, counted, line, start);
                        return Err(located(self.outside_log(), l, c));
                    }
                }
                Ok(Event::Start(e)) => self.open(&e, line, false, tracker)?,
                Ok(Event::Empty(e)) => self.open(&e, line, true, tracker)?,
                Ok(Event::End(e)) => self.close(e.name().as_ref(), line, tracker)?,
                Ok(Event::Decl(d)) => {
                    let encoding = tag_attributes(&d, 3, false).map_while(Result::ok).find(|a| a.0 == b"encoding");
                    if let Some((_, enc)) = encoding {
                        let enc = String::from_utf8_lossy(enc).to_ascii_lowercase();
                        if !matches!(enc.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
                            return Err(ImportError::new(format!(
                                "the file declares the encoding {enc:?}; only UTF-8 is read: save it as UTF-8"
                            ))
                            .at_line(line as usize));
                        }
                    }
                }
                Ok(Event::CData(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => {}
                Err(quick_xml::Error::Syntax(_)) if buf.len() - start > MAX_ELEMENT_BYTES => {
                    return Err(too_long(line));
                }
                // The bytes end inside markup: keep them for the next pass.
                Err(quick_xml::Error::Syntax(_)) if !last => break start,
                Err(e) => {
                    let (l, c) = self.locate(buf, counted, line, from + r.error_position() as usize);
                    // The messages of quick-xml's `Error` for what a reader of bytes can give
                    // (syntax and ill-formed markup: I/O, encoding, escape, attribute and
                    // namespace errors come from other calls); its `Display` itself is not linked
                    // in, it would bring the formatting of all of those.
                    let message = match e {
                        quick_xml::Error::Syntax(s) => format!("not well-formed XML: {s} (truncated file?)"),
                        quick_xml::Error::IllFormed(e) => format!("not well-formed XML: ill-formed document: {e}"),
                        _ => "not well-formed XML".to_string(),
                    };
                    return Err(located(ImportError::new(message), l, c));
                }
            }
        };
        self.begun |= used > from;
        self.line = line + newlines(&buf[counted..used]);
        let read = &buf[..used];
        self.col0 = match memchr::memrchr(b'\n', read) {
            Some(i) => chars(&read[i + 1..]),
            None => self.col0 + chars(read),
        };
        Ok(used)
    }

    fn push_ctx(&mut self, ctx: Ctx, name: &[u8], line: u32) -> Result<(), ImportError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(
                ImportError::new(format!("elements nested deeper than {MAX_DEPTH} levels")).at_line(line as usize)
            );
        }
        self.stack.push((ctx, self.names.len()));
        self.names.extend_from_slice(name);
        Ok(())
    }

    /// A start tag (or an empty element, closed at once).
    fn open(&mut self, e: &BytesStart<'_>, line: u32, empty: bool, tracker: &mut Tracker) -> Result<(), ImportError> {
        let qname = e.name();
        let name = e.local_name();
        let name = name.as_ref();
        let parent = match self.stack.last() {
            Some(&(c, _)) => c,
            None => {
                if self.closed {
                    return Err(
                        ImportError::new("not an XES log: an element after the end of <log>").at_line(line as usize)
                    );
                }
                if name != b"log" {
                    return Err(ImportError::new(format!(
                        "not an XES log: the root element is <{}>, expected <log>",
                        clip(&String::from_utf8_lossy(qname.as_ref()))
                    ))
                    .at_line(line as usize));
                }
                self.rooted = true;
                if empty {
                    self.closed = true;
                } else {
                    self.push_ctx(Ctx::Log, qname.as_ref(), line)?;
                }
                return Ok(());
            }
        };
        let ctx = match (parent, name) {
            (Ctx::Log, b"trace") => {
                self.trace.clear();
                self.trace.open(self.width());
                self.trace_line = line;
                self.events.clear();
                self.event_lines.clear();
                Ctx::Trace
            }
            (Ctx::Log | Ctx::Trace, b"event") => {
                let in_trace = parent == Ctx::Trace;
                self.event_line = line;
                if in_trace {
                    if self.event_lines.len() >= MAX_TRACE_EVENTS || self.events.text.len() >= MAX_TRACE_BYTES {
                        return Err(ImportError::new(format!(
                            "the trace opened at line {} holds more than {MAX_TRACE_EVENTS} events or {} MiB of values; split it",
                            self.trace_line,
                            MAX_TRACE_BYTES >> 20
                        ))
                        .at_line(line as usize));
                    }
                    self.events.open(self.width());
                    self.event_lines.push(line);
                }
                Ctx::Event(in_trace)
            }
            (Ctx::Log, b"global") => {
                let mut trace = false;
                for a in tag_attributes(e, qname.as_ref().len(), true) {
                    let (key, value) = a.map_err(|err| bad_xml(err, line))?;
                    if key == b"scope" {
                        trace = value == b"trace";
                    }
                }
                Ctx::Global(trace)
            }
            (Ctx::Trace | Ctx::Event(true) | Ctx::Global(_), n) if attribute_type(n).is_some() => {
                self.attribute(e, parent, attribute_type(n).unwrap_or("string"), line)?;
                Ctx::Other
            }
            _ => Ctx::Other,
        };
        if empty {
            self.end(ctx, tracker)
        } else {
            self.push_ctx(ctx, qname.as_ref(), line)
        }
    }

    /// An attribute element directly in a trace, an event or a global.
    fn attribute(&mut self, e: &BytesStart<'_>, parent: Ctx, kind: &'static str, line: u32) -> Result<(), ImportError> {
        let mut wanted = None;
        let mut value = None;
        for a in tag_attributes(e, e.name().as_ref().len(), false) {
            let (key, v) = a.map_err(|err| bad_xml(err, line))?;
            match key {
                b"key" => match self.plan.find(v) {
                    Some(w) => wanted = Some(w),
                    None => return Ok(()),
                },
                b"value" => value = Some(v),
                _ => {}
            }
        }
        let (Some(w), Some(raw)) = (wanted, value) else { return Ok(()) };
        if matches!(kind, "list" | "container") {
            return Ok(());
        }
        if raw.len() > MAX_FIELD_BYTES {
            let key = self.plan.owner[w];
            return Err(ImportError::new(format!(
                "the value of attribute {:?} is {} bytes long; the limit is {MAX_FIELD_BYTES} bytes",
                String::from_utf8_lossy(&self.plan.wanted[w]),
                raw.len()
            ))
            .at_line(line as usize)
            .with_field(key.name()));
        }
        let (text, bad) = match normalized(raw) {
            Ok(v) => match check_type(kind, &v) {
                None => (v, false),
                Some(m) => (m.into(), true),
            },
            Err(err) => (format!("attribute value cannot be read: {err}").into(), true),
        };
        let attrs = match parent {
            Ctx::Trace => &mut self.trace,
            Ctx::Global(true) => &mut self.global_trace,
            Ctx::Global(false) => &mut self.global_event,
            _ => {
                let at = self.events.slots.len() - self.width();
                self.events.put(at + w, &text, bad);
                return Ok(());
            }
        };
        attrs.put(w, &text, bad);
        Ok(())
    }

    fn close(&mut self, name: &[u8], line: u32, tracker: &mut Tracker) -> Result<(), ImportError> {
        let Some((ctx, at)) = self.stack.pop() else {
            return Err(ImportError::new(format!(
                "not well-formed XML: </{}> closes no element",
                clip(&String::from_utf8_lossy(name))
            ))
            .at_line(line as usize));
        };
        if &self.names[at..] != name {
            let open = String::from_utf8_lossy(&self.names[at..]).into_owned();
            self.stack.push((ctx, at));
            return Err(ImportError::new(format!(
                "not well-formed XML: </{}> closes <{}>",
                clip(&String::from_utf8_lossy(name)),
                clip(&open)
            ))
            .at_line(line as usize));
        }
        self.names.truncate(at);
        self.end(ctx, tracker)
    }

    /// The end of an element.
    fn end(&mut self, ctx: Ctx, tracker: &mut Tracker) -> Result<(), ImportError> {
        match ctx {
            Ctx::Log => self.closed = true,
            Ctx::Trace => self.flush_trace(tracker)?,
            Ctx::Event(false) => {
                self.staging.begin_row(self.event_line);
                self.staging.reject_row(Some(Key::Document), "an <event> outside any <trace> has no document");
            }
            _ => {}
        }
        Ok(())
    }

    /// Stages the events of the trace read so far.
    fn flush_trace(&mut self, tracker: &mut Tracker) -> Result<(), ImportError> {
        let w = self.width();
        for (i, &line) in self.event_lines.iter().enumerate() {
            self.staging.begin_row(line);
            let mut rejected = false;
            for k in Key::ALL {
                let mut found = None;
                for s in &self.plan.sources[k as usize] {
                    let v = if s.trace_only {
                        None
                    } else {
                        self.events.get(i * w + s.wanted).or_else(|| self.global_event.get(s.wanted))
                    };
                    found = v.or_else(|| self.trace.get(s.wanted)).or_else(|| self.global_trace.get(s.wanted));
                    if found.is_some() {
                        break;
                    }
                }
                match found {
                    Some(Ok(v)) => {
                        self.staging.set(k, v).map_err(|e| ImportError::new(e.to_string()).at_line(line as usize))?;
                    }
                    Some(Err(why)) => {
                        self.staging.reject_row(Some(k), why);
                        rejected = true;
                        break;
                    }
                    None if k == Key::Document => {
                        let message = format!(
                            "no document: neither the event nor its trace (line {}) has {}",
                            self.trace_line,
                            self.plan.describe(k)
                        );
                        self.staging.reject_row(Some(k), message);
                        rejected = true;
                        break;
                    }
                    None => {}
                }
            }
            if !rejected {
                self.staging.end_row();
            }
        }
        self.events.clear();
        self.event_lines.clear();
        if self.staging.is_full() {
            self.staging.load(tracker);
        }
        Ok(())
    }

    /// Stages what an input that stops early leaves: the events of an unfinished trace.
    fn flush_partial(&mut self, tracker: &mut Tracker) {
        if self.stack.iter().any(|&(c, _)| c == Ctx::Trace) {
            // The event being read when the input stopped is not complete: drop it.
            if matches!(self.stack.last(), Some(&(Ctx::Event(true), _))) {
                let w = self.width();
                self.events.slots.truncate(self.events.slots.len() - w);
                self.event_lines.pop();
            }
            let _ = self.flush_trace(tracker);
        }
        self.staging.load(tracker);
    }

    /// The element never closed when the input ends, if any.
    fn unclosed(&self) -> Option<ImportError> {
        let &(_, at) = self.stack.last()?;
        let name = String::from_utf8_lossy(&self.names[at..]).into_owned();
        let what = match self.stack.iter().rev().find(|(c, _)| *c == Ctx::Trace) {
            Some(_) => format!(" (in the trace opened at line {})", self.trace_line),
            None => String::new(),
        };
        Some(
            ImportError::new(format!("the file ends inside <{}>{what}: truncated file?", clip(&name)))
                .at_line(self.line as usize),
        )
    }
}

fn located(mut e: ImportError, line: u32, column: u32) -> ImportError {
    e.line = Some(line as usize);
    e.column = Some(column as usize);
    e
}

fn too_long(line: u32) -> ImportError {
    ImportError::new(format!(
        "an element longer than {MAX_ELEMENT_BYTES} bytes (an attribute value over the {MAX_FIELD_BYTES}-byte limit, or a tag never closed)"
    ))
    .at_line(line as usize)
}

fn bad_xml(e: impl std::fmt::Display, line: u32) -> ImportError {
    ImportError::new(format!("not well-formed XML: {e}")).at_line(line as usize)
}

/// How the input is coded: not yet known (fewer than two bytes seen), plain XML, or gzip.
enum Coding {
    Sniff(Vec<u8>),
    Plain,
    Gzip(Box<Gunzip>),
}

/// The streaming XES importer (see the module documentation).
pub struct XesImporter {
    coding: Coding,
    parser: Option<Parser>,
    /// The incomplete markup left by the last pass.
    tail: Vec<u8>,
    /// The tail length at which the next pass runs.
    retry_at: usize,
    bytes: u64,
    rows: u64,
    events_at_start: Option<usize>,
    events: u64,
}

impl XesImporter {
    /// An importer with `mapping` (the defaults when `None`).
    pub fn new(mapping: Option<&XesMapping>) -> XesImporter {
        XesImporter {
            coding: Coding::Sniff(Vec::new()),
            parser: Some(Parser::new(mapping.unwrap_or(&XesMapping::default()))),
            tail: Vec::new(),
            retry_at: 0,
            bytes: 0,
            rows: 0,
            events_at_start: None,
            events: 0,
        }
    }

    /// Runs `f` on the parser; on an error, stages what was read and spends the importer.
    fn guard(
        &mut self,
        tracker: &mut Tracker,
        f: impl FnOnce(&mut Self, &mut Tracker) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        if self.parser.is_none() {
            return Err(ImportError::new("this importer is spent: finish() was called or an error stopped it"));
        }
        let start = *self.events_at_start.get_or_insert(tracker.store().events.len());
        let r = f(self, tracker);
        if r.is_err() {
            if let Some(mut p) = self.parser.take() {
                p.flush_partial(tracker);
                self.rows = p.staging.rows_read() as u64;
            }
        }
        self.events = tracker.store().events.len().saturating_sub(start) as u64;
        r
    }

    /// Reads XML bytes (plain, or inflated).
    fn xml(&mut self, data: &[u8], last: bool, tracker: &mut Tracker) -> Result<(), ImportError> {
        let Some(p) = self.parser.as_mut() else { return Ok(()) };
        p.xml_bytes += data.len() as u64;
        if self.tail.is_empty() && p.started {
            // The usual case: read the chunk where it is, keep only its incomplete end.
            let used = p.pass(data, last, tracker)?;
            self.tail.extend_from_slice(&data[used..]);
            self.retry_at = 2 * self.tail.len();
            return Ok(());
        }
        self.tail.extend_from_slice(data);
        if !p.started {
            if self.tail.len() < 3 && !last {
                return Ok(());
            }
            p.started = true;
            if self.tail.starts_with(&[0xFF, 0xFE]) || self.tail.starts_with(&[0xFE, 0xFF]) {
                return Err(ImportError::new("the file is UTF-16; only UTF-8 is read: save it as UTF-8").at_line(1));
            }
            if self.tail.starts_with(UTF8_BOM) {
                self.tail.drain(..UTF8_BOM.len());
            }
        } else if !last && self.tail.len() <= MAX_ELEMENT_BYTES {
            // The markup cut by the last chunk can only end at a `>`; and a pass over the tail
            // is run only once it has doubled, so that tiny chunks cost linear time.
            let ends = memchr::memchr(b'>', data).is_some();
            if !ends || self.tail.len() < self.retry_at {
                return Ok(());
            }
        }
        self.pass_tail(last, tracker)
    }

    /// Reads the markup kept in the tail (complete elements; all of it when `last`).
    fn pass_tail(&mut self, last: bool, tracker: &mut Tracker) -> Result<(), ImportError> {
        let Some(p) = self.parser.as_mut() else { return Ok(()) };
        let buf = std::mem::take(&mut self.tail);
        let used = p.pass(&buf, last, tracker)?;
        self.tail = buf;
        self.tail.drain(..used);
        self.retry_at = 2 * self.tail.len();
        Ok(())
    }

    fn gzip(&mut self, data: &[u8], tracker: &mut Tracker) -> Result<(), ImportError> {
        let mut g = match std::mem::replace(&mut self.coding, Coding::Plain) {
            Coding::Gzip(g) => g,
            other => {
                self.coding = other;
                return Ok(());
            }
        };
        let mut total = g.total_out;
        let r = g.push(data, &mut |piece: &[u8]| {
            total += piece.len() as u64;
            if total > MAX_INFLATED_BYTES {
                return Err(ImportError::new(format!(
                    "the .xes.gz inflates to more than {} GiB; refused (a decompression bomb?)",
                    MAX_INFLATED_BYTES >> 30
                )));
            }
            self.xml(piece, false, tracker)
        });
        self.coding = Coding::Gzip(g);
        match r {
            Ok(()) => Ok(()),
            Err(Ok(e)) => Err(self.gzip_failed(e, tracker)),
            Err(Err(e)) => Err(e),
        }
    }

    /// The error of a gzip stream that cannot be read further (corrupt, or truncated): the
    /// complete elements inflated so far are read first, as when the inflated text came in one
    /// piece (`xml` may have put off a pass over the tail).
    fn gzip_failed(&mut self, e: GzipError, tracker: &mut Tracker) -> ImportError {
        if self.parser.as_ref().is_some_and(|p| p.started) {
            if let Err(x) = self.pass_tail(false, tracker) {
                return x;
            }
        }
        gzip_error(e)
    }

    fn feed(&mut self, chunk: &[u8], tracker: &mut Tracker) -> Result<(), ImportError> {
        if let Coding::Sniff(head) = &mut self.coding {
            head.extend_from_slice(chunk);
            if head.len() < 2 {
                return Ok(());
            }
            let head = std::mem::take(head);
            if is_gzip(&head) {
                self.coding = Coding::Gzip(Box::default());
            } else {
                self.coding = Coding::Plain;
            }
            return self.feed(&head, tracker);
        }
        match self.coding {
            Coding::Gzip(..) => self.gzip(chunk, tracker),
            _ => self.xml(chunk, false, tracker),
        }
    }

    fn end(&mut self, tracker: &mut Tracker) -> Result<(), ImportError> {
        match std::mem::replace(&mut self.coding, Coding::Plain) {
            Coding::Sniff(head) => self.xml(&head, true, tracker)?,
            Coding::Plain => self.xml(&[], true, tracker)?,
            Coding::Gzip(mut g) => {
                if let Err(e) = g.finish() {
                    return Err(self.gzip_failed(e, tracker));
                }
                self.xml(&[], true, tracker)?;
            }
        }
        let Some(p) = self.parser.as_mut() else { return Ok(()) };
        if let Some(e) = p.unclosed() {
            return Err(e);
        }
        if !p.rooted {
            let what = if p.xml_bytes == 0 { "the input is empty" } else { "no <log> element" };
            return Err(ImportError::new(format!("not an XES log: {what}")));
        }
        Ok(())
    }
}

fn gzip_error(e: GzipError) -> ImportError {
    ImportError::new(format!("not a readable .xes.gz: {}", e.0))
}

impl Importer for XesImporter {
    fn push(&mut self, tracker: &mut Tracker, chunk: &[u8]) -> Result<(), ImportError> {
        self.bytes += chunk.len() as u64;
        self.guard(tracker, |s, t| s.feed(chunk, t))
    }

    fn finish(&mut self, tracker: &mut Tracker) -> Result<IngestReport, ImportError> {
        self.guard(tracker, |s, t| s.end(t))?;
        let p = self.parser.take().ok_or_else(|| ImportError::new("this importer is spent"))?;
        self.rows = p.staging.rows_read() as u64;
        let start = self.events_at_start.unwrap_or(0);
        let report = p.staging.finish(tracker);
        self.events = tracker.store().events.len().saturating_sub(start) as u64;
        Ok(report)
    }

    fn progress(&self) -> Progress {
        let rows = self.parser.as_ref().map_or(self.rows, |p| (p.staging.rows_read() + p.event_lines.len()) as u64);
        Progress { bytes: self.bytes, rows, events: self.events }
    }
}

/// Imports a whole `.xes` or `.xes.gz` input: the streaming importer, pushed once.
pub fn import_xes(
    tracker: &mut Tracker,
    bytes: &[u8],
    mapping: Option<&XesMapping>,
) -> Result<IngestReport, ImportError> {
    super::import::import_all(&mut XesImporter::new(mapping), tracker, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random strings built from pieces that matter to a tag or a value.
    fn samples(pieces: &[&str], n: usize) -> Vec<String> {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        (0..n)
            .map(|_| {
                let mut s = String::new();
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                for k in 0..(x % 9) {
                    s.push_str(pieces[((x >> (8 * (k % 7) + 3)) as usize + k as usize) % pieces.len()]);
                }
                s
            })
            .collect()
    }

    #[test]
    fn tag_attributes_read_as_quick_xml_reads_them() {
        let pieces = ["k", "key", "=", " ", "\t", "\n", "\"", "'", "v", "a b", "key=\"x\"", " value='y'", "=\"\"", "&"];
        for tail in samples(&pieces, 20_000) {
            let tag = format!("string{tail}");
            for check in [true, false] {
                let mine: Vec<_> = tag_attributes(tag.as_bytes(), 6, check).collect();
                let start = BytesStart::from_content(tag.as_str(), 6);
                let mut theirs = Vec::new();
                for a in start.attributes().with_checks(check) {
                    let stop = a.is_err();
                    theirs.push(a.map(|a| (a.key.as_ref().to_vec(), a.value.to_vec())).map_err(|e| e.to_string()));
                    if stop {
                        break;
                    }
                }
                let mine: Vec<_> = mine.into_iter().map(|a| a.map(|(k, v)| (k.to_vec(), v.to_vec()))).collect();
                assert_eq!(mine, theirs, "{tag:?} check {check}");
            }
        }
    }

    /// edXML reads character references with [`char_ref`] too.
    #[test]
    fn char_refs_resolve_as_quick_xml_resolves_them() {
        let pieces = ["#", "x", "X", "1EA1", "273", "0", "-5", "+1", "zz", "D800", "1114112", "ạ", " "];
        for name in samples(&pieces, 20_000) {
            let theirs = quick_xml::events::BytesRef::new(name.as_str()).resolve_char_ref().ok().flatten();
            let mine = name.strip_prefix('#').and_then(|n| char_ref(n).ok());
            assert_eq!(mine, theirs, "{name:?}");
        }
    }

    #[test]
    fn values_normalize_as_quick_xml_normalizes_them() {
        let pieces = [
            "a",
            " ",
            "\t",
            "\r",
            "\n",
            "\r\n",
            "&",
            ";",
            "&amp;",
            "&lt;",
            "&gt;",
            "&apos;",
            "&quot;",
            "&#",
            "&#x",
            "1EA1",
            "273",
            "0",
            "-5",
            "+1",
            "zz",
            "&foo;",
            "&#xD800;",
            "&#1114112;",
            "ạ",
        ];
        for value in samples(&pieces, 20_000) {
            let tag = format!("string value=\"{}\"", value.replace('"', "&quot;"));
            let start = BytesStart::from_content(tag.as_str(), 6);
            let Some(Ok(a)) = start.attributes().next() else { continue };
            let theirs = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| e.to_string());
            let mine = normalized(&a.value);
            assert_eq!(mine, theirs, "{value:?}");
        }
        assert_eq!(
            normalized(b"\xff").unwrap_err(),
            "cannot decode input using UTF-8: invalid utf-8 sequence of 1 bytes from index 0"
        );
    }
}
