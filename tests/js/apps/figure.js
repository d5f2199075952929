// The figure every test app computes and shows in #result: closed documents and the mean
// time from "arrived" to "completed" on a two-event log, and Tết 2026 from the Calendar class
// (imported the same way as Tracker).
export function figure(Tracker, Calendar) {
  const t = new Tracker({ locale: "vi" });
  t.addEvents([
    { doc: "d1", unit: "H23", action: "arrived", at: "2021-06-26T08:00" },
    { doc: "d1", unit: "H23", action: "completed", at: "2021-06-28T08:00" },
  ]);
  const cal = new Calendar();
  const tet = `tet=${cal.lunarNewYear(2026)} off=${!cal.isWorkingDay("2026-02-16")}`;
  cal.free();
  const text = `closed=${t.summary().closed} meanMs=${t.directlyFollows({ key: "action" })[0].meanMs} ${tet}`;
  t.free();
  return text;
}
export const EXPECTED = "closed=1 meanMs=172800000 tet=2026-02-17 off=true";
