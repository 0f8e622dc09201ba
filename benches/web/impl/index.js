// Every implementation behind one interface:
//   make(sizes, hidden, output, params) → { prepare(xs, ys, batch), trainEpoch(xs, ys, batch, lr),
//                                            predictGrid(xs) → outputs, free() }
// `params` is Scratchnet's layout (per layer: weights row-major n_out × n_in, then biases); each
// wrapper copies it into its library's own structures so all start from the same weights. Model
// building, weight copying and `prepare` (per-library data formatting) are not timed.

import initWasm, { Network } from '../../../pkg/scratchnet.js';
import { JsNetwork } from './js-reference.js';

const layerOffsets = (sizes) => {
  const out = [0];
  for (let l = 0; l + 1 < sizes.length; l += 1) out.push(out[l] + sizes[l + 1] * (sizes[l] + 1));
  return out;
};

/**
 * Scratchnet's `Network` binding in `precision`; `grid` names the method that predicts a grid;
 * `calls` how an epoch is driven: 'epoch' (one trainOnData call over the set held since prepare), 'batch' (one trainBatch call per
 * example, as a script following the tutorials would, reusing two small arrays) or 'example'
 * (one trainExample call per example: plain numbers, no arrays).
 */
function scratchnetImpl(name, grid, { precision = 'f64', calls = 'epoch', ...extra } = {}) {
  return {
    name,
    ...extra,
    async init() { await initWasm(); },
    make(sizes, hidden, output, params) {
      const net = new Network(sizes, hidden, output, 0, precision);
      net.setParams(params);
      const x = new Float64Array(2);
      const y = new Float64Array(1);
      const perCall = {
        // The training set held by the network (`setData` in `prepare`, untimed, as TF.js's tensors
        // and the yardstick's arrays): an epoch then copies nothing into wasm.
        epoch: (xs, ys, batch, lr) => net.trainOnData(batch, lr),
        batch: (xs, ys, batch, lr) => {
          for (let i = 0; i < ys.length; i += 1) {
            x[0] = xs[2 * i];
            x[1] = xs[2 * i + 1];
            y[0] = ys[i];
            net.trainBatch(x, y, lr);
          }
        },
        example: (xs, ys, batch, lr) => {
          for (let i = 0; i < ys.length; i += 1) net.trainExample(xs[2 * i], xs[2 * i + 1], ys[i], lr);
        },
      };
      return {
        prepare(xs, ys) {
          if (calls === 'epoch') net.setData(xs, ys);
        },
        trainEpoch: perCall[calls],
        predictGrid: (xs) => net[grid](xs).slice(),
        free: () => net.free(),
      };
    },
  };
}

export const scratchnet = scratchnetImpl('Scratchnet (wasm)', 'predictGrid');
export const scratchnet32 = scratchnetImpl('Scratchnet f32 (wasm)', 'predictGrid', { precision: 'f32', trainOnly: true });
const perCallNote = 'W1 only: one call per example';
export const scratchnetBatchCalls = scratchnetImpl('Scratchnet f64, trainBatch per example', 'predictGrid',
  { calls: 'batch', w1Only: true, note: perCallNote });
export const scratchnet32BatchCalls = scratchnetImpl('Scratchnet f32, trainBatch per example', 'predictGrid',
  { precision: 'f32', calls: 'batch', w1Only: true, note: perCallNote });
export const scratchnet32ExampleCalls = scratchnetImpl('Scratchnet f32, trainExample per example', 'predictGrid',
  { precision: 'f32', calls: 'example', w1Only: true, note: perCallNote });
export const scratchnetKernel = scratchnetImpl('Scratchnet (wasm, boundary kernel)', 'predictGridFast', {
  note: 'W3 only: the f32 SIMD kernel the page draws with, within 1e-5 of exact',
  w3Only: true,
});

export const jsReference = {
  name: 'JS reference',
  async init() {},
  make(sizes, hidden, output, params) {
    const net = new JsNetwork(sizes, hidden, output);
    net.setParams(params);
    return {
      prepare() {},
      trainEpoch: (xs, ys, batch, lr) => net.trainEpoch(xs, ys, batch, lr),
      predictGrid: (xs) => net.predictGrid(xs, new Float64Array(xs.length / sizes[0])),
      free() {},
    };
  },
};

function tfjs(backend) {
  return {
    name: `TensorFlow.js (${backend})`,
    async init() {
      const { tf } = window;
      if (backend === 'wasm') tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
      await tf.setBackend(backend);
      await tf.ready();
    },
    make(sizes, hidden, output, params) {
      const { tf } = window;
      tf.setBackend(backend);
      const offsets = layerOffsets(sizes);
      const model = tf.sequential();
      for (let l = 0; l + 1 < sizes.length; l += 1) {
        model.add(tf.layers.dense({
          units: sizes[l + 1],
          activation: l + 2 < sizes.length ? hidden : output,
          ...(l === 0 ? { inputShape: [sizes[0]] } : {}),
        }));
        const [nIn, nOut] = [sizes[l], sizes[l + 1]];
        const kernel = new Float32Array(nIn * nOut); // TF's kernel is n_in × n_out
        for (let j = 0; j < nOut; j += 1) for (let i = 0; i < nIn; i += 1) kernel[i * nOut + j] = params[offsets[l] + j * nIn + i];
        const bias = Float32Array.from(params.slice(offsets[l] + nIn * nOut, offsets[l + 1]));
        model.layers[l].setWeights([tf.tensor2d(kernel, [nIn, nOut]), tf.tensor1d(bias)]);
      }
      let batches = [];
      let optimizer = null;
      return {
        prepare(xs, ys, batch) {
          const n = ys.length;
          for (let s = 0; s < n; s += batch) {
            const e = Math.min(n, s + batch);
            batches.push([tf.tensor2d(Float32Array.from(xs.subarray(2 * s, 2 * e)), [e - s, 2]),
              tf.tensor2d(Float32Array.from(ys.subarray(s, e)), [e - s, 1])]);
          }
        },
        trainEpoch(xs, ys, batch, lr) {
          if (!optimizer) optimizer = tf.train.sgd(lr);
          for (const [x, y] of batches) {
            // ½ mean squared error: the same loss as the others.
            optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x)).mul(0.5));
          }
          model.layers[0].getWeights()[0].dataSync(); // wait for the work to finish
        },
        predictGrid(xs) {
          return tf.tidy(() => model.predict(tf.tensor2d(Float32Array.from(xs), [xs.length / 2, 2])).dataSync());
        },
        free() {
          for (const [x, y] of batches) { x.dispose(); y.dispose(); }
          batches = [];
          optimizer?.dispose();
          model.dispose();
        },
      };
    },
  };
}
export const tfjsCpu = tfjs('cpu');
export const tfjsWasm = tfjs('wasm');

export const brainjs = {
  name: 'brain.js',
  note: 'online only: trains W2 with batch 1',
  async init() {},
  make(sizes, hidden, output, params) {
    // brain.js applies one activation to every layer; the workloads use the same for both.
    const net = new window.brain.NeuralNetwork({ activation: hidden });
    net.sizes = sizes.slice();
    net.initialize();
    const offsets = layerOffsets(sizes);
    for (let l = 0; l + 1 < sizes.length; l += 1) {
      const [nIn, nOut] = [sizes[l], sizes[l + 1]];
      for (let j = 0; j < nOut; j += 1) {
        for (let i = 0; i < nIn; i += 1) net.weights[l + 1][j][i] = params[offsets[l] + j * nIn + i];
        net.biases[l + 1][j] = params[offsets[l] + nIn * nOut + j];
      }
    }
    let data = [];
    return {
      prepare(xs, ys) {
        data = Array.from(ys, (t, i) => ({ input: [xs[2 * i], xs[2 * i + 1]], output: [t] }));
      },
      trainEpoch(xs, ys, batch, lr) {
        // Its option check refuses η ≥ 1 (W1's tutorial rate), so set the fields themselves.
        net.updateTrainingOptions({});
        net.trainOpts.learningRate = lr;
        net.trainOpts.momentum = 0;
        net.trainPatterns(data);
      },
      predictGrid(xs) {
        const out = new Float64Array(xs.length / 2);
        const input = [0, 0];
        for (let i = 0; i < out.length; i += 1) {
          input[0] = xs[2 * i];
          input[1] = xs[2 * i + 1];
          out[i] = net.runInput(input)[0];
        }
        return out;
      },
      free() {},
    };
  },
};

export const convnetjs = {
  name: 'convnetjs',
  async init() {},
  make(sizes, hidden, output, params) {
    const cn = window.convnetjs;
    const net = new cn.Net();
    const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: sizes[0] }];
    for (let l = 0; l + 1 < sizes.length; l += 1) {
      defs.push({ type: 'fc', num_neurons: sizes[l + 1], activation: l + 2 < sizes.length ? hidden : output });
    }
    net.makeLayers(defs);
    // ½(a − t)² on the activated output, as the others (makeLayers would add another fc layer).
    net.layers.push(new cn.RegressionLayer({ in_sx: 1, in_sy: 1, in_depth: sizes[sizes.length - 1] }));
    const offsets = layerOffsets(sizes);
    const fcs = net.layers.filter((layer) => layer.layer_type === 'fc');
    fcs.forEach((layer, l) => {
      const [nIn, nOut] = [sizes[l], sizes[l + 1]];
      for (let j = 0; j < nOut; j += 1) {
        for (let i = 0; i < nIn; i += 1) layer.filters[j].w[i] = params[offsets[l] + j * nIn + i];
        layer.biases.w[j] = params[offsets[l] + nIn * nOut + j];
      }
    });
    let trainer = null;
    let vols = [];
    let targets = [];
    return {
      prepare(xs, ys) {
        vols = Array.from(ys, (_, i) => {
          const v = new cn.Vol(1, 1, 2, 0);
          v.w[0] = xs[2 * i];
          v.w[1] = xs[2 * i + 1];
          return v;
        });
        targets = Array.from(ys, (t) => [t]);
      },
      trainEpoch(xs, ys, batch, lr) {
        trainer ??= new cn.Trainer(net, { method: 'sgd', learning_rate: lr, batch_size: batch, l2_decay: 0, momentum: 0 });
        for (let i = 0; i < vols.length; i += 1) trainer.train(vols[i], targets[i]);
      },
      predictGrid(xs) {
        const out = new Float64Array(xs.length / 2);
        const v = new cn.Vol(1, 1, 2, 0);
        for (let i = 0; i < out.length; i += 1) {
          v.w[0] = xs[2 * i];
          v.w[1] = xs[2 * i + 1];
          out[i] = net.forward(v).w[0];
        }
        return out;
      },
      free() {},
    };
  },
};

/**
 * Not an implementation: the yardstick of benches/bound.rs, W1 and W2 written for their exact shapes
 * in f32 with the boundary kernel's SIMD and rational tanh, built apart (benches/build-bound.mjs) so
 * the page's package never holds it. Its W1 accuracy is computed by the JS reference from its
 * final weights. No W3: it predicts nothing.
 */
export const boundF32 = {
  name: 'bound: hand-specialised f32, wasm',
  trainOnly: true,
  async init() {
    if (this.Bound) return;
    const m = await import('../../../target/bound-pkg/scratchnet.js');
    await m.default();
    this.Bound = m.Bound;
  },
  make(sizes, hidden, output, params) {
    const w1 = sizes.length === 3 && sizes[1] === 5 && hidden === 'sigmoid';
    const w2 = sizes.join() === '2,8,8,1' && hidden === 'tanh' && output === 'tanh';
    if (!w1 && !w2) throw new Error(`the f32 bound has no code for [${sizes}] ${hidden}/${output}`);
    let bound = null;
    return {
      prepare: (xs, ys) => { bound = new this.Bound(xs, ys, params); },
      trainEpoch: (xs, ys, batch, lr) => (w1 ? bound.trainW1(lr) : bound.trainW2(lr, batch)),
      predictGrid: (xs) => {
        const net = new JsNetwork(sizes, hidden, output);
        net.setParams(bound.params());
        return net.predictGrid(xs, new Float64Array(xs.length / sizes[0]));
      },
      free: () => bound?.free(),
    };
  },
};

export const ALL = [jsReference, scratchnet, scratchnet32, scratchnetBatchCalls, scratchnet32BatchCalls, scratchnet32ExampleCalls,
  scratchnetKernel, boundF32, tfjsCpu, tfjsWasm, brainjs, convnetjs];
