//! The analyses of SPEC §3. Each takes a resolved [`crate::query::Scope`] and reads the store's
//! columns directly; none allocates per event in its hot loop.

pub mod stats;
pub mod visits;

pub use stats::Stats;
