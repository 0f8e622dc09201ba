// The .wasm size budget, shared by the benchmark's report and the test that enforces it. The
// budget holds what the page needs today with room for the next feature's first kilobytes; where
// each kilobyte went is in docs/PROFILE.md ("The .wasm budget").

/** At most 190 KB (194 560 bytes) gzipped at level 9 (Node's zlib). */
export const WASM_BUDGET_BYTES = 190 * 1024;
