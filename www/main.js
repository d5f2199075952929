// The leaders' dashboard on a province generated in the browser: the <lienthong-dashboard>
// component of the package draws every panel; this page only makes the data (the demo build's
// generate()) and adds the e-government figures. Uses the package built into ./pkg/
// (scripts/demo.sh builds it there).
// URL parameters: ?events=N (100 to 10 000 000; default 50 000) and ?seed=S choose the province,
// e.g. http://127.0.0.1:8080/?events=1000000 (tests/js/bench-dashboard.mjs opens that).
// Performance measures lt:* (here and in components.js) time each step; the mark lt:interactive
// is set once the dashboard is drawn, painted and the main thread free again.
import init, { generate, version } from "./pkg/index.js";
import "./pkg/components.js";

const LEVEL = { central: "Trung ương", province: "Tỉnh", district: "Huyện", commune: "Xã" };
const nf = new Intl.NumberFormat("vi-VN");
const $ = (id) => document.getElementById(id);

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "—";
  if (cls) td.className = cls;
  tr.appendChild(td);
}

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

const pct = (x) => `${(x * 100).toFixed(1).replace(".", ",")}%`;

// E-government figures: electronic and signed shares, handovers per channel, paper senders.
function showEgov(t, g) {
  const e = t.egov({ by: "level" });
  const tot = e.total;
  const h = tot.handovers;
  const sent = h.axis + h.province + h.paper + h.other + h.unknown;
  const cards = [
    ["Văn bản điện tử", pct(tot.electronicShare)],
    ["Văn bản ký số", pct(tot.signedShare)],
    ["Lượt chuyển qua trục quốc gia", nf.format(h.axis)],
    ["Lượt chuyển qua mạng tỉnh", nf.format(h.province)],
    ["Lượt chuyển bằng giấy", nf.format(h.paper)],
  ];
  const dl = $("egov");
  dl.replaceChildren();
  for (const [k, v] of cards) {
    const div = document.createElement("div");
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = k;
    dd.textContent = v;
    div.append(dt, dd);
    dl.appendChild(div);
  }
  const worst = tot.paperSenders[0];
  $("egov-note").textContent =
    `${nf.format(tot.documents)} văn bản, ${nf.format(sent)} lượt chuyển giao. ` +
    (worst ? `Đơn vị gửi giấy nhiều nhất: ${worst.name ?? worst.unit} (${nf.format(worst.count)} lượt).` : "Không đơn vị nào gửi giấy.") +
    ((g.truth.paperUnits ?? []).length ? ` Đơn vị còn gửi giấy có chủ đích: ${g.truth.paperUnits.join(", ")}.` : "");
  const tb = $("egov-levels").tBodies[0];
  tb.replaceChildren();
  for (const r of e.rows) {
    const tr = document.createElement("tr");
    cell(tr, LEVEL[r.key] ?? "Chưa rõ");
    cell(tr, nf.format(r.documents), "num");
    cell(tr, pct(r.electronicShare), "num");
    cell(tr, pct(r.signedShare), "num");
    cell(tr, nf.format(r.handovers.axis), "num");
    cell(tr, nf.format(r.handovers.province), "num");
    cell(tr, nf.format(r.handovers.paper), "num");
    cell(tr, r.paperSenders.slice(0, 3).map((p) => `${p.name ?? p.unit} (${nf.format(p.count)})`).join(", "));
    tb.appendChild(tr);
  }
}

let current;

/** Runs `f` after the next frame is painted, when the main thread is free again. */
function afterPaint(f) {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => f();
    ch.port2.postMessage(null);
  });
}

function drawn() {
  performance.mark("lt:drawn");
  afterPaint(() => performance.mark("lt:interactive"));
}

/** ?events=N and ?seed=S: an event count not in the list is added to it. */
function fromUrl() {
  const params = new URLSearchParams(location.search);
  const events = Number(params.get("events"));
  if (params.has("events") && Number.isInteger(events) && events >= 100 && events <= 10_000_000) {
    const select = $("events");
    if (![...select.options].some((o) => o.value === String(events))) select.add(new Option(nf.format(events), String(events)));
    select.value = String(events);
  }
  if (params.has("seed")) $("seed").value = params.get("seed");
}

function run() {
  $("status").textContent = "Đang tạo dữ liệu…";
  // Let the status paint before the (synchronous) work.
  setTimeout(() => {
    try {
      const t0 = performance.now();
      const seedText = $("seed").value.trim();
      performance.mark("lt:generate");
      const g = generate({
        events: Number($("events").value),
        seed: seedText === "" ? undefined : seedText,
        problems: [
          ...($("slow").checked ? [{ kind: "slow-unit", factor: 5 }] : []),
          ...($("paper").checked ? [{ kind: "paper-unit" }] : []),
        ],
      });
      performance.measure("lt:generate", "lt:generate");
      // The dashboard owns nothing it was given: free the previous province here.
      $("dashboard").tracker = g.tracker;
      current?.free();
      current = g.tracker;
      timed("egov", () => showEgov(g.tracker, g));
      const ms = performance.now() - t0;
      document.body.dataset.documents = String(g.truth.documents);
      $("status").textContent =
        `Đã tạo ${nf.format(g.truth.events)} sự kiện của ${nf.format(g.truth.documents)} văn bản ` +
        `(seed ${g.seed}) và vẽ bảng điều hành trong ${nf.format(Math.round(ms))} ms.` +
        (g.truth.slowUnits.length ? ` Đơn vị bị làm chậm có chủ đích: ${g.truth.slowUnits.join(", ")}.` : "");
      drawn();
    } catch (e) {
      $("status").textContent = `Lỗi: ${e.message}`;
      console.error(e);
    }
  }, 0);
}

await init();
performance.mark("lt:wasm-ready");
fromUrl();
$("version").textContent = version();
$("controls").addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
// A file opened in the dashboard replaces the generated province: the e-government panel follows.
$("dashboard").addEventListener("load", () => {
  timed("egov", () => showEgov($("dashboard").tracker, { truth: {} }));
  drawn();
});
run();
