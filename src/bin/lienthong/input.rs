//! Reading the input: the log file (CSV, XES, `.xes.gz`, edXML, told apart by content and
//! extension) with a progress bar on large files, and the optional units and documents CSVs.

use crate::{Input, Result};
use indicatif::{ProgressBar, ProgressStyle};
use lienthong::ingest::csv::CsvImporter;
use lienthong::ingest::edxml::EdxmlImporter;
use lienthong::ingest::import::Importer;
use lienthong::ingest::xes::XesImporter;
use lienthong::ingest::{DocumentRecord, IngestReport, TimeValue, UnitRecord};
use lienthong::Tracker;
use std::collections::HashMap;
use std::io::{IsTerminal, Read};
use std::path::Path;

/// Files larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_BYTES: u64 = 4 << 20;

/// What a log file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xes,
    XesGz,
    Edxml,
}

impl Format {
    /// The format of a file: gzip (`.xes.gz`) and XML by their first bytes (an XML file is XES
    /// when its root is `<log`), else by extension, else CSV.
    pub(crate) fn detect(path: &Path, head: &[u8]) -> Format {
        if head.starts_with(&[0x1f, 0x8b]) {
            return Format::XesGz;
        }
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        if text.starts_with('<') {
            // Skip the declaration, comments and processing instructions: the root decides.
            let root = text
                .match_indices('<')
                .map(|(i, _)| &text[i + 1..])
                .find(|t| !t.starts_with('?') && !t.starts_with('!'));
            return match root {
                Some(t) if t.starts_with("log") && !t[3..].starts_with(|c: char| c.is_alphanumeric()) => Format::Xes,
                _ => Format::Edxml,
            };
        }
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        if name.ends_with(".xes.gz") || name.ends_with(".gz") {
            Format::XesGz
        } else if name.ends_with(".xes") {
            Format::Xes
        } else if name.ends_with(".xml") {
            Format::Edxml
        } else {
            Format::Csv
        }
    }
}

/// A tracker loaded from the input: the units and documents files, then the log. A saved
/// store (`lienthong export --format saved`, `tracker.toBytes()`) is restored as it is, then
/// the units and documents files are loaded on it.
pub(crate) fn load(input: &Input) -> Result<Tracker> {
    if is_saved(&input.file)? {
        let bytes = std::fs::read(&input.file).map_err(|e| format!("{}: {e}", input.file.display()))?;
        let mut t =
            Tracker::from_bytes(&bytes, input.options()).map_err(|e| format!("{}: {e}", input.file.display()))?;
        if let Some(p) = &input.units {
            load_units(p, &mut t)?;
        }
        if let Some(p) = &input.documents {
            load_documents(p, &mut t)?;
        }
        eprintln!("{}: {} events restored", input.file.display(), t.store().events.len());
        return Ok(t);
    }
    let mut t = Tracker::new(input.options());
    if let Some(p) = &input.units {
        load_units(p, &mut t)?;
    }
    if let Some(p) = &input.documents {
        load_documents(p, &mut t)?;
    }
    let report = read_log(&input.file, &mut t)?;
    let name = input.file.display().to_string();
    print_rejections(&name, &report);
    for w in report.warnings.iter().take(20) {
        eprintln!("{name}: {}warning: {}: {}", line_of(w.line), w.field, w.message);
    }
    eprintln!(
        "{name}: {} events accepted, {} rejected, {} duplicates, {} warnings",
        report.accepted,
        report.rejected.len(),
        report.duplicates.len(),
        report.warnings.len()
    );
    Ok(t)
}

/// Whether `path` starts like a saved store.
fn is_saved(path: &Path) -> Result<bool> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut head = [0u8; 8];
    let n = read_up_to(&mut file, &mut head)?;
    Ok(&head[..n] == lienthong::store::snapshot::MAGIC)
}

/// Reads a log file into `tracker`, by its format.
pub(crate) fn read_log(path: &Path, tracker: &mut Tracker) -> Result<IngestReport> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = vec![0u8; 4096];
    let n = read_up_to(&mut file, &mut head)?;
    head.truncate(n);
    let format = Format::detect(path, &head);
    let bar = progress_bar(size);
    let reader = bar.wrap_read(std::io::Cursor::new(head).chain(file));
    let r = match format {
        Format::Csv => feed(&mut CsvImporter::new(None), reader, tracker),
        Format::Xes | Format::XesGz => feed(&mut XesImporter::new(None), reader, tracker),
        Format::Edxml => feed(&mut EdxmlImporter::new(), reader, tracker),
    };
    bar.finish_and_clear();
    r.map_err(|e| format!("{}: {e}", path.display()).into())
}

/// Pushes the whole of `reader` through `importer`, chunk by chunk.
fn feed(importer: &mut dyn Importer, mut reader: impl Read, tracker: &mut Tracker) -> Result<IngestReport> {
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        importer.push(tracker, &buf[..n])?;
    }
    Ok(importer.finish(tracker)?)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// A progress bar on stderr for a file of `size` bytes: hidden for small files and when
/// stderr is not a terminal.
fn progress_bar(size: u64) -> ProgressBar {
    if size < PROGRESS_BYTES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})") {
        bar.set_style(style);
    }
    bar
}

/// `line N: ` when the line is known.
fn line_of(line: Option<usize>) -> String {
    line.map_or(String::new(), |l| format!("line {l}: "))
}

fn print_rejections(what: &str, report: &IngestReport) {
    for r in report.rejected.iter().take(20) {
        eprintln!("{what}: {}{}: {}", line_of(r.line), r.field, r.message);
    }
    if report.rejected.len() > 20 {
        eprintln!("{what}: … {} more rejected", report.rejected.len() - 20);
    }
}

/// A CSV file read whole, with its columns found by header name.
struct Table {
    rows: Vec<csv::StringRecord>,
    columns: HashMap<String, usize>,
}

impl Table {
    fn read(path: &Path) -> Result<Table> {
        let mut r =
            csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let columns = r
            .headers()?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i))
            .collect();
        let rows =
            r.records().collect::<std::result::Result<Vec<_>, _>>().map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Table { rows, columns })
    }

    fn get<'a>(&self, row: &'a csv::StringRecord, name: &str) -> Option<&'a str> {
        self.columns.get(name).and_then(|&i| row.get(i)).filter(|s| !s.is_empty())
    }
}

fn time(text: &str) -> TimeValue<'_> {
    match text.parse::<i64>() {
        Ok(ms) => TimeValue::Millis(ms),
        Err(_) => TimeValue::Text(text),
    }
}

/// The rejections of a units or documents file: their index is the row (line = index + 2).
fn print_table_rejections(what: &str, mut report: IngestReport) {
    for r in &mut report.rejected {
        r.line = Some(r.index + 2);
    }
    print_rejections(what, &report);
}

fn load_units(path: &Path, t: &mut Tracker) -> Result<()> {
    if !path.exists() && !path.to_string_lossy().to_lowercase().ends_with(".csv") {
        return Err(format!(
            "--units {}: no such file (--units names the units CSV file; to look at some units, use --unit {})",
            path.display(),
            path.display()
        )
        .into());
    }
    let table = Table::read(path)?;
    let report = t.add_units(table.rows.iter().map(|r| UnitRecord {
        id: table.get(r, "id").unwrap_or(""),
        name: table.get(r, "name"),
        level: table.get(r, "level"),
        parent: table.get(r, "parent"),
        valid_from: table.get(r, "validFrom").map(time),
        valid_to: table.get(r, "validTo").map(time),
        successor: table.get(r, "successor"),
    }));
    print_table_rejections(&path.display().to_string(), report);
    Ok(())
}

fn load_documents(path: &Path, t: &mut Tracker) -> Result<()> {
    let table = Table::read(path)?;
    let report = t.add_documents(table.rows.iter().map(|r| DocumentRecord {
        id: table.get(r, "id").unwrap_or(""),
        number: table.get(r, "number"),
        doc_type: table.get(r, "type"),
        urgency: table.get(r, "urgency"),
        due: table.get(r, "due").map(time),
        issuer: table.get(r, "issuer"),
        subject: table.get(r, "subject"),
        attributes: Vec::new(),
        signed: table.get(r, "signed").and_then(lienthong::ingest::staging::yes_no),
        format: table.get(r, "format"),
    }));
    print_table_rejections(&path.display().to_string(), report);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_then_extension() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(Format::detect(&p("a.csv"), b"doc,unit\n"), Format::Csv);
        assert_eq!(
            Format::detect(&p("a.txt"), b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<log xes.version=\"1.0\">"),
            Format::Xes
        );
        assert_eq!(Format::detect(&p("a"), b"<!-- c --><log>"), Format::Xes);
        assert_eq!(Format::detect(&p("a.xml"), b"<?xml version=\"1.0\"?><edXML:edXMLEnvelope>"), Format::Edxml);
        assert_eq!(Format::detect(&p("a.xml"), b"<logbook/>"), Format::Edxml);
        assert_eq!(Format::detect(&p("a.csv"), &[0x1f, 0x8b, 8, 0]), Format::XesGz);
        assert_eq!(Format::detect(&p("a.XES"), b""), Format::Xes);
        assert_eq!(Format::detect(&p("a.xes.gz"), b""), Format::XesGz);
        assert_eq!(Format::detect(&p("a.xml"), b""), Format::Edxml);
        assert_eq!(Format::detect(&p("events"), b"doc;unit"), Format::Csv);
    }
}
