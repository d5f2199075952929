// The leaders' dashboard (www/, the README's demo command) and the embedding page in Chromium:
// every panel renders, a unit click filters the other panels, tables sort and download as CSV,
// the language switch, the file picker on a CSV and an XES file, the strict CSP, an XSS payload
// shown as text. Screenshots at desktop and tablet sizes go to artifacts/.
// Needs www/pkg (the demo build) and www/data (scripts/demo-data.sh); scripts/test.sh makes both.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { launch, screenshotPage } from "./browser.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "artifacts");
mkdirSync(artifacts, { recursive: true });
let browser, server, base;

before(async () => {
  server = await serve(root, 0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** A page that records errors, CSP violations and script-run markers. */
async function open(url, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console.error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return { page, problems, context };
}

const dash = "lienthong-dashboard";

async function waitDashboard(page) {
  await page.waitForFunction(() => /^Đã (tạo|nạp)/.test(document.getElementById("status")?.textContent ?? ""), null, { timeout: 60000 });
  await page.locator(`${dash} .lt-flow svg`).first().waitFor({ timeout: 30000 });
}

test("dashboard: every panel renders on the generated province, desktop and tablet", async () => {
  for (const [name, viewport] of [["desktop", { width: 1366, height: 900 }], ["tablet", { width: 820, height: 1180 }]]) {
    const { page, problems, context } = await open(`${base}/www/`, viewport);
    await waitDashboard(page);
    const panels = page.locator(`${dash} .lt-panel`);
    assert.equal(await panels.count(), 8);
    for (const cls of ["lt-deadlines", "lt-sankey", "lt-flow", "lt-bottlenecks", "lt-distribution", "lt-timeline"]) {
      assert.equal(await page.locator(`${dash} .${cls} svg`).count(), 1, `${cls} has its picture`);
      assert.equal(await page.locator(`${dash} .${cls} .lt-error`).count(), 0, `${cls} has no error`);
    }
    assert.ok((await page.locator(`${dash} .lt-report tbody tr`).count()) > 2, "period report rows");
    assert.ok((await page.locator(`${dash} lienthong-overdue tbody tr`).count()) > 0, "overdue list rows");
    const cards = await page.locator(`${dash} .lt-card dd`).allTextContents();
    assert.equal(cards.length, 4);
    assert.ok(cards.every((c) => c && c !== "—"), `headline figures: ${cards}`);
    // The flow map fits the panel: no horizontal scrollbar at either size.
    const overflow = await page.locator(`${dash} .lt-flow .lt-svg-host`).evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.ok(overflow <= 1, `flow map overflows by ${overflow}px at ${name}`);
    await screenshotPage(page, path.join(artifacts, `dashboard-${name}.png`));
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("dashboard: the default province is restored from its saved store, the same one the page generates", async () => {
  const { page, problems, context } = await open(`${base}/www/`);
  await waitDashboard(page);
  assert.equal(await page.evaluate(() => document.body.dataset.source), "saved");
  assert.equal(await page.evaluate(() => performance.getEntriesByName("lt:restore", "measure").length), 1);
  const cards = await page.locator(`${dash} .lt-card dd`).allTextContents();
  const report = await page.locator(`${dash} .lt-report tbody`).textContent();
  await page.goto(`${base}/www/?generate=1`);
  await waitDashboard(page);
  assert.equal(await page.evaluate(() => document.body.dataset.source), "generated");
  assert.equal(await page.evaluate(() => performance.getEntriesByName("lt:generate", "measure").length), 1);
  assert.deepEqual(await page.locator(`${dash} .lt-card dd`).allTextContents(), cards);
  assert.equal(await page.locator(`${dash} .lt-report tbody`).textContent(), report);
  // Another seed is not saved: generated in the page.
  await page.locator("#seed").fill("7");
  await page.locator("#controls button[type=submit]").click();
  await page.waitForFunction(() => /seed 7/.test(document.getElementById("status").textContent));
  assert.equal(await page.evaluate(() => document.body.dataset.source), "generated");
  assert.deepEqual(problems, []);
  await context.close();
});

test("dashboard: a saved province that cannot be read (cut short, not a saved store) is generated in the page instead", async () => {
  const { readFile } = await import("node:fs/promises");
  const list = JSON.parse(await readFile(new URL("../../www/data/saved.json", import.meta.url), "utf8"));
  const file = new URL(`../../www/data/${list.provinces["50000"].file}`, import.meta.url);
  const whole = await readFile(file);
  for (const body of [whole.subarray(0, whole.length >> 1), Buffer.from("doc,unit,action,at\n")]) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    const warnings = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => (m.type() === "error" ? problems : warnings).push(m.text()));
    await page.route("**/*.lts", (route) => route.fulfill({ status: 200, contentType: "application/octet-stream", body }));
    await page.goto(`${base}/www/`);
    await waitDashboard(page);
    assert.equal(await page.evaluate(() => document.body.dataset.source), "generated");
    assert.ok(warnings.some((w) => /saved province not restored/.test(w)), warnings.join("\n"));
    assert.equal(await page.locator(`${dash} .lt-card dd`).first().textContent(), new Intl.NumberFormat("vi-VN").format(list.provinces["50000"].truth.documents));
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("dashboard: clicking a unit filters every panel; the crumb resets it", async () => {
  const { page, problems, context } = await open(`${base}/www/`);
  await waitDashboard(page);
  const rowsBefore = await page.locator(`${dash} .lt-report tbody tr[data-unit]`).count();
  const docsBefore = await page.locator(`${dash} .lt-card dd`).first().textContent();
  const unit = page.locator(`${dash} .lt-flow [data-unit]`).first();
  const id = await unit.getAttribute("data-unit");
  await unit.click();
  await page.waitForFunction((id) => document.querySelector("lienthong-dashboard").shadowRoot.querySelector(".lt-crumb")?.textContent.includes(id), id);
  const rowsAfter = await page.locator(`${dash} .lt-report tbody tr[data-unit]`).count();
  assert.ok(rowsAfter < rowsBefore, `report rows ${rowsBefore} → ${rowsAfter}`);
  const docsAfter = await page.locator(`${dash} .lt-card dd`).first().textContent();
  assert.notEqual(docsAfter, docsBefore);
  // Keyboard works too: the crumb button resets.
  await page.locator(`${dash} button.lt-crumb`).click();
  assert.equal(await page.locator(`${dash} .lt-report tbody tr[data-unit]`).count(), rowsBefore);
  assert.deepEqual(problems, []);
  await context.close();
});

test("dashboard: overdue list sorts, tables download as CSV, language switch", async () => {
  const { page, problems, context } = await open(`${base}/www/`);
  await waitDashboard(page);
  const list = page.locator(`${dash} lienthong-overdue`);
  await list.locator('th button[data-sort="late"]').click();
  const th = list.locator('th:has(button[data-sort="late"])');
  const dir = await th.getAttribute("aria-sort");
  const values = (await list.locator("tbody tr td:nth-child(5)").allTextContents()).map(Number);
  const sorted = [...values].sort((a, b) => (dir === "ascending" ? a - b : b - a));
  assert.deepEqual(values, sorted, `late column ${dir}`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`${dash} .lt-report .lt-csv`).click()]);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.trim().split("\r\n");
  assert.match(lines[0], /^\ufeff?Đơn vị,Nhận,/);
  assert.equal(lines.length, (await page.locator(`${dash} .lt-report tbody tr`).count()) + 1);

  await page.locator(`${dash} .lt-lang`).click();
  await page.waitForFunction(() => document.querySelector("lienthong-dashboard").shadowRoot.querySelector(".lt-deadlines h2")?.textContent === "Deadlines");
  assert.match(await page.locator(`${dash} .lt-flow svg title`).first().textContent(), /[A-Za-z]/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("dashboard: the file picker reads a CSV and an XES file; an XSS payload stays text", async () => {
  const dir = path.join(artifacts, "picker");
  mkdirSync(dir, { recursive: true });
  const evil = "<img src=x onerror=window.__xss=1>";
  const csv = path.join(dir, "xss.csv");
  writeFileSync(csv, [
    "Số hiệu,Đơn vị,Trạng thái,Thời gian,Nơi nhận,Hạn xử lý",
    `VB1,"${evil}",sent,2026-03-02 08:00,<script>alert(1)</script>,2026-03-04`,
    "VB1,<script>alert(1)</script>,arrived,2026-03-02 09:00,,",
    "VB2,So-A,arrived,2026-03-03 08:00,,2026-03-05",
  ].join("\n"));
  const { page, problems, context } = await open(`${base}/www/`);
  await waitDashboard(page);
  await page.locator(`${dash} input[type=file]`).setInputFiles(csv);
  await page.waitForFunction(() => document.querySelector("lienthong-dashboard").shadowRoot.querySelector(".lt-card dd")?.textContent === "2");
  const html = await page.locator(dash).evaluate((d) => d.shadowRoot.innerHTML);
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), "the unit name is shown as text");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator(`${dash} script`).count(), 0);

  await page.locator(`${dash} input[type=file]`).setInputFiles(path.join(root, "www/data/events.xes"));
  const events = Number(readFileSync(path.join(root, "www/data/events.count"), "utf8"));
  await page.waitForFunction(() => Number(document.querySelector("lienthong-dashboard").shadowRoot.querySelector(".lt-card dd")?.textContent.replace(/\D/g, "")) > 2);
  assert.ok(events > 0);
  assert.equal(await page.locator(`${dash} .lt-flow svg`).count(), 1);
  await screenshotPage(page, path.join(artifacts, "dashboard-xes.png"));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("embedding page: web component, JS API + SVG, Vite app", async () => {
  const { page, problems, context } = await open(`${base}/www/embed.html`);
  await page.locator("#wc-flow .lt-unit").first().waitFor({ timeout: 30000 });
  await page.locator("#api-deadlines svg").waitFor();
  await page.locator("#wc-flow [data-unit]").first().click();
  await page.waitForFunction(() => document.getElementById("wc-selected").textContent.startsWith("unit-select: "));
  await screenshotPage(page, path.join(artifacts, "embed.png"));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await page.goto(`${base}/www/embed/vite-app/dist/`);
  await page.waitForFunction(() => /sự kiện/.test(document.getElementById("status").textContent));
  assert.equal(await page.locator("#flow svg").count(), 1);
  await context.close();
});
