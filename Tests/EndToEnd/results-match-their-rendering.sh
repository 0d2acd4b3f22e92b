#!/usr/bin/env bash
# RESULTS.md is exactly `zoo results --render` of the committed results/spec.json and
# results/summaries/ (the release build; swift test checks the same through the library).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product zoo 2>&1 | tail -1
.build/release/zoo results --render --check
