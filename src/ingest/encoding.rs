//! Text encodings of imported files: which one a file uses, streaming decoders to UTF-8, and
//! the canonical composition (NFC) that makes Vietnamese text compare equal whatever tool wrote
//! it.
//!
//! Files from Vietnamese offices come as UTF-8 (with or without a byte-order mark), as UTF-16
//! (Excel's "Unicode text"), or as Windows-1258, the Windows code page for Vietnamese. Windows-1258
//! writes most toned letters as a base letter followed by a combining tone mark (`e` + U+0301),
//! where UTF-8 files hold the precomposed letter (`é`): [`compose`] turns the first into the
//! second, so that ids and headers from both compare equal. See docs/SEMANTICS.md, "CSV import".

pub use crate::model::nfc::{compose, needs_compose};

/// A text encoding the importers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1258 (Vietnamese code page).
    Windows1258,
}

impl Encoding {
    /// The encoding's usual name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `Windows-1258`).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "Windows-1258",
        }
    }
}

/// How many bytes of a file without a byte-order mark [`detect`] reads before it decides
/// between UTF-8 and Windows-1258.
pub const DETECT_BYTES: usize = 64 * 1024;

/// The encoding of a file from its first bytes, and the length of its byte-order mark; `None`
/// while more bytes are needed (`complete`: the prefix is the whole file).
///
/// In order: a byte-order mark (`EF BB BF` UTF-8, `FF FE` UTF-16LE, `FE FF` UTF-16BE); else
/// UTF-16 without a mark when one of the first two bytes is zero and the other is not (an ASCII
/// character in UTF-16; no CSV text starts with a NUL); else UTF-8 when the first
/// [`DETECT_BYTES`] bytes (or the whole file, if shorter) are valid UTF-8 — a sequence cut by
/// that limit counts as valid —, and Windows-1258 when they are not.
pub fn detect(prefix: &[u8], complete: bool) -> Option<(Encoding, usize)> {
    if prefix.len() < 3 && !complete {
        return None;
    }
    match prefix {
        [0xEF, 0xBB, 0xBF, ..] => return Some((Encoding::Utf8, 3)),
        [0xFF, 0xFE, ..] => return Some((Encoding::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => return Some((Encoding::Utf16Be, 2)),
        [a, 0, ..] if *a != 0 => return Some((Encoding::Utf16Le, 0)),
        [0, b, ..] if *b != 0 => return Some((Encoding::Utf16Be, 0)),
        _ => {}
    }
    if prefix.len() < DETECT_BYTES && !complete {
        return None;
    }
    let cut = prefix.len() > DETECT_BYTES;
    let head = &prefix[..prefix.len().min(DETECT_BYTES)];
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A sequence cut at the end of what was looked at.
        Err(e) => cut && e.error_len().is_none(),
    };
    Some((if utf8 { Encoding::Utf8 } else { Encoding::Windows1258 }, 0))
}

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte a decoder writes for input it cannot decode (a lone UTF-16 surrogate, an odd last
/// byte): never valid in UTF-8, so the field holding it is rejected when it is read as text.
pub const INVALID: u8 = 0xFF;

/// A streaming decoder from `encoding` to UTF-8 bytes: chunks may be cut anywhere (inside a
/// UTF-16 code unit or surrogate pair). UTF-8 input is not decoded at all (the importers read
/// it in place and check each field).
#[derive(Debug, Clone)]
pub struct Decoder {
    encoding: Encoding,
    /// A UTF-16 code unit's first byte, waiting for its second.
    odd: Option<u8>,
    /// A UTF-16 high surrogate, waiting for its low half.
    high: Option<u16>,
}

impl Decoder {
    /// A decoder for `encoding`.
    pub fn new(encoding: Encoding) -> Decoder {
        Decoder { encoding, odd: None, high: None }
    }

    /// The encoding decoded.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Decodes `input`, appending UTF-8 to `out`.
    pub fn decode(&mut self, input: &[u8], out: &mut Vec<u8>) {
        match self.encoding {
            Encoding::Utf8 => out.extend_from_slice(input),
            Encoding::Windows1258 => windows_1258(input, out),
            Encoding::Utf16Le | Encoding::Utf16Be => self.utf16(input, out),
        }
    }

    /// Ends the input: a dangling half code unit or surrogate becomes [`INVALID`].
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.odd.take().is_some() || self.high.take().is_some() {
            out.push(INVALID);
        }
    }

    fn utf16(&mut self, mut input: &[u8], out: &mut Vec<u8>) {
        out.reserve(input.len() + input.len() / 2);
        let le = self.encoding == Encoding::Utf16Le;
        let unit = |a: u8, b: u8| if le { u16::from_le_bytes([a, b]) } else { u16::from_be_bytes([a, b]) };
        if let Some(a) = self.odd.take() {
            match input.split_first() {
                Some((&b, rest)) => {
                    self.unit(unit(a, b), out);
                    input = rest;
                }
                None => {
                    self.odd = Some(a);
                    return;
                }
            }
        }
        let mut pairs = input.chunks_exact(2);
        for p in &mut pairs {
            let u = unit(p[0], p[1]);
            if u < 0x80 && self.high.is_none() {
                out.push(u as u8);
            } else {
                self.unit(u, out);
            }
        }
        self.odd = pairs.remainder().first().copied();
    }

    fn unit(&mut self, u: u16, out: &mut Vec<u8>) {
        let c = match (self.high.take(), u) {
            (Some(h), 0xDC00..=0xDFFF) => {
                char::from_u32(0x10000 + ((h as u32 - 0xD800) << 10) + (u as u32 - 0xDC00)).unwrap_or('\u{FFFD}')
            }
            (h, _) => {
                if h.is_some() {
                    out.push(INVALID);
                }
                match u {
                    0xD800..=0xDBFF => {
                        self.high = Some(u);
                        return;
                    }
                    0xDC00..=0xDFFF => {
                        out.push(INVALID);
                        return;
                    }
                    _ => char::from_u32(u as u32).unwrap_or('\u{FFFD}'),
                }
            }
        };
        push_char(out, c);
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut b = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
}

/// Windows-1258 bytes 0x80–0xFF as Unicode (the five tone marks are combining characters; the
/// bytes the code page leaves undefined map to the C1 controls, as in the WHATWG table).
const WINDOWS_1258: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, //
    0x02C6, 0x2030, 0x008A, 0x2039, 0x0152, 0x008D, 0x008E, 0x008F, //
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, //
    0x02DC, 0x2122, 0x009A, 0x203A, 0x0153, 0x009D, 0x009E, 0x0178, //
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, //
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, //
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, //
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, //
    0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, //
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, //
    0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, //
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF, //
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, //
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF, //
    0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, //
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF, //
];

fn windows_1258(input: &[u8], out: &mut Vec<u8>) {
    out.reserve(input.len() + input.len() / 2);
    let mut rest = input;
    while !rest.is_empty() {
        let ascii = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
        out.extend_from_slice(&rest[..ascii]);
        rest = &rest[ascii..];
        while let Some((&b, tail)) = rest.split_first() {
            if b < 0x80 {
                break;
            }
            let c = char::from_u32(WINDOWS_1258[b as usize - 0x80] as u32).unwrap_or('\u{FFFD}');
            push_char(out, c);
            rest = tail;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(detect(b"\xEF\xBB\xBFdoc", false), Some((Encoding::Utf8, 3)));
        assert_eq!(detect(b"\xFF\xFEd\0", false), Some((Encoding::Utf16Le, 2)));
        assert_eq!(detect(b"\xFE\xFF\0d", false), Some((Encoding::Utf16Be, 2)));
        assert_eq!(detect(b"d\0o\0", false), Some((Encoding::Utf16Le, 0)));
        assert_eq!(detect(b"doc,unit", false), None);
        assert_eq!(detect(b"doc,unit", true), Some((Encoding::Utf8, 0)));
        assert_eq!(detect("Số hiệu".as_bytes(), true), Some((Encoding::Utf8, 0)));
        assert_eq!(detect(b"S\xF4 hi\xEAu", true), Some((Encoding::Windows1258, 0)));
        // A UTF-8 sequence cut by the detection limit is still UTF-8.
        let mut long = vec![b'a'; DETECT_BYTES - 1];
        long.extend_from_slice("ệ".as_bytes());
        assert_eq!(detect(&long, false), Some((Encoding::Utf8, 0)));
    }

    #[test]
    fn utf16_across_chunks() {
        let text = "Số hiệu,𝄞 x";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for cut in 0..bytes.len() {
            let mut d = Decoder::new(Encoding::Utf16Le);
            let mut out = Vec::new();
            d.decode(&bytes[..cut], &mut out);
            d.decode(&bytes[cut..], &mut out);
            d.finish(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), text, "cut at {cut}");
        }
        let mut d = Decoder::new(Encoding::Utf16Be);
        let mut out = Vec::new();
        d.decode(&[0xD8, 0x00, 0x00, b'a'], &mut out);
        d.finish(&mut out);
        assert_eq!(out, [INVALID, b'a']);
    }

    #[test]
    fn windows_1258_composes_to_utf8_text() {
        // "Số hiệu" as Windows-1258 writes it: S, ô + acute, space, h, i, ê + dot below, u.
        let mut out = Vec::new();
        windows_1258(b"S\xF4\xEC hi\xEA\xF2u", &mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(needs_compose(&text));
        assert_eq!(compose(&text), "Số hiệu");
    }
}
