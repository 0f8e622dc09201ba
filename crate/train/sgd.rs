//! Plain SGD over arrays in the order given: what the bare `Network` binding, the benchmarks and
//! the tests train with, where every implementation must do the same arithmetic.

use crate::math::float::Float;
use crate::model::loss::Loss;
use crate::model::network::{Network, Workspace};

/// Plain SGD over `xs`/`ts` (row-major, n × inputs and n × outputs) in the order given, `batch_size`
/// examples per update (the last batch may be smaller); no shuffling, so that several
/// implementations fed the same data do the same arithmetic. Returns the mean of the batch losses.
pub fn sgd_epoch<F: Float>(
    net: &mut Network<F>,
    ws: &mut Workspace<F>,
    xs: &[F],
    ts: &[F],
    batch_size: usize,
    learning_rate: F,
    loss: Loss,
) -> F {
    let (ni, no) = (net.inputs(), net.outputs());
    let batch = batch_size.max(1);
    let (mut total, mut batches) = (F::ZERO, 0usize);
    if batch == 1 {
        for (x, t) in xs.chunks_exact(ni).zip(ts.chunks_exact(no)) {
            total += net.sgd_example(ws, x, t, loss, learning_rate);
        }
        return total / F::from_f64((xs.len() / ni).max(1) as f64);
    }
    for (bx, bt) in xs.chunks(batch * ni).zip(ts.chunks(batch * no)) {
        total += net.gradient(ws, bx, bt, loss);
        for (w, &g) in net.params_mut().iter_mut().zip(&ws.grad) {
            *w -= learning_rate * g;
        }
        batches += 1;
    }
    total / F::from_f64(batches.max(1) as f64)
}
