//! A learner's own table in the playground (issue 30 §1): chosen columns become the `own` data set,
//! with the problem and classes its label makes; it trains, saves and loads with its units, holds
//! more than two inputs in a slice, and a bad file changes nothing.

mod common;

use common::change;
use scratchnet::app::config::Problem;
use scratchnet::app::files::PointsFile;
use scratchnet::app::playground::Playground;
use scratchnet::data::dataset::Generator;
use scratchnet::data::table::{self, from_plane};

/// The points file the page makes of `text` with columns `inputs` and `label`.
fn chosen(text: &str, inputs: &[usize], label: usize) -> PointsFile {
    let t = table::read(text.as_bytes()).unwrap();
    let mut s = t.select(inputs, label).unwrap();
    s.meta.source = "test.csv".into();
    let (train, test) = s.points.split(0.3, 1);
    PointsFile::from_sets(&train, &test, Some(&s.meta))
}

fn penguins_text() -> String {
    std::fs::read_to_string("data/penguins.csv").unwrap()
}

#[test]
fn penguins_brought_as_a_csv_train_like_the_shipped_set() {
    // species,island,bill_length_mm,bill_depth_mm,…: the label is preselected as species.
    let t = table::read(penguins_text().as_bytes()).unwrap();
    assert_eq!(t.suggest(), (2, 3, 0));
    let file = chosen(&penguins_text(), &[2, 3], 0);
    let mut pg = Playground::new(&change("{}")).unwrap();
    pg.import_points(&file).unwrap();
    let c = pg.config();
    assert_eq!(c.setup.dataset, Generator::Own);
    assert_eq!(c.setup.problem, Problem::MultiClass);
    assert_eq!(c.setup.classes, 3);
    assert_eq!(pg.scene.point_count(), 342, "2 rows without bills skipped");
    assert!(
        !pg.points_edited(),
        "the table's points are the data set's, not an edit"
    );
    let meta = pg.table_meta().unwrap();
    assert_eq!(meta.classes, ["Adelie", "Chinstrap", "Gentoo"]);
    assert_eq!(meta.inputs, ["bill_length_mm", "bill_depth_mm"]);
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.scene.evaluate();
    assert!(test.accuracy >= 0.95, "test accuracy {}", test.accuracy);
    // Saved and loaded, the points and what their columns are come back.
    let saved = pg.export_points();
    assert_eq!(saved, file, "the split is the file's");
    let mut other = Playground::new(&change(r#"{"problem":"regression"}"#)).unwrap();
    other.import_points(&saved).unwrap();
    assert_eq!(other.export_points(), saved);
    assert_eq!(other.config().setup.classes, 3);
}

#[test]
fn iris_with_all_four_columns_trains_and_draws_a_slice() {
    let text = std::fs::read_to_string("data/iris.csv").unwrap();
    let file = chosen(&text, &[2, 3, 0, 1], 4);
    let mut pg = Playground::new(&change("{}")).unwrap();
    pg.import_points(&file).unwrap();
    let c = pg.config();
    assert_eq!(c.setup.slice.len(), 2, "sepal length and width held");
    assert_eq!(pg.scene.network().sizes()[0], 4);
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.scene.evaluate();
    assert!(test.accuracy >= 0.9, "test accuracy {}", test.accuracy);
    // The boundary is the slice: moving a held input moves it (and the f32 kernel agrees with
    // the exact pass on the slice).
    pg.scene.compute_boundary(16, 0..16).unwrap();
    let before = pg.scene.boundary_values().to_vec();
    let exact = pg.scene.value_at(0.0, 0.0);
    pg.set(&change(r#"{"slice":[0.9,-0.9]}"#), None).unwrap();
    pg.scene.compute_boundary(16, 0..16).unwrap();
    assert_ne!(pg.scene.boundary_values(), &before[..]);
    assert_ne!(pg.scene.value_at(0.0, 0.0), exact);
    // A point added by hand sits in the slice.
    pg.add_point(0.5, 0.5, 1.0).unwrap();
    let last = pg.scene.train.len() - 1;
    // (On the grid a link writes points on.)
    let x = pg.scene.train.x(last);
    for (got, want) in x.iter().zip([0.5, 0.5, 0.9, -0.9]) {
        assert!((got - want).abs() < 1e-4, "{x:?}");
    }
    // Features apply to the two axes; the held columns ride along.
    pg.set(&change(r#"{"features":["x","y","xy"]}"#), None)
        .unwrap();
    assert_eq!(pg.scene.network().sizes()[0], 5);
    pg.train_epoch().unwrap();
    let e = pg
        .set(&change(r#"{"slice":[0.5]}"#), None)
        .map(|_| ())
        .unwrap_err();
    assert!(e.starts_with("slice: 1 values given for 2 inputs"), "{e}");
    let e = pg
        .set(&change(r#"{"slice":[0.5, 3]}"#), None)
        .map(|_| ())
        .unwrap_err();
    assert!(e.starts_with("slice[1]"), "{e}");
}

#[test]
fn a_numeric_label_makes_regression_in_its_units() {
    let mut text = String::from("size,age,price\n");
    for i in 0..200 {
        let (a, b) = ((i % 20) as f64, (i / 20) as f64);
        text.push_str(&format!("{a},{b},{}\n", 1000.0 + 30.0 * a - 12.0 * b));
    }
    let file = chosen(&text, &[0, 1], 2);
    let mut pg = Playground::new(&change("{}")).unwrap();
    pg.import_points(&file).unwrap();
    assert_eq!(pg.config().setup.problem, Problem::Regression);
    let meta = pg.table_meta().unwrap().clone();
    assert_eq!(meta.ranges[2], [892.0, 1570.0]);
    let first = pg.scene.evaluate().0.loss;
    for _ in 0..200 {
        pg.train_epoch().unwrap();
    }
    let last = pg.scene.evaluate().0.loss;
    assert!(last < first / 10.0, "loss {first} → {last}");
    // A prediction reads back in the label's units.
    let out = pg.predict_all();
    assert_eq!(out.len(), pg.scene.point_count());
    let want = from_plane(pg.scene.train.ys[0], meta.ranges[2]);
    let got = from_plane(out[0], meta.ranges[2]);
    assert!((got - want).abs() < 40.0, "{got} against {want}");
}

#[test]
fn a_bad_table_file_and_a_missing_table_change_nothing() {
    let mut pg = Playground::new(&change(r#"{"dataset":"circle"}"#)).unwrap();
    let before = (pg.config(), pg.export_points());
    let mut file = chosen(&penguins_text(), &[2, 3], 0);
    file.table.as_mut().unwrap().classes.truncate(1);
    let e = pg.import_points(&file).unwrap_err();
    assert!(e.starts_with("table.classes: 1 given"), "{e}");
    let mut file = chosen(&penguins_text(), &[2, 3], 0);
    file.points[7].more = vec![0.5];
    let e = pg.import_points(&file).unwrap_err();
    assert!(e.starts_with("points[7].more: 1 values"), "{e}");
    let mut file = chosen(&penguins_text(), &[2, 3], 0);
    file.points[3].label = Some(3);
    let e = pg.import_points(&file).unwrap_err();
    assert!(e.starts_with("points[3].label: 3 is not a class"), "{e}");
    assert_eq!((pg.config(), pg.export_points()), before);
    // No table yet: "own" is refused by name.
    let e = pg
        .set(&change(r#"{"dataset":"own"}"#), None)
        .map(|_| ())
        .unwrap_err();
    assert!(e.contains("none is loaded"), "{e}");
    // Once loaded, another data set and back.
    pg.import_points(&chosen(&penguins_text(), &[2, 3], 0))
        .unwrap();
    pg.set(&change(r#"{"dataset":"spiral"}"#), None).unwrap();
    assert_eq!(pg.scene.point_count(), 200);
    pg.set(&change(r#"{"dataset":"own"}"#), None).unwrap();
    assert_eq!(pg.scene.point_count(), 342);
    assert!(!pg.points_edited());
    // Another seed splits the rows anew; the first one brings the split they were loaded with.
    let loaded = pg.export_points();
    pg.set(&change(r#"{"seed":7}"#), None).unwrap();
    assert_ne!(pg.export_points(), loaded);
    assert!(!pg.points_edited());
    pg.set(&change(r#"{"seed":1}"#), None).unwrap();
    assert_eq!(pg.export_points(), loaded);
    // Under another problem the table is not offered, and says why.
    pg.set(&change(r#"{"problem":"classification"}"#), None)
        .unwrap();
    let e = pg
        .set(&change(r#"{"dataset":"own"}"#), None)
        .map(|_| ())
        .unwrap_err();
    assert!(e.contains("makes a multi-class problem"), "{e}");
}

#[test]
fn tables_of_other_widths_swap_edit_undo_and_take_models_without_a_crash() {
    let text = std::fs::read_to_string("data/iris.csv").unwrap();
    let four = chosen(&text, &[2, 3, 0, 1], 4);
    let two = chosen(&text, &[2, 3], 4);
    let mut pg = Playground::new(&change("{}")).unwrap();
    pg.import_points(&four).unwrap();
    assert_eq!(pg.scene.network().sizes()[0], 4);
    let four_model = pg.scene.export_model();
    // The same problem and classes, two inputs: the network is rebuilt for them.
    pg.import_points(&two).unwrap();
    assert_eq!(pg.scene.network().sizes()[0], 2);
    pg.train_epoch().unwrap();
    pg.scene.compute_boundary(8, 0..8).unwrap();
    pg.scene.evaluate();
    // A model of four inputs does not fit two, and says so; back in the four-input table it does.
    let e = pg.import_model(&four_model).unwrap_err();
    assert!(e.contains("first layer takes 4"), "{e}");
    pg.import_points(&four).unwrap();
    pg.import_model(&four_model).unwrap();
    let circle = Playground::new(&change(r#"{"dataset":"circle"}"#))
        .unwrap()
        .scene
        .export_model();
    let e = pg.import_model(&circle).unwrap_err();
    assert!(
        e.contains("this table's 2 more columns make 4 inputs"),
        "{e}"
    );
    // Erase a row, then Undo: it comes back whole, its held columns too.
    let row = pg.scene.train.x(0).to_vec();
    let (x, y) = (row[0], row[1]);
    assert!(pg.remove_nearest(x, y, 1e-9));
    assert!(pg.remove_nearest(pg.scene.train.x(0)[0], pg.scene.train.x(0)[1], 1e-9));
    assert!(pg.undo() && pg.undo());
    assert_eq!(pg.scene.train.x(0), &row[..]);
    assert_eq!(pg.scene.train.xs.len(), 4 * pg.scene.train.len());
    // Another data set and back: what Undo held of the other width is gone.
    pg.set(&change(r#"{"dataset":"iris"}"#), None).unwrap();
    pg.set(&change(r#"{"dataset":"own"}"#), None).unwrap();
    while pg.undo() {}
    assert_eq!(pg.scene.train.xs.len(), 4 * pg.scene.train.len());
    pg.train_epoch().unwrap();
    pg.scene.compute_boundary(8, 0..8).unwrap();
}
