//! The `TableReader` and `Table` bindings: a learner's CSV read a piece at a time, its columns
//! described for the page's menus, and the chosen columns turned into a point file the
//! Playground imports (`importPoints`), which is how the worker's twin gets the same points.

use super::args;
use super::convert::*;
use crate::app::files::PointsFile;
use crate::data::table::{self, MAX_BYTES, MAX_INPUTS, MAX_NAME};
use wasm_bindgen::prelude::*;

/// Most bytes one `feed` takes: the page feeds a file in pieces so that no frame waits on it.
const MAX_PIECE: usize = 4 << 20;

/// A table's text, read a piece at a time (`feed`) until `finish` returns the table.
#[wasm_bindgen]
pub struct TableReader {
    inner: Option<table::TableReader>,
}

impl Default for TableReader {
    fn default() -> TableReader {
        TableReader::new()
    }
}

#[wasm_bindgen]
impl TableReader {
    /// A reader waiting for the first bytes.
    #[wasm_bindgen(constructor)]
    pub fn new() -> TableReader {
        TableReader {
            inner: Some(table::TableReader::new()),
        }
    }

    /// Reads the next piece of the text: a `Uint8Array` of at most 4 MiB. Throws what is wrong
    /// with the table as soon as it shows (binary data, more than 10 MB or 100 000 rows), and the
    /// same again on every later call.
    pub fn feed(&mut self, bytes: JsValue) -> Result<(), JsError> {
        let Some(array) = bytes
            .dyn_ref::<js_sys::Uint8Array>()
            .filter(|_| js_sys::ArrayBuffer::is_view(&bytes))
        else {
            return fail(format!(
                "bytes: expected a Uint8Array, got {}",
                args::kind(&bytes)
            ));
        };
        let n = array.length() as usize;
        if n > MAX_PIECE {
            return fail(format!(
                "bytes: {n} bytes in one piece, at most {MAX_PIECE}"
            ));
        }
        let reader = self.reader()?;
        reader.feed(&array.to_vec()).map_err(err)
    }

    /// Reads what is left and returns the table; the reader is used up.
    pub fn finish(&mut self) -> Result<Table, JsError> {
        self.reader()?;
        let reader = self.inner.take().unwrap_or_default();
        Ok(Table {
            inner: reader.finish().map_err(err)?,
        })
    }

    fn reader(&mut self) -> Result<&mut table::TableReader, JsError> {
        self.inner
            .as_mut()
            .ok_or_else(|| err("this reader has finished: start a new one"))
    }
}

/// A table read from a learner's text: its columns, its first rows, and the points chosen columns
/// make.
#[wasm_bindgen]
pub struct Table {
    inner: table::Table,
}

/// What the page shows of a table.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct TableInfo {
    rows: usize,
    header: bool,
    delimiter: String,
    decimal_comma: bool,
    long_rows: usize,
    columns: Vec<table::ColumnInfo>,
    preview: Vec<Vec<String>>,
    suggest: [usize; 3],
    max_inputs: usize,
}

/// What `select` returns.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Chosen {
    /// The point file, as text (`importPoints` takes it).
    file: String,
    /// Rows kept.
    rows: usize,
    /// Rows left out, and the first few (line, column).
    skipped_count: usize,
    skipped: Vec<(u32, String)>,
    /// Classification, multi-class or regression.
    problem: &'static str,
}

#[wasm_bindgen]
impl Table {
    /// `{ rows, header, delimiter, decimalComma, longRows, columns: [{ name, numbers, text,
    /// missing, values }], preview: [[cell]], suggest: [x, y, label], maxInputs }`.
    pub fn info(&self) -> JsValue {
        let t = &self.inner;
        let (x, y, label) = t.suggest();
        to_js(&TableInfo {
            rows: t.rows(),
            header: t.header,
            delimiter: match t.delimiter {
                b'\t' => "tab".into(),
                d => char::from(d).to_string(),
            },
            decimal_comma: t.decimal_comma,
            long_rows: t.long_rows,
            columns: t.columns(),
            preview: t.preview.clone(),
            suggest: [x, y, label],
            max_inputs: MAX_INPUTS,
        })
    }

    /// The points columns `inputs` (indices: x, y, then up to six more) and `label` make, split
    /// into training and test points by `testFraction` and `seed` as a generated set is, with
    /// `source` (the file's name) for the page: `{ file, rows, skippedCount, skipped, problem }`.
    /// Throws what is wrong with the choice (a column of no numbers, a label of one or of five
    /// classes, …).
    pub fn select(
        &self,
        inputs: JsValue,
        label: JsValue,
        source: JsValue,
        test_fraction: JsValue,
        seed: JsValue,
    ) -> Result<JsValue, JsError> {
        let mut values = Vec::new();
        args::floats("inputs", &inputs, MAX_INPUTS, &mut values).map_err(err)?;
        let n = self.inner.names.len() as u64;
        let mut columns = Vec::with_capacity(values.len());
        for (i, &v) in values.iter().enumerate() {
            let k = crate::base::check::int(&format!("inputs[{i}]"), v, 0, n.saturating_sub(1))
                .map_err(err)?;
            columns.push(k as usize);
        }
        let label = args::whole("label", &label, n.saturating_sub(1)).map_err(err)? as usize;
        let source = args::text("source", &source, MAX_NAME).map_err(err)?;
        let test_fraction = args::real("testFraction", &test_fraction, 0.0, 0.9).map_err(err)?;
        let seed = args::whole("seed", &seed, MAX_COUNT).map_err(err)?;
        let mut chosen = self.inner.select(&columns, label).map_err(err)?;
        chosen.meta.source = source;
        let (train, test) = chosen.points.split(test_fraction, seed);
        let file = PointsFile::from_sets(&train, &test, Some(&chosen.meta));
        let problem = match chosen.meta.classes.len() {
            0 => "regression",
            2 => "classification",
            _ => "multi-class",
        };
        Ok(to_js(&Chosen {
            file: json_text(&file),
            rows: chosen.points.len(),
            skipped_count: chosen.skipped_count,
            skipped: chosen.skipped,
            problem,
        }))
    }
}

/// Most bytes a table's text may have (10 MB): the page checks a file's size against it before
/// reading anything.
#[wasm_bindgen(js_name = maxTableBytes)]
pub fn max_table_bytes() -> f64 {
    MAX_BYTES as f64
}
