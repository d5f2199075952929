//! Pictures of the flow, drawn by the library itself as SVG text (SPEC §6): deterministic (the
//! same data gives the same bytes), every label from data escaped, themable through CSS custom
//! properties (`--lt-…`, see `pkg-config/lienthong.css`), accessible (a title and description,
//! focusable units), in Vietnamese by default.
//!
//! Each renderer is a free function from an analysis result to an SVG string. The shared pieces:
//! [`svg`] (the writer and escaping) and [`text`] (label widths).

pub mod charts;
pub mod flow_map;
mod metrics;
pub mod svg;
pub mod text;

pub use flow_map::{flow_layout, render_flow_svg, FlowLayout, FlowMapOptions};
pub use svg::Svg;
pub use text::Metrics;

/// `x` within `lo..=hi` (`lo` when `hi < lo`): `f64::clamp` without its panic, whose message
/// would bring the float formatter into the WebAssembly package.
pub(crate) fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}
