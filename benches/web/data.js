// The benchmark's workloads: seeded data every implementation receives identically.

/** mulberry32: a tiny seeded PRNG, so data is the same in every run and every implementation. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** W1: n points uniform in [0, 1]², label 1 above y = x (the line lesson's data). */
export function lineData(n, seed) {
  const rand = mulberry32(seed);
  const xs = new Float64Array(2 * n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const x = rand();
    const y = rand();
    xs[2 * i] = x;
    xs[2 * i + 1] = y;
    ys[i] = y > x ? 1 : 0;
  }
  return { xs, ys, n };
}

/** W2: a two-spiral set of n points in [−1, 1]², targets ±1 (for a tanh output). */
export function spiralData(n, seed) {
  const rand = mulberry32(seed);
  const xs = new Float64Array(2 * n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const positive = i % 2 === 0;
    const k = Math.floor(i / 2) / Math.max(1, Math.floor(n / 2));
    const r = 0.95 * k;
    const t = 1.75 * k * 2 * Math.PI + (positive ? 0 : Math.PI);
    xs[2 * i] = r * Math.sin(t) + 0.02 * (rand() - 0.5);
    xs[2 * i + 1] = r * Math.cos(t) + 0.02 * (rand() - 0.5);
    ys[i] = positive ? 1 : -1;
  }
  return { xs, ys, n };
}

/** W3: the centres of a res × res grid over [−1, 1]², row 0 at y = +1. */
export function gridData(res) {
  const xs = new Float64Array(2 * res * res);
  for (let r = 0; r < res; r += 1) {
    for (let c = 0; c < res; c += 1) {
      const i = r * res + c;
      xs[2 * i] = -1 + ((c + 0.5) * 2) / res;
      xs[2 * i + 1] = 1 - ((r + 0.5) * 2) / res;
    }
  }
  return { xs, n: res * res };
}

/** Fraction of points whose output (threshold 0.5) matches the label. */
export function accuracy(outputs, ys) {
  let right = 0;
  for (let i = 0; i < ys.length; i += 1) if ((outputs[i] >= 0.5 ? 1 : 0) === ys[i]) right += 1;
  return right / ys.length;
}
