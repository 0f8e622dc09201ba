#!/usr/bin/env bash
# Every check of the project, in order from cheapest to slowest; stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n=== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "clippy (host)"
cargo clippy --all-targets --all-features -- -D warnings
step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --all-targets --all-features -- -D warnings
step "eslint"
npx eslint .
step "cargo test (native)"
cargo test --release --all-features
step "wasm-pack test --headless --chrome (the wasm API in a real browser)"
wasm-pack test --headless --chrome --release
step "build the wasm package the page uses"
npm run build
step "end-to-end tests of the page (Playwright + Chromium)"
node --test --test-concurrency=1 tests/e2e/
