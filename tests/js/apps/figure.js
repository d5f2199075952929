// The figure every test app computes and shows in #result: closed documents and the mean
// time from "arrived" to "completed" on a two-event log.
export function figure(Tracker) {
  const t = new Tracker({ locale: "vi" });
  t.addEvents([
    { doc: "d1", unit: "H23", action: "arrived", at: "2021-06-26T08:00" },
    { doc: "d1", unit: "H23", action: "completed", at: "2021-06-28T08:00" },
  ]);
  const text = `closed=${t.summary().closed} meanMs=${t.directlyFollows({ key: "action" })[0].meanMs}`;
  t.free();
  return text;
}
export const EXPECTED = "closed=1 meanMs=172800000";
