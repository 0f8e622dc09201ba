// The JavaScript reference: the fastest honest plain JS for the same network — flat typed arrays,
// the same parameter layout as Scratchnet (per layer: weights row-major n_out × n_in, then biases),
// no allocation inside the loops. The denominator of every ratio.

const SIGMOID = 0;
const TANH = 1;
const code = (name) => ({ sigmoid: SIGMOID, tanh: TANH })[name];

export class JsNetwork {
  constructor(sizes, hidden, output) {
    this.sizes = Int32Array.from(sizes);
    this.layers = sizes.length - 1;
    this.acts = Int32Array.from(sizes.slice(1).map((_, l) => code(l + 1 < sizes.length - 1 ? hidden : output)));
    this.offsets = new Int32Array(sizes.length);
    this.nodeOffsets = new Int32Array(sizes.length + 1);
    for (let l = 0; l < this.layers; l += 1) this.offsets[l + 1] = this.offsets[l] + sizes[l + 1] * (sizes[l] + 1);
    for (let l = 0; l < sizes.length; l += 1) this.nodeOffsets[l + 1] = this.nodeOffsets[l] + sizes[l];
    this.params = new Float64Array(this.offsets[this.layers]);
    this.grad = new Float64Array(this.params.length);
    this.a = new Float64Array(this.nodeOffsets[sizes.length]);
    this.delta = new Float64Array(this.a.length);
  }

  setParams(values) {
    this.params.set(values);
  }

  /** Forward pass for the example at xs[i * inputs]; returns the first output. */
  forward(xs, i) {
    const { sizes, params, a, acts, offsets, nodeOffsets } = this;
    const n0 = sizes[0];
    for (let k = 0; k < n0; k += 1) a[k] = xs[i * n0 + k];
    for (let l = 0; l < this.layers; l += 1) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const w = offsets[l];
      const b = w + nIn * nOut;
      const inAt = nodeOffsets[l];
      const outAt = nodeOffsets[l + 1];
      const act = acts[l];
      for (let j = 0; j < nOut; j += 1) {
        let z = params[b + j];
        const row = w + j * nIn;
        for (let k = 0; k < nIn; k += 1) z += params[row + k] * a[inAt + k];
        a[outAt + j] = act === SIGMOID ? 1 / (1 + Math.exp(-z)) : Math.tanh(z);
      }
    }
    return a[nodeOffsets[this.layers]];
  }

  /** Adds the gradient of ½Σ(a − t)² for the example last passed to forward. */
  backward(ys, i) {
    const { sizes, params, a, delta, grad, acts, offsets, nodeOffsets } = this;
    const L = this.layers;
    const nOutLast = sizes[L];
    for (let j = 0; j < nOutLast; j += 1) {
      const o = a[nodeOffsets[L] + j];
      const d = acts[L - 1] === SIGMOID ? o * (1 - o) : 1 - o * o;
      delta[nodeOffsets[L] + j] = (o - ys[i * nOutLast + j]) * d;
    }
    for (let l = L - 1; l >= 0; l -= 1) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const w = offsets[l];
      const b = w + nIn * nOut;
      const inAt = nodeOffsets[l];
      const outAt = nodeOffsets[l + 1];
      for (let j = 0; j < nOut; j += 1) {
        const dj = delta[outAt + j];
        grad[b + j] += dj;
        const row = w + j * nIn;
        for (let k = 0; k < nIn; k += 1) grad[row + k] += dj * a[inAt + k];
      }
      if (l > 0) {
        const act = acts[l - 1];
        for (let k = 0; k < nIn; k += 1) {
          let s = 0;
          for (let j = 0; j < nOut; j += 1) s += params[w + j * nIn + k] * delta[outAt + j];
          const o = a[inAt + k];
          delta[inAt + k] = s * (act === SIGMOID ? o * (1 - o) : 1 - o * o);
        }
      }
    }
  }

  /** One epoch of SGD in the order given, `batch` examples per update. */
  trainEpoch(xs, ys, batch, lr) {
    const n = ys.length / this.sizes[this.layers];
    const { params, grad } = this;
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      grad.fill(0);
      for (let i = start; i < end; i += 1) {
        this.forward(xs, i);
        this.backward(ys, i);
      }
      const step = lr / (end - start);
      for (let p = 0; p < params.length; p += 1) params[p] -= step * grad[p];
    }
  }

  /** The first output for every example of xs, into out. */
  predictGrid(xs, out) {
    for (let i = 0; i < out.length; i += 1) out[i] = this.forward(xs, i);
    return out;
  }
}
