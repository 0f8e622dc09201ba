#!/usr/bin/env bash
# Every check of the project, cheapest first; stops at the first failure and prints the time each
# stage took. The benchmark's own checks run with `npm run bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
times=()
stage() {
  local name=$1
  shift
  printf '\n=== %s\n' "$name"
  local start=$SECONDS status=0
  "$@" || status=$?
  times+=("$(printf '%5d s  %s%s' $((SECONDS - start)) "$name" "$([ "$status" = 0 ] || echo '  (failed)')")")
  [ "$status" = 0 ] || exit "$status"
}
report() {
  printf '\n=== stage times\n'
  printf '%s\n' "${times[@]}"
  printf '%5d s  in all\n' "$SECONDS"
}
trap report EXIT

stage "cargo fmt --check" cargo fmt --check
stage "clippy (host)" cargo clippy --all-targets --all-features -- -D warnings
stage "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets --all-features -- -D warnings
stage "eslint" npx eslint .
# Release arithmetic without link-time optimisation (Cargo.toml's test-release profile): the same
# bits as the shipped build, in a fraction of its build time.
stage "cargo test (native)" cargo test --profile test-release --all-features
stage "wasm-pack test --headless --chrome (the wasm API in a real browser)" wasm-pack test --headless --chrome
if command -v firefox-esr >/dev/null || command -v firefox >/dev/null; then
  stage "wasm-pack test --headless --firefox (the same, in Firefox)" wasm-pack test --headless --firefox
fi
stage "build the wasm package the page uses" npm run build
stage "the engine as an npm package for authors (npm run package)" bash scripts/package.sh
# Two files at a time: each starts its own server and browser; one core trains while the other draws.
stage "end-to-end tests of the page (Playwright + Chromium)" node --test --test-concurrency=2 tests/e2e/
if command -v xvfb-run >/dev/null; then
  stage "cross-browser smoke (Firefox over WebDriver BiDi, WebKit under xvfb)" xvfb-run -a node --test tests/cross/
else
  stage "cross-browser smoke (Firefox over WebDriver BiDi; no xvfb: WebKit skipped)" node --test tests/cross/
fi
