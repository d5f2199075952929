//! # lienthong
//!
//! Track official documents (văn bản) as they flow between Vietnamese government agencies across
//! the four levels — central, province, district, commune — and find out how long each step takes,
//! where documents pile up and which are overdue.
//!
//! The crate is a pure-Rust core: [`model`] (levels, actions, time), [`store`] (columnar storage),
//! [`ingest`] (validated loading), [`analysis`] (directly-follows graph, flow graph, processing
//! times, bottlenecks, overdue, timeline, summary), [`calendar`] (working time) and [`generator`]
//! (a deterministic province). [`Tracker`] ties them together; the WebAssembly bindings sit on top.
//!
//! ```
//! use lienthong::{Tracker, TrackerOptions, Query};
//! use lienthong::ingest::{EventRecord, TimeValue};
//!
//! let mut t = Tracker::new(TrackerOptions::default());
//! let ev = |unit, action, at| EventRecord::new("d1", unit, action, TimeValue::Text(at));
//! let report = t.add_events([
//!     ev("H23", "arrived", "2021-06-26T08:00"),
//!     ev("H23", "completed", "2021-06-28T08:00"),
//! ]);
//! assert_eq!(report.accepted, 2);
//! assert_eq!(t.summary(&Query::default()).unwrap().closed, 1);
//! ```

#![warn(missing_docs)]

/// `format!` through one out-of-line function: the standard macro's `fmt::format` is inlined at
/// each of the crate's few hundred call sites (its `as_str` fast path and capacity estimate).
macro_rules! format {
    ($($arg:tt)*) => {
        $crate::format_string(::std::format_args!($($arg)*))
    };
}

/// The text of `args` (the body of [`format!`] in this crate).
#[doc(hidden)]
#[inline(never)]
pub fn format_string(args: std::fmt::Arguments<'_>) -> String {
    std::fmt::format(args)
}

pub mod analysis;
pub mod calendar;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod generator;
pub mod ingest;
pub mod locale;
pub mod model;
pub mod query;
pub mod render;
pub mod store;
mod tracker;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use query::{Query, QueryError};
pub use tracker::{Tracker, TrackerOptions};

/// The Rust example of docs/API.md (the README's example in Rust) runs as a doc test.
#[doc = include_str!("../docs/API.md")]
#[cfg(doctest)]
pub struct ApiDoctests;
