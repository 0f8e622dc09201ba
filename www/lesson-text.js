// What each lesson says: the system the tutorial built, its neuron, its update rule, and why things
// turn out as they do. Every number in a sentence is either a fact of the lesson's set-up or is
// read live from its figures (`note(f)`); tests/lessons.rs checks each claim against runs.

/** A figure as the notes quote it: short, and 0 for what is 0 up to rounding. */
export function quote(v, digits = 3) {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) < 1e-9) return '0';
  return String(Number(v.toPrecision(digits)));
}
/** A positive number as a learner reads it: 0.042, or 3.1 × 10⁻⁵ when small (or large). */
export function sci(v, digits = 2) {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -3 && e < 4) return String(Number(v.toPrecision(digits)));
  const sup = (n) => String(n).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]);
  return `${Number((v / 10 ** e).toPrecision(digits))} × 10${sup(e)}`;
}
/** 10000 as "10 000", as the prose writes it. */
const thousands = (v) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
/** A share in per cent, never "−0.0 %" for a value that rounds to 0. */
export const percent = (v, digits = 1) => (Number.isFinite(v) ? `${(Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits)} %` : '–');

export const LESSONS = {
  line: {
    title: 'Above or below y = x',
    source: 'after a JavaScript tutorial that checks numeric gradients',
    built: `A network of layers [2, 5, 1], sigmoid everywhere, weights drawn uniformly from [0, 1) and
      biases held at zero, as the tutorial holds them: their gradients (in the table below) are as
      large as the weights', so training them would help too, but the tutorial never updates them. It sees
      10 000 points of the unit square one at a time — label 1 above the line, 0 below — and adjusts
      every weight after each point. The tutorial finds each weight's slope by nudging it and
      measuring the cost again; backpropagation gets the same slopes from one backward pass.`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)',
    rule: 'w ← w − η ∂L/∂w after every example (online), η = 0.4, L = ½(a − t)²',
    note: (f, { example } = {}) => `The numeric method here nudges each weight both ways by 0.00001 (central
      differences) instead of one way by 0.01 as in the tutorial, so its error shrinks with the
      square of the nudge: on example ${thousands((example ?? 0) + 1)}, the next one training meets, the two gradients differ by at most
      ${f['max-gradient-difference'].toExponential(1)} of their size. A run is one pass over the
      10 000 points; after ${thousands(f.iterations)} updates the network gets ${percent(f.accuracy)} of 2 000
      fresh points right. Click the plot to add a point: the lesson labels it by its rule (1 above
      y = x) and trains on it with the rest.`,
  },
  'perceptron-and': {
    title: 'A perceptron learns AND',
    source: 'after a perceptron tutorial',
    built: `A perceptron: the weighted sum of two inputs plus a bias, through a step that answers 1
      when the sum is at least 0 and 0 otherwise. Each step picks one row of the AND truth table at
      random and applies the perceptron rule; a run is 100 such steps.`,
    activation: 'step: 1 if z ≥ 0, else 0',
    rule: 'w ← w + η (t − y) x,  b ← b + η (t − y),  η = 0.3 — a right answer changes nothing',
    note: (f) => `The step has no useful derivative (it is flat everywhere but at 0), so gradient
      descent cannot train it; the perceptron rule moves the weights towards each misclassified
      example instead. For data one straight line can separate, it stops changing after finitely
      many mistakes. After ${f.iterations} steps it gets ${percent(f.accuracy, 0)} of the four rows
      right. The loss beside it is half the mean squared error of its 0-or-1 answers: each wrong row
      adds ½ · 1² / 4 = 0.125, so a loss of ${quote(f.loss, 4)} is ${Math.round(f.loss / 0.125)} of the 4 rows wrong.`,
  },
  xor: {
    title: 'XOR: where one layer is not enough',
    source: 'after the perceptron tutorial: its limit',
    built: `The same perceptron, now on XOR. Press Run as often as you like: it never gets all four
      rows right.`,
    activation: 'step: 1 if z ≥ 0, else 0',
    rule: 'w ← w + η (t − y) x,  b ← b + η (t − y),  η = 0.3',
    note: (f) => `Why: one neuron splits the plane with a single straight line. XOR wants (0, 1) and
      (1, 0) on one side and (0, 0), (1, 1) on the other, and no line does that — the two classes
      are not linearly separable, so at most three of the four rows can be right (now:
      ${percent(f.accuracy, 0)}). A hidden layer fixes it: each hidden neuron draws its own line and
      the output neuron combines them into a bent boundary.`,
    fixed: {
      built: `Now [2, 4, 1]: four tanh neurons in a hidden layer and a sigmoid output, trained by
        backpropagation on all four rows at once with cross-entropy. Each hidden neuron draws its
        own line, and the output neuron combines them into a bent boundary.`,
      activation: 'hidden tanh, output sigmoid',
      rule: 'w ← w − η ∂L/∂w over all four rows at once (full batch), η = 1, cross-entropy loss',
      note: (f) => `After ${f.iterations} updates the network gets ${percent(f.accuracy, 0)} of the
        four rows right. Press Run and watch the boundary bend until both diagonals are separated.`,
    },
  },
  'first-input': {
    title: 'One neuron finds the first input',
    source: 'after a NumPy tutorial of one neuron',
    built: `One sigmoid neuron with four binary inputs and no bias. The target is simply the first
      input. Every row holds two 1s, so when the first input is 0 two of the others are 1 and the
      answer must still be near 0: with no bias to do that, the neuron learns a large weight on the
      first input and negative weights on the other three, which do the bias's job. Every iteration
      uses all six training rows at once. Choose how many iterations a run takes — each run starts from
      the same random weights — and watch the confidence climb with them.`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)',
    rule: 'w ← w + Σ over rows of (t − a) · a(1 − a) · x   (full batch, summed)',
    note: (f) => `${f.iterations > 0 ? `Now w1 = ${quote(f.w1)} on the first input, and w2 = ${quote(f.w2)},
      w3 = ${quote(f.w3)}, w4 = ${quote(f.w4)} on the others. ` : ''}The confidence keeps rising but never reaches 100 %: the sigmoid only approaches 0
      and 1, and its slope a(1 − a) shrinks as it does. ${Number.isFinite(f['gap-shrink'])
    ? `From ${f.iterations / 10} to ${f.iterations} iterations the gap to 100 % shrank
      ${quote(f['gap-shrink'], 2)}× — ten times the iterations bought far less than a ten times
      smaller gap.`
    : 'Run 1 000 iterations or more to see how much ten times the iterations buys.'} Save the
      weights to a file, load them later (or into a fresh page), and the predictions are the same
      without any training.`,
  },
  'new-situation': {
    title: 'A new situation',
    source: 'after a tutorial of one neuron with three inputs',
    built: `One sigmoid neuron, three inputs, no bias, four training rows whose answer is the first
      input (the third input is always 1). One run is 15 000 full-batch iterations, each run from
      the same random starting weights. Then the neuron is asked about a case it never saw:
      (1, 0, 0).`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)',
    rule: 'w ← w + Σ over rows of (t − a) · a(1 − a) · x   (full batch, summed)',
    note: (f, { running } = {}) => {
      if (f.iterations === 0) {
        return `Press Run. The weights start at random (w1 = ${quote(f.w1)}, w2 = ${quote(f.w2)},
          w3 = ${quote(f.w3)}); watch where training takes them.`;
      }
      if (running) {
        return `Training: after ${thousands(f.iterations)} iterations w1 = ${quote(f.w1)}, w2 = ${quote(f.w2)},
          w3 = ${quote(f.w3)}. The third input is 1 in every training row, so w3 works as a bias.`;
      }
      return `The third input is 1 in every training row, so its weight works as a bias: w3 settled at
        ${quote(f.w3)}, pulling every answer towards 0, while the first weight grew to
        ${quote(f.w1)}, outweighing it whenever the first input is 1, and the second fell to
        ${quote(f.w2)}. In (1, 0, 0) the third input is 0, so only the first weight counts: the answer
        is σ(${quote(f.w1)}) = ${quote(f['prediction-1-0-0'], 5)}. The neuron generalised the rule
        instead of memorising the rows.`;
    },
  },
  'vanishing-gradients': {
    title: 'Why deep sigmoid networks stall',
    source: 'a lesson of our own, on what the gradient chart shows',
    built: `Six hidden layers of 8 neurons and a sigmoid output are asked to learn the circle: 300
      points, class 1 inside. Mini-batches of 10, η = 0.1, cross-entropy; a run is 3 000 updates (100
      epochs), each run from the same starting weights. Choose the hidden layers' activation (sigmoid,
      then tanh, then ReLU) and watch the chart below: one line per layer of weights, its gradient norm
      (the overall size of the gradients of its weights, √Σ(∂L/∂w)²: how hard training pushes that layer)
      on a log axis. What vanishes is the gap between the lines, not their fall over time.`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ) in every hidden layer, sigmoid at the output',
    rule: `w ← w − η ∂L/∂w over each mini-batch of 10, η = 0.1; a layer's ∂L/∂w is its input times the
      error signal δ passed down from the layers above`,
    note: (f, { activation = 'sigmoid' } = {}) => {
      const ratio = f['gradient-ratio'];
      const now = `Now the last layer's gradient norm is ${sci(f['gradient-7'], 3)} and the first layer's
        ${sci(f['gradient-1'], 3)}: the last one's is ${quote(ratio)} times the first one's.`;
      const why = ratio >= 100
        ? `That is a vanishing gradient. On its way down the error signal is multiplied, layer after
          layer, by the weights and by the activation's slope, and the sigmoid's slope σ′(z) = σ(1 − σ)
          is at most 0.25: six layers can shrink it by 0.25⁶ ≈ 1/4096. The first layers barely move, so
          what they pass up hardly depends on the point, and the layers above have nothing to tell the
          classes apart by: training stalls.`
        : `The layers' gradients stay within a small factor of each other: ${activation === 'relu'
          ? 'ReLU\'s slope is 1 wherever a neuron is active, so the activation does not shrink the error signal on its way down (the weights still scale it, and an inactive neuron passes nothing)'
          : 'tanh\'s slope is 1 at 0, four times the sigmoid\'s best, and its outputs are centred on 0'},
          so every layer learns. As the loss nears 0 all the lines fall together: little is left to learn.`;
      const run = f.iterations > 0
        ? ` After ${thousands(f.iterations)} updates the network gets ${percent(f.accuracy)} of 200 fresh
          points right (training loss ${quote(f.loss)}; always answering ½ scores 0.693).`
        : ' Press Run.';
      return `${now} ${why}${run}`;
    },
  },
  regression: {
    title: 'Linear regression as a network',
    source: 'after a linear-regression tutorial',
    built: `No hidden layer and a linear output: a = w1·x1 + w2·x2 + b. 1 000 points with x1 and x2
      uniform in [−10, 10], target 2·x1 − 3·x2 + 5 plus a little noise. The loss is half the mean squared error;
      full-batch gradient descent with η = 0.01, 100 iterations per run.`,
    activation: 'linear: the output is the weighted sum itself',
    rule: 'w ← w − η · mean((a − t) x),  b ← b − η · mean(a − t),  η = 0.01',
    note: (f) => `Why the bias is slow: a weight's gradient is the error times its input, and the
      inputs here reach ±10, so the weights take big steps and settle within a few dozen
      iterations. The bias's input is always 1, so each iteration closes only η = 1 % of its
      remaining gap: after 100 iterations about 1 − 0.99¹⁰⁰ ≈ 63 % of the way to 5, after 300 about
      95 %. After ${f.iterations} iterations it has covered ${percent(f['bias-progress'], 0)}
      (b = ${quote(f.bias)}). The chart below follows w1, w2 and b. The heatmap shows the learned
      plane over [−10, 10]² (blue positive, orange negative), and the scatter puts each output against
      its target: when learned, they lie on the line y = x.`,
  },
};
