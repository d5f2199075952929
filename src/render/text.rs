//! Label widths: the renderers lay labels out without a browser, so they measure text with
//! font metrics shipped in the crate (DejaVu Sans, see [`super::metrics`]) or with widths the
//! page measured itself ([`Metrics::with_widths`], e.g. from a canvas `measureText`).

use super::metrics::{ASCII, OTHER};
use std::borrow::Cow;

/// How wide characters are, in 1/1000 em.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// Widths given by the page, sorted by character: (char, regular, bold).
    given: Vec<(char, u16, u16)>,
}

/// Width of a character the tables do not know: wide enough for most Latin letters.
const UNKNOWN: (u16, u16) = (640, 700);

impl Metrics {
    /// The shipped metrics (DejaVu Sans).
    pub fn shipped() -> Metrics {
        Metrics::default()
    }

    /// The shipped metrics, overridden by widths the page measured: `(char, em)` pairs for
    /// regular text (bold is taken 8% wider). Widths outside 0..=4 em are ignored.
    pub fn with_widths(widths: impl IntoIterator<Item = (char, f64)>) -> Metrics {
        let mut given: Vec<(char, u16, u16)> = Vec::new();
        for (c, w) in widths {
            if w.is_finite() && (0.0..=4.0).contains(&w) {
                given.push((c, (w * 1000.0).round() as u16, (w * 1080.0).round() as u16));
            }
        }
        // The crate's one shared sort: a std sort here would add its own copy to the wasm.
        crate::analysis::order::sort_by(&mut given, |a, b| a.0.cmp(&b.0));
        given.dedup_by_key(|g| g.0);
        Metrics { given }
    }

    /// Width of one character in 1/1000 em.
    pub fn char_milli_em(&self, c: char, bold: bool) -> u16 {
        let pick = |(r, b): (u16, u16)| if bold { b } else { r };
        if let Ok(i) = self.given.binary_search_by_key(&c, |g| g.0) {
            return pick((self.given[i].1, self.given[i].2));
        }
        match c {
            ' '..='~' => pick(ASCII[c as usize - 32]),
            // Combining marks (Vietnamese tones in decomposed text) take no width.
            '\u{300}'..='\u{36f}' => 0,
            _ => match OTHER.binary_search_by_key(&c, |o| o.0) {
                Ok(i) => pick((OTHER[i].1, OTHER[i].2)),
                // East Asian wide characters take a full em.
                Err(_) if ('\u{1100}'..='\u{ffdc}').contains(&c) && !('\u{1e00}'..='\u{1fff}').contains(&c) => {
                    pick((1000, 1000))
                }
                Err(_) => pick(UNKNOWN),
            },
        }
    }

    /// Width of `text` in pixels at font size `px`.
    pub fn width(&self, text: &str, px: f64, bold: bool) -> f64 {
        let mut milli = 0u32;
        for c in text.chars() {
            milli += u32::from(self.char_milli_em(c, bold));
        }
        f64::from(milli) * px / 1000.0
    }

    /// `text` cut to fit in `max` pixels, with `…` when cut (at a character boundary; nothing
    /// is cut when it fits).
    pub fn fit<'a>(&self, text: &'a str, max: f64, px: f64, bold: bool) -> Cow<'a, str> {
        if self.width(text, px, bold) <= max {
            return Cow::Borrowed(text);
        }
        let limit = max - self.width("…", px, bold);
        let mut used = 0.0;
        let mut end = 0;
        for (i, c) in text.char_indices() {
            let w = f64::from(self.char_milli_em(c, bold)) * px / 1000.0;
            if used + w > limit {
                break;
            }
            used += w;
            end = i + c.len_utf8();
        }
        Cow::Owned(format!("{}…", text[..end].trim_end()))
    }
}
