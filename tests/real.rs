//! The shipped data sets: Palmer penguins and Fisher's irises, three species each.

mod common;

use common::change;
use scratchnet::app::playground::Playground;

#[test]
fn penguins_train_to_95_percent_with_the_default_network() {
    let mut pg =
        Playground::new(&change(r#"{"problem":"multi-class","dataset":"penguins"}"#)).unwrap();
    let c = pg.config();
    assert_eq!(
        (c.setup.classes, c.setup.hidden_layers.clone()),
        (3, vec![4])
    );
    assert_eq!(
        pg.scene.point_count(),
        342,
        "every penguin with both bill measurements"
    );
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.scene.evaluate();
    assert!(test.accuracy >= 0.95, "test accuracy {}", test.accuracy);
}

#[test]
fn irises_train_to_90_percent() {
    // Versicolor and virginica overlap in petal size: a few of the 45 test irises stay wrong.
    let mut pg = Playground::new(&change(r#"{"problem":"multi-class","dataset":"iris"}"#)).unwrap();
    assert_eq!(pg.scene.point_count(), 150);
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.scene.evaluate();
    assert!(test.accuracy >= 0.9, "test accuracy {}", test.accuracy);
}

#[test]
fn a_real_data_set_keeps_its_own_class_count() {
    // Chosen with four classes in force: three, its species.
    let mut pg = Playground::new(&change(r#"{"problem":"multi-class","classes":4}"#)).unwrap();
    let effects = pg.set(&change(r#"{"dataset":"penguins"}"#), None).unwrap();
    assert!(effects.network && effects.data);
    assert_eq!(pg.config().setup.classes, 3);
    // Asking for four with it is refused by name, and nothing changes.
    let before = pg.config();
    let err = pg
        .set(&change(r#"{"classes":4}"#), None)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err,
        "classes: the penguins data set has 3 classes, its species"
    );
    assert_eq!(pg.config(), before);
    // Two classes have no penguins.
    let err = pg
        .set(
            &change(r#"{"problem":"classification","dataset":"penguins"}"#),
            None,
        )
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.starts_with("dataset: \"penguins\" is not a classification data set"),
        "{err}"
    );
}
