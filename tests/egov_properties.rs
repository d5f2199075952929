//! Properties of the e-government indicators on random logs with every combination of format,
//! signature and channel: shares between 0 and 1, counts that add up within each row, handovers
//! of the groups adding up to the total (and to the flow graph's handovers), documents of the
//! groups adding up to at least the total.

use lienthong::analysis::{ChannelCounts, EgovBy, EgovRow};
use lienthong::ingest::{DocumentRecord, EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::{Query, Tracker, TrackerOptions};
use proptest::prelude::*;

const H: i64 = 3_600_000;
const T: i64 = 1_772_413_200_000;
const ACTIONS: [&str; 4] = ["sent", "arrived", "processing", "completed"];
const CHANNELS: [Option<&str>; 5] = [None, Some("axis"), Some("province"), Some("paper"), Some("fax")];
const FORMATS: [Option<&str>; 3] = [None, Some("electronic"), Some("paper")];
const SIGNED: [Option<bool>; 3] = [None, Some(true), Some(false)];

/// (doc, unit, action, hour, targets, channel)
type Event = (usize, usize, usize, i64, Vec<usize>, usize);

fn log() -> impl Strategy<Value = (usize, Vec<(usize, usize)>, Vec<Event>)> {
    (2usize..7, 1usize..7).prop_flat_map(|(nu, nd)| {
        (
            Just(nu),
            proptest::collection::vec((0usize..3, 0usize..3), nd),
            proptest::collection::vec(
                (0..nd, 0..nu, 0usize..4, 0i64..1500, proptest::collection::vec(0..nu, 0..3), 0usize..5),
                0..50,
            ),
        )
    })
}

fn load(nu: usize, docs: &[(usize, usize)], events: &[Event]) -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    let ids: Vec<String> = (0..nu).map(|i| format!("U{i}")).collect();
    let levels = ["province", "commune", "central"];
    t.add_units(ids.iter().enumerate().map(|(i, id)| UnitRecord {
        id,
        level: (i % 4 != 3).then(|| levels[i % 3]),
        ..Default::default()
    }));
    let doc_ids: Vec<String> = (0..docs.len()).map(|d| format!("d{d}")).collect();
    let r = t.add_documents(doc_ids.iter().zip(docs).map(|(id, &(f, s))| DocumentRecord {
        id,
        format: FORMATS[f],
        signed: SIGNED[s],
        ..Default::default()
    }));
    assert!(r.rejected.is_empty());
    let targets: Vec<Vec<&str>> = events.iter().map(|e| e.4.iter().map(|&u| ids[u].as_str()).collect()).collect();
    let r = t.add_events(events.iter().zip(&targets).enumerate().map(|(i, (e, to))| EventRecord {
        to: if ACTIONS[e.2] == "sent" { Targets::Many(to) } else { Targets::None },
        channel: CHANNELS[e.5],
        ..EventRecord::new(&doc_ids[e.0], &ids[e.1], ACTIONS[e.2], TimeValue::Millis(T + e.3 * H + i as i64))
    }));
    assert_eq!(r.accepted, events.len());
    t
}

fn sum(c: &ChannelCounts) -> u64 {
    c.axis + c.province + c.paper + c.other + c.unknown
}

fn row_is_sound(r: &EgovRow) -> Result<(), TestCaseError> {
    prop_assert_eq!(r.electronic + r.paper + r.format_unknown, r.documents, "{}", r.key);
    prop_assert_eq!(r.signed + r.unsigned + r.signed_unknown, r.documents, "{}", r.key);
    for share in [r.electronic_share, r.signed_share] {
        prop_assert!((0.0..=1.0).contains(&share), "{}: {}", r.key, share);
    }
    let paper_sent: u64 = r.paper_senders.iter().map(|s| s.count).sum();
    prop_assert_eq!(paper_sent, r.handovers.paper, "{}", r.key);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn shares_are_shares_and_groups_add_up((nu, docs, events) in log(), from_h in 0i64..1500, scoped in 0usize..3) {
        let t = load(nu, &docs, &events);
        let queries = [
            Query::default(),
            Query { from: Some(T + from_h * H), ..Default::default() },
            Query { units: vec![format!("U{}", scoped % nu)], ..Default::default() },
        ];
        for q in &queries {
            let flow = t.flow(q).unwrap();
            for by in [EgovBy::Unit, EgovBy::Level, EgovBy::Month] {
                let e = t.egov(by, q).unwrap();
                row_is_sound(&e.total)?;
                prop_assert_eq!(sum(&e.total.handovers), flow.handovers, "{:?}", by);
                let mut handovers = ChannelCounts::default();
                let mut documents = 0;
                for r in &e.rows {
                    row_is_sound(r)?;
                    prop_assert!(r.documents <= e.total.documents);
                    documents += r.documents;
                    handovers.axis += r.handovers.axis;
                    handovers.province += r.handovers.province;
                    handovers.paper += r.handovers.paper;
                    handovers.other += r.handovers.other;
                    handovers.unknown += r.handovers.unknown;
                }
                prop_assert_eq!(handovers, e.total.handovers, "{:?}", by);
                if by != EgovBy::Month {
                    // By month, a document counts only in the months its copies opened in the
                    // window; by unit and level every document in scope has a group.
                    prop_assert!(documents >= e.total.documents, "{:?}", by);
                }
            }
        }
    }
}
