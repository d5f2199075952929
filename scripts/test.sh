#!/usr/bin/env bash
# THE test command: installs what is missing, then runs every check of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "=== test: $*"; }

scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
step "cargo test (native)"
cargo test

step "PM4Py cross-check of the directly-follows graph"
scripts/pm4py_crosscheck.sh

step "lunar calendar against an independent package, every day 1900-2100"
scripts/lunar_oracle.sh

step "build the npm package"
scripts/build-pkg.sh
step "build the demo build (the npm package plus saved trackers and the in-browser generator) into www/pkg"
PKG_OUT="$PWD/www/pkg" PKG_FEATURES=demo scripts/build-pkg.sh
step "sample files for the embedding page and the dashboard tests (www/data, the Vite app)"
scripts/demo-data.sh

step "cargo clippy (wasm32: the binding and its tests) -- -D warnings"
cargo clippy --target wasm32-unknown-unknown --lib --test wasm -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --features demo -- -D warnings

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
step "wasm-bindgen tests in Node"
cargo test --target wasm32-unknown-unknown --no-default-features --test wasm
step "wasm-bindgen tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  cargo test --target wasm32-unknown-unknown --no-default-features --test wasm

step "node --test: the package as ESM and CommonJS, the README example, the declarations, fuzzing, the calendar"
node --test tests/js/package-esm.test.mjs tests/js/package-cjs.test.cjs tests/js/readme-example.test.mjs \
  tests/js/declarations.test.mjs tests/js/fuzz.test.mjs tests/js/calendar.test.mjs tests/js/demo-build.test.mjs \
  tests/js/egov.test.mjs tests/js/hardening.test.mjs tests/js/export.test.mjs tests/js/import-csv.test.mjs \
  tests/js/import-xes.test.mjs tests/js/import-edxml.test.mjs tests/js/charts.test.mjs tests/js/render-flow.test.mjs \
  tests/js/memory.test.mjs

step "tsc --strict on the TypeScript example"
node_modules/.bin/tsc -p tests/js/ts/tsconfig.json
node tests/js/ts/dist/example.js
node_modules/.bin/tsc -p tests/js/ts-cjs/tsconfig.json
out=$(node tests/js/ts-cjs/dist/example.js)
[ "$out" = "1 2026-02-17 2 object" ] || { echo "tests/js/ts-cjs printed: $out" >&2; exit 1; }
# The demo build's declarations (generate(), saved trackers): type-checked only.
node_modules/.bin/tsc -p tests/js/ts-demo/tsconfig.json

step "Chromium: no-bundler page, Vite app, webpack 5 app; the leaders' dashboard and the embedding page"
node --test tests/js/browser.test.mjs tests/js/dashboard.test.mjs

echo
echo "test: all passed"
