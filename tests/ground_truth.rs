//! On generated provinces with injected problems, the analyses find them: the slow unit ranks
//! first among bottleneck units, the flaky edge first among slow edges.

use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem, Structure};
use lienthong::{Query, Tracker, TrackerOptions};

fn run(seed: u64, structure: Structure, problems: Vec<Problem>) -> (GeneratedLog, Tracker) {
    let log = GeneratedLog::generate(&GeneratorOptions {
        seed: Some(seed),
        events: 40_000,
        structure,
        problems,
        ..Default::default()
    });
    let mut t = Tracker::new(TrackerOptions::default());
    let r = log.load_into(&mut t);
    assert!(r.rejected.is_empty(), "{:?}", &r.rejected[..r.rejected.len().min(3)]);
    (log, t)
}

#[test]
fn slow_unit_ranks_first() {
    for (seed, structure) in
        [(1, Structure::FourLevel), (2, Structure::ThreeLevel), (3, Structure::Reform), (4, Structure::FourLevel)]
    {
        let (log, t) = run(seed, structure, vec![Problem::SlowUnit { unit: None, factor: 4.0 }]);
        let b = t.bottlenecks(5, &Query::default()).unwrap();
        assert_eq!(log.truth.slow_units.len(), 1);
        assert_eq!(b.units[0].unit, log.truth.slow_units[0], "seed {seed} {structure:?}: {:#?}", &b.units[..2]);
        assert!(b.units[0].median_sojourn_ms > 2.0 * b.units[0].peer_median_ms);
    }
}

#[test]
fn flaky_edge_ranks_first() {
    for (seed, structure) in [(5, Structure::FourLevel), (6, Structure::ThreeLevel), (7, Structure::Reform)] {
        let (log, t) = run(
            seed,
            structure,
            vec![Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 16.0 }],
        );
        let b = t.bottlenecks(5, &Query::default()).unwrap();
        let (from, to) = &log.truth.flaky_edges[0];
        let top = &b.edges[0];
        assert_eq!((&top.from, &top.to), (from, to), "seed {seed} {structure:?}: {:#?}", &b.edges[..2]);
        assert!(top.delayed > 0);
    }
}

#[test]
fn both_problems_at_once_and_no_false_alarm_on_edges() {
    let (log, t) = run(
        8,
        Structure::FourLevel,
        vec![
            Problem::SlowUnit { unit: None, factor: 4.0 },
            Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 16.0 },
        ],
    );
    let b = t.bottlenecks(5, &Query::default()).unwrap();
    assert_eq!(b.units[0].unit, log.truth.slow_units[0]);
    assert_eq!((&b.edges[0].from, &b.edges[0].to), (&log.truth.flaky_edges[0].0, &log.truth.flaky_edges[0].1));
    // Without the problem, no edge comes near the flaky edge's score.
    let flaky_score = b.edges[0].score_ms;
    let (_, clean) = run(8, Structure::FourLevel, vec![]);
    let clean = clean.bottlenecks(5, &Query::default()).unwrap();
    assert!(clean.edges.first().is_none_or(|e| e.score_ms * 5 < flaky_score), "{:#?}", clean.edges.first());
}

/// The flow graph's handovers are exactly the generator's: every (sender, target) pair with the
/// same count, so a fan-out never shows as commune → commune edges; the copy counts agree too.
#[test]
fn handovers_equal_the_generated_ones() {
    for (seed, structure) in [(21, Structure::FourLevel), (22, Structure::ThreeLevel), (23, Structure::Reform)] {
        let log = GeneratedLog::generate(&GeneratorOptions {
            seed: Some(seed),
            events: 30_000,
            structure,
            fan_out: 0.6,
            ..Default::default()
        });
        let mut t = Tracker::new(TrackerOptions::default());
        assert!(log.load_into(&mut t).rejected.is_empty());
        assert!(log.truth.fan_out_documents > 10, "{seed}: {} fan-outs", log.truth.fan_out_documents);
        let q = Query { roll_up: false, ..Query::default() };
        let f = t.flow(&q).unwrap();
        let mut edges: Vec<(String, String, usize)> = f
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = f.graph.edge_endpoints(e).unwrap();
                (f.graph[a].id.clone(), f.graph[b].id.clone(), f.graph[e].count as usize)
            })
            .collect();
        edges.sort();
        let generated = |a: &str, b: &str| log.truth.handovers.iter().find(|h| h.0 == a && h.1 == b).map_or(0, |h| h.2);
        // Every edge found was generated, never more often than generated.
        let extra: Vec<_> = edges.iter().filter(|e| e.2 > generated(&e.0, &e.1)).collect();
        assert!(extra.is_empty(), "seed {seed}: found but not generated {extra:?}");
        if structure != Structure::Reform {
            assert_eq!(edges, log.truth.handovers, "seed {seed}");
            assert_eq!(f.handovers as usize, log.truth.copies_opened_by_sent);
        } else {
            // At the cut-over several abolished units hand their copies to one successor: a
            // unit that already holds an open copy gets no second one (SPEC §2), so those
            // edges count fewer handovers than sends. Everything else is exact.
            for e in &edges {
                let merged_into = |id: &str| log.unit_records().any(|u| u.id == id && u.valid_to.is_some());
                if !merged_into(&e.0) {
                    assert_eq!(e.2, generated(&e.0, &e.1), "seed {seed}: {} → {}", e.0, e.1);
                }
            }
        }
        let s = t.summary(&q).unwrap();
        assert_eq!(s.documents as usize, log.truth.documents);
        if structure != Structure::Reform {
            assert_eq!(s.open as usize, log.truth.open_documents, "seed {seed}");
        }
    }
}

/// The e-government indicators on generated provinces: the unit injected as still sending on
/// paper is the first paper sender the analysis names, and its handover counts per channel equal
/// the generator's truth.
#[test]
fn egov_names_the_injected_paper_unit() {
    use lienthong::analysis::EgovBy;
    for (seed, structure) in [(41, Structure::FourLevel), (42, Structure::ThreeLevel), (43, Structure::Reform)] {
        let log = GeneratedLog::generate(&GeneratorOptions {
            seed: Some(seed),
            events: 20_000,
            structure,
            problems: vec![Problem::PaperUnit { unit: None }],
            ..GeneratorOptions::default()
        });
        let mut t = Tracker::new(TrackerOptions::default());
        log.load_into(&mut t);
        // Units as they were: in the reform the injected department may merge into a successor,
        // which roll-up would name instead.
        let e = t.egov(EgovBy::Unit, &Query { roll_up: false, ..Query::default() }).unwrap();
        let truth = &log.truth;
        assert_eq!(e.total.paper_senders[0].unit, truth.paper_units[0], "seed {seed}");
        let h = e.total.handovers;
        let found = (h.axis as usize, h.province as usize, h.paper as usize);
        let generated = (truth.axis_handovers, truth.province_handovers, truth.paper_handovers);
        if structure != Structure::Reform {
            assert_eq!(found, generated, "seed {seed}");
        } else {
            // At the cut-over a successor already holding an open copy gets no second one (see
            // `handovers_equal_the_generated_ones`): fewer handovers than sends, never more.
            assert!(found.0 <= generated.0 && found.1 <= generated.1 && found.2 <= generated.2, "seed {seed}");
            assert!(found.1 * 100 >= generated.1 * 95, "seed {seed}: {found:?} {generated:?}");
        }
        assert_eq!(h.other + h.unknown, 0);
        assert_eq!(
            (e.total.electronic as usize, e.total.signed as usize),
            (truth.electronic_documents, truth.signed_documents)
        );
        // Every handover the unit sent went on paper (its row also counts the electronic
        // documents it received, so its electronic share is not the signal).
        let row = e.rows.iter().find(|r| r.key == truth.paper_units[0]).unwrap();
        let sent = row.handovers.axis + row.handovers.province + row.handovers.paper;
        assert!(sent > 0 && row.handovers.paper == sent, "{:?}", row.handovers);
    }
}

#[test]
fn overdue_cut_at_a_limit_is_the_head_of_the_whole_lists() {
    use lienthong::analysis::{OverdueOptions, OverdueTotals};
    let (log, t) = run(8, Structure::FourLevel, Vec::new());
    let q = Query::default();
    let whole = t.overdue(&OverdueOptions::default(), &q).unwrap();
    assert_eq!(whole.overdue.len(), log.truth.overdue_copies);
    assert!(whole.late.len() > 100 && whole.overdue.len() > 100, "{} {}", whole.late.len(), whole.overdue.len());
    let cut = t.overdue(&OverdueOptions { limit: Some(100), ..Default::default() }, &q).unwrap();
    assert_eq!(
        cut.totals,
        Some(OverdueTotals { late: whole.late.len(), overdue: whole.overdue.len(), due_soon: whole.due_soon.len() })
    );
    assert_eq!(cut.late, whole.late[..100]);
    assert_eq!(cut.overdue, whole.overdue[..100]);
    assert_eq!(cut.due_soon, whole.due_soon[..whole.due_soon.len().min(100)]);
    assert_eq!(
        (cut.by_unit, cut.by_level, cut.on_time, cut.in_transit),
        (whole.by_unit, whole.by_level, whole.on_time, whole.in_transit)
    );
}
