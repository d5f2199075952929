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
        // Chain logs: these analyses still read a document as one chain of visits, and on
        // fan-out documents (copies of many recipients interleaved in time) their visits and
        // edges are not the copies' (a unit's visit is cut into single events, a stalled copy
        // becomes a slow edge to whichever unit acts next). Fan-outs come back here when the
        // analyses follow copies.
        fan_out: 0.0,
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
