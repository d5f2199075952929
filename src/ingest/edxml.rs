//! edXML import: the document packages and status messages of QCVN 102:2016/BTTTT, the format
//! of the national document interconnection axis (trục liên thông văn bản quốc gia).
//!
//! The input is one message, several messages one after another (files concatenated, each with
//! or without its own `<?xml …?>` declaration), or a list of them (a root element of any name
//! whose children are `edXML` messages). Each message becomes rows of [`Staging`]:
//!
//! - a **document package** (edoc): a `sent` at the `From` organisation, at the send time of
//!   its `TraceHeaderList`, to every `To` organisation (one copy each, SPEC §2), carrying the
//!   document's number, type, urgency, subject, issuer, signature and the recipients' deadline
//!   (`DueDate`); the other trace hops become `arrived` events. A revocation package
//!   (`BussinessDocType` 1) is a `recalled` of the document it answers, to each recipient;
//! - a **status message** (StatusCode 01–06, 13, 15, 16): the matching action
//!   ([`KnownAction::from_edxml_code`]) at the `From` organisation, at its `Timestamp`, for the
//!   document its `ResponseFor` names.
//!
//! Organisations are units (`OrganId` the id; `OrganName` names a unit that has no name yet).
//! Elements are matched by local name, whatever their prefix or namespace, ignoring ASCII case.
//! Which elements are read, the document id rule and what is not verified about the standard:
//! `docs/SEMANTICS.md`, "edXML import".
//!
//! Attachment payloads (`ContentTransferEncoded`, base64 that can run to hundreds of megabytes)
//! are never copied: read in one piece they are skipped in place; pushed in chunks they are
//! dropped as they arrive, so memory holds at most one message's XML outside its attachments
//! ([`MAX_MESSAGE_BYTES`]). A message that cannot be read is rejected with the line and the
//! element at fault, and reading goes on with the next message.

use super::encoding::UTF8_BOM as BOM;
use super::import::{ImportError, Importer, Progress};
use super::staging::{FieldTooLong, Key, Staging, MAX_FIELD_BYTES};
use super::{time_message, IngestReport, TimeValue, UnitRecord};
use crate::model::{parse_instant, KnownAction, TimeZone, Urgency};
use crate::Tracker;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The largest message accepted, in bytes of XML outside its attachment payloads: a larger one
/// stops the import with an [`ImportError`] (messages read before it stay loaded).
pub const MAX_MESSAGE_BYTES: usize = 16 << 20;

/// Reads edXML packages and status messages into `tracker` (see the module documentation).
///
/// # Example
/// ```
/// use lienthong::ingest::edxml::import_edxml;
/// let xml = r#"<edXML><edXMLEnvelope><edXMLHeader><MessageHeader>
///   <From><OrganId>000.00.00.H41</OrganId></From>
///   <ResponseFor><DocumentId>000.00.00.G22,2024/03/05,12/VPCP-TH</DocumentId></ResponseFor>
///   <StatusCode>03</StatusCode><Timestamp>2024/03/05 10:05:00</Timestamp>
/// </MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"#;
/// let mut t = lienthong::Tracker::default();
/// let report = import_edxml(&mut t, xml.as_bytes()).unwrap();
/// assert_eq!(report.accepted, 1); // an `accepted` at 000.00.00.H41
/// ```
pub fn import_edxml(tracker: &mut Tracker, input: &[u8]) -> Result<IngestReport, ImportError> {
    super::import::import_all(&mut EdxmlImporter::new(), tracker, input)
}

/// The elements the importer looks at, by local name (ASCII case ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    EdXml,
    MessageHeader,
    From,
    To,
    OrganId,
    OrganName,
    DocumentId,
    Code,
    CodeNumber,
    CodeNotation,
    PromulgationInfo,
    PromulgationDate,
    DocumentType,
    TypeName,
    Subject,
    DueDate,
    OtherInfo,
    Priority,
    ResponseFor,
    StatusCode,
    Description,
    Timestamp,
    StaffInfo,
    Staff,
    TraceHeaderList,
    TraceHeader,
    Business,
    BusinessDocType,
    Signature,
    SignatureValue,
    DigitalSignature,
    ContentTransferEncoded,
    Other,
}

/// Local names of [`Tag`]s, lower-cased; `bussiness` is the SDK's spelling, `business` is
/// accepted too.
const TAGS: [(&str, Tag); 34] = [
    ("edxml", Tag::EdXml),
    ("messageheader", Tag::MessageHeader),
    ("from", Tag::From),
    ("to", Tag::To),
    ("organid", Tag::OrganId),
    ("organname", Tag::OrganName),
    ("documentid", Tag::DocumentId),
    ("code", Tag::Code),
    ("codenumber", Tag::CodeNumber),
    ("codenotation", Tag::CodeNotation),
    ("promulgationinfo", Tag::PromulgationInfo),
    ("promulgationdate", Tag::PromulgationDate),
    ("documenttype", Tag::DocumentType),
    ("typename", Tag::TypeName),
    ("subject", Tag::Subject),
    ("duedate", Tag::DueDate),
    ("otherinfo", Tag::OtherInfo),
    ("priority", Tag::Priority),
    ("responsefor", Tag::ResponseFor),
    ("statuscode", Tag::StatusCode),
    ("description", Tag::Description),
    ("timestamp", Tag::Timestamp),
    ("staffinfo", Tag::StaffInfo),
    ("staff", Tag::Staff),
    ("traceheaderlist", Tag::TraceHeaderList),
    ("traceheader", Tag::TraceHeader),
    ("bussiness", Tag::Business),
    ("business", Tag::Business),
    ("bussinessdoctype", Tag::BusinessDocType),
    ("businessdoctype", Tag::BusinessDocType),
    ("signature", Tag::Signature),
    ("signaturevalue", Tag::SignatureValue),
    ("digitalsignature", Tag::DigitalSignature),
    ("contenttransferencoded", Tag::ContentTransferEncoded),
];

impl Tag {
    /// The tag of a local name, ASCII case ignored (a table, not a `match`: the same speed here,
    /// and a smaller package).
    fn of(local: &[u8]) -> Tag {
        let mut buf = [0u8; 24];
        let Some(lower) = buf.get_mut(..local.len()) else { return Tag::Other };
        lower.copy_from_slice(local);
        lower.make_ascii_lowercase();
        TAGS.iter().find(|(n, _)| n.as_bytes() == &*lower).map_or(Tag::Other, |&(_, t)| t)
    }
}

/// Where the text of an element goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    FromId,
    FromName,
    ToId,
    ToName,
    DocumentId,
    Code,
    CodeNumber,
    CodeNotation,
    PromulgationDate,
    TypeName,
    Subject,
    DueDate,
    Priority,
    ResponseOrg,
    ResponseCode,
    ResponseDate,
    ResponseDocumentId,
    StatusCode,
    Description,
    Timestamp,
    Staff,
    HopOrg,
    HopTime,
    BusinessType,
    BusinessStaff,
    SignatureValue,
    DigitalSignature,
}

impl Slot {
    /// The slot of the innermost element of `stack` (a message's open elements), by its
    /// parents; `None` for an element whose text is not read.
    fn of(stack: &[Tag]) -> Option<Slot> {
        use Tag as T;
        let at = |back: usize| stack.len().checked_sub(back + 1).map_or(T::Other, |i| stack[i]);
        Some(match (at(2), at(1), at(0)) {
            (T::MessageHeader, T::From, T::OrganId) => Slot::FromId,
            (T::MessageHeader, T::From, T::OrganName) => Slot::FromName,
            (T::MessageHeader, T::To, T::OrganId) => Slot::ToId,
            (T::MessageHeader, T::To, T::OrganName) => Slot::ToName,
            (_, T::MessageHeader, T::DocumentId) => Slot::DocumentId,
            (_, T::MessageHeader, T::Code) => Slot::Code,
            (T::MessageHeader, T::Code, T::CodeNumber) => Slot::CodeNumber,
            (T::MessageHeader, T::Code, T::CodeNotation) => Slot::CodeNotation,
            (T::MessageHeader, T::PromulgationInfo, T::PromulgationDate) => Slot::PromulgationDate,
            (T::MessageHeader, T::DocumentType, T::TypeName) => Slot::TypeName,
            (_, T::MessageHeader, T::Subject) => Slot::Subject,
            (_, T::MessageHeader, T::DueDate) => Slot::DueDate,
            (T::MessageHeader, T::OtherInfo, T::Priority) => Slot::Priority,
            (T::MessageHeader, T::ResponseFor, T::OrganId) => Slot::ResponseOrg,
            (T::MessageHeader, T::ResponseFor, T::Code) => Slot::ResponseCode,
            (T::MessageHeader, T::ResponseFor, T::PromulgationDate) => Slot::ResponseDate,
            (T::MessageHeader, T::ResponseFor, T::DocumentId) => Slot::ResponseDocumentId,
            (_, T::MessageHeader, T::StatusCode) => Slot::StatusCode,
            (_, T::MessageHeader, T::Description) => Slot::Description,
            (_, T::MessageHeader, T::Timestamp) => Slot::Timestamp,
            (T::MessageHeader, T::StaffInfo, T::Staff) => Slot::Staff,
            (T::TraceHeaderList, T::TraceHeader, T::OrganId) => Slot::HopOrg,
            (T::TraceHeaderList, T::TraceHeader, T::Timestamp) => Slot::HopTime,
            (T::TraceHeaderList, T::Business, T::BusinessDocType) => Slot::BusinessType,
            (T::Business, T::StaffInfo, T::Staff) => Slot::BusinessStaff,
            (_, T::Signature, T::SignatureValue) => Slot::SignatureValue,
            (_, _, T::DigitalSignature) => Slot::DigitalSignature,
            _ => return None,
        })
    }

    /// The element's name, as rejections give it.
    fn element(self) -> &'static str {
        match self {
            Slot::FromId | Slot::ToId | Slot::ResponseOrg | Slot::HopOrg => "OrganId",
            Slot::FromName | Slot::ToName => "OrganName",
            Slot::DocumentId | Slot::ResponseDocumentId => "DocumentId",
            Slot::Code | Slot::ResponseCode => "Code",
            Slot::CodeNumber => "CodeNumber",
            Slot::CodeNotation => "CodeNotation",
            Slot::PromulgationDate | Slot::ResponseDate => "PromulgationDate",
            Slot::TypeName => "TypeName",
            Slot::Subject => "Subject",
            Slot::DueDate => "DueDate",
            Slot::Priority => "Priority",
            Slot::StatusCode => "StatusCode",
            Slot::Description => "Description",
            Slot::Timestamp | Slot::HopTime => "Timestamp",
            Slot::Staff | Slot::BusinessStaff => "Staff",
            Slot::BusinessType => "BussinessDocType",
            Slot::SignatureValue => "SignatureValue",
            Slot::DigitalSignature => "DigitalSignature",
        }
    }
}

/// An element's text and the line of its start tag.
#[derive(Debug, Clone, Default)]
struct Text {
    value: String,
    line: u32,
}

/// The text of `t`, trimmed, when it is not blank.
fn value(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.value.trim()).filter(|v| !v.is_empty())
}

/// An organisation id: trimmed, not blank and not the literal `null` (seen on axis test traffic).
fn organ_id(t: &Option<Text>) -> Option<&str> {
    value(t).filter(|v| !v.eq_ignore_ascii_case("null"))
}

/// `From` or `To`.
#[derive(Debug, Default)]
struct Organ {
    id: Option<Text>,
    name: Option<Text>,
    line: u32,
}

/// A `TraceHeader`.
#[derive(Debug, Default)]
struct Hop {
    organ: Option<Text>,
    at: Option<Text>,
    line: u32,
}

impl Hop {
    fn organ_id(&self) -> Option<&str> {
        organ_id(&self.organ)
    }
}

/// A `ResponseFor`.
#[derive(Debug, Default)]
struct Response {
    organ: Option<Text>,
    code: Option<Text>,
    date: Option<Text>,
    document_id: Option<Text>,
    line: u32,
}

impl Response {
    /// The document it names: its `DocumentId`, else the id derived from `Code`, its date and
    /// `sender` (see [`derived_id`]).
    fn document(&self, sender: Option<&str>) -> Option<String> {
        if let Some(d) = value(&self.document_id) {
            return Some(d.to_string());
        }
        Some(derived_id(sender?, value(&self.date), value(&self.code)?))
    }
}

/// The id of a document without a `DocumentId`: the SDK's own convention
/// `<sender OrganId>,<PromulgationDate>,<number/notation>`, or `<sender>,<number/notation>`
/// when the date is missing, so that two agencies' `123/UBND-VP` stay distinct.
fn derived_id(sender: &str, date: Option<&str>, code: &str) -> String {
    match date {
        Some(d) => format!("{sender},{d},{code}"),
        None => format!("{sender},{code}"),
    }
}

/// Everything read from one `edXML` element.
#[derive(Debug, Default)]
struct Message {
    line: u32,
    header_line: Option<u32>,
    trace_line: Option<u32>,
    from: Option<Organ>,
    to: Vec<Organ>,
    document_id: Option<Text>,
    code: Option<Text>,
    code_number: Option<Text>,
    code_notation: Option<Text>,
    promulgation_date: Option<Text>,
    type_name: Option<Text>,
    subject: Option<Text>,
    due: Option<Text>,
    priority: Option<Text>,
    responses: Vec<Response>,
    status: Option<Text>,
    description: Option<Text>,
    timestamp: Option<Text>,
    staff: Option<Text>,
    hops: Vec<Hop>,
    business_type: Option<Text>,
    business_staff: Option<Text>,
    signed: bool,
    /// The first element that could not be read: its line, name and what is wrong. The whole
    /// message is rejected.
    fault: Option<(u32, &'static str, String)>,
}

impl Message {
    /// Stores the text of `slot` (the first value of a field that should appear once wins).
    fn set(&mut self, slot: Slot, text: Text) {
        // The field first, then one store: a store per arm would be repeated 25 times.
        let field = match slot {
            Slot::FromId => self.from.as_mut().map(|o| &mut o.id),
            Slot::FromName => self.from.as_mut().map(|o| &mut o.name),
            Slot::ToId => self.to.last_mut().map(|o| &mut o.id),
            Slot::ToName => self.to.last_mut().map(|o| &mut o.name),
            Slot::DocumentId => Some(&mut self.document_id),
            Slot::Code => Some(&mut self.code),
            Slot::CodeNumber => Some(&mut self.code_number),
            Slot::CodeNotation => Some(&mut self.code_notation),
            Slot::PromulgationDate => Some(&mut self.promulgation_date),
            Slot::TypeName => Some(&mut self.type_name),
            Slot::Subject => Some(&mut self.subject),
            Slot::DueDate => Some(&mut self.due),
            Slot::Priority => Some(&mut self.priority),
            Slot::ResponseOrg => self.responses.last_mut().map(|r| &mut r.organ),
            Slot::ResponseCode => self.responses.last_mut().map(|r| &mut r.code),
            Slot::ResponseDate => self.responses.last_mut().map(|r| &mut r.date),
            Slot::ResponseDocumentId => self.responses.last_mut().map(|r| &mut r.document_id),
            Slot::StatusCode => Some(&mut self.status),
            Slot::Description => Some(&mut self.description),
            Slot::Timestamp => Some(&mut self.timestamp),
            Slot::Staff => Some(&mut self.staff),
            Slot::HopOrg => self.hops.last_mut().map(|h| &mut h.organ),
            Slot::HopTime => self.hops.last_mut().map(|h| &mut h.at),
            Slot::BusinessType => Some(&mut self.business_type),
            Slot::BusinessStaff => Some(&mut self.business_staff),
            Slot::SignatureValue | Slot::DigitalSignature => {
                self.signed |= !text.value.trim().is_empty();
                None
            }
        };
        if let Some(field @ None) = field {
            *field = Some(text);
        }
    }

    /// Records the first fault.
    fn fail(&mut self, line: u32, element: &'static str, message: String) {
        if self.fault.is_none() {
            self.fault = Some((line, element, message));
        }
    }

    /// Opens the record of a structural element.
    fn open(&mut self, parent: Tag, tag: Tag, line: u32) {
        match (parent, tag) {
            (Tag::MessageHeader, Tag::From) if self.from.is_none() => {
                self.from = Some(Organ { line, ..Organ::default() })
            }
            (Tag::MessageHeader, Tag::To) => self.to.push(Organ { line, ..Organ::default() }),
            (Tag::MessageHeader, Tag::ResponseFor) => self.responses.push(Response { line, ..Response::default() }),
            (Tag::TraceHeaderList, Tag::TraceHeader) => self.hops.push(Hop { line, ..Hop::default() }),
            (_, Tag::MessageHeader) if self.header_line.is_none() => self.header_line = Some(line),
            (_, Tag::TraceHeaderList) if self.trace_line.is_none() => self.trace_line = Some(line),
            (Tag::DigitalSignature, _) => self.signed = true,
            _ => {}
        }
    }
}

/// The text being collected for a slot.
#[derive(Debug)]
struct Capture {
    slot: Slot,
    line: u32,
    /// Depth of the element in the message's stack.
    depth: usize,
    bytes: Vec<u8>,
    /// Set when the text cannot be kept (too long, an unknown entity).
    fault: Option<String>,
}

impl Capture {
    fn push(&mut self, b: &[u8]) {
        if self.fault.is_some() {
            return;
        }
        if self.bytes.len() + b.len() > MAX_FIELD_BYTES {
            self.fault = Some(format!("the text is longer than {MAX_FIELD_BYTES} bytes, the limit"));
            self.bytes = Vec::new();
            return;
        }
        self.bytes.extend_from_slice(b);
    }

    /// A reference `&name;` in the text: the five predefined entities and character references.
    fn push_ref(&mut self, name: &[u8], resolved: Option<char>) {
        let c = resolved.or(match name {
            b"amp" => Some('&'),
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"quot" => Some('"'),
            b"apos" => Some('\''),
            _ => None,
        });
        match c {
            Some(c) => self.push(c.encode_utf8(&mut [0; 4]).as_bytes()),
            None if self.fault.is_none() => {
                let name = shown(&name[..name.len().min(40)]);
                self.fault =
                    Some(format!("unknown entity &{name}; (only &amp; &lt; &gt; &quot; &apos; and &#…; are read)"));
            }
            None => {}
        }
    }

    fn finish(self, m: &mut Message) {
        let element = self.slot.element();
        if let Some(f) = self.fault {
            return m.fail(self.line, element, f);
        }
        match String::from_utf8(self.bytes) {
            Ok(value) => m.set(self.slot, Text { value, line: self.line }),
            Err(_) => m.fail(self.line, element, "not UTF-8 text (edXML is UTF-8)".into()),
        }
    }
}

/// Bytes quoted in a message: their text up to the first byte that is not UTF-8 (a character
/// cut by a length limit, or another encoding; a lossy conversion would cost the package more
/// than it tells).
fn shown(b: &[u8]) -> &str {
    match std::str::from_utf8(b) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// The length of the whitespace and byte-order marks (files concatenated with theirs) that
/// `t` starts with.
fn blank_prefix(t: &[u8]) -> usize {
    let mut rest = t;
    while let Some(&c) = rest.first() {
        rest = match rest.strip_prefix(BOM) {
            Some(r) => r,
            None if c.is_ascii_whitespace() => &rest[1..],
            None => break,
        };
    }
    t.len() - rest.len()
}

/// Newlines in `b` (counted in byte lanes, 128 bytes at a time: an attachment's lines are
/// counted as it streams past).
fn newlines(b: &[u8]) -> u32 {
    b.chunks(128).map(|c| u32::from(c.iter().map(|&x| u8::from(x == b'\n')).sum::<u8>())).sum()
}

/// Line numbers of positions in a buffer, counted forward; `gaps` are `(offset, lines)` of
/// attachment text dropped before `offset`.
struct Lines<'a> {
    buf: &'a [u8],
    gaps: &'a [(usize, u32)],
    pos: usize,
    line: u32,
    gap: usize,
}

impl Lines<'_> {
    /// The line of position `to` (at or after the last position asked).
    fn at(&mut self, to: usize) -> u32 {
        let to = to.min(self.buf.len());
        if to > self.pos {
            self.line += newlines(&self.buf[self.pos..to]);
            self.pos = to;
        }
        while self.gap < self.gaps.len() && self.gaps[self.gap].0 <= to {
            self.line += self.gaps[self.gap].1;
            self.gap += 1;
        }
        self.line
    }
}

/// The next `<edXML` start tag in `b` (where reading starts again after malformed XML).
fn find_message_start(b: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"<edXML";
    let mut from = 0;
    while let Some(i) = b[from..].iter().position(|&c| c == b'<').map(|i| from + i) {
        let after = b.get(i + NAME.len());
        if b.len() >= i + NAME.len()
            && b[i..i + NAME.len()].eq_ignore_ascii_case(NAME)
            && after.is_some_and(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
        {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// How much of a resync search must stay for the next chunk: `<edXML` and the byte after it.
const RESYNC_TAIL: usize = 7;

/// Where reading stands between two messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Outside any element.
    Top,
    /// Inside a list of messages.
    List,
}

/// What the importer does with the next bytes before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    None,
    /// Inside an attachment payload: drop bytes up to the next `<`.
    Payload,
    /// After malformed XML: drop bytes up to the next `<edXML`.
    Resync,
}

/// A point where reading can start again: between messages.
#[derive(Debug, Clone, Copy)]
struct Safe {
    at: usize,
    line: u32,
    place: Place,
}

/// The end of one parse of a buffer.
struct Outcome {
    /// Where the next parse starts (bytes before it are done with).
    safe: Safe,
    /// Set when the buffer ends inside an attachment payload (its start) or in a resync search.
    skip: Skip,
    payload_from: usize,
    fatal: Option<ImportError>,
}

/// The elements open in a parse run, outside and inside a message.
#[derive(Default)]
struct Open {
    msg: Option<Box<Message>>,
    /// The message's open elements (`stack[0]` its root), and their names as written (one
    /// buffer; `name_starts[i]` where element `i`'s name begins).
    stack: Vec<Tag>,
    names: Vec<u8>,
    name_starts: Vec<usize>,
    capture: Option<Capture>,
    msg_start: usize,
    /// Start of the attachment payload being read, and payload bytes of this message so far.
    payload: Option<usize>,
    payload_bytes: usize,
    /// Where the text being read starts (the end of the last markup).
    text_from: usize,
    /// An unknown root element whose first child has not been seen: its name and line.
    root: Option<(String, u32)>,
    /// Non-blank text outside any message, reported once the text is complete.
    stray: Option<(u32, String)>,
}

/// Reads edXML pushed in chunks cut anywhere (see the module documentation).
#[derive(Debug)]
pub struct EdxmlImporter {
    staging: Staging,
    /// Organisations and their `OrganName`, to name the units that have no name yet.
    names: Vec<(String, String)>,
    /// Bytes from the last point between messages, not yet read to a message's end.
    pending: Vec<u8>,
    gaps: Vec<(usize, u32)>,
    /// Line of `pending[0]`.
    line: u32,
    place: Place,
    skip: Skip,
    /// `pending` is parsed again once it holds this many bytes (a message cut by chunks).
    retry_at: usize,
    progress: Progress,
    found_message: bool,
    /// Whether `pending` (or the chunk read in place) starts at the first byte of the input.
    at_start: bool,
    first_root: Option<(String, u32)>,
    done: bool,
}

impl Default for EdxmlImporter {
    fn default() -> Self {
        EdxmlImporter::new()
    }
}

/// A message cut by a chunk boundary is parsed again once at least this much more arrived.
const MIN_RETRY_BYTES: usize = 4096;

impl EdxmlImporter {
    /// An importer at the start of its input.
    pub fn new() -> EdxmlImporter {
        EdxmlImporter {
            staging: Staging::new(),
            names: Vec::new(),
            pending: Vec::new(),
            gaps: Vec::new(),
            line: 1,
            place: Place::Top,
            skip: Skip::None,
            retry_at: 0,
            progress: Progress::default(),
            found_message: false,
            first_root: None,
            done: false,
            at_start: true,
        }
    }

    /// Reads `data` after what was pushed before; `last` at the end of the input.
    fn feed(&mut self, tracker: &mut Tracker, mut data: &[u8], last: bool) -> Result<(), ImportError> {
        match self.skip {
            Skip::None => {}
            Skip::Payload => match data.iter().position(|&b| b == b'<') {
                None => {
                    self.add_gap(newlines(data));
                    if !last {
                        return Ok(());
                    }
                    data = &[];
                }
                Some(i) => {
                    self.add_gap(newlines(&data[..i]));
                    data = &data[i..];
                    self.skip = Skip::None;
                    self.retry_at = 0;
                }
            },
            Skip::Resync => {
                self.pending.extend_from_slice(data);
                data = &[];
                let cut = match find_message_start(&self.pending) {
                    Some(i) => {
                        self.skip = Skip::None;
                        self.retry_at = 0;
                        i
                    }
                    None => self.pending.len().saturating_sub(RESYNC_TAIL),
                };
                self.line += newlines(&self.pending[..cut]);
                self.pending.drain(..cut);
                self.at_start &= cut == 0;
                if self.skip == Skip::Resync {
                    if last {
                        self.pending.clear();
                    }
                    return Ok(());
                }
            }
        }
        let zone = tracker.options().time_zone;
        if self.pending.is_empty() && self.gaps.is_empty() {
            // The usual case, and every one-shot import: read the chunk where it lies.
            let out = self.parse(tracker, data, last, zone);
            let tail = self.settle(tracker, data, out)?;
            self.pending.extend_from_slice(&data[tail]);
        } else {
            self.pending.extend_from_slice(data);
            if !last && self.pending.len() < self.retry_at {
                return Ok(());
            }
            let mut buf = std::mem::take(&mut self.pending);
            let out = self.parse(tracker, &buf, last, zone);
            let tail = self.settle(tracker, &buf, out)?;
            buf.truncate(tail.end);
            buf.drain(..tail.start);
            self.pending = buf;
        }
        if !last && self.skip == Skip::None {
            self.retry_at = (2 * self.pending.len()).max(self.pending.len() + MIN_RETRY_BYTES);
        }
        Ok(())
    }

    /// Records `lines` of attachment text dropped at the end of `pending`.
    fn add_gap(&mut self, lines: u32) {
        let at = self.pending.len();
        match self.gaps.last_mut() {
            Some(g) if g.0 == at => g.1 += lines,
            _ => self.gaps.push((at, lines)),
        }
    }

    /// Takes in the outcome of a parse of `buf`: the part of `buf` to keep for the next one.
    fn settle(
        &mut self,
        tracker: &mut Tracker,
        buf: &[u8],
        out: Outcome,
    ) -> Result<std::ops::Range<usize>, ImportError> {
        if let Some(e) = out.fatal {
            self.done = true;
            self.load(tracker);
            return Err(e);
        }
        let Safe { at, line, place } = out.safe;
        self.at_start &= at == 0;
        self.line = line;
        self.place = place;
        self.skip = out.skip;
        let end = if out.skip == Skip::Payload { out.payload_from } else { buf.len() };
        if out.skip == Skip::Resync {
            // The resync search drops bytes from the front: its lines are counted in `line`.
            self.line += self.gaps.drain(..).filter(|g| g.0 > at).map(|g| g.1).sum::<u32>();
        }
        // Gaps before the safe point are counted in its line.
        let mut gaps: Vec<(usize, u32)> = self.gaps.drain(..).filter(|g| g.0 > at && g.0 <= end).collect();
        for g in &mut gaps {
            g.0 -= at;
        }
        self.gaps = gaps;
        if out.skip == Skip::Payload {
            let lines = newlines(&buf[end..]);
            self.gaps.push((end - at, lines));
        }
        Ok(at..end)
    }

    /// Loads the staged rows, then names the units they created from `OrganName`.
    fn load(&mut self, tracker: &mut Tracker) {
        self.staging.load(tracker);
        if self.names.is_empty() {
            return;
        }
        let units = &tracker.store().units;
        let mut named = std::mem::take(&mut self.names);
        named.retain(|(id, _)| units.find(id).is_some_and(|u| units.name[u.index()].is_none()));
        // Backwards, so that the first name given to a unit is the one it keeps (no sort or
        // hash set: they would cost the package more than the repeated upserts cost here).
        if !named.is_empty() {
            tracker.add_units(named.iter().rev().map(|(id, name)| UnitRecord {
                id: id.as_str(),
                name: Some(name.as_str()),
                ..UnitRecord::default()
            }));
        }
    }

    /// Reads the messages of `buf`, from the last safe point; see [`Outcome`].
    fn parse(&mut self, tracker: &mut Tracker, buf: &[u8], last: bool, zone: TimeZone) -> Outcome {
        let gaps = std::mem::take(&mut self.gaps);
        let mut lines = Lines { buf, gaps: &gaps, pos: 0, line: self.line, gap: 0 };
        let mut safe = Safe { at: 0, line: self.line, place: self.place };
        if self.at_start && (buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF])) {
            let e = ImportError::new("UTF-16 text is not read: save the file as UTF-8, the encoding of edXML");
            self.gaps = gaps;
            return Outcome { safe, skip: Skip::None, payload_from: 0, fatal: Some(e.at_line(1)) };
        }
        let mut start = 0;
        let outcome = 'readers: loop {
            // Byte-order marks are skipped here, never by the reader: it would leave one out of
            // the positions it reports, which must be positions in `buf`. All of them (files
            // concatenated with theirs): the reader skips one at its start by itself.
            while buf[start..].starts_with(BOM) {
                start += BOM.len();
            }
            let mut reader = Reader::from_reader(&buf[start..]);
            let config = reader.config_mut();
            config.check_end_names = false;
            config.allow_unmatched_ends = true;
            config.allow_dangling_amp = true;
            let mut open = Open::default();
            loop {
                let pos = start + reader.buffer_position() as usize;
                let event = reader.read_event();
                let end = start + reader.buffer_position() as usize;
                if !matches!(event, Ok(Event::Text(_) | Event::GeneralRef(_)) | Err(_)) {
                    open.text_from = end;
                }
                let outside = open.msg.is_none() && open.root.is_none();
                if outside && !matches!(event, Ok(Event::Text(_) | Event::GeneralRef(_) | Event::Eof) | Err(_)) {
                    // A point between messages: what came before is done with.
                    self.report_stray(&mut open);
                    safe = Safe { at: pos, line: lines.at(pos), place: safe.place };
                }
                // Malformed XML (where, what), and where to look for the next message from.
                let mut malformed: Option<(usize, String)> = None;
                let mut restart: Option<usize> = None;
                let empty = matches!(event, Ok(Event::Empty(_)));
                match event {
                    Ok(Event::Start(e) | Event::Empty(e)) => {
                        restart = self.start(tracker, &mut open, &mut safe, &mut lines, &e, pos, end, empty, zone);
                    }
                    Ok(Event::End(e)) => {
                        // End tags are matched here, within a message only: the reader
                        // may start between two messages of a list, whose start it never saw.
                        let top = open.name_starts.last().map(|&i| &open.names[i..]);
                        if let Some(expected) = top.filter(|n| *n != e.name().as_ref()) {
                            let what = format!(
                                "not well-formed XML: expected `</{}>`, but `</{}>` was found",
                                shown(expected),
                                shown(e.name().as_ref())
                            );
                            malformed = Some((pos, what));
                        } else if let Some(fatal) = self.end(tracker, &mut open, &mut safe, &mut lines, pos, end, zone)
                        {
                            break 'readers Outcome { safe, skip: Skip::None, payload_from: 0, fatal: Some(fatal) };
                        }
                    }
                    Ok(Event::Text(t)) => match (&mut open.capture, open.msg.is_some()) {
                        (Some(c), _) => c.push(&t),
                        (None, true) => {}
                        (None, false) => {
                            // Its first 64 bytes from the first that is not blank, wherever a
                            // chunk cut the blanks before it.
                            let lead = blank_prefix(&t);
                            if open.root.is_none() && lead < t.len() {
                                let line = lines.at(pos + lead);
                                let text = &mut open.stray.get_or_insert((line, String::new())).1;
                                if text.len() < 64 {
                                    text.push_str(shown(&t[lead..t.len().min(lead + 64 - text.len())]));
                                }
                            }
                        }
                    },
                    Ok(Event::CData(t)) => {
                        if let Some(c) = &mut open.capture {
                            c.push(&t);
                        }
                    }
                    Ok(Event::GeneralRef(r)) => {
                        if let Some(c) = &mut open.capture {
                            // quick-xml's `resolve_char_ref` without its error type.
                            let num = r.strip_prefix(b"#").and_then(|n| std::str::from_utf8(n).ok());
                            c.push_ref(&r, num.and_then(|n| super::xes::char_ref(n).ok()));
                        }
                    }
                    Ok(Event::Eof) => break 'readers self.eof(&mut open, buf, last, None, &mut lines, safe),
                    Ok(_) => {}
                    Err(XmlError::Syntax(e)) => {
                        // The input ends inside markup: read again with more bytes, or (at the
                        // end) the input is truncated.
                        break 'readers self.eof(&mut open, buf, last, Some(e), &mut lines, safe);
                    }
                    Err(e) => {
                        let at = start + reader.error_position() as usize;
                        malformed = Some((at.max(pos), format!("not well-formed XML: {}", xml_error(&e))));
                    }
                }
                if let Some((at, what)) = malformed {
                    // The message is not read.
                    let line = lines.at(at);
                    match &open.msg {
                        Some(m) => {
                            let msg = format!("{what}; the message opened at line {} is not read", m.line);
                            self.progress.rows += 1;
                            self.staging.reject_element(line, "edXML", true, msg);
                        }
                        None => self.staging.reject_element(line, "", false, what),
                    }
                    restart = Some(at + 1);
                }
                if let Some(from) = restart {
                    // Reading starts again at the next `<edXML`, with a new reader.
                    match Self::resync(buf, from, &mut lines, &mut safe) {
                        Some(next) => {
                            start = next;
                            continue 'readers;
                        }
                        None => break 'readers Self::resync_outcome(buf, from, last, &mut lines, safe),
                    }
                }
            }
        };
        self.gaps = gaps;
        outcome
    }

    /// Reports the text found outside any message.
    fn report_stray(&mut self, open: &mut Open) {
        if let Some((line, text)) = open.stray.take() {
            let shown: String =
                text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars().take(40).collect();
            let message = if shown.is_empty() {
                "bytes outside any element, not UTF-8 text, are not read".to_string()
            } else {
                format!("text outside any element is not read: {shown:?}")
            };
            self.staging.warn_element(line, "", message);
        }
    }

    /// A start tag (`empty`: a self-closing one). Returns the position to search for the next
    /// message from when the element is not read (an unknown root).
    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        tracker: &mut Tracker,
        open: &mut Open,
        safe: &mut Safe,
        lines: &mut Lines<'_>,
        e: &BytesStart<'_>,
        pos: usize,
        end: usize,
        empty: bool,
        zone: TimeZone,
    ) -> Option<usize> {
        let tag = Tag::of(e.local_name().as_ref());
        if let Some(m) = &mut open.msg {
            let line = lines.at(pos);
            let parent = open.stack.last().copied().unwrap_or(Tag::Other);
            open.stack.push(tag);
            open.name_starts.push(open.names.len());
            open.names.extend_from_slice(e.name().as_ref());
            m.open(parent, tag, line);
            // An element with children is not a text: `Code` holds `CodeNumber` and
            // `CodeNotation` in a package, its text only in `ResponseFor`. Mixed content
            // (text, then an element) stays one text.
            if open
                .capture
                .as_ref()
                .is_some_and(|c| c.slot != Slot::DigitalSignature && c.bytes.iter().all(u8::is_ascii_whitespace))
            {
                open.capture = None;
            }
            match &open.capture {
                Some(c) if c.slot == Slot::DigitalSignature => m.signed = true,
                Some(_) => {}
                None => {
                    if let Some(slot) = Slot::of(&open.stack) {
                        open.capture =
                            Some(Capture { slot, line, depth: open.stack.len(), bytes: Vec::new(), fault: None });
                    }
                }
            }
            if tag == Tag::ContentTransferEncoded && !empty {
                open.payload = Some(end);
            }
            if empty {
                self.close(tracker, open, safe, lines, end, zone);
            }
            return None;
        }
        let line = lines.at(pos);
        if tag == Tag::EdXml {
            if open.root.take().is_some() {
                // A list of messages: its first child is one.
                *safe = Safe { at: pos, line, place: Place::List };
            }
            self.found_message = true;
            open.msg = Some(Box::new(Message { line, ..Message::default() }));
            open.stack.clear();
            open.stack.push(tag);
            open.names.clear();
            open.name_starts.clear();
            open.name_starts.push(0);
            open.names.extend_from_slice(e.name().as_ref());
            open.msg_start = pos;
            open.payload_bytes = 0;
            if empty {
                self.close(tracker, open, safe, lines, end, zone);
            }
            return None;
        }
        let name = shown(e.local_name().as_ref()).to_string();
        match open.root.take() {
            // The first child of an unknown root decides: this one is not a message.
            Some((root, root_line)) => {
                self.reject_root(&root, root_line);
                Some(pos)
            }
            None if safe.place == Place::List => {
                self.progress.rows += 1;
                let message = format!("<{name}> in a list of edXML messages is not a message: not read");
                self.staging.reject_element(line, &name, true, message);
                Some(end)
            }
            None if empty => {
                self.reject_root(&name, line);
                *safe = Safe { at: end, line: lines.at(end), place: safe.place };
                None
            }
            None => {
                self.first_root.get_or_insert_with(|| (name.clone(), line));
                open.root = Some((name, line));
                None
            }
        }
    }

    /// Rejects a root element that is neither a message nor a list of them.
    fn reject_root(&mut self, name: &str, line: u32) {
        self.first_root.get_or_insert_with(|| (name.to_string(), line));
        self.progress.rows += 1;
        let message = format!(
            "unknown root element <{name}>: expected <edXML> (a document package or a status message) or a list of them"
        );
        self.staging.reject_element(line, name, true, message);
    }

    /// An end tag. Returns an error that stops the import (a message over the size limit).
    #[allow(clippy::too_many_arguments)]
    fn end(
        &mut self,
        tracker: &mut Tracker,
        open: &mut Open,
        safe: &mut Safe,
        lines: &mut Lines<'_>,
        pos: usize,
        end: usize,
        zone: TimeZone,
    ) -> Option<ImportError> {
        if open.msg.is_some() {
            if open.stack.last() == Some(&Tag::ContentTransferEncoded) {
                if let Some(p) = open.payload.take() {
                    open.payload_bytes += pos - p;
                }
            }
            return self.close(tracker, open, safe, lines, end, zone);
        }
        if let Some((root, line)) = open.root.take() {
            // An unknown root without child elements.
            self.reject_root(&root, line);
        } else if safe.place == Place::List {
            // The end of a list of messages.
            safe.place = Place::Top;
        }
        *safe = Safe { at: end, line: lines.at(end), place: safe.place };
        None
    }

    /// Closes the innermost element of the message; at the message's end, stages it.
    fn close(
        &mut self,
        tracker: &mut Tracker,
        open: &mut Open,
        safe: &mut Safe,
        lines: &mut Lines<'_>,
        end: usize,
        zone: TimeZone,
    ) -> Option<ImportError> {
        let m = open.msg.as_mut()?;
        if open.capture.as_ref().is_some_and(|c| c.depth == open.stack.len()) {
            if let Some(c) = open.capture.take() {
                c.finish(m);
            }
        }
        open.stack.pop();
        if let Some(i) = open.name_starts.pop() {
            open.names.truncate(i);
        }
        if !open.stack.is_empty() {
            return None;
        }
        let m = open.msg.take()?;
        let size = end - open.msg_start - open.payload_bytes;
        if size > MAX_MESSAGE_BYTES {
            return Some(too_large(m.line));
        }
        self.commit(tracker, *m, zone);
        *safe = Safe { at: end, line: lines.at(end), place: safe.place };
        None
    }

    /// The end of the buffer, `inside` markup or not: a message still open is truncated
    /// (`last`) or waits for more.
    fn eof(
        &mut self,
        open: &mut Open,
        buf: &[u8],
        last: bool,
        inside: Option<SyntaxError>,
        lines: &mut Lines<'_>,
        safe: Safe,
    ) -> Outcome {
        let mut out = Outcome { safe, skip: Skip::None, payload_from: 0, fatal: None };
        if !last {
            if let Some(m) = &open.msg {
                let payload = open.payload.map_or(0, |p| buf.len() - p);
                if buf.len() - open.msg_start - open.payload_bytes - payload > MAX_MESSAGE_BYTES {
                    out.fatal = Some(too_large(m.line));
                } else if open.stack.last() == Some(&Tag::ContentTransferEncoded) && inside.is_none() {
                    // The buffer ends in the payload's text (not in markup): what follows up to
                    // the next `<` is dropped as it arrives.
                    out.skip = Skip::Payload;
                    out.payload_from = open.text_from;
                }
            } else if open.root.is_none() && open.stray.is_none() && inside.is_none() {
                out.safe = Safe { at: buf.len(), line: lines.at(buf.len()), place: safe.place };
            } else if buf.len() - safe.at > MAX_MESSAGE_BYTES {
                // An unknown root or text that does not end: nothing to read in it.
                let e = ImportError::new(format!(
                    "no edXML message within {} MiB: not an edXML file",
                    MAX_MESSAGE_BYTES >> 20
                ));
                out.fatal = Some(e.at_line(safe.line as usize));
            }
            return out;
        }
        self.report_stray(open);
        let truncated = open.msg.is_some() || open.root.is_some();
        if let Some(m) = open.msg.take() {
            self.progress.rows += 1;
            let message =
                format!("the input ends inside the message opened at line {} (truncated): it is not read", m.line);
            self.staging.reject_element(lines.at(buf.len()), "edXML", true, message);
        }
        if let Some((root, line)) = open.root.take() {
            self.reject_root(&root, line);
        }
        if let Some(e) = inside.filter(|_| !truncated) {
            let message = format!("the input ends inside {} (truncated)", unclosed(e));
            self.staging.reject_element(lines.at(buf.len()), "", false, message);
        }
        out.safe = Safe { at: buf.len(), line: lines.at(buf.len()), place: safe.place };
        out
    }

    /// After an element that is not read or malformed XML: the position of the next `<edXML`
    /// in `buf` from `from`, where a new reader starts. `None` when there is none in the buffer.
    fn resync(buf: &[u8], from: usize, lines: &mut Lines<'_>, safe: &mut Safe) -> Option<usize> {
        let from = from.min(buf.len());
        let next = from + find_message_start(&buf[from..])?;
        *safe = Safe { at: next, line: lines.at(next), place: safe.place };
        Some(next)
    }

    /// No `<edXML` after `from` in the buffer: wait for more input (searching on), or stop.
    fn resync_outcome(buf: &[u8], from: usize, last: bool, lines: &mut Lines<'_>, safe: Safe) -> Outcome {
        let at = if last { buf.len() } else { buf.len().saturating_sub(RESYNC_TAIL).max(from.min(buf.len())) };
        let safe = Safe { at, line: lines.at(at), place: safe.place };
        let skip = if last { Skip::None } else { Skip::Resync };
        Outcome { safe, skip, payload_from: 0, fatal: None }
    }

    /// Stages one complete message, or rejects it.
    fn commit(&mut self, tracker: &mut Tracker, m: Message, zone: TimeZone) {
        self.progress.rows += 1;
        if let Some((line, element, message)) = m.fault {
            self.staging.reject_element(line, element, true, message);
        } else if m.header_line.is_none() {
            let message = "no MessageHeader: neither a document package nor a status message";
            self.staging.reject_element(m.line, "MessageHeader", true, message);
        } else if m.status.is_some() {
            self.status(m, zone);
        } else {
            self.package(m, zone);
        }
        if self.staging.is_full() {
            self.load(tracker);
        }
    }

    /// Stages one row; a field over the size limit rejects it, naming the element.
    fn stage(&mut self, line: u32, fields: &[(Key, Option<&str>)]) {
        let staged = (|| -> Result<(), FieldTooLong> {
            self.staging.begin_row(line);
            for &(k, v) in fields {
                if let Some(v) = v {
                    self.staging.set(k, v)?;
                }
            }
            self.staging.end_row();
            Ok(())
        })();
        if let Err(e) = staged {
            let element = match e.key {
                Key::To => "To",
                Key::Number => "Code",
                Key::Document => "DocumentId",
                k => k.name(),
            };
            self.staging.reject_element(line, element, true, e.to_string());
        }
    }

    /// A time that must be read, or the rejection of its element.
    fn time(&mut self, t: &Text, counts_as_row: bool, zone: TimeZone) -> Option<()> {
        match parse_instant(&t.value, zone) {
            Ok(_) => Some(()),
            Err(e) => {
                let message = time_message(e, TimeValue::Text(t.value.trim()));
                self.staging.reject_element(t.line, "Timestamp", counts_as_row, message);
                None
            }
        }
    }

    /// Remembers an organisation's name for its unit.
    fn name(&mut self, o: &Organ) {
        if let (Some(id), Some(name)) = (organ_id(&o.id), value(&o.name)) {
            self.names.push((id.to_string(), name.to_string()));
        }
    }

    /// A document package.
    fn package(&mut self, m: Message, zone: TimeZone) {
        let line = m.header_line.unwrap_or(m.line);
        let Some(from) = m.from.as_ref().and_then(|o| organ_id(&o.id)) else {
            let at = m.from.as_ref().map_or(line, |o| o.line);
            let message = "no sender: From has no OrganId";
            return self.staging.reject_element(at, "From", true, message);
        };
        for o in m.to.iter().filter(|o| organ_id(&o.id).is_none()) {
            self.staging.warn_element(o.line, "To", "a recipient without OrganId is not read");
        }
        let recipients: Vec<&str> = m.to.iter().filter_map(|o| organ_id(&o.id)).collect();
        if recipients.is_empty() {
            return self.staging.reject_element(line, "To", true, "no recipient: no To has an OrganId");
        }
        if let Some(bad) = recipients.iter().find(|r| r.contains([';', '|'])) {
            let message = format!("recipient {bad:?} holds ';' or '|', which separate unit lists");
            return self.staging.reject_element(line, "To", true, message);
        }
        let number = match (value(&m.code_number), value(&m.code_notation)) {
            (Some(n), Some(s)) => format!("{n}/{s}"),
            (Some(x), None) | (None, Some(x)) => x.to_string(),
            (None, None) => match value(&m.code) {
                Some(c) => c.to_string(),
                None => {
                    let message = "no document number: Code has no CodeNumber nor CodeNotation";
                    return self.staging.reject_element(line, "Code", true, message);
                }
            },
        };
        // The send time: the sender's first trace, else the first trace that is not a
        // recipient's, else the first trace with a time.
        let org = Hop::organ_id;
        let send = m
            .hops
            .iter()
            .position(|h| h.at.is_some() && org(h) == Some(from))
            .or_else(|| m.hops.iter().position(|h| h.at.is_some() && !org(h).is_some_and(|o| recipients.contains(&o))))
            .or_else(|| m.hops.iter().position(|h| h.at.is_some()));
        let Some(send) = send else {
            let message = "no send time: no TraceHeader has a Timestamp";
            return self.staging.reject_element(m.trace_line.unwrap_or(line), "TraceHeaderList", true, message);
        };
        let sent_at = m.hops[send].at.as_ref().map(|t| t.value.trim()).unwrap_or_default();
        if let Some(t) = &m.hops[send].at {
            if self.time(t, true, zone).is_none() {
                return;
            }
        }
        let document = match value(&m.document_id) {
            Some(d) => d.to_string(),
            None => derived_id(from, value(&m.promulgation_date), &number),
        };
        let business = match value(&m.business_type) {
            None => 0,
            Some(b) => match b.parse::<u8>() {
                Ok(v @ 0..=3) => v,
                _ => {
                    let line = m.business_type.as_ref().map_or(line, |t| t.line);
                    let message = format!("unknown BussinessDocType {b:?}: read as a new document (0)");
                    self.staging.warn_element(line, "BussinessDocType", message);
                    0
                }
            },
        };
        if let Some(o) = &m.from {
            self.name(o);
        }
        for o in &m.to {
            self.name(o);
        }
        let actor = value(&m.business_staff);
        if business == 1 {
            // A revocation: the sender recalls the document it answers from every recipient.
            let target = m.responses.iter().find_map(|r| r.document(Some(from))).unwrap_or(document);
            for r in &recipients {
                self.stage(
                    line,
                    &[
                        (Key::Document, Some(&target)),
                        (Key::Unit, Some(from)),
                        (Key::Action, Some(KnownAction::Recalled.as_str())),
                        (Key::At, Some(sent_at)),
                        (Key::To, Some(r)),
                        (Key::Actor, actor),
                    ],
                );
            }
            return;
        }
        let due = match &m.due {
            Some(t) if !t.value.trim().is_empty() => match parse_instant(&t.value, zone) {
                Ok(_) => Some(t.value.trim()),
                Err(e) => {
                    let message = format!(
                        "{}; the document is read without it",
                        time_message(e, TimeValue::Text(t.value.trim()))
                    );
                    self.staging.reject_element(t.line, "DueDate", false, message);
                    None
                }
            },
            _ => None,
        };
        let urgency = match value(&m.priority) {
            None => None,
            Some(p) => match priority(p) {
                Some(u) => Some(u.as_str()),
                None => {
                    let line = m.priority.as_ref().map_or(line, |t| t.line);
                    let message = format!("unknown Priority {p:?}: expected 0–4; the document is read without it");
                    self.staging.reject_element(line, "Priority", false, message);
                    None
                }
            },
        };
        let doc_type = value(&m.type_name).map(|t| crate::model::text::fold_case(t).into_owned());
        let to = recipients.join(";");
        self.stage(
            line,
            &[
                (Key::Document, Some(&document)),
                (Key::Unit, Some(from)),
                (Key::Action, Some(KnownAction::Sent.as_str())),
                (Key::At, Some(sent_at)),
                (Key::To, Some(&to)),
                (Key::Due, due),
                (Key::Type, doc_type.as_deref()),
                (Key::Urgency, urgency),
                (Key::Number, Some(&number)),
                (Key::Subject, value(&m.subject)),
                (Key::Issuer, Some(from)),
                (Key::Signed, m.signed.then_some("true")),
                (Key::Format, Some("electronic")),
                (Key::Channel, Some("axis")),
                (Key::Actor, actor),
            ],
        );
        for (i, h) in m.hops.iter().enumerate() {
            if i == send {
                continue;
            }
            let Some(o) = org(h) else {
                self.staging.warn_element(h.line, "TraceHeader", "a TraceHeader without OrganId is not read");
                continue;
            };
            if o == from {
                let message = "a further TraceHeader of the sender is not read (its first one is the send)";
                self.staging.warn_element(h.line, "TraceHeader", message);
                continue;
            }
            let Some(at) = &h.at else {
                let message = format!("the TraceHeader of {o:?} has no Timestamp: not read");
                self.staging.warn_element(h.line, "TraceHeader", message);
                continue;
            };
            if self.time(at, true, zone).is_none() {
                continue;
            }
            if !recipients.contains(&o) {
                let message =
                    format!("{o:?} is neither the sender nor a recipient: read as an arrival there, a copy of its own");
                self.staging.warn_element(h.line, "TraceHeader", message);
            }
            self.stage(
                h.line,
                &[
                    (Key::Document, Some(&document)),
                    (Key::Unit, Some(o)),
                    (Key::Action, Some(KnownAction::Arrived.as_str())),
                    (Key::At, Some(at.value.trim())),
                    (Key::Channel, Some("axis")),
                ],
            );
        }
    }

    /// A status message.
    fn status(&mut self, m: Message, zone: TimeZone) {
        let line = m.header_line.unwrap_or(m.line);
        let Some(from) = m.from.as_ref().and_then(|o| organ_id(&o.id)) else {
            let at = m.from.as_ref().map_or(line, |o| o.line);
            return self.staging.reject_element(at, "From", true, "no sender: From has no OrganId");
        };
        let code = m.status.as_ref().map(|t| t.value.trim()).unwrap_or_default();
        let code_line = m.status.as_ref().map_or(line, |t| t.line);
        let normal = match code.parse::<u8>() {
            Ok(n) if code.len() <= 2 => format!("{n:02}"),
            _ => code.to_string(),
        };
        let Some(action) = KnownAction::from_edxml_code(&normal) else {
            let message = format!("unknown status code {code:?}: the known codes are 01–06, 13, 15 and 16");
            return self.staging.reject_element(code_line, "StatusCode", true, message);
        };
        let Some(at) = m.timestamp.as_ref().filter(|t| !t.value.trim().is_empty()) else {
            return self.staging.reject_element(
                line,
                "Timestamp",
                true,
                "no Timestamp: the time of the status is unknown",
            );
        };
        if self.time(at, true, zone).is_none() {
            return;
        }
        // Status 13 comes from the sender: ResponseFor names the recipient (SDK samples).
        let recall = action == KnownAction::Recalled;
        let documents: Vec<(String, Option<&str>)> = m
            .responses
            .iter()
            .filter_map(|r| {
                let other = organ_id(&r.organ);
                let sender = if recall { Some(from) } else { other };
                r.document(sender).map(|d| (d, other.filter(|o| recall && *o != from)))
            })
            .collect();
        if documents.is_empty() {
            let at = m.responses.first().map_or(line, |r| r.line);
            let message = "no document named: ResponseFor has no DocumentId, nor an OrganId and a Code";
            return self.staging.reject_element(at, "ResponseFor", true, message);
        }
        if let Some(o) = &m.from {
            self.name(o);
        }
        let channel = (action == KnownAction::Arrived).then_some("axis");
        for (document, to) in &documents {
            self.stage(
                line,
                &[
                    (Key::Document, Some(document)),
                    (Key::Unit, Some(from)),
                    (Key::Action, Some(action.as_str())),
                    (Key::At, Some(at.value.trim())),
                    (Key::To, *to),
                    (Key::Actor, value(&m.staff)),
                    (Key::Note, value(&m.description)),
                    (Key::Channel, channel),
                ],
            );
        }
    }
}

/// What is wrong with malformed XML, in a few words (the reader's own messages are not linked
/// in: their formatting code would cost the package several kilobytes).
fn xml_error(e: &XmlError) -> &'static str {
    match e {
        XmlError::IllFormed(IllFormedError::MissingDeclVersion(_) | IllFormedError::UnknownVersion) => {
            "an XML declaration without a known version"
        }
        XmlError::IllFormed(IllFormedError::MissingDoctypeName) => "a DOCTYPE without a name",
        XmlError::IllFormed(_) => "ill-formed markup",
        XmlError::Syntax(e) => unclosed(*e),
        _ => "unreadable markup",
    }
}

/// The markup that the input ends inside.
fn unclosed(e: SyntaxError) -> &'static str {
    match e {
        SyntaxError::InvalidBangMarkup => "`<!` markup",
        SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => "a processing instruction",
        SyntaxError::UnclosedComment => "a comment",
        SyntaxError::UnclosedDoctype => "a DOCTYPE",
        SyntaxError::UnclosedCData => "a CDATA section",
        _ => "a tag",
    }
}

/// `OtherInfo/Priority`: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ (read
/// as flash); a Vietnamese or English urgency name is accepted too (legacy exports).
fn priority(p: &str) -> Option<Urgency> {
    match p {
        "0" => Some(Urgency::Normal),
        "1" => Some(Urgency::Urgent),
        "2" => Some(Urgency::VeryUrgent),
        "3" | "4" => Some(Urgency::Flash),
        _ => Urgency::parse(p),
    }
}

fn too_large(line: u32) -> ImportError {
    ImportError::new(format!(
        "the message is larger than {} MiB outside its attachments, the limit; the messages before it are loaded",
        MAX_MESSAGE_BYTES >> 20
    ))
    .at_line(line as usize)
    .with_field("edXML")
}

impl Importer for EdxmlImporter {
    fn push(&mut self, tracker: &mut Tracker, chunk: &[u8]) -> Result<(), ImportError> {
        if self.done {
            return Err(ImportError::new("the import is finished: push after finish"));
        }
        self.progress.bytes += chunk.len() as u64;
        self.feed(tracker, chunk, false)
    }

    fn finish(&mut self, tracker: &mut Tracker) -> Result<IngestReport, ImportError> {
        if self.done {
            return Err(ImportError::new("the import is finished: finish called twice"));
        }
        self.feed(tracker, &[], true)?;
        self.done = true;
        self.load(tracker);
        if !self.found_message {
            let e = match &self.first_root {
                Some((name, line)) => ImportError::new(format!(
                    "not an edXML file: the root element is <{name}>; expected <edXML> messages (QCVN 102:2016 document packages or status messages)"
                ))
                .at_line(*line as usize)
                .with_field(name.clone()),
                None if self.progress.bytes == 0 => ImportError::new("not an edXML file: the input is empty"),
                None => ImportError::new("not XML: no element found").at_line(1),
            };
            return Err(e);
        }
        let staging = std::mem::take(&mut self.staging);
        let report = staging.finish(tracker);
        self.progress.events = report.accepted as u64;
        Ok(report)
    }

    fn progress(&self) -> Progress {
        Progress { events: self.progress.events.max(self.staging.loaded() as u64), ..self.progress }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushed in chunks, an attachment payload is dropped as it arrives: the importer holds the
    /// message's XML outside the payload, never the payload.
    #[test]
    fn payloads_are_not_buffered() {
        let head = "<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>A</OrganId></From>\
                    <To><OrganId>B</OrganId></To><Code><CodeNumber>1</CodeNumber></Code></MessageHeader>\
                    <TraceHeaderList><TraceHeader><OrganId>A</OrganId><Timestamp>2026/03/02 08:00:00</Timestamp>\
                    </TraceHeader></TraceHeaderList></edXMLHeader></edXMLEnvelope><AttachmentEncoded><Attachment>\
                    <ContentTransferEncoded>";
        let tail = "</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>";
        let mut t = Tracker::default();
        let mut imp = EdxmlImporter::new();
        imp.push(&mut t, head.as_bytes()).unwrap();
        let line = "QUJD".repeat(19) + "\r\n";
        let chunk = line.repeat(1000);
        let mut most = 0;
        for _ in 0..200 {
            imp.push(&mut t, chunk.as_bytes()).unwrap();
            most = most.max(imp.pending.len());
            assert_eq!(imp.skip, Skip::Payload);
        }
        imp.push(&mut t, tail.as_bytes()).unwrap();
        let r = imp.finish(&mut t).unwrap();
        assert_eq!(r.accepted, 1);
        assert!(most <= head.len(), "{most} bytes held for a {} byte payload", 200 * chunk.len());
        assert_eq!(imp.line, 1 + 200 * 1000);
    }

    #[test]
    fn message_starts_are_found_after_malformed_xml() {
        assert_eq!(find_message_start(b"x</a><edXMLEnvelope><edXML>"), Some(20));
        assert_eq!(find_message_start(b"<edxml\n xmlns='x'>"), Some(0));
        assert_eq!(find_message_start(b"<edXML"), None, "the byte after the name is needed");
        assert_eq!(Tag::of(b"BUSSINESS"), Tag::Business);
        assert_eq!(Tag::of(b"Unknown"), Tag::Other);
    }
}
