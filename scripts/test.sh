#!/usr/bin/env bash
# npm test: ESLint with zero warnings (Next's rules and the layer rules of eslint.config.mjs), then the unit and
# integration tests (vitest, real SQLite and PostgreSQL), then the browser tests
# (Playwright in Debian's Chromium against the built console).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx eslint . --max-warnings=0
npx vitest run
npx playwright test
