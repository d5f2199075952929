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
  /** The saved province of `events` and `seed` (strings), fetched, or null. */
  const fetchSaved = (events, seed) =>
    list
      .then((l) => {
        const entry = l && seed === l.seed ? l.provinces[events] : undefined;
        if (!entry) return null;
        // Low priority: the page's scripts and .wasm go first.
        return fetch(`./data/${entry.file}`, { priority: "low" }).then((r) =>
          r.ok ? r.arrayBuffer().then((b) => ({ events, seed, truth: entry.truth, bytes: new Uint8Array(b) })) : null,
        );
      })
      .catch(() => null);
  window.ltFetchSaved = fetchSaved;
  window.ltSaved = params.has("generate") ? Promise.resolve(null) : fetchSaved(events, seed);
})();
