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

echo "== API reference builds (TypeDoc, warnings are errors)"
npm run -s docs >/dev/null

echo "== edge demos typecheck"
npx tsc -p demo/edge/tsconfig.json --noEmit

echo "== unit + integration tests (vitest)"
npx vitest run

echo "== fuzzing, CI budget (seeded; fails on crash, hang or data loss)"
npx tsx scripts/fuzz.ts --cases 500 --seed "${FUZZ_SEED:-1}" --quiet

echo "== runtime tests (workerd, Deno, browser bundle; packed package)"
npx vitest run --config test/runtime/vitest.config.ts

echo "== examples (packed tarball)"
npx tsx scripts/run-examples.ts

echo "== browser tests (Playwright, Debian chromium)"
npx playwright test
