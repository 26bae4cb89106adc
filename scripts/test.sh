#!/usr/bin/env bash
# Every test: lints, the crate's unit, fixture, parity and doc tests, then the
# packed npm package in Node and the page in headless Chromium. `npm test`
# runs set-up and the build first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== test: %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
step "cargo test"
cargo test
step "node --test tests/js"
node --test tests/js/*.test.mjs
