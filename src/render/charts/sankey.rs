//! The level Sankey: copies handed over between levels (SPEC §6). Sending levels stand in a
//! column on the left, receiving levels on the right, central on top; a band from one to the
//! other is as thick as its handovers. Down flows (directives) run downhill in blue, up flows
//! (reports) uphill in orange, same-level coordination across in grey. Units without a known
//! level form an "unknown level" row at the bottom.

use super::{
    figure, integer, legend, open_mark, rect, text, Anchor, ChartOptions, LegendItem, FONT, INK, MUTED, SMALL,
};
use crate::analysis::FlowGraph;
use crate::model::{Direction, Level};
use crate::render::svg::push_num;

/// Rows of the matrix: the four levels, then unknown.
const ROWS: usize = 5;

/// Handovers between levels: `matrix[from][to]`, levels top to bottom, unknown last.
pub fn level_flows(flow: &FlowGraph) -> [[u64; ROWS]; ROWS] {
    let g = &flow.graph;
    let mut m = [[0u64; ROWS]; ROWS];
    for e in g.edge_indices() {
        if let Some((a, b)) = g.edge_endpoints(e) {
            let slot = |l: Option<Level>| l.map_or(ROWS - 1, Level::index);
            m[slot(g[a].level)][slot(g[b].level)] += g[e].count;
        }
    }
    m
}

fn level_of(i: usize) -> Option<Level> {
    Level::from_index(i)
}

/// (class, default colour, Vietnamese, English) of a direction.
fn style(d: Direction) -> (&'static str, &'static str, &'static str, &'static str) {
    match d {
        Direction::Down => ("lt-sk-down", "#1e6fb8", "Xuống (chỉ đạo)", "Down (directives)"),
        Direction::Up => ("lt-sk-up", "#d9480f", "Lên (báo cáo)", "Up (reports)"),
        Direction::Same => ("lt-sk-same", "#7b8794", "Cùng cấp (phối hợp)", "Same level (coordination)"),
        Direction::Unknown => ("lt-sk-unknown", "#b0b7bf", "Chưa rõ cấp", "Unknown level"),
    }
}

/// The directions, in the legend's order.
const DIRS: [Direction; 4] = [Direction::Down, Direction::Up, Direction::Same, Direction::Unknown];

const NODE_W: f64 = 14.0;
const GAP: f64 = 14.0;

/// Renders the level Sankey of a flow graph.
pub fn render_sankey_svg(flow: &FlowGraph, o: &ChartOptions) -> String {
    let title = o.t("Luồng văn bản giữa các cấp", "Documents flowing between levels");
    let m = level_flows(flow);
    let (mut out, mut inn, mut total) = ([0u64; ROWS], [0u64; ROWS], 0);
    // Handovers by direction, in the order of `DIRS`.
    let mut by_dir = [0u64; 4];
    for i in 0..ROWS {
        for j in 0..ROWS {
            let v = m[i][j];
            out[i] += v;
            inn[j] += v;
            total += v;
            by_dir[Direction::between(level_of(i), level_of(j)) as usize] += v;
        }
    }
    if total == 0 {
        return o.empty("lt-sankey", title);
    }
    let w = o.w();
    let mut items: Vec<LegendItem<'_>> = Vec::new();
    let mut desc = String::new();
    for (&d, &n) in DIRS.iter().zip(&by_dir) {
        if n > 0 {
            let (class, fill, vi, en) = style(d);
            items.push(LegendItem { class, fill, label: o.t(vi, en) });
            figure(&mut desc, o.t(vi, en), &integer(n, o.locale));
        }
    }
    let natural = 380.0;
    let h = o.h(natural);
    let mut svg = o.start(h, "lt-sankey", title, &desc);
    let legend_h = legend(&mut svg, o, 8.0, 6.0, w - 16.0, &items);
    let head_y = 6.0 + legend_h + 14.0;
    text(&mut svg, 8.0, head_y, "lt-c-axis-title", Anchor::Start, SMALL, MUTED, o.t("Cấp gửi", "From level"));
    text(&mut svg, w - 8.0, head_y, "lt-c-axis-title", Anchor::End, SMALL, MUTED, o.t("Cấp nhận", "To level"));

    // Node columns: labels outside, nodes, bands between.
    let mut names = Vec::new();
    for i in 0..ROWS {
        names.push(o.level_name(level_of(i)).to_string());
    }
    let label_w = (o.widest(&names, FONT) + 8.0).max(o.metrics.width("000.000.000", SMALL, false)).min(w * 0.25);
    let (lx, rx) = (label_w + 12.0, w - label_w - 12.0 - NODE_W);
    let (top, bottom) = (head_y + 20.0, h - 10.0);
    let (mut left_n, mut right_n) = (0, 0);
    for i in 0..ROWS {
        left_n += usize::from(out[i] > 0);
        right_n += usize::from(inn[i] > 0);
    }
    let gaps = GAP * (left_n.max(right_n).max(1) - 1) as f64;
    let scale = ((bottom - top - gaps) / total as f64).max(0.0);
    // y of each node's top; nodes spread from the top, one GAP apart.
    let (mut ly, mut ry) = ([0.0; ROWS], [0.0; ROWS]);
    let (mut yl, mut yr) = (top, top);
    for i in 0..ROWS {
        ly[i] = yl;
        ry[i] = yr;
        if out[i] > 0 {
            yl += out[i] as f64 * scale + GAP;
        }
        if inn[i] > 0 {
            yr += inn[i] as f64 * scale + GAP;
        }
    }

    // Bands: from each sending level, its targets top to bottom; into each receiving level, its
    // sources top to bottom, so that bands do not cross at the nodes.
    svg.tag("g").attr("class", "lt-sk-bands").open();
    let mut left_off = [0.0f64; ROWS];
    let mut right_off = [0.0f64; ROWS];
    let mid = (lx + NODE_W + rx) / 2.0;
    for i in 0..ROWS {
        for j in 0..ROWS {
            let v = m[i][j];
            if v == 0 {
                continue;
            }
            let t = v as f64 * scale;
            let (a0, b0) = (ly[i] + left_off[i], ry[j] + right_off[j]);
            left_off[i] += t;
            right_off[j] += t;
            let d = Direction::between(level_of(i), level_of(j));
            let (class, fill, vi, en) = style(d);
            let (x0, x1) = (lx + NODE_W, rx);
            let mut path = String::new();
            for (c, x, y) in [
                ('M', x0, a0),
                ('C', mid, a0),
                (' ', mid, b0),
                (' ', x1, b0),
                ('L', x1, b0 + t),
                ('C', mid, b0 + t),
                (' ', mid, a0 + t),
                (' ', x0, a0 + t),
            ] {
                path.push(c);
                push_num(&mut path, x);
                path.push(' ');
                push_num(&mut path, y);
            }
            path.push('Z');
            svg.tag("path")
                .attr("class", &format!("lt-sk-band {class}"))
                .attr("d", &path)
                .attr("fill", fill)
                .attr("fill-opacity", "0.55")
                .attr("data-from", level_of(i).map_or("unknown", Level::as_str))
                .attr("data-to", level_of(j).map_or("unknown", Level::as_str))
                .attr("data-value", &v.to_string())
                .open();
            let tip = format!(
                "{} → {}: {} {} — {}",
                names[i],
                names[j],
                integer(v, o.locale),
                o.t("bản", "copies"),
                o.t(vi, en)
            );
            svg.tag("title").attr("class", "lt-c-tip").text(&tip);
            svg.close();
        }
    }
    svg.close();

    // Nodes: focusable, one per level and side.
    for (side, sizes, ys, x) in [("from", &out, &ly, lx), ("to", &inn, &ry, rx)] {
        svg.tag("g").attr("class", &format!("lt-sk-nodes lt-sk-{side}")).open();
        for i in 0..ROWS {
            let v = sizes[i];
            if v == 0 {
                continue;
            }
            let hgt = (v as f64 * scale).max(1.0);
            let verb = if side == "from" { o.t("gửi", "sent") } else { o.t("nhận", "received") };
            let tip = format!("{}: {} {} {}", names[i], verb, integer(v, o.locale), o.t("bản", "copies"));
            open_mark(&mut svg, "lt-sk-node", ("data-level", level_of(i).map_or("unknown", Level::as_str)), &tip, &tip);
            rect(&mut svg, x, ys[i], NODE_W, hgt, "lt-sk-bar", "#3e4c59").end();
            let (tx, anchor) = if side == "from" { (x - 6.0, Anchor::End) } else { (x + NODE_W + 6.0, Anchor::Start) };
            let cy = ys[i] + hgt / 2.0;
            text(&mut svg, tx, cy, "lt-c-label", anchor, FONT, INK, &names[i]);
            text(&mut svg, tx, cy + 13.0, "lt-c-value", anchor, SMALL, MUTED, &integer(v, o.locale));
            svg.close();
        }
        svg.close();
    }
    svg.finish()
}
