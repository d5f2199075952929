//! The flow map (SPEC §6): structure, escaping, determinism, a 300-unit province within its
//! canvas without overlapping labels, three bands after the reform, cycles, English, aggregation.

mod common;

use common::{ev, unit, T};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Structure, REFORM_DATE};
use lienthong::locale::Locale;
use lienthong::render::flow_map::{flow_layout, FlowLayout, NodeKind};
use lienthong::render::FlowMapOptions;
use lienthong::{Query, Tracker, TrackerOptions};
use std::time::Instant;

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// `<g class="lt-unit …">` elements.
fn units_drawn(svg: &str) -> usize {
    count(svg, "class=\"lt-unit\"") + count(svg, "class=\"lt-unit ")
}

fn layout(t: &Tracker, o: &FlowMapOptions) -> FlowLayout {
    flow_layout(&t.flow(&Query::default()).unwrap(), o)
}

fn province(structure: Structure, districts: usize, communes: usize, events: usize) -> Tracker {
    let log = GeneratedLog::generate(&GeneratorOptions {
        seed: Some(9),
        events,
        structure,
        districts,
        communes_per_district: communes,
        ..GeneratorOptions::default()
    });
    let mut t = Tracker::new(TrackerOptions::default());
    let r = log.load_into(&mut t);
    assert!(r.rejected.is_empty());
    t
}

/// Every label box, band title and legend entry inside the canvas, no two overlapping; every
/// node and every edge's hull inside too.
fn assert_clean(l: &FlowLayout) {
    let boxes = l.label_boxes();
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.within(l.width, l.height), "label {a:?} outside {}×{}", l.width, l.height);
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "labels overlap: {a:?} {b:?}");
        }
    }
    for n in &l.nodes {
        assert!(n.x - n.r >= 0.0 && n.x + n.r <= l.width && n.y - n.r >= 0.0 && n.y + n.r <= l.height, "{n:?}");
    }
    // Reading order (the keyboard's): band by band, row by row, left to right.
    for w in l.nodes.windows(2) {
        assert!((w[0].band, w[0].row) < (w[1].band, w[1].row) || w[0].x < w[1].x, "{:?} {:?}", w[0].id, w[1].id);
    }
    for e in &l.edges {
        for &(x, y) in &e.points {
            assert!((0.0..=l.width).contains(&x) && (0.0..=l.height).contains(&y), "{e:?}");
        }
    }
}

#[test]
fn structure_one_node_per_unit_one_edge_per_pair_bands_present() {
    let t = common::tracker();
    let flow = t.flow(&Query::default()).unwrap();
    let svg = t.render_flow_svg(&Query::default(), &FlowMapOptions::default()).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
    assert_eq!(units_drawn(&svg), flow.graph.node_count());
    assert_eq!(count(&svg, "class=\"lt-edge lt-"), flow.graph.edge_count() + 4, "edges plus 4 legend swatches");
    assert_eq!(count(&svg, "<path class=\"lt-edge"), flow.graph.edge_count());
    assert_eq!(count(&svg, "tabindex=\"0\""), flow.graph.node_count());
    for band in ["Trung ương", "Tỉnh", "Huyện", "Xã"] {
        assert!(svg.contains(&format!(">{band}</text>")), "{band}");
    }
    assert_eq!(count(&svg, "<rect class=\"lt-band"), 4);
    assert_eq!(count(&svg, "class=\"lt-band-label\""), 4);
    // S holds d3, overdue: one badge.
    assert_eq!(count(&svg, "class=\"lt-badge\""), 1);
    assert!(svg.contains("<title") && svg.contains("<desc"));
    assert!(svg.contains("data-unit=\"S\"") && svg.contains("đang xử lý 1, quá hạn 1"), "{svg}");
    assert!(svg.contains("lượt chuyển giao") && svg.contains("làm việc"), "{svg}");
    assert!(!svg.contains("style="), "no inline style");
    let l = layout(&t, &FlowMapOptions::default());
    assert_eq!(l.bands.len(), 4);
    assert_clean(&l);
    // Bands top to bottom: central above province above district above commune.
    let y = |id: &str| l.nodes.iter().find(|n| n.id == id).unwrap().y;
    assert!(y("C") < y("P") && y("P") < y("D") && y("D") < y("X"));
}

#[test]
fn a_unit_named_like_a_script_is_escaped() {
    let mut t = common::tracker();
    let evil = "<script>alert(1)</script>";
    t.add_units([unit("E\"<x>", evil, "commune", Some("D"))]);
    t.add_events([ev("d9", "D", "sent", 1, Some("E\"<x>")), ev("d9", "E\"<x>", "arrived", 2, None)]);
    let svg = t.render_flow_svg(&Query::default(), &FlowMapOptions::default()).unwrap();
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("<x>"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(svg.contains("data-unit=\"E&quot;&lt;x&gt;\""));
}

#[test]
fn the_same_data_gives_the_same_bytes_in_any_load_order() {
    let a = common::tracker();
    let o = FlowMapOptions::default();
    let first = a.render_flow_svg(&Query::default(), &o).unwrap();
    assert_eq!(first, a.render_flow_svg(&Query::default(), &o).unwrap());
    let mut b = Tracker::new(TrackerOptions::default());
    let mut units = common::units();
    units.reverse();
    b.add_units(units);
    let mut docs = common::documents();
    docs.reverse();
    b.add_documents(docs);
    // Documents in reverse order (each document's events kept in order).
    let events = common::events();
    let mut by_doc: Vec<Vec<lienthong::ingest::EventRecord<'static>>> = Vec::new();
    for e in events {
        match by_doc.last_mut() {
            Some(v) if v[0].doc == e.doc => v.push(e),
            _ => by_doc.push(vec![e]),
        }
    }
    by_doc.reverse();
    b.add_events(by_doc.into_iter().flatten());
    assert_eq!(first, b.render_flow_svg(&Query::default(), &o).unwrap());
}

#[test]
fn a_cycle_is_two_separate_curves() {
    let t = common::tracker();
    let l = layout(&t, &FlowMapOptions::default());
    let ix = |id: &str| l.nodes.iter().position(|n| n.id == id).unwrap();
    let (d, x) = (ix("D"), ix("X"));
    let down = l.edges.iter().find(|e| e.from == d && e.to == x).expect("D → X");
    let up = l.edges.iter().find(|e| e.from == x && e.to == d).expect("X → D");
    assert_ne!(down.points, up.points);
    // The report going up bows away from the directive going down.
    let mid = |e: &lienthong::render::flow_map::EdgePath| (e.points[1].0 + e.points[2].0) / 2.0;
    assert!(mid(up) > mid(down) + 10.0, "{down:?} {up:?}");
    let svg = t.render_flow_svg(&Query::default(), &FlowMapOptions::default()).unwrap();
    std::fs::create_dir_all("artifacts").unwrap();
    std::fs::write("artifacts/flow-map-small.svg", &svg).unwrap();
    assert!(svg.contains("data-from=\"X\" data-to=\"D\"") && svg.contains("data-from=\"D\" data-to=\"X\""));
}

#[test]
fn english_on_request() {
    let t = common::tracker();
    let o = FlowMapOptions { locale: Locale::En, ..FlowMapOptions::default() };
    let svg = t.render_flow_svg(&Query::default(), &o).unwrap();
    for band in ["Central", "Province", "District", "Commune"] {
        assert!(svg.contains(&format!(">{band}</text>")), "{band}");
    }
    assert!(svg.contains("Document flow map") && svg.contains("handover") && svg.contains("working"));
    assert!(!svg.contains("Trung ương") && !svg.contains("lượt"));
}

#[test]
fn reform_data_has_three_bands() {
    let t = province(Structure::ThreeLevel, 8, 6, 4_000);
    let l = layout(&t, &FlowMapOptions::default());
    let levels: Vec<_> = l.bands.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(levels, ["Trung ương", "Tỉnh", "Xã"]);
    assert_clean(&l);
}

#[test]
fn after_the_reform_dissolved_districts_leave_three_bands() {
    let t = province(Structure::Reform, 6, 6, 6_000);
    // The units as they were (no roll-up into the merged communes).
    let before = Query { to: Some(REFORM_DATE), roll_up: false, ..Query::default() };
    let after = Query { from: Some(REFORM_DATE), roll_up: false, ..Query::default() };
    let bands = |q: &Query| -> Vec<String> {
        flow_layout(&t.flow(q).unwrap(), &FlowMapOptions::default()).bands.iter().map(|b| b.label.clone()).collect()
    };
    assert_eq!(bands(&before), ["Trung ương", "Tỉnh", "Huyện", "Xã"]);
    assert_eq!(bands(&after), ["Trung ương", "Tỉnh", "Xã"]);
    // Rolled up (the default), the whole log reads in today's units.
    assert_eq!(bands(&Query::default()), ["Trung ương", "Tỉnh", "Xã"]);
    // Idle units are drawn on request.
    let all = FlowMapOptions { hide_idle: false, ..FlowMapOptions::default() };
    assert_eq!(flow_layout(&t.flow(&after).unwrap(), &all).bands.len(), 4);
}

#[test]
fn a_300_unit_province_fits_its_canvas_without_overlapping_labels() {
    let t = province(Structure::FourLevel, 12, 23, 60_000);
    let flow = t.flow(&Query::default()).unwrap();
    assert!(flow.graph.node_count() >= 300, "{} units", flow.graph.node_count());
    for width in [960.0, 640.0, 1400.0] {
        let o = FlowMapOptions { width, ..FlowMapOptions::default() };
        let l = flow_layout(&flow, &o);
        assert_eq!(l.width, width);
        assert!(l.nodes.len() <= 120, "{} drawn", l.nodes.len());
        assert_clean(&l);
        // Every unit is drawn, alone or in a group.
        let drawn: usize = l
            .nodes
            .iter()
            .map(|n| match &n.kind {
                NodeKind::Unit => 1,
                NodeKind::Group { members, .. } => members.len(),
            })
            .sum();
        assert_eq!(drawn, flow.graph.node_count());
        // The unit holding the most overdue copies is drawn alone.
        let worst = flow.graph.node_weights().max_by_key(|n| (n.overdue, std::cmp::Reverse(n.id.clone()))).unwrap();
        assert!(l.nodes.iter().any(|n| n.id == worst.id && n.kind == NodeKind::Unit), "{}", worst.id);
    }
    // Timing (debug build here; see BENCHMARKS.md for release).
    let start = Instant::now();
    let svg = lienthong::render::render_flow_svg(&flow, &FlowMapOptions::default());
    eprintln!("300-unit flow map: {} bytes in {:?}", svg.len(), start.elapsed());
    std::fs::create_dir_all("artifacts").unwrap();
    std::fs::write("artifacts/flow-map.svg", &svg).unwrap();
    let reform = province(Structure::ThreeLevel, 12, 23, 60_000);
    let svg = reform.render_flow_svg(&Query::default(), &FlowMapOptions::default()).unwrap();
    std::fs::write("artifacts/flow-map-reform.svg", &svg).unwrap();
}

#[test]
fn quiet_units_aggregate_per_parent_and_expand_on_request() {
    let t = province(Structure::FourLevel, 6, 20, 8_000);
    let flow = t.flow(&Query::default()).unwrap();
    let o = FlowMapOptions { max_units: 40, ..FlowMapOptions::default() };
    let l = flow_layout(&flow, &o);
    let groups: Vec<_> = l
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Group { parent, members } => Some((parent.clone(), members.len(), n.name.clone())),
            _ => None,
        })
        .collect();
    assert!(!groups.is_empty());
    let (parent, members, name) = groups.iter().find(|g| g.2.contains(" xã của ")).unwrap().clone();
    assert!(members >= 2);
    assert!(name.starts_with(&format!("{members} xã của UBND")), "{name}");
    let svg = lienthong::render::render_flow_svg(&flow, &o);
    assert_eq!(count(&svg, "data-group="), groups.len());
    assert!(svg.contains(&format!("data-group=\"{parent}\"")));
    assert_clean(&l);
    // Expanded: that parent's units are drawn one by one.
    let o2 = FlowMapOptions { expand: vec![parent.clone()], ..o.clone() };
    let l2 = flow_layout(&flow, &o2);
    assert!(l2.nodes.iter().all(|n| !matches!(&n.kind, NodeKind::Group { parent: p, .. } if *p == parent)));
    assert_eq!(l2.nodes.len(), l.nodes.len() + members - 1);
    assert_clean(&l2);
    // The selected unit is never in a group, and is marked.
    let member = l.nodes.iter().find_map(|n| match &n.kind {
        NodeKind::Group { members, .. } => Some(members[0].clone()),
        _ => None,
    });
    let member = member.unwrap();
    let o3 = FlowMapOptions { selected: Some(member.clone()), ..o };
    let svg = lienthong::render::render_flow_svg(&flow, &o3);
    assert!(
        svg.contains(&format!("class=\"lt-unit lt-selected\" tabindex=\"0\" role=\"button\" data-unit=\"{member}\""))
    );
    // English group names.
    let en = flow_layout(&flow, &FlowMapOptions { locale: Locale::En, max_units: 40, ..FlowMapOptions::default() });
    assert!(en.nodes.iter().any(|n| n.name.contains(" communes of ")));
}

#[test]
fn an_empty_tracker_draws_an_empty_map() {
    let t = Tracker::new(TrackerOptions::default());
    let svg = t.render_flow_svg(&Query::default(), &FlowMapOptions::default()).unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert_eq!(units_drawn(&svg), 0);
    let _ = T;
}

/// The Sankey and the flow map of one query share one flow (a dashboard draws both in a row):
/// what they draw must still follow the query and the data, as a fresh tracker draws them.
#[test]
fn the_shared_flow_follows_the_query_and_new_data() {
    use lienthong::render::charts::{ChartData, ChartKind, ChartOptions};
    let o = FlowMapOptions::default();
    let co = ChartOptions::default();
    let draw = |t: &Tracker, q: &Query| {
        (t.render_chart(ChartKind::Sankey, &ChartData::default(), q, &co).unwrap(), t.render_flow_svg(q, &o).unwrap())
    };
    let whole = Query::default();
    let part = Query { units: vec!["D".into()], ..Query::default() };
    let mut t = common::tracker();
    let before = draw(&t, &whole);
    // Another query in between, then the first again: each as a fresh tracker draws it.
    assert_eq!(draw(&t, &part), draw(&common::tracker(), &part));
    assert_ne!(draw(&t, &part).1, before.1);
    assert_eq!(draw(&t, &whole), before);
    // New data (a handover from the district to a new commune): both pictures change, to
    // what a tracker loaded with the same data draws.
    let more = [unit("N", "Xã mới", "commune", Some("D"))];
    let events = [ev("d9", "D", "sent", 1, Some("N")), ev("d9", "N", "arrived", 30, None)];
    t.add_units(more.clone());
    t.add_events(events);
    let after = draw(&t, &whole);
    assert_ne!(after.0, before.0);
    assert_ne!(after.1, before.1);
    let mut fresh = common::tracker();
    fresh.add_units(more);
    fresh.add_events(events);
    assert_eq!(after, draw(&fresh, &whole));
}
