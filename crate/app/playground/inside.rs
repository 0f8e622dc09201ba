//! Looking inside the network as it trains: the gradients over recent batches, a hidden layer's
//! view of the plane, and the loss landscape around the current weights (the views themselves are
//! [`crate::view`]'s).

use super::Playground;
use crate::app::scene::Plane;
use crate::view::gradients::GradientWatch;
use crate::view::hidden::{hidden_space, HiddenRequest, HiddenSource, HiddenSpace};
use crate::view::landscape::{Directions, Landscape};

/// Most training examples one [`Playground::observe_gradients`] backpropagates.
pub const MAX_GRADIENT_BATCH: usize = 1_024;

impl Playground {
    /// Backpropagates the next `batch` training points (at most [`MAX_GRADIENT_BATCH`]) through
    /// the network shown and folds their gradients into the running means; false for no points.
    pub fn observe_gradients(&mut self, batch: usize) -> bool {
        let trainer = &self.scene.trainer;
        self.gradients.observe(
            trainer.network(),
            &trainer.features,
            trainer.loss,
            &self.scene.train,
            batch.min(MAX_GRADIENT_BATCH),
        )
    }

    /// The running means of the gradients.
    pub fn gradients(&self) -> &GradientWatch {
        &self.gradients
    }

    /// The points and the plane's grid lines as a hidden layer sees them (see
    /// [`crate::view::hidden`]).
    pub fn hidden_space(&self, request: &HiddenRequest) -> Result<HiddenSpace, String> {
        let plane = self.scene.plane().unwrap_or(Plane::IDENTITY);
        let trainer = &self.scene.trainer;
        let src = HiddenSource {
            net: trainer.network(),
            features: &trainer.features,
            scale: plane.scale,
            offset: plane.offset,
            held: &self.scene.held,
            sets: [&self.scene.train, &self.scene.test],
        };
        hidden_space(&src, request)
    }

    /// A loss landscape through the weights shown, with the timeline's snapshots as its path (see
    /// [`crate::view::landscape`]); computed by [`Landscape::advance`].
    pub fn landscape(&self, directions: Directions, res: usize) -> Result<Landscape, String> {
        let snapshots: Vec<&[f64]> = self
            .timeline
            .snapshots()
            .iter()
            .map(|s| &s.params[..])
            .collect();
        Landscape::new(
            &self.scene.trainer,
            &self.scene.train,
            &snapshots,
            directions,
            res,
        )
    }
}
