#!/usr/bin/env bash
# Builds the wasm package the page uses into pkg/, then optimises it with wasm-opt from npm's
# binaryen (Debian's binaryen 108 cannot parse the `table.fill` current rustc emits).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
wasm-pack build --target web --release --out-dir pkg --no-pack
opt=node_modules/.bin/wasm-opt
if [ -x "$opt" ]; then
  # --low-memory-unused: Rust puts the 1 MB stack first, so the low 1 KB is only ever the far end of
  # a nearly overflowed stack, and wasm-opt may fold constant offsets into loads (smaller, faster).
  "$opt" pkg/scratchnet_bg.wasm -O3 --low-memory-unused --converge --strip-debug --strip-producers \
    -o pkg/scratchnet_bg.opt.wasm
  mv pkg/scratchnet_bg.opt.wasm pkg/scratchnet_bg.wasm
else
  echo "[build] node_modules/.bin/wasm-opt missing (run npm install): the wasm stays unoptimised" >&2
fi
printf '[build] pkg/scratchnet_bg.wasm: %s bytes, %s gzipped\n' "$(wc -c < pkg/scratchnet_bg.wasm)" "$(gzip -9 -c pkg/scratchnet_bg.wasm | wc -c)"
