#!/usr/bin/env bash
# `npm run package`: the engine as an npm package for course authors, in package/: the wasm
# and its JavaScript glue (wasm-pack's web target, optimised as the page's is), TypeScript types
# with every export's documentation, a package.json and a README with a short example.
set -euo pipefail
cd "$(dirname "$0")/.."
out=package
rm -rf "$out"
bash scripts/build.sh "$out"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cp scripts/package-readme.md "$out/README.md"
node -e '
const fs = require("fs");
const [out, version] = process.argv.slice(1);
const pkg = {
  name: "scratchnet",
  version,
  description: "A neural network written from scratch in Rust, compiled to WebAssembly: train and predict from JavaScript.",
  type: "module",
  main: "scratchnet.js",
  module: "scratchnet.js",
  types: "scratchnet.d.ts",
  files: ["scratchnet.js", "scratchnet.d.ts", "scratchnet_bg.wasm", "scratchnet_bg.wasm.d.ts", "README.md"],
  sideEffects: ["./snippets/*"],
  keywords: ["neural-network", "webassembly", "wasm", "machine-learning", "education"],
  license: "MIT",
};
fs.writeFileSync(`${out}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
' "$out" "$version"
rm -f "$out/.gitignore"
printf '[package] %s: scratchnet %s (%s files)\n' "$out" "$version" "$(ls "$out" | wc -l)"
