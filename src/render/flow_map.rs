//! The flow map (SPEC §6): units in horizontal bands by level (central on top; only the levels
//! present, so post-2025 data has three), handover edges sized by volume and coloured by transit
//! time against a norm, nodes sized by work in progress with overdue badges.
//!
//! Two steps, both public so that tests check the geometry: [`flow_layout`] computes every
//! position (nodes, label boxes, edge paths, legend) and [`render_flow_svg`] writes it.
//!
//! - **Order.** Units start in id order, children grouped under their parent; then barycentre
//!   sweeps (down and up, four rounds) move each unit towards the mean position of its
//!   neighbours (handovers and its parent), ties kept by the previous order; the order with the
//!   fewest crossings between band pairs is kept. Nothing depends on the order the data was
//!   loaded in: the same data gives the same bytes.
//! - **Aggregation.** When there are more units than [`FlowMapOptions::max_units`], the quiet
//!   units of a crowded band (no overdue copy first, then the fewest overdue, then the lowest
//!   volume; never the selected unit) are drawn as one node per
//!   parent, "N xã của …" (`data-group` = the parent id), until the band fits its share; the page
//!   expands a group by passing the parent id in [`FlowMapOptions::expand`]. A band still wider
//!   than the canvas wraps into rows.
//! - **Edges.** Between rows, a cubic curve; edges drawn upwards (reports, returns) start and end
//!   beside the node centre and bow to the right, so a cycle A→B→A is two separate curves. Within a
//!   row, an arc: above for left-to-right, below for right-to-left. Stroke width grows with the
//!   square root of the count (capped); colour class by median working transit against the norm
//!   (docs/SEMANTICS.md "Flow map").
//! - **Labels.** Fitted to the space of their slot with [`Metrics::fit`] (staggered on two lines
//!   when slots are narrow; administrative prefixes such as "UBND xã" dropped first); a label
//!   that would still overlap another is hidden, and the full name stays in the node's `<title>`.
//!
//! # Complexity
//! O(E² / bands) for the crossing counts and O(L²) for the label check, with E drawn edges and L
//! drawn labels (both bounded by the aggregation): a 300-unit province lays out in milliseconds.

use super::clamp;
use super::svg::Svg;
use super::text::Metrics;
use crate::analysis::bottlenecks::{human_duration, human_working_duration};
use crate::analysis::flow::FlowGraph;
use crate::analysis::order::sort_by;
use crate::locale::Locale;
use crate::model::{Direction, Level};

/// Options of the flow map.
#[derive(Debug, Clone)]
pub struct FlowMapOptions {
    /// Canvas width in px (at least 320). Default 960.
    pub width: f64,
    /// Minimum canvas height in px; the height grows with the content. Default 0.
    pub height: f64,
    /// Language of the labels. Default Vietnamese.
    pub locale: Locale,
    /// Prefix of the ids in the picture (several pictures on one page). Default `lt-flow`.
    pub id_prefix: String,
    /// Parent ids whose aggregated group is drawn unit by unit.
    pub expand: Vec<String>,
    /// The selected unit (drawn highlighted, never aggregated).
    pub selected: Option<String>,
    /// Label widths.
    pub metrics: Metrics,
    /// Norm of the transit colours, working ms; `None`: the median transit of the flow (see
    /// [`transit_norm`]).
    pub norm_ms: Option<f64>,
    /// Units drawn before quiet ones are aggregated. Default 80.
    pub max_units: usize,
    /// Length of a working day in ms, to say durations in working days. Default 8 h.
    pub working_day_ms: i64,
    /// Durations are calendar time (no working calendar): say "ngày", not "ngày làm việc".
    pub calendar_time: bool,
    /// Leave out idle units: no visit, no work in progress, nothing incoming, no handover in
    /// the query (the selected unit is always drawn). Default `true`.
    pub hide_idle: bool,
}

impl Default for FlowMapOptions {
    fn default() -> Self {
        FlowMapOptions {
            width: 960.0,
            height: 0.0,
            locale: Locale::Vi,
            id_prefix: "lt-flow".into(),
            expand: Vec::new(),
            selected: None,
            metrics: Metrics::shipped(),
            norm_ms: None,
            max_units: 80,
            working_day_ms: 8 * crate::model::HOUR_MS,
            calendar_time: false,
            hide_idle: true,
        }
    }
}

/// A box in px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the two boxes share any area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Whether the box lies within `0..width` × `0..height`.
    pub fn within(&self, width: f64, height: f64) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= width && self.y + self.h <= height
    }
}

/// A horizontal band of one level.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The level (`None`: units of unknown level, drawn last).
    pub level: Option<Level>,
    /// Top of the band.
    pub y: f64,
    /// Height of the band.
    pub height: f64,
    /// Rows the band wraps into.
    pub rows: usize,
    /// The band's title ("Xã", "Commune").
    pub label: String,
    /// Where the title is drawn.
    pub label_box: Rect,
}

/// What a drawn node stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// One unit.
    Unit,
    /// Quiet units of one parent drawn as one node; `parent` is the parent's id.
    Group {
        /// The parent unit id (`data-group`).
        parent: String,
        /// Ids of the units in the group, sorted.
        members: Vec<String>,
    },
}

/// A drawn node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    /// Unit id (for a group: the parent id).
    pub id: String,
    /// Unit or group.
    pub kind: NodeKind,
    /// Full name (the tooltip).
    pub name: String,
    /// Level.
    pub level: Option<Level>,
    /// Band index.
    pub band: usize,
    /// Row within the band.
    pub row: usize,
    /// Centre.
    pub x: f64,
    /// Centre.
    pub y: f64,
    /// Radius (by work in progress).
    pub r: f64,
    /// Work in progress (summed over a group).
    pub wip: u64,
    /// Overdue copies held.
    pub overdue: u64,
    /// Handovers in and out (summed over a group).
    pub volume: u64,
    /// The label drawn (possibly shortened), `None` when hidden.
    pub label: Option<String>,
    /// Where the label is drawn (text-anchor middle at the box centre).
    pub label_box: Option<Rect>,
    /// The selected unit.
    pub selected: bool,
}

/// Transit time of an edge against the norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transit {
    /// Median within the norm.
    Ok,
    /// Up to twice the norm.
    Warn,
    /// More than twice the norm.
    Bad,
    /// No handover arrived yet.
    Pending,
}

impl Transit {
    /// CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Transit::Ok => "lt-ok",
            Transit::Warn => "lt-warn",
            Transit::Bad => "lt-bad",
            Transit::Pending => "lt-pending",
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Transit::Ok => "#2f855a",
            Transit::Warn => "#b7791f",
            Transit::Bad => "#c53030",
            Transit::Pending => "#718096",
        }
    }
}

/// A drawn edge: the handovers between two drawn nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    /// Index of the source node in [`FlowLayout::nodes`].
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// Handovers.
    pub count: u64,
    /// Of those, still in transit.
    pub in_transit: u64,
    /// Median working transit (for merged edges of a group: the count-weighted mean of the
    /// medians), `None` when none arrived.
    pub median_ms: Option<f64>,
    /// Direction by level.
    pub direction: Direction,
    /// Colour class.
    pub transit: Transit,
    /// Stroke width.
    pub width: f64,
    /// The path's points: start, control points, end (the curve stays in their hull).
    pub points: Vec<(f64, f64)>,
    /// `true`: quadratic (an arc within a row), `false`: cubic.
    pub arc: bool,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// What the swatch shows: a transit class, `node` or `badge`.
    pub swatch: &'static str,
    /// The text.
    pub text: String,
    /// Box of swatch and text.
    pub rect: Rect,
}

/// The computed flow map.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLayout {
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Bands, top to bottom.
    pub bands: Vec<Band>,
    /// Drawn nodes in reading order: band by band, row by row, left to right (the keyboard's
    /// order too).
    pub nodes: Vec<NodeBox>,
    /// Drawn edges, by (source id, target id).
    pub edges: Vec<EdgePath>,
    /// The transit norm used, working ms.
    pub norm_ms: f64,
    /// Units in the flow (before aggregation).
    pub units: usize,
    /// Handovers in the flow.
    pub handovers: u64,
    /// Legend entries.
    pub legend: Vec<LegendItem>,
}

impl FlowLayout {
    /// Every label box drawn: band titles, node labels, legend entries.
    pub fn label_boxes(&self) -> Vec<Rect> {
        let mut out = Vec::new();
        for b in &self.bands {
            out.push(b.label_box);
        }
        for n in &self.nodes {
            out.extend(n.label_box);
        }
        for l in &self.legend {
            out.push(l.rect);
        }
        out
    }
}

const MARGIN: f64 = 16.0;
const FONT: f64 = 11.0;
const LINE: f64 = 14.0;
const BAND_TITLE: f64 = 22.0;
const BAND_GAP: f64 = 28.0;
const MIN_SLOT: f64 = 40.0;
const R_MIN: f64 = 5.0;
const R_MAX: f64 = 18.0;
const MAX_STROKE: f64 = 8.0;
/// The shortest transit norm: a quarter of a working hour.
pub const MIN_NORM_MS: f64 = 15.0 * 60_000.0;

/// The default norm: the median working transit over arrived handovers, taking each edge's
/// median for its handovers (the count-weighted median of the edges' medians). 0 when none
/// arrived.
pub fn transit_norm(flow: &FlowGraph) -> f64 {
    // Loops rather than iterator chains in this file: each `collect` of a new closure is another
    // instance in the wasm.
    let mut pairs: Vec<(f64, u64)> = Vec::new();
    for e in flow.graph.edge_weights() {
        if e.transit_working.count > 0 {
            pairs.push((e.transit_working.median_ms, e.transit_working.count));
        }
    }
    sort_by(&mut pairs, |a, b| a.0.total_cmp(&b.0));
    let mut total = 0;
    for p in &pairs {
        total += p.1;
    }
    let mut seen = 0;
    for (m, c) in &pairs {
        seen += c;
        if seen * 2 >= total {
            return *m;
        }
    }
    0.0
}

fn transit_class(median: Option<f64>, norm: f64) -> Transit {
    match median {
        None => Transit::Pending,
        Some(m) if m <= norm => Transit::Ok,
        Some(m) if m <= 2.0 * norm => Transit::Warn,
        Some(_) => Transit::Bad,
    }
}

/// The band title of a level.
pub fn level_title(level: Option<Level>, locale: Locale) -> &'static str {
    match level {
        Some(Level::Central) => locale.pick("Trung ương", "Central"),
        Some(Level::Province) => locale.pick("Tỉnh", "Province"),
        Some(Level::District) => locale.pick("Huyện", "District"),
        Some(Level::Commune) => locale.pick("Xã", "Commune"),
        None => locale.pick("Chưa rõ cấp", "Unknown level"),
    }
}

fn band_of(level: Option<Level>) -> usize {
    level.map_or(4, Level::index)
}

/// A unit before aggregation (borrowed from the flow graph: no copies of its texts).
struct Unit<'a> {
    id: &'a str,
    name: &'a str,
    level: Option<Level>,
    parent: Option<&'a str>,
    wip: u64,
    overdue: u64,
    volume: u64,
}

/// Source edge between units (indices into the sorted units), or between drawn nodes.
#[derive(Clone, Copy)]
struct UnitEdge {
    a: usize,
    b: usize,
    count: u64,
    in_transit: u64,
    arrived: u64,
    median: f64,
}

/// Lays the flow map out. See the module documentation for the rules.
pub fn flow_layout(flow: &FlowGraph, options: &FlowMapOptions) -> FlowLayout {
    let g = &flow.graph;
    let locale = options.locale;
    let width = if options.width.is_finite() { options.width.clamp(320.0, 20_000.0) } else { 960.0 };
    // Units sorted by id: nothing depends on the order of the graph.
    let mut units: Vec<Unit> = Vec::with_capacity(g.node_count());
    for (ix, n) in g.node_indices().zip(g.node_weights()) {
        // An idle unit (no visit, nothing held or coming, no handover in the window) is not part
        // of the flow: a district dissolved by the 2025 reform, over a window after it.
        let idle = n.visits == 0
            && n.wip == 0
            && n.incoming == 0
            && g.neighbors_undirected(ix).next().is_none()
            && options.selected.as_deref() != Some(n.id.as_str());
        if idle && options.hide_idle {
            continue;
        }
        units.push(Unit {
            id: &n.id,
            name: n.name.as_deref().unwrap_or(&n.id),
            level: n.level,
            parent: n.parent.as_deref(),
            wip: n.wip,
            overdue: n.overdue,
            volume: 0,
        });
    }
    sort_by(&mut units, |a, b| a.id.cmp(b.id));
    let index_of = |id: &str| unit_index(&units, id);
    let mut uedges: Vec<UnitEdge> = Vec::new();
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else { continue };
        let (Some(a), Some(b)) = (index_of(&g[a].id), index_of(&g[b].id)) else { continue };
        let w = &g[e];
        uedges.push(UnitEdge {
            a,
            b,
            count: w.count,
            in_transit: w.in_transit,
            arrived: w.transit_working.count,
            median: w.transit_working.median_ms,
        });
    }
    sort_by(&mut uedges, |x, y| (x.a, x.b).cmp(&(y.a, y.b)));
    let mut volume = vec![0u64; units.len()];
    for e in &uedges {
        volume[e.a] += e.count;
        volume[e.b] += e.count;
    }
    for (u, v) in units.iter_mut().zip(volume) {
        u.volume = v;
    }
    let index_of = |id: &str| unit_index(&units, id);
    // Below a quarter of a working hour, transit is "at once" (electronic documents): no norm
    // is shorter.
    let norm =
        options.norm_ms.filter(|n| n.is_finite() && *n >= 0.0).unwrap_or_else(|| transit_norm(flow)).max(MIN_NORM_MS);
    let usable = width - 2.0 * MARGIN;
    let per_row_max = ((usable / MIN_SLOT).floor() as usize).max(1);

    // Aggregation: which units are drawn inside a group (by parent).
    let group_of = aggregate(&units, options, per_row_max);

    // Drawn nodes: units not grouped, and one node per group.
    let mut nodes: Vec<NodeBox> = Vec::new();
    let mut node_of = vec![usize::MAX; units.len()];
    // (band, parent id, node) of the groups made so far. (No map types here: each costs the
    // wasm a few kilobytes.)
    let mut groups: Vec<(usize, &str, usize)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let band = band_of(u.level);
        match &group_of[i] {
            None => {
                node_of[i] = nodes.len();
                nodes.push(NodeBox {
                    id: u.id.to_string(),
                    kind: NodeKind::Unit,
                    name: u.name.to_string(),
                    level: u.level,
                    band,
                    row: 0,
                    x: 0.0,
                    y: 0.0,
                    r: 0.0,
                    wip: u.wip,
                    overdue: u.overdue,
                    volume: u.volume,
                    label: None,
                    label_box: None,
                    selected: options.selected.as_deref() == Some(u.id),
                });
            }
            Some(parent) => {
                let found = groups.iter().find(|g| g.0 == band && g.1 == parent.as_str()).map(|g| g.2);
                let k = found.unwrap_or_else(|| {
                    groups.push((band, parent.as_str(), nodes.len()));
                    nodes.push(NodeBox {
                        id: parent.clone(),
                        kind: NodeKind::Group { parent: parent.clone(), members: Vec::new() },
                        name: String::new(),
                        level: u.level,
                        band,
                        row: 0,
                        x: 0.0,
                        y: 0.0,
                        r: 0.0,
                        wip: 0,
                        overdue: 0,
                        volume: 0,
                        label: None,
                        label_box: None,
                        selected: false,
                    });
                    nodes.len() - 1
                });
                node_of[i] = k;
                let n = &mut nodes[k];
                n.wip += u.wip;
                n.overdue += u.overdue;
                n.volume += u.volume;
                if let NodeKind::Group { members, .. } = &mut n.kind {
                    members.push(u.id.to_string());
                }
            }
        }
    }
    for n in &mut nodes {
        if let NodeKind::Group { parent, members } = &n.kind {
            let pname = index_of(parent).map_or(parent.as_str(), |p| units[p].name);
            n.name = group_name(members.len(), n.level, pname, locale);
        }
    }

    // Edges between drawn nodes, merged; edges inside a group are not drawn.
    let mut mapped: Vec<UnitEdge> = Vec::with_capacity(uedges.len());
    for e in &uedges {
        if node_of[e.a] != node_of[e.b] {
            mapped.push(UnitEdge { a: node_of[e.a], b: node_of[e.b], median: e.median * e.arrived as f64, ..*e });
        }
    }
    sort_by(&mut mapped, |x, y| (x.a, x.b).cmp(&(y.a, y.b)));
    // (a, b) unique; `median` holds the sum of median × arrived until the division below.
    let mut merged: Vec<UnitEdge> = Vec::with_capacity(mapped.len());
    for e in mapped {
        match merged.last_mut() {
            Some(m) if (m.a, m.b) == (e.a, e.b) => {
                m.count += e.count;
                m.in_transit += e.in_transit;
                m.arrived += e.arrived;
                m.median += e.median;
            }
            _ => merged.push(e),
        }
    }

    // Bands present, top to bottom.
    let mut present = [false; 5];
    for n in &nodes {
        present[n.band] = true;
    }
    let mut rank = [usize::MAX; 5];
    let mut band_count = 0;
    for b in 0..5 {
        if present[b] {
            rank[b] = band_count;
            band_count += 1;
        }
    }
    for n in &mut nodes {
        n.band = rank[n.band];
    }

    // Neighbours for the barycentre sweeps: handovers (weight 1) and the parent (weight 2).
    let mut nbrs: Vec<Vec<(usize, f64)>> = Vec::with_capacity(nodes.len());
    for _ in 0..nodes.len() {
        nbrs.push(Vec::new());
    }
    for &UnitEdge { a, b, .. } in &merged {
        if nodes[a].band != nodes[b].band {
            nbrs[a].push((b, 1.0));
            nbrs[b].push((a, 1.0));
        }
    }
    let node_by_id = |id: &str, nodes: &[NodeBox]| -> Option<usize> {
        index_of(id).map(|u| node_of[u]).filter(|&k| k != usize::MAX && nodes[k].id == id)
    };
    let mut anchor = vec![None; nodes.len()];
    for k in 0..nodes.len() {
        let parent = match &nodes[k].kind {
            NodeKind::Unit => index_of(&nodes[k].id).and_then(|u| units[u].parent),
            NodeKind::Group { parent, .. } => Some(parent.as_str()),
        };
        if let Some(p) = parent.and_then(|p| node_by_id(p, &nodes)) {
            if nodes[p].band < nodes[k].band {
                anchor[k] = Some(p);
                nbrs[k].push((p, 2.0));
                nbrs[p].push((k, 2.0));
            }
        }
    }
    let order = order_bands(&nodes, &nbrs, &anchor, band_count, &merged);

    // Geometry.
    // Sizes on the scale of single units (a group's summed WIP takes the largest size).
    let mut max_wip = 1;
    for n in &nodes {
        if n.kind == NodeKind::Unit {
            max_wip = max_wip.max(n.wip);
        }
    }
    let max_wip = max_wip as f64;
    let mut bands = Vec::new();
    let mut y = 8.0;
    let metrics = &options.metrics;
    let mut placed: Vec<Rect> = Vec::new();
    for row_nodes in &order {
        let level = nodes[row_nodes[0]].level;
        let n = row_nodes.len();
        let rows = n.div_ceil(per_row_max);
        let per_row = n.div_ceil(rows);
        let spacing = usable / per_row as f64;
        let r_max = R_MAX.min(spacing / 2.0 - 3.0).max(R_MIN);
        // Labels: one line when they have room, staggered on two lines otherwise.
        let stagger = spacing < 90.0 && per_row > 1;
        let label_w = if stagger { 2.0 * spacing - 8.0 } else { spacing - 6.0 };
        let lines = if stagger { 2.0 } else { 1.0 };
        let row_h = 2.0 * r_max + 8.0 + lines * LINE + 8.0;
        let title = level_title(level, locale).to_string();
        let tw = metrics.width(&title, FONT, true);
        let label_box = Rect { x: MARGIN, y: y + 5.0, w: tw, h: LINE };
        placed.push(label_box);
        let height = BAND_TITLE + rows as f64 * row_h;
        for (j, &k) in row_nodes.iter().enumerate() {
            let (row, col) = (j / per_row, j % per_row);
            let in_row = if row + 1 == rows { n - row * per_row } else { per_row };
            // A short last row is centred under the full ones.
            let offset = (per_row - in_row) as f64 * spacing / 2.0;
            let node = &mut nodes[k];
            node.row = row;
            node.x = MARGIN + offset + (col as f64 + 0.5) * spacing;
            node.y = y + BAND_TITLE + row as f64 * row_h + 8.0 + r_max;
            node.r = R_MIN + (node.wip as f64 / max_wip).min(1.0).sqrt() * (r_max - R_MIN);
            let line = if stagger && col % 2 == 1 { 1.0 } else { 0.0 };
            let base = node.y + r_max + 4.0 + line * LINE;
            let fitted = fit_label(metrics, &node.name, &node.kind, node.level, label_w);
            if let Some(text) = fitted {
                let w = metrics.width(&text, FONT, false);
                let x = clamp(node.x - w / 2.0, 1.0, width - w - 1.0);
                node.label = Some(text);
                node.label_box = Some(Rect { x, y: base, w, h: LINE - 1.0 });
            }
        }
        bands.push(Band { level, y, height, rows, label: title, label_box });
        y += height + BAND_GAP;
    }
    // No two labels overlap: a label that would is shortened, then hidden.
    for band in &order {
        for &k in band {
            let Some(b) = nodes[k].label_box else { continue };
            if !placed.iter().any(|p| p.overlaps(&b)) {
                placed.push(b);
                continue;
            }
            let node = &mut nodes[k];
            let short = fit_label(metrics, &node.name, &node.kind, node.level, b.w / 2.0);
            let mut fixed = None;
            if let Some(text) = short {
                let w = metrics.width(&text, FONT, false);
                let nb = Rect { x: clamp(node.x - w / 2.0, 1.0, width - w - 1.0), w, ..b };
                if !placed.iter().any(|p| p.overlaps(&nb)) {
                    fixed = Some((text, nb));
                }
            }
            match fixed {
                Some((text, nb)) => {
                    placed.push(nb);
                    node.label = Some(text);
                    node.label_box = Some(nb);
                }
                None => {
                    node.label = None;
                    node.label_box = None;
                }
            }
        }
    }
    let content_bottom = y - BAND_GAP + 12.0;

    // Nodes in reading order (band by band, left to right): the SVG's order is the keyboard's.
    let mut new_ix = vec![0usize; nodes.len()];
    let mut slots: Vec<Option<NodeBox>> = Vec::with_capacity(nodes.len());
    for n in nodes {
        slots.push(Some(n));
    }
    let mut nodes = Vec::with_capacity(slots.len());
    for band in &order {
        for &k in band {
            new_ix[k] = nodes.len();
            nodes.extend(slots[k].take());
        }
    }

    // Edges.
    // Widths relative to the busiest edge, but a handful of handovers never draws wide.
    let mut max_count = 25;
    for m in &merged {
        max_count = max_count.max(m.count);
    }
    let max_count = max_count as f64;
    let mut edges: Vec<EdgePath> = Vec::with_capacity(merged.len());
    for &UnitEdge { a, b, count, in_transit, arrived, median: msum } in &merged {
        let (a, b) = (new_ix[a], new_ix[b]);
        let median = (arrived > 0).then(|| msum / arrived as f64);
        let direction = Direction::between(nodes[a].level, nodes[b].level);
        let (points, arc) = edge_points(&nodes[a], &nodes[b], width);
        edges.push(EdgePath {
            from: a,
            to: b,
            count,
            in_transit,
            median_ms: median,
            direction,
            transit: transit_class(median, norm),
            width: (1.0 + (count as f64 / max_count).sqrt() * (MAX_STROKE - 1.0)).min(MAX_STROKE),
            points,
            arc,
        });
    }
    sort_by(&mut edges, |x, y| (&nodes[x.from].id, &nodes[x.to].id).cmp(&(&nodes[y.from].id, &nodes[y.to].id)));

    // Legend, wrapped to the width.
    let words = Words { day_ms: options.working_day_ms, calendar: options.calendar_time, locale };
    let norm_text = words.say(norm);
    let entries: [(&'static str, String); 6] = [
        ("lt-ok", format!("{} ({norm_text})", locale.pick("chuyển ≤ chuẩn", "transit ≤ norm"))),
        ("lt-warn", locale.pick("≤ 2× chuẩn", "≤ 2× norm").to_string()),
        ("lt-bad", locale.pick("> 2× chuẩn", "> 2× norm").to_string()),
        ("lt-pending", locale.pick("chưa đến", "not arrived").to_string()),
        ("node", locale.pick("cỡ: văn bản đang xử lý", "size: work in progress").to_string()),
        ("badge", locale.pick("số văn bản quá hạn", "overdue documents").to_string()),
    ];
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (MARGIN, content_bottom + 6.0);
    for (swatch, text) in entries {
        let w = 26.0 + metrics.width(&text, FONT, false);
        if lx + w > width - MARGIN && lx > MARGIN {
            lx = MARGIN;
            ly += LINE + 6.0;
        }
        legend.push(LegendItem { swatch, text, rect: Rect { x: lx, y: ly, w: w.min(width - MARGIN - lx), h: LINE } });
        lx += w + 18.0;
    }
    let bottom = ly + LINE + 10.0;
    let height = if options.height.is_finite() { bottom.max(options.height.min(50_000.0)) } else { bottom };
    FlowLayout {
        width,
        height,
        bands,
        nodes,
        edges,
        norm_ms: norm,
        units: units.len(),
        handovers: flow.handovers,
        legend,
    }
}

/// The position of unit `id` in the units sorted by id.
fn unit_index(units: &[Unit], id: &str) -> Option<usize> {
    units.binary_search_by(|u| u.id.cmp(id)).ok()
}

/// Marks the units drawn inside a group: `Some(parent id)`.
fn aggregate(units: &[Unit], options: &FlowMapOptions, per_row: usize) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(units.len());
    for _ in units {
        out.push(None);
    }
    let total = units.len();
    if total <= options.max_units.max(1) {
        return out;
    }
    for band in 0..5 {
        let mut members: Vec<usize> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            if band_of(u.level) == band {
                members.push(i);
            }
        }
        // A band keeps its share of `max_units`, and never less than one full row.
        let budget = (options.max_units * members.len() / total).max(per_row);
        if members.len() <= budget {
            continue;
        }
        let mut quiet: Vec<usize> = Vec::new();
        for &i in &members {
            let u = &units[i];
            if options.selected.as_deref() != Some(u.id) && u.parent.is_some_and(|p| unit_index(units, p).is_some()) {
                quiet.push(i);
            }
        }
        // Quietest first: no overdue copy, then the fewest, then the lowest volume.
        sort_by(&mut quiet, |&a, &b| {
            let key = |i: usize| (units[i].overdue, units[i].volume);
            key(a).cmp(&key(b)).then_with(|| units[a].id.cmp(units[b].id))
        });
        let mut drawn = members.len();
        // Members marked per parent.
        let mut in_group: Vec<(&str, usize)> = Vec::new();
        let mut marked = Vec::new();
        for &i in &quiet {
            if drawn <= budget {
                break;
            }
            let p = units[i].parent.unwrap_or("");
            let c = match in_group.iter().position(|g| g.0 == p) {
                Some(k) => {
                    in_group[k].1 += 1;
                    in_group[k].1
                }
                None => {
                    in_group.push((p, 1));
                    1
                }
            };
            // The first member turns a unit into a group node: no fewer nodes yet.
            if c > 1 {
                drawn -= 1;
            }
            marked.push(i);
        }
        for i in marked {
            let p = units[i].parent.unwrap_or("");
            // A group of one is just the unit; an expanded group is drawn unit by unit (the
            // other groups stay as they were, so the picture does not jump).
            let marked_here = in_group.iter().find(|g| g.0 == p).map_or(0, |g| g.1);
            if marked_here > 1 && !options.expand.iter().any(|e| e == p) {
                out[i] = units[i].parent.map(String::from);
            }
        }
    }
    out
}

fn group_name(n: usize, level: Option<Level>, parent: &str, locale: Locale) -> String {
    let (vi, en) = match level {
        Some(Level::Commune) => ("xã", "communes"),
        Some(Level::District) => ("huyện", "districts"),
        _ => ("đơn vị", "units"),
    };
    match locale {
        Locale::Vi => format!("{n} {vi} của {parent}"),
        Locale::En => format!("{n} {en} of {parent}"),
    }
}

/// The name without its administrative prefix ("UBND xã Thanh Liêm" → "Thanh Liêm").
fn short_name(name: &str) -> &str {
    let mut s = name.trim();
    for p in ["UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "] {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            break;
        }
    }
    for p in ["thành phố ", "thị xã ", "thị trấn ", "huyện ", "quận ", "phường ", "tỉnh ", "xã ", "đặc khu "]
    {
        if let Some(rest) = s.strip_prefix(p) {
            if !rest.trim().is_empty() {
                return rest.trim();
            }
        }
    }
    // Nothing but a level word left ("UBND huyện"): the full name.
    if s.chars().any(char::is_whitespace) || s.len() > 12 {
        s
    } else {
        name.trim()
    }
}

/// A label for a node within `max` px: the name (a district's or commune's short form), else
/// its short form, cut with `…`; `None` when not even a few letters fit.
fn fit_label(metrics: &Metrics, name: &str, kind: &NodeKind, level: Option<Level>, max: f64) -> Option<String> {
    if max < 3.0 * FONT {
        return None;
    }
    // Districts and communes go by their place name: the band title says the level.
    let local = matches!(level, Some(Level::District | Level::Commune)) && *kind == NodeKind::Unit;
    let name = if local { short_name(name) } else { name };
    if metrics.width(name, FONT, false) <= max {
        return Some(name.to_string());
    }
    let text = match kind {
        // "12 xã của UBND huyện X" → "12 xã của X", else "12 xã"
        NodeKind::Group { members, .. } => {
            let (head, sep, parent) = match name.split_once(" của ") {
                Some((h, p)) => (h, " của ", p),
                None => name.split_once(" of ").map_or((name, "", ""), |(h, p)| (h, " of ", p)),
            };
            let with_place = format!("{head}{sep}{}", short_name(parent));
            for text in [with_place.as_str(), head] {
                if metrics.width(text, FONT, false) <= max {
                    return Some(text.to_string());
                }
            }
            format!("{}", members.len())
        }
        NodeKind::Unit => short_name(name).to_string(),
    };
    let cut = metrics.fit(&text, max, FONT, false);
    (cut.chars().count() >= 2 || cut == text).then(|| cut.into_owned())
}

/// Orders every band: initial order by parent and id, then barycentre sweeps; keeps the order
/// with the fewest crossings.
fn order_bands(
    nodes: &[NodeBox],
    nbrs: &[Vec<(usize, f64)>],
    anchor: &[Option<usize>],
    bands: usize,
    merged: &[UnitEdge],
) -> Vec<Vec<usize>> {
    let mut order: Vec<Vec<usize>> = Vec::with_capacity(bands);
    for _ in 0..bands {
        order.push(Vec::new());
    }
    // Nodes are in unit id order already; groups after their band's units.
    for (k, n) in nodes.iter().enumerate() {
        order[n.band].push(k);
    }
    let mut pos = vec![0.0f64; nodes.len()];
    let set_pos = |order: &[Vec<usize>], pos: &mut [f64]| {
        for band in order {
            let d = (band.len().max(2) - 1) as f64;
            for (i, &k) in band.iter().enumerate() {
                pos[k] = i as f64 / d;
            }
        }
    };
    // Initial: children under their parent (in the parent's order), then by id.
    for b in 0..bands {
        set_pos(&order, &mut pos);
        let key = |k: usize| anchor[k].map_or(f64::INFINITY, |p| pos[p]);
        let mut band = std::mem::take(&mut order[b]);
        sort_by(&mut band, |&x, &y| key(x).total_cmp(&key(y)));
        order[b] = band;
    }
    // Edges between bands, oriented top → bottom, with their band pair.
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    for e in merged {
        let (a, b) = if nodes[e.a].band < nodes[e.b].band { (e.a, e.b) } else { (e.b, e.a) };
        if nodes[a].band != nodes[b].band {
            edges.push((a, b, nodes[a].band * 8 + nodes[b].band));
        }
    }
    let crossings = |order: &[Vec<usize>]| -> u64 {
        let mut p = vec![0usize; nodes.len()];
        for band in order {
            for (i, &k) in band.iter().enumerate() {
                p[k] = i;
            }
        }
        // Two edges of the same band pair cross when their ends are in opposite orders.
        let mut total = 0u64;
        for (i, &(a, b, pair)) in edges.iter().enumerate() {
            for &(c, d, pair2) in &edges[i + 1..] {
                if pair == pair2 && (p[a] < p[c] && p[b] > p[d] || p[a] > p[c] && p[b] < p[d]) {
                    total += 1;
                }
            }
        }
        total
    };
    let mut best: Vec<Vec<usize>> = Vec::with_capacity(bands);
    for band in &order {
        best.push(band.to_vec());
    }
    let mut best_cross = crossings(&order);
    for round in 0..4 {
        for step in 0..bands {
            let down = round % 2 == 0;
            let b = if down { step } else { bands - 1 - step };
            set_pos(&order, &mut pos);
            let bary = |k: usize| -> f64 {
                let (mut s, mut w) = (0.0, 0.0);
                for &(m, wt) in &nbrs[k] {
                    let mb = nodes[m].band;
                    if (down && mb < b) || (!down && mb > b) {
                        s += pos[m] * wt;
                        w += wt;
                    }
                }
                if w > 0.0 {
                    s / w
                } else {
                    pos[k]
                }
            };
            let mut key = vec![0.0f64; nodes.len()];
            for &k in &order[b] {
                key[k] = bary(k);
            }
            let mut band = std::mem::take(&mut order[b]);
            sort_by(&mut band, |&x, &y| key[x].total_cmp(&key[y]).then_with(|| pos[x].total_cmp(&pos[y])));
            order[b] = band;
        }
        let c = crossings(&order);
        if c < best_cross {
            best_cross = c;
            for (b, o) in best.iter_mut().zip(&order) {
                b.clear();
                b.extend_from_slice(o);
            }
        }
    }
    best
}

/// The points of an edge from `a` to `b` and whether it is an arc within a row.
fn edge_points(a: &NodeBox, b: &NodeBox, width: f64) -> (Vec<(f64, f64)>, bool) {
    let cx = |x: f64| clamp(x, 2.0, width - 2.0);
    if (a.y - b.y).abs() < 0.5 {
        // Within a row: above left → right, below right → left.
        let dist = (b.x - a.x).abs();
        let h = (10.0 + dist * 0.12).min(if a.y > 30.0 { 34.0 } else { 10.0 });
        let (sy, ey, cy) =
            if a.x < b.x { (a.y - a.r, b.y - b.r, a.y - 2.0 * h) } else { (a.y + a.r, b.y + b.r, a.y + 2.0 * h) };
        return (vec![(a.x, sy), (cx((a.x + b.x) / 2.0), cy.max(2.0)), (b.x, ey)], true);
    }
    let going_down = a.y < b.y;
    // Edges drawn downwards leave and arrive a little left of the centre; edges drawn upwards
    // (reports, returns) right of it, bowing further right, so that the two directions of a
    // cycle are two curves.
    let (off, bow) = if going_down { (-3.0, 0.0) } else { (a.r.min(6.0), 24.0 + 0.1 * (b.x - a.x).abs()) };
    let (sx, sy) = (a.x + off, if going_down { a.y + a.r } else { a.y - a.r });
    let (ex, ey) = (b.x + off, if going_down { b.y - b.r } else { b.y + b.r });
    let my = (sy + ey) / 2.0;
    (vec![(sx, sy), (cx(sx + bow), my), (cx(ex + bow), my), (ex, ey)], false)
}

/// How the map speaks of durations.
struct Words {
    day_ms: i64,
    calendar: bool,
    locale: Locale,
}

impl Words {
    fn say(&self, ms: f64) -> String {
        if self.calendar {
            human_duration(ms, self.locale)
        } else {
            human_working_duration(ms, self.day_ms.max(1), self.locale)
        }
    }
}

/// Renders the flow map: [`flow_layout`], then the SVG.
///
/// ```
/// use lienthong::render::flow_map::{render_flow_svg, FlowMapOptions};
/// use lienthong::{Query, Tracker};
///
/// let t = Tracker::default();
/// let svg = render_flow_svg(&t.flow(&Query::default()).unwrap(), &FlowMapOptions::default());
/// assert!(svg.starts_with("<svg"));
/// ```
pub fn render_flow_svg(flow: &FlowGraph, options: &FlowMapOptions) -> String {
    let layout = flow_layout(flow, options);
    draw(&layout, options)
}

fn draw(l: &FlowLayout, options: &FlowMapOptions) -> String {
    let locale = options.locale;
    let words = Words { day_ms: options.working_day_ms, calendar: options.calendar_time, locale };
    let title = locale.pick("Sơ đồ luồng văn bản", "Document flow map");
    let desc = match locale {
        Locale::Vi => format!(
            "{} đơn vị ({} nút), {} lượt chuyển giao giữa {} cặp nút; chuẩn thời gian chuyển: {}.",
            l.units,
            l.nodes.len(),
            l.handovers,
            l.edges.len(),
            words.say(l.norm_ms)
        ),
        Locale::En => format!(
            "{} units ({} nodes), {} handovers between {} node pairs; transit norm: {}.",
            l.units,
            l.nodes.len(),
            l.handovers,
            l.edges.len(),
            words.say(l.norm_ms)
        ),
    };
    let mut s = Svg::new(l.width, l.height, "lt-flow", &options.id_prefix, title, &desc);
    // Arrowheads, one per colour class.
    s.tag("defs").open();
    for t in [Transit::Ok, Transit::Warn, Transit::Bad, Transit::Pending] {
        let id = s.id(&format!("arrow-{}", t.class()));
        s.tag("marker")
            .attr("id", &id)
            .attr("viewBox", "0 0 10 10")
            .num("refX", 9.0)
            .num("refY", 5.0)
            .num("markerWidth", 7.0)
            .num("markerHeight", 7.0)
            .attr("markerUnits", "userSpaceOnUse")
            .attr("orient", "auto")
            .open();
        s.tag("path")
            .attr("class", &format!("lt-arrow {}", t.class()))
            .attr("d", "M0 0L10 5L0 10z")
            .attr("fill", t.colour())
            .end();
        s.close();
    }
    s.close();

    // The canvas, so that a themed page (a dark one) has the legend's background too.
    s.tag("rect")
        .attr("class", "lt-bg")
        .num("x", 0.0)
        .num("y", 0.0)
        .num("width", l.width)
        .num("height", l.height)
        .attr("fill", "#ffffff")
        .end();
    // Bands.
    s.tag("g").attr("class", "lt-bands").open();
    for (i, b) in l.bands.iter().enumerate() {
        s.tag("rect")
            .attr("class", if i % 2 == 0 { "lt-band" } else { "lt-band lt-band-alt" })
            .num("x", 0.0)
            .num("y", b.y)
            .num("width", l.width)
            .num("height", b.height)
            .attr("fill", if i % 2 == 0 { "#f7fafc" } else { "#edf2f7" })
            .end();
        s.tag("text")
            .attr("class", "lt-band-label")
            .num("x", b.label_box.x)
            .num("y", b.label_box.y + 11.0)
            .num("font-size", FONT)
            .attr("font-weight", "bold")
            .attr("fill", "#4a5568")
            .text(&b.label);
    }
    s.close();

    // Edges.
    s.tag("g").attr("class", "lt-edges").open();
    let dense = l.edges.len() > DENSE_EDGES;
    for e in &l.edges {
        let (a, b) = (&l.nodes[e.from], &l.nodes[e.to]);
        let dir = match e.direction {
            Direction::Down => "lt-down",
            Direction::Up => "lt-up",
            Direction::Same => "lt-same",
            Direction::Unknown => "lt-unknown-dir",
        };
        let mut d = String::new();
        for (i, (x, y)) in e.points.iter().enumerate() {
            d.push(match (i, e.arc) {
                (0, _) => 'M',
                (1, true) => 'Q',
                (1, false) => 'C',
                _ => ' ',
            });
            super::svg::push_num(&mut d, *x);
            d.push(' ');
            super::svg::push_num(&mut d, *y);
        }
        let marker = format!("url(#{})", s.id(&format!("arrow-{}", e.transit.class())));
        s.tag("path")
            .attr("class", &format!("lt-edge {dir} {}", e.transit.class()))
            .attr("d", &d)
            .attr("fill", "none")
            .attr("stroke", e.transit.colour())
            .num("stroke-width", e.width)
            .attr("stroke-opacity", opacity(e.width, dense))
            .attr_opt("stroke-dasharray", (e.transit == Transit::Pending).then_some("4 3"))
            .attr("marker-end", &marker)
            .attr("data-from", &a.id)
            .attr("data-to", &b.id)
            .open();
        s.tag("title").text(&edge_title(e, a, b, &words));
        s.close();
    }
    s.close();

    // Nodes.
    s.tag("g").attr("class", "lt-units").open();
    for n in &l.nodes {
        let group = matches!(n.kind, NodeKind::Group { .. });
        let class = match (group, n.selected) {
            (true, _) => "lt-unit lt-group",
            (false, true) => "lt-unit lt-selected",
            (false, false) => "lt-unit",
        };
        let label = aria_label(n, locale);
        let tag = s.tag("g").attr("class", class).attr("tabindex", "0").attr("role", "button");
        let tag = match &n.kind {
            NodeKind::Unit => {
                tag.attr("data-unit", &n.id).attr("aria-pressed", if n.selected { "true" } else { "false" })
            }
            NodeKind::Group { parent, .. } => tag.attr("data-group", parent).attr("aria-expanded", "false"),
        };
        tag.attr("aria-label", &label).open();
        s.tag("title").text(&label);
        s.tag("circle")
            .attr("class", if group { "lt-node lt-node-group" } else { "lt-node" })
            .num("cx", n.x)
            .num("cy", n.y)
            .num("r", n.r)
            .attr("fill", if group { "#e2e8f0" } else { "#ebf4ff" })
            .attr(
                "stroke",
                if n.selected {
                    "#1a202c"
                } else if group {
                    "#4a5568"
                } else {
                    "#2b6cb0"
                },
            )
            .num("stroke-width", if n.selected { 3.0 } else { 1.5 })
            .attr_opt("stroke-dasharray", group.then_some("3 2"))
            .end();
        if let (Some(text), Some(b)) = (&n.label, &n.label_box) {
            s.tag("text")
                .attr("class", "lt-label")
                .num("x", b.x + b.w / 2.0)
                .num("y", b.y + 10.0)
                .num("font-size", FONT)
                .attr("text-anchor", "middle")
                .attr("fill", "#1a202c")
                .attr("stroke", "#ffffff")
                .num("stroke-width", 3.0)
                .attr("paint-order", "stroke")
                .text(text);
        }
        if n.overdue > 0 {
            let text = if n.overdue > 999 { "999+".to_string() } else { n.overdue.to_string() };
            let bx = n.x + n.r * 0.75;
            let by = n.y - n.r * 0.75;
            // A pill as wide as its number.
            let w = (options.metrics.width(&text, 9.0, true) + 6.0).max(14.0);
            s.tag("g").attr("class", "lt-badge").attr("aria-hidden", "true").open();
            s.tag("rect")
                .attr("class", "lt-badge-dot")
                .num("x", bx - w / 2.0)
                .num("y", by - 7.0)
                .num("width", w)
                .num("height", 14.0)
                .num("rx", 7.0)
                .attr("fill", "#c53030")
                .end();
            s.tag("text")
                .attr("class", "lt-badge-text")
                .num("x", bx)
                .num("y", by + 3.0)
                .num("font-size", 9.0)
                .attr("text-anchor", "middle")
                .attr("font-weight", "bold")
                .attr("fill", "#ffffff")
                .text(&text);
            s.close();
        }
        s.close();
    }
    s.close();

    // Legend.
    s.tag("g").attr("class", "lt-legend").open();
    for item in &l.legend {
        let r = item.rect;
        let my = r.y + r.h / 2.0;
        match item.swatch {
            "node" => {
                s.tag("circle")
                    .attr("class", "lt-node")
                    .num("cx", r.x + 10.0)
                    .num("cy", my)
                    .num("r", 6.0)
                    .attr("fill", "#ebf4ff")
                    .attr("stroke", "#2b6cb0")
                    .end();
            }
            "badge" => {
                s.tag("circle")
                    .attr("class", "lt-badge-dot")
                    .num("cx", r.x + 10.0)
                    .num("cy", my)
                    .num("r", 6.0)
                    .attr("fill", "#c53030")
                    .end();
            }
            class => {
                let t = [Transit::Ok, Transit::Warn, Transit::Bad, Transit::Pending]
                    .into_iter()
                    .find(|t| t.class() == class)
                    .unwrap_or(Transit::Pending);
                s.tag("line")
                    .attr("class", &format!("lt-edge {class}"))
                    .num("x1", r.x)
                    .num("y1", my)
                    .num("x2", r.x + 20.0)
                    .num("y2", my)
                    .attr("stroke", t.colour())
                    .num("stroke-width", 3.0)
                    .attr_opt("stroke-dasharray", (t == Transit::Pending).then_some("4 3"))
                    .end();
            }
        }
        s.tag("text")
            .attr("class", "lt-legend-label")
            .num("x", r.x + 26.0)
            .num("y", r.y + 10.0)
            .num("font-size", FONT)
            .attr("fill", "#1a202c")
            .text(&item.text);
    }
    s.close();
    s.finish()
}

/// Thin edges fade so that the main flows stand out: 0.4 for the thinnest, 0.9 for the widest.
/// Edges past which a map is dense: its thin edges fade further, so that a province's
/// hundreds of small flows stay a background under the large ones instead of one mass.
const DENSE_EDGES: usize = 120;

fn opacity(width: f64, dense: bool) -> &'static str {
    const STEPS: [&str; 6] = ["0.4", "0.5", "0.6", "0.7", "0.8", "0.9"];
    const DENSE: [&str; 6] = ["0.1", "0.18", "0.3", "0.45", "0.65", "0.85"];
    let t = ((width - 1.0) / (MAX_STROKE - 1.0)).clamp(0.0, 1.0);
    (if dense { DENSE } else { STEPS })[(t * 5.0).round() as usize]
}

fn aria_label(n: &NodeBox, locale: Locale) -> String {
    let level = match n.level {
        Some(l) => locale.pick(l.name_vi(), l.as_str()),
        None => locale.pick("chưa rõ", "unknown"),
    };
    match (&n.kind, locale) {
        (NodeKind::Unit, Locale::Vi) => {
            format!("{}, cấp {level}, đang xử lý {}, quá hạn {}", n.name, n.wip, n.overdue)
        }
        (NodeKind::Unit, Locale::En) => {
            format!("{}, {level} level, {} in progress, {} overdue", n.name, n.wip, n.overdue)
        }
        (NodeKind::Group { .. }, Locale::Vi) => {
            format!("{}, đang xử lý {}, quá hạn {}; nhấn để mở rộng", n.name, n.wip, n.overdue)
        }
        (NodeKind::Group { .. }, Locale::En) => {
            format!("{}, {} in progress, {} overdue; press to expand", n.name, n.wip, n.overdue)
        }
    }
}

fn edge_title(e: &EdgePath, a: &NodeBox, b: &NodeBox, words: &Words) -> String {
    let locale = words.locale;
    let mut t = format!("{} → {}: ", a.name, b.name);
    match locale {
        Locale::Vi => t.push_str(&format!("{} lượt chuyển giao", e.count)),
        Locale::En => t.push_str(&format!("{} handover{}", e.count, if e.count == 1 { "" } else { "s" })),
    }
    if let Some(m) = e.median_ms {
        t.push_str(locale.pick("; thời gian chuyển trung vị ", "; median transit "));
        t.push_str(&words.say(m));
    }
    if e.in_transit > 0 {
        match locale {
            Locale::Vi => t.push_str(&format!("; {} đang trên đường", e.in_transit)),
            Locale::En => t.push_str(&format!("; {} in transit", e.in_transit)),
        }
    }
    t
}
