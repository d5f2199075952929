//! CSV import: an event log exported from a document-management system (or from Excel) read into
//! a [`Tracker`], in one call ([`import_csv`]) or chunk by chunk ([`CsvImporter`], the same code).
//!
//! - **Encodings**: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"),
//!   Windows-1258; see [`super::encoding::detect`]. Headers and values are composed to NFC, so a
//!   Windows-1258 or NFD file gives the same ids as a UTF-8 one.
//! - **Delimiter**: `,`, `;` or tab, whichever the header line has most of outside quotes.
//! - **Columns**: a [`CsvMapping`] names the column of each key of SPEC §5 (`document`, `unit`,
//!   `action`, `at`, `to`, `due`, `type`, `urgency`, …); a key it does not name is found by the
//!   usual header names (Vietnamese, XES-style, the CLI's export), compared case-insensitively.
//! - **Rows**: a document's fields (`type`, `urgency`, `due`, …) may repeat on every row; `to`
//!   may list several units separated by `;` or `|`; quoted fields may hold newlines.
//! - **Errors**: a row that cannot be read is rejected with its line (where it starts), column
//!   and field, and reading goes on. A field over [`MAX_FIELD_BYTES`], a quote left open at the
//!   end of the input, a header without the needed columns, or input over the size limit stop
//!   the import with an [`ImportError`]; rows read before stay loaded.
//!
//! A record on one line is split in place, eight bytes at a time; any other (a quote inside a
//! field, a line end inside quotes, a record cut by a chunk's end) goes through a reader that
//! behaves as `csv-core`'s, call for call (checked against it in the tests). Both copy each
//! record into one reused buffer, from which the mapped fields go to the [`Staging`] arena (a
//! field equal to the previous row's is not copied again; an ASCII field is copied without a
//! UTF-8 check of its own, the arena's text being checked once a batch); nothing is allocated
//! per row.
//! Details in docs/SEMANTICS.md, "CSV import".
//!
//! ```
//! use lienthong::ingest::csv::{import_csv, CsvMapping};
//! use lienthong::ingest::staging::Key;
//! use lienthong::{Query, Tracker};
//!
//! let text = "Số hiệu;Đơn vị;Trạng thái;Thời gian;Nơi nhận\n\
//!             12/UBND;H23;sent;26/06/2021 08:00;X1|X2\n\
//!             12/UBND;X1;arrived;2021-06-26 09:30:00.5;\n";
//! let mut t = Tracker::default();
//! let report = import_csv(&mut t, text.as_bytes(), None).unwrap();
//! assert_eq!(report.accepted, 2);
//! assert!(report.rejected.is_empty());
//!
//! // The same file, its columns named explicitly.
//! let mapping = CsvMapping::new().with(Key::Document, "số hiệu").with(Key::At, "THỜI GIAN");
//! let mut t = Tracker::default();
//! assert_eq!(import_csv(&mut t, text.as_bytes(), Some(&mapping)).unwrap().accepted, 2);
//! ```

use super::encoding::{self, Decoder, Encoding};
use super::import::{import_all, ImportError, Importer, Progress};
use super::staging::{Key, Staging, MAX_FIELD_BYTES};
use super::IngestReport;
use crate::model::text::trim;
use crate::Tracker;

/// The longest row accepted, in bytes of text: a longer one stops the import.
pub const MAX_ROW_BYTES: usize = 8 * MAX_FIELD_BYTES;

/// The most fields a row may have: a row with more stops the import.
pub const MAX_FIELDS: usize = 1 << 14;

/// The keys a CSV file must give: without a column for each, the import stops.
pub const REQUIRED: [Key; 4] = [Key::Document, Key::Unit, Key::Action, Key::At];

/// Which column holds each key: header names, compared as headers are (case-insensitively,
/// after NFC composition and trimming). Keys not named are found by their usual headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvMapping {
    columns: Vec<(Key, String)>,
}

impl CsvMapping {
    /// An empty mapping: every column is found by its header.
    pub fn new() -> CsvMapping {
        CsvMapping::default()
    }

    /// The same mapping with `key` read from the column headed `header` (replacing an earlier
    /// header for that key).
    pub fn with(mut self, key: Key, header: impl Into<String>) -> CsvMapping {
        self.set(key, header);
        self
    }

    /// Reads `key` from the column headed `header` (replacing an earlier header for that key).
    pub fn set(&mut self, key: Key, header: impl Into<String>) {
        let header = header.into();
        match self.columns.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = header,
            None => self.columns.push((key, header)),
        }
    }

    /// A mapping from `(key name, header)` pairs, key names as in SPEC §5 (`document` or
    /// `doc`, `unit`, `action`, `at`, `to`, `due`, …). An unknown key name is an error that
    /// lists the known ones.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<CsvMapping, ImportError> {
        let mut m = CsvMapping::new();
        for (name, header) in pairs {
            let key = Key::parse(name).ok_or_else(|| {
                let known: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
                ImportError::new(format!("unknown mapping key {name:?}; known keys: {}", known.join(", ")))
                    .with_field(name)
            })?;
            m.set(key, header);
        }
        Ok(m)
    }

    /// The header named for `key`, if any.
    pub fn get(&self, key: Key) -> Option<&str> {
        self.columns.iter().find(|(k, _)| *k == key).map(|(_, h)| h.as_str())
    }
}

/// Usual header names of each key, lowercase and composed: Vietnamese office exports, XES-style
/// names (PM4Py's CSV), and the CLI's own export (`doc,unit,action,at,to,actor,due,channel`).
const HEADERS: &[(&str, Key)] = &[
    ("doc", Key::Document),
    ("document", Key::Document),
    ("số hiệu", Key::Document),
    ("mã văn bản", Key::Document),
    ("văn bản", Key::Document),
    ("mã hồ sơ", Key::Document),
    ("case:concept:name", Key::Document),
    ("case id", Key::Document),
    ("case_id", Key::Document),
    ("caseid", Key::Document),
    ("unit", Key::Unit),
    ("đơn vị", Key::Unit),
    ("cơ quan", Key::Unit),
    ("đơn vị xử lý", Key::Unit),
    ("org:group", Key::Unit),
    ("action", Key::Action),
    ("trạng thái", Key::Action),
    ("hành động", Key::Action),
    ("thao tác", Key::Action),
    ("concept:name", Key::Action),
    ("activity", Key::Action),
    ("at", Key::At),
    ("thời gian", Key::At),
    ("ngày giờ", Key::At),
    ("thời điểm", Key::At),
    ("time:timestamp", Key::At),
    ("timestamp", Key::At),
    ("to", Key::To),
    ("nơi nhận", Key::To),
    ("gửi đến", Key::To),
    ("đơn vị nhận", Key::To),
    ("due", Key::Due),
    ("hạn xử lý", Key::Due),
    ("hạn", Key::Due),
    ("hạn giải quyết", Key::Due),
    ("deadline", Key::Due),
    ("case:deadline", Key::Due),
    ("type", Key::Type),
    ("loại văn bản", Key::Type),
    ("loại", Key::Type),
    ("case:type", Key::Type),
    ("urgency", Key::Urgency),
    ("độ khẩn", Key::Urgency),
    ("mức độ khẩn", Key::Urgency),
    ("case:urgency", Key::Urgency),
    ("actor", Key::Actor),
    ("người xử lý", Key::Actor),
    ("cán bộ", Key::Actor),
    ("org:resource", Key::Actor),
    ("resource", Key::Actor),
    ("note", Key::Note),
    ("ghi chú", Key::Note),
    ("channel", Key::Channel),
    ("kênh", Key::Channel),
    ("kênh gửi", Key::Channel),
    ("number", Key::Number),
    ("số ký hiệu", Key::Number),
    ("số/ký hiệu", Key::Number),
    ("ký hiệu", Key::Number),
    ("case:number", Key::Number),
    ("subject", Key::Subject),
    ("trích yếu", Key::Subject),
    ("trích yếu nội dung", Key::Subject),
    ("case:subject", Key::Subject),
    ("issuer", Key::Issuer),
    ("cơ quan ban hành", Key::Issuer),
    ("đơn vị ban hành", Key::Issuer),
    ("nơi ban hành", Key::Issuer),
    ("case:issuer", Key::Issuer),
    ("signed", Key::Signed),
    ("ký số", Key::Signed),
    ("chữ ký số", Key::Signed),
    ("format", Key::Format),
    ("hình thức", Key::Format),
    ("định dạng", Key::Format),
];

/// A header as it is compared: NFC, trimmed (a stray byte-order mark too), lowercase (ASCII and
/// Vietnamese letters, [`crate::model::text::fold_case`]: the standard library's Unicode case
/// tables are 16 KB of the WebAssembly package).
pub fn normalize_header(text: &str) -> String {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let composed;
    let t = if encoding::needs_compose(t) {
        composed = encoding::compose(t);
        composed.as_str()
    } else {
        t
    };
    crate::model::text::fold_case(t).into_owned()
}

/// The key a header names by default, if it is one of the usual names.
pub fn default_key(header: &str) -> Option<Key> {
    let h = normalize_header(header);
    HEADERS.iter().find(|(name, _)| *name == h).map(|&(_, k)| k)
}

/// Where the importer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Gathering the first bytes to decide the encoding.
    Detect,
    /// Gathering the header line to decide the delimiter.
    Header,
    /// Reading records.
    Body,
    /// Finished, or stopped by an error.
    Done,
}

/// The header line, found while gathering it: quotes seen, delimiters outside quotes.
#[derive(Debug, Default)]
struct HeaderScan {
    quoted: bool,
    /// Counts of tab, `;` and `,` outside quotes.
    counts: [usize; 3],
    /// Some byte other than a line end was seen (blank lines before the header are skipped).
    started: bool,
}

impl HeaderScan {
    /// The position just past the header line's end in `text`, if it is there.
    fn scan(&mut self, text: &[u8]) -> Option<usize> {
        for (i, &b) in text.iter().enumerate() {
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' if !self.quoted && self.started => return Some(i + 1),
                b'\t' | b';' | b',' if !self.quoted => self.counts[(b != b'\t') as usize + (b == b',') as usize] += 1,
                _ => {}
            }
            self.started |= !matches!(b, b'\n' | b'\r');
        }
        None
    }

    /// The delimiter: the most frequent outside quotes; ties go to tab, then `;`, then `,`.
    fn delimiter(&self) -> u8 {
        let [tab, semi, comma] = self.counts;
        if tab > 0 && tab >= semi && tab >= comma {
            b'\t'
        } else if semi > comma {
            b';'
        } else {
            b','
        }
    }
}

/// The columns of the file, from its header row.
#[derive(Debug)]
struct Columns {
    /// Fields in the header row.
    width: usize,
    /// (0-based column, key), by column.
    mapped: Vec<(usize, Key)>,
}

/// The CSV [`Importer`]: push chunks of a file (cut anywhere), then finish. See the module
/// documentation.
///
/// ```
/// use lienthong::ingest::csv::CsvImporter;
/// use lienthong::ingest::import::Importer;
/// use lienthong::Tracker;
///
/// let file = "doc,unit,action,at\nd1,A,arrived,2026-03-02 08:00\nd1,A,completed,2026-03-03 08:00\n";
/// let mut t = Tracker::default();
/// let mut imp = CsvImporter::new(None);
/// for chunk in file.as_bytes().chunks(7) {
///     imp.push(&mut t, chunk).unwrap();
/// }
/// // A file without a byte-order mark is read once its first 64 KiB (or its end) decided
/// // the encoding.
/// assert_eq!(imp.progress().rows, 0);
/// assert_eq!(imp.finish(&mut t).unwrap().accepted, 2);
/// assert_eq!(imp.progress().rows, 2);
/// ```
#[derive(Debug)]
pub struct CsvImporter {
    mapping: CsvMapping,
    max_bytes: Option<u64>,
    stage: Stage,
    /// The first bytes, while the encoding is not known.
    prefix: Vec<u8>,
    decoder: Option<Decoder>,
    /// Decoded text of the current chunk (not used for UTF-8, read in place).
    decoded: Vec<u8>,
    /// The header line, while it is gathered.
    head: Vec<u8>,
    scan: HeaderScan,
    reader: Reader,
    /// The current record's fields, back to back, and where each ends (csv-core's layout);
    /// a record split by [`CsvImporter::plain_record`] is its line as it was, each field from
    /// `starts[i]` to `ends[i]`.
    record: Vec<u8>,
    /// Bytes of the fields' text in `record`.
    used: usize,
    starts: Vec<usize>,
    ends: Vec<usize>,
    fields: usize,
    /// The record was split by `plain_record` (`starts` is set).
    split: bool,
    /// Between records: the next byte that is not a line end starts one.
    at_start: bool,
    /// Line where the current record starts (1-based).
    line: u64,
    /// Line ends skipped between records (not seen by the reader, which counts the others).
    skipped_lines: u64,
    /// The field delimiter, once the header line decided it.
    delimiter: u8,
    /// The last byte of text read: tells a quote closed at the end of the input from one
    /// left open.
    last_byte: u8,
    columns: Option<Columns>,
    staging: Staging,
    bytes: u64,
    /// Rows read and events loaded, once finished (the staging is spent then).
    finished: Option<(u64, u64)>,
}

/// Initial size of the record buffer (grown up to [`MAX_ROW_BYTES`]).
const RECORD_START: usize = 1 << 12;
/// Initial number of field ends (grown up to [`MAX_FIELDS`]).
const ENDS_START: usize = 64;

impl CsvImporter {
    /// An importer reading the columns `mapping` names (and the others by their headers).
    pub fn new(mapping: Option<CsvMapping>) -> CsvImporter {
        CsvImporter {
            mapping: mapping.unwrap_or_default(),
            max_bytes: None,
            stage: Stage::Detect,
            prefix: Vec::new(),
            decoder: None,
            decoded: Vec::new(),
            head: Vec::new(),
            scan: HeaderScan::default(),
            reader: Reader::new(b','),
            record: vec![0; RECORD_START],
            used: 0,
            starts: vec![0; ENDS_START],
            ends: vec![0; ENDS_START],
            fields: 0,
            split: false,
            at_start: true,
            line: 1,
            skipped_lines: 0,
            delimiter: b',',
            last_byte: 0,
            columns: None,
            staging: Staging::new(),
            bytes: 0,
            finished: None,
        }
    }

    /// The same importer, refusing input over `limit` bytes (counted as pushed): past it the
    /// import stops with an [`ImportError`], rows read before staying loaded.
    pub fn with_max_bytes(mut self, limit: u64) -> CsvImporter {
        self.max_bytes = Some(limit);
        self
    }

    /// The encoding the input was found to use (once enough of it was read).
    pub fn encoding(&self) -> Option<Encoding> {
        self.decoder.as_ref().map(Decoder::encoding)
    }

    /// Stops the import: the rows staged are loaded, the importer is spent.
    fn fail(&mut self, tracker: &mut Tracker, e: ImportError) -> ImportError {
        self.staging.load(tracker);
        self.stage = Stage::Done;
        e
    }

    fn spent() -> ImportError {
        ImportError::new("the importer is spent: it finished, or stopped at an error; create a new one")
    }

    /// Raw bytes in: detection, then decoding.
    fn input(&mut self, tracker: &mut Tracker, chunk: &[u8], complete: bool) -> Result<(), ImportError> {
        if self.stage == Stage::Detect {
            self.prefix.extend_from_slice(chunk);
            let Some((enc, bom)) = encoding::detect(&self.prefix, complete) else { return Ok(()) };
            self.decoder = Some(Decoder::new(enc));
            self.stage = Stage::Header;
            let prefix = std::mem::take(&mut self.prefix);
            return self.decode(tracker, &prefix[bom..]);
        }
        self.decode(tracker, chunk)
    }

    fn decode(&mut self, tracker: &mut Tracker, bytes: &[u8]) -> Result<(), ImportError> {
        let Some(decoder) = self.decoder.as_mut() else { return Ok(()) };
        if decoder.encoding() == Encoding::Utf8 {
            return self.text(tracker, bytes);
        }
        let mut out = std::mem::take(&mut self.decoded);
        out.clear();
        decoder.decode(bytes, &mut out);
        let r = self.text(tracker, &out);
        self.decoded = out;
        r
    }

    /// UTF-8 text in: the header line is gathered first (it decides the delimiter), then the
    /// records are read.
    fn text(&mut self, tracker: &mut Tracker, text: &[u8]) -> Result<(), ImportError> {
        let Some(&last) = text.last() else { return Ok(()) };
        self.last_byte = last;
        if self.stage == Stage::Header {
            match self.scan.scan(text) {
                None => {
                    self.head.extend_from_slice(text);
                    if self.head.len() > MAX_FIELD_BYTES {
                        return Err(ImportError::new(format!(
                            "no end of the header line in the first {MAX_FIELD_BYTES} bytes: this is not a CSV file \
                             (or a quote in the header is not closed)"
                        ))
                        .at_line(1));
                    }
                    return Ok(());
                }
                Some(end) => {
                    self.head.extend_from_slice(&text[..end]);
                    self.start_body();
                    let head = std::mem::take(&mut self.head);
                    self.records(tracker, &head)?;
                    return self.records(tracker, &text[end..]);
                }
            }
        }
        self.records(tracker, text)
    }

    fn start_body(&mut self) {
        self.delimiter = self.scan.delimiter();
        self.reader = Reader::new(self.delimiter);
        self.stage = Stage::Body;
    }

    /// Tokenizes text into records.
    fn records(&mut self, tracker: &mut Tracker, mut input: &[u8]) -> Result<(), ImportError> {
        // No bytes is not the end of the input: the reader would close an open record (a
        // chunk that ends where the header scan ends the header line, which a stray quote can
        // put past the reader's; found by `cargo fuzz run csv`). `end_of_input` ends it.
        if input.is_empty() {
            return Ok(());
        }
        loop {
            if self.at_start {
                let n = input.iter().position(|&b| b != b'\n' && b != b'\r').unwrap_or(input.len());
                self.skipped_lines += input[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                input = &input[n..];
                if input.is_empty() {
                    return Ok(());
                }
                self.at_start = false;
                self.line = self.reader.line() + self.skipped_lines;
                if let Some(n) = self.plain_record(input) {
                    input = &input[n..];
                    self.end_record(tracker)?;
                    continue;
                }
            }
            let (res, nin, nout, nend) =
                self.reader.read_record(input, &mut self.record[self.used..], &mut self.ends[self.fields..]);
            input = &input[nin..];
            self.used += nout;
            self.fields += nend;
            match res {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return Ok(()),
                ReadRecordResult::OutputFull => self.grow_record()?,
                ReadRecordResult::OutputEndsFull => self.grow_ends()?,
                ReadRecordResult::Record => self.end_record(tracker)?,
            }
        }
    }

    /// A record on one line whose line end is in `input`, split by hand: csv-core's state
    /// machine goes byte by byte, this finds the delimiters, quotes and line ends eight bytes
    /// at a time. The line is copied to the record buffer as it is, with where each field
    /// starts and ends; the line end is left to the skip between records, which counts it. A
    /// field may be quoted if it holds no quote (`""`) and no line end. The bytes read, or
    /// `None` when [`Reader`] must read the record (any other quote, no line end before the end
    /// of `input`, more fields or bytes than the buffers hold: the reader's caller grows them).
    ///
    /// Not inlined: V8 cannot move the long call of [`CsvImporter::records`] off its baseline
    /// code, but a function called once a row is optimised after a few thousand rows.
    #[inline(never)]
    fn plain_record(&mut self, input: &[u8]) -> Option<usize> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        // High bit of each byte of `w` equal to `c`, of each byte below 0x20 (exact for the
        // lowest such byte; a false hit above it is skipped as any other byte).
        let eq = |w: u64, c: u8| {
            let x = w ^ (ONES * c as u64);
            x.wrapping_sub(ONES) & !x & (ONES << 7)
        };
        let control = |w: u64| w.wrapping_sub(ONES * 0x20) & !w & (ONES << 7);
        // High bit of each byte of `w` equal to `c`, and of no other byte.
        let exact = |w: u64, c: u8| {
            let x = w ^ (ONES * c as u64);
            !(((x & (ONES * 0x7F)).wrapping_add(ONES * 0x7F)) | x | (ONES * 0x7F))
        };
        let d = self.delimiter;
        // The buffers as slices: the compiler keeps their addresses in registers instead of
        // reading them again from `self` after every write.
        let (starts, ends) = (&mut self.starts[..], &mut self.ends[..]);
        let (mut start, mut fields, mut used) = (0, 0, 0);
        // In a quoted field; the closing quote of the field.
        let (mut quoted, mut close) = (false, None);
        let mut word_at = 0;
        loop {
            let (delimiters, others) = match input.get(word_at..).and_then(<[u8]>::first_chunk::<8>) {
                Some(word) => {
                    let w = u64::from_le_bytes(*word);
                    (exact(w, d), eq(w, b'"') | control(w))
                }
                // No line end in `input`.
                None if word_at >= input.len() => return None,
                // The last bytes, one at a time.
                None => (0, 1 << 7),
            };
            // Most words: delimiters only, outside quotes; their bits are exact, no byte is read.
            if others == 0 && !quoted {
                let mut hits = delimiters;
                while hits != 0 {
                    let at = word_at + (hits.trailing_zeros() / 8) as usize;
                    hits &= hits - 1;
                    let end = close.take().unwrap_or(at);
                    *starts.get_mut(fields)? = start;
                    *ends.get_mut(fields)? = end;
                    fields += 1;
                    used += end - start;
                    start = at + 1;
                }
                word_at += 8;
                continue;
            }
            let mut hits = delimiters | others;
            while hits != 0 {
                let at = word_at + (hits.trailing_zeros() / 8) as usize;
                hits &= hits - 1;
                let Some(&b) = input.get(at) else { break };
                if quoted {
                    match b {
                        b'"' => {
                            quoted = false;
                            close = Some(at);
                            // A quote closes the field only before a delimiter or a line end.
                            if !matches!(input.get(at + 1), Some(&c) if c == d || c == b'\n' || c == b'\r') {
                                return None;
                            }
                        }
                        b'\n' => return None,
                        _ => {}
                    }
                } else if b == b'"' {
                    if at != start || close.is_some() {
                        return None;
                    }
                    quoted = true;
                    start = at + 1;
                } else if b == d || b == b'\n' || b == b'\r' {
                    let end = close.take().unwrap_or(at);
                    *starts.get_mut(fields)? = start;
                    *ends.get_mut(fields)? = end;
                    fields += 1;
                    used += end - start;
                    start = at + 1;
                    if b != d {
                        self.record.get_mut(..at)?.copy_from_slice(&input[..at]);
                        self.used = used;
                        self.fields = fields;
                        self.split = true;
                        return Some(at);
                    }
                }
            }
            word_at += if input.len() - word_at >= 8 { 8 } else { 1 };
            if word_at >= input.len() {
                return None;
            }
        }
    }

    /// The end of the input: the last record (without a line end), then the report's rows.
    fn end_of_input(&mut self, tracker: &mut Tracker) -> Result<(), ImportError> {
        if self.stage == Stage::Detect {
            self.input(tracker, &[], true)?;
        }
        if let Some(d) = self.decoder.as_mut() {
            let mut out = Vec::new();
            d.finish(&mut out);
            self.text(tracker, &out)?;
        }
        if self.stage == Stage::Header {
            if !self.scan.started {
                return Err(ImportError::new("the input is empty: no header line").at_line(1));
            }
            self.start_body();
            let head = std::mem::take(&mut self.head);
            self.records(tracker, &head)?;
        }
        if self.stage != Stage::Body {
            return Ok(());
        }
        if !self.at_start {
            let start = self.fields.checked_sub(1).map_or(0, |i| self.ends[i]);
            if self.record[start..self.used].contains(&b'\n') && self.last_byte != b'"' {
                return Err(self.field_error(
                    start,
                    self.fields,
                    "a quoted field is not closed before the end of the input (an unbalanced quote); \
                     the rest of the file was read as this one field",
                ));
            }
        }
        loop {
            let (res, _, _, nend) =
                self.reader.read_record(&[], &mut self.record[self.used..], &mut self.ends[self.fields..]);
            self.fields += nend;
            match res {
                ReadRecordResult::Record => self.end_record(tracker)?,
                ReadRecordResult::OutputEndsFull => self.grow_ends()?,
                _ => break,
            }
        }
        if self.columns.is_none() {
            return Err(ImportError::new("the input is empty: no header line").at_line(1));
        }
        Ok(())
    }

    /// An error about the field starting at `start` in the record buffer, column `index` (0-based).
    fn field_error(&self, start: usize, index: usize, message: &str) -> ImportError {
        let line = self.line + self.record[..start].iter().filter(|&&b| b == b'\n').count() as u64;
        let key = self.columns.as_ref().and_then(|c| c.mapped.iter().find(|m| m.0 == index).map(|m| m.1));
        let mut e = ImportError::new(message).at_line(line as usize);
        e.column = Some(index + 1);
        if let Some(k) = key {
            e = e.with_field(k.name());
        }
        e
    }

    fn grow_record(&mut self) -> Result<(), ImportError> {
        let start = self.fields.checked_sub(1).map_or(0, |i| self.ends[i]);
        if self.used - start > MAX_FIELD_BYTES {
            return Err(self.field_too_long(start, self.fields));
        }
        if self.used >= MAX_ROW_BYTES {
            return Err(
                ImportError::new(format!("the row is longer than {MAX_ROW_BYTES} bytes")).at_line(self.line as usize)
            );
        }
        let len = (self.record.len() * 2).min(MAX_ROW_BYTES + 1);
        self.record.resize(len, 0);
        Ok(())
    }

    fn field_too_long(&self, start: usize, index: usize) -> ImportError {
        self.field_error(
            start,
            index,
            &format!("a field is longer than {MAX_FIELD_BYTES} bytes (a quote left open?); the import stops here"),
        )
    }

    fn grow_ends(&mut self) -> Result<(), ImportError> {
        if self.ends.len() > MAX_FIELDS {
            return Err(
                ImportError::new(format!("the row has more than {MAX_FIELDS} fields")).at_line(self.line as usize)
            );
        }
        let len = (self.ends.len() * 2).min(MAX_FIELDS + 1);
        self.ends.resize(len, 0);
        self.starts.resize(len, 0);
        Ok(())
    }

    /// A whole record was read: the header, or a row to stage.
    fn end_record(&mut self, tracker: &mut Tracker) -> Result<(), ImportError> {
        let n = self.fields;
        if !self.split {
            for i in 0..n {
                self.starts[i] = if i == 0 { 0 } else { self.ends[i - 1] };
            }
        }
        if self.used > MAX_FIELD_BYTES {
            for i in 0..n {
                if self.ends[i] - self.starts[i] > MAX_FIELD_BYTES {
                    return Err(self.field_too_long(self.starts[i], i));
                }
            }
        }
        match &self.columns {
            None => self.header()?,
            Some(_) => self.row(tracker),
        }
        self.used = 0;
        self.fields = 0;
        self.split = false;
        self.at_start = true;
        Ok(())
    }

    /// The header row: which column holds which key.
    fn header(&mut self) -> Result<(), ImportError> {
        let mut names = Vec::with_capacity(self.fields);
        for (&start, &end) in self.starts.iter().zip(&self.ends[..self.fields]) {
            // A header that is not valid text matches no key (it is listed as "").
            names.push(std::str::from_utf8(&self.record[start..end]).unwrap_or_default().to_string());
        }
        let normalized: Vec<String> = names.iter().map(|h| normalize_header(h)).collect();
        let line = self.line as usize;
        let found = || {
            let shown: Vec<String> = names.iter().map(|h| format!("{:?}", h.trim())).collect();
            shown.join(", ")
        };
        let mut keys: Vec<Option<Key>> = vec![None; names.len()];
        for (key, header) in &self.mapping.columns {
            let want = normalize_header(header);
            match normalized.iter().position(|h| *h == want) {
                Some(i) if keys[i].is_none() => keys[i] = Some(*key),
                Some(i) => {
                    let other = keys[i].map_or("", Key::name);
                    return Err(ImportError::new(format!(
                        "column {header:?} is mapped to both {other} and {}",
                        key.name()
                    ))
                    .at_line(line)
                    .with_field(key.name()));
                }
                None => {
                    return Err(ImportError::new(format!(
                        "the mapping names column {header:?} for {}, but the header has no such column; \
                         the header has: {}",
                        key.name(),
                        found()
                    ))
                    .at_line(line)
                    .with_field(key.name()))
                }
            }
        }
        for (i, h) in normalized.iter().enumerate() {
            if keys[i].is_some() {
                continue;
            }
            let Some(k) = HEADERS.iter().find(|(name, _)| name == h).map(|&(_, k)| k) else { continue };
            if self.mapping.get(k).is_none() && !keys.contains(&Some(k)) {
                keys[i] = Some(k);
            }
        }
        for key in REQUIRED {
            if !keys.contains(&Some(key)) {
                let usual: Vec<String> =
                    HEADERS.iter().filter(|(_, k)| *k == key).take(4).map(|(n, _)| format!("{n:?}")).collect();
                return Err(ImportError::new(format!(
                    "no column for {}: map one (mapping key {:?}) or use a usual header such as {}; \
                     the header has: {}",
                    key.name(),
                    key.name(),
                    usual.join(", "),
                    found()
                ))
                .at_line(line)
                .with_field(key.name()));
            }
        }
        let mapped: Vec<(usize, Key)> = keys.iter().enumerate().filter_map(|(i, k)| k.map(|k| (i, k))).collect();
        for &(i, k) in &mapped {
            self.staging.set_column(k, Some(i as u32 + 1));
        }
        self.columns = Some(Columns { width: names.len(), mapped });
        Ok(())
    }

    /// A data row: its mapped fields staged (or the row rejected).
    fn row(&mut self, tracker: &mut Tracker) {
        let Some(columns) = &self.columns else { return };
        // A row of empty fields only (`;;;;` from a spreadsheet) holds nothing: skipped.
        if self.used == 0 {
            return;
        }
        let line = u32::try_from(self.line).unwrap_or(u32::MAX);
        let n = self.fields;
        self.staging.begin_row(line);
        if n != columns.width {
            let (column, what) = if n < columns.width { (n + 1, "missing") } else { (columns.width + 1, "extra") };
            let message = format!(
                "the row has {n} fields, the header {}: {what} field from column {column} (a delimiter in an \
                 unquoted value?)",
                columns.width
            );
            self.staging.reject_row_at_column(column as u32, message);
            return;
        }
        for &(i, key) in &columns.mapped {
            let raw = &self.record[self.starts[i]..self.ends[i]];
            // A field as the previous row gave it (a document's fields on each of its rows):
            // checked and staged already.
            if self.staging.repeat(key, raw) {
                continue;
            }
            // ASCII (most ids, times, actions): valid text, nothing to compose; its UTF-8 is
            // checked with the batch's (`Staging::load`).
            match self.staging.set_ascii(key, crate::model::text::trim_ascii(raw)) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    self.staging.reject_row(Some(key), e.to_string());
                    return;
                }
            }
            let Ok(text) = std::str::from_utf8(raw) else {
                let enc = self.decoder.as_ref().map_or(Encoding::Utf8, Decoder::encoding);
                let message = match enc {
                    Encoding::Utf8 => "not valid UTF-8 text (the file was read as UTF-8 from its first bytes)".into(),
                    e => format!("not valid {} text (an unpaired surrogate or a cut code unit)", e.name()),
                };
                self.staging.reject_row(Some(key), message);
                return;
            };
            let text = trim(text);
            let composed;
            let text = if encoding::needs_compose(text) {
                composed = encoding::compose(text);
                composed.as_str()
            } else {
                text
            };
            // Fields were checked against MAX_FIELD_BYTES when the record ended.
            if let Err(e) = self.staging.set(key, text) {
                self.staging.reject_row(Some(key), e.to_string());
                return;
            }
        }
        self.staging.end_row();
        if self.staging.is_full() {
            self.staging.load(tracker);
        }
    }
}

impl Importer for CsvImporter {
    fn push(&mut self, tracker: &mut Tracker, chunk: &[u8]) -> Result<(), ImportError> {
        if self.stage == Stage::Done {
            return Err(CsvImporter::spent());
        }
        self.bytes += chunk.len() as u64;
        if let Some(limit) = self.max_bytes.filter(|&l| self.bytes > l) {
            let e = ImportError::new(format!("the input is over the limit of {limit} bytes; the import stops here"));
            let line = self.reader.line() + self.skipped_lines;
            let e = if self.stage == Stage::Body { e.at_line(line as usize) } else { e };
            return Err(self.fail(tracker, e));
        }
        match self.input(tracker, chunk, false) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(tracker, e)),
        }
    }

    fn finish(&mut self, tracker: &mut Tracker) -> Result<IngestReport, ImportError> {
        if self.stage == Stage::Done {
            return Err(CsvImporter::spent());
        }
        if let Err(e) = self.end_of_input(tracker) {
            return Err(self.fail(tracker, e));
        }
        self.stage = Stage::Done;
        let rows = self.staging.rows_read() as u64;
        let report = std::mem::take(&mut self.staging).finish(tracker);
        self.finished = Some((rows, report.accepted as u64));
        Ok(report)
    }

    fn progress(&self) -> Progress {
        let (rows, events) = self.finished.unwrap_or((self.staging.rows_read() as u64, self.staging.loaded() as u64));
        Progress { bytes: self.bytes, rows, events }
    }
}

/// What [`Reader::read_record`] stopped at (csv-core's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadRecordResult {
    /// All the input was read, the record goes on.
    InputEmpty,
    /// The output buffer is full.
    OutputFull,
    /// The field ends buffer is full.
    OutputEndsFull,
    /// A whole record was read.
    Record,
    /// The end of the input, between records.
    End,
}

/// Where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadState {
    /// Between records (line ends are skipped).
    StartRecord,
    /// After `\r` ending a record: a `\n` right after is part of the line end.
    Cr,
    StartField,
    InField,
    InQuoted,
    /// A quote in a quoted field: `""` is a quote, the delimiter or a line end close the field.
    QuoteInQuoted,
}

/// The records of CSV text, chunk by chunk: csv-core's reader with this importer's dialect
/// (the delimiter, `"` quotes doubled inside quoted fields, `\r`, `\n` or `\r\n` ending a
/// record, a byte-order mark at the very start skipped), the same results and the same calls,
/// in less code (the state machine written out instead of csv-core's generated table). Most
/// records never come here: [`CsvImporter::plain_record`] splits them.
#[derive(Debug)]
struct Reader {
    delimiter: u8,
    state: ReadState,
    /// Line of the next byte (1-based: line ends read so far, plus one).
    line: u64,
    /// Bytes of the current record written by earlier calls.
    out_pos: usize,
    has_read: bool,
}

impl Reader {
    fn new(delimiter: u8) -> Reader {
        Reader { delimiter, state: ReadState::StartRecord, line: 1, out_pos: 0, has_read: false }
    }

    fn line(&self) -> u64 {
        self.line
    }

    /// Reads from `input` into `output` (the fields' bytes, back to back) and `ends` (where
    /// each field ends, counted from the record's start), until a record ends or one of the
    /// three runs out: `(result, bytes read, bytes written, ends written)`. An empty `input`
    /// is the end of the text: the last record, if one was started.
    fn read_record(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        ends: &mut [usize],
    ) -> (ReadRecordResult, usize, usize, usize) {
        let bom = if !self.has_read && input.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
        self.has_read = true;
        let (result, nin, nout, nend) = self.read(&input[bom..], output, ends);
        (result, nin + bom, nout, nend)
    }

    fn read(&mut self, input: &[u8], output: &mut [u8], ends: &mut [usize]) -> (ReadRecordResult, usize, usize, usize) {
        use ReadState::*;
        if input.is_empty() {
            if matches!(self.state, StartRecord | Cr) {
                return (ReadRecordResult::End, 0, 0, 0);
            }
            let Some(end) = ends.first_mut() else { return (ReadRecordResult::OutputEndsFull, 0, 0, 0) };
            *end = self.out_pos;
            (self.state, self.out_pos) = (StartRecord, 0);
            return (ReadRecordResult::Record, 0, 0, 1);
        }
        if output.is_empty() {
            return (ReadRecordResult::OutputFull, 0, 0, 0);
        }
        if ends.is_empty() {
            return (ReadRecordResult::OutputEndsFull, 0, 0, 0);
        }
        let mut nin = 0;
        let (d, mut nout, mut nend) = (self.delimiter, 0, 0);
        let mut state = self.state;
        let mut record = false;
        while nin < input.len() && nout < output.len() && nend < ends.len() {
            let b = input[nin];
            nin += 1;
            self.line += u64::from(b == b'\n');
            let term = b == b'\n' || b == b'\r';
            if state == Cr {
                state = StartRecord;
                if b == b'\n' {
                    continue;
                }
            }
            if state == StartRecord {
                if term {
                    continue;
                }
                state = StartField;
            }
            // What the byte does: 0 nothing, 1 copied, 2 ends the field, 3 ends the record.
            let (next, act) = match state {
                StartField if b == b'"' => (InQuoted, 0),
                InQuoted if b == b'"' => (QuoteInQuoted, 0),
                InQuoted => (InQuoted, 1),
                QuoteInQuoted if b == b'"' => (InQuoted, 1),
                _ if b == d => (StartField, 2),
                _ if term => (if b == b'\r' { Cr } else { StartRecord }, 3),
                _ => (InField, 1),
            };
            state = next;
            if act == 1 {
                output[nout] = b;
                nout += 1;
            } else if act > 1 {
                ends[nend] = self.out_pos + nout;
                nend += 1;
                if act == 3 {
                    record = true;
                    break;
                }
            }
        }
        self.state = state;
        let result = if record {
            self.out_pos = 0;
            ReadRecordResult::Record
        } else {
            self.out_pos += nout;
            if nin >= input.len() {
                ReadRecordResult::InputEmpty
            } else if nout >= output.len() {
                ReadRecordResult::OutputFull
            } else {
                ReadRecordResult::OutputEndsFull
            }
        };
        (result, nin, nout, nend)
    }
}

/// Imports a whole CSV file (text or bytes in any of the encodings above): what pushing it in
/// one chunk to a [`CsvImporter`] and finishing does.
pub fn import_csv(
    tracker: &mut Tracker,
    bytes: &[u8],
    mapping: Option<&CsvMapping>,
) -> Result<IngestReport, ImportError> {
    import_all(&mut CsvImporter::new(mapping.cloned()), tracker, bytes)
}

#[cfg(test)]
mod tests {
    use super::{ReadRecordResult, Reader};

    /// The reader against csv-core, call by call, on random text of the special bytes (and a
    /// byte-order mark), random chunks and random buffer sizes: the same results, counts,
    /// bytes, field ends and lines.
    #[test]
    fn reader_matches_csv_core() {
        let mut seed = 0x5EED_C5C0u64;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % n as u64) as usize
        };
        for case in 0..20_000 {
            let d = [b',', b';', b'\t'][case % 3];
            let alphabet = [b'a', b'b', b'"', b'"', b'\n', b'\r', d, d, b' ', 0xef, b','];
            let len = next(40);
            let mut text: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            if case % 7 == 0 {
                text.splice(0..0, *b"\xef\xbb\xbf");
            }
            let mut ours = Reader::new(d);
            let mut theirs = csv_core::ReaderBuilder::new().delimiter(d).build();
            let (mut out_a, mut out_b) = (vec![0u8; 64], vec![0u8; 64]);
            let (mut ends_a, mut ends_b) = (vec![0usize; 64], vec![0usize; 64]);
            let mut at = 0;
            for _ in 0..400 {
                let end = if at == text.len() { at } else { (at + 1 + next(8)).min(text.len()) };
                let (o, e) = (next(6), next(4));
                let a = ours.read_record(&text[at..end], &mut out_a[..o], &mut ends_a[..e]);
                let b = theirs.read_record(&text[at..end], &mut out_b[..o], &mut ends_b[..e]);
                let b0 = match b.0 {
                    csv_core::ReadRecordResult::InputEmpty => ReadRecordResult::InputEmpty,
                    csv_core::ReadRecordResult::OutputFull => ReadRecordResult::OutputFull,
                    csv_core::ReadRecordResult::OutputEndsFull => ReadRecordResult::OutputEndsFull,
                    csv_core::ReadRecordResult::Record => ReadRecordResult::Record,
                    csv_core::ReadRecordResult::End => ReadRecordResult::End,
                };
                let what = format!("case {case}, {:?} at {at}..{end}, buffers {o}/{e}", String::from_utf8_lossy(&text));
                assert_eq!((a.0, a.1, a.2, a.3), (b0, b.1, b.2, b.3), "{what}");
                assert_eq!(out_a[..a.2], out_b[..b.2], "{what}");
                assert_eq!(ends_a[..a.3], ends_b[..b.3], "{what}");
                assert_eq!(ours.line(), theirs.line(), "{what}");
                at += a.1;
                if a.0 == ReadRecordResult::End {
                    break;
                }
            }
        }
    }
}
