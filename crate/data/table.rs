//! Tables a learner brings: CSV, TSV or semicolon-separated text, with a header row or none.
//!
//! The text is split into records by `csv-core` (the push parser inside the `csv` crate: quoted
//! fields, doubled quotes, `\r\n` or `\n`, blank lines skipped), fed in chunks so that the page can
//! read a large file a piece per frame ([`TableReader::feed`]). What is ours: guessing the
//! delimiter (the one of `,` tab `;` that splits the first lines into the same number of fields,
//! at least two), the header (a first row with no number in it above columns of numbers), numbers
//! (a decimal comma where the delimiter is `;`; `NA`, `?` and empty cells are missing), and the
//! limits ([`MAX_BYTES`], [`MAX_ROWS`], [`MAX_COLUMNS`]).
//!
//! [`Table::select`] then takes the learner's columns (two axes, up to six more inputs, a label)
//! and puts the rows on the plane: each input column's smallest value at −0.9, its largest at 0.9,
//! as the shipped data sets are (`real.rs`).

use crate::base::text::{clip, decimal, Num};
use crate::data::dataset::{Dataset, Task};
use crate::model::output::MAX_CLASSES;

/// Largest text a table may be: 10 MB.
pub const MAX_BYTES: usize = 10 << 20;
/// Most data rows a table may hold.
pub const MAX_ROWS: usize = 100_000;
/// Most columns a table may have.
pub const MAX_COLUMNS: usize = 64;
/// Most inputs a network may take from a table: the two axes and six more.
pub const MAX_INPUTS: usize = 8;
/// Rows kept as text for the page's preview.
pub const PREVIEW_ROWS: usize = 8;
/// The plane's edge for the smallest and largest value of a column.
pub const EDGE: f64 = 0.9;

/// Bytes the delimiter is guessed from.
const SNIFF_BYTES: usize = 64 << 10;
/// A cell's class index where the cell is missing or its column has too many values to be classes.
const NO_CLASS: u8 = u8::MAX;

/// One column as it is read: each cell as a number (NaN if it is none) and as a class.
#[derive(Clone, Debug, Default)]
struct Column {
    nums: Vec<f64>,
    ids: Vec<u8>,
    /// The distinct values, in order of appearance, while there are at most `MAX_CLASSES + 1`.
    distinct: Vec<String>,
    /// More distinct values than `distinct` holds.
    many: bool,
    missing: usize,
    /// Cells that are neither a number nor missing, and the first of them (line, text).
    text: usize,
    first_text: Option<(u32, String)>,
}

impl Column {
    fn push(&mut self, cell: &str, decimal_comma: bool, line: u32) {
        let (num, id) = if is_missing(cell) {
            self.missing += 1;
            (f64::NAN, NO_CLASS)
        } else {
            let num = number(cell, decimal_comma);
            if num.is_none() {
                self.text += 1;
                if self.first_text.is_none() {
                    self.first_text = Some((line, clip(cell)));
                }
            }
            (num.unwrap_or(f64::NAN), self.class_of(cell))
        };
        self.nums.push(num);
        self.ids.push(id);
    }

    fn class_of(&mut self, cell: &str) -> u8 {
        if self.many {
            return NO_CLASS;
        }
        if let Some(i) = self.distinct.iter().position(|d| d == cell) {
            return i as u8;
        }
        self.distinct.push(cell.to_string());
        if self.distinct.len() > MAX_CLASSES {
            self.many = true;
            return NO_CLASS;
        }
        (self.distinct.len() - 1) as u8
    }

    fn numbers(&self) -> usize {
        self.nums.len() - self.missing - self.text
    }
}

/// Whether a cell holds no value.
fn is_missing(cell: &str) -> bool {
    cell.is_empty()
        || ["na", "n/a", "#n/a", "n.a.", "nan", "null", "none", "?", "-"]
            .iter()
            .any(|m| cell.eq_ignore_ascii_case(m))
}

/// A cell's number: an optional sign, digits with a decimal point (or a decimal comma, where
/// `decimal_comma`), an optional exponent.
fn number(cell: &str, decimal_comma: bool) -> Option<f64> {
    let (negative, rest) = match cell.as_bytes().first() {
        Some(b'-') => (true, &cell[1..]),
        Some(b'+') => (false, &cell[1..]),
        _ => (false, cell),
    };
    let v = if decimal_comma && rest.contains(',') && !rest.contains('.') {
        decimal(&rest.replacen(',', ".", 1))?
    } else {
        decimal(rest)?
    };
    v.is_finite().then_some(if negative { -v } else { v })
}

/// The table's text read so far, and the table it makes.
pub struct TableReader {
    reader: Option<csv_core::Reader>,
    delimiter: u8,
    /// Bytes held back until the delimiter can be guessed.
    head: Vec<u8>,
    bytes: usize,
    started: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    table: Table,
    error: Option<String>,
}

impl Default for TableReader {
    fn default() -> TableReader {
        TableReader::new()
    }
}

impl TableReader {
    /// A reader waiting for the first bytes.
    pub fn new() -> TableReader {
        TableReader {
            reader: None,
            delimiter: b',',
            head: Vec::new(),
            bytes: 0,
            started: false,
            out: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            table: Table::default(),
            error: None,
        }
    }

    /// Reads the next bytes of the text. Once an error is found it is kept (and returned by every
    /// later call): nothing more is read.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Result<(), String> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        self.bytes += bytes.len();
        if self.bytes > MAX_BYTES {
            return self.fail(format!(
                "the table is larger than {} MB: Scratchnet reads tables up to {} bytes",
                MAX_BYTES >> 20,
                MAX_BYTES
            ));
        }
        if !self.started && !bytes.is_empty() {
            self.started = true;
            if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                return self.fail(
                    "the file is UTF-16 text: save it as UTF-8 (or plain CSV) and try again".into(),
                );
            }
            bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        }
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return self.fail(format!(
                "the file is not a table of text: it holds binary data (a zero byte at byte {})",
                self.bytes - bytes.len() + at + 1
            ));
        }
        if self.reader.is_none() {
            self.head.extend_from_slice(bytes);
            if self.head.len() < SNIFF_BYTES {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            self.start(&head);
            return self.read(&head, false);
        }
        self.read(bytes, false)
    }

    /// Reads what is left and returns the table, or what is wrong with it.
    pub fn finish(mut self) -> Result<Table, String> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.reader.is_none() {
            let head = std::mem::take(&mut self.head);
            self.start(&head);
            self.read(&head, false)?;
        }
        self.read(&[], true)?;
        let mut table = self.table;
        table.delimiter = self.delimiter;
        table.decide_header()?;
        Ok(table)
    }

    fn fail(&mut self, e: String) -> Result<(), String> {
        self.error = Some(e.clone());
        Err(e)
    }

    /// Guesses the delimiter from the first lines and starts the reader.
    fn start(&mut self, head: &[u8]) {
        self.delimiter = guess_delimiter(head);
        self.table.decimal_comma = self.delimiter == b';';
        self.reader = Some(
            csv_core::ReaderBuilder::new()
                .delimiter(self.delimiter)
                .build(),
        );
    }

    fn read(&mut self, mut input: &[u8], end: bool) -> Result<(), String> {
        use csv_core::ReadRecordResult as R;
        let Some(reader) = self.reader.as_mut() else {
            return Ok(());
        };
        loop {
            let (result, n_in, n_out, n_ends) = reader.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            // The record's line: where it ended (its terminator moved the count on already).
            let ended_line = input[..n_in].last() == Some(&b'\n');
            input = &input[n_in..];
            self.out_len += n_out;
            self.ends_len += n_ends;
            match result {
                R::InputEmpty if !end => return Ok(()),
                R::InputEmpty => {}
                R::OutputFull => {
                    let n = self.out.len();
                    self.out.resize(n * 2, 0);
                }
                R::OutputEndsFull => {
                    let n = self.ends.len();
                    self.ends.resize(n * 2, 0);
                }
                R::Record => {
                    let line = reader.line() as u32 - u32::from(ended_line);
                    let fields: Vec<&[u8]> = (0..self.ends_len)
                        .map(|i| {
                            let start = if i == 0 { 0 } else { self.ends[i - 1] };
                            &self.out[start..self.ends[i]]
                        })
                        .collect();
                    let result = self.table.push_row(&fields, line);
                    self.out_len = 0;
                    self.ends_len = 0;
                    if let Err(e) = result {
                        self.error = Some(e.clone());
                        return Err(e);
                    }
                }
                R::End => return Ok(()),
            }
        }
    }
}

/// The one of `,`, tab and `;` that splits the first lines of `head` into the same number of fields
/// (at least two) most often; the most fields wins a tie, then tab, then `;`. A comma otherwise.
fn guess_delimiter(head: &[u8]) -> u8 {
    let mut best = ((false, false, 0, 0), b',');
    for (rank, delimiter) in [b',', b';', b'\t'].into_iter().enumerate() {
        let counts = field_counts(head, delimiter, 20);
        // The most common count among the lines (the header's may differ under a decimal comma).
        let share = |c: usize| counts.iter().filter(|&&d| d == c).count();
        let Some(mode) = counts.iter().copied().max_by_key(|&c| (share(c), c)) else {
            continue;
        };
        // Every line alike (the header too) beats most lines alike: a decimal comma in every cell
        // gives a comma more fields in the rows but not in the header.
        let all = share(mode) == counts.len();
        let score = (all, share(mode) * 4 >= counts.len() * 3, mode, rank);
        if mode >= 2 && score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

/// The number of fields in each of the first `lines` complete records of `head` under `delimiter`.
fn field_counts(head: &[u8], delimiter: u8, lines: usize) -> Vec<usize> {
    use csv_core::ReadRecordResult as R;
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; head.len().max(1)];
    let mut ends = vec![0usize; head.len().max(1)];
    let (mut input, mut counts) = (head, Vec::new());
    while counts.len() < lines {
        let (result, n_in, _, n_ends) = reader.read_record(input, &mut out, &mut ends);
        input = &input[n_in..];
        match result {
            R::Record => counts.push(n_ends),
            // The last record may be cut by the end of the sample: it is not counted.
            R::InputEmpty | R::OutputFull | R::OutputEndsFull | R::End => break,
        }
    }
    counts
}

/// A table: its columns' names and cells, and what the first rows say as text.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The columns' names: the header's, or `column 1`, `column 2`, … where there is none.
    pub names: Vec<String>,
    /// Whether the first row was read as the header.
    pub header: bool,
    /// The fields' delimiter.
    pub delimiter: u8,
    /// Whether a comma in a number is its decimal point (the delimiter is `;`).
    pub decimal_comma: bool,
    columns: Vec<Column>,
    /// The file's line of each row, from 1.
    lines: Vec<u32>,
    /// The first row (a header or not) and its line.
    first: Option<(Vec<String>, u32)>,
    /// The first rows as text, for the page.
    pub preview: Vec<Vec<String>>,
    /// Rows with more fields than the first, whose extra fields were ignored.
    pub long_rows: usize,
}

/// What a column holds, for the page's column menus.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ColumnInfo {
    /// Its name.
    pub name: String,
    /// Cells holding a number.
    pub numbers: usize,
    /// Cells holding something else.
    pub text: usize,
    /// Empty cells (and `NA`, `?`, …).
    pub missing: usize,
    /// Its distinct values when there are at most four (a label column's classes), else empty.
    pub values: Vec<String>,
}

impl Table {
    fn push_row(&mut self, fields: &[&[u8]], line: u32) -> Result<(), String> {
        let cells: Vec<String> = fields
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_string())
            .collect();
        if cells.iter().all(String::is_empty) {
            return Ok(()); // a blank line, or one of delimiters only
        }
        let Some((first, _)) = &self.first else {
            if cells.len() > MAX_COLUMNS {
                return Err(format!(
                    "the table has {} columns: Scratchnet reads at most {MAX_COLUMNS}",
                    cells.len()
                ));
            }
            self.columns = vec![Column::default(); cells.len()];
            self.first = Some((cells, line));
            return Ok(());
        };
        let width = first.len();
        if self.lines.len() >= MAX_ROWS {
            return Err(format!(
                "the table has more than {} rows (line {line} is past them): Scratchnet reads at \
                 most {MAX_ROWS}; keep a sample of the rows (every tenth, say) and try again",
                Num(MAX_ROWS as f64)
            ));
        }
        if cells.len() > width {
            self.long_rows += 1;
        }
        if self.preview.len() < PREVIEW_ROWS {
            self.preview
                .push(cells.iter().take(width).cloned().collect());
        }
        for (k, column) in self.columns.iter_mut().enumerate() {
            column.push(
                cells.get(k).map_or("", String::as_str),
                self.decimal_comma,
                line,
            );
        }
        self.lines.push(line);
        Ok(())
    }

    /// Reads the first row as the header when none of its cells is a number and some column below
    /// holds numbers; else it is the first row of data, and the columns are named by position.
    fn decide_header(&mut self) -> Result<(), String> {
        let Some((first, line)) = self.first.take() else {
            return Err("the text holds no table: it has no rows".into());
        };
        let no_number = first
            .iter()
            .all(|c| is_missing(c) || number(c, self.decimal_comma).is_none());
        let numbers_below = self.columns.iter().any(|c| c.numbers() > 0);
        self.header = no_number && (numbers_below || self.lines.is_empty());
        if self.header {
            self.names = first
                .iter()
                .enumerate()
                .map(|(k, name)| {
                    if name.is_empty() {
                        format!("column {}", k + 1)
                    } else {
                        clip(name)
                    }
                })
                .collect();
        } else {
            if self.lines.len() >= MAX_ROWS {
                return Err(format!(
                    "the table has more than {} rows: Scratchnet reads at most {MAX_ROWS}; keep a \
                     sample of the rows (every tenth, say) and try again",
                    Num(MAX_ROWS as f64)
                ));
            }
            self.names = (1..=first.len()).map(|k| format!("column {k}")).collect();
            for (k, column) in self.columns.iter_mut().enumerate() {
                column.push(&first[k], self.decimal_comma, line);
                column.nums.rotate_right(1);
                column.ids.rotate_right(1);
            }
            self.lines.insert(0, line);
            self.preview.insert(0, first);
            self.preview.truncate(PREVIEW_ROWS);
        }
        // Two columns of the same name would be one in the menus: number the later ones.
        for k in 1..self.names.len() {
            if self.names[..k].contains(&self.names[k]) {
                self.names[k] = format!("{} ({})", self.names[k], k + 1);
            }
        }
        if self.lines.is_empty() {
            return Err(format!(
                "the table has a header ({}) and no rows below it",
                clip(&self.names.join(", "))
            ));
        }
        if self.columns.iter().filter(|c| c.numbers() > 0).count() < 2 {
            return Err(format!(
                "the table needs two columns of numbers for the plot's axes; {}",
                match self.columns.iter().filter(|c| c.numbers() > 0).count() {
                    0 => "it has none".to_string(),
                    _ => "it has one".to_string(),
                }
            ));
        }
        if self.columns.len() < 3 {
            return Err(format!(
                "the table has {} columns: it needs three, two inputs and a label",
                self.columns.len()
            ));
        }
        Ok(())
    }

    /// Data rows.
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// What each column holds.
    pub fn columns(&self) -> Vec<ColumnInfo> {
        self.names
            .iter()
            .zip(&self.columns)
            .map(|(name, c)| ColumnInfo {
                name: name.clone(),
                numbers: c.numbers(),
                text: c.text,
                missing: c.missing,
                values: if c.many {
                    Vec::new()
                } else {
                    sorted_values(&c.distinct).iter().map(|v| clip(v)).collect()
                },
            })
            .collect()
    }

    /// The columns the page preselects: `(x, y, label)`. The label is a column named like one
    /// (`species`, `class`, `label`, …), else the last column of text with two to four values,
    /// else the last of text, else the last of two to four numbers, always leaving two columns of
    /// numbers for the axes (else the last column); x and y the first two columns of numbers
    /// besides it.
    pub fn suggest(&self) -> (usize, usize, usize) {
        let n = self.columns.len();
        let c = &self.columns;
        let fits = |k: usize| !c[k].many && (2..=MAX_CLASSES).contains(&c[k].distinct.len());
        let text = |k: usize| c[k].text > 0;
        let axes_left = |k: usize| (0..n).filter(|&j| j != k && c[j].numbers() > 0).count() >= 2;
        let named = |k: usize| {
            let name = self.names[k].to_ascii_lowercase();
            [
                "label", "class", "target", "species", "category", "outcome", "kind",
            ]
            .iter()
            .any(|w| name == *w)
        };
        let last = |rule: &dyn Fn(usize) -> bool| (0..n).rev().find(|&k| rule(k) && axes_left(k));
        let label = (0..n)
            .find(|&k| named(k) && axes_left(k))
            .or_else(|| last(&|k| text(k) && fits(k)))
            .or_else(|| last(&text))
            .or_else(|| last(&fits))
            .unwrap_or(n - 1);
        let mut numeric = (0..n).filter(|&k| k != label && self.columns[k].numbers() > 0);
        let x = numeric.next().unwrap_or(0);
        let y = numeric.next().unwrap_or(1);
        (x, y, label)
    }

    /// The rows on the plane for `inputs` (the axes first, then any more) and `label`, with what
    /// the page says about them; or what is wrong with the choice.
    pub fn select(&self, inputs: &[usize], label: usize) -> Result<Selection, String> {
        let n = self.columns.len();
        let name = |k: usize| format!("\"{}\"", self.names[k]);
        if inputs.len() < 2 || inputs.len() > MAX_INPUTS {
            return Err(format!(
                "inputs: {} columns chosen; the network takes 2 to {MAX_INPUTS}",
                inputs.len()
            ));
        }
        for (i, &k) in inputs.iter().chain([&label]).enumerate() {
            if k >= n {
                return Err(format!("column {}: the table has {n} columns", k + 1));
            }
            if inputs[..i.min(inputs.len())].contains(&k) {
                return Err(format!("column {}: chosen twice", name(k)));
            }
        }
        for &k in inputs {
            if self.columns[k].numbers() == 0 {
                return Err(format!(
                    "column {} holds no numbers, so it cannot be an input{}",
                    name(k),
                    self.columns[k]
                        .first_text
                        .as_ref()
                        .map(|(line, t)| format!(" (line {line}: \"{t}\")"))
                        .unwrap_or_default()
                ));
            }
        }
        let target = &self.columns[label];
        let values = target.distinct.len();
        let regression = target.many && target.text == 0 && target.numbers() > 0;
        if !regression {
            if target.many {
                let shown: Vec<String> = target.distinct[..MAX_CLASSES]
                    .iter()
                    .map(|v| clip(v))
                    .collect();
                // A column of numbers with some text in it: the text is what stops regression.
                let text = match (&target.first_text, target.numbers() > 0) {
                    (Some((line, t)), true) => {
                        format!("; its text (line {line}: \"{t}\") keeps it from being a number")
                    }
                    _ => String::new(),
                };
                return Err(format!(
                    "column {} has more than {MAX_CLASSES} different values ({}, …): a label \
                     names 2 to {MAX_CLASSES} classes, or is a number for regression{text}",
                    name(label),
                    shown.join(", ")
                ));
            }
            if values < 2 {
                return Err(match target.distinct.first().map(|v| clip(v)) {
                    Some(v) => format!(
                        "column {} has one value only (\"{v}\"): a classifier needs 2 to \
                         {MAX_CLASSES} classes",
                        name(label)
                    ),
                    None => format!("column {} is empty", name(label)),
                });
            }
        }
        // Classes in sorted order: the table's order of appearance mapped onto it.
        let names = sorted_values(&target.distinct);
        let order: Vec<f64> = target
            .distinct
            .iter()
            .map(|d| names.iter().position(|s| s == d).unwrap_or(0) as f64)
            .collect();
        let mut kept = Vec::new();
        let mut skipped = Vec::new();
        for row in 0..self.rows() {
            let bad = inputs
                .iter()
                .map(|&k| (k, self.columns[k].nums[row]))
                .find(|(_, v)| v.is_nan())
                .map(|(k, _)| k)
                .or_else(|| {
                    let t = if regression {
                        target.nums[row].is_nan()
                    } else {
                        target.ids[row] == NO_CLASS
                    };
                    t.then_some(label)
                });
            match bad {
                Some(k) => skipped.push((self.lines[row], k)),
                None => kept.push(row),
            }
        }
        if kept.is_empty() {
            return Err(format!(
                "every row misses a number in a chosen column (line {} in {}, for one)",
                skipped[0].0,
                name(skipped[0].1)
            ));
        }
        let range = |k: usize| {
            kept.iter()
                .fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], &r| {
                    let v = self.columns[k].nums[r];
                    [lo.min(v), hi.max(v)]
                })
        };
        let mut ranges: Vec<[f64; 2]> = inputs.iter().map(|&k| range(k)).collect();
        if regression {
            ranges.push(range(label));
        }
        let columns = inputs.iter().chain(regression.then_some(&label));
        for (&k, [lo, hi]) in columns.zip(&ranges) {
            if !(hi - lo).is_finite() {
                return Err(format!(
                    "column {} spans {} to {}, too wide to scale onto the plot",
                    name(k),
                    Num(*lo),
                    Num(*hi)
                ));
            }
        }
        let task = if regression {
            Task::Regression
        } else {
            Task::Classification
        };
        let mut points = Dataset::new(inputs.len(), task);
        let mut x = vec![0.0; inputs.len()];
        for &r in &kept {
            for (j, &k) in inputs.iter().enumerate() {
                x[j] = to_plane(self.columns[k].nums[r], ranges[j]);
            }
            let y = if regression {
                to_plane(target.nums[r], ranges[inputs.len()])
            } else {
                order[target.ids[r] as usize]
            };
            points.push(&x, y);
        }
        Ok(Selection {
            points,
            meta: TableMeta {
                source: String::new(),
                inputs: inputs.iter().map(|&k| self.names[k].clone()).collect(),
                target: self.names[label].clone(),
                classes: if regression { Vec::new() } else { names },
                ranges,
            },
            skipped: skipped
                .iter()
                .take(3)
                .map(|&(line, k)| (line, self.names[k].clone()))
                .collect(),
            skipped_count: skipped.len(),
        })
    }
}

/// `values` (at most five) sorted: by value where all are numbers, else as text. By insertion, by
/// hand: the standard library's sort would add 20 KB to the wasm for these few.
fn sorted_values(values: &[String]) -> Vec<String> {
    let numbers = values.iter().all(|s| number(s, true).is_some());
    let before = |a: &String, b: &String| match numbers {
        true => number(a, true).unwrap_or(0.0) < number(b, true).unwrap_or(0.0),
        false => a < b,
    };
    let mut v = values.to_vec();
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
    v
}

/// The median of `v` (0 for none), by Hoare's selection in place: linear on average, and without
/// the standard library's sort, which would add 20 KB to the wasm.
pub fn median(v: &mut [f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    let upper = select(v, n / 2);
    if n % 2 == 1 {
        return upper;
    }
    // Everything left of the selected element is at most it: the lower middle is their largest.
    let lower = v[..n / 2].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lower + upper) / 2.0
}

/// The `k`-th smallest of `v` (from 0, no NaN), `v` reordered so that nothing before index `k` is
/// larger.
fn select(v: &mut [f64], k: usize) -> f64 {
    let (mut lo, mut hi) = (0, v.len() - 1);
    while lo < hi {
        let pivot = v[lo + (hi - lo) / 2];
        let (mut i, mut j) = (lo, hi);
        loop {
            while v[i] < pivot {
                i += 1;
            }
            while v[j] > pivot {
                j -= 1;
            }
            if i >= j {
                break;
            }
            v.swap(i, j);
            i += 1;
            j -= 1;
        }
        // Now v[lo..=j] ≤ pivot ≤ v[j + 1..=hi].
        if k <= j {
            hi = j;
        } else {
            lo = j + 1;
        }
    }
    v[k]
}

/// `v` on the plane: `range`'s ends at ∓[`EDGE`], a column of one value at 0.
pub fn to_plane(v: f64, [lo, hi]: [f64; 2]) -> f64 {
    if hi > lo {
        -EDGE + 2.0 * EDGE * (v - lo) / (hi - lo)
    } else {
        0.0
    }
}

/// A value on the plane back in its column's units ([`to_plane`]'s inverse).
pub fn from_plane(p: f64, [lo, hi]: [f64; 2]) -> f64 {
    if hi > lo {
        lo + (p + EDGE) * (hi - lo) / (2.0 * EDGE)
    } else {
        lo
    }
}

/// What a table's columns mean on the plane: saved with the points, so that a file or the next
/// visit shows the data in its own units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TableMeta {
    /// Where the table came from (a file's name), for the page.
    #[serde(default)]
    pub source: String,
    /// The input columns' names: x, y, then any more.
    pub inputs: Vec<String>,
    /// The label column's name.
    pub target: String,
    /// The classes' names, by index; empty for regression.
    #[serde(default)]
    pub classes: Vec<String>,
    /// Each input column's smallest and largest value (at ∓0.9 on the plane), and the target's
    /// for regression.
    pub ranges: Vec<[f64; 2]>,
}

/// Longest name a table's column or class may have in a file.
pub const MAX_NAME: usize = 200;

impl TableMeta {
    /// Checks every field (the caller names the file's field, `table`).
    pub fn check(&self) -> Result<(), String> {
        let n = self.inputs.len();
        if !(2..=MAX_INPUTS).contains(&n) {
            return Err(format!(
                "inputs: {n} columns; a table gives the network 2 to {MAX_INPUTS}"
            ));
        }
        if self.classes.len() == 1 || self.classes.len() > MAX_CLASSES {
            return Err(format!(
                "classes: {} given; 2 to {MAX_CLASSES} (or none, for regression)",
                self.classes.len()
            ));
        }
        let want = n + usize::from(self.classes.is_empty());
        if self.ranges.len() != want {
            return Err(format!(
                "ranges: {} given for {want} columns",
                self.ranges.len()
            ));
        }
        for (i, [lo, hi]) in self.ranges.iter().enumerate() {
            if !(lo <= hi && (hi - lo).is_finite()) {
                return Err(format!(
                    "ranges[{i}]: [{}, {}] is not a range of numbers",
                    Num(*lo),
                    Num(*hi)
                ));
            }
        }
        let names = self
            .inputs
            .iter()
            .chain([&self.target, &self.source])
            .chain(&self.classes);
        for s in names {
            if s.chars().count() > MAX_NAME {
                return Err(format!(
                    "\"{}\": a name of at most {MAX_NAME} characters",
                    clip(s)
                ));
            }
        }
        Ok(())
    }

    /// Whether the target is a number (regression) rather than a class.
    pub fn regression(&self) -> bool {
        self.classes.is_empty()
    }
}

/// A table's rows on the plane, what their columns mean, and the rows left out.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Every kept row: its inputs on the plane and its class (or target on the plane).
    pub points: Dataset,
    /// The columns' names, classes and ranges.
    pub meta: TableMeta,
    /// The first rows left out: their line and the column that had no value.
    pub skipped: Vec<(u32, String)>,
    /// Rows left out in all.
    pub skipped_count: usize,
}

/// Reads a whole text at once (tests and small tables).
pub fn read(text: &[u8]) -> Result<Table, String> {
    let mut reader = TableReader::new();
    reader.feed(text)?;
    reader.finish()
}

/// A learner's table as the playground holds it: what its columns mean, and every row on the
/// plane: the training rows, then the test rows, split as they were loaded; another seed or test
/// share splits them anew, like any data set's.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnData {
    /// The columns' names, classes and ranges.
    pub meta: TableMeta,
    /// Every row: its inputs on the plane, its class or target.
    pub points: Dataset,
    /// The seed and test share the rows were loaded under, and how many of them (the first) were
    /// training rows then.
    pub loaded: (u64, f64, usize),
}

impl OwnData {
    /// The rows as the settings `seed` and `test_fraction` split them: as loaded under the ones
    /// they were loaded with, else shuffled and split anew.
    pub fn split(&self, seed: u64, test_fraction: f64) -> (Dataset, Dataset) {
        let (s, f, n_train) = self.loaded;
        if (s, f) != (seed, test_fraction) {
            return self.points.split(test_fraction, seed);
        }
        let mut sets = [
            Dataset::new(self.points.inputs(), self.points.task()),
            Dataset::new(self.points.inputs(), self.points.task()),
        ];
        for i in 0..self.points.len() {
            sets[usize::from(i >= n_train)].push(self.points.x(i), self.points.ys[i]);
        }
        let [train, test] = sets;
        (train, test)
    }

    /// The inputs beyond the plane's two.
    pub fn more_inputs(&self) -> usize {
        self.meta.inputs.len().saturating_sub(2)
    }

    /// The median of each input beyond the plane's two: where the plane's slice holds them at
    /// first.
    pub fn medians(&self) -> Vec<f64> {
        let n = self.points.len();
        (2..self.meta.inputs.len())
            .map(|k| {
                let mut v: Vec<f64> = (0..n).map(|i| self.points.x(i)[k]).collect();
                median(&mut v)
            })
            .collect()
    }
}
