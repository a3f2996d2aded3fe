#!/usr/bin/env bash
# `npm test`: every layer, fastest first.
#   1. cargo test                      the plain-Rust core (unit and property tests)
#   2. wasm-pack test --headless       the wasm-bindgen layer in Chromium (tests/web.rs)
#   3. node --test tests/page          the bundle beside the real Streams release, and the
#                                      differential run against amazon-connect-taskjs@2.0.0
#   4. node --test tests/e2e           the demo against the CCP simulator, both bundles
#   5. node --test tests/package       npm package (webpack consumer; each way in, from a clone,
#                                      without cargo), types, strict CSP, setup, release, the
#                                      README's examples
#   6. node --test tests/kit           the test kit (taskjs-rs/testing) and the example agent
#                                      desktop's Jest and Playwright suites, from the packed package
#   7. node --test tests/stress        burst, leaks, hostile input and sizes, re-entrancy, recovery,
#                                      every request ending once
#   8. node --test tests/node          the bundle under require in plain Node and in jsdom, on a
#                                      mocked connect (how consumers' Jest suites load it), on
#                                      this Node and on Node 18 (scripts/node18.sh)
#   9. node --test tests/matrix        the page and end-to-end differentials beside Streams 2.2.0,
#                                      2.13.1, 2.18.0 and 2.28.2
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/setup-browser.sh

# Rebuild dist/ when any input is newer than it (or it is missing).
node scripts/build.js --release --if-stale

echo "== cargo test (plain-Rust core)"
cargo test --lib

echo "== wasm-pack test --headless --chrome (wasm-bindgen layer)"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --test web

echo "== page tests (real Streams, ours and the reference side by side)"
node --test --test-concurrency=1 tests/page/

echo "== end-to-end tests (demo + CCP simulator, ours and the reference)"
node --test --test-concurrency=1 tests/e2e/

echo "== package tests (webpack consumer, install paths, TypeScript, strict CSP, setup, release hygiene)"
node --test --test-concurrency=1 tests/package/

echo "== test kit (taskjs-rs/testing: the simulator, jsdom and browser modes, types, docs, the example's consumer suites)"
node --test tests/kit/

echo "== stress tests (burst, leaks, hostile input and sizes, re-entrancy, recovery, endings)"
node --test --test-concurrency=1 tests/stress/

echo "== Node and jsdom tests (require on a mocked connect, as consumers' Jest suites do)"
node --test tests/node/
node18=$(bash scripts/node18.sh)
echo "== the same under $("$node18" --version), the oldest Node the bundle supports"
"$node18" --test tests/node/

echo "== Streams matrix (2.2.0, 2.13.1, 2.18.0, 2.28.2; ours and the reference)"
node --test --test-concurrency=1 tests/matrix/
