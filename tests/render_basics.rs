//! The SVG writer and label metrics every renderer shares.

use lienthong::render::svg::{escape, num};
use lienthong::render::{Metrics, Svg};

#[test]
fn labels_from_data_are_escaped() {
    let mut s = Svg::new(100.0, 50.0, "lt-test", "t1", "Sơ đồ <b>", "mô tả & \"x\"");
    s.tag("g").attr("data-unit", "<script>alert(1)</script>").open();
    s.tag("text").num("x", 1.25).text("<script>alert('x')</script>\u{1}");
    let out = s.finish();
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<b>"), "{out}");
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\u{fffd}"), "{out}");
    assert!(out.contains(r#"aria-labelledby="t1-title t1-desc""#), "{out}");
    assert!(out.ends_with("</g></svg>"), "{out}");
    assert!(out.contains(r#"x="1.3""#), "{out}");
    assert_eq!(escape("a&b"), "a&amp;b");
}

#[test]
fn numbers_are_one_decimal_and_finite() {
    assert_eq!(num(12.0), "12");
    assert_eq!(num(12.04), "12");
    assert_eq!(num(-0.26), "-0.3");
    assert_eq!(num(f64::NAN), "0");
    assert_eq!(num(3.95), "4");
}

#[test]
fn vietnamese_labels_have_their_base_letters_width() {
    let m = Metrics::shipped();
    // Diacritics do not change a DejaVu Sans advance: "Ủy ban" is as wide as "Uy ban".
    assert_eq!(m.width("Ủy ban nhân dân", 12.0, false), m.width("Uy ban nhan dan", 12.0, false));
    // Decomposed (NFD) text measures the same as composed.
    assert_eq!(m.width("Hà", 12.0, false), m.width("Ha\u{300}", 12.0, false));
    assert!(m.width("Sở Nội vụ", 12.0, true) > m.width("Sở Nội vụ", 12.0, false));
    let cut = m.fit("Ủy ban nhân dân xã Thanh Liêm", 80.0, 12.0, false);
    assert!(cut.ends_with('…') && m.width(&cut, 12.0, false) <= 80.0, "{cut}");
    assert_eq!(m.fit("Sở", 80.0, 12.0, false), "Sở");
    let page = Metrics::with_widths([('a', 0.5)]);
    assert_eq!(page.width("aa", 10.0, false), 10.0);
}
