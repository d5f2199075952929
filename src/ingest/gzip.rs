//! A gzip stream (RFC 1952) inflated as it arrives, for `.xes.gz`: the header read by hand, the
//! deflate data by `miniz_oxide` (the pure-Rust inflater that `flate2` wraps, without `flate2`'s
//! I/O layers or `crc32fast`'s 16 KiB of tables: about 10 KB less gzip wasm), the CRC-32 and
//! length of the trailer checked. Members may follow one another (`cat a.gz b.gz`).
//!
//! Output comes out in pieces of at most [`OUT_BYTES`], each handed to the caller before the
//! next is inflated, so a decompression bomb never holds more than that in memory.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// Inflated bytes handed over at a time.
pub const OUT_BYTES: usize = 64 << 10;

/// The longest gzip header read (a file name or comment longer than this is refused).
const MAX_HEADER: usize = 64 << 10;

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1F, 0x8B])
}

/// CRC-32 (IEEE, the one of gzip and zip), eight bytes a step ("slice-by-8"). The tables
/// (8 KiB) are built when a decoder is made, so that they cost no bytes in the wasm file.
pub struct Crc32 {
    table: Box<[[u32; 256]; 8]>,
}

impl Default for Crc32 {
    fn default() -> Self {
        let mut table = Box::new([[0u32; 256]; 8]);
        for i in 0..256 {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            table[0][i] = c;
        }
        for k in 1..8 {
            for i in 0..256 {
                let prev = table[k - 1][i];
                table[k][i] = (prev >> 8) ^ table[0][(prev & 0xFF) as usize];
            }
        }
        Crc32 { table }
    }
}

impl Crc32 {
    /// Continues the CRC `crc` (0 to start) over `bytes`.
    pub fn update(&self, crc: u32, bytes: &[u8]) -> u32 {
        let t = &self.table;
        let mut c = !crc;
        let mut chunks = bytes.chunks_exact(8);
        for b in &mut chunks {
            let lo = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            c = t[7][(lo & 0xFF) as usize]
                ^ t[6][((lo >> 8) & 0xFF) as usize]
                ^ t[5][((lo >> 16) & 0xFF) as usize]
                ^ t[4][(lo >> 24) as usize]
                ^ t[3][b[4] as usize]
                ^ t[2][b[5] as usize]
                ^ t[1][b[6] as usize]
                ^ t[0][b[7] as usize];
        }
        for &b in chunks.remainder() {
            c = t[0][((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
        }
        !c
    }
}

/// Where the decoder is.
enum Part {
    /// Reading a member's header (bytes so far).
    Header(Vec<u8>),
    /// Inflating a member's data.
    Body,
    /// Reading a member's 8-byte trailer (bytes so far).
    Trailer(Vec<u8>),
    /// Between members (or before the first): the stream may end here.
    Between,
}

/// What went wrong with a gzip stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GzipError(pub String);

/// A push-style gzip decoder.
pub struct Gunzip {
    part: Part,
    state: Box<InflateState>,
    out: Vec<u8>,
    crc32: Crc32,
    crc: u32,
    size: u32,
    /// Inflated bytes so far, all members.
    pub total_out: u64,
}

impl Default for Gunzip {
    fn default() -> Self {
        Gunzip {
            part: Part::Header(Vec::new()),
            state: InflateState::new_boxed(DataFormat::Raw),
            out: vec![0; OUT_BYTES],
            crc32: Crc32::default(),
            crc: 0,
            size: 0,
            total_out: 0,
        }
    }
}

/// Length of a complete gzip header at the start of `h`, `Ok(None)` if more bytes are needed.
fn header_len(h: &[u8]) -> Result<Option<usize>, GzipError> {
    if h.len() < 10 {
        return Ok(None);
    }
    if !is_gzip(h) || h[2] != 8 {
        return Err(GzipError("not a gzip stream, or not deflate-compressed".into()));
    }
    let flags = h[3];
    if flags & 0xE0 != 0 {
        return Err(GzipError("reserved header flags set".into()));
    }
    let mut at = 10;
    if flags & 0x04 != 0 {
        let Some(n) = h.get(at..at + 2) else { return Ok(None) };
        at += 2 + u16::from_le_bytes([n[0], n[1]]) as usize;
    }
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            match h.get(at..).and_then(|r| r.iter().position(|&b| b == 0)) {
                Some(i) => at += i + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    Ok((h.len() >= at).then_some(at))
}

impl Gunzip {
    /// Reads `input`, handing each inflated piece to `sink` (which may stop everything with its
    /// own error, `E`).
    pub fn push<E>(
        &mut self,
        mut input: &[u8],
        sink: &mut dyn FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), Result<GzipError, E>> {
        while !input.is_empty() {
            match &mut self.part {
                Part::Between => self.part = Part::Header(Vec::new()),
                Part::Header(h) => {
                    let take = input.len().min(MAX_HEADER + 1 - h.len().min(MAX_HEADER));
                    h.extend_from_slice(&input[..take]);
                    match header_len(h).map_err(Ok)? {
                        None if h.len() > MAX_HEADER => return Err(Ok(GzipError("gzip header too long".into()))),
                        None => input = &input[take..],
                        Some(n) => {
                            // What followed the header in `h` came from this input.
                            input = &input[take - (h.len() - n)..];
                            self.part = Part::Body;
                            self.state.reset(DataFormat::Raw);
                            self.crc = 0;
                            self.size = 0;
                        }
                    }
                }
                Part::Body => loop {
                    let r = inflate(&mut self.state, input, &mut self.out, MZFlush::None);
                    input = &input[r.bytes_consumed..];
                    let piece = &self.out[..r.bytes_written];
                    self.crc = self.crc32.update(self.crc, piece);
                    self.size = self.size.wrapping_add(piece.len() as u32);
                    self.total_out += piece.len() as u64;
                    if !piece.is_empty() {
                        sink(piece).map_err(Err)?;
                    }
                    let progressed = r.bytes_consumed > 0 || r.bytes_written > 0;
                    match r.status {
                        Ok(MZStatus::StreamEnd) => {
                            self.part = Part::Trailer(Vec::new());
                            break;
                        }
                        Ok(_) | Err(MZError::Buf) if progressed => {}
                        Ok(_) | Err(MZError::Buf) if input.is_empty() => return Ok(()),
                        _ => return Err(Ok(GzipError("corrupt deflate data".into()))),
                    }
                },
                Part::Trailer(t) => {
                    let take = input.len().min(8 - t.len());
                    t.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    if t.len() == 8 {
                        let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
                        let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
                        if crc != self.crc || size != self.size {
                            return Err(Ok(GzipError("CRC or length mismatch: the data is corrupt".into())));
                        }
                        self.part = Part::Between;
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks that the stream ended between members.
    pub fn finish(&mut self) -> Result<(), GzipError> {
        match self.part {
            Part::Between => Ok(()),
            _ => Err(GzipError("the gzip stream is truncated".into())),
        }
    }
}

/// `data` as a gzip stream (one member, deflate level 1): for tests and the fuzz entry points.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF];
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 1));
    out.extend_from_slice(&Crc32::default().update(0, data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}
