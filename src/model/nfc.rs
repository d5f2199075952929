//! Canonical composition (Unicode NFC) of Vietnamese text, without Unicode's tables.
//!
//! Vietnamese letters reach the tracker both precomposed (`ệ`, as UTF-8 files and keyboards
//! write them) and decomposed (`e` + U+0323 + U+0302, as Windows-1258 and macOS file names write
//! them). [`compose`] makes the two spellings one, for the CSV importer's headers and values and
//! for every unit and document id ([`crate::model::text::normalize_id`]). A full normalizer
//! (`unicode-normalization`) is 62 KB of gzip wasm, a fifth of the package; this table is 800 B.

/// The combining marks [`compose`] handles: the five Vietnamese tones and the three vowel
/// modifiers, with their canonical combining classes.
const MARKS: [(char, u8); 8] = [
    ('\u{300}', 230), // grave (huyền)
    ('\u{301}', 230), // acute (sắc)
    ('\u{302}', 230), // circumflex (â ê ô)
    ('\u{303}', 230), // tilde (ngã)
    ('\u{306}', 230), // breve (ă)
    ('\u{309}', 230), // hook above (hỏi)
    ('\u{31B}', 216), // horn (ơ ư)
    ('\u{323}', 220), // dot below (nặng)
];

/// The canonical decomposition of every Vietnamese letter (composite, base, index in `MARKS`),
/// sorted by composite, as Unicode gives it (`ệ` = `ẹ` + circumflex, `ợ` = `ơ` + dot below):
/// composing pair by pair after canonical reordering then gives exactly NFC. Generated from
/// Python's `unicodedata`; Vietnamese letters only (other letters built with these marks,
/// `ñ`, Greek tonos, …, are left decomposed: 363 pairs would cost 1.4 KB more).
#[rustfmt::skip]
const PAIRS: [(u16, u16, u8); 132] = [
    (0x00C0, 0x0041, 0), (0x00C1, 0x0041, 1), (0x00C2, 0x0041, 2), (0x00C3, 0x0041, 3), (0x00C8, 0x0045, 0),
    (0x00C9, 0x0045, 1), (0x00CA, 0x0045, 2), (0x00CC, 0x0049, 0), (0x00CD, 0x0049, 1), (0x00D2, 0x004F, 0),
    (0x00D3, 0x004F, 1), (0x00D4, 0x004F, 2), (0x00D5, 0x004F, 3), (0x00D9, 0x0055, 0), (0x00DA, 0x0055, 1),
    (0x00DD, 0x0059, 1), (0x00E0, 0x0061, 0), (0x00E1, 0x0061, 1), (0x00E2, 0x0061, 2), (0x00E3, 0x0061, 3),
    (0x00E8, 0x0065, 0), (0x00E9, 0x0065, 1), (0x00EA, 0x0065, 2), (0x00EC, 0x0069, 0), (0x00ED, 0x0069, 1),
    (0x00F2, 0x006F, 0), (0x00F3, 0x006F, 1), (0x00F4, 0x006F, 2), (0x00F5, 0x006F, 3), (0x00F9, 0x0075, 0),
    (0x00FA, 0x0075, 1), (0x00FD, 0x0079, 1), (0x0102, 0x0041, 4), (0x0103, 0x0061, 4), (0x0128, 0x0049, 3),
    (0x0129, 0x0069, 3), (0x0168, 0x0055, 3), (0x0169, 0x0075, 3), (0x01A0, 0x004F, 6), (0x01A1, 0x006F, 6),
    (0x01AF, 0x0055, 6), (0x01B0, 0x0075, 6), (0x1EA0, 0x0041, 7), (0x1EA1, 0x0061, 7), (0x1EA2, 0x0041, 5),
    (0x1EA3, 0x0061, 5), (0x1EA4, 0x00C2, 1), (0x1EA5, 0x00E2, 1), (0x1EA6, 0x00C2, 0), (0x1EA7, 0x00E2, 0),
    (0x1EA8, 0x00C2, 5), (0x1EA9, 0x00E2, 5), (0x1EAA, 0x00C2, 3), (0x1EAB, 0x00E2, 3), (0x1EAC, 0x1EA0, 2),
    (0x1EAD, 0x1EA1, 2), (0x1EAE, 0x0102, 1), (0x1EAF, 0x0103, 1), (0x1EB0, 0x0102, 0), (0x1EB1, 0x0103, 0),
    (0x1EB2, 0x0102, 5), (0x1EB3, 0x0103, 5), (0x1EB4, 0x0102, 3), (0x1EB5, 0x0103, 3), (0x1EB6, 0x1EA0, 4),
    (0x1EB7, 0x1EA1, 4), (0x1EB8, 0x0045, 7), (0x1EB9, 0x0065, 7), (0x1EBA, 0x0045, 5), (0x1EBB, 0x0065, 5),
    (0x1EBC, 0x0045, 3), (0x1EBD, 0x0065, 3), (0x1EBE, 0x00CA, 1), (0x1EBF, 0x00EA, 1), (0x1EC0, 0x00CA, 0),
    (0x1EC1, 0x00EA, 0), (0x1EC2, 0x00CA, 5), (0x1EC3, 0x00EA, 5), (0x1EC4, 0x00CA, 3), (0x1EC5, 0x00EA, 3),
    (0x1EC6, 0x1EB8, 2), (0x1EC7, 0x1EB9, 2), (0x1EC8, 0x0049, 5), (0x1EC9, 0x0069, 5), (0x1ECA, 0x0049, 7),
    (0x1ECB, 0x0069, 7), (0x1ECC, 0x004F, 7), (0x1ECD, 0x006F, 7), (0x1ECE, 0x004F, 5), (0x1ECF, 0x006F, 5),
    (0x1ED0, 0x00D4, 1), (0x1ED1, 0x00F4, 1), (0x1ED2, 0x00D4, 0), (0x1ED3, 0x00F4, 0), (0x1ED4, 0x00D4, 5),
    (0x1ED5, 0x00F4, 5), (0x1ED6, 0x00D4, 3), (0x1ED7, 0x00F4, 3), (0x1ED8, 0x1ECC, 2), (0x1ED9, 0x1ECD, 2),
    (0x1EDA, 0x01A0, 1), (0x1EDB, 0x01A1, 1), (0x1EDC, 0x01A0, 0), (0x1EDD, 0x01A1, 0), (0x1EDE, 0x01A0, 5),
    (0x1EDF, 0x01A1, 5), (0x1EE0, 0x01A0, 3), (0x1EE1, 0x01A1, 3), (0x1EE2, 0x01A0, 7), (0x1EE3, 0x01A1, 7),
    (0x1EE4, 0x0055, 7), (0x1EE5, 0x0075, 7), (0x1EE6, 0x0055, 5), (0x1EE7, 0x0075, 5), (0x1EE8, 0x01AF, 1),
    (0x1EE9, 0x01B0, 1), (0x1EEA, 0x01AF, 0), (0x1EEB, 0x01B0, 0), (0x1EEC, 0x01AF, 5), (0x1EED, 0x01B0, 5),
    (0x1EEE, 0x01AF, 3), (0x1EEF, 0x01B0, 3), (0x1EF0, 0x01AF, 7), (0x1EF1, 0x01B0, 7), (0x1EF2, 0x0059, 0),
    (0x1EF3, 0x0079, 0), (0x1EF4, 0x0059, 7), (0x1EF5, 0x0079, 7), (0x1EF6, 0x0059, 5), (0x1EF7, 0x0079, 5),
    (0x1EF8, 0x0059, 3), (0x1EF9, 0x0079, 3),
];

fn mark_index(c: char) -> Option<u8> {
    MARKS.iter().position(|&(m, _)| m == c).map(|i| i as u8)
}

/// The (base, mark) a character decomposes into, if it is one of [`PAIRS`].
fn decompose_once(c: char) -> Option<(char, u8)> {
    let c = u16::try_from(c as u32).ok()?;
    let i = PAIRS.binary_search_by_key(&c, |p| p.0).ok()?;
    Some((char::from_u32(PAIRS[i].1 as u32)?, PAIRS[i].2))
}

/// The composite of `base` and a mark of [`MARKS`], if Unicode has one. A linear scan: it
/// runs only for letters followed by a mark (no sorted copy, no sort compiled into the wasm).
fn compose_pair(base: char, mark: u8) -> Option<char> {
    let base = u16::try_from(base as u32).ok()?;
    let p = PAIRS.iter().find(|p| p.1 == base && p.2 == mark)?;
    char::from_u32(p.0 as u32)
}

/// Whether `text` may change under [`compose`]: it holds a character of U+0300–U+036F
/// (combining diacritical marks; UTF-8 lead bytes `CC` and `CD`). ASCII text never does.
pub fn needs_compose(text: &str) -> bool {
    !text.is_ascii() && text.bytes().any(|b| b == 0xCC || b == 0xCD)
}

/// Canonical composition (Unicode NFC) of text written with the marks of Vietnamese: a letter
/// followed by combining tone and vowel marks (U+0300, U+0301, U+0302, U+0303, U+0306, U+0309,
/// U+031B, U+0323), as Windows-1258 and NFD text write them, becomes the precomposed letter
/// (`e` + U+0323 + U+0302 → `ệ`; `ê` + U+0301 → `ế`). The marks are put in canonical order
/// first, so any order in which a tool wrote them gives the same letter.
///
/// Exact NFC for every letter of the Vietnamese alphabet (checked against a full Unicode
/// normalizer in the tests); other letters with these marks (`n` + tilde) and other combining
/// marks are left as they are.
pub fn compose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut starter: Option<char> = None;
    let mut marks: Vec<u8> = Vec::new();
    for c in text.chars() {
        match mark_index(c) {
            Some(m) if marks.len() < 32 => marks.push(m),
            _ => {
                flush(&mut out, starter.take(), &mut marks);
                match mark_index(c) {
                    Some(m) => marks.push(m),
                    None => starter = Some(c),
                }
            }
        }
    }
    flush(&mut out, starter, &mut marks);
    out
}

/// Writes a starter and the marks that follow it, composed.
fn flush(out: &mut String, starter: Option<char>, marks: &mut Vec<u8>) {
    let Some(mut base) = starter else {
        out.extend(marks.drain(..).map(|m| MARKS[m as usize].0));
        return;
    };
    if marks.is_empty() {
        out.push(base);
        return;
    }
    // Full canonical decomposition of the starter (its marks come before the ones that follow).
    let mut all: Vec<u8> = Vec::with_capacity(marks.len() + 2);
    while let Some((b, m)) = decompose_once(base) {
        all.insert(0, m);
        base = b;
    }
    all.append(marks);
    // Canonical order: stable insertion sort by combining class (a handful of marks).
    for i in 1..all.len() {
        let mut j = i;
        while j > 0 && MARKS[all[j - 1] as usize].1 > MARKS[all[j] as usize].1 {
            all.swap(j - 1, j);
            j -= 1;
        }
    }
    // Canonical composition: a mark joins the starter unless a mark left before it has the
    // same or a higher class (it is then blocked).
    let mut left: Vec<u8> = Vec::new();
    for m in all {
        let blocked = left.last().is_some_and(|&l| MARKS[l as usize].1 >= MARKS[m as usize].1);
        match (!blocked).then(|| compose_pair(base, m)).flatten() {
            Some(c) => base = c,
            None => left.push(m),
        }
    }
    out.push(base);
    out.extend(left.into_iter().map(|m| MARKS[m as usize].0));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_sorted() {
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// Every Vietnamese letter, written decomposed with its marks in every order, and written
    /// half-composed, composes to what a full Unicode normalizer gives.
    #[test]
    fn compose_matches_unicode_nfc_on_vietnamese_letters() {
        use unicode_normalization::UnicodeNormalization;
        let bases = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYdĐ";
        let marks: Vec<char> = MARKS.iter().map(|m| m.0).collect();
        let all = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
        let letters = format!("{all}{}", all.to_uppercase());
        // Inputs whose NFC is Vietnamese text: ASCII, Vietnamese letters and leftover marks.
        let vietnamese = |t: &str| t.chars().all(|c| c.is_ascii() || letters.contains(c) || marks.contains(&c));
        let mut checked = 0;
        for b in bases.chars() {
            for &m1 in &marks {
                for &m2 in &marks {
                    for s in [format!("{b}{m1}"), format!("{b}{m1}{m2}"), format!("x{b}{m2}{m1}y")] {
                        let want: String = s.nfc().collect();
                        if !vietnamese(&want) {
                            continue;
                        }
                        assert_eq!(compose(&s), want, "{s:?}");
                        let nfd: String = s.nfd().collect();
                        assert_eq!(compose(&nfd), want, "NFD of {s:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
        let nfd: String = all.nfd().collect();
        assert_eq!(compose(&nfd), all);
        assert_eq!(compose(&nfd.to_uppercase()), all.to_uppercase());
    }
}
