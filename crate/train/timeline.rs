//! The run's timeline: copies of the weights taken as training goes, for rewinding, replaying and
//! the loss landscape's path.
//!
//! # Schedule and bound
//! A snapshot is offered at the end of every epoch (and at epoch 0, the weights training starts
//! from). Until the timeline is full every one is kept; after that each new snapshot pushes out the
//! one whose removal leaves the smallest gap in `ln(epoch + 1)`, never the first or the newest. The
//! kept epochs therefore run every epoch at first, then spread evenly on a log scale: a run of
//! 100 000 epochs keeps epochs 0, 1, 2, … densely and later ones ever further apart.
//!
//! The timeline holds at most [`MAX_SNAPSHOTS`] snapshots and at most [`MAX_VALUES`] weights in
//! all (16 MB of `f64`), whichever is fewer: 300 snapshots of any network up to 6 990 weights, and
//! for the largest network the page builds (6 × 64 with 8 inputs, 21 377 weights) 98.

/// Most snapshots a timeline keeps.
pub const MAX_SNAPSHOTS: usize = 300;
/// Most weights a timeline keeps over all its snapshots.
pub const MAX_VALUES: usize = 2 * 1024 * 1024;
/// Fewest snapshots a timeline keeps, whatever the network's size.
const MIN_SNAPSHOTS: usize = 16;

/// The weights at the end of one epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Epochs completed.
    pub epoch: u64,
    /// Updates applied.
    pub steps: u64,
    /// Every weight and bias, in the network's order.
    pub params: Vec<f64>,
    /// `ln(epoch + 1)`: where thinning places it.
    at: f64,
}

/// The snapshots of one run, oldest first (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    snapshots: Vec<Snapshot>,
    /// The newest epoch already handed over by [`Timeline::take_new`].
    handed: Option<u64>,
}

impl Timeline {
    /// Most snapshots kept of a network with `params` weights.
    pub fn capacity(params: usize) -> usize {
        (MAX_VALUES / params.max(1)).clamp(MIN_SNAPSHOTS, MAX_SNAPSHOTS)
    }

    /// Starts a new run from `params` at epoch 0.
    pub fn start(&mut self, params: &[f64]) {
        self.snapshots.clear();
        self.handed = None;
        self.record(0, 0, params);
    }

    /// The snapshots, oldest first.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// Offers the weights at the end of `epoch`: an epoch not after the newest kept is ignored (a
    /// twin's copy of one already taken), and so are weights that are not all finite (a step that
    /// diverged, which training then takes back). Returns whether it was kept.
    pub fn record(&mut self, epoch: u64, steps: u64, params: &[f64]) -> bool {
        if let Some(last) = self.snapshots.last() {
            if epoch <= last.epoch || params.len() != last.params.len() {
                return false;
            }
        }
        if params.iter().any(|w| !w.is_finite()) {
            return false;
        }
        // The buffer of the snapshot pushed out is reused: no allocation once the timeline is full.
        let mut buffer = if self.snapshots.len() >= Self::capacity(params.len()) {
            self.thin()
        } else {
            Vec::with_capacity(params.len())
        };
        buffer.clear();
        buffer.extend_from_slice(params);
        self.snapshots.push(Snapshot {
            epoch,
            steps,
            params: buffer,
            at: ((epoch + 1) as f64).ln(),
        });
        true
    }

    /// Drops the snapshots after `epoch`: training took back the weights they hold (a divergence
    /// restores the weights from before the call that diverged).
    pub fn forget_after(&mut self, epoch: u64) {
        let keep = self.snapshots.partition_point(|s| s.epoch <= epoch).max(1);
        self.snapshots.truncate(keep);
        if self.handed.is_some_and(|e| e > epoch) {
            self.handed = Some(epoch);
        }
    }

    /// Removes the snapshot (neither the first nor the newest) whose neighbours are closest on the
    /// log scale; returns its buffer.
    fn thin(&mut self) -> Vec<f64> {
        let s = &self.snapshots;
        let mut best = (f64::INFINITY, 1);
        for i in 1..s.len() - 1 {
            let gap = s[i + 1].at - s[i - 1].at;
            if gap < best.0 {
                best = (gap, i);
            }
        }
        self.snapshots.remove(best.1).params
    }

    /// The snapshots kept since the last call, oldest first: what a training worker hands the page.
    pub fn take_new(&mut self) -> &[Snapshot] {
        let from = match self.handed {
            Some(e) => self.snapshots.partition_point(|s| s.epoch <= e),
            None => 0,
        };
        self.handed = self.snapshots.last().map(|s| s.epoch);
        &self.snapshots[from..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_epoch_is_kept_until_full_then_the_spacing_grows_on_a_log_scale() {
        let mut t = Timeline::default();
        t.start(&[0.0; 10]);
        for e in 1..=299 {
            assert!(t.record(e, e * 3, &[e as f64; 10]));
        }
        let epochs: Vec<u64> = t.snapshots().iter().map(|s| s.epoch).collect();
        assert_eq!(epochs, (0..300).collect::<Vec<_>>());
        for e in 300..100_000 {
            t.record(e, e, &[e as f64; 10]);
        }
        let s = t.snapshots();
        assert_eq!(s.len(), MAX_SNAPSHOTS);
        assert_eq!((s[0].epoch, s[s.len() - 1].epoch), (0, 99_999));
        // The first epochs stay, one by one.
        assert_eq!(s[1].epoch, 1);
        assert_eq!(s[2].epoch, 2);
        // Each snapshot's weights are the ones recorded with its epoch.
        assert!(s.iter().all(|x| x.params == vec![x.epoch as f64; 10]));
        // Evenly spread in ln(epoch + 1) where epochs were skipped: no gap there more than 3× the
        // mean (between neighbouring epochs, 0 and 1 say, the gap can be no smaller).
        let log = |x: &Snapshot| ((x.epoch + 1) as f64).ln();
        let mean = log(&s[s.len() - 1]) / (s.len() - 1) as f64;
        let widest = s
            .windows(2)
            .filter(|w| w[1].epoch > w[0].epoch + 1)
            .map(|w| log(&w[1]) - log(&w[0]))
            .fold(0.0, f64::max);
        assert!(widest < 3.0 * mean, "widest gap {widest}, mean {mean}");
        // About as many epochs in the last decade (10⁴–10⁵) as in the one before (10³–10⁴): within
        // a third (a uniform spacing would keep 9× as many in the last).
        let count = |lo: u64, hi: u64| s.iter().filter(|x| (lo..hi).contains(&x.epoch)).count();
        let (late, earlier) = (count(10_000, 100_000), count(1_000, 10_000));
        assert!(
            3 * late.abs_diff(earlier) <= earlier,
            "{late} against {earlier}"
        );
    }

    #[test]
    fn the_bound_holds_for_any_network_size() {
        for params in [1, 100, 6_990, 21_377, 1_000_000] {
            let mut t = Timeline::default();
            let w = vec![0.5; params];
            t.start(&w);
            for e in 1..2_000 {
                t.record(e, e, &w);
            }
            let kept = t.snapshots().len();
            assert_eq!(kept, Timeline::capacity(params));
            assert!(kept <= MAX_SNAPSHOTS);
            assert!(kept * params <= MAX_VALUES.max(MIN_SNAPSHOTS * params));
        }
        assert_eq!(Timeline::capacity(6_990), 300);
        assert_eq!(Timeline::capacity(21_377), 98);
    }

    #[test]
    fn old_epochs_and_other_shapes_are_ignored_and_new_ones_handed_over_once() {
        let mut t = Timeline::default();
        t.start(&[1.0, 2.0]);
        assert!(!t.record(0, 0, &[9.0, 9.0]));
        assert!(!t.record(1, 1, &[9.0]));
        assert!(t.record(1, 5, &[3.0, 4.0]));
        assert_eq!(t.take_new().len(), 2);
        assert!(t.take_new().is_empty());
        t.record(4, 20, &[5.0, 6.0]);
        let fresh = t.take_new();
        assert_eq!(fresh.len(), 1);
        assert_eq!((fresh[0].epoch, fresh[0].steps), (4, 20));
        assert!(
            !t.record(5, 25, &[f64::NAN, 1.0]),
            "weights that are not finite"
        );
        t.record(6, 30, &[7.0, 8.0]);
        t.forget_after(4);
        assert_eq!(t.snapshots().last().unwrap().epoch, 4);
        assert!(t.take_new().is_empty(), "epoch 4 was handed over already");
    }
}
