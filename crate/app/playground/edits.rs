//! Point edits with undo: add, remove, move, clear, replace from a file, and the undo history
//! they share with weight edits. Edited points sit on the grid a link writes them on, so that a
//! page and its link train alike.

use super::history::{check_point, on_link_grid, Edit, UNDO_DEPTH};
use super::watch::LossWatch;
use super::Playground;
use crate::app::config::{Change, Problem};
use crate::app::files::PointsFile;
use crate::base::text::Num;
use crate::data::dataset::{Dataset, Generator, Task};
use crate::data::table::OwnData;

impl Playground {
    /// Adds a training point (undoable): of class `label`, or for regression with target
    /// `label`. Errors name a coordinate outside the plane or a label that is no class (no target
    /// in [−1, 1]) of this scene.
    pub fn add_point(&mut self, x: f64, y: f64, label: f64) -> Result<(), String> {
        check_point(x, y)?;
        let label = self.checked_label(label)?;
        if self.scene.point_count() >= self.point_limit() {
            return Err(format!("points: at most {} points", self.point_limit()));
        }
        let exact = self.exact_points();
        let p = self.point_at(x, y);
        self.scene.train.push(&p, label);
        let index = self.scene.train.len() - 1;
        self.edited_points(exact, Some(Edit::Added { test: false, index }));
        Ok(())
    }

    /// Adds training points `xy` (x, y pairs) of class (or target) `label`: a brush's spray. The
    /// first call of a stroke (`record`) is its undo step and the stroke's later calls join it, so
    /// one Undo takes a whole stroke back. Points past the scene's limit are left out; returns how
    /// many were added. Refused, with nothing added, for a coordinate outside the plane (named by
    /// its index), an odd count of values or a label that is no class of this scene.
    pub fn add_points(&mut self, xy: &[f64], label: f64, record: bool) -> Result<usize, String> {
        if !xy.len().is_multiple_of(2) {
            return Err(format!("xy: {} values are not x, y pairs", xy.len()));
        }
        for (i, p) in xy.chunks_exact(2).enumerate() {
            check_point(p[0], p[1]).map_err(|e| format!("xy[{i}]: {e}"))?;
        }
        let label = self.checked_label(label)?;
        let room = self.point_limit().saturating_sub(self.scene.point_count());
        let n = (xy.len() / 2).min(room);
        if n == 0 {
            return Ok(0);
        }
        let before = record.then(|| (self.scene.train.clone(), self.scene.test.clone()));
        let exact = self.exact_points();
        for p in xy.chunks_exact(2).take(n) {
            let p = self.point_at(p[0], p[1]);
            self.scene.train.push(&p, label);
        }
        if !record {
            // A stroke's later spray: the points changed under a step half-summed on the old ones.
            self.live_trainer().abandon_step();
        }
        let edit = before.map(|(train, test)| Edit::Replaced { train, test });
        self.edited_points(exact, edit);
        Ok(n)
    }

    /// `label` as this scene's problem takes it: a class index, or a regression target.
    fn checked_label(&self, label: f64) -> Result<f64, String> {
        match self.scene.train.task() {
            Task::Classification => crate::app::files::check_label(label, self.setup.classes),
            Task::Regression => crate::app::files::check_target(label),
        }
        .map_err(|e| format!("label: {e}"))
    }

    /// The point nearest `(x, y)` within `radius`, as an index into [`crate::app::scene::Scene::point_buffer`].
    pub fn pick(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        let (train, test) = (&self.scene.train, &self.scene.test);
        let a = train.nearest(&[x, y]);
        let b = test.nearest(&[x, y]).map(|(i, d)| (i + train.len(), d));
        let best = match (a, b) {
            (Some(a), Some(b)) => Some(if a.1 <= b.1 { a } else { b }),
            (a, b) => a.or(b),
        };
        best.filter(|&(_, d)| d <= radius * radius).map(|(i, _)| i)
    }

    /// Removes the point nearest `(x, y)` within `radius` (undoable); returns whether one was removed.
    pub fn remove_nearest(&mut self, x: f64, y: f64, radius: f64) -> bool {
        let Some(id) = self.pick(x, y, radius) else {
            return false;
        };
        let (test, index) = self.locate(id);
        let exact = self.exact_points();
        let (x, label) = self.set_mut(test).remove(index);
        self.edited_points(
            exact,
            Some(Edit::Removed {
                test,
                index,
                x,
                label,
            }),
        );
        true
    }

    /// Moves point `id` to `(x, y)`; `record` starts a new undo step (the first move of a drag).
    pub fn move_point(&mut self, id: usize, x: f64, y: f64, record: bool) -> Result<(), String> {
        check_point(x, y)?;
        if id >= self.scene.point_count() {
            return Err(format!("id: no point {id}"));
        }
        let (test, index) = self.locate(id);
        let exact = self.exact_points();
        let set = self.set_mut(test);
        let from = [set.x(index)[0], set.x(index)[1]];
        set.set_x(index, &[x, y]);
        self.edited_points(exact, record.then_some(Edit::Moved { test, index, from }));
        Ok(())
    }

    /// Removes every point (undoable).
    pub fn clear(&mut self) {
        let task = self.scene.train.task();
        let inputs = self.scene.train.inputs();
        self.replace_points(Dataset::new(inputs, task), Dataset::new(inputs, task));
    }

    /// Reverts the last point edit; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.go_live();
        self.live_trainer().abandon_step();
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        match edit {
            Edit::Added { test, index } => {
                self.set_mut(test).remove(index);
            }
            Edit::Removed {
                test,
                index,
                x,
                label,
            } => self.set_mut(test).insert(index, &x, label),
            Edit::Moved { test, index, from } => self.set_mut(test).set_x(index, &from),
            Edit::Replaced { train, test } => {
                self.scene.train = train;
                self.scene.test = test;
            }
            Edit::Weight { index, old } => {
                let mut params = self.scene.network().params().to_vec();
                if let Some(w) = params.get_mut(index) {
                    *w = old;
                    let _ = self.scene.trainer.restart_from(&params);
                }
            }
        }
        true
    }

    /// Sets parameter `index` (in `weights()` order: per layer, weights row-major, then biases) to
    /// `value` (undoable; the update rule's state restarts). Refused, with nothing changed, for an
    /// index outside the network or a value that is not finite or beyond ±1 000 000.
    pub fn set_weight(&mut self, index: usize, value: f64) -> Result<(), String> {
        self.go_live();
        let mut params = self.scene.network().params().to_vec();
        let n = params.len();
        let Some(w) = params.get_mut(index) else {
            return Err(format!(
                "weight: index {index} is not one of this network's {n} weights and biases"
            ));
        };
        if !value.is_finite() {
            return Err(format!("weight: {} is not a finite number", Num(value)));
        }
        let max = crate::app::files::MAX_WEIGHT;
        if value.abs() > max {
            return Err(format!(
                "weight: {} is outside ±{} (no trained network holds such a weight)",
                Num(value),
                Num(max)
            ));
        }
        let old = std::mem::replace(w, value);
        self.scene.trainer.restart_from(&params)?;
        self.record(Edit::Weight { index, old });
        Ok(())
    }

    /// Drops the weight edits from the undo history: the network they belong to was replaced.
    pub(super) fn forget_weight_edits(&mut self) {
        self.undo.retain(|e| !matches!(e, Edit::Weight { .. }));
    }

    pub(super) fn replace_points(&mut self, train: Dataset, test: Dataset) {
        // New data, a new starting loss: what the old weights score on it is no explosion.
        self.watch = LossWatch::new();
        let old_train = std::mem::replace(&mut self.scene.train, train);
        let old_test = std::mem::replace(&mut self.scene.test, test);
        self.record(Edit::Replaced {
            train: old_train,
            test: old_test,
        });
    }

    /// Before a point edit: the points as they are where any lies off the link's grid (a
    /// generated set), for [`Playground::edited_points`].
    pub(super) fn exact_points(&self) -> Option<(Dataset, Dataset)> {
        self.off_grid()
            .then(|| (self.scene.train.clone(), self.scene.test.clone()))
    }

    /// After a point edit, whose undo step is `edit` (none while a drag goes on): every point is
    /// put on the grid a link writes points on ([`on_link_grid`]), so that the page trains on
    /// exactly the points its link carries and a page opened from the link trains bit for bit
    /// alike. Where that moved any point (`exact`: the first edit of a generated set), the undo
    /// step is the whole set from before, so one Undo brings back the generated points exactly.
    pub(super) fn edited_points(&mut self, exact: Option<(Dataset, Dataset)>, edit: Option<Edit>) {
        self.snap_points();
        match (exact, edit) {
            (Some((train, test)), _) => self.record(Edit::Replaced { train, test }),
            (None, Some(edit)) => self.record(edit),
            (None, None) => {}
        }
    }

    /// Whether any point (or regression target) lies off the link's grid.
    pub(super) fn off_grid(&self) -> bool {
        let regression = self.scene.train.task() == Task::Regression;
        [&self.scene.train, &self.scene.test].iter().any(|set| {
            set.xs.iter().any(|&v| on_link_grid(v) != v)
                || (regression && set.ys.iter().any(|&v| on_link_grid(v) != v))
        })
    }

    /// Puts every point (and regression target) on the link's grid.
    pub(super) fn snap_points(&mut self) {
        let regression = self.scene.train.task() == Task::Regression;
        for set in [&mut self.scene.train, &mut self.scene.test] {
            set.xs.iter_mut().for_each(|v| *v = on_link_grid(*v));
            if regression {
                set.ys.iter_mut().for_each(|v| *v = on_link_grid(*v));
            }
        }
    }

    pub(super) fn record(&mut self, edit: Edit) {
        // The points changed: a step half-summed on the old ones is dropped.
        self.live_trainer().abandon_step();
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(edit);
    }

    pub(super) fn set_mut(&mut self, test: bool) -> &mut Dataset {
        if test {
            &mut self.scene.test
        } else {
            &mut self.scene.train
        }
    }

    pub(super) fn locate(&self, id: usize) -> (bool, usize) {
        let n = self.scene.train.len();
        if id < n {
            (false, id)
        } else {
            (true, id - n)
        }
    }

    /// Whether the points differ from the set the settings generate (edited, loaded or cleared):
    /// then a link must carry them to reproduce the run.
    pub fn points_edited(&self) -> bool {
        let (train, test) = self.setup.drawn();
        train != self.scene.train || test != self.scene.test
    }

    /// Whether every point follows the rule of the scene's reference line (class 1 above y = x,
    /// or above the `curve` data set's curve): where the page may still draw that line.
    pub fn points_follow_line(&self) -> bool {
        let curve = &self.setup.curve;
        let line = |x: f64| match self.setup.dataset {
            Generator::Curve => curve.at(x),
            _ => x,
        };
        [&self.scene.train, &self.scene.test].iter().all(|set| {
            (0..set.len()).all(|i| {
                let x = set.x(i);
                (set.ys[i] >= 0.5) == (x[1] > line(x[0]))
            })
        })
    }

    /// The points as a versioned file (with what a table's columns are, for a table's rows).
    pub fn export_points(&self) -> PointsFile {
        let meta = self.setup.own_data().map(|o| &o.meta);
        PointsFile::from_sets(&self.scene.train, &self.scene.test, meta)
    }

    /// Replaces the points by a file's (undoable); refused (nothing changed) if malformed. A
    /// table's file (one with `table`) becomes the `own` data set, its problem and classes those
    /// its label makes, its points split as the file says; it cannot be undone.
    pub fn import_points(&mut self, file: &PointsFile) -> Result<(), String> {
        let Some(meta) = &file.table else {
            let inputs = 2 + self.setup.more_inputs();
            let (train, test) =
                file.to_sets(self.scene.train.task(), self.setup.classes, inputs)?;
            self.replace_points(train, test);
            self.snap_points();
            return Ok(());
        };
        meta.check().map_err(|e| format!("table.{e}"))?;
        let task = if meta.regression() {
            Task::Regression
        } else {
            Task::Classification
        };
        let classes = meta.classes.len().max(2);
        let (train, test) = file.to_sets(task, classes, meta.inputs.len())?;
        let mut points = train.clone();
        for i in 0..test.len() {
            points.push(test.x(i), test.ys[i]);
        }
        let own = OwnData {
            meta: meta.clone(),
            points,
            loaded: (self.setup.seed, self.setup.test_fraction, train.len()),
        };
        let change = Change {
            problem: Some(Problem::of_table(&own)),
            dataset: Some(Generator::Own),
            slice: Some(own.medians()),
            ..Change::default()
        };
        let before = self.setup.own.replace(std::rc::Rc::new(own));
        if let Err(e) = self.set(&change, None) {
            self.setup.own = before;
            return Err(e);
        }
        self.replace_points(train, test);
        self.undo.clear();
        Ok(())
    }

    /// What the learner's table's columns are, under the `own` data set.
    pub fn table_meta(&self) -> Option<&crate::data::table::TableMeta> {
        self.setup.own_data().map(|o| &o.meta)
    }

    /// What the network predicts for every point, training points then test points: for classes,
    /// each class's probability (two for two classes, whatever the output layer); for regression,
    /// the output (on the plane's scale).
    pub fn predict_all(&mut self) -> Vec<f64> {
        let output = self.setup.output_activation;
        let regression = self.setup.problem == Problem::Regression;
        let mut all = Vec::new();
        for test in [false, true] {
            let set = if test {
                &self.scene.test
            } else {
                &self.scene.train
            };
            let rows: Vec<Vec<f64>> = (0..set.len()).map(|i| set.x(i).to_vec()).collect();
            for x in rows {
                let out = self.scene.trainer.predict(&x);
                if regression {
                    all.push(out[0]);
                } else if out.len() == 1 {
                    let p = crate::model::output::class_probability(out, output);
                    all.extend_from_slice(&[1.0 - p, p]);
                } else {
                    all.extend_from_slice(out);
                }
            }
        }
        all
    }

    /// Most points the scene may hold: a table's rows, or what a hand or a generator makes.
    pub(super) fn point_limit(&self) -> usize {
        if self.setup.own_data().is_some() {
            crate::app::files::MAX_TABLE_POINTS
        } else {
            crate::app::files::MAX_POINTS
        }
    }

    /// A point of the plane at `(x, y)`, with any inputs beyond the two held where the plot's
    /// slice holds them.
    fn point_at(&self, x: f64, y: f64) -> Vec<f64> {
        let mut p = vec![x, y];
        p.extend_from_slice(&self.scene.held);
        p
    }
}
