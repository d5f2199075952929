//! The domain model (SPEC §2): levels, urgency, actions and time.
//!
//! Units, documents and events themselves live column by column in [`crate::store::Store`];
//! the records that feed it are in [`crate::ingest`].

pub mod action;
pub mod decimal;
pub mod egov;
pub mod level;
pub mod nfc;
pub mod text;
pub mod time;
pub mod urgency;

pub use action::{KnownAction, DEFAULT_TERMINAL_ACTIONS};
pub use egov::DocFormat;
pub use level::{Direction, Level};
pub use time::{parse_instant, DurationSpec, Instant, TimeError, TimeZone, DAY_MS, HOUR_MS, MINUTE_MS};
pub use urgency::Urgency;
