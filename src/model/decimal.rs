//! Number text read as the standard library reads it, without its float parser: in the
//! WebAssembly package that parser is about 14 KB of gzip (its 128-bit power table and code).
//! (The float formatter stays: serde's error messages reach it through `Unexpected::Float`.)

/// Whether `text` reads as an `f64` (`str::parse::<f64>` accepts it): an optional sign, then
/// `inf`, `infinity` or `nan` in any case, or digits with an optional point (a digit on at
/// least one side) and an optional exponent (`e` or `E`, a sign, digits).
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
