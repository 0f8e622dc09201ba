//! Rewinding: the run's [`Timeline`] and looking back at one of its snapshots without touching the
//! weights being trained.
//!
//! Looking back puts the snapshot's weights and counters in the scene's trainer, so that everything
//! drawn and evaluated (the boundary, the neuron maps, the diagram, the readouts) shows that epoch,
//! and keeps the trainer being trained aside, whole (its update rule's state too). Weights a twin
//! hands over meanwhile go to the trainer kept aside. Every call that trains or changes the
//! network or the settings returns to it first ([`Playground::go_live`]).

use super::Playground;
use crate::train::timeline::{Snapshot, Timeline};

/// The trainer being trained while the scene shows a snapshot, and which one.
#[derive(Clone, Debug)]
pub(super) struct LookBack {
    live: crate::train::trainer::Trainer,
    index: usize,
}

impl Playground {
    /// The run's snapshots.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Begins a new timeline from the current weights: the network was built, reset or replaced.
    pub(super) fn start_timeline(&mut self) {
        self.looking = None;
        self.gradients = Default::default();
        self.timeline.start(self.scene.network().params());
    }

    /// Trains as [`crate::app::scene::Scene::train_for`] does, offering the timeline the weights at
    /// the end of each epoch.
    pub(super) fn train_recording(&mut self, steps: u64, max_ms: f64) -> (u64, f64, f64) {
        let timeline = &mut self.timeline;
        self.scene.train_for_with(steps, max_ms, &mut |trainer| {
            trainer.sync();
            timeline.record(trainer.epoch(), trainer.steps(), trainer.network().params());
        })
    }

    /// Takes snapshots a twin recorded (see [`Timeline::take_new`]), oldest first, as
    /// `(epoch, steps, params)`; ones of another shape or not after the newest kept are ignored.
    pub fn adopt_snapshots<'a>(&mut self, snapshots: impl Iterator<Item = (u64, u64, &'a [f64])>) {
        let n = self.scene.network().params().len();
        for (epoch, steps, params) in snapshots {
            if params.len() == n {
                self.timeline.record(epoch, steps, params);
            }
        }
    }

    /// The snapshots kept since the last call (a training worker hands them to the page).
    pub fn take_new_snapshots(&mut self) -> &[Snapshot] {
        self.timeline.take_new()
    }

    /// Shows snapshot `index`: the scene draws and evaluates its weights, at its epoch, until
    /// [`Playground::go_live`]. Refused, with nothing changed, for an index past the timeline.
    pub fn look_back(&mut self, index: usize) -> Result<&Snapshot, String> {
        let count = self.timeline.snapshots().len();
        let Some(snapshot) = self.timeline.snapshots().get(index) else {
            return Err(format!(
                "index: {index} is not one of the timeline's {count} snapshots"
            ));
        };
        // Shown on a copy first: a snapshot refused leaves the scene as it was.
        let mut shown = self.scene.trainer.clone();
        shown.restart_from(&snapshot.params)?;
        shown.set_counts(snapshot.epoch, snapshot.steps);
        let before = std::mem::replace(&mut self.scene.trainer, shown);
        match &mut self.looking {
            Some(look) => look.index = index,
            None => {
                self.looking = Some(Box::new(LookBack {
                    live: before,
                    index,
                }))
            }
        }
        self.scene.invalidate();
        Ok(&self.timeline.snapshots()[index])
    }

    /// Returns to the weights being trained; returns whether the scene was showing a snapshot.
    pub fn go_live(&mut self) -> bool {
        let Some(look) = self.looking.take() else {
            return false;
        };
        self.scene.trainer = look.live;
        self.scene.invalidate();
        true
    }

    /// The snapshot shown, if the scene is looking back.
    pub fn looking_at(&self) -> Option<usize> {
        self.looking.as_ref().map(|l| l.index)
    }

    /// The trainer being trained: the one kept aside while looking back (a twin's weights go to
    /// it, and a step under way that an edit ends is its).
    pub(super) fn live_trainer(&mut self) -> &mut crate::train::trainer::Trainer {
        match &mut self.looking {
            Some(look) => &mut look.live,
            None => &mut self.scene.trainer,
        }
    }
}
