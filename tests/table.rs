//! Tables a learner brings (issue 30 §1): every format the page reads, from files written here, and
//! every bad table refused with a message that names what is wrong.

use scratchnet::data::dataset::Task;
use scratchnet::data::table::{self, from_plane, TableReader, MAX_BYTES, MAX_ROWS};

/// Writes `bytes` to a file of its own and reads it back as the page's file input would.
fn through_file(name: &str, bytes: &[u8]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("scratchnet-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    std::fs::read(&path).unwrap()
}

fn read(name: &str, text: &str) -> Result<table::Table, String> {
    table::read(&through_file(name, text.as_bytes()))
}

#[test]
fn reads_csv_tsv_and_semicolons_with_or_without_a_header() {
    let csv = read(
        "a.csv",
        "length,width,kind\n1.5,2,cat\n3,-4.25,dog\n5,6e1,cat\n",
    )
    .unwrap();
    assert!(csv.header);
    assert_eq!(csv.names, ["length", "width", "kind"]);
    assert_eq!(csv.rows(), 3);
    assert_eq!(csv.suggest(), (0, 1, 2));
    let s = csv.select(&[0, 1], 2).unwrap();
    assert_eq!(s.meta.classes, ["cat", "dog"]);
    assert_eq!(s.meta.ranges, [[1.5, 5.0], [-4.25, 60.0]]);
    assert_eq!(s.points.ys, [0.0, 1.0, 0.0]);
    assert_eq!(s.points.x(0), [-0.9, to_plane(2.0, -4.25, 60.0)]);
    assert_eq!(s.points.x(2)[0], 0.9);

    let tsv = read("b.tsv", "0.5\t1\t0\n0.25\t-1\t1\n\n0\t0\t1\n").unwrap();
    assert!(!tsv.header, "a first row of numbers is data");
    assert_eq!(tsv.names, ["column 1", "column 2", "column 3"]);
    assert_eq!(tsv.rows(), 3, "the blank line is skipped");
    assert_eq!(tsv.delimiter, b'\t');
    let s = tsv.select(&[0, 1], 2).unwrap();
    assert_eq!(s.meta.classes, ["0", "1"]);
    assert_eq!(s.points.ys, [0.0, 1.0, 1.0]);
    assert_eq!(s.points.x(0)[0], 0.9);

    let semi = read(
        "c.csv",
        "\u{feff}Höhe;Breite;Art\r\n1,5;2,25;a\r\n-3,5;4;b\r\n7;1e-1;a\r\n",
    )
    .unwrap();
    assert_eq!(semi.delimiter, b';');
    assert_eq!(
        semi.names,
        ["Höhe", "Breite", "Art"],
        "the BOM is not part of the name"
    );
    let s = semi.select(&[0, 1], 2).unwrap();
    assert_eq!(s.meta.ranges, [[-3.5, 7.0], [0.1, 4.0]]);
    assert_eq!(s.skipped_count, 0);
}

fn to_plane(v: f64, lo: f64, hi: f64) -> f64 {
    table::to_plane(v, [lo, hi])
}

#[test]
fn quoted_fields_keep_their_delimiters_quotes_and_lines() {
    let t = read(
        "q.csv",
        "\"x, in cm\",y,\"label\"\n\"1,5\",2,\"a \"\"big\"\" one\"\n3,4,\"two\nlines\"\n5,6,plain\n",
    )
    .unwrap();
    assert_eq!(t.delimiter, b',');
    assert_eq!(t.names, ["x, in cm", "y", "label"]);
    let info = t.columns();
    assert_eq!(info[2].values, ["a \"big\" one", "plain", "two\nlines"]);
    // "1,5" under a comma delimiter is no number: that row is skipped, and said.
    let s = t.select(&[0, 1], 2).unwrap();
    assert_eq!(s.skipped_count, 1);
    assert_eq!(s.skipped, [(2, "x, in cm".to_string())]);
    assert_eq!(s.points.len(), 2);
}

#[test]
fn a_numeric_label_of_many_values_is_regression_and_reads_back_in_its_units() {
    let mut text = String::from("a,b,price\n");
    for i in 0..50 {
        text.push_str(&format!("{},{},{}\n", i, (i * 7) % 13, 100 + 3 * i));
    }
    text.push_str("NA,1,5\n7,?,5\n8,1,\n");
    let t = read("r.csv", &text).unwrap();
    let s = t.select(&[0, 1], 2).unwrap();
    assert_eq!(s.points.task(), Task::Regression);
    assert!(s.meta.classes.is_empty());
    assert_eq!(s.meta.ranges[2], [100.0, 247.0]);
    assert_eq!(s.skipped_count, 3);
    assert_eq!(
        s.skipped,
        [
            (52, "a".to_string()),
            (53, "b".to_string()),
            (54, "price".to_string())
        ]
    );
    let back = from_plane(s.points.ys[10], s.meta.ranges[2]);
    assert!((back - 130.0).abs() < 1e-9, "{back}");
    // Extra inputs ride along after the axes.
    let s = t.select(&[1, 0], 2);
    assert_eq!(s.unwrap().points.inputs(), 2);
}

#[test]
fn fed_in_pieces_a_table_reads_as_it_does_whole() {
    let text = "\u{feff}x;y;label\r\n1,5;2;\"a;b\"\r\n\r\n3;4,75;c\r\n5;6;\"a;b\"\r\n";
    let whole = table::read(text.as_bytes()).unwrap();
    let want = whole.select(&[0, 1], 2).unwrap();
    for cut in 0..text.len() {
        for piece in [1, 3, 7] {
            let bytes = text.as_bytes();
            let mut r = TableReader::new();
            r.feed(&bytes[..cut]).unwrap();
            for chunk in bytes[cut..].chunks(piece) {
                r.feed(chunk).unwrap();
            }
            let t = r.finish().unwrap();
            assert_eq!(t.names, whole.names, "cut at {cut}, pieces of {piece}");
            let s = t.select(&[0, 1], 2).unwrap();
            assert_eq!(s.points, want.points, "cut at {cut}, pieces of {piece}");
        }
    }
}

#[test]
fn bad_tables_are_refused_with_what_is_wrong() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty", b"", "no rows"),
        (
            "prose",
            b"Dear Sir, I write to say\nthat this is a letter.\n",
            "two columns of numbers",
        ),
        (
            "header only",
            b"x,y,label\n",
            "a header (x, y, label) and no rows",
        ),
        ("two columns", b"1,2\n3,4\n", "needs three"),
        (
            "binary",
            b"PK\x03\x04\x00\x00binary",
            "binary data (a zero byte at byte 5)",
        ),
        ("utf-16", b"\xff\xfex\x00,\x00", "UTF-16"),
    ];
    for (what, bytes, want) in cases {
        let e = table::read(&through_file("bad.csv", bytes)).unwrap_err();
        assert!(e.contains(want), "{what}: {e}");
    }
    let one_class = read("one.csv", "x,y,kind\n1,2,cat\n3,4,cat\n").unwrap();
    let e = one_class.select(&[0, 1], 2).unwrap_err();
    assert!(e.contains("one value only (\"cat\")"), "{e}");
    let five = read("five.csv", "x,y,k\n1,1,a\n2,2,b\n3,3,c\n4,4,d\n5,5,e\n").unwrap();
    let e = five.select(&[0, 1], 2).unwrap_err();
    assert!(
        e.contains("more than 4 different values (a, b, c, d, …)"),
        "{e}"
    );
    let empty = read("hole.csv", "x,y,z,k\n1,,1,a\n2,,2,b\n").unwrap();
    let e = empty.select(&[0, 1], 3).unwrap_err();
    assert!(e.contains("column \"y\" holds no numbers"), "{e}");
    let e = empty.select(&[0, 0], 3).unwrap_err();
    assert!(e.contains("chosen twice"), "{e}");
    let e = empty.select(&[0, 2], 9).unwrap_err();
    assert!(e.contains("the table has 4 columns"), "{e}");
}

#[test]
fn the_limits_are_said_and_nothing_hangs() {
    let mut big = String::from("x,y,k\n");
    for i in 0..=MAX_ROWS {
        big.push_str(&format!("{i},{i},{}\n", i % 2));
    }
    let e = table::read(big.as_bytes()).unwrap_err();
    assert!(
        e.contains("more than 100000 rows") || e.contains("more than 100 000 rows"),
        "{e}"
    );
    // Exactly the limit is read.
    let cut = big.find(&format!("\n{MAX_ROWS},")).unwrap() + 1;
    let t = table::read(&big.as_bytes()[..cut]).unwrap();
    assert_eq!(t.rows(), MAX_ROWS);

    let mut r = TableReader::new();
    let chunk = vec![b'1'; 1 << 20];
    let mut refused = None;
    for _ in 0..11 {
        if let Err(e) = r.feed(&chunk) {
            refused = Some(e);
            break;
        }
    }
    let e = refused.expect("11 MB refused");
    assert!(
        e.contains("larger than 10 MB") && e.contains(&MAX_BYTES.to_string()),
        "{e}"
    );
    assert_eq!(r.feed(b"1,2,3\n").unwrap_err(), e, "and it stays refused");
}

#[test]
fn medians_and_the_label_a_table_suggests() {
    use scratchnet::data::table::median;
    assert_eq!(median(&mut []), 0.0);
    assert_eq!(median(&mut [3.0]), 3.0);
    assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
    assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    // Against sorting, on many orders with repeats.
    let mut seed = 7u64;
    for n in 1..200 {
        let mut v: Vec<f64> = (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((seed >> 33) % 17) as f64
            })
            .collect();
        let mut sorted = v.clone();
        sorted.sort_by(f64::total_cmp);
        let want = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        assert_eq!(median(&mut v), want, "n = {n}");
    }
    // A text label of one value is still the label (and refused as such), not a column of numbers.
    let t = read("one.csv", "x,y,kind\n1,2,cat\n3,4,cat\n").unwrap();
    assert_eq!(t.suggest(), (0, 1, 2));
    // Numbers of two values are a label only where two columns are left for the axes.
    let t = read("n.csv", "a,b,c\n0.5,1,0\n0.25,2,1\n0.75,3,0\n").unwrap();
    assert_eq!(t.suggest(), (0, 1, 2));
    let classes = t.columns()[2].values.clone();
    assert_eq!(classes, ["0", "1"]);
    let t = read("s.csv", "x,y,k\n1,1,b\n2,2,a\n3,3,c\n10,1,b\n").unwrap();
    assert_eq!(t.columns()[2].values, ["a", "b", "c"], "sorted");
    assert_eq!(t.columns()[0].values.len(), 4);
}

#[test]
fn decimal_commas_everywhere_long_labels_huge_spans_and_a_headerless_limit() {
    // Every cell with a decimal comma: the semicolon still wins (the header splits under it).
    let t = read("de.csv", "x;y;z\n1,5;2,3;0,7\n2,5;1,3;0,1\n3,5;0,3;0,9\n").unwrap();
    assert_eq!(t.delimiter, b';');
    assert_eq!(t.names, ["x", "y", "z"]);
    // Labels longer than a message quotes are still one class each.
    let long = "a".repeat(120);
    let other = "b".repeat(120);
    let t = read(
        "long.csv",
        &format!("x,y,k\n1,1,{long}\n2,2,{other}\n3,3,{long}\n"),
    )
    .unwrap();
    let s = t.select(&[0, 1], 2).unwrap();
    assert_eq!(s.meta.classes.len(), 2);
    assert_eq!(s.points.ys, [0.0, 1.0, 0.0]);
    // A column too wide to scale is refused by name.
    let t = read("wide.csv", "x,y,k\n-1e308,1,a\n1e308,2,b\n").unwrap();
    let e = t.select(&[0, 1], 2).unwrap_err();
    assert!(
        e.contains("column \"x\" spans") && e.contains("too wide"),
        "{e}"
    );
    // A number column with a stray text cell: the message quotes it.
    let mut text = String::from("x,y,price\n");
    for i in 0..10 {
        text.push_str(&format!("{i},{i},{}\n", 10 * i));
    }
    text.push_str("3,3,#VALUE!\n");
    let e = read("v.csv", &text)
        .unwrap()
        .select(&[0, 1], 2)
        .unwrap_err();
    assert!(e.contains("line 12: \"#VALUE!\""), "{e}");
    // `#N/A` is a missing value.
    let t = read("na.csv", "x,y,k\n1,#N/A,a\n2,2,b\n3,3,a\n").unwrap();
    assert_eq!(t.select(&[0, 1], 2).unwrap().skipped_count, 1);
    // Without a header the first row counts against the limit too.
    let mut big = String::new();
    for i in 0..=MAX_ROWS {
        big.push_str(&format!("{i},{i},{}\n", i % 2));
    }
    let e = table::read(big.as_bytes()).unwrap_err();
    assert!(e.contains("more than"), "{e}");
}
