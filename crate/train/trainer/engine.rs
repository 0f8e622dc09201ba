//! The network as it trains in one precision, with what its updates need.

use crate::math::float::Float;
use crate::model::loss::Loss;
use crate::model::network::{Network, Workspace, GRADIENT_LANES};
use crate::model::numeric::NumericProgress;
use crate::train::hyper::Hyper;
use crate::train::hyper::Method;
use crate::train::optimizer::Optimizer;

/// A network in one precision with what its updates need: scratch, the update rule's state, and
/// the batch under way in that precision.
#[derive(Clone, Debug)]
pub(super) struct Engine<F> {
    pub(super) net: Network<F>,
    pub(super) ws: Workspace<F>,
    pub(super) optimizer: Optimizer<F>,
    pub(super) xs: Vec<F>,
    pub(super) ts: Vec<F>,
}

impl<F: Float> Engine<F> {
    pub(super) fn new(net: Network<F>, train_biases: bool) -> Engine<F> {
        let mut optimizer = Optimizer::new(net.params().len());
        optimizer.train_biases = train_biases;
        Engine {
            ws: net.workspace(),
            net,
            optimizer,
            xs: Vec::new(),
            ts: Vec::new(),
        }
    }

    /// Adds the gradients of the batch's next examples, whole lane groups of at most `budget`
    /// examples (at least one group), so that the sums add up in the order of one call; true when
    /// the batch is done.
    pub(super) fn backprop_part(
        &mut self,
        p: &mut Pending,
        budget: &mut usize,
        loss: Loss,
    ) -> bool {
        let (ni, no) = (self.net.inputs(), self.net.outputs());
        let groups = (*budget / GRADIENT_LANES).max(1);
        let end = p.n.min(p.done.saturating_add(groups * GRADIENT_LANES));
        let part = self.net.gradient_sum(
            &mut self.ws,
            &self.xs[p.done * ni..end * ni],
            &self.ts[p.done * no..end * no],
            loss,
        );
        p.loss += part.to_f64();
        *budget = budget.saturating_sub(end - p.done);
        p.done = end;
        end == p.n
    }

    /// The update from the summed gradient of the batch's `n` examples.
    pub(super) fn update(&mut self, n: usize, hyper: &Hyper) {
        Network::mean_gradient(&mut self.ws, n);
        self.optimizer.step(&mut self.net, &mut self.ws.grad, hyper);
    }
}

/// An update under way: its batch is in the engine's buffers.
#[derive(Clone, Debug)]
pub(super) struct Pending {
    /// The cursor after this batch.
    pub(super) end: usize,
    /// Examples in the batch.
    pub(super) n: usize,
    /// Examples whose gradient was summed (backprop).
    pub(super) done: usize,
    /// Their loss so far (backprop).
    pub(super) loss: f64,
    /// The method the step started with.
    pub(super) method: Method,
    /// How far the finite differences got (numeric).
    pub(super) numeric: NumericProgress,
}
