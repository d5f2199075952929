#!/usr/bin/env python3
"""Writes src/render/metrics.rs: advance widths (1/1000 em) of DejaVu Sans, for the characters
Vietnamese labels use (printable ASCII and every precomposed Vietnamese letter), regular and bold.

DejaVu Sans is the widest of the common sans-serif faces the SVG names (Arial, Helvetica and
Liberation Sans are narrower, Verdana about the same), so a label measured with it fits in each.
Run: python3 scripts/font_metrics.py > src/render/metrics.rs  (needs fontTools and the
fonts-dejavu-core package)."""
from fontTools.ttLib import TTFont

VI = ("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
chars = [chr(c) for c in range(32, 127)]
extra = sorted(set(VI + VI.upper() + "ĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ…–—“”‘’·×"))
def widths(path):
    f = TTFont(path)
    cmap, hmtx, upm = f.getBestCmap(), f["hmtx"], f["head"].unitsPerEm
    def w(ch):
        g = cmap.get(ord(ch))
        return round(hmtx[g][0] * 1000 / upm) if g else None
    return w
reg = widths("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
bold = widths("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
print("//! Advance widths of DejaVu Sans in 1/1000 em, written by `scripts/font_metrics.py`: do not")
print("//! edit by hand.")
print()
print("/// Printable ASCII (`' '`..=`'~'`): (regular, bold).")
print("pub(super) const ASCII: [(u16, u16); 95] = [")
for ch in chars:
    print(f"    ({reg(ch)}, {bold(ch)}), // {ch!r}")
print("];")
print()
print("/// Other characters of Vietnamese labels, sorted: (char, regular, bold).")
rows = [(ch, reg(ch), bold(ch)) for ch in extra if reg(ch) is not None]
print(f"pub(super) const OTHER: [(char, u16, u16); {len(rows)}] = [")
for ch, r, b in rows:
    print(f"    ('{ch}', {r}, {b}),")
print("];")
