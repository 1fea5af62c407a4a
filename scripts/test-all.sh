#!/usr/bin/env bash
# `npm test`: every check of the project, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== generated code is up to date"
bash scripts/check-generated.sh

echo "== typecheck"
npx tsc -p tsconfig.json --noEmit

echo "== build"
npm run -s build

echo "== unit + integration tests (vitest)"
npx vitest run

echo "== browser tests (Playwright, Debian chromium)"
npx playwright test
