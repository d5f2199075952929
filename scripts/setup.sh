#!/usr/bin/env bash
# Installs what building and testing the package needs; skips what is already there.
# Idempotent; safe on a fresh machine (run as root, or with sudo for apt).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "setup: $*"; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

# Rust target for WebAssembly.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI of exactly the version in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$want" != "$have" ]; then
  log "cargo install wasm-bindgen-cli --version $want (have: ${have:-none}; takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# Chromium and chromedriver from Debian.
need_apt=()
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v node >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

# npm dev dependencies (binaryen's wasm-opt, playwright-core, typescript, vite, webpack).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/vite ] \
  || [ ! -d node_modules/webpack ] || [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi
# Test oracle for the lunar calendar (scripts/lunar_oracle.sh): PyPI lunar-vn, MIT. Run only.
python3 -c "import lunar_vn" 2>/dev/null || { log "pip install lunar-vn"; python3 -m pip install --quiet lunar-vn; }

# The tests import the built package by its name.
ln -sfn ../pkg node_modules/lienthong
log "ok"
