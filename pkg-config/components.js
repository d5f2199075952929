// lienthong web components, for pages without a framework or a build step:
//   <script type="module" src="…/lienthong/components.js"></script>
//   <lienthong-dashboard src="events.csv" units="units.json"></lienthong-dashboard>
//   <lienthong-flow src="log.xes.gz"></lienthong-flow>   <lienthong-overdue></lienthong-overdue>
// Data comes from a `src` URL (CSV, XES, .xes.gz, edXML, JSON), streamed into the tracker with
// progress, or from a `tracker` property set by the page. Clicking a unit emits `unit-select`
// ({ detail: { unit } }, bubbling out of the shadow root). Everything is drawn by the library
// (SVG strings) and styled by lienthong.css: nothing here needs 'unsafe-inline' or eval.
import init, { Tracker } from "./index.js";

const ready = init();
const CSS = new URL("./lienthong.css", import.meta.url).href;

const TEXT = {
  vi: {
    documents: "Văn bản", onTime: "Tỷ lệ đúng hạn", overdue: "Quá hạn", median: "Thời gian xử lý trung vị",
    days: "ngày làm việc", deadlines: "Tình hình giải quyết theo hạn", flow: "Luồng văn bản giữa các cấp",
    sankey: "Văn bản xuống và lên giữa các cấp", bottlenecks: "Điểm nghẽn", report: "Báo cáo tình hình giải quyết văn bản",
    list: "Văn bản quá hạn và sắp đến hạn", timeline: "Diễn biến theo thời gian", distribution: "Phân bố thời gian xử lý",
    period: "Kỳ báo cáo", from: "Từ ngày", to: "Đến ngày", level: "Cấp", unit: "Đơn vị", type: "Loại văn bản",
    urgency: "Độ khẩn", all: "Tất cả", allUnits: "Toàn tỉnh", open: "Mở tệp…", csv: "Tải CSV", loading: "Đang đọc",
    rows: "dòng", rejected: "dòng không đọc được", lang: "English", doc: "Văn bản", due: "Hạn", late: "Trễ (ngày làm việc)",
    holder: "Đang ở", kind: "Tình trạng", kindOverdue: "Quá hạn", kindSoon: "Sắp đến hạn", none: "Không có văn bản nào.",
    more: "Xem thêm", showing: (n, total) => `Đang hiện ${n} trên ${total} dòng`, error: "Không đọc được dữ liệu", received: "Nhận", toHandle: "Phải giải quyết", doneOnTime: "Xong đúng hạn",
    doneLate: "Xong quá hạn", openWithinDue: "Đang xử lý trong hạn", openOverdue: "Đang xử lý quá hạn", rate: "Đúng hạn",
    levels: { central: "Trung ương", province: "Tỉnh", district: "Huyện", commune: "Xã" },
    urgencies: { normal: "Thường", urgent: "Khẩn", "very-urgent": "Thượng khẩn", flash: "Hỏa tốc" },
  },
  en: {
    documents: "Documents", onTime: "On-time rate", overdue: "Overdue", median: "Median handling time",
    days: "working days", deadlines: "Deadlines", flow: "Document flow across levels", sankey: "Documents down and up between levels",
    bottlenecks: "Bottlenecks", report: "Period report", list: "Overdue and due soon", timeline: "Timeline",
    distribution: "Processing-time distribution", period: "Period", from: "From", to: "To", level: "Level", unit: "Unit",
    type: "Type", urgency: "Urgency", all: "All", allUnits: "Whole province", open: "Open file…", csv: "Download CSV",
    loading: "Reading", rows: "rows", rejected: "rows could not be read", lang: "Tiếng Việt", doc: "Document", due: "Due",
    late: "Late (working days)", holder: "Held by", kind: "State", kindOverdue: "Overdue", kindSoon: "Due soon",
    none: "No documents.", more: "Show more", showing: (n, total) => `Showing ${n} of ${total} rows`, error: "Could not read the data", received: "Received", toHandle: "To handle",
    doneOnTime: "Done on time", doneLate: "Done late", openWithinDue: "Open within due", openOverdue: "Open overdue", rate: "On time",
    levels: { central: "Central", province: "Province", district: "District", commune: "Commune" },
    urgencies: { normal: "Normal", urgent: "Urgent", "very-urgent": "Very urgent", flash: "Flash" },
  },
};

const DAY = 86_400_000;
/** Rows of the overdue list drawn at a time. */
const OVERDUE_PAGE = 100;

/** Awaits `f()` and records its time as `lt:NAME`, like `timed`. */
async function timedAsync(name, f) {
  const start = performance.now();
  const result = await f();
  try {
    performance.measure(`lt:${name}`, { start });
  } catch {}
  return result;
}

/** Runs `f` and records its time as the performance measure `lt:NAME` (read by
 *  tests/js/bench-dashboard.mjs; a measure costs about a microsecond). */
function timed(name, f) {
  const start = performance.now();
  try {
    return f();
  } finally {
    // Browsers without measure(name, { start }) (Safari before 14.1) only lose the figure.
    try {
      performance.measure(`lt:${name}`, { start });
    } catch {}
  }
}
const WORKING_DAY = 8 * 3_600_000;

/** The kind of file a URL or file name holds. */
export function kindOf(name) {
  const n = String(name).toLowerCase().split(/[?#]/)[0];
  if (n.endsWith(".xes") || n.endsWith(".xes.gz") || n.endsWith(".gz")) return "xes";
  if (n.endsWith(".xml") || n.endsWith(".edxml")) return "edxml";
  if (n.endsWith(".json")) return "json";
  return "csv";
}

/**
 * Loads a file into `tracker` from a `ReadableStream` of bytes (`File.stream()`, a fetch body):
 * CSV and XES are streamed through the library's importer, edXML and JSON read whole.
 * `onProgress({ bytes, rows, events })` is called after every chunk.
 */
export async function loadStream(tracker, stream, kind, onProgress = () => {}) {
  if (kind === "csv" || kind === "xes" || kind === "edxml") {
    const imp = tracker.importer(kind);
    try {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        imp.push(value);
        onProgress(imp.progress());
      }
      return imp.finish();
    } finally {
      imp.free();
    }
  }
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  onProgress({ bytes: bytes.length, rows: 0, events: 0 });
  const data = JSON.parse(new TextDecoder().decode(bytes));
  const events = Array.isArray(data) ? data : data.events ?? [];
  if (!Array.isArray(data)) {
    if (data.units) tracker.addUnits(data.units);
    if (data.documents) tracker.addDocuments(data.documents);
  }
  return tracker.addEvents(events);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...children.filter((c) => c != null));
  return e;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Inserts an SVG string made by the library (its labels are escaped there). A <template>'s HTML
 *  parser (inert: nothing in it runs or loads) reads the half-megabyte flow map of a province
 *  three times faster than DOMParser's XML parser; it is used when every element it made is an
 *  SVG element, as the XML parser would have made them, else the XML parser reads the text. */
function svgInto(host, svg) {
  const t = document.createElement("template");
  t.innerHTML = svg;
  const root = t.content.firstElementChild;
  if (t.content.childElementCount === 1 && root.namespaceURI === SVG_NS && [...root.querySelectorAll("*")].every((e) => e.namespaceURI === SVG_NS)) {
    host.replaceChildren(root);
  } else {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    host.replaceChildren(document.adoptNode(doc.documentElement));
  }
}

function csvText(rows) {
  const q = (v) => {
    const s = v == null ? "" : String(v);
    return /[",\n\r;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  // A BOM so that Excel opens the Vietnamese text as UTF-8.
  return "\ufeff" + rows.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What every component shares: a shadow root with the stylesheet, a tracker, a `src`. */
class Base extends HTMLElement {
  static observedAttributes = ["src", "units", "locale"];
  #tracker = null;
  #own = false;
  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.root.append(el("link", { rel: "stylesheet", href: CSS }));
    this.body = el("div", { class: "lt-component" });
    this.root.append(this.body);
    this.root.addEventListener("click", (e) => this.pick(e));
    this.root.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") this.pick(e);
    });
  }
  get locale() {
    return this.getAttribute("locale") === "en" ? "en" : "vi";
  }
  get t() {
    return TEXT[this.locale];
  }
  get tracker() {
    return this.#tracker;
  }
  set tracker(t) {
    if (this.#own) this.#tracker?.free();
    this.#tracker = t;
    this.#own = false;
    this.refresh();
  }
  /** Takes a tracker this component made: it is freed when replaced or when the component goes. */
  adopt(t) {
    if (this.#own) this.#tracker?.free();
    this.#tracker = t;
    this.#own = true;
    this.refresh();
  }
  /** The query every panel uses (the dashboard adds its filters). */
  get query() {
    return this._query ?? {};
  }
  set query(q) {
    this._query = q;
    this.refresh();
  }
  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === "src" || name === "units") {
      // Both attributes are parsed before the load starts.
      if (!this.pending && this.getAttribute("src")) {
        this.pending = true;
        queueMicrotask(() => {
          this.pending = false;
          this.load(this.getAttribute("src"), this.getAttribute("units"));
        });
      }
    } else this.refresh();
  }
  disconnectedCallback() {
    if (this.#own) this.#tracker?.free();
    this.#tracker = null;
  }
  /** Loads `src` (and first the unit list `units`: a JSON array of `{ id, name, level, parent }`,
   *  which gives the flow map its levels). */
  async load(src, units) {
    await ready;
    const t = new Tracker();
    try {
      if (units) {
        const u = await fetch(units);
        if (!u.ok) throw new Error(`${units}: HTTP ${u.status}`);
        t.addUnitsJson(await u.text());
      }
      const res = await fetch(src);
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      this.report = await loadStream(t, res.body, kindOf(src), (p) => this.progress?.(p));
    } catch (e) {
      t.free();
      this.body.replaceChildren(el("p", { class: "lt-error", text: `${this.t.error}: ${e.message}` }));
      return;
    }
    this.adopt(t);
  }
  /** A click or Enter on a unit (or an aggregated group) of a picture or table. */
  pick(e) {
    // Only this component's own nodes: a nested component (the dashboard's list) handles its own.
    const target = e.composedPath().find((n) => n instanceof Element && n.getRootNode() === this.root && (n.dataset?.unit || n.dataset?.group));
    if (!target) return;
    e.preventDefault();
    if (target.dataset.group) return this.expand?.(target.dataset.group);
    this.dispatchEvent(new CustomEvent("unit-select", { detail: { unit: target.dataset.unit }, bubbles: true, composed: true }));
  }
  refresh() {
    if (!this.#tracker) return;
    try {
      timed(`render:${this.localName}`, () => this.render());
    } catch (e) {
      this.body.replaceChildren(el("p", { class: "lt-error", text: `${this.t.error}: ${e.message}` }));
    }
  }
}

/** `<lienthong-flow>`: the flow map; click a group of communes to expand it. */
export class LienthongFlow extends Base {
  #expand = [];
  expand(group) {
    this.#expand = this.#expand.includes(group) ? this.#expand.filter((g) => g !== group) : [...this.#expand, group];
    this.refresh();
  }
  render() {
    const width = Math.max(320, this.clientWidth || 960);
    const svg = this.tracker.renderFlowSvg({ ...this.query, width, locale: this.locale, idPrefix: this.id || "lt-flow", expand: this.#expand, selected: this.query.units?.[0] });
    svgInto(this.body, svg);
  }
}

/** `<lienthong-overdue>`: overdue and due-soon copies, sortable, with a CSV download. */
export class LienthongOverdue extends Base {
  #sort = { key: "late", dir: -1 };
  #shown = OVERDUE_PAGE;
  render() {
    const t = this.t;
    const options = { ...this.query, dueSoonWithin: this.getAttribute("due-soon") ?? "2d" };
    const toRows = (o) => [
      ...o.overdue.map((d) => ({ d, kind: t.kindOverdue, late: d.latenessWorkingDays })),
      ...o.dueSoon.map((d) => ({ d, kind: t.kindSoon, late: -Math.ceil(d.remaining.workingMs / WORKING_DAY) })),
    ];
    // A province has ten thousand overdue copies; the table draws a page of rows at a time. In
    // the default order, the analysis's own (most late first in working time, then due soonest:
    // also "late", descending), only the rows drawn are asked for; another order, more rows or
    // the CSV read the whole lists.
    const { key, dir } = this.#sort;
    const byDefault = key === "late" && dir < 0;
    let rows, total;
    timed("overdue", () => {
      const o = this.tracker.overdue(byDefault ? { ...options, limit: this.#shown } : options);
      rows = toRows(o);
      total = o.totals ? o.totals.overdue + o.totals.dueSoon : rows.length;
    });
    const whole = () => {
      if (rows.length < total) rows = toRows(this.tracker.overdue(options));
      return rows;
    };
    const df = new Intl.DateTimeFormat(this.locale === "en" ? "en-GB" : "vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short", timeStyle: "short" });
    const cols = [
      ["doc", t.doc, (r) => r.d.number ?? r.d.id],
      ["unit", t.unit, (r) => r.d.unitName ?? r.d.unit],
      ["holder", t.holder, (r) => r.d.holderName ?? r.d.holder ?? ""],
      ["due", t.due, (r) => r.d.due, (v) => df.format(v)],
      ["late", t.late, (r) => r.late],
      ["kind", t.kind, (r) => r.kind],
    ];
    const col = cols.find((c) => c[0] === key) ?? cols[4];
    if (!byDefault) {
      rows.sort((a, b) => {
        const x = col[2](a), y = col[2](b);
        return (x < y ? -1 : x > y ? 1 : 0) * dir || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0);
      });
    }
    const head = el("tr", {}, ...cols.map(([k, label]) =>
      el("th", { scope: "col", "aria-sort": k === key ? (dir > 0 ? "ascending" : "descending") : "none" },
        el("button", { type: "button", "data-sort": k, text: label, onclick: () => {
          this.#sort = { key: k, dir: k === key ? -dir : 1 };
          this.refresh();
        } }))));
    const row = (r) => el("tr", { "data-unit": r.d.unit, class: r.kind === t.kindOverdue ? "lt-bad" : "lt-warn" },
      ...cols.map(([k, , get, fmt]) => el("td", { class: k === "late" ? "lt-num" : null, text: fmt ? fmt(get(r)) : String(get(r)) })));
    const button = el("button", { type: "button", class: "lt-csv", text: t.csv, onclick: () =>
      download("van-ban-qua-han.csv", csvText([cols.map((c) => c[1]), ...whole().map((r) => cols.map(([, , get, fmt]) => (fmt ? fmt(get(r)) : get(r))))])) });
    if (!total) return this.body.replaceChildren(button, el("p", { class: "lt-empty", text: t.none }));
    const nf = new Intl.NumberFormat(this.locale === "en" ? "en-GB" : "vi-VN");
    let shown = Math.min(total, Math.max(this.#shown, OVERDUE_PAGE));
    const tbody = el("tbody", {}, ...rows.slice(0, shown).map(row));
    const count = el("span", { role: "status" });
    const more = el("button", { type: "button", class: "lt-more", text: t.more, onclick: () => showMore() });
    const showMore = () => {
      const next = Math.min(total, shown + OVERDUE_PAGE);
      tbody.append(...whole().slice(shown, next).map(row));
      this.#shown = shown = next;
      update();
    };
    const update = () => {
      count.textContent = t.showing(nf.format(shown), nf.format(total));
      more.hidden = shown >= total;
    };
    update();
    const scroll = el("div", { class: "lt-scroll" }, el("table", { class: "lt-table lt-overdue" }, el("thead", {}, head), tbody));
    scroll.addEventListener("scroll", () => {
      if (shown < total && scroll.scrollTop + scroll.clientHeight > scroll.scrollHeight - 200) showMore();
    }, { passive: true });
    this.body.replaceChildren(button, scroll, el("p", { class: "lt-pager" }, count, more));
  }
}

/** `<lienthong-dashboard>`: the leaders' dashboard. */
export class LienthongDashboard extends Base {
  #filters = { from: "", to: "", level: "", unit: "", type: "", urgency: "" };
  #expand = [];
  constructor() {
    super();
    this.addEventListener("unit-select", (e) => {
      if (e.target !== this) return;
      this.#filters.unit = e.detail.unit;
      this.refresh();
    });
  }
  get query() {
    const f = this.#filters;
    const q = {};
    // "Đến ngày" includes that day: the window ends at the next midnight (UTC+7).
    if (f.from) q.from = Date.parse(`${String(f.from).slice(0, 10)}T00:00:00+07:00`);
    if (f.to) q.to = Date.parse(`${String(f.to).slice(0, 10)}T00:00:00+07:00`) + DAY;
    if (q.from !== undefined && q.to !== undefined && !(q.to > q.from)) q.to = q.from + DAY;
    if (f.level) q.levels = [f.level];
    if (f.unit) q.units = [f.unit];
    if (f.type) q.types = [f.type];
    if (f.urgency) q.urgency = [f.urgency];
    return q;
  }
  /** Sets filters ({ from, to, level, unit, type, urgency }) and redraws. */
  setFilters(f) {
    Object.assign(this.#filters, f);
    this.refresh();
  }
  expand(group) {
    this.#expand = this.#expand.includes(group) ? this.#expand.filter((g) => g !== group) : [...this.#expand, group];
    this.refresh();
  }
  progress(p) {
    const bar = this.root.querySelector(".lt-progress");
    if (!bar) return;
    bar.hidden = false;
    bar.querySelector("span").textContent = `${this.t.loading}: ${(p.bytes / 1e6).toFixed(1)} MB, ${p.rows.toLocaleString()} ${this.t.rows}`;
    if (this.fileSize) bar.querySelector("progress").value = p.bytes / this.fileSize;
  }
  async openFile(file) {
    this.fileSize = file.size;
    await ready;
    const t = new Tracker();
    const start = performance.now();
    try {
      this.report = await timedAsync("import", () => loadStream(t, file.stream(), kindOf(file.name), (p) => this.progress(p)));
    } catch (e) {
      t.free();
      const status = this.body.querySelector(".lt-status");
      if (status) status.textContent = `${this.t.error}: ${e.message}`;
      else this.body.replaceChildren(el("p", { class: "lt-error", text: `${this.t.error}: ${e.message}` }));
      return;
    }
    this.#filters = { from: "", to: "", level: "", unit: "", type: "", urgency: "" };
    this.adopt(t);
    this.dispatchEvent(new CustomEvent("load", { detail: { report: this.report } }));
  }
  /** The period of the report: the filters' dates, or the month of the last event of the whole
   *  data (`summary` is unfiltered: picking a unit or a level keeps the period). */
  period(summary) {
    const f = this.#filters;
    // Dates of the filters are days in Vietnam (UTC+7); without them, the month of the last event.
    const day = (s) => Date.parse(`${String(s).slice(0, 10)}T00:00:00+07:00`);
    const last = summary.lastEvent ?? Date.now();
    const d = new Date(last + 7 * 3_600_000);
    let from = f.from ? day(f.from) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - 7 * 3_600_000;
    let to = f.to ? day(f.to) + DAY : Math.max(last + 1, from + DAY);
    // A window must not be empty: one bound given alone moves the other.
    if (!(to > from)) {
      if (f.to && !f.from) from = to - 30 * DAY;
      else to = from + DAY;
    }
    return { from, to };
  }
  render() {
    const t = this.t, L = this.locale, tr = this.tracker, q = this.query;
    const common = { locale: L };
    const summary = timed("summary", () => tr.summary(q));
    // The filters' last event would move the period (and make the shared copies be built again
    // for its end); the whole data's is the same one summary() just read.
    const period = this.period(Object.keys(q).length ? timed("summary", () => tr.summary({})) : summary);
    const report = timed("report", () => tr.report({ ...q, ...period, by: "unit" }));
    const total = report.total;
    const nf = new Intl.NumberFormat(L === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 });
    const pct = (x) => (Number.isFinite(x) ? `${nf.format(x * 100)} %` : "—");
    const cards = [
      [t.documents, nf.format(summary.documents)],
      [t.onTime, pct(total.onTimeRate)],
      [t.overdue, nf.format(summary.copiesOverdue ?? summary.overdue)],
      [t.median, Number.isFinite(total.medianWorkingMs) ? `${nf.format(total.medianWorkingMs / WORKING_DAY)} ${t.days}` : "—"],
    ];
    const panel = (cls, title, ...body) => el("section", { class: `lt-panel ${cls}`, "aria-label": title }, el("h2", { text: title }), ...body);
    const svgPanel = (cls, title, make) => {
      const host = el("div", { class: "lt-svg-host" });
      try {
        const svg = timed(`svg:${cls}`, make);
        timed(`dom:${cls}`, () => svgInto(host, svg));
      } catch (e) {
        host.append(el("p", { class: "lt-error", text: e.message }));
      }
      return panel(cls, title, host);
    };
    // 320 px: the narrowest picture the renderers draw.
    const width = (frac) => Math.max(320, Math.floor(((this.clientWidth || 1200) - 48) * frac));
    const toolbar = this.toolbar(summary);
    const cardList = el("div", { class: "lt-cards" }, ...cards.map(([k, v]) => el("div", { class: "lt-card" }, el("dt", { text: k }), el("dd", { text: v }))));
    const grid = el("div", { class: "lt-grid" },
      svgPanel("lt-deadlines", t.deadlines, () => tr.renderSvg("deadlines", { ...q, ...period, ...common, by: q.units ? "unit" : "level", width: width(0.5), idPrefix: "lt-dl" })),
      svgPanel("lt-sankey", t.sankey, () => tr.renderSvg("sankey", { ...q, ...common, width: width(0.5), idPrefix: "lt-sk" })),
      svgPanel("lt-flow", t.flow, () => tr.renderFlowSvg({ ...q, ...common, width: width(1), idPrefix: "lt-fm", expand: this.#expand, selected: q.units?.[0] })),
      svgPanel("lt-bottlenecks", t.bottlenecks, () => tr.renderSvg("bottlenecks", { ...q, ...common, width: width(0.5), idPrefix: "lt-bn" })),
      svgPanel("lt-distribution", t.distribution, () => tr.renderSvg("distribution", { ...q, ...common, by: "level", width: width(0.5), idPrefix: "lt-ds" })),
      svgPanel("lt-timeline", t.timeline, () => tr.renderSvg("timeline", { ...q, ...common, width: width(1), idPrefix: "lt-tl" })),
      panel("lt-report", t.report, timed("dom:lt-report", () => this.reportTable(report, nf, pct))),
      panel("lt-list", t.list, this.overdueList(q)),
    );
    timed("dom:insert", () => this.body.replaceChildren(toolbar, cardList, grid));
  }
  overdueList(q) {
    const list = document.createElement("lienthong-overdue");
    list.setAttribute("locale", this.locale);
    list._query = q;
    list.tracker = this.tracker;
    // Its units drill into the dashboard too.
    list.addEventListener("unit-select", (e) => {
      e.stopPropagation();
      this.setFilters({ unit: e.detail.unit });
    });
    return list;
  }
  reportTable(report, nf, pct) {
    const t = this.t;
    const cols = [
      [t.unit, (r) => r.name ?? r.key], [t.received, (r) => r.received], [t.toHandle, (r) => r.toHandle],
      [t.doneOnTime, (r) => r.doneOnTime + r.doneEarly], [t.doneLate, (r) => r.doneLate],
      [t.openWithinDue, (r) => r.openWithinDue + r.openDueSoon], [t.openOverdue, (r) => r.openOverdue], [t.rate, (r) => pct(r.onTimeRate)],
    ];
    const rows = [...report.rows, { ...report.total, key: "", name: this.t.all }];
    const table = el("table", { class: "lt-table" },
      el("thead", {}, el("tr", {}, ...cols.map(([h]) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows.map((r) => el("tr", r.key ? { "data-unit": r.key, tabindex: 0 } : { class: "lt-total" },
        ...cols.map(([, get], i) => el("td", { class: i ? "lt-num" : null, text: typeof get(r) === "number" ? nf.format(get(r)) : get(r) }))))));
    const button = el("button", { type: "button", class: "lt-csv", text: t.csv, onclick: () =>
      download("bao-cao-giai-quyet-van-ban.csv", csvText([cols.map((c) => c[0]), ...rows.map((r) => cols.map(([, get]) => get(r)))])) });
    return el("div", {}, button, el("div", { class: "lt-scroll" }, table));
  }
  toolbar(summary) {
    const t = this.t, f = this.#filters;
    const dateInput = (key, label) => el("label", {}, label, el("input", { type: "date", value: f[key] ? String(f[key]).slice(0, 10) : "", onchange: (e) => this.setFilters({ [key]: e.target.value }) }));
    const select = (key, label, options) => el("label", {}, label, el("select", { onchange: (e) => this.setFilters({ [key]: e.target.value, ...(key === "level" ? { unit: "" } : {}) }) },
      el("option", { value: "", text: t.all }), ...options.map(([v, text]) => el("option", { value: v, text, selected: f[key] === v }))));
    const file = el("input", { type: "file", accept: ".csv,.tsv,.txt,.xes,.gz,.xml,.json", onchange: (e) => e.target.files[0] && this.openFile(e.target.files[0]) });
    const crumb = f.unit
      ? el("button", { type: "button", class: "lt-crumb", text: `${t.allUnits} ›  ${f.unit} ✕`, onclick: () => this.setFilters({ unit: "" }) })
      : el("span", { class: "lt-crumb", text: t.allUnits });
    return el("div", { class: "lt-toolbar", role: "toolbar" },
      crumb,
      dateInput("from", t.from), dateInput("to", t.to),
      select("level", t.level, Object.entries(t.levels)),
      select("urgency", t.urgency, Object.entries(t.urgencies)),
      el("label", {}, t.type, el("input", { type: "text", value: f.type, size: 12, onchange: (e) => this.setFilters({ type: e.target.value.trim() }) })),
      el("label", { class: "lt-file" }, t.open, file),
      el("div", { class: "lt-progress", hidden: true }, el("progress", { max: 1 }), el("span")),
      el("span", { class: "lt-status", role: "status", text: summary.events ? "" : t.none }),
      el("button", { type: "button", class: "lt-lang", text: t.lang, onclick: () => this.setAttribute("locale", this.locale === "en" ? "vi" : "en") }),
    );
  }
}

for (const [name, cls] of [["lienthong-dashboard", LienthongDashboard], ["lienthong-flow", LienthongFlow], ["lienthong-overdue", LienthongOverdue]]) {
  if (!customElements.get(name)) customElements.define(name, cls);
}
