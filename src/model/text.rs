//! Numbers and keywords as text, written without the standard library's float formatter and
//! Unicode case tables: those are about 14 KB of the WebAssembly package, for a few labels and
//! keyword comparisons. Everything here gives the same text natively and in WebAssembly.

use std::borrow::Cow;

/// A number as short text: whole numbers as integers (`1772413200000`), others by the shortest
/// text that reads back as the same number (`1.5`, `1e300`), `NaN`, `inf`, `-inf`.
pub fn number_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value > 0.0 { "inf" } else { "-inf" }.into()
    } else if value.fract() == 0.0 && value.abs() < 9.0e15 {
        (value as i64).to_string()
    } else {
        // serde_json's shortest round-trip writer, which the package has anyway.
        serde_json::Number::from_f64(value).map_or_else(String::new, |n| n.to_string())
    }
}

/// A number with a fixed number of decimals (0 to 3), the same text as `format!("{value:.N}")`:
/// the exact binary value rounded half to even (`6.25` → `6.2`, `0.15` → `0.1`).
pub fn fixed(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(3);
    if !value.is_finite() || value.abs() >= 1e15 {
        return number_text(value);
    }
    let scale = 10u64.pow(decimals);
    // value = m × 2^e exactly; the scaled value rounded with integers.
    let bits = value.to_bits();
    let (exp, frac) = (((bits >> 52) & 0x7ff) as i32, bits & ((1 << 52) - 1));
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | 1 << 52, exp - 1075) };
    let scaled: u128 = if e >= 0 {
        u128::from(m << e) * u128::from(scale)
    } else if -e >= 120 {
        0
    } else {
        let (n, shift) = (u128::from(m) * u128::from(scale), (-e) as u32);
        let (q, r, half) = (n >> shift, n & ((1 << shift) - 1), 1u128 << (shift - 1));
        q + u128::from(r > half || (r == half && q & 1 == 1))
    };
    let sign = if bits >> 63 == 1 { "-" } else { "" };
    let (whole, part) = (scaled / u128::from(scale), scaled % u128::from(scale));
    match decimals {
        0 => format!("{sign}{whole}"),
        d => format!("{sign}{whole}.{part:0width$}", width = d as usize),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_rust_writes_them() {
        for v in [0.0, 1.0, -3.0, 1772413200000.0, 0.5, -2.25, 1e300, 1.5e-7, 123.456, 1772413200000.25] {
            let text = number_text(v);
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
            if v.abs() < 1e15 && v.abs() > 1e-3 {
                assert_eq!(text, v.to_string(), "{v}");
            }
        }
        assert_eq!(
            [number_text(f64::NAN), number_text(f64::INFINITY), number_text(-f64::INFINITY)],
            ["NaN", "inf", "-inf"]
        );
    }

    #[test]
    fn fixed_decimals_as_rust_formats_them() {
        let mut seed = 1u64;
        for i in 0..200_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let v = match i % 4 {
                0 => (seed >> 11) as f64 / (1u64 << 53) as f64 * 100.0,
                1 => ((seed >> 40) % 10_000) as f64 / 400.0,
                2 => f64::from_bits(seed >> 2) % 1e9,
                _ => -(((seed >> 40) % 1000) as f64) / 20.0,
            };
            for d in 0..=2 {
                assert_eq!(fixed(v, d), format!("{v:.*}", d as usize), "{v:?} to {d}");
            }
        }
        assert_eq!([fixed(6.25, 1), fixed(0.15, 1), fixed(-0.01, 1), fixed(50.0, 0)], ["6.2", "0.1", "-0.0", "50"]);
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
}
