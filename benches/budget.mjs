// The .wasm size budget, shared by the benchmark's report and the test that enforces it.

/** At most 100 KB (102 400 bytes) gzipped at level 9. */
export const WASM_BUDGET_BYTES = 100 * 1024;
