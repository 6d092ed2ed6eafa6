#!/usr/bin/env bash
# npm test: unit and integration tests (vitest, real SQLite and PostgreSQL), then the browser tests
# (Playwright in Debian's Chromium against the built console).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx vitest run
npx playwright test
