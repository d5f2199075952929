//! Deadlines under the default Vietnamese working calendar, through the tracker: `dueRules`
//! (which rule applies, counted from which event), a deadline across Tết 2026, lateness in
//! working time and whole working days, `dueSoonWithin` in working days, and a date-only due
//! meaning the end of the calendar's last office hour.
//!
//! Tết Bính Ngọ: the official days off are Saturday 14 to Sunday 22 February 2026; Friday 13
//! and Monday 23 are working days. Office hours 07:30–11:30 and 13:30–17:00 (7.5 h a day).

use lienthong::analysis::{OverdueEntry, OverdueOptions};
use lienthong::calendar::{ContinuousTime, DueRule, VietnamCalendar};
use lienthong::ingest::{DocumentRecord, EventRecord, TimeValue, UnitRecord};
use lienthong::model::time::days_from_civil;
use lienthong::model::{DurationSpec, Instant, Urgency, DAY_MS, HOUR_MS, MINUTE_MS};
use lienthong::{Query, Tracker, TrackerOptions};
use std::sync::Arc;

const H: i64 = HOUR_MS;

/// An instant at a local (UTC+7) date and time.
fn local(y: i32, m: u32, d: u32, h: i64, min: i64) -> Instant {
    days_from_civil(y, m, d) * DAY_MS + h * HOUR_MS + min * MINUTE_MS - 7 * HOUR_MS
}

fn rule(doc_type: Option<&str>, urgency: Option<Urgency>, within: &str) -> DueRule {
    DueRule { doc_type: doc_type.map(str::to_string), urgency, within: DurationSpec::parse(within).unwrap() }
}

/// Units P (province) and X (commune); documents of `docs` (id, type, urgency, due); events
/// (doc, unit, action, at, to).
fn tracker(
    options: TrackerOptions,
    docs: &[(&str, &str, &str, Option<&str>)],
    events: &[(&str, &str, &str, Instant, Option<&str>)],
) -> Tracker {
    let mut t = Tracker::new(options);
    t.add_units([
        UnitRecord { id: "P", name: Some("UBND tỉnh"), level: Some("province"), ..Default::default() },
        UnitRecord { id: "X", name: Some("UBND xã"), level: Some("commune"), parent: Some("P"), ..Default::default() },
    ]);
    let r = t.add_documents(docs.iter().map(|&(id, ty, urgency, due)| DocumentRecord {
        id,
        doc_type: Some(ty),
        urgency: Some(urgency),
        due: due.map(TimeValue::Text),
        ..Default::default()
    }));
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    let r = t.add_events(events.iter().map(|&(doc, unit, action, at, to)| EventRecord {
        to: to.into(),
        ..EventRecord::new(doc, unit, action, TimeValue::Millis(at))
    }));
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    t
}

fn find<'a>(list: &'a [OverdueEntry], id: &str) -> &'a OverdueEntry {
    list.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} not listed"))
}

/// A copy received on Friday 13 February 2026 at 10:00, the last working day before Tết, under
/// a rule of 3 working days: 22.5 working hours = Fri 10:00–11:30 and 13:30–17:00 (5 h), Mon 23
/// (7.5 h, 12.5), Tue 24 (7.5 h, 20), then 2.5 h on Wed 25 → Wednesday 25/2 at 10:00. Counting
/// weekdays only it would have been Wednesday 18/2, in the middle of Tết.
#[test]
fn a_rule_deadline_from_the_last_day_before_tet_falls_after_it() {
    let fri = local(2026, 2, 13, 10, 0);
    let opts =
        TrackerOptions { due_rules: vec![rule(Some("công văn"), Some(Urgency::Urgent), "3d")], ..Default::default() };
    let t = tracker(
        opts,
        &[("d1", "công văn", "urgent", None)],
        &[("d1", "P", "sent", local(2026, 2, 13, 9, 0), Some("X")), ("d1", "X", "arrived", fri, None)],
    );
    let due = local(2026, 2, 25, 10, 0);
    // As of Tuesday 24 at 16:00 it is not overdue: due within 2 working days (1 h left on Tue,
    // then Wed): due soon, with 1 h + 2.5 h = 3.5 working hours left.
    let q = Query { as_of: Some(local(2026, 2, 24, 16, 0)), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    assert!(o.overdue.is_empty());
    let e = find(&o.due_soon, "d1");
    assert_eq!((e.unit.as_str(), e.due), ("X", due));
    assert_eq!(e.remaining.working_ms, 7 * H / 2);
    // As of Thursday 26 at 09:00: overdue by Wed 10:00–11:30, 13:30–17:00 (5 h) and Thu
    // 07:30–09:00 (1.5 h) = 6.5 working hours, over 2 working days (Wed, Thu).
    let q = Query { as_of: Some(local(2026, 2, 26, 9, 0)), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let e = find(&o.overdue, "d1");
    assert_eq!(e.due, due);
    assert_eq!((e.lateness.working_ms, e.lateness_working_days), (13 * H / 2, 2));
    assert_eq!(e.lateness.calendar_ms, 23 * H);
}

/// A copy due on Friday 13/2 at 17:00 (a date-only due) and still open on Tuesday 24/2 at
/// 12:00 is overdue by Mon 23 (7.5 h) and Tue 07:30–11:30 (4 h) = 11.5 working hours, on 2
/// working days, not by the 10 days 19 hours of the calendar. One closed on Monday 23 at 09:00
/// is late by 1.5 working hours, 1 working day.
#[test]
fn lateness_across_tet_counts_working_hours_only() {
    let t = tracker(
        TrackerOptions::default(),
        &[("open", "công văn", "normal", Some("2026-02-13")), ("done", "công văn", "normal", Some("2026-02-13"))],
        &[
            ("open", "X", "arrived", local(2026, 2, 10, 8, 0), None),
            ("done", "X", "arrived", local(2026, 2, 10, 8, 0), None),
            ("done", "X", "completed", local(2026, 2, 23, 9, 0), None),
        ],
    );
    let q = Query { as_of: Some(local(2026, 2, 24, 12, 0)), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let e = find(&o.overdue, "open");
    assert_eq!(e.due, local(2026, 2, 13, 17, 0));
    assert_eq!((e.lateness.working_ms, e.lateness_working_days), (23 * H / 2, 2));
    assert_eq!(e.lateness.calendar_ms, 10 * DAY_MS + 19 * H);
    let e = find(&o.late, "done");
    assert_eq!((e.lateness.working_ms, e.lateness_working_days), (3 * H / 2, 1));
    assert_eq!(e.lateness.calendar_ms, 9 * DAY_MS + 16 * H);

    // In calendar time (ContinuousTime) working figures are calendar figures, and whole days are
    // started 24-hour days: 10 d 19 h → 11.
    let t = tracker(
        TrackerOptions { clock: Arc::new(ContinuousTime), ..Default::default() },
        &[("open", "công văn", "normal", Some("2026-02-13"))],
        &[("open", "X", "arrived", local(2026, 2, 10, 8, 0), None)],
    );
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let e = find(&o.overdue, "open");
    assert_eq!((e.lateness.working_ms, e.lateness_working_days), (10 * DAY_MS + 19 * H, 11));
}

/// The most specific rule applies; an explicit due (on the document or on the `sent`) wins over
/// every rule; a rule naming an unknown type matches nothing; a chain's deadline counts from the
/// document's first event.
#[test]
fn which_rule_applies() {
    let mon = |h: i64| local(2026, 3, 2, h, 0); // Monday 2 March 2026, a working day
    let opts = TrackerOptions {
        due_rules: vec![
            rule(None, None, "10d"),
            rule(None, Some(Urgency::Flash), "4h"),
            rule(Some("công văn"), None, "5d"),
            rule(Some("công văn"), Some(Urgency::Urgent), "2d"),
            rule(Some("không có"), None, "1h"),
        ],
        ..Default::default()
    };
    let t = tracker(
        opts,
        &[
            ("cv-urgent", "công văn", "urgent", None),
            ("cv-flash", "công văn", "flash", None),
            ("bc-flash", "báo cáo", "flash", None),
            ("bc", "báo cáo", "normal", None),
            ("own-due", "công văn", "urgent", Some("2026-03-20")),
            ("sent-due", "công văn", "urgent", None),
            ("chain", "tờ trình", "flash", None),
        ],
        &[
            ("cv-urgent", "X", "arrived", mon(8), None),
            ("cv-flash", "X", "arrived", mon(8), None),
            ("bc-flash", "X", "arrived", mon(8), None),
            ("bc", "X", "arrived", mon(8), None),
            ("own-due", "X", "arrived", mon(8), None),
            ("sent-due", "P", "sent", mon(8), Some("X")),
            ("sent-due", "X", "arrived", mon(9), None),
            // A chain (no `to`): X then P; the rule's 4 h count from X's first event.
            ("chain", "X", "arrived", mon(8), None),
            ("chain", "P", "arrived", mon(10), None),
        ],
    );
    // Give sent-due its own due on the sent: reload it with one.
    let mut t = t;
    let r = t.add_events([EventRecord {
        to: Some("P").into(),
        due: Some(TimeValue::Text("2026-03-31")),
        ..EventRecord::new("sent-due", "X", "sent", TimeValue::Millis(mon(10)))
    }]);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    let q = Query { as_of: Some(mon(8)), ..Default::default() };
    let o =
        t.overdue(&OverdueOptions { due_soon_within: DurationSpec::parse("100d").unwrap(), ..Default::default() }, &q);
    let o = o.unwrap();
    let due = |id: &str, unit: &str| {
        o.due_soon.iter().chain(&o.overdue).find(|e| e.id == id && e.unit == unit).map(|e| e.due)
    };
    // From Mon 08:00: 2 working days → Wed 08:00; 4 h → 13:30 (3.5 h to 11:30, 0.5 h after
    // lunch) = Mon 14:00; 10 working days → Mon 16 March 08:00.
    assert_eq!(due("cv-urgent", "X"), Some(local(2026, 3, 4, 8, 0)), "type + urgency beats type");
    assert_eq!(due("cv-flash", "X"), Some(local(2026, 3, 9, 8, 0)), "type (5d) beats urgency");
    assert_eq!(due("bc-flash", "X"), Some(mon(14)), "urgency beats the catch-all");
    assert_eq!(due("bc", "X"), Some(local(2026, 3, 16, 8, 0)), "catch-all");
    assert_eq!(due("own-due", "X"), Some(local(2026, 3, 20, 17, 0)), "the document's due wins");
    // As of 08:00, X's copy of sent-due has not arrived (its arrival at 09:00 is not seen yet):
    // its clock starts at the sent that opened it, 08:00 → Wed 08:00.
    assert_eq!(due("sent-due", "X"), Some(local(2026, 3, 4, 8, 0)));
    // The chain so far is one visit at X, its last: 4 working hours from Mon 08:00.
    assert_eq!(due("chain", "X"), Some(mon(14)));

    // After every event: X handed sent-due on to P with a due of its own on the sent, 31 March
    // 17:00. The chain's last visit is now P's, due 4 working hours after the chain's first
    // event (Mon 08:00) → Mon 14:00; X's visit is no longer judged.
    let q = Query { as_of: Some(mon(11)), ..Default::default() };
    let o =
        t.overdue(&OverdueOptions { due_soon_within: DurationSpec::parse("100d").unwrap(), ..Default::default() }, &q);
    let o = o.unwrap();
    let due = |id: &str, unit: &str| {
        o.due_soon.iter().chain(&o.overdue).find(|e| e.id == id && e.unit == unit).map(|e| e.due)
    };
    assert_eq!(due("sent-due", "P"), Some(local(2026, 3, 31, 17, 0)), "the sent's due wins");
    assert_eq!(due("chain", "P"), Some(mon(14)));
    assert_eq!(due("chain", "X"), None);
    // The catch-all leaves no received copy without a deadline.
    assert_eq!(o.without_due, 0);
}

/// `dueSoonWithin` counts working time: on Friday 13/2/2026 at 16:00, "2d" reaches Tuesday
/// 24/2 at 16:00 (1 h Fri, Mon 7.5 h, Tue 6.5 h to 16:00) across Tết; 48 calendar hours would
/// stop on Sunday 15.
#[test]
fn due_soon_counts_working_days() {
    let t = tracker(
        TrackerOptions::default(),
        &[("soon", "công văn", "normal", Some("2026-02-24")), ("later", "công văn", "normal", Some("2026-02-25"))],
        &[
            ("soon", "X", "arrived", local(2026, 2, 12, 8, 0), None),
            ("later", "X", "arrived", local(2026, 2, 12, 8, 0), None),
        ],
    );
    let q = Query { as_of: Some(local(2026, 2, 13, 16, 0)), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    // "2026-02-24" means 17:00, one working hour past the window's end at Tue 16:00: not due
    // soon with "2d"; with "2d1h" it is. "2026-02-25" is not.
    assert!(o.due_soon.is_empty());
    let o =
        t.overdue(&OverdueOptions { due_soon_within: DurationSpec::parse("2d1h").unwrap(), ..Default::default() }, &q);
    let ids: Vec<String> = o.unwrap().due_soon.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids, ["soon"]);
}

/// A date-only due means the end of the calendar's last office hour: 16:30 with office hours
/// 08:00–12:00 and 13:00–16:30.
#[test]
fn a_date_only_due_ends_with_the_last_office_hour() {
    let mut cal = VietnamCalendar::new();
    assert!(cal.set_office_hours(&[(8 * H, 12 * H), (13 * H, 16 * H + 30 * MINUTE_MS)]));
    let t = tracker(
        TrackerOptions { clock: Arc::new(cal), ..Default::default() },
        &[("d", "công văn", "normal", Some("2026-03-03"))],
        &[("d", "X", "arrived", local(2026, 3, 2, 8, 0), None)],
    );
    let q = Query { as_of: Some(local(2026, 3, 4, 9, 0)), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let e = find(&o.overdue, "d");
    assert_eq!(e.due, local(2026, 3, 3, 16, 30));
    // Late by Wed 08:00–09:00 = 1 working hour.
    assert_eq!((e.lateness.working_ms, e.lateness_working_days), (H, 1));
}
