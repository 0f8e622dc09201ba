// Builds the benchmark's f32 yardstick (benches/bound.rs, the `bound` feature) into target/bound-pkg,
// as scripts/build.sh builds the page's package, in its own cargo target directory so that the
// two builds do not undo each other.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function buildBound() {
  execFileSync('bash', ['scripts/build.sh', 'target/bound-pkg', '--features', 'bound'], {
    cwd: ROOT,
    env: { ...process.env, CARGO_TARGET_DIR: path.join(ROOT, 'target', 'bound') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
