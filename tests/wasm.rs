//! The JS API in a real browser (`wasm-pack test --headless --chrome`): config errors become JS
//! errors naming the field, views have the right length, same seed → same result.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Float32Array, Float64Array, Object, Reflect};
use scratchnet::wasm::{Network, Playground};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &(*k).into(), v).unwrap();
    }
    obj.into()
}

/// The message of the JS `Error` a failed call produced.
/// A JS number.
fn n(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

/// A JS array of numbers.
fn arr(v: &[f64]) -> JsValue {
    Float64Array::from(v).into()
}

const U: JsValue = JsValue::UNDEFINED;

fn message<T>(result: Result<T, wasm_bindgen::JsError>) -> String {
    let value: JsValue = match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.into(),
    };
    let error: Error = value.dyn_into().expect("a JS Error");
    error.message().into()
}

#[wasm_bindgen_test]
fn config_object_is_accepted() {
    let pg = Playground::new(config(&[
        ("learningRate", 0.3.into()),
        ("hiddenLayers", Array::of2(&3.into(), &2.into()).into()),
        ("dataset", "xor".into()),
        ("seed", 5.into()),
    ]))
    .unwrap();
    let c = pg.config();
    assert_eq!(
        Reflect::get(&c, &"learningRate".into()).unwrap().as_f64(),
        Some(0.3)
    );
    assert_eq!(
        Reflect::get(&c, &"dataset".into())
            .unwrap()
            .as_string()
            .unwrap(),
        "xor"
    );
    assert_eq!(pg.layer_sizes(), vec![2, 3, 2, 1]);
}

#[wasm_bindgen_test]
fn unknown_field_and_bad_value_are_js_errors_naming_them() {
    let m = message(Playground::new(config(&[("learningRat", 0.3.into())])));
    assert!(m.contains("learningRat"), "{m}");
    let m = message(Playground::new(config(&[("learningRate", (-2.0).into())])));
    assert!(m.contains("learningRate") && m.contains("-2"), "{m}");
    let m = message(Playground::new(config(&[("hiddenLayers", "big".into())])));
    assert!(m.contains("hiddenLayers"), "{m}");
    let mut pg = Playground::new(JsValue::UNDEFINED).unwrap();
    let m = message(pg.set(config(&[("noise", 3.into())])));
    assert!(m.contains("noise"), "{m}");
    let m = message(pg.add_point(n(2.0), n(0.0), n(1.0)));
    assert!(m.contains("x: 2"), "{m}");
    let m = message(pg.import_model("{\"format\":\"scratchnet-model\"}".into()));
    assert!(m.contains("version") || m.contains("layers"), "{m}");
}

#[wasm_bindgen_test]
fn training_lowers_the_loss() {
    let mut pg = Playground::new(JsValue::UNDEFINED).unwrap();
    pg.evaluate();
    let before = pg.train_loss();
    for _ in 0..50 {
        pg.train(n(20.0), U).unwrap();
    }
    pg.evaluate();
    let after = pg.train_loss();
    assert!(after < 0.5 * before, "{before} → {after}");
    assert!(pg.test_accuracy() > 0.9, "{}", pg.test_accuracy());
    // A negative or fractional count is an error naming it (not four billion steps), and trains nothing.
    let steps = pg.steps();
    for bad in [-1.0, 2.5, f64::NAN, 1e12] {
        let e = message(pg.train(n(bad), U));
        assert!(
            e.starts_with("steps: ")
                && (e.contains("not a whole number") || e.contains("is outside")),
            "{e}"
        );
    }
    assert_eq!(pg.steps(), steps);
    let e = message(pg.compute_boundary(n(-5.0), U, U));
    assert!(e.contains("resolution: -5"), "{e}");
}

#[wasm_bindgen_test]
fn boundary_view_has_the_right_length_and_finite_values() {
    let mut pg = Playground::new(JsValue::UNDEFINED).unwrap();
    pg.train(n(100.0), U).unwrap();
    let rgba = pg.compute_boundary(n(50.0), U, U).unwrap();
    assert_eq!(rgba.length(), 50 * 50 * 4);
    // One band of rows: the same view; a band past the grid is a JS error naming the rows.
    assert_eq!(
        pg.compute_boundary(n(50.0), n(10.0), n(20.0))
            .unwrap()
            .length(),
        50 * 50 * 4
    );
    let e = message(pg.compute_boundary(n(50.0), n(40.0), n(60.0)));
    assert!(e.contains("rows: 40..60"), "{e}");
    let probabilities: Float32Array = pg.boundary_probabilities();
    assert_eq!(probabilities.length(), 50 * 50);
    assert!(probabilities
        .to_vec()
        .iter()
        .all(|p| p.is_finite() && (0.0..=1.0).contains(p)));
    let points = pg.points();
    assert_eq!(points.length(), pg.point_count() * 4);
}

#[wasm_bindgen_test]
fn two_handles_with_the_same_seed_agree() {
    let make = || {
        let mut pg = Playground::new(config(&[("seed", 42.into())])).unwrap();
        pg.train(n(200.0), U).unwrap();
        pg.weights().to_vec()
    };
    let (a, b) = (make(), make());
    assert_eq!(a.len(), 2 * 4 + 4 + 4 + 1);
    assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
}

#[wasm_bindgen_test]
fn network_params_round_trip_and_train() {
    let mut a = Network::new(
        arr(&[2.0, 5.0, 1.0]),
        "sigmoid".into(),
        "sigmoid".into(),
        n(7.0),
        None,
    )
    .unwrap();
    let params = a.params();
    assert_eq!(params.length(), 2 * 5 + 5 + 5 + 1);
    let mut b = Network::new(
        arr(&[2.0, 5.0, 1.0]),
        "sigmoid".into(),
        "sigmoid".into(),
        n(8.0),
        None,
    )
    .unwrap();
    // Float32 input is accepted too; round to f32 first so both networks hold the same values.
    let as_f32 = Float32Array::new(&params);
    a.set_params(as_f32.clone().into()).unwrap();
    b.set_params(as_f32.clone().into()).unwrap();
    assert_eq!(a.params().to_vec(), b.params().to_vec());
    assert_eq!(
        a.predict(n(0.2), n(0.9)).unwrap(),
        b.predict(n(0.2), n(0.9)).unwrap()
    );
    let m = message(b.set_params(Float64Array::new_with_length(3).into()));
    assert!(m.contains("params"), "{m}");
    // One SGD step on a batch lowers that batch's loss.
    let xs = [0.1, 0.9, 0.8, 0.2, 0.3, 0.7, 0.9, 0.1];
    let ys = [1.0, 0.0, 1.0, 0.0];
    let first = a.train_batch(arr(&xs), arr(&ys), n(1.0)).unwrap();
    let mut last = first;
    for _ in 0..200 {
        last = a.train_batch(arr(&xs), arr(&ys), n(1.0)).unwrap();
    }
    assert!(last < first, "{first} → {last}");
    let grid = a.predict_grid(arr(&xs)).unwrap();
    assert_eq!(grid.length(), 4);
    assert!(grid.get_index(0) > 0.5 && grid.get_index(1) < 0.5);
    // Sizes and batch sizes that are not whole numbers ≥ 0 are named as given.
    let e = message(Network::new(
        arr(&[2.0, -5.0, 1.0]),
        "sigmoid".into(),
        "sigmoid".into(),
        n(1.0),
        None,
    ));
    assert!(e.contains("layers[1]: -5"), "{e}");
    let e = message(a.train_epoch(arr(&xs), arr(&ys), n(-1.0), n(0.1)));
    assert!(e.starts_with("batchSize: -1"), "{e}");
}

#[wasm_bindgen_test]
fn a_held_training_set_trains_as_the_arrays_do_and_a_bad_one_changes_nothing() {
    // 100 examples of two inputs in [-1, 1), targets ±1.
    let xs: Vec<f64> = (0..200)
        .map(|i| f64::from(i * 37 % 101) / 50.0 - 1.0)
        .collect();
    let ys: Vec<f64> = (0..100)
        .map(|i| if i * 13 % 7 < 3 { 1.0 } else { -1.0 })
        .collect();
    for precision in ["f32", "f64"] {
        let make = || {
            let sizes = arr(&[2.0, 8.0, 8.0, 1.0]);
            Network::new(
                sizes,
                "tanh".into(),
                "tanh".into(),
                n(3.0),
                Some(precision.into()),
            )
            .unwrap()
        };
        let (mut passed, mut held) = (make(), make());
        let m = message(held.train_on_data(n(10.0), n(0.1)));
        assert!(m.contains("no data held; call setData"), "{m}");
        assert_eq!(held.set_data(arr(&xs), arr(&ys)).unwrap(), 100);
        // Bad sets are refused by name, and the set held before stays (checked below: the epochs
        // over it still equal those over the arrays).
        let m = message(held.set_data(arr(&xs[..199]), arr(&ys)));
        assert!(m.contains("199 inputs and 100 targets"), "{m}");
        let mut bad = xs.clone();
        bad[3] = f64::NAN;
        let m = message(held.set_data(arr(&bad), arr(&ys)));
        assert!(m.contains("xs[3]: NaN is not a finite number"), "{m}");
        bad[3] = 1e300;
        let m = held.set_data(arr(&bad), arr(&ys));
        if precision == "f32" {
            // trainEpoch and trainBatch read their arrays the same way.
            let e = message(passed.train_epoch(arr(&bad), arr(&ys), n(10.0), n(0.1)));
            assert!(
                e.contains("xs[3]: 1e+300 is beyond the range of f32"),
                "{e}"
            );
            let e = message(passed.train_batch(arr(&bad[..4]), arr(&ys[..2]), n(0.1)));
            assert!(
                e.contains("xs[3]: 1e+300 is beyond the range of f32"),
                "{e}"
            );
            let m = message(m);
            assert!(
                m.contains("xs[3]: 1e+300 is beyond the range of f32"),
                "{m}"
            );
        } else {
            // f64 holds it: put the good set back.
            assert_eq!(m.unwrap(), 100);
            held.set_data(arr(&xs), arr(&ys)).unwrap();
        }
        let m = message(held.train_on_data(n(0.0), n(0.1)));
        assert!(m.starts_with("batchSize: 0; use at least 1"), "{m}");
        let m = message(held.train_on_data(n(2.5), n(0.1)));
        assert!(m.starts_with("batchSize: 2.5 is not a whole number"), "{m}");
        let m = message(held.train_on_data("10".into(), n(0.1)));
        assert!(m.starts_with("batchSize: expected a number"), "{m}");
        let m = message(held.train_on_data(n(10.0), n(f64::NAN)));
        assert!(m.starts_with("learningRate: NaN"), "{m}");
        // One online step first on both: in f32 its weights stay in the kernel's lanes, which the
        // epoch must take up (not the network's stale copy).
        for net in [&mut passed, &mut held] {
            net.train_example(n(0.25), n(-0.5), n(1.0), n(0.1)).unwrap();
        }
        let first = passed
            .train_epoch(arr(&xs), arr(&ys), n(10.0), n(0.1))
            .unwrap();
        assert_eq!(held.train_on_data(n(10.0), n(0.1)).unwrap(), first);
        let mut last = first;
        for _ in 0..30 {
            last = passed
                .train_epoch(arr(&xs), arr(&ys), n(10.0), n(0.1))
                .unwrap();
            assert_eq!(held.train_on_data(n(10.0), n(0.1)).unwrap(), last);
        }
        assert!(last < first, "{precision}: loss {first} → {last}");
        assert_eq!(
            passed.params().to_vec(),
            held.params().to_vec(),
            "{precision}"
        );
    }
}

#[wasm_bindgen_test]
fn an_f32_network_trains_one_plain_example_per_call_and_refuses_what_is_not_a_number() {
    let make = |precision: &str| {
        Network::new(
            arr(&[2.0, 5.0, 1.0]),
            "sigmoid".into(),
            "sigmoid".into(),
            n(11.0),
            Some(precision.into()),
        )
        .unwrap()
    };
    let (mut a, mut wide) = (make("f32"), make("f64"));
    assert_eq!(
        (a.precision(), wide.precision()),
        ("f32".into(), "f64".into())
    );
    // The same seed: f64's initial weights, rounded.
    let rounded: Vec<f64> = wide
        .params()
        .to_vec()
        .iter()
        .map(|&w| f64::from(w as f32))
        .collect();
    assert_eq!(a.params().to_vec(), rounded);
    // Points above y = x against points below, one call per example: the loss falls, and the f32
    // and f64 networks end within the stated tolerance of each other.
    let points: Vec<(f64, f64)> = (0..400u32)
        .map(|i| {
            let c = |k: u32| f64::from((i * 2 + k).wrapping_mul(2_654_435_761) >> 8) / 16_777_216.0;
            (c(0), c(1))
        })
        .collect();
    let epoch = |net: &mut Network| {
        let mut total = 0.0;
        for &(x, y) in &points {
            total += net
                .train_example(n(x), n(y), n(f64::from(u8::from(y > x))), n(1.0))
                .unwrap();
        }
        total / points.len() as f64
    };
    let first = epoch(&mut a);
    epoch(&mut wide);
    // One call per example keeps the weights in the f32 kernel's lanes between calls: what the
    // network then reports, predicts and trains from is what one `trainEpoch` gives, bit for bit.
    let (mut c, mut whole) = (make("f32"), make("f32"));
    epoch(&mut c);
    let xs: Vec<f64> = points.iter().flat_map(|&(x, y)| [x, y]).collect();
    let ys: Vec<f64> = points
        .iter()
        .map(|&(x, y)| f64::from(u8::from(y > x)))
        .collect();
    whole
        .train_epoch(arr(&xs), arr(&ys), n(1.0), n(1.0))
        .unwrap();
    assert_eq!(c.params().to_vec(), whole.params().to_vec());
    let probe = |net: &mut Network| net.predict(n(0.3), n(0.6)).unwrap();
    assert_eq!(probe(&mut c), probe(&mut whole));
    // A `trainBatch` of one example takes the same step, in either precision (in f32 with the
    // weights kept in the lanes likewise), whether its arrays are typed or plain.
    for precision in ["f32", "f64"] {
        let (mut by_batch, mut by_example) = (make(precision), make(precision));
        epoch(&mut by_example);
        for (i, &(x, y)) in points.iter().enumerate() {
            let t = f64::from(u8::from(y > x));
            let (xs, ts): (JsValue, JsValue) = if i % 2 == 0 {
                (arr(&[x, y]), arr(&[t]))
            } else {
                let plain = |v: &[f64]| v.iter().map(|&v| n(v)).collect::<js_sys::Array>().into();
                (plain(&[x, y]), plain(&[t]))
            };
            by_batch.train_batch(xs, ts, n(1.0)).unwrap();
        }
        assert_eq!(
            by_batch.params().to_vec(),
            by_example.params().to_vec(),
            "{precision}"
        );
        // A batch of two after such steps starts from the weights they left in the lanes.
        let mut fresh = make(precision);
        fresh.set_params(by_example.params().into()).unwrap();
        by_batch
            .train_example(n(0.5), n(0.6), n(1.0), n(1.0))
            .unwrap();
        fresh.train_example(n(0.5), n(0.6), n(1.0), n(1.0)).unwrap();
        let (two_x, two_t) = ([0.1, 0.8, 0.9, 0.2], [1.0, 0.0]);
        by_batch
            .train_batch(arr(&two_x), arr(&two_t), n(0.5))
            .unwrap();
        fresh.train_batch(arr(&two_x), arr(&two_t), n(0.5)).unwrap();
        assert_eq!(
            by_batch.params().to_vec(),
            fresh.params().to_vec(),
            "{precision}"
        );
        // A bad one-example batch is refused by name and leaves the kept weights as they were.
        let before = by_batch.params().to_vec();
        let e = message(by_batch.train_batch(arr(&[0.1, f64::NAN]), arr(&[1.0]), n(1.0)));
        assert!(e.starts_with("xs[1]: NaN"), "{e}");
        let e = message(by_batch.train_batch(arr(&[0.1, 0.2]), arr(&[1.0]), "1".into()));
        assert!(
            e.starts_with("learningRate: expected a number, got a string"),
            "{e}"
        );
        assert_eq!(by_batch.params().to_vec(), before);
    }
    let mut twin = make("f32");
    twin.set_params(c.params().into()).unwrap();
    c.train_example(n(0.2), n(0.9), n(1.0), n(1.0)).unwrap();
    twin.train_example(n(0.2), n(0.9), n(1.0), n(1.0)).unwrap();
    assert_eq!(c.params().to_vec(), twin.params().to_vec());
    // setParams after a kept step wins over the weights kept in the lanes.
    c.train_example(n(0.7), n(0.1), n(0.0), n(1.0)).unwrap();
    c.set_params(twin.params().into()).unwrap();
    assert_eq!(c.params().to_vec(), twin.params().to_vec());
    let mut last = first;
    for _ in 0..5 {
        last = epoch(&mut a);
        epoch(&mut wide);
    }
    assert!(last < first * 0.5, "{first} → {last}");
    let drift = a
        .params()
        .to_vec()
        .iter()
        .zip(wide.params().to_vec())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max);
    assert!(drift < 1e-4, "f32 drifted {drift} from f64");
    // What is not a finite number is refused by name and changes nothing.
    let before = a.params().to_vec();
    let e = message(a.train_example(n(f64::NAN), n(0.5), n(1.0), n(0.5)));
    assert!(e.starts_with("x1: NaN"), "{e}");
    let e = message(a.train_example(n(0.1), n(0.5), n(f64::INFINITY), n(0.5)));
    assert!(e.starts_with("target: "), "{e}");
    let e = message(a.train_example(n(0.1), n(0.5), n(1.0), n(-2.0)));
    assert!(e.starts_with("learningRate: -2"), "{e}");
    // Finite in f64 but not in f32: refused (it would train the kept weights to NaN).
    let e = message(a.train_example(n(0.1), n(-1e300), n(1.0), n(0.5)));
    assert_eq!(e, "x2: -1e+300 is beyond the range of f32");
    assert_eq!(a.params().to_vec(), before);
    assert!(
        wide.train_example(n(0.1), n(-1e300), n(1.0), n(0.5))
            .is_ok(),
        "f64 holds it"
    );
    // A linear output on such inputs throws the weights past f64's range: a step that would leave
    // one infinite or NaN is not taken and says so, and the weights stay ones `setParams` takes.
    let mut big = Network::new(
        arr(&[2.0, 3.0, 1.0]),
        "relu".into(),
        "linear".into(),
        n(7.0),
        None,
    )
    .unwrap();
    let mut refused = 0;
    for _ in 0..20 {
        let kept = big.params().to_vec();
        match big.train_example(n(1e300), n(1e300), n(1.0), n(1000.0)) {
            Ok(loss) => assert!(loss.is_finite()),
            Err(e) => {
                let e = message::<()>(Err(e));
                assert!(e.starts_with("trainExample: training diverged"), "{e}");
                assert_eq!(
                    big.params().to_vec(),
                    kept,
                    "a refused step changes nothing"
                );
                refused += 1;
            }
        }
        assert!(big.params().to_vec().iter().all(|w| w.is_finite()));
        let params = big.params();
        big.set_params(params.into()).unwrap();
    }
    assert!(refused > 0, "1e300 at η = 1000 must overflow");
    for call in ["trainBatch", "trainEpoch"] {
        let kept = big.params().to_vec();
        let (xs, ys) = (arr(&[1e300, 1e300, -1e300, 1e300]), arr(&[1.0, -1.0]));
        let result = if call == "trainBatch" {
            big.train_batch(xs, ys, n(1000.0))
        } else {
            big.train_epoch(xs, ys, n(1.0), n(1000.0))
        };
        let e = message(result);
        assert!(e.starts_with(&format!("{call}: training diverged")), "{e}");
        assert_eq!(big.params().to_vec(), kept, "{call} changed the weights");
    }
    let e = message(Network::new(
        arr(&[2.0, 3.0, 1.0]),
        "tanh".into(),
        "sigmoid".into(),
        n(1.0),
        Some("f16".into()),
    ));
    assert!(e.contains("precision") && e.contains("f16"), "{e}");
}

include!("checksum.rs.in");

/// 300 Adam steps on the default scene with [5, 3] hidden and seed 7 in `precision`.
fn golden_run(precision: &str) -> Vec<f64> {
    let mut pg = Playground::new(config(&[
        ("seed", 7.into()),
        ("hiddenLayers", Array::of2(&5.into(), &3.into()).into()),
        ("optimizer", "adam".into()),
        ("learningRate", 0.01.into()),
        ("precision", precision.into()),
    ]))
    .unwrap();
    pg.train(n(300.0), U).unwrap();
    pg.weights().to_vec()
}

#[wasm_bindgen_test]
fn training_in_the_browser_gives_the_native_weights_bit_for_bit() {
    // The values `trained_weights_match_the_golden_checksum_shared_with_the_wasm_test` and
    // `f32_training_matches_its_own_golden_checksum_shared_with_the_wasm_test` assert natively.
    assert_eq!(checksum(&golden_run("f64")), include!("golden_checksum.in"));
    assert_eq!(
        checksum(&golden_run("f32")),
        include!("golden_f32_checksum.in")
    );
}

#[wasm_bindgen_test]
fn online_and_batched_sgd_in_the_browser_give_the_native_weights_bit_for_bit() {
    // The value `online_and_batched_sgd_match_the_golden_checksum_shared_with_the_wasm_test` asserts
    // natively.
    assert_eq!(
        checksum(&sgd_paths_params()),
        include!("golden_sgd_checksum.in")
    );
    assert_eq!(
        checksum(&sgd_paths::<f32>()),
        include!("golden_sgd_f32_checksum.in")
    );
}

/// The wasm build's own allocator (`heap::Blocks`): blocks of many sizes and alignments, freed
/// and reused in a shuffled order and grown in place, never overlap or lose their contents.
/// Bytes of wasm memory now.
fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

#[wasm_bindgen_test]
fn long_use_does_not_grow_memory_without_bound() {
    let mut pg = Playground::new(config(&[("points", 1000.into())])).unwrap();
    let model = pg.export_model();
    let shapes = [
        Array::of2(&8.into(), &8.into()),
        Array::of3(&64.into(), &64.into(), &64.into()),
        Array::of1(&3.into()),
    ];
    let round = |pg: &mut Playground, i: usize| {
        pg.set(config(&[("hiddenLayers", shapes[i % 3].clone().into())]))
            .unwrap();
        pg.train(n(2.0), U).unwrap();
        pg.compute_boundary(n(64.0), U, U).unwrap();
        pg.set(config(&[("hiddenLayers", Array::of1(&4.into()).into())]))
            .unwrap();
        pg.import_model(model.clone().into()).unwrap();
        for k in 0..5 {
            let x = ((i * 5 + k) % 200) as f64 / 100.0 - 1.0;
            pg.add_point(n(x), n(-x), n((k % 2) as f64)).unwrap();
        }
        for _ in 0..5 {
            assert!(pg.undo());
        }
        let _ = pg.points();
    };
    for i in 0..100 {
        round(&mut pg, i);
    }
    let warm = memory_bytes();
    // 900 more rounds: 1 000 rebuilds and model loads and 5 000 point edits in all.
    for i in 100..1000 {
        round(&mut pg, i);
    }
    let end = memory_bytes();
    assert!(
        end <= warm + 1024.0 * 1024.0,
        "memory grew from {warm} to {end} bytes over 900 rounds of the same work"
    );
    assert_eq!(pg.point_count(), 1000, "every edit was undone");
}

#[wasm_bindgen_test]
fn a_change_reports_what_it_rebuilt_and_a_link_keeps_what_is_valid() {
    let mut pg = Playground::new(JsValue::UNDEFINED).unwrap();
    let effects = pg.set(config(&[("learningRate", 0.3.into())])).unwrap();
    let flag = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).unwrap().as_bool();
    assert_eq!(flag(&effects, "network"), Some(false), "η is live");
    assert_eq!(flag(&effects, "data"), Some(false));
    let effects = pg.set(config(&[("seed", 9.into())])).unwrap();
    assert_eq!(flag(&effects, "network"), Some(true));
    assert_eq!(flag(&effects, "data"), Some(true));
    // A link: softmax before its loss, one bad rate, one unknown key, one wrong type.
    let mut pg = Playground::new(JsValue::UNDEFINED).unwrap();
    let problems = pg.apply_link(config(&[
        ("outputActivation", "softmax".into()),
        ("learningRate", 99.into()),
        ("wobble", 1.into()),
        ("noise", "loud".into()),
        ("loss", "softmaxCrossEntropy".into()),
        ("dataset", "circle".into()),
    ]));
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("learningRate: 99")));
    assert!(problems.iter().any(|p| p.contains("wobble")));
    assert!(problems.iter().any(|p| p.starts_with("noise: ")));
    let c = pg.config();
    let get = |k: &str| Reflect::get(&c, &k.into()).unwrap();
    assert_eq!(get("outputActivation").as_string().unwrap(), "softmax");
    assert_eq!(get("loss").as_string().unwrap(), "softmaxCrossEntropy");
    assert_eq!(get("dataset").as_string().unwrap(), "circle");
    assert_eq!(get("learningRate").as_f64(), Some(0.1));
    assert_eq!(pg.layer_sizes(), vec![2, 4, 2]);
}

#[wasm_bindgen_test]
fn a_lesson_is_a_scene_with_the_same_methods() {
    let mut lesson = scratchnet::wasm::Lesson::new("line".into(), n(1.0)).unwrap();
    assert!(lesson.on_plane());
    lesson.train(n(2000.0), U).unwrap();
    let rgba = lesson.compute_boundary(n(32.0), U, U).unwrap();
    assert_eq!(rgba.length(), 32 * 32 * 4);
    assert_eq!(lesson.points().length(), (300 + 100) * 4);
    let figures = lesson.figures();
    let keys: Vec<String> = Object::keys(figures.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(&keys[..3], ["loss", "accuracy", "iterations"], "in order");
    let accuracy = Reflect::get(&figures, &"accuracy".into()).unwrap();
    assert!(accuracy.as_f64().unwrap() > 90.0, "{accuracy:?}");
    let m = message(scratchnet::wasm::Lesson::new("nope".into(), n(1.0)));
    assert!(m.contains("\"nope\" is not one of line"), "{m}");
    let m = message(lesson.import_model(JsValue::from_str(
        r#"{"format":"scratchnet-model","version":1,"layers":[2,"5",1]}"#,
    )));
    assert!(m.starts_with("layers[1]: "), "{m}");
}

#[wasm_bindgen_test]
fn new_seeds_come_from_the_browsers_entropy() {
    let seeds: Vec<f64> = (0..8).map(|_| scratchnet::wasm::new_seed()).collect();
    assert!(seeds
        .iter()
        .all(|s| s.fract() == 0.0 && (0.0..1e6).contains(s)));
    let mut distinct = seeds.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert!(distinct.len() > 1, "{seeds:?}");
}
