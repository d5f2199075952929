//! Any analysis result as a CSV table, with the column names of its JSON (camelCase, nested
//! objects flattened with dots: `leadTime.medianMs`, `transit.p90Ms`).
//!
//! One [`serde::Serializer`] flattens every result type, so a field added to a result shows up
//! in its CSV without a second list of columns to keep in step. Which part of a result makes the
//! rows is a [`Table`]: the result itself (`summary`: one row), its elements (`directlyFollows`,
//! `timeline`), or named fields of it (`report`: `rows` then `total`; `overdue`: `late`,
//! `overdue`, `dueSoon`, with a first column `state` naming the list).
//!
//! Cells: numbers as JSON writes them (instants and durations in milliseconds), `true`/`false`,
//! absent values empty; a list inside a row is one cell, its items joined by `;` (an item with
//! several fields: its values joined by `:`, as `paperSenders` `C:1;D:2`). A column is present
//! when any row has it; a column that is only ever empty and has nested columns (an optional
//! group such as `split`) is left out.

use super::push_csv_field;
use crate::analysis::{Bottlenecks, DfgArc, FlowGraph, OverdueReport, PeriodReport, ProcessingTimes, Summary};
use crate::analysis::{Egov, TimelinePoint};
use serde::ser::{self, Serialize};
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
    /// `egov()`: one row per unit, level or month, then the total ([`Egov::to_csv`]).
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
        Analysis::Egov(v) => v.to_csv(),
    }
}

/// The rows of `value` chosen by `rows` as a CSV table (see the module documentation).
pub fn to_csv<T: Serialize + ?Sized>(value: &T, rows: Rows) -> String {
    let mut t = Flat::default();
    // Errors only come from custom Serialize impls refusing a value: the rows read so far stay.
    let _ = value.serialize(Top { t: &mut t, rows });
    let mut out = String::with_capacity(t.text.len() + t.cells.len() * 2 + 64);
    t.write(&mut out).expect("writing to a String cannot fail");
    out
}

/// Cells of every row, their text in one arena.
#[derive(Default)]
struct Flat {
    columns: Vec<String>,
    index: std::collections::HashMap<String, u32>,
    non_empty: Vec<bool>,
    text: String,
    /// (column, start, end) of every cell, row after row.
    cells: Vec<(u32, u32, u32)>,
    /// End (in `cells`) of each row.
    row_end: Vec<u32>,
    /// The path of the field being written.
    path: String,
    /// The tag column's value for the rows being written.
    tag: Option<(&'static str, &'static str)>,
}

impl Flat {
    fn column(&mut self) -> u32 {
        if let Some(&c) = self.index.get(&self.path) {
            return c;
        }
        let c = self.columns.len() as u32;
        self.columns.push(self.path.clone());
        self.index.insert(self.path.clone(), c);
        self.non_empty.push(false);
        c
    }

    /// Adds a cell at the current path.
    fn cell(&mut self, value: impl FnOnce(&mut String)) {
        let c = self.column();
        let start = self.text.len();
        value(&mut self.text);
        let end = self.text.len();
        if end > start {
            self.non_empty[c as usize] = true;
        }
        self.cells.push((c, start as u32, end as u32));
    }

    fn begin_row(&mut self) {
        self.path.clear();
        if let Some((name, value)) = self.tag {
            self.path.push_str(name);
            self.cell(|s| s.push_str(value));
            self.path.clear();
        }
    }

    fn end_row(&mut self) {
        self.row_end.push(self.cells.len() as u32);
    }

    fn write(&self, out: &mut impl Write) -> fmt::Result {
        let nested = |outer: &str, inner: &str| {
            inner.len() > outer.len() && inner.starts_with(outer) && inner.as_bytes()[outer.len()] == b'.'
        };
        // An always-empty column with nested columns (`split` when no row has one) is left out;
        // nested columns first seen in a later row stand where their group first appeared.
        let n = self.columns.len();
        let keep: Vec<bool> =
            (0..n).map(|c| self.non_empty[c] || !self.columns.iter().any(|o| nested(&self.columns[c], o))).collect();
        let mut order: Vec<usize> = (0..n).filter(|&c| keep[c]).collect();
        let anchor = |c: usize| (0..n).find(|&p| p == c || nested(&self.columns[p], &self.columns[c])).unwrap_or(c);
        order.sort_by_key(|&c| (anchor(c), c));
        for (k, &c) in order.iter().enumerate() {
            if k > 0 {
                out.write_char(',')?;
            }
            push_csv_field(out, &self.columns[c])?;
        }
        out.write_char('\n')?;
        let mut row: Vec<Option<(u32, u32)>> = vec![None; self.columns.len()];
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

/// The serializer's error: a custom Serialize impl refused a value.
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

type Res = std::result::Result<(), Error>;

/// Implements the scalar methods of a serializer by `$scalar(self, text-writer)`.
macro_rules! scalars {
    () => {
        fn serialize_bool(self, v: bool) -> Res {
            self.scalar(|s| s.push_str(if v { "true" } else { "false" }))
        }
        fn serialize_i8(self, v: i8) -> Res {
            self.serialize_i64(v as i64)
        }
        fn serialize_i16(self, v: i16) -> Res {
            self.serialize_i64(v as i64)
        }
        fn serialize_i32(self, v: i32) -> Res {
            self.serialize_i64(v as i64)
        }
        fn serialize_i64(self, v: i64) -> Res {
            self.scalar(|s| {
                let _ = write!(s, "{v}");
            })
        }
        fn serialize_u8(self, v: u8) -> Res {
            self.serialize_u64(v as u64)
        }
        fn serialize_u16(self, v: u16) -> Res {
            self.serialize_u64(v as u64)
        }
        fn serialize_u32(self, v: u32) -> Res {
            self.serialize_u64(v as u64)
        }
        fn serialize_u64(self, v: u64) -> Res {
            self.scalar(|s| {
                let _ = write!(s, "{v}");
            })
        }
        fn serialize_f32(self, v: f32) -> Res {
            self.serialize_f64(v as f64)
        }
        fn serialize_f64(self, v: f64) -> Res {
            // As JSON: a non-finite number is null (an empty cell).
            self.scalar(|s| {
                if v.is_finite() {
                    let _ = write!(s, "{v}");
                }
            })
        }
        fn serialize_char(self, v: char) -> Res {
            self.scalar(|s| s.push(v))
        }
        fn serialize_str(self, v: &str) -> Res {
            self.scalar(|s| s.push_str(v))
        }
        fn serialize_bytes(self, v: &[u8]) -> Res {
            self.scalar(|s| s.push_str(&String::from_utf8_lossy(v)))
        }
        fn serialize_none(self) -> Res {
            self.scalar(|_| {})
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Res {
            v.serialize(self)
        }
        fn serialize_unit(self) -> Res {
            self.scalar(|_| {})
        }
        fn serialize_unit_struct(self, _: &'static str) -> Res {
            self.scalar(|_| {})
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
            self.scalar(|s| s.push_str(variant))
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Res {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            v: &T,
        ) -> Res {
            v.serialize(self)
        }
    };
}

/// Serializes the whole result: picks the rows.
struct Top<'t> {
    t: &'t mut Flat,
    rows: Rows,
}

impl Top<'_> {
    fn scalar(self, f: impl FnOnce(&mut String)) -> Res {
        // A bare scalar as the whole result: one row of one column `value`.
        self.t.begin_row();
        self.t.path.push_str("value");
        self.t.cell(f);
        self.t.end_row();
        Ok(())
    }
}

impl<'t> ser::Serializer for Top<'t> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = RowSeq<'t>;
    type SerializeTuple = RowSeq<'t>;
    type SerializeTupleStruct = RowSeq<'t>;
    type SerializeTupleVariant = RowSeq<'t>;
    type SerializeMap = TopMap<'t>;
    type SerializeStruct = TopMap<'t>;
    type SerializeStructVariant = TopMap<'t>;

    scalars!();

    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<RowSeq<'t>, Error> {
        Ok(RowSeq { t: self.t })
    }
    fn serialize_tuple(self, n: usize) -> std::result::Result<RowSeq<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_tuple_struct(self, _: &'static str, n: usize) -> std::result::Result<RowSeq<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<RowSeq<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<TopMap<'t>, Error> {
        let fields = match self.rows {
            Rows::Fields(f, tag) => Some((f, tag)),
            Rows::One | Rows::Each => None,
        };
        if fields.is_none() {
            self.t.begin_row();
        }
        Ok(TopMap { t: self.t, fields, key: String::new() })
    }
    fn serialize_struct(self, _: &'static str, n: usize) -> std::result::Result<TopMap<'t>, Error> {
        self.serialize_map(Some(n))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<TopMap<'t>, Error> {
        self.serialize_map(Some(n))
    }
}

/// A list of rows.
struct RowSeq<'t> {
    t: &'t mut Flat,
}

impl RowSeq<'_> {
    fn row<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        self.t.begin_row();
        let base = self.t.path.len();
        let r = v.serialize(Cell { t: self.t, base });
        self.t.end_row();
        r
    }
}

macro_rules! seq_impls {
    ($ty:ident, $method:ident) => {
        impl ser::SerializeSeq for $ty<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.$method(v)
            }
            fn end(self) -> Res {
                Ok(())
            }
        }
        impl ser::SerializeTuple for $ty<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.$method(v)
            }
            fn end(self) -> Res {
                Ok(())
            }
        }
        impl ser::SerializeTupleStruct for $ty<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.$method(v)
            }
            fn end(self) -> Res {
                Ok(())
            }
        }
        impl ser::SerializeTupleVariant for $ty<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.$method(v)
            }
            fn end(self) -> Res {
                Ok(())
            }
        }
    };
}

seq_impls!(RowSeq, row);

/// The top struct: one row (its fields are the columns), or the fields that hold the rows.
struct TopMap<'t> {
    t: &'t mut Flat,
    fields: Option<(&'static [&'static str], Option<&'static str>)>,
    key: String,
}

impl TopMap<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Res {
        match self.fields {
            None => {
                let base = 0;
                self.t.path.truncate(base);
                self.t.path.push_str(key);
                let len = self.t.path.len();
                v.serialize(Cell { t: self.t, base: len })
            }
            Some((names, tag)) => {
                let Some(&name) = names.iter().find(|&&n| n == key) else { return Ok(()) };
                self.t.tag = tag.map(|t| (t, name));
                let r = v.serialize(Rowish { t: self.t });
                self.t.tag = None;
                r
            }
        }
    }
}

impl ser::SerializeStruct for TopMap<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Res {
        self.field(key, v)
    }
    fn end(self) -> Res {
        if self.fields.is_none() {
            self.t.end_row();
        }
        Ok(())
    }
}

impl ser::SerializeStructVariant for TopMap<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Res {
        self.field(key, v)
    }
    fn end(self) -> Res {
        ser::SerializeStruct::end(self)
    }
}

impl ser::SerializeMap for TopMap<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Res {
        self.key = inline_text(k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        let key = std::mem::take(&mut self.key);
        self.field(&key, v)
    }
    fn end(self) -> Res {
        ser::SerializeStruct::end(self)
    }
}

/// A field chosen by [`Rows::Fields`]: a list gives a row per element, anything else one row.
struct Rowish<'t> {
    t: &'t mut Flat,
}

impl Rowish<'_> {
    fn one<T: Serialize + ?Sized>(self, v: &T) -> Res {
        RowSeq { t: self.t }.row(v)
    }
}

macro_rules! rowish_scalar {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $name(self, $($arg: $ty),*) -> Res { self.one(&Scalar(|s: &mut String| { let _ = write!(s, "{}", ($($arg),*)); })) })*
    };
}

/// A scalar written by a closure (a row that is a bare number or string).
struct Scalar<F: Fn(&mut String)>(F);

impl<F: Fn(&mut String)> Serialize for Scalar<F> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut text = String::new();
        (self.0)(&mut text);
        s.serialize_str(&text)
    }
}

impl<'t> ser::Serializer for Rowish<'t> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = RowSeq<'t>;
    type SerializeTuple = RowSeq<'t>;
    type SerializeTupleStruct = RowSeq<'t>;
    type SerializeTupleVariant = RowSeq<'t>;
    type SerializeMap = CellMap<'t>;
    type SerializeStruct = CellMap<'t>;
    type SerializeStructVariant = CellMap<'t>;

    rowish_scalar!(
        serialize_bool(v: bool),
        serialize_i8(v: i8),
        serialize_i16(v: i16),
        serialize_i32(v: i32),
        serialize_i64(v: i64),
        serialize_u8(v: u8),
        serialize_u16(v: u16),
        serialize_u32(v: u32),
        serialize_u64(v: u64),
        serialize_f32(v: f32),
        serialize_f64(v: f64),
        serialize_char(v: char),
        serialize_str(v: &str),
    );
    fn serialize_bytes(self, v: &[u8]) -> Res {
        self.one(&String::from_utf8_lossy(v))
    }
    fn serialize_none(self) -> Res {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.one(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<RowSeq<'t>, Error> {
        Ok(RowSeq { t: self.t })
    }
    fn serialize_tuple(self, n: usize) -> std::result::Result<RowSeq<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_tuple_struct(self, _: &'static str, n: usize) -> std::result::Result<RowSeq<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<RowSeq<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<CellMap<'t>, Error> {
        self.t.begin_row();
        let base = self.t.path.len();
        Ok(CellMap { t: self.t, base, key: String::new(), row: true })
    }
    fn serialize_struct(self, _: &'static str, n: usize) -> std::result::Result<CellMap<'t>, Error> {
        self.serialize_map(Some(n))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<CellMap<'t>, Error> {
        self.serialize_map(Some(n))
    }
}

/// A value inside a row, at the path `t.path[..base]`.
struct Cell<'t> {
    t: &'t mut Flat,
    base: usize,
}

impl Cell<'_> {
    fn scalar(self, f: impl FnOnce(&mut String)) -> Res {
        self.t.path.truncate(self.base);
        self.t.cell(f);
        Ok(())
    }
}

impl<'t> ser::Serializer for Cell<'t> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Inline<'t>;
    type SerializeTuple = Inline<'t>;
    type SerializeTupleStruct = Inline<'t>;
    type SerializeTupleVariant = Inline<'t>;
    type SerializeMap = CellMap<'t>;
    type SerializeStruct = CellMap<'t>;
    type SerializeStructVariant = CellMap<'t>;

    scalars!();

    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Inline<'t>, Error> {
        Ok(Inline { t: self.t, base: self.base, text: String::new(), items: 0 })
    }
    fn serialize_tuple(self, n: usize) -> std::result::Result<Inline<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_tuple_struct(self, _: &'static str, n: usize) -> std::result::Result<Inline<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<Inline<'t>, Error> {
        self.serialize_seq(Some(n))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<CellMap<'t>, Error> {
        Ok(CellMap { t: self.t, base: self.base, key: String::new(), row: false })
    }
    fn serialize_struct(self, _: &'static str, n: usize) -> std::result::Result<CellMap<'t>, Error> {
        self.serialize_map(Some(n))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        n: usize,
    ) -> std::result::Result<CellMap<'t>, Error> {
        self.serialize_map(Some(n))
    }
}

/// An object inside a row (or a row itself, `row`): its fields are columns `path.field`.
struct CellMap<'t> {
    t: &'t mut Flat,
    base: usize,
    key: String,
    row: bool,
}

impl CellMap<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Res {
        self.t.path.truncate(self.base);
        if self.base > 0 && !self.row {
            self.t.path.push('.');
        }
        self.t.path.push_str(key);
        let base = self.t.path.len();
        v.serialize(Cell { t: self.t, base })
    }

    fn finish(self) -> Res {
        if self.row {
            self.t.end_row();
        }
        Ok(())
    }
}

impl ser::SerializeStruct for CellMap<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Res {
        self.field(key, v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

impl ser::SerializeStructVariant for CellMap<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Res {
        self.field(key, v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

impl ser::SerializeMap for CellMap<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Res {
        self.key = inline_text(k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        let key = std::mem::take(&mut self.key);
        self.field(&key, v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

/// A list inside a row: one cell, items joined by `;`.
struct Inline<'t> {
    t: &'t mut Flat,
    base: usize,
    text: String,
    items: usize,
}

impl Inline<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        if self.items > 0 {
            self.text.push(';');
        }
        self.items += 1;
        v.serialize(Text { out: &mut self.text, parts: 0 })
    }

    fn finish(self) -> Res {
        let text = self.text;
        Cell { t: self.t, base: self.base }.scalar(|s| s.push_str(&text))
    }
}

macro_rules! inline_impls {
    () => {
        impl ser::SerializeSeq for Inline<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.item(v)
            }
            fn end(self) -> Res {
                self.finish()
            }
        }
        impl ser::SerializeTuple for Inline<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.item(v)
            }
            fn end(self) -> Res {
                self.finish()
            }
        }
        impl ser::SerializeTupleStruct for Inline<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.item(v)
            }
            fn end(self) -> Res {
                self.finish()
            }
        }
        impl ser::SerializeTupleVariant for Inline<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.item(v)
            }
            fn end(self) -> Res {
                self.finish()
            }
        }
    };
}

inline_impls!();

/// The text of a value in one cell: scalars as they are, the values of an object or list
/// joined by `:`.
fn inline_text<T: Serialize + ?Sized>(v: &T) -> String {
    let mut s = String::new();
    let _ = v.serialize(Text { out: &mut s, parts: 0 });
    s
}

/// Writes a value's text into one string (see [`inline_text`]).
struct Text<'o> {
    out: &'o mut String,
    /// Parts written so far at this level (a `:` goes before each but the first).
    parts: usize,
}

impl Text<'_> {
    fn scalar(self, f: impl FnOnce(&mut String)) -> Res {
        f(self.out);
        Ok(())
    }
}

impl<'o> ser::Serializer for Text<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Text<'o>;
    type SerializeTuple = Text<'o>;
    type SerializeTupleStruct = Text<'o>;
    type SerializeTupleVariant = Text<'o>;
    type SerializeMap = Text<'o>;
    type SerializeStruct = Text<'o>;
    type SerializeStructVariant = Text<'o>;

    scalars!();

    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Text<'o>, Error> {
        Ok(self)
    }
}

impl Text<'_> {
    fn part<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        if self.parts > 0 {
            self.out.push(':');
        }
        self.parts += 1;
        v.serialize(Text { out: self.out, parts: 0 })
    }
}

macro_rules! text_impls {
    ($($tr:ident :: $m:ident),*) => {
        $(impl ser::$tr for Text<'_> {
            type Ok = ();
            type Error = Error;
            fn $m<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
                self.part(v)
            }
            fn end(self) -> Res {
                Ok(())
            }
        })*
    };
}

text_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStruct for Text<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> Res {
        self.part(v)
    }
    fn end(self) -> Res {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Text<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> Res {
        self.part(v)
    }
    fn end(self) -> Res {
        Ok(())
    }
}

impl ser::SerializeMap for Text<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Res {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        self.part(v)
    }
    fn end(self) -> Res {
        Ok(())
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
