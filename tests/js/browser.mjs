// Helpers: start Debian's Chromium through playwright-core (no browser download).
import { chromium } from "playwright-core";
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // For experiments only (benchmarks): extra switches, e.g. CHROMIUM_ARGS="--js-flags=--no-liftoff".
      ...(process.env.CHROMIUM_ARGS ?? "").split(" ").filter(Boolean),
    ],
  });
}

/** A screenshot of the whole page as a reader scrolling through it sees it: the viewport is made
 *  as tall as the page for the shot (the dashboard's panels use `content-visibility: auto`, so a
 *  panel far out of view is drawn only when it comes near the viewport, and a plain full-page
 *  screenshot would show it empty), then restored. */
export async function screenshotPage(page, path) {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 16000) });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Panels with `content-visibility: auto` (in shadow roots too) are drawn a frame or more after
  // they come into view; on a loaded machine two frames were not enough (a desktop shot showed
  // them empty). Wait until none is still skipped, up to 5 s.
  await page
    .waitForFunction(
      () => {
        const skipped = [];
        const walk = (root) => {
          for (const el of root.querySelectorAll("*")) {
            // The element's contents are what is skipped: ask of its first child.
            const child = el.firstElementChild;
            if (child?.checkVisibility && getComputedStyle(el).contentVisibility === "auto" && !child.checkVisibility({ contentVisibilityAuto: true })) skipped.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return skipped.length === 0;
      },
      null,
      { timeout: 5000, polling: 100 },
    )
    // A screenshot is a record, not a check: say so and take it anyway.
    .catch(() => console.warn(`screenshotPage(${path}): some content-visibility:auto panels were still not drawn after 5 s`));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(size);
}

/** Opens `url`, waits for `selector` to hold something else than "…", returns its text; keeps a
 *  screenshot in artifacts/. Console errors and page errors fail the call. */
export async function readFigure(browser, url, { selector = "#result", screenshot, timeout = 30000 } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // Failed loads are reported below with their URL.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console.error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  try {
    await page.goto(url);
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el && el.textContent && el.textContent !== "…";
      },
      selector,
      { timeout },
    );
    const text = (await page.textContent(selector)).trim();
    if (screenshot) await screenshotPage(page, screenshot);
    if (problems.length) throw new Error(`${url}: ${problems.join("; ")}`);
    return { text, page };
  } catch (e) {
    if (screenshot) await screenshotPage(page, screenshot).catch(() => {});
    throw new Error(`${url}: ${e.message}${problems.length ? ` (${problems.join("; ")})` : ""}`);
  }
}
