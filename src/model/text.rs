//! Keywords compared without the standard library's Unicode case tables (`str::to_lowercase`
//! is about 4 KB of the WebAssembly package, for a few keyword comparisons).

use std::borrow::Cow;

/// `text` in lower case, for comparing keywords (`Tỉnh`, `KHẨN`, `Điện tử`): ASCII letters and
/// the letters of Vietnamese (Latin-1, `Ă Đ Ĩ Ũ Ơ Ư` and the Latin Extended Additional block)
/// are lowered; anything else is left as it is, so no keyword matches text it should not.
pub fn fold_case(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_upper) {
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

/// Whether `text` reads as an `f64` (`str::parse::<f64>` accepts it): an optional sign, then
/// `inf`, `infinity` or `nan` in any case, or digits with an optional point (a digit on at
/// least one side) and an optional exponent (`e` or `E`, a sign, digits). Checked by hand: the
/// standard parser brings a 10 KB table of powers into the WebAssembly package.
pub fn is_float(text: &str) -> bool {
    let b = text.strip_prefix(['+', '-']).unwrap_or(text).as_bytes();
    if [&b"inf"[..], b"infinity", b"nan"].iter().any(|w| b.eq_ignore_ascii_case(w)) {
        return true;
    }
    let digits = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_digit()).count();
    let whole = digits(b);
    let mut i = whole;
    let mut fraction = 0;
    if b.get(i) == Some(&b'.') {
        fraction = digits(&b[i + 1..]);
        i += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let e = digits(&b[i..]);
        if e == 0 {
            return false;
        }
        i += e;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn is_float_accepts_what_the_standard_parser_accepts() {
        let parts = ["", "+", "-", "0", "12", ".", "e", "E", "e+", "e-5", "1", "inf", "INFINITY", "NaN", "x", " "];
        let mut n = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in ["", "7", "e3", "."] {
                        let t = format!("{a}{b}{c}{d}");
                        assert_eq!(is_float(&t), t.parse::<f64>().is_ok(), "{t:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 10_000);
        for t in ["1.5e-300", "-.5", "5.", "1e99999", "+inf", "-nan", "infinit", "1_000", "0x10", "١"] {
            assert_eq!(is_float(t), t.parse::<f64>().is_ok(), "{t:?}");
        }
    }
}
