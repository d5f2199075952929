//! Keywords compared without the standard library's Unicode case tables (`str::to_lowercase`
//! is about 4 KB of the WebAssembly package, for a few keyword comparisons).

use std::borrow::Cow;

/// A unit or document id (or a unit's name) as the tracker compares it: trimmed of white space
/// and composed to NFC ([`super::nfc::compose`]), so `" Sở Nội vụ "`, `"Sở Nội vụ"` and its
/// decomposed spelling name one unit. Borrowed, without any work, for ASCII ids that need no
/// trimming (the common case: the cost of a load stays one scan of each id).
pub fn normalize_id(id: &str) -> Cow<'_, str> {
    let t = trim(id);
    if super::nfc::needs_compose(t) {
        Cow::Owned(super::nfc::compose(t))
    } else {
        Cow::Borrowed(t)
    }
}

/// `text.trim()`, without looking at a character when the text starts and ends with a visible
/// ASCII one (most ids, times and fields: importers trim every field, and the cost of a load
/// stays one scan of each).
pub fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7F);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// Bytes without the ASCII white space at either end that `str::trim` strips (U+0009–U+000D
/// and the space): for ASCII text, what [`trim`] gives, without a UTF-8 check or a character
/// decoded. (Other bytes are kept: text that is not ASCII needs [`trim`].)
pub(crate) fn trim_ascii(text: &[u8]) -> &[u8] {
    let blank = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let start = text.iter().position(|b| !blank(b)).unwrap_or(text.len());
    let end = text.iter().rposition(|b| !blank(b)).map_or(start, |i| i + 1);
    &text[start..end]
}

/// `a == b`, eight bytes at a time: the WebAssembly build's `memcmp` compares byte by byte.
/// The last word overlaps the one before (no byte-by-byte tail); texts under eight bytes are
/// compared as two overlapping four-byte words.
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // (Every word read is inside both texts: the 0 is never used.)
    let w8 = |s: &[u8], i: usize| s.get(i..).and_then(<[u8]>::first_chunk::<8>).map_or(0, |w| u64::from_le_bytes(*w));
    let w4 = |s: &[u8], i: usize| s.get(i..).and_then(<[u8]>::first_chunk::<4>).map_or(0, |w| u32::from_le_bytes(*w));
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if w8(a, i) != w8(b, i) {
                return false;
            }
            i += 8;
        }
        w8(a, n - 8) == w8(b, n - 8)
    } else if n >= 4 {
        w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4)
    } else {
        a == b
    }
}

/// `text` in lower case, for comparing keywords (`Tỉnh`, `KHẨN`, `Điện tử`): ASCII letters and
/// the letters of Vietnamese (Latin-1, `Ă Đ Ĩ Ũ Ơ Ư` and the Latin Extended Additional block)
/// are lowered; anything else is left as it is, so no keyword matches text it should not.
pub fn fold_case(text: &str) -> Cow<'_, str> {
    // ASCII without capitals (most keywords as written): no character to decode.
    if text.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()) || !text.chars().any(is_upper) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(lower).collect())
}

fn is_upper(c: char) -> bool {
    lower(c) != c
}

fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Ă Đ Ĩ Ũ Ơ Ư: each upper case letter right before its lower case one.
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 => u + 1,
        0x1AF => 0x1B0,
        // Ạ … Ỹ: upper and lower case alternate.
        0x1EA0..=0x1EF9 if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for t in ["", " ", "a", " a ", "\u{b}x\u{b}", "\u{a0}Sở\u{3000}", "\t12/UBND\r\n", "xã ", "\u{b}"] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    /// Every length from 0 to 40 (the word loop, the overlapping last word, the two four-byte
    /// words, the bytes), a difference at every position, and prefixes.
    #[test]
    fn same_is_slice_equality() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut byte = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        };
        for n in 0..=40 {
            let a: Vec<u8> = (0..n).map(|_| byte()).collect();
            assert!(same(&a, &a.clone()), "length {n}");
            for p in 0..n {
                let mut b = a.clone();
                b[p] ^= 1 << (p % 8);
                assert!(!same(&a, &b) && !same(&b, &a), "length {n}, difference at {p}");
            }
            for m in 0..n {
                assert!(!same(&a[..m], &a), "prefix {m} of {n}");
            }
        }
    }

    #[test]
    fn vietnamese_letters_fold_like_to_lowercase() {
        let all: String = (0x20..0x250u32).chain(0x1EA0..0x1F00).filter_map(char::from_u32).collect();
        for c in all.chars() {
            let want: String = c.to_lowercase().collect();
            let vietnamese = "ĂĐĨŨƠƯ".contains(c)
                || c.is_ascii()
                || ('\u{C0}'..='\u{DE}').contains(&c)
                || ('\u{1EA0}'..='\u{1EF9}').contains(&c);
            if vietnamese {
                assert_eq!(fold_case(&c.to_string()), want, "{c:?}");
            }
        }
        assert_eq!(fold_case("THƯỢNG KHẨN"), "thượng khẩn");
        assert_eq!(fold_case("Điện Tử"), "điện tử");
        assert!(matches!(fold_case("tỉnh"), Cow::Borrowed(_)));
    }

    #[test]
    fn ids_are_trimmed_and_composed() {
        assert_eq!(normalize_id("  Sở Nội vụ\t"), "Sở Nội vụ");
        assert_eq!(normalize_id("So\u{302}\u{301} hie\u{323}\u{302}u"), "Số hiệu");
        assert_eq!(normalize_id("xa\u{303} Tân Hòa "), "xã Tân Hòa");
        assert!(matches!(normalize_id("S1"), Cow::Borrowed("S1")));
        assert!(matches!(normalize_id(" S1 "), Cow::Borrowed("S1")));
        assert_eq!(normalize_id(" \u{3000} "), "");
    }
}
