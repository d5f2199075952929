//! A small SVG writer: escaped text and attributes, numbers written the same way on every
//! machine (one decimal, no float formatting), and the accessible frame every picture shares.
//!
//! Pictures never carry inline `style`: a page under a Content-Security-Policy without
//! `'unsafe-inline'` would drop it. Colours are presentation attributes (the defaults) and every
//! element has a class, so the package's `lienthong.css` (or the page) themes them through CSS
//! custom properties (`--lt-…`), which take precedence over presentation attributes.

use std::fmt::Write;

/// An SVG document being written.
#[derive(Debug)]
pub struct Svg {
    out: String,
    /// Open elements, to close in order.
    open: Vec<&'static str>,
    /// Prefix of the ids in this picture (several pictures on one page must not share ids).
    id: String,
}

/// An element being started: add attributes, then [`Tag::open`] it (children follow) or
/// [`Tag::end`] it (no children). (Only the writer: its name is already on the open stack, so
/// that each call of a chain passes and returns one pointer.)
#[must_use = "finish the element with open() or end()"]
pub struct Tag<'a> {
    svg: &'a mut Svg,
}

impl Tag<'_> {
    /// A text attribute, escaped.
    pub fn attr(self, name: &str, value: &str) -> Self {
        let out = &mut self.svg.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_into(out, value);
        out.push('"');
        self
    }

    /// A numeric attribute, one decimal.
    pub fn num(self, name: &str, value: f64) -> Self {
        let out = &mut self.svg.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_num(out, value);
        out.push('"');
        self
    }

    /// An attribute only when `value` is some.
    pub fn attr_opt(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// Starts the element's children.
    pub fn open(self) {
        self.svg.out.push('>');
    }

    /// Ends an element without children.
    pub fn end(self) {
        self.svg.out.push_str("/>");
        self.svg.open.pop();
    }

    /// Writes the element with `text` (escaped) as its only child.
    pub fn text(self, text: &str) {
        let svg = self.svg;
        svg.out.push('>');
        escape_into(&mut svg.out, text);
        svg.close();
    }
}

impl Svg {
    /// Starts a picture `width`×`height` px with its accessible name (`title`) and description
    /// (`desc`), both escaped; `class` names the kind of picture (`lt-flow`, …); `id` prefixes
    /// every id in it.
    pub fn new(width: f64, height: f64, class: &str, id: &str, title: &str, desc: &str) -> Svg {
        let mut svg = Svg { out: String::with_capacity(16 * 1024), open: Vec::new(), id: sanitize_id(id) };
        let (t, d) = (svg.id("title"), svg.id("desc"));
        let labelled = format!("{t} {d}");
        svg.out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        svg.tag("svg")
            .num("width", width)
            .num("height", height)
            .attr("viewBox", &format!("0 0 {} {}", num(width), num(height)))
            .attr("class", &format!("lt-svg {class}"))
            // Not "img": that would hide the focusable units and bars inside from screen readers.
            .attr("role", "group")
            .attr("aria-labelledby", &labelled)
            .attr("font-family", "'DejaVu Sans', Verdana, Arial, sans-serif")
            .attr_raw_open();
        svg.tag("title").attr("id", &t).text(title);
        svg.tag("desc").attr("id", &d).text(desc);
        svg
    }

    /// An id unique within the page: the picture's prefix and `local`.
    pub fn id(&self, local: &str) -> String {
        format!("{}-{}", self.id, sanitize_id(local))
    }

    /// Starts element `name`. (`name` is always one of the renderer's own tags.)
    pub fn tag(&mut self, name: &'static str) -> Tag<'_> {
        if name != "svg" {
            self.out.push('<');
            self.out.push_str(name);
        }
        self.open.push(name);
        Tag { svg: self }
    }

    /// Escaped text inside the open element.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Closes every open element and returns the SVG text.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

impl Tag<'_> {
    /// Opens the root `<svg` (written by [`Svg::new`] with its namespace).
    fn attr_raw_open(self) {
        self.open();
    }
}

/// Escapes `text` for SVG text content and attribute values: `& < > " '` become entities, and
/// characters XML forbids (controls other than tab and newline) become U+FFFD.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push(' '),
            c if (c as u32) < 0x20 || ('\u{fffe}'..='\u{ffff}').contains(&c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped (see [`escape_into`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// `value` with one decimal (`12`, `12.5`, `-0.3`); not finite is `0`.
pub fn num(value: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, value);
    s
}

/// Writes `value` with one decimal, by integer arithmetic: the same bytes on every machine
/// and no float formatting code in the wasm.
pub fn push_num(out: &mut String, value: f64) {
    let tenths = if value.is_finite() { (value * 10.0).round().clamp(-1e15, 1e15) as i64 } else { 0 };
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let _ = write!(out, "{}", t / 10);
    if t % 10 != 0 {
        out.push('.');
        out.push((b'0' + (t % 10) as u8) as char);
    }
}

/// Keeps `[A-Za-z0-9_-]` of an id (ids come from the page's options and from unit ids).
fn sanitize_id(id: &str) -> String {
    let mut s = String::with_capacity(id.len());
    for c in id.chars() {
        s.push(if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' });
    }
    if s.is_empty() {
        "lt".into()
    } else {
        s
    }
}
