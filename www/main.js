// First demo page: generates a province in the browser and shows the summary, the bottleneck
// list and the overdue list. Uses the package built into ./pkg/ (scripts/demo.sh copies it).
import init, { generate, version } from "./pkg/index.js";

const LEVEL = { central: "Trung ương", province: "Tỉnh", district: "Huyện", commune: "Xã" };
const URGENCY = { normal: "Thường", urgent: "Khẩn", "very-urgent": "Thượng khẩn", flash: "Hỏa tốc" };
const nf = new Intl.NumberFormat("vi-VN");
const df = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short", timeStyle: "short" });
const $ = (id) => document.getElementById(id);

function duration(ms) {
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.round(ms / 60_000)} phút`;
  if (h < 48) return `${h.toFixed(1).replace(".", ",")} giờ`;
  return `${(h / 24).toFixed(1).replace(".", ",")} ngày`;
}

// Working time, as deadlines count it: whole working days late and the working hours.
function workingLateness(d) {
  const h = (d.lateness.workingMs / 3_600_000).toFixed(1).replace(".", ",");
  return `${nf.format(d.latenessWorkingDays)} ngày làm việc (${h} giờ làm việc)`;
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "—";
  if (cls) td.className = cls;
  tr.appendChild(td);
}

let current;

function show(g, ms) {
  current?.free();
  current = g.tracker;
  const t = g.tracker;
  const s = t.summary();
  const cards = [
    ["Đơn vị", s.units],
    ["Văn bản", s.documents],
    ["Sự kiện", s.events],
    ["Đang xử lý", s.open],
    ["Đã xong", s.closed],
    ["Xong nhưng trễ hạn", s.late],
    ["Quá hạn", s.overdue],
    ["Thời gian xử lý trung vị", duration(s.leadTime.medianMs)],
    ["Trung vị theo giờ làm việc", `${(s.leadTimeWorking.medianMs / 3_600_000).toFixed(1).replace(".", ",")} giờ`],
  ];
  const dl = $("summary");
  dl.replaceChildren();
  dl.dataset.documents = String(s.documents);
  for (const [k, v] of cards) {
    const div = document.createElement("div");
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = k;
    dd.textContent = typeof v === "number" ? nf.format(v) : v;
    div.append(dt, dd);
    dl.appendChild(div);
  }

  const b = t.bottlenecks({ top: 10 });
  const tb = $("bottlenecks").tBodies[0];
  tb.replaceChildren();
  for (const u of b.units) {
    const tr = document.createElement("tr");
    if (g.truth.slowUnits.includes(u.unit)) tr.className = "injected";
    cell(tr, String(u.rank));
    cell(tr, u.name ?? u.unit);
    cell(tr, LEVEL[u.level] ?? "—");
    cell(tr, nf.format(u.wip), "num");
    cell(tr, nf.format(u.overdueHeld), "num");
    cell(tr, u.reason);
    tb.appendChild(tr);
  }

  showEgov(t, g);

  const o = t.overdue({ dueSoonWithin: "2d" });
  // One entry per copy: a directive sent to many units is overdue at each unit that has not
  // finished it.
  const docs = (list) => new Set(list.map((e) => e.id)).size;
  $("overdue-note").textContent =
    `Tính đến ${df.format(new Date(o.asOf))}: ${nf.format(o.overdue.length)} lượt xử lý quá hạn tại các đơn vị ` +
    `(${nf.format(docs(o.overdue))} văn bản), ${nf.format(o.dueSoon.length)} sắp đến hạn (trong 2 ngày làm việc), ` +
    `${nf.format(o.late.length)} đã xong nhưng trễ hạn. Hiển thị 20 lượt trễ nhiều nhất.`;
  const ob = $("overdue").tBodies[0];
  ob.replaceChildren();
  for (const d of o.overdue.slice(0, 20)) {
    const tr = document.createElement("tr");
    cell(tr, d.number ?? d.id);
    cell(tr, d.type);
    cell(tr, URGENCY[d.urgency] ?? d.urgency);
    const unit = d.unitName ?? d.unit;
    cell(tr, d.holder ? unit : d.inTransitTo ? `đang chuyển tới ${unit}` : unit);
    cell(tr, df.format(new Date(d.due)));
    const tdLate = workingLateness(d);
    cell(tr, tdLate, "num");
    tr.lastChild.title = `Theo lịch: ${duration(d.lateness.calendarMs)}`;
    ob.appendChild(tr);
  }
  $("status").textContent =
    `Đã tạo ${nf.format(g.truth.events)} sự kiện của ${nf.format(g.truth.documents)} văn bản ` +
    `(seed ${g.seed}) và phân tích trong ${nf.format(Math.round(ms))} ms.` +
    (g.truth.slowUnits.length ? ` Đơn vị bị làm chậm có chủ đích: ${g.truth.slowUnits.join(", ")}.` : "");
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

function run() {
  $("status").textContent = "Đang tạo dữ liệu…";
  // Let the status paint before the (synchronous) work.
  setTimeout(() => {
    try {
      const t0 = performance.now();
      const seedText = $("seed").value.trim();
      const g = generate({
        events: Number($("events").value),
        seed: seedText === "" ? undefined : seedText,
        problems: [
          ...($("slow").checked ? [{ kind: "slow-unit", factor: 5 }] : []),
          ...($("paper").checked ? [{ kind: "paper-unit" }] : []),
        ],
      });
      show(g, performance.now() - t0);
    } catch (e) {
      $("status").textContent = `Lỗi: ${e.message}`;
      console.error(e);
    }
  }, 0);
}

await init();
$("version").textContent = version();
$("controls").addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
run();
