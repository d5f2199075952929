#!/usr/bin/env bash
# Builds the npm package into pkg/:
#   cargo (wasm32, release) → wasm-bindgen (web glue, shared by Node) → wasm-opt (npm binaryen)
#   → entry files and package.json from pkg-config/ → prints raw and gzip sizes.
# One .wasm file serves every entry (browsers, bundlers, Node ESM and CommonJS).
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen CLI of the version in Cargo.lock,
# and `npm install` (for wasm-opt); scripts/setup.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${PKG_OUT:-$ROOT/pkg}
# The npm package has the analyses, the loaders and importers (CSV, and with the Cargo feature
# `xml` XES and edXML), the SVG renderers (`render`), the JS exports (`exports`: exportCsv,
# exportXes, analysisCsv), the web components and the stylesheet.
# PKG_FEATURES chooses another set: "" builds the core alone (analyses, JSON/columns, CSV);
# `snapshot` adds tracker.toBytes() and Tracker.fromBytes() (15 KB of gzip the budget has no
# room for); `demo` is the demo build (all of that plus the JS `generate()`, for scripts/demo.sh
# and the tests; not published, no budget).
FEATURES=${PKG_FEATURES-render,xml,exports}
# The whole package, gzip: under 300 KB (the team's budget; SPEC §8 asks 250 KB — see
# BENCHMARKS.md "Package size").
if [[ ",$FEATURES," == *",demo,"* ]]; then BUDGET_GZIP=${BUDGET_GZIP:-0}; else BUDGET_GZIP=${BUDGET_GZIP:-300000}; fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$want" != "$have" ]; then
  echo "build-pkg: wasm-bindgen CLI is '${have:-missing}', Cargo.lock wants $want; run scripts/setup.sh" >&2
  exit 1
fi
WASM_OPT=$ROOT/node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || { echo "build-pkg: $WASM_OPT missing; run npm install (scripts/setup.sh)" >&2; exit 1; }

# Size over the last few percent of speed for the shipped .wasm (the package budget is 300 KB
# gzip): opt-level s. Not z: z is 10–20 KB gzip smaller but makes the analyses 1.3–3× slower in
# wasm (BENCHMARKS.md "Package size"). Only this wasm32 build sees it; native builds keep the
# profile of Cargo.toml.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${WASM_OPT_LEVEL:-s}
# The dependencies' source paths in panic messages without this machine's cargo home: the same
# .wasm, and the same size, wherever the package is built (and shorter).
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/="
echo "build-pkg: cargo build --target wasm32-unknown-unknown --release (opt-level $CARGO_PROFILE_RELEASE_OPT_LEVEL)"
cargo build --lib --target wasm32-unknown-unknown --release ${FEATURES:+--features "$FEATURES"}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
WASM=$TARGET_DIR/wasm32-unknown-unknown/release/lienthong.wasm

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "build-pkg: wasm-bindgen $want (web)"
wasm-bindgen --target web --out-dir "$TMP/web" --out-name lienthong "$WASM"

# -ocimfs=25: do not inline a big function into its one caller (wasm-bindgen's shims had
# swallowed whole renderers and analyses, and such huge merged bodies gzip badly);
# --reorder-functions-by-name puts like functions side by side, inside gzip's window. Together
# 28 KB less gzip for the npm package, the same code, the analyses as fast (BENCHMARKS.md
# "Package size"; found by the `size` branch).
WASM_OPT_FLAGS=${WASM_OPT_FLAGS:--Oz --converge -ocimfs=25 --reorder-functions-by-name}
echo "build-pkg: wasm-opt $WASM_OPT_FLAGS"
rm -rf "$OUT"
mkdir -p "$OUT/node"
"$WASM_OPT" $WASM_OPT_FLAGS --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$TMP/web/lienthong_bg.wasm" -o "$OUT/lienthong_bg.wasm"

# Browser glue (ES module) next to the .wasm.
cp "$TMP/web/lienthong.js" "$OUT/lienthong.js"
cp -r "$TMP/web/snippets" "$OUT/snippets"
snippet=$(cd "$OUT" && find snippets -name 'inline0.js' | head -n1)
[ -n "$snippet" ] || { echo "build-pkg: wasm-bindgen snippet not found" >&2; exit 1; }

# Node uses the same glue: its entry (node/index.cjs) loads the ES module with require() (Node
# 20.19+ and 22.12+) and instantiates the .wasm synchronously from the file; one glue file less
# in the package.

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed "s#@SNIPPET@#$snippet#" pkg-config/entries/index.js > "$OUT/index.js"
cp pkg-config/entries/browser.js "$OUT/browser.js"
sed "s#@SNIPPET@#$snippet#" pkg-config/entries/node-index.cjs > "$OUT/node/index.cjs"
# The manifest first: it makes lienthong.js an ES module for the require() below.
sed "s#@VERSION@#$version#" pkg-config/package.json > "$OUT/package.json"
names=$(node -e 'const m = require(process.argv[1]); console.log(Object.keys(m).filter(k => k !== "default" && k !== "init").join(", "))' "$OUT/node/index.cjs")
sed "s#@NAMES@#$names#" pkg-config/entries/node-index.mjs > "$OUT/node/index.mjs"
cp pkg-config/lienthong.d.ts "$OUT/lienthong.d.ts"
# The declarations of the parts behind Cargo features (render, xml, exports, snapshot; demo has
# all), and with the renderers and the XML importers the stylesheet and the web components.
has() { [[ ",$FEATURES," == *",$1,"* || ",$FEATURES," == *",demo,"* ]]; }
# Each part without its first lines of `//` comments (how the build uses it, not the API).
for part in render xml exports snapshot; do
  if has $part; then awk 'body || !/^\/\//{ body = 1; print }' "pkg-config/$part.d.ts" >> "$OUT/lienthong.d.ts"; fi
done
if has demo; then cat pkg-config/generate.d.ts >> "$OUT/lienthong.d.ts"; fi
if has render && has xml; then
  cp pkg-config/lienthong.css "$OUT/lienthong.css"
  cp pkg-config/components.js "$OUT/components.js"
else
  # Not in this build: drop them from the manifest's exports and files.
  grep -v -e '"\./lienthong\.css"' -e '"lienthong\.css"' -e '"\./components\.js"' -e '"components\.js"' \
    "$OUT/package.json" > "$OUT/package.json.tmp"
  mv "$OUT/package.json.tmp" "$OUT/package.json"
fi
# The JavaScript minified (terser: local names shortened, comments and blanks dropped; class
# names and every exported or property name kept): the glue, its snippet, the web components
# and the entries are about 8 KB of gzip less. Readers of the package have the repository's sources and the
# declarations (lienthong.d.ts). PKG_MINIFY=0 keeps them as written.
TERSER=$ROOT/node_modules/.bin/terser
if [ "${PKG_MINIFY:-1}" != 0 ]; then
  [ -x "$TERSER" ] || { echo "build-pkg: $TERSER missing; run npm install (scripts/setup.sh)" >&2; exit 1; }
  for f in lienthong.js $(cd "$OUT" && find snippets -name '*.js') components.js index.js browser.js node/index.mjs node/index.cjs; do
    [ -f "$OUT/$f" ] || continue
    # The CommonJS entry is a script, not a module.
    module=--module
    [[ $f == *.cjs ]] && module=
    "$TERSER" "$OUT/$f" $module --compress --mangle --keep-classnames -o "$OUT/$f.min"
    mv "$OUT/$f.min" "$OUT/$f"
  done
fi
# The stylesheet minified too (lightningcss, already vite's): its comments (how to theme the
# pictures with the --lt-… custom properties) are in the repository's pkg-config/lienthong.css.
if [ "${PKG_MINIFY:-1}" != 0 ] && [ -f "$OUT/lienthong.css" ]; then
  node -e '
    const fs = require("fs"), { transform } = require(process.argv[1]);
    const { code } = transform({ filename: "lienthong.css", code: fs.readFileSync(process.argv[2]), minify: true });
    fs.writeFileSync(process.argv[2], "/* lienthong: theme with the --lt-* custom properties (see the repository pkg-config/lienthong.css) */\n" + code);
  ' "$ROOT/node_modules/lightningcss" "$OUT/lienthong.css"
fi
# CommonJS types: the same declarations, re-exported (tests/js/ts-cjs compiles against them).
printf '%s\n' '// Types for require("lienthong"): the package declarations.' 'export * from "./lienthong.js";' \
  > "$OUT/lienthong.d.cts"
# npm shows the users' README: the repository's, without its sections about the repository
# itself (the two commands, the layout: scripts and files the package does not have), which are
# marked <!-- repository … --> … <!-- /repository -->.
opened=$(grep -c '^<!-- repository' README.md || true)
closed=$(grep -c '^<!-- /repository -->' README.md || true)
[ "$opened" = "$closed" ] || { echo "build-pkg: README.md: $opened <!-- repository --> markers, $closed closing ones" >&2; exit 1; }
sed '/^<!-- repository/,/^<!-- \/repository -->/d' README.md > "$OUT/README.md"

# Sizes.
total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' file raw gzip
while IFS= read -r f; do
  raw=$(wc -c < "$OUT/$f")
  gz=$(gzip -9c "$OUT/$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "$f" "$raw" "$gz"
done < <(cd "$OUT" && find . -type f | sed 's#^\./##' | sort)
printf '%-48s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
tarball=$(cd "$OUT" && tar czf - . | wc -c)
echo "build-pkg: package as .tgz: $tarball bytes"
if [ "$BUDGET_GZIP" -gt 0 ] && [ "$total_gz" -gt "$BUDGET_GZIP" ]; then
  echo "build-pkg: over budget: $total_gz bytes gzip > $BUDGET_GZIP" >&2
  exit 1
fi
echo "build-pkg: ok: $OUT ($total_gz bytes gzip, budget $BUDGET_GZIP)"
