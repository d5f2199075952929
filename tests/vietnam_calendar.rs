//! The Vietnamese working calendar (src/calendar/vietnam.rs): the announced days off of 2024–2026,
//! the weekend rule of Art. 112(3) in a year without an announcement, working-time arithmetic
//! (properties) and a deadline across Tết 2026.

use lienthong::calendar::lunar::gio_to;
use lienthong::calendar::vietnam::{Holidays, Schedule, VietnamCalendar, OFFICIAL_SCHEDULES};
use lienthong::calendar::WorkingTime;
use lienthong::model::time::days_from_civil;
use lienthong::model::{DurationSpec, Instant, DAY_MS, HOUR_MS, MINUTE_MS};
use proptest::prelude::*;

/// An instant at a local (UTC+7) date and time.
fn local(y: i32, m: u32, d: u32, h: i64, min: i64) -> Instant {
    days_from_civil(y, m, d) * DAY_MS + h * HOUR_MS + min * MINUTE_MS - 7 * HOUR_MS
}

fn dates(cal: &VietnamCalendar, year: i32) -> Vec<(u32, u32)> {
    cal.days_off(year).into_iter().map(|((_, m, d), _)| (m, d)).collect()
}

/// 2024 (weekdays off). Tết Giáp Thìn 8/2–14/2/2024 (2 days before, 3 after Tết; kinhtedothi.vn);
/// 30/4–1/5: 27/4–1/5 with 29/4 off and Saturday 4/5 worked (Công văn 2450/VPCP-KGVX, 12/4/2024;
/// baotintuc.vn); Quốc khánh 31/8–3/9 (btv.org.vn); 1/1 (Mon) and Giỗ Tổ 18/4 (Thu).
#[test]
fn days_off_2024_match_the_announcement() {
    let cal = VietnamCalendar::new();
    let expected =
        vec![(1, 1), (2, 8), (2, 9), (2, 12), (2, 13), (2, 14), (4, 18), (4, 29), (4, 30), (5, 1), (9, 2), (9, 3)];
    assert_eq!(dates(&cal, 2024), expected);
    assert_eq!(cal.working_weekend_days(2024), vec![(2024, 5, 4)]);
}

/// 2025: Công văn 8726/VPCP-KGVX of 26/11/2024: Tết Ất Tỵ 25/1–2/2/2025, Quốc khánh 30/8–2/9;
/// 30/4–4/5 with Friday 2/5 swapped to Saturday 26/4; 1/1 (Wed); Giỗ Tổ 7/4 (Mon)
/// (tet-amlich.com, xosobinhdinh.org).
#[test]
fn days_off_2025_match_the_announcement() {
    let cal = VietnamCalendar::new();
    let expected =
        vec![(1, 1), (1, 27), (1, 28), (1, 29), (1, 30), (1, 31), (4, 7), (4, 30), (5, 1), (5, 2), (9, 1), (9, 2)];
    assert_eq!(dates(&cal, 2025), expected);
    assert_eq!(cal.working_weekend_days(2025), vec![(2025, 4, 26)]);
}

/// 2026: Tết Dương lịch 1/1–4/1 with Friday 2/1 swapped to Saturday 10/1 (Công văn
/// 12729/VPCP-KGVX, 25/12/2025); Tết Bính Ngọ 14/2–22/2 and Quốc khánh 29/8–2/9 with Monday 31/8
/// swapped to Saturday 22/8 (Thông báo 9441/TB-BNV, 16/10/2025); Giỗ Tổ 26/4 is a Sunday, so
/// nghỉ bù Monday 27/4 (Art. 112(3)); 30/4 (Thu), 1/5 (Fri).
#[test]
fn days_off_2026_match_the_announcement() {
    let cal = VietnamCalendar::new();
    let expected = vec![
        (1, 1),
        (1, 2),
        (2, 16),
        (2, 17),
        (2, 18),
        (2, 19),
        (2, 20),
        (4, 27),
        (4, 30),
        (5, 1),
        (8, 31),
        (9, 1),
        (9, 2),
    ];
    assert_eq!(dates(&cal, 2026), expected);
    assert_eq!(cal.working_weekend_days(2026), vec![(2026, 1, 10), (2026, 8, 22)]);
    let names: Vec<String> = cal.days_off(2026).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names[0], "Tết Dương lịch");
    assert_eq!(names[1], "Nghỉ hoán đổi (Tết Dương lịch)");
    assert!(names[2..7].iter().all(|n| n == "Tết Nguyên Đán"));
    assert_eq!(names[7], "Nghỉ bù Giỗ Tổ Hùng Vương");
    assert_eq!(names[8], "Ngày Chiến thắng");
    assert_eq!(names[9], "Ngày Quốc tế Lao động");
    assert_eq!(names[10], "Nghỉ hoán đổi (Quốc khánh)");
    assert_eq!(&names[11..], ["Quốc khánh", "Quốc khánh"]);
}

/// The announced data agree with the lunar calendar: each year's Giỗ Tổ (or its substitute) is
/// off, and every announced day off is a weekday and every make-up day a weekend day.
#[test]
fn announced_schedules_are_consistent() {
    let cal = VietnamCalendar::new();
    for &(year, off, work) in OFFICIAL_SCHEDULES {
        let g = gio_to(year);
        assert!(!cal.is_working_day(g), "{year}: Giỗ Tổ");
        for &(m, d) in off {
            let day = days_from_civil(year, m, d);
            assert!((day + 3).rem_euclid(7) < 5, "{year}-{m}-{d} is not a weekday");
        }
        for &(m, d) in work {
            let day = days_from_civil(year, m, d);
            assert!((day + 3).rem_euclid(7) >= 5, "{year}-{m}-{d} is not a weekend day");
            assert!(cal.is_working_day(day));
        }
    }
}

/// 2028 has no announcement: 1/1 is a Saturday (nghỉ bù Monday 3/1); 30/4 is a Sunday and 1/5 a
/// Monday, so 30/4 moves past 1/5 to Tuesday 2/5; 2/9 is a Saturday (adjacent day Friday 1/9,
/// nghỉ bù Monday 4/9).
#[test]
fn holiday_on_a_weekend_moves_to_the_next_working_day() {
    let cal = VietnamCalendar::new();
    assert!(cal.schedule(2028).is_none());
    let off = cal.days_off(2028);
    let find = |m: u32, d: u32| off.iter().find(|((_, mm, dd), _)| (*mm, *dd) == (m, d)).map(|(_, n)| n.as_str());
    assert_eq!(find(1, 3), Some("Nghỉ bù Tết Dương lịch"));
    assert!(cal.is_working_date(2028, 1, 4));
    assert_eq!(find(5, 1), Some("Ngày Quốc tế Lao động"));
    assert_eq!(find(5, 2), Some("Nghỉ bù Ngày Chiến thắng"));
    assert!(cal.is_working_date(2028, 5, 3));
    assert_eq!(find(9, 1), Some("Quốc khánh"));
    assert_eq!(find(9, 4), Some("Nghỉ bù Quốc khánh"));
    assert!(cal.is_working_date(2028, 9, 5));
    // Tết Mậu Thân 2028 (26/1, a Wednesday): 25/1–29/1; 29/1 is a Saturday, so nghỉ bù Monday 31/1.
    let tet: Vec<(u32, u32)> =
        off.iter().filter(|(_, n)| n == "Tết Nguyên Đán").map(|((_, m, d), _)| (*m, *d)).collect();
    assert_eq!(tet, vec![(1, 25), (1, 26), (1, 27), (1, 28), (1, 31)]);
}

#[test]
fn a_new_schedule_overrides_the_computed_year_and_custom_days_win() {
    let mut cal = VietnamCalendar::new();
    assert!(!cal.is_working_date(2028, 1, 3));
    let mut s = Holidays::default_schedule(2028);
    s.days_off.retain(|&d| d != (2028, 1, 3));
    s.days_off.push((2028, 1, 4));
    s.working_days.push((2028, 1, 8));
    cal.add_schedule(s);
    assert!(cal.is_working_date(2028, 1, 3));
    assert!(!cal.is_working_date(2028, 1, 4));
    assert!(cal.is_working_date(2028, 1, 8));
    cal.add_day_off(2028, 1, 5, "Nghỉ riêng");
    cal.add_working_day(2028, 1, 4);
    assert!(cal.is_working_date(2028, 1, 4));
    assert!(!cal.is_working_date(2028, 1, 5));
    assert!(cal.days_off(2028).contains(&((2028, 1, 5), "Nghỉ riêng".to_string())));
    assert_eq!(Schedule::official(2025).unwrap().working_days, vec![(2025, 4, 26)]);
}

#[test]
fn office_hours_are_counted_and_configurable() {
    let mut cal = VietnamCalendar::new();
    // Monday 2026-03-02, a plain working day: 7h30 of work.
    let day = cal.working_ms_between(local(2026, 3, 2, 0, 0), local(2026, 3, 3, 0, 0));
    assert_eq!(day, 7 * HOUR_MS + 30 * MINUTE_MS);
    assert_eq!(cal.working_ms_between(local(2026, 3, 2, 11, 0), local(2026, 3, 2, 14, 0)), HOUR_MS);
    // Saturday: nothing.
    assert_eq!(cal.working_ms_between(local(2026, 3, 7, 0, 0), local(2026, 3, 8, 0, 0)), 0);
    // Make-up Saturday 2026-08-22: a full day.
    assert_eq!(cal.working_ms_between(local(2026, 8, 22, 0, 0), local(2026, 8, 23, 0, 0)), day);
    assert!(cal.set_office_hours(&[(8 * HOUR_MS, 12 * HOUR_MS)]));
    assert_eq!(cal.working_ms_between(local(2026, 3, 2, 0, 0), local(2026, 3, 3, 0, 0)), 4 * HOUR_MS);
    assert!(!cal.set_office_hours(&[]));
}

/// The last working day before Tết Bính Ngọ is Friday 13/2/2026; a 3-working-day deadline from
/// 10:00 that day falls after the 9-day break, on Wednesday 25/2/2026 at 10:00.
#[test]
fn deadline_across_tet_2026() {
    let cal = VietnamCalendar::new();
    assert!(cal.is_working_date(2026, 2, 13));
    for d in 14..=22 {
        assert!(!cal.is_working_date(2026, 2, d), "2026-02-{d}");
    }
    let received = local(2026, 2, 13, 10, 0);
    let due = cal.add_working(received, DurationSpec { days: 3, ms: 0 });
    assert!(due > local(2026, 2, 22, 23, 59));
    assert_eq!(due, local(2026, 2, 25, 10, 0));
    assert_eq!(cal.working_ms_between(received, due), 3 * cal.working_day_ms());
    // Received after hours on Friday: three full working days, due at 17:00 on Wednesday.
    let late = cal.add_working(local(2026, 2, 13, 19, 0), DurationSpec { days: 3, ms: 0 });
    assert_eq!(late, local(2026, 2, 25, 17, 0));
}

#[test]
fn far_instants_do_not_panic() {
    let cal = VietnamCalendar::new();
    let a = local(1850, 1, 1, 9, 0);
    let b = local(2150, 1, 1, 9, 0);
    let w = cal.working_ms_between(a, b);
    assert!(w > 0 && w <= b - a);
    assert_eq!(cal.working_ms_between(a, cal.add_working(a, DurationSpec { days: 0, ms: w })), w);
    let _ = cal.add_working(0, DurationSpec { days: i64::MAX / 4, ms: 0 });
    let _ = cal.working_ms_between(-8_640_000_000_000_000, 8_640_000_000_000_000);
}

/// Instants 2019–2029, where the announced and computed years meet.
fn instant() -> impl Strategy<Value = Instant> {
    local(2019, 1, 1, 0, 0)..local(2029, 12, 31, 0, 0)
}

proptest! {
    #[test]
    fn working_time_never_exceeds_calendar_time(a in instant(), b in instant()) {
        let cal = VietnamCalendar::new();
        let w = cal.working_ms_between(a, b);
        prop_assert!(w.abs() <= (b - a).abs());
        prop_assert!(w.signum() * (b - a).signum() >= 0);
        prop_assert_eq!(w, -cal.working_ms_between(b, a));
    }

    #[test]
    fn add_working_inverts_working_ms_between(a in instant(), hours in 0i64..2_000, minutes in 0i64..60) {
        let cal = VietnamCalendar::new();
        let n = hours * HOUR_MS + minutes * MINUTE_MS;
        let end = cal.add_working(a, DurationSpec { days: 0, ms: n });
        prop_assert!(end >= a);
        prop_assert_eq!(cal.working_ms_between(a, end), n);
        let back = cal.add_working(end, DurationSpec { days: 0, ms: -n });
        prop_assert!(back <= end);
        prop_assert_eq!(cal.working_ms_between(back, end), n);
    }

    #[test]
    fn working_days_count_whole_days(a in instant(), days in 0i64..400) {
        let cal = VietnamCalendar::new();
        let end = cal.add_working(a, DurationSpec { days, ms: 0 });
        prop_assert_eq!(cal.working_ms_between(a, end), days * cal.working_day_ms());
    }

    #[test]
    fn working_time_is_additive(a in instant(), b in instant(), c in instant()) {
        let cal = VietnamCalendar::new();
        prop_assert_eq!(
            cal.working_ms_between(a, b) + cal.working_ms_between(b, c),
            cal.working_ms_between(a, c)
        );
    }
}
