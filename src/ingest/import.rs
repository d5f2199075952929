//! What every file importer (CSV, XES, edXML) shares: the push interface that lets a page feed a
//! file larger than memory chunk by chunk (`File.stream()`), progress, and the error for input
//! that cannot be read at all.
//!
//! One-shot imports are the same code path: push the whole input once, then finish.

use super::IngestReport;
use crate::Tracker;
use serde::Serialize;

/// How far an import has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Input bytes pushed so far (compressed bytes for `.xes.gz`).
    pub bytes: u64,
    /// Rows (CSV records, XES events, edXML messages) read so far, rejected ones included.
    pub rows: u64,
    /// Events loaded into the tracker so far.
    pub events: u64,
}

/// Input that cannot be read at all (not CSV, not XML, a header without the needed columns,
/// an undecodable compressed stream, a field or file over the limits). Rows read before the
/// fault stay loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// Line of the input (1-based) where the fault is, when known.
    pub line: Option<usize>,
    /// Column (1-based), when known.
    pub column: Option<usize>,
    /// The mapping key or element at fault, when there is one.
    pub field: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl ImportError {
    /// An error with only a message.
    pub fn new(message: impl Into<String>) -> ImportError {
        ImportError { line: None, column: None, field: None, message: message.into() }
    }

    /// The same error, at `line`.
    pub fn at_line(mut self, line: usize) -> ImportError {
        self.line = Some(line);
        self
    }

    /// The same error, naming `field`.
    pub fn with_field(mut self, field: impl Into<String>) -> ImportError {
        self.field = Some(field.into());
        self
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}")?;
            if let Some(c) = self.column {
                write!(f, ", column {c}")?;
            }
            f.write_str(": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// A streaming importer: bytes in, in chunks cut anywhere (inside a field, a UTF-8 sequence, an
/// XML tag, a gzip block); rows out into the tracker, in batches of
/// [`super::staging::BATCH_ROWS`]. Feeding a file in one chunk or in many gives the same store.
pub trait Importer {
    /// Reads the next chunk.
    fn push(&mut self, tracker: &mut Tracker, chunk: &[u8]) -> Result<(), ImportError>;
    /// Reads what is left (a last row without a newline, …), loads every staged row and
    /// returns the report of the whole input. The importer is spent afterwards: a further
    /// `push` or `finish` is an error.
    fn finish(&mut self, tracker: &mut Tracker) -> Result<IngestReport, ImportError>;
    /// How far the import has come.
    fn progress(&self) -> Progress;
}

/// Runs an importer over a whole input: what the one-shot `import_*` functions do. The input
/// goes in pieces of [`ALL_PIECE`] bytes (the same store as one push): an importer that keeps
/// the start of its input (the CSV importer, until the encoding is known) then copies one
/// piece, not the whole file (a 128 MB file read in one piece took 114 MB more memory).
pub fn import_all(
    importer: &mut dyn Importer,
    tracker: &mut Tracker,
    input: &[u8],
) -> Result<IngestReport, ImportError> {
    for piece in input.chunks(ALL_PIECE) {
        importer.push(tracker, piece)?;
    }
    importer.finish(tracker)
}

/// The pieces [`import_all`] pushes, in bytes.
pub const ALL_PIECE: usize = 1 << 20;
