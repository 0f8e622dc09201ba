//! Reading a table's text: records split by `csv-core`, fed a piece at a time; the delimiter and
//! the header guessed; each cell read as a number and as a class; the limits.

use crate::base::text::{clip, decimal, Num};
use crate::model::output::MAX_CLASSES;

/// Largest text a table may be: 10 MB.
pub const MAX_BYTES: usize = 10 << 20;
/// Most data rows a table may hold.
pub const MAX_ROWS: usize = 100_000;
/// Most columns a table may have.
pub const MAX_COLUMNS: usize = 64;
/// Rows kept as text for the page's preview.
pub const PREVIEW_ROWS: usize = 8;

/// Bytes the delimiter is guessed from.
const SNIFF_BYTES: usize = 64 << 10;
/// A cell's class index where the cell is missing or its column has too many values to be classes.
pub(super) const NO_CLASS: u8 = u8::MAX;

/// One column as it is read: each cell as a number (NaN if it is none) and as a class.
#[derive(Clone, Debug, Default)]
pub(super) struct Column {
    pub(super) nums: Vec<f64>,
    pub(super) ids: Vec<u8>,
    /// The distinct values, in order of appearance, while there are at most `MAX_CLASSES + 1`.
    pub(super) distinct: Vec<String>,
    /// More distinct values than `distinct` holds.
    pub(super) many: bool,
    pub(super) missing: usize,
    /// Cells that are neither a number nor missing, and the first of them (line, text).
    pub(super) text: usize,
    pub(super) first_text: Option<(u32, String)>,
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

    pub(super) fn numbers(&self) -> usize {
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
pub(super) fn number(cell: &str, decimal_comma: bool) -> Option<f64> {
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
    pub(super) columns: Vec<Column>,
    /// The file's line of each row, from 1.
    pub(super) lines: Vec<u32>,
    /// The first row (a header or not) and its line.
    first: Option<(Vec<String>, u32)>,
    /// The first rows as text, for the page.
    pub preview: Vec<Vec<String>>,
    /// Rows with more fields than the first, whose extra fields were ignored.
    pub long_rows: usize,
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
}

/// Reads a whole text at once (tests and small tables).
pub fn read(text: &[u8]) -> Result<Table, String> {
    let mut reader = TableReader::new();
    reader.feed(text)?;
    reader.finish()
}
