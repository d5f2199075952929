import init, { Tracker } from "lienthong";
await init(); // needed once in a page without a bundler; harmless elsewhere
const t = new Tracker({ locale: "vi" });
t.addEvents([{ doc: "d1", unit: "H23", action: "arrived", at: "2021-06-26T08:00" }, { doc: "d1", unit: "H23", action: "completed", at: "2021-06-28T08:00" }]);
console.log(t.summary().closed, t.directlyFollows({ key: "action" })[0].meanMs); // 1 172800000
