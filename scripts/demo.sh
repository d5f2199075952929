#!/usr/bin/env bash
# THE demo command: builds the package and serves www/ on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-pkg.sh
rm -rf www/pkg && cp -r pkg www/pkg
exec node scripts/serve.mjs www "${PORT:-8080}"
