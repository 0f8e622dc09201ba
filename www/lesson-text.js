// What each lesson says: the system the tutorial built, its neuron, its update rule, and why things
// turn out as they do. The numbers match crate/lesson.rs.

export const LESSONS = {
  line: {
    title: 'Above or below y = x',
    seed: 'Tutorial 004 (JavaScript, numeric gradients)',
    built: `A network of layers [2, 5, 1], sigmoid everywhere, weights drawn uniformly from [0, 1) and
      biases left at zero (the line y = x passes through the origin, so none are needed). It sees
      10 000 points of the unit square one at a time — label 1 above the line, 0 below — and adjusts
      every weight after each point. The tutorial finds each weight's slope by nudging it and
      measuring the cost again; backpropagation gets the same slopes from one backward pass.`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)',
    rule: 'w ← w − η ∂L/∂w after every example (online), η = 0.4, L = ½(a − t)²',
    note: `The numeric method here nudges each weight both ways by 0.00001 (central differences)
      instead of one way by 0.01 as in the tutorial: its error then shrinks with the square of the
      nudge, and the two gradients below agree to many digits. The switch trains by either; a run
      is one pass over the 10 000 points, and the figures use 2 000 fresh points.`,
  },
  'perceptron-and': {
    title: 'A perceptron learns AND',
    seed: 'Tutorial 001 (perceptron)',
    built: `A perceptron: the weighted sum of two inputs plus a bias, through a step that answers 1
      when the sum is at least 0 and 0 otherwise. Each step picks one row of the AND truth table at
      random and applies the perceptron rule; a run is 100 such steps.`,
    activation: 'step: 1 if z ≥ 0, else 0',
    rule: 'w ← w + η (t − y) x,  b ← b + η (t − y),  η = 0.3 — a right answer changes nothing',
    note: `The step has no useful derivative (it is flat everywhere but at 0), so gradient descent
      cannot train it; the perceptron rule moves the weights towards each misclassified example
      instead. For data one straight line can separate, it always stops after finitely many mistakes.`,
  },
  xor: {
    title: 'XOR: where one layer is not enough',
    seed: 'Tutorial 001 (its limit)',
    built: `The same perceptron, now on XOR. Press Run as often as you like: it never gets all four
      rows right.`,
    activation: 'step: 1 if z ≥ 0, else 0',
    rule: 'w ← w + η (t − y) x,  b ← b + η (t − y),  η = 0.3',
    note: `Why: one neuron splits the plane with a single straight line. XOR wants (0, 1) and (1, 0)
      on one side and (0, 0), (1, 1) on the other, and no line does that — the two classes are not
      linearly separable, so at most three of the four rows can be right. A hidden layer fixes it:
      each hidden neuron draws its own line and the output neuron combines them into a bent boundary.`,
    fixed: {
      activation: 'hidden tanh, output sigmoid',
      rule: 'w ← w − η ∂L/∂w over all four rows at once (full batch), η = 1, cross-entropy loss',
      note: `Now [2, 4, 1]: four tanh neurons in a hidden layer, a sigmoid output, trained by
        backpropagation. Watch the boundary bend until both diagonals are separated.`,
    },
  },
  'first-input': {
    title: 'One neuron finds the first input',
    seed: 'Tutorial 000 (one neuron, NumPy)',
    built: `One sigmoid neuron with four binary inputs and no bias. The target is simply the first
      input, and the neuron has to discover that the other three do not matter. Every iteration uses
      all six training rows at once. Choose how many iterations a run takes — each run starts from
      the same random weights — and watch the confidence climb with them.`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)',
    rule: 'w ← w + Σ over rows of (t − a) · a(1 − a) · x   (full batch, summed)',
    note: `The confidence keeps rising but never reaches 100 %: the sigmoid only approaches 0 and 1,
      and its slope a(1 − a) shrinks as it does, so each extra decimal costs ten times the
      iterations. Save the weights to a file, load them later (or into a fresh page), and the
      predictions are the same without any training.`,
  },
  'new-situation': {
    title: 'A new situation',
    seed: 'Tutorial 002 (one neuron, three inputs)',
    built: `One sigmoid neuron, three inputs, no bias, four training rows whose answer is the first
      input (the third input is always 1). One run is 15 000 full-batch iterations from fresh random
      weights. Then the neuron is asked about a case it never saw: (1, 0, 0).`,
    activation: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)',
    rule: 'w ← w + Σ over rows of (t − a) · a(1 − a) · x   (full batch, summed)',
    note: `Training pushes the first weight up and the second down; the third must stay small
      because it is 1 for both classes. So for (1, 0, 0) only the large first weight counts, and the
      answer is close to 1: the neuron generalised the rule instead of memorising the rows.`,
  },
  regression: {
    title: 'Linear regression as a network',
    seed: 'Tutorial 003 (linear regression)',
    built: `No hidden layer and a linear output: a = w₀x + w₁z + b. 1 000 points with x and z uniform
      in [−10, 10], target 2x − 3z + 5 plus a little noise. The loss is half the mean squared error;
      full-batch gradient descent with η = 0.01, 100 iterations per run.`,
    activation: 'linear: a = z',
    rule: 'w ← w − η · mean((a − t) x),  b ← b − η · mean(a − t),  η = 0.01',
    note: `Why the bias is slow: a weight's gradient is the error times its input, and the inputs
      here reach ±10, so the weights take big steps and settle within a few dozen iterations. The
      bias's input is always 1, so each iteration closes only η = 1 % of its remaining gap: after
      100 iterations it has covered about 1 − 0.99¹⁰⁰ ≈ 63 % of the way to 5, after 300 about 95 %.
      The heatmap shows the learned plane over [−10, 10]² (blue positive, orange negative), and the
      scatter puts each output against its target: when learned, they lie on the line y = x.`,
  },
};
