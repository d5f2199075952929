//! The analyses of SPEC §3. Each takes a resolved [`crate::query::Scope`] and reads the store's
//! columns directly; none allocates per event in its hot loop.

pub mod bottlenecks;
pub mod copies;
pub mod directly_follows;
pub mod egov;
pub mod flow;
pub(crate) mod order;
pub mod overdue;
pub mod processing_time;
pub mod report;
pub mod stats;
pub mod summary;
pub mod timeline;

pub use bottlenecks::{Bottlenecks, EdgeBottleneck, UnitBottleneck};
pub use copies::{Copy, CopyState, DocState};
pub use directly_follows::{DfgArc, DfgCase, DfgKey, DfgWorking};
pub use egov::{ChannelCounts, ChannelMedians, Egov, EgovBy, EgovRow, PaperSender};
pub use flow::{FlowEdge, FlowGraph, FlowNode};
pub use overdue::{OverdueEntry, OverdueOptions, OverdueReport, OverdueTotals};
pub use processing_time::{GroupBy, ProcessingGroup, ProcessingSpread, ProcessingTimes, Spread};
pub use report::{PeriodReport, ReportBy, ReportOptions, ReportRow};
pub use stats::Stats;
pub use summary::Summary;
pub use timeline::{Bucket, TimelinePoint};
