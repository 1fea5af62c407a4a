#!/usr/bin/env bash
# Fails when `buf generate` would change the committed code in src/gen.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(find src/gen -type f -print0 | sort -z | xargs -0 sha256sum)
npx buf generate
after=$(find src/gen -type f -print0 | sort -z | xargs -0 sha256sum)
if [ "$before" != "$after" ]; then
  echo "src/gen is stale: run 'npm run generate' and commit the result" >&2
  git --no-pager diff --stat -- src/gen >&2 || true
  exit 1
fi
echo "src/gen matches proto/"
