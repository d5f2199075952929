// The leaders' dashboard (www/) on a generated province of 1M events in headless Chromium at
// desktop size: time from navigation start to interactive (every panel drawn, painted, the main
// thread free), broken down by step from the page's performance measures (lt:*, set in
// www/main.js and pkg-config/components.js); then a unit click on the flow map and a filter change
// (input to repainted); optionally a 1M-event CSV opened through the file picker. Not a test:
// prints figures (median of the runs) for BENCHMARKS.md "Dashboard, 1M events, Chromium".
//   node tests/js/bench-dashboard.mjs [--events 1000000] [--runs 3] [--generate] [--csv] [--screenshot FILE]
//                                     [--trace] [--profile] [--www DIR] [--settle MS]
// --trace: the main thread's rendering work of the first load (style, layout, paint… from a
// Chromium trace); --profile: the functions with the most self time in the first load (a CPU
// profile; wasm functions have names only in a build whose .wasm kept its name section);
// --www: serve another copy of www/ (an older components.js, a build with names), for comparing;
// --settle: ms between opening the window and the load (2000; 0 measures the window's start too).
// Needs www/pkg (PKG_OUT=$PWD/www/pkg PKG_FEATURES=demo scripts/build-pkg.sh). --csv writes the
// CSV once with the CLI (artifacts/bench-dashboard/, release build) and reuses it.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { launch, screenshotPage } from "./browser.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : args[i + 1];
};
const EVENTS = Number(opt("events", 1_000_000));
const RUNS = Number(opt("runs", 3));
const CSV = args.includes("--csv");
// --generate: the province generated in the page (generate()) even when scripts/demo-data.sh
// saved it (by default the page restores the saved one: Tracker.fromBytes).
const GENERATE = args.includes("--generate");
const SCREENSHOT = opt("screenshot", null);
const TRACE = args.includes("--trace");
const PROFILE = args.includes("--profile");
const VIEWPORT = { width: 1366, height: 900 };
const TIMEOUT = 300_000;

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : "—");

/** In the page: resolves with performance.now() once the next frame is painted and the main
 *  thread is free again (the same test as www/main.js's lt:interactive). */
const AFTER_PAINT = `window.__afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve(performance.now());
  ch.port2.postMessage(null);
}));`;

/** The page's lt:* measures (summed by name) and marks, and what else it knows. */
async function entries(page) {
  return page.evaluate(() => {
    const sum = {};
    for (const m of performance.getEntriesByType("measure")) {
      if (!m.name.startsWith("lt:")) continue;
      sum[m.name.slice(3)] = (sum[m.name.slice(3)] ?? 0) + m.duration;
    }
    const mark = (n) => performance.getEntriesByName(`lt:${n}`, "mark").at(-1)?.startTime;
    const measure = (n) => performance.getEntriesByName(`lt:${n}`, "measure").at(-1);
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    const saved = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".lts"));
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      sum,
      generateStart: measure("generate")?.startTime,
      importStart: measure("import")?.startTime,
      wasmReady: mark("wasm-ready"),
      drawn: mark("drawn"),
      interactive: mark("interactive"),
      wasmFetchStart: wasm?.startTime,
      wasmResponseEnd: wasm?.responseEnd,
      wasmBytes: wasm?.encodedBodySize,
      savedFetchStart: saved?.startTime,
      savedResponseEnd: saved?.responseEnd,
      domContentLoaded: nav?.domContentLoadedEventEnd,
      // The components' stylesheet (in their shadow roots): loaded before the painted frame?
      cssEnd: Math.max(...performance.getEntriesByType("resource").filter((r) => r.name.endsWith("lienthong.css")).map((r) => r.responseEnd)),
    };
  });
}

/** Every panel drawn: the same checks as tests/js/dashboard.test.mjs. */
async function checkPanels(page) {
  const problems = await page.evaluate(() => {
    const r = document.querySelector("lienthong-dashboard").shadowRoot;
    const out = [];
    if (r.querySelectorAll(".lt-panel").length !== 8) out.push(`${r.querySelectorAll(".lt-panel").length} panels`);
    for (const c of ["lt-deadlines", "lt-sankey", "lt-flow", "lt-bottlenecks", "lt-distribution", "lt-timeline"]) {
      if (!r.querySelector(`.${c} svg`)) out.push(`${c}: no picture`);
      if (r.querySelector(`.${c} .lt-error`)) out.push(`${c}: ${r.querySelector(`.${c} .lt-error`).textContent}`);
    }
    if (r.querySelectorAll(".lt-report tbody tr").length < 2) out.push("no report rows");
    const list = r.querySelector("lienthong-overdue")?.shadowRoot;
    if (!list?.querySelector("tbody tr, .lt-empty")) out.push("no overdue list");
    const cards = [...r.querySelectorAll(".lt-card dd")].map((d) => d.textContent);
    if (cards.length !== 4 || cards.some((c) => !c || c === "—")) out.push(`headline figures: ${cards}`);
    return out;
  });
  if (problems.length) throw new Error(`dashboard not drawn: ${problems.join("; ")}`);
}

/** In the page: `act()` then time to the repainted dashboard; the lt:* measures of that redraw. */
async function interaction(page, act) {
  return page.evaluate(async (act) => {
    performance.clearMeasures();
    const dash = document.querySelector("lienthong-dashboard");
    const r = dash.shadowRoot;
    const t0 = performance.now();
    let what;
    if (act.kind === "unit") {
      const unit = r.querySelector(act.selector);
      what = unit.dataset.unit;
      unit.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    } else if (act.kind === "select") {
      const select = r.querySelectorAll(".lt-toolbar select")[act.index];
      select.value = act.value;
      what = act.value;
      select.dispatchEvent(new Event("change"));
    } else if (act.kind === "crumb") {
      r.querySelector("button.lt-crumb").click();
      what = "reset";
    }
    const sync = performance.now() - t0;
    const painted = (await window.__afterPaint()) - t0;
    const sum = {};
    for (const m of performance.getEntriesByType("measure")) if (m.name.startsWith("lt:")) sum[m.name.slice(3)] = (sum[m.name.slice(3)] ?? 0) + m.duration;
    const crumb = r.querySelector(".lt-crumb")?.textContent ?? "";
    return { what, sync, painted, sum, crumb, docs: r.querySelector(".lt-card dd")?.textContent };
  }, act);
}

/** A new window (context) is opened for each cold load; Chromium then starts the window's own
 *  browser UI (a renderer for the omnibox popup, chrome://omnibox-popup.top-chrome/), which
 *  takes about a second of CPU (0.9–1.1 s measured in /proc) and would run beside the page on a
 *  2-core machine. A leader opens the dashboard in a browser already open: the load starts
 *  once the window is idle (after SETTLE_MS; BENCHMARKS "Sixth session"). */
const SETTLE_MS = Number(opt("settle", 2000));
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** One cold page load of the generated province, then the interactions. */
async function runOnce(browser, base, i) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await settle();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(`console.error: ${m.text()}`));
  await page.addInitScript(AFTER_PAINT);
  const cdp = i === 0 && PROFILE ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  if (i === 0 && TRACE) await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
  await page.goto(`${base}/?events=${EVENTS}${GENERATE ? "&generate=1" : ""}`);
  await page.waitForFunction(() => performance.getEntriesByName("lt:interactive").length > 0, null, { timeout: TIMEOUT, polling: 200 });
  if (i === 0 && TRACE) printTrace(JSON.parse(await browser.stopTracing()));
  if (cdp) printProfile((await cdp.send("Profiler.stop")).profile);
  await checkPanels(page);
  const e = await entries(page);
  if (!(e.cssEnd < e.interactive)) throw new Error(`lienthong.css arrived at ${e.cssEnd} ms, after the frame painted at ${e.interactive} ms`);
  const status = await page.locator("#status").textContent();
  if (SCREENSHOT && i === 0) await screenshotPage(page, SCREENSHOT);
  // A unit of the flow map (a provincial department: the busiest level), then the crumb, then a
  // filter (level: district), then back.
  const click = await interaction(page, { kind: "unit", selector: ".lt-flow [data-unit^='tinh-'], .lt-flow [data-unit]" });
  if (!click.crumb.includes(click.what)) throw new Error(`the click on ${click.what} did not filter: ${click.crumb}`);
  const reset = await interaction(page, { kind: "crumb" });
  const filter = await interaction(page, { kind: "select", index: 0, value: "district" });
  const unfilter = await interaction(page, { kind: "select", index: 0, value: "" });
  await checkPanels(page);
  if (problems.length) throw new Error(problems.join("; "));
  await context.close();
  return { e, status, click, reset, filter, unfilter };
}

/** The 1M-event CSV through the dashboard's file picker (streamed by the importer). */
async function runCsv(browser, base, file) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await settle();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(AFTER_PAINT);
  await page.goto(`${base}/?events=10000`);
  await page.waitForFunction(() => performance.getEntriesByName("lt:interactive").length > 0, null, { timeout: TIMEOUT, polling: 200 });
  await page.evaluate(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });
  await page.locator("lienthong-dashboard input[type=file]").setInputFiles(file);
  await page.waitForFunction(() => performance.getEntriesByName("lt:interactive").length > 0, null, { timeout: TIMEOUT, polling: 200 });
  await checkPanels(page);
  const e = await entries(page);
  const docs = await page.locator("lienthong-dashboard .lt-card dd").first().textContent();
  if (problems.length) throw new Error(problems.join("; "));
  await context.close();
  return { e, docs };
}

function csvFile() {
  const dir = path.join(root, "artifacts/bench-dashboard");
  const file = path.join(dir, `events-${EVENTS}.csv`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    console.error(`writing ${file} (lienthong generate, release build)…`);
    const built = path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, "target"), "release/lienthong");
    const gen = ["generate", "--out", path.join(dir, "gen"), "--events", String(EVENTS), "--seed", "2025", "--slow-unit", "--paper-unit", "--format", "csv"];
    const [cmd, argv] = existsSync(built) ? [built, gen] : ["cargo", ["run", "--quiet", "--release", "--bin", "lienthong", "--", ...gen]];
    execFileSync(cmd, argv, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    execFileSync("mv", [path.join(dir, "gen/events.csv"), file]);
  }
  return file;
}

/** Main-thread trace events by name (complete events, top level only: nested time not counted twice). */
function printTrace(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === "X" && e.dur);
  const main = events.find((e) => e.name === "RunTask" && e.args)?.tid;
  const byTid = events.filter((e) => e.tid === (events.find((x) => x.name === "UpdateLayoutTree")?.tid ?? main)).sort((a, b) => a.ts - b.ts);
  const sum = {};
  const stack = [];
  for (const e of byTid) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    // Time of an event less its children's: self time per event name.
    sum[e.name] = (sum[e.name] ?? 0) + e.dur;
    if (stack.length) sum[stack.at(-1).name] -= e.dur;
    stack.push(e);
  }
  const top = Object.entries(sum).filter(([, v]) => v > 5000).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`\nMain thread, first load, self time by trace event:\n${top.map(([k, v]) => `  ${k}: ${ms(v / 1000)}`).join("\n")}`);
}

/** Self time per function of a CPU profile (kept in artifacts/bench-dashboard/load.cpuprofile,
 *  for Chromium's DevTools). */
function printProfile(profile) {
  mkdirSync(path.join(root, "artifacts/bench-dashboard"), { recursive: true });
  writeFileSync(path.join(root, "artifacts/bench-dashboard/load.cpuprofile"), JSON.stringify(profile));
  const self = {};
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let k = 0; k < profile.samples.length; k++) {
    const n = byId.get(profile.samples[k]);
    const f = n.callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}`.trim();
    self[name] = (self[name] ?? 0) + (dt[k] ?? 0);
  }
  const top = Object.entries(self).sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`\nCPU profile, first load, self time:\n${top.map(([k, v]) => `  ${ms(v / 1000)}  ${k}`).join("\n")}`);
}

const LOAD_STEPS = [
  ["page, scripts, wasm fetch + instantiate (navigation → init() done)", (r) => r.e.wasmReady],
  ["  of which the .wasm download (request → last byte)", (r) => r.e.wasmResponseEnd - r.e.wasmFetchStart],
  ["saved province: its .lts fetched (request → last byte, during the page's load)", (r) => r.e.savedResponseEnd - r.e.savedFetchStart],
  ["saved province restored (`Tracker.restorer`: pieces pushed as they arrive), wasm time", (r) => r.e.sum["restore-work"]],
  ["  of which after the last byte (the restore the download does not hide)", (r) => r.e.sum["restore-tail"]],
  ["generate() (generate + load into the tracker, one wasm call)", (r) => r.e.sum.generate],
  ["dashboard render (all below, JS + wasm)", (r) => r.e.sum["render:lienthong-dashboard"]],
  ["  summary()", (r) => r.e.sum.summary],
  ["  report() (period, by unit)", (r) => r.e.sum.report],
  ["  deadlines 2×2: analysis + SVG", (r) => r.e.sum["svg:lt-deadlines"]],
  ["  Sankey: analysis + SVG", (r) => r.e.sum["svg:lt-sankey"]],
  ["  flow map: analysis + SVG", (r) => r.e.sum["svg:lt-flow"]],
  ["  bottlenecks: analysis + SVG", (r) => r.e.sum["svg:lt-bottlenecks"]],
  ["  distribution: analysis + SVG", (r) => r.e.sum["svg:lt-distribution"]],
  ["  timeline: analysis + SVG", (r) => r.e.sum["svg:lt-timeline"]],
  ["  SVG text → DOM (six pictures)", (r) => Object.entries(r.e.sum).filter(([k]) => /^dom:lt-(deadlines|sankey|flow|bottlenecks|distribution|timeline)$/.test(k)).reduce((a, [, v]) => a + v, 0)],
  ["  overdue()", (r) => r.e.sum.overdue],
  ["  overdue list DOM", (r) => r.e.sum["render:lienthong-overdue"] - r.e.sum.overdue],
  ["  period report table DOM", (r) => r.e.sum["dom:lt-report"]],
  ["  insertion into the document", (r) => r.e.sum["dom:insert"]],
  ["e-government panel (egov() + table)", (r) => r.e.sum.egov],
  ["style, layout, paint (drawn → next frame painted, main thread free)", (r) => r.e.interactive - r.e.drawn],
  ["**interactive, from navigation start**", (r) => r.e.interactive],
  ["**interactive, excluding generate()**", (r) => r.e.interactive - (r.e.sum.generate ?? 0)],
];

function table(rows, steps) {
  const lines = [`| step | ${rows.map((_, i) => `run ${i + 1}`).join(" | ")} | median |`, `| --- |${rows.map(() => " ---: |").join("")} ---: |`];
  for (const [label, get] of steps) {
    const xs = rows.map(get);
    lines.push(`| ${label} | ${xs.map(ms).join(" | ")} | ${ms(median(xs))} |`);
  }
  return lines.join("\n");
}

const server = await serve(path.resolve(opt("www", path.join(root, "www"))), 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  console.log(`bench-dashboard: ${EVENTS.toLocaleString("en")} events, ${RUNS} runs, viewport ${VIEWPORT.width}×${VIEWPORT.height}, ` +
    `Chromium ${browser.version()}, ${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runOnce(browser, base, i);
    runs.push(r);
    console.error(`run ${i + 1}: interactive at ${ms(r.e.interactive)} (generate ${ms(r.e.sum.generate)}); click ${ms(r.click.painted)}, filter ${ms(r.filter.painted)}`);
  }
  console.log(`\n${runs[0].status}\n`);
  console.log(table(runs, LOAD_STEPS));
  const act = (name, key) => [
    [`${name}: input → repainted`, (r) => r[key].painted],
    [`  of which JS + wasm (the synchronous redraw)`, (r) => r[key].sync],
  ];
  console.log(`\nInteractions (the clicked unit: ${runs[0].click.what}; documents ${runs[0].click.docs}):\n`);
  console.log(table(runs, [...act("click a unit on the flow map", "click"), ...act("crumb: back to the whole province", "reset"),
    ...act("filter level = district", "filter"), ...act("filter level = all", "unfilter")]));
  console.log(`\nThe redraws by step (median; svg: is analysis + SVG in wasm, dom: SVG text to DOM):\n`);
  const keys = Object.keys(runs[0].click.sum).sort();
  console.log(`| step | ${["click", "reset", "filter", "unfilter"].join(" | ")} |\n| --- | ---: | ---: | ---: | ---: |`);
  for (const k of keys) console.log(`| ${k} | ${["click", "reset", "filter", "unfilter"].map((a) => ms(median(runs.map((r) => r[a].sum[k])))).join(" | ")} |`);
  if (CSV) {
    const file = csvFile();
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runCsv(browser, base, file);
      rows.push(r);
      console.error(`csv run ${i + 1}: ${ms(r.e.interactive - r.e.importStart)}`);
    }
    console.log(`\nCSV through the file picker: ${path.relative(root, file)}, ${(statSync(file).size / 1e6).toFixed(1)} MB, ${rows[0].docs} documents\n`);
    console.log(table(rows, [
      ["importer (File.stream() → importer.push → finish)", (r) => r.e.sum.import],
      ["dashboard render", (r) => r.e.sum["render:lienthong-dashboard"]],
      ["e-government panel", (r) => r.e.sum.egov],
      ["style, layout, paint", (r) => r.e.interactive - r.e.drawn],
      ["**file chosen → interactive**", (r) => r.e.interactive - r.e.importStart],
    ]));
  }
} finally {
  await browser.close();
  server.close();
}
