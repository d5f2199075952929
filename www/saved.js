// Starts fetching the saved province of the page's URL while the page is still loading (before
// the module scripts and the .wasm are in), for www/main.js: `window.ltSaved` resolves to
// `{ events, seed, truth, bytes }`, or null when the URL asks for a province that was not saved
// (scripts/demo-data.sh lists the saved ones in data/saved.json, which www/index.html
// preloads); `window.ltFetchSaved(events, seed)` fetches another (the page's form). A classic script, run as soon as it arrives.
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  // The page's defaults when the URL does not say (www/index.html: the menu and the seed).
  const events = params.get("events") ?? "50000";
  const seed = params.get("seed") ?? "2025";
  const list = fetch("./data/saved.json")
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  /** The body of `r`, read into one buffer of its announced length as it comes: Chromium's
   *  `arrayBuffer()` gathers 15 MB in a last task of 50–160 ms on the main thread, after the
   *  last byte. A BYOB reader fills the buffer in place (each read hands it back). */
  async function body(r) {
    const n = Number(r.headers.get("content-length"));
    // Without a length (or compressed on the wire: the length is not the body's), the browser's way.
    let reader;
    try {
      if (Number.isSafeInteger(n) && n > 0 && !r.headers.get("content-encoding")) reader = r.body.getReader({ mode: "byob" });
    } catch {}
    if (!reader) return new Uint8Array(await r.arrayBuffer());
    let buffer = new ArrayBuffer(n);
    let at = 0;
    while (at < n) {
      const { done, value } = await reader.read(new Uint8Array(buffer, at, n - at));
      if (done) break;
      buffer = value.buffer;
      at += value.length;
    }
    if (at !== n || !(await reader.read(new Uint8Array(1))).done) throw new Error("not the length its content-length announced");
    return new Uint8Array(buffer);
  }
  /** The saved province of `events` and `seed` (strings), fetched, or null. */
  const fetchSaved = (events, seed) =>
    list
      .then((l) => {
        const entry = l && seed === l.seed ? l.provinces[events] : undefined;
        if (!entry) return null;
        // Low priority: the page's scripts and .wasm go first.
        return fetch(`./data/${entry.file}`, { priority: "low" }).then((r) =>
          r.ok ? body(r).then((bytes) => ({ events, seed, truth: entry.truth, bytes })) : null,
        );
      })
      .catch(() => null);
  window.ltFetchSaved = fetchSaved;
  window.ltSaved = params.has("generate") ? Promise.resolve(null) : fetchSaved(events, seed);
})();
