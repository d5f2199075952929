// Starts fetching the saved province of the page's URL while the page is still loading (before
// the module scripts and the .wasm are in), for www/main.js: `window.ltSaved` resolves, once the
// response's headers are in, to `{ events, seed, truth, length, chunks }` (`chunks()`: its bytes
// as they come, for Tracker.restorer), or null when the URL asks for a province that was not
// saved (scripts/demo-data.sh lists the saved ones in data/saved.json, which www/index.html
// preloads); `window.ltFetchSaved(events, seed)` fetches another (the page's form). A classic
// script, run as soon as it arrives.
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  // The page's defaults when the URL does not say (www/index.html: the menu and the seed).
  const events = params.get("events") ?? "50000";
  const seed = params.get("seed") ?? "2025";
  const list = fetch("./data/saved.json")
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  /** The body of `r` read at once, piece by piece, whenever its reader comes: `chunks()` yields
   *  every piece from the first (those already in, then each as it arrives), so that the page
   *  restores the bytes in hand while the rest downloads. Its one reader releases each piece. */
  function pieces(r) {
    const got = [];
    let done = false;
    let failed = false;
    let error;
    let wake;
    const reader = r.body.getReader();
    (async () => {
      try {
        for (;;) {
          const { done: end, value } = await reader.read();
          if (end) break;
          got.push(value);
          wake?.();
        }
      } catch (e) {
        failed = true;
        error = e;
      }
      done = true;
      wake?.();
    })();
    return async function* chunks() {
      try {
        for (let i = 0; ; ) {
          while (i < got.length) {
            const c = got[i];
            got[i++] = undefined;
            yield c;
          }
          if (failed) throw error ?? new Error("the download failed");
          if (done) return;
          await new Promise((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        // A reader that stops early (the restore refused the bytes) stops the download too.
        if (!done) reader.cancel().catch(() => {});
        got.length = 0;
      }
    };
  }
  /** The saved province of `events` and `seed` (strings), fetched, or null. */
  const fetchSaved = (events, seed) =>
    list
      .then((l) => {
        const entry = l && seed === l.seed ? l.provinces[events] : undefined;
        if (!entry) return null;
        // Low priority: the page's scripts and .wasm go first.
        return fetch(`./data/${entry.file}`, { priority: "low" }).then((r) => {
          if (!r.ok) return null;
          // The length, when it is the body's (not compressed on the wire).
          const n = Number(r.headers.get("content-length"));
          const length = Number.isSafeInteger(n) && n > 0 && !r.headers.get("content-encoding") ? n : undefined;
          return { events, seed, truth: entry.truth, length, chunks: pieces(r) };
        });
      })
      .catch(() => null);
  window.ltFetchSaved = fetchSaved;
  window.ltSaved = params.has("generate") ? Promise.resolve(null) : fetchSaved(events, seed);
})();
