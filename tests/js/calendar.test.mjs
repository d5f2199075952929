// The working calendar through the built package (SPEC §4–5): the `Calendar` class, and the
// tracker options `calendar` and `dueRules` with a deadline across Tết Bính Ngọ 2026. Every
// expected figure is worked out by hand in the comments. Times are local (+07:00).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Calendar, Tracker, LienthongError } from "lienthong";

const at = (local) => Date.parse(`${local}+07:00`);
const H = 3_600_000;
const DAY = 7.5 * H; // a working day: 07:30–11:30 and 13:30–17:00

/** Runs `f`, expects a LienthongError with `code` and `field`. */
function throws(f, code, field) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof LienthongError, `${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.field, field, e.message);
    return true;
  });
}

// The weekdays off of 2026 as announced (Công văn 12729/VPCP-KGVX; Thông báo 9441/TB-BNV), as in
// OFFICIAL_SCHEDULES (src/calendar/vietnam.rs) and tests/vietnam_calendar.rs.
const TET = "Tết Nguyên Đán";
const OFFICIAL_2026 = [
  { date: "2026-01-01", name: "Tết Dương lịch" },
  { date: "2026-01-02", name: "Nghỉ hoán đổi (Tết Dương lịch)" },
  { date: "2026-02-16", name: TET },
  { date: "2026-02-17", name: TET },
  { date: "2026-02-18", name: TET },
  { date: "2026-02-19", name: TET },
  { date: "2026-02-20", name: TET },
  { date: "2026-04-27", name: "Nghỉ bù Giỗ Tổ Hùng Vương" },
  { date: "2026-04-30", name: "Ngày Chiến thắng" },
  { date: "2026-05-01", name: "Ngày Quốc tế Lao động" },
  { date: "2026-08-31", name: "Nghỉ hoán đổi (Quốc khánh)" },
  { date: "2026-09-01", name: "Quốc khánh" },
  { date: "2026-09-02", name: "Quốc khánh" },
];

test("Calendar: Tết 2026, the official days off, dates in any form", () => {
  const cal = new Calendar();
  assert.equal(cal.isWorkingDay("2026-02-16"), false); // Tết
  assert.equal(cal.isWorkingDay("2026-02-13"), true); // Friday, the last working day before Tết
  assert.equal(cal.isWorkingDay("14/02/2026"), false); // Saturday
  assert.equal(cal.isWorkingDay(new Date("2026-02-23T08:00:00+07:00")), true);
  assert.equal(cal.isWorkingDay(at("2026-01-10T09:00")), true); // make-up Saturday (làm bù)
  // 15 Feb 17:30 UTC is 16 Feb 00:30 in Vietnam: the day is read in UTC+7.
  assert.equal(cal.isWorkingDay("2026-02-15T17:30:00Z"), false);
  assert.equal(cal.isWorkingDay("2026-02-15T16:30:00Z"), false); // Sunday 23:30
  assert.equal(cal.lunarNewYear(2026), "2026-02-17");
  assert.equal(cal.lunarNewYear(2027), "2027-02-06");
  assert.deepEqual(cal.daysOff(2026), OFFICIAL_2026);
  assert.equal(cal.hours, "07:30-11:30,13:30-17:00");
  assert.equal(cal.workingDayMs, DAY);
  assert.deepEqual(cal.toJSON(), { hours: "07:30-11:30,13:30-17:00", schedules: [], daysOff: [], workingDays: [] });
  cal.free();
});

test("Calendar: addSchedule for a newly announced year replaces its computed days off", () => {
  const cal = new Calendar();
  // 2027 has no announcement yet. Tết Đinh Mùi is Saturday 6 Feb 2027; the computed default is
  // 5/2 (the last day of the year) and 8–9/2, plus nghỉ bù 10–11/2 for the weekend days 6–7/2.
  assert.deepEqual(
    cal.daysOff(2027).filter((d) => d.name === TET).map((d) => d.date),
    ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"],
  );
  assert.equal(cal.isWorkingDay("2027-02-04"), true);
  assert.equal(cal.isWorkingDay("2027-02-11"), false);
  assert.equal(cal.isWorkingDay("2027-02-20"), false); // a Saturday
  // An imagined announcement: Tết 4/2–10/2, Saturday 20/2 worked instead of 11/2. A schedule
  // lists every weekday off of its year, so 1/1, Giỗ Tổ, 30/4, 1/5 and 2/9 are repeated.
  const daysOff = ["2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
    "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03"];
  cal.addSchedule({ year: 2027, daysOff, workingDays: ["2027-02-20"] });
  assert.equal(cal.isWorkingDay("2027-02-04"), false);
  assert.equal(cal.isWorkingDay("2027-02-11"), true);
  assert.equal(cal.isWorkingDay("2027-02-20"), true);
  assert.deepEqual(cal.daysOff(2027).map((d) => d.date), daysOff);
  assert.deepEqual(cal.daysOff(2026), OFFICIAL_2026); // other years untouched
  assert.deepEqual(cal.toJSON().schedules, [{ year: 2027, daysOff, workingDays: ["2027-02-20"] }]);
  // The schedule may be given again (a correction): it replaces the first.
  cal.addSchedule({ year: 2027, daysOff: daysOff.filter((d) => d !== "2027-02-04") });
  assert.equal(cal.isWorkingDay("2027-02-04"), true);
  assert.equal(cal.isWorkingDay("2027-02-20"), false);
  throws(() => cal.addSchedule({ year: 2027, daysOff: ["2026-12-31"] }), "BAD_OPTION", "daysOff[0]");
  throws(() => cal.addSchedule({ daysOff }), "BAD_OPTION", "year");
  throws(() => cal.addSchedule({ year: 2027, dayOff: daysOff }), "BAD_OPTION", "dayOff");
  throws(() => cal.addSchedule("2027"), "BAD_OPTION", undefined);
  cal.free();
});

test("Calendar: office hours change working time; addWorking then workingMsBetween gives N back", () => {
  const cal = new Calendar();
  const eight = new Calendar({ hours: "08:00-12:00,13:00-17:00" });
  // Monday 2 March 2026, a working day: 7 h 30 by default, 8 h with the other hours.
  assert.equal(cal.workingMsBetween("2026-03-02", "2026-03-03"), DAY);
  assert.equal(eight.workingMsBetween("2026-03-02", "2026-03-03"), 8 * H);
  assert.equal(eight.workingDayMs, 8 * H);
  assert.equal(eight.hours, "08:00-12:00,13:00-17:00");
  // 12:00–13:00 is lunch in one calendar and office time (from 13:00 on) in neither.
  assert.equal(cal.workingMsBetween(at("2026-03-02T11:00"), at("2026-03-02T14:00")), 1 * H);
  assert.equal(eight.workingMsBetween(at("2026-03-02T11:00"), at("2026-03-02T14:00")), 2 * H);
  // Backwards is negative; Tết week is empty.
  assert.equal(cal.workingMsBetween("2026-03-03", "2026-03-02"), -DAY);
  assert.equal(cal.workingMsBetween("2026-02-14", "2026-02-23"), 0);
  // 3 working days from Friday 13 Feb 09:00 end on Wednesday 25 Feb 09:00 (see the tracker test).
  assert.equal(cal.addWorking(at("2026-02-13T09:00"), "3d"), at("2026-02-25T09:00"));
  assert.equal(cal.addWorking(new Date(at("2026-02-13T09:00")), 6 * H), at("2026-02-13T17:00"));
  // Round trip on both calendars, from starts of every kind (office hours, lunch, night,
  // weekend, Tết) and durations in days, hours and milliseconds.
  const starts = ["2026-02-13T09:00", "2026-02-13T12:00", "2026-02-16T10:00", "2026-01-10T16:59", "2026-04-26T20:00",
    "2026-08-29T07:00", "2026-12-31T23:59"].map(at);
  for (let i = 0; i < 40; i++) starts.push(at("2026-01-01T00:00") + ((i * 7_919_993_417) % (365 * 24 * H)));
  for (const c of [cal, eight]) {
    for (const a of starts) {
      for (const [d, n] of [["3d", 3 * c.workingDayMs], ["4h", 4 * H], [90 * 60_000, 90 * 60_000], ["1d4h", c.workingDayMs + 4 * H], ["20d", 20 * c.workingDayMs]]) {
        const b = c.addWorking(a, d);
        assert.equal(c.workingMsBetween(a, b), n, `${new Date(a).toISOString()} + ${d}`);
        assert.ok(c.workingMsBetween(a, b) <= b - a);
      }
    }
  }
  throws(() => new Calendar({ hours: "8-17" }), "BAD_OPTION", "hours");
  throws(() => new Calendar({ hours: "13:30-17:00,07:30-11:30" }), "BAD_OPTION", "hours");
  throws(() => new Calendar({ hours: 8 }), "BAD_OPTION", "hours");
  throws(() => cal.workingMsBetween("2026-02-30", "2026-03-01"), "BAD_QUERY", "a");
  throws(() => cal.workingMsBetween("2026-03-01"), "BAD_QUERY", "b");
  throws(() => cal.addWorking(at("2026-03-02T08:00"), "3x"), "BAD_QUERY", "duration");
  throws(() => cal.addWorking(at("2026-03-02T08:00"), -1), "BAD_QUERY", "duration");
  throws(() => cal.addWorking(at("2026-03-02T08:00")), "BAD_QUERY", "duration");
  throws(() => cal.isWorkingDay({}), "BAD_QUERY", "date");
  throws(() => cal.lunarNewYear(1800), "BAD_QUERY", "year");
  throws(() => cal.daysOff("2026"), "BAD_QUERY", "year");
  cal.free();
  eight.free();
});

test("Calendar: custom days, toJSON and rebuilding an equal calendar", () => {
  const cal = new Calendar({ daysOff: ["2026-12-31", { date: "2026-03-02", name: "Ngày hội" }] });
  cal.addWorkingDay("2026-03-07"); // a Saturday
  cal.addDayOff(new Date("2026-03-04T10:00:00+07:00"));
  assert.equal(cal.isWorkingDay("2026-03-02"), false);
  assert.equal(cal.isWorkingDay("2026-03-07"), true);
  assert.deepEqual(cal.daysOff(2026).filter((d) => d.date.startsWith("2026-03") || d.date === "2026-12-31"), [
    { date: "2026-03-02", name: "Ngày hội" },
    { date: "2026-03-04", name: "Ngày nghỉ riêng" },
    { date: "2026-12-31", name: "Ngày nghỉ riêng" },
  ]);
  const spec = cal.toJSON();
  assert.deepEqual(spec, {
    hours: "07:30-11:30,13:30-17:00",
    schedules: [],
    daysOff: [
      { date: "2026-03-02", name: "Ngày hội" },
      { date: "2026-03-04", name: "Ngày nghỉ riêng" },
      { date: "2026-12-31", name: "Ngày nghỉ riêng" },
    ],
    workingDays: ["2026-03-07"],
  });
  // From the spec, or from its JSON text, an equal calendar.
  for (const copy of [new Calendar(spec), new Calendar(JSON.parse(JSON.stringify(cal)))]) {
    assert.deepEqual(copy.toJSON(), spec);
    assert.deepEqual(copy.daysOff(2026), cal.daysOff(2026));
    assert.equal(copy.workingMsBetween("2026-03-01", "2026-03-09"), cal.workingMsBetween("2026-03-01", "2026-03-09"));
    copy.free();
  }
  // A later call wins over an earlier one for the same day.
  cal.addWorkingDay("2026-03-02");
  assert.equal(cal.isWorkingDay("2026-03-02"), true);
  throws(() => new Calendar({ daysOff: ["2026-12-31"], workingDays: ["2026-12-31"] }), "BAD_OPTION", "workingDays[0]");
  throws(() => new Calendar({ daysOff: [{ name: "x" }] }), "BAD_OPTION", "daysOff[0].date");
  throws(() => new Calendar({ dayOff: [] }), "BAD_OPTION", "dayOff");
  throws(() => new Calendar({ workingDays: ["2101-01-03"] }), "BAD_OPTION", "workingDays[0]");
  throws(() => cal.addDayOff("2026-02-30"), "BAD_OPTION", "date");
  throws(() => cal.addDayOff("2026-03-03", 5), "BAD_OPTION", "name");
  throws(() => new Calendar(5), "BAD_OPTION", undefined);
  cal.free();
});

// One unit, four open documents, all without a deadline of their own except d4.
const UNITS = [{ id: "S", name: "Sở Nội vụ", level: "province" }];
const DOCUMENTS = [
  { id: "d1", type: "công văn", urgency: "urgent" },
  { id: "d2", type: "công văn", urgency: "normal" },
  { id: "d3", type: "báo cáo", urgency: "urgent" },
  { id: "d4", type: "tờ trình", due: "2026-02-13" }, // a date alone: 17:00 that day
];
const EVENTS = [
  { doc: "d1", unit: "S", action: "arrived", at: "2026-02-13T09:00" },
  { doc: "d2", unit: "S", action: "arrived", at: "2026-02-13T09:00" },
  { doc: "d3", unit: "S", action: "arrived", at: "2026-02-13T09:00" },
  { doc: "d4", unit: "S", action: "arrived", at: "2026-02-12T08:00" },
];
// The most specific matching rule applies, whatever the order: type and urgency, then type,
// then urgency.
const RULES = [
  { type: "công văn", within: "5d" },
  { urgency: "urgent", within: "4h" },
  { type: "công văn", urgency: "urgent", within: "3d" },
  { type: "giấy mời", within: "1d" },
];

function tracker(options) {
  const t = new Tracker({ dueRules: RULES, ...options });
  t.addUnits(UNITS);
  t.addDocuments(DOCUMENTS);
  assert.equal(t.addEvents(EVENTS).accepted, 4);
  return t;
}

const byId = (entries) => Object.fromEntries(entries.map((e) => [e.id, e]));

test("dueRules: received on the last working day before Tết, due after Tết", () => {
  assert.equal(new Calendar().isWorkingDay("2026-02-13"), true);
  const t = tracker();
  // d1 (công văn, urgent: 3 working days = 3 × 7 h 30 = 22 h 30 of office hours from the
  // copy's first event, Friday 13 Feb 09:00):
  //   Fri 13: 09:00–11:30 + 13:30–17:00 = 6 h             (6 h)
  //   Sat 14 – Sun 22: weekend and Tết (16–20 Feb), nothing
  //   Mon 23: 7 h 30                                        (13 h 30)
  //   Tue 24: 7 h 30                                        (21 h)
  //   Wed 25: from 07:30, 1 h 30 more                       (22 h 30) → due Wed 25 Feb 09:00.
  // d2 (công văn, normal: 5 days = 37 h 30): 6 + 7.5 × 3 (Mon–Wed) = 28.5 h, Thu 26 36 h, then
  //   1 h 30 on Fri 27 → due Fri 27 Feb 09:00.
  // d3 (báo cáo, urgent: 4 h): 09:00–11:30 (2 h 30) + 13:30–15:00 → due Fri 13 Feb 15:00.
  // d4: its own due, Fri 13 Feb 17:00.
  const soon = t.overdue({ asOf: "2026-02-24T10:00" });
  // Due soon: within 2 working days of Tue 24 10:00, i.e. by Thu 26 10:00: d1, not d2.
  assert.deepEqual(soon.dueSoon.map((e) => [e.id, e.due]), [["d1", at("2026-02-25T09:00")]]);
  // d1's remaining working time: Tue 10:00–11:30, 13:30–17:00 (5 h) + Wed 07:30–09:00 (1 h 30).
  assert.deepEqual(soon.dueSoon[0].remaining, { calendarMs: 23 * H, workingMs: 6.5 * H });
  assert.equal(soon.openInTime, 1); // d2
  const late = byId(soon.overdue);
  assert.deepEqual(Object.keys(late).sort(), ["d3", "d4"]);
  assert.equal(late.d3.due, at("2026-02-13T15:00"));
  // The overdue copy across Tết is late by the working hours only. d4, due Fri 13 17:00, at
  // Tue 24 10:00: calendar 10 days 17 h = 257 h; working: Mon 23 (7 h 30) + Tue 07:30–10:00
  // (2 h 30) = 10 h.
  assert.deepEqual(late.d4.lateness, { calendarMs: 257 * H, workingMs: 10 * H });
  // d3, due Fri 13 15:00: calendar 259 h; working 15:00–17:00 (2 h) + 10 h = 12 h.
  assert.deepEqual(late.d3.lateness, { calendarMs: 259 * H, workingMs: 12 * H });
  // Two days later d1 is overdue too: Wed 25 09:00 → Thu 26 10:00 is 25 h of calendar time and
  // 2 h 30 + 3 h 30 (Wed) + 2 h 30 (Thu) = 8 h 30 of working time.
  const after = byId(t.overdue({ asOf: "2026-02-26T10:00" }).overdue);
  assert.equal(after.d1.due, at("2026-02-25T09:00"));
  assert.deepEqual(after.d1.lateness, { calendarMs: 25 * H, workingMs: 8.5 * H });
  t.free();
});

test("dueRules: lateness in whole working days (latenessWorkingDays)", () => {
  const t = tracker();
  // The working days whose office hours passed, at least in part, while the copy was late
  // (docs/SEMANTICS.md). At Tue 24 10:00: d4 (due Fri 13 17:00) Mon 23 and Tue 24 → 2, though
  // 257 h of calendar time went by; d3 (due Fri 13 15:00) Fri 13, Mon 23, Tue 24 → 3.
  const late = byId(t.overdue({ asOf: "2026-02-24T10:00" }).overdue);
  assert.equal(late.d4.latenessWorkingDays, 2);
  assert.equal(late.d3.latenessWorkingDays, 3);
  // d1 (due Wed 25 09:00) at Thu 26 10:00: Wed 25 and Thu 26 → 2.
  assert.equal(byId(t.overdue({ asOf: "2026-02-26T10:00" }).overdue).d1.latenessWorkingDays, 2);
  // An hour late within the due day is 1: d3 at Fri 13 16:00.
  assert.equal(byId(t.overdue({ asOf: "2026-02-13T16:00" }).overdue).d3.latenessWorkingDays, 1);
  // Due Fri 13 17:00 and seen at Mon 23 07:00, before the office opens: late in calendar time,
  // by 0 working hours and 0 working days.
  const early = byId(t.overdue({ asOf: "2026-02-23T07:00" }).overdue).d4;
  assert.deepEqual([early.lateness.workingMs, early.latenessWorkingDays], [0, 0]);
  assert.equal(early.lateness.calendarMs, 9 * 24 * H + 14 * H);
  t.free();
});

test("calendar: \"continuous\" counts every millisecond: working time equals calendar time", () => {
  const t = tracker({ calendar: "continuous" });
  const o = t.overdue({ asOf: "2026-02-24T10:00" });
  // 3d is 72 h: d1 is due Mon 16 Feb 09:00 (in Tết), d3 (4 h) Fri 13 13:00.
  const late = byId(o.overdue);
  assert.equal(late.d1.due, at("2026-02-16T09:00"));
  assert.equal(late.d3.due, at("2026-02-13T13:00"));
  assert.ok(o.overdue.length === 4);
  for (const e of o.overdue) assert.equal(e.lateness.workingMs, e.lateness.calendarMs);
  assert.deepEqual(late.d4.lateness, { calendarMs: 257 * H, workingMs: 257 * H });
  const p = t.processingTimes({ by: "document" });
  assert.deepEqual(p.overallWorking, p.overall);
  t.free();
});

test("calendar: a Calendar, its spec, or a plain spec; the tracker keeps its own copy", () => {
  const cal = new Calendar();
  cal.addDayOff("2026-02-23", "Nghỉ thêm"); // Monday after Tết off too: d1 is due a day later
  const expected = at("2026-02-26T09:00");
  const due = (t) => byId(t.overdue({ asOf: "2026-02-24T10:00" }).dueSoon).d1?.due
    ?? byId(t.overdue({ asOf: "2026-02-24T10:00" }).overdue).d1?.due;
  const fromInstance = tracker({ calendar: cal });
  const fromSpec = tracker({ calendar: cal.toJSON() });
  const fromPlain = tracker({ calendar: { daysOff: [{ date: "2026-02-23", name: "Nghỉ thêm" }] } });
  const fromText = tracker({ calendar: JSON.parse(JSON.stringify(cal)) });
  for (const t of [fromInstance, fromSpec, fromPlain, fromText]) assert.equal(due(t), expected);
  // Later changes to the Calendar do not reach a tracker made from it, and freeing it is harmless.
  cal.addDayOff("2026-02-24");
  cal.free();
  assert.equal(due(fromInstance), expected);
  assert.equal(due(tracker({})), at("2026-02-25T09:00"));
  // Other office hours move a date-only due to the end of the last one.
  const short = tracker({ calendar: { hours: "08:00-12:00,13:00-16:00" } });
  assert.equal(byId(short.overdue({ asOf: "2026-02-24T10:00" }).overdue).d4.due, at("2026-02-13T16:00"));
  // A freed Calendar, bad specs and bad rules: errors naming the option's field.
  throws(() => new Tracker({ calendar: cal }), "BAD_OPTION", "calendar");
  throws(() => new Tracker({ calendar: "gregorian" }), "BAD_OPTION", "calendar");
  throws(() => new Tracker({ calendar: { hours: "x" } }), "BAD_OPTION", "calendar.hours");
  throws(() => new Tracker({ calendar: { daysOff: ["2026-02-30"] } }), "BAD_OPTION", "calendar.daysOff[0]");
  throws(() => new Tracker({ calendar: { schedules: [{ year: 1800 }] } }), "BAD_OPTION", "calendar.schedules[0].year");
  throws(() => new Tracker({ dueRules: [{ within: "3d" }, { type: "công văn" }] }), "BAD_OPTION", "dueRules[1].within");
  throws(() => new Tracker({ dueRules: [{ within: "3 ngày" }] }), "BAD_OPTION", "dueRules[0].within");
  throws(() => new Tracker({ dueRules: [{ within: "0h" }] }), "BAD_OPTION", "dueRules[0].within");
  throws(() => new Tracker({ dueRules: [{ within: "1d", urgency: "soon" }] }), "BAD_OPTION", "dueRules[0].urgency");
  throws(() => new Tracker({ dueRules: [{ within: "1d", typ: "x" }] }), "BAD_OPTION", "dueRules[0].typ");
  throws(() => new Tracker({ dueRules: { within: "1d" } }), "BAD_OPTION", "dueRules");
  throws(() => new Tracker({ dueRules: [10n] }), "BAD_OPTION", "dueRules");
  // Vietnamese urgency names and a catch-all rule are accepted.
  new Tracker({ dueRules: [{ urgency: "hỏa tốc", within: "4h" }, { within: 86_400_000 }], calendar: "vietnam" }).free();
  for (const t of [fromInstance, fromSpec, fromPlain, fromText, short]) t.free();
});
