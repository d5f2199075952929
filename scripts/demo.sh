#!/usr/bin/env bash
# THE demo command: builds the package and serves www/ on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The demo build: the npm package plus the in-browser generator, straight into www/pkg.
PKG_OUT="$PWD/www/pkg" PKG_FEATURES=demo scripts/build-pkg.sh
# Sample files for the embedding page (www/embed.html) and its Vite app.
scripts/demo-data.sh
exec node scripts/serve.mjs www "${PORT:-8080}"
