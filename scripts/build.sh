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
# wasm-bindgen reports a call on a freed object as "null pointer passed to rust"; say it in words.
glue="$out/scratchnet.js"
throw='throw new Error(getStringFromWasm0(arg0, arg1));'
if ! grep -qF "$throw" "$glue"; then
  echo "[build] $glue no longer throws as expected: update the freed-object message in scripts/build.sh" >&2
  exit 1
fi
freed='{ const m = getStringFromWasm0(arg0, arg1); throw new Error(m === "null pointer passed to rust" ? "this object was freed (free() was called on it); create a new one" : m); }'
node -e 'const fs = require("fs"); const [f, a, b] = process.argv.slice(1); fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(a, () => b));' "$glue" "$throw" "$freed"
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
