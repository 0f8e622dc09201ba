#!/usr/bin/env bash
# Builds the wasm package the page uses into pkg/, then optimises it with wasm-opt from npm's
# binaryen (Debian's binaryen 108 cannot parse the `table.fill` current rustc emits).
#   bash scripts/build.sh [OUT_DIR [CARGO_ARGS...]]
# The benchmark builds its yardstick the same way: `target/bound-pkg --features bound`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
out=${1:-pkg}
shift || true
wasm-pack build --target web --release --out-dir "$out" --no-pack -- "$@"
wasm="$out/scratchnet_bg.wasm"
opt=node_modules/.bin/wasm-opt
if [ -x "$opt" ]; then
  # --low-memory-unused: Rust puts the 1 MB stack first, so the low 1 KB is only ever the far end of
  # a nearly overflowed stack, and wasm-opt may fold constant offsets into loads (smaller, faster).
  "$opt" "$wasm" -O3 --low-memory-unused --converge --strip-debug --strip-producers -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
else
  echo "[build] node_modules/.bin/wasm-opt missing (run npm install): the wasm stays unoptimised" >&2
fi
printf '[build] %s: %s bytes, %s gzipped\n' "$wasm" "$(wc -c < "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
