//! Any analysis result as a CSV table, with the column names of its JSON (camelCase, nested
//! objects flattened with dots: `leadTime.medianMs`, `transit.p90Ms`).
//!
//! A result becomes a [`Node`] tree through serde and one function, [`node_csv`], flattens it: a
//! field added to a result shows up in its CSV without a second list of columns to keep in step.
//! The JS binding's `analysisCsv` flattens the JS object the analysis method returns by the same
//! rules in JavaScript (`src/wasm/table.js`; `tests/js/export.test.mjs` compares the two texts). Which part of a
//! result makes the rows is a [`Table`]: the result itself (`summary`: one row), its elements
//! (`directlyFollows`, `timeline`), or named fields of it (`report`: `rows` then `total`;
//! `overdue`: `late`, `overdue`, `dueSoon`, with a first column `state` naming the list).
//!
//! Cells: numbers as JSON writes them (instants and durations in milliseconds), `true`/`false`,
//! absent values empty; a list inside a row is one cell, its items joined by `;` (an item with
//! several fields: its values joined by `:`, as `paperSenders` `C:UBND xã C:1;D::2`). A column
//! is present when any row has it; a column that is only ever empty and has nested columns (an
//! optional group such as `split`) is left out.

use super::push_csv_field;
use crate::analysis::{Bottlenecks, DfgArc, FlowGraph, OverdueReport, PeriodReport, ProcessingTimes, Summary};
use crate::analysis::{Egov, TimelinePoint};
use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::fmt::{self, Write};

/// Which part of a result makes the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The value is one row.
    One,
    /// The value is a list; each element is a row.
    Each,
    /// The listed fields of the value: a list field gives a row per element, another field
    /// one row. With a tag, a first column of that name holds the field's name.
    Fields(&'static [&'static str], Option<&'static str>),
}

/// An analysis result's CSV table: what the command line's `--csv` and JS
/// `analysisCsv(name, options)` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// `summary()`: one row.
    Summary,
    /// `directlyFollows()`: one row per arc.
    DirectlyFollows,
    /// `flow()` nodes: one row per unit.
    FlowNodes,
    /// `flow()` edges: one row per handover edge.
    FlowEdges,
    /// `processingTimes()`: one row per group.
    ProcessingTimes,
    /// `bottlenecks()` units.
    BottleneckUnits,
    /// `bottlenecks()` edges.
    BottleneckEdges,
    /// `overdue()`: late, overdue and due-soon copies, with a `state` column.
    Overdue,
    /// `report()`: one row per unit or level, then the total.
    Report,
    /// `timeline()`: one row per bucket.
    Timeline,
    /// `egov()`: one row per unit, level or month, then the total.
    Egov,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 11] = [
        Table::Summary,
        Table::DirectlyFollows,
        Table::FlowNodes,
        Table::FlowEdges,
        Table::ProcessingTimes,
        Table::BottleneckUnits,
        Table::BottleneckEdges,
        Table::Overdue,
        Table::Report,
        Table::Timeline,
        Table::Egov,
    ];

    /// The name (`summary`, `directlyFollows`, `flowNodes`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Summary => "summary",
            Table::DirectlyFollows => "directlyFollows",
            Table::FlowNodes => "flowNodes",
            Table::FlowEdges => "flowEdges",
            Table::ProcessingTimes => "processingTimes",
            Table::BottleneckUnits => "bottleneckUnits",
            Table::BottleneckEdges => "bottleneckEdges",
            Table::Overdue => "overdue",
            Table::Report => "report",
            Table::Timeline => "timeline",
            Table::Egov => "egov",
        }
    }

    /// The table of a name.
    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The rows of the table in its result.
    pub fn rows(self) -> Rows {
        match self {
            Table::Summary => Rows::One,
            Table::DirectlyFollows | Table::Timeline => Rows::Each,
            Table::FlowNodes => Rows::Fields(&["nodes"], None),
            Table::FlowEdges => Rows::Fields(&["edges"], None),
            Table::ProcessingTimes => Rows::Fields(&["groups"], None),
            Table::BottleneckUnits => Rows::Fields(&["units"], None),
            Table::BottleneckEdges => Rows::Fields(&["edges"], None),
            Table::Overdue => Rows::Fields(&["late", "overdue", "dueSoon"], Some("state")),
            Table::Report | Table::Egov => Rows::Fields(&["rows", "total"], None),
        }
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An analysis result, borrowed, for [`result_csv`].
#[derive(Debug, Clone, Copy)]
pub enum Analysis<'a> {
    /// `summary()`.
    Summary(&'a Summary),
    /// `directlyFollows()`.
    DirectlyFollows(&'a [DfgArc]),
    /// `flow()`: its nodes (`false`) or edges (`true`).
    Flow(&'a FlowGraph, bool),
    /// `processingTimes()`.
    ProcessingTimes(&'a ProcessingTimes),
    /// `bottlenecks()`: its units (`false`) or edges (`true`).
    Bottlenecks(&'a Bottlenecks, bool),
    /// `overdue()`.
    Overdue(&'a OverdueReport),
    /// `report()`.
    Report(&'a PeriodReport),
    /// `timeline()`.
    Timeline(&'a [TimelinePoint]),
    /// `egov()`.
    Egov(&'a Egov),
}

/// The CSV table of an analysis result.
pub fn result_csv(r: Analysis<'_>) -> String {
    match r {
        Analysis::Summary(v) => to_csv(v, Table::Summary.rows()),
        Analysis::DirectlyFollows(v) => to_csv(v, Table::DirectlyFollows.rows()),
        Analysis::Flow(v, edges) => to_csv(v, if edges { Table::FlowEdges } else { Table::FlowNodes }.rows()),
        Analysis::ProcessingTimes(v) => to_csv(v, Table::ProcessingTimes.rows()),
        Analysis::Bottlenecks(v, edges) => {
            to_csv(v, if edges { Table::BottleneckEdges } else { Table::BottleneckUnits }.rows())
        }
        Analysis::Overdue(v) => to_csv(v, Table::Overdue.rows()),
        Analysis::Report(v) => to_csv(v, Table::Report.rows()),
        Analysis::Timeline(v) => to_csv(v, Table::Timeline.rows()),
        Analysis::Egov(v) => to_csv(v, Table::Egov.rows()),
    }
}

/// The rows of `value` chosen by `rows` as a CSV table (see the module documentation).
pub fn to_csv<T: Serialize + ?Sized>(value: &T, rows: Rows) -> String {
    // Errors only come from custom Serialize impls refusing a value: nothing is written then.
    let node = value.serialize(NodeSerializer).unwrap_or(Node::Null);
    node_csv(&node, rows)
}

/// A value as JSON sees it: what [`node_csv`] flattens. Results become nodes through serde
/// ([`to_csv`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// `null`, an absent value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Text.
    Text(Cow<'a, str>),
    /// A list.
    List(Vec<Node<'a>>),
    /// An object, its fields in order.
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// The rows of `node` chosen by `rows` as a CSV table (see the module documentation).
pub fn node_csv(node: &Node<'_>, rows: Rows) -> String {
    let mut t = Flat::default();
    match (rows, node) {
        (Rows::One, _) => t.row(node),
        (Rows::Each, _) => t.rows(node),
        (Rows::Fields(names, tag), Node::Object(fields)) => {
            for (key, value) in fields {
                let Some(&name) = names.iter().find(|&&n| n == key) else { continue };
                t.tag = tag.map(|t| (t, name));
                t.rows(value);
            }
            t.tag = None;
        }
        (Rows::Fields(..), _) => t.row(node),
    }
    t.into_csv()
}

/// Cells of every row, their text in one arena.
#[derive(Default)]
struct Flat {
    columns: Vec<String>,
    non_empty: Vec<bool>,
    text: String,
    /// (column, start, end) of every cell, row after row.
    cells: Vec<(u32, u32, u32)>,
    /// End (in `cells`) of each row.
    row_end: Vec<u32>,
    /// Start (in `cells`) of the row being written.
    row_start: usize,
    /// The path of the field being written.
    path: String,
    /// The tag column's value for the rows being written.
    tag: Option<(&'static str, &'static str)>,
    /// The text of a list cell being written.
    inline: String,
}

impl Flat {
    /// The column of the current path. Rows mostly repeat the previous row's columns in the
    /// same order: that guess is checked first.
    fn column(&mut self) -> u32 {
        let k = self.cells.len() - self.row_start;
        let prev = self.row_end.len().checked_sub(1).map(|r| {
            let start = if r == 0 { 0 } else { self.row_end[r - 1] as usize };
            start + k
        });
        if let Some(i) = prev.filter(|&i| i < self.row_start) {
            let c = self.cells[i].0;
            if self.columns[c as usize] == self.path {
                return c;
            }
        }
        // Tables have tens of columns: a scan when the guess misses.
        if let Some(c) = self.columns.iter().position(|c| *c == self.path) {
            return c as u32;
        }
        let c = self.columns.len() as u32;
        self.columns.push(self.path.clone());
        self.non_empty.push(false);
        c
    }

    /// Adds a cell at the current path.
    fn cell(&mut self, value: &str) {
        let c = self.column();
        let start = self.text.len();
        self.text.push_str(value);
        let end = self.text.len();
        if end > start {
            self.non_empty[c as usize] = true;
        }
        self.cells.push((c, start as u32, end as u32));
    }

    fn begin_row(&mut self) {
        self.row_start = self.cells.len();
        self.path.clear();
        if let Some((name, value)) = self.tag {
            self.path.push_str(name);
            self.cell(value);
            self.path.clear();
        }
    }

    fn end_row(&mut self) {
        self.row_end.push(self.cells.len() as u32);
        self.row_start = self.cells.len();
    }

    fn into_csv(self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.cells.len() * 2 + 64);
        self.write(&mut out).expect("writing to a String cannot fail");
        out
    }

    fn write(&self, out: &mut String) -> fmt::Result {
        let nested = |outer: &str, inner: &str| {
            inner.len() > outer.len() && inner.starts_with(outer) && inner.as_bytes()[outer.len()] == b'.'
        };
        // An always-empty column with nested columns (`split` when no row has one) is left out;
        // nested columns first seen in a later row stand where their group first appeared.
        let n = self.columns.len();
        let keep: Vec<bool> =
            (0..n).map(|c| self.non_empty[c] || !self.columns.iter().any(|o| nested(&self.columns[c], o))).collect();
        let anchor = |c: usize| (0..n).find(|&p| p == c || nested(&self.columns[p], &self.columns[c])).unwrap_or(c);
        let mut order: Vec<usize> = Vec::with_capacity(n);
        for a in (0..n).filter(|&a| anchor(a) == a) {
            order.extend((a..n).filter(|&c| keep[c] && anchor(c) == a));
        }
        for (k, &c) in order.iter().enumerate() {
            if k > 0 {
                out.write_char(',')?;
            }
            push_csv_field(out, &self.columns[c])?;
        }
        out.write_char('\n')?;
        let mut row: Vec<Option<(u32, u32)>> = vec![None; n];
        let mut start = 0;
        for &end in &self.row_end {
            row.iter_mut().for_each(|x| *x = None);
            for &(c, a, b) in &self.cells[start as usize..end as usize] {
                row[c as usize] = Some((a, b));
            }
            for (k, &c) in order.iter().enumerate() {
                if k > 0 {
                    out.write_char(',')?;
                }
                if let Some((a, b)) = row[c] {
                    push_csv_field(out, &self.text[a as usize..b as usize])?;
                }
            }
            out.write_char('\n')?;
            start = end;
        }
        Ok(())
    }
}

impl Flat {
    /// A row per element of a list; one row for anything else; none for null.
    fn rows(&mut self, node: &Node<'_>) {
        match node {
            Node::List(items) => items.iter().for_each(|n| self.row(n)),
            _ => self.row(node),
        }
    }

    /// One row: an object's fields are its cells; a bare value is a cell `value`.
    fn row(&mut self, node: &Node<'_>) {
        if matches!(node, Node::Null) {
            return;
        }
        self.begin_row();
        match node {
            Node::Object(fields) => {
                for (key, value) in fields {
                    self.path.clear();
                    self.path.push_str(key);
                    self.cell_of(value);
                }
            }
            _ => {
                self.path.push_str("value");
                self.cell_of(node);
            }
        }
        self.end_row();
    }

    /// The cells of a value at the current path: a scalar one cell, an object one cell per
    /// field (`path.field`), a list one cell of its items joined by `;`.
    fn cell_of(&mut self, node: &Node<'_>) {
        match node {
            Node::Object(fields) => {
                let base = self.path.len();
                for (key, value) in fields {
                    self.path.truncate(base);
                    self.path.push('.');
                    self.path.push_str(key);
                    self.cell_of(value);
                }
                self.path.truncate(base);
            }
            Node::List(items) => {
                let mut text = std::mem::take(&mut self.inline);
                text.clear();
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        text.push(';');
                    }
                    push_text(&mut text, item);
                }
                self.cell(&text);
                self.inline = text;
            }
            _ => {
                let mut text = std::mem::take(&mut self.inline);
                text.clear();
                push_text(&mut text, node);
                self.cell(&text);
                self.inline = text;
            }
        }
    }
}

/// The text of a value in one cell: a scalar as JSON writes it (null empty, a non-finite
/// number empty), an object's or list's values joined by `:`.
fn push_text(out: &mut String, node: &Node<'_>) {
    match node {
        Node::Null => {}
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Node::Float(f) if f.is_finite() => {
            let _ = write!(out, "{f}");
        }
        Node::Float(_) => {}
        Node::Text(t) => out.push_str(t),
        Node::List(items) => join(out, items.iter()),
        Node::Object(fields) => join(out, fields.iter().map(|(_, v)| v)),
    }
}

fn join<'n, 'a: 'n>(out: &mut String, items: impl Iterator<Item = &'n Node<'a>>) {
    for (k, item) in items.enumerate() {
        if k > 0 {
            out.push(':');
        }
        push_text(out, item);
    }
}

/// A serializer's error (this table's, and the JS binding's `wasm::ser`): a custom Serialize
/// impl refused a value, or a map key was not text.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Res = std::result::Result<Node<'static>, Error>;

/// Serializes any value into a [`Node`].
struct NodeSerializer;

impl ser::Serializer for NodeSerializer {
    type Ok = Node<'static>;
    type Error = Error;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    fn serialize_bool(self, v: bool) -> Res {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Res {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Res {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Res {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Res {
        Ok(Node::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Res {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Res {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Res {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Res {
        Ok(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int))
    }
    fn serialize_f32(self, v: f32) -> Res {
        Ok(Node::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Res {
        Ok(Node::Float(v))
    }
    fn serialize_char(self, v: char) -> Res {
        Ok(Node::Text(v.to_string().into()))
    }
    fn serialize_str(self, v: &str) -> Res {
        Ok(Node::Text(v.to_string().into()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Res {
        Ok(Node::Text(String::from_utf8_lossy(v).into_owned().into()))
    }
    fn serialize_none(self) -> Res {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        Ok(Node::Text(variant.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_seq(self, n: Option<usize>) -> std::result::Result<Compound, Error> {
        Ok(Compound::list(n.unwrap_or(0)))
    }
    fn serialize_tuple(self, n: usize) -> std::result::Result<Compound, Error> {
        Ok(Compound::list(n))
    }
    fn serialize_tuple_struct(self, _: &'static str, n: usize) -> std::result::Result<Compound, Error> {
        Ok(Compound::list(n))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<Compound, Error> {
        Ok(Compound::list(n))
    }
    fn serialize_map(self, n: Option<usize>) -> std::result::Result<Compound, Error> {
        Ok(Compound::object(n.unwrap_or(0)))
    }
    fn serialize_struct(self, _: &'static str, n: usize) -> std::result::Result<Compound, Error> {
        Ok(Compound::object(n))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<Compound, Error> {
        Ok(Compound::object(n))
    }
}

/// A list or object being serialized.
struct Compound {
    items: Vec<Node<'static>>,
    fields: Vec<(Cow<'static, str>, Node<'static>)>,
    key: Option<Cow<'static, str>>,
    object: bool,
}

impl Compound {
    fn list(n: usize) -> Compound {
        Compound { items: Vec::with_capacity(n), fields: Vec::new(), key: None, object: false }
    }
    fn object(n: usize) -> Compound {
        Compound { items: Vec::new(), fields: Vec::with_capacity(n), key: None, object: true }
    }
    fn end(self) -> Res {
        Ok(if self.object { Node::Object(self.fields) } else { Node::List(self.items) })
    }
}

/// The list traits.
macro_rules! list {
    ($($tr:ident :: $m:ident),*) => {
        $(impl ser::$tr for Compound {
            type Ok = Node<'static>;
            type Error = Error;
            fn $m<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), Error> {
                self.items.push(v.serialize(NodeSerializer)?);
                Ok(())
            }
            fn end(self) -> Res {
                Compound::end(self)
            }
        })*
    };
}

list!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStruct for Compound {
    type Ok = Node<'static>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> std::result::Result<(), Error> {
        self.fields.push((Cow::Borrowed(key), v.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = Node<'static>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> std::result::Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound {
    type Ok = Node<'static>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> std::result::Result<(), Error> {
        let mut text = String::new();
        push_text(&mut text, &k.serialize(NodeSerializer)?);
        self.key = Some(text.into());
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.fields.push((key, v.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        median_ms: f64,
        count: u64,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row {
        key: String,
        level: Option<&'static str>,
        lead_time: Inner,
        split: Option<Inner>,
        senders: Vec<(String, u64)>,
    }

    #[derive(Serialize)]
    struct Report {
        rows: Vec<Row>,
        total: Row,
        ignored: u64,
    }

    fn row(key: &str, split: bool) -> Row {
        Row {
            key: key.into(),
            level: None,
            lead_time: Inner { median_ms: 1.5, count: 2 },
            split: split.then_some(Inner { median_ms: f64::NAN, count: 1 }),
            senders: vec![("C".into(), 1), ("D,E".into(), 2)],
        }
    }

    #[test]
    fn nested_fields_become_dotted_columns() {
        let csv = to_csv(&[row("a", false), row("b \"x\"", true)], Rows::Each);
        let lines: Vec<&str> = csv.lines().collect();
        // `split` alone is empty in every row and has nested columns: left out.
        assert_eq!(lines[0], "key,level,leadTime.medianMs,leadTime.count,split.medianMs,split.count,senders");
        assert_eq!(lines[1], "a,,1.5,2,,,\"C:1;D,E:2\"");
        assert_eq!(lines[2], "\"b \"\"x\"\"\",,1.5,2,,1,\"C:1;D,E:2\"");
    }

    #[test]
    fn fields_pick_the_rows() {
        let r = Report { rows: vec![row("a", false)], total: row("total", false), ignored: 7 };
        let csv = to_csv(&r, Rows::Fields(&["rows", "total"], Some("part")));
        let lines: Vec<&str> = csv.lines().collect();
        // `split` is empty everywhere and has no nested column: kept.
        assert_eq!(lines[0], "part,key,level,leadTime.medianMs,leadTime.count,split,senders");
        assert_eq!(lines[1], "rows,a,,1.5,2,,\"C:1;D,E:2\"");
        assert_eq!(lines[2], "total,total,,1.5,2,,\"C:1;D,E:2\"");
        assert_eq!(lines.len(), 3);
        let one = to_csv(&r.total, Rows::One);
        assert_eq!(one.lines().count(), 2);
    }
}
