//! The real data sets shipped with the page: Palmer penguins (bill length × bill depth → species)
//! and Fisher's irises (petal length × petal width → species). The files are in `data/`, whose
//! README names their sources and licences; they are compiled in, so nothing is fetched at run
//! time. Each column is scaled onto the plane, its smallest value at −0.9 and its largest at 0.9.

use crate::base::text::decimal;

/// A shipped table: what its two plotted columns and its classes are called, and where it is from.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Table {
    /// The plotted columns, x then y, with their units.
    pub columns: [&'static str; 2],
    /// The classes, by index.
    pub classes: [&'static str; 3],
    /// Where the data come from, for the page.
    pub source: &'static str,
    /// Every measured column, the plotted two among them.
    pub measured: [&'static str; 4],
    #[serde(skip)]
    text: &'static str,
    #[serde(skip)]
    layout: Layout,
}

/// How a file's rows read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// `species,island,bill_length_mm,bill_depth_mm,…`; `NA` for a missing value.
    Penguins,
    /// `sepal length,sepal width,petal length,petal width,class index`.
    Iris,
}

/// Palmer penguins: bill length × bill depth → Adélie, Chinstrap, Gentoo.
pub const PENGUINS: Table = Table {
    columns: ["bill length (mm)", "bill depth (mm)"],
    measured: [
        "bill length (mm)",
        "bill depth (mm)",
        "flipper length (mm)",
        "body mass (g)",
    ],
    classes: ["Adélie", "Chinstrap", "Gentoo"],
    source: "Palmer penguins: K. Gorman and the Palmer Station LTER, from the palmerpenguins \
             package (CC0)",
    text: include_str!("../../data/penguins.csv"),
    layout: Layout::Penguins,
};

/// Fisher's irises: petal length × petal width → setosa, versicolor, virginica.
pub const IRIS: Table = Table {
    columns: ["petal length (cm)", "petal width (cm)"],
    measured: [
        "sepal length (cm)",
        "sepal width (cm)",
        "petal length (cm)",
        "petal width (cm)",
    ],
    classes: ["setosa", "versicolor", "virginica"],
    source: "Fisher's irises (1936), from scikit-learn's copy (public domain)",
    text: include_str!("../../data/iris.csv"),
    layout: Layout::Iris,
};

impl Table {
    /// Every complete row: the two plotted values as measured, and the class index.
    pub fn rows(&self) -> Vec<([f64; 2], usize)> {
        let mut lines = self.text.lines();
        lines.next(); // the header
        lines
            .filter_map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                let (a, b, class) = match self.layout {
                    Layout::Penguins => {
                        let species = *cells.first()?;
                        let class = ["Adelie", "Chinstrap", "Gentoo"]
                            .iter()
                            .position(|s| *s == species)?;
                        (cells.get(2)?, cells.get(3)?, class)
                    }
                    Layout::Iris => (cells.get(2)?, cells.get(3)?, cells.get(4)?.parse().ok()?),
                };
                Some(([decimal(a)?, decimal(b)?], class))
            })
            .collect()
    }

    /// The whole table as CSV with a header: every measured column and the species by name, rows
    /// with a measurement missing (`NA`) included, for the page's table reader (*Use all four
    /// measurements*).
    pub fn csv(&self) -> String {
        let (cells, species): ([usize; 4], usize) = match self.layout {
            Layout::Penguins => ([2, 3, 4, 5], 0),
            Layout::Iris => ([0, 1, 2, 3], 4),
        };
        let mut out = format!("{},species\n", self.measured.join(","));
        for line in self.text.lines().skip(1) {
            let row: Vec<&str> = line.split(',').collect();
            for &k in &cells {
                out.push_str(row.get(k).copied().unwrap_or("NA"));
                out.push(',');
            }
            let name = row.get(species).copied().unwrap_or("NA");
            out.push_str(match (self.layout, name) {
                (Layout::Iris, "0") => "setosa",
                (Layout::Iris, "1") => "versicolor",
                (Layout::Iris, "2") => "virginica",
                (Layout::Penguins, "Adelie") => "Adélie",
                (_, other) => other,
            });
            out.push('\n');
        }
        out
    }

    /// Every complete row on the plane: `(x, y, class)`, each column's smallest value at −0.9 and
    /// its largest at 0.9. The file is read once per call.
    pub fn points(&self) -> Vec<(f64, f64, f64)> {
        let rows = self.rows();
        let r: [[f64; 2]; 2] = std::array::from_fn(|k| {
            rows.iter()
                .fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], (v, _)| {
                    [lo.min(v[k]), hi.max(v[k])]
                })
        });
        let on = |k: usize, v: f64| -0.9 + 1.8 * (v - r[k][0]) / (r[k][1] - r[k][0]);
        rows.into_iter()
            .map(|(v, c)| (on(0, v[0]), on(1, v[1]), c as f64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_read_every_complete_row() {
        let penguins = PENGUINS.rows();
        assert_eq!(
            penguins.len(),
            342,
            "344 penguins, 2 without bill measurements"
        );
        assert_eq!(penguins[0], ([39.1, 18.7], 0));
        assert_eq!(
            [0, 1, 2].map(|c| penguins.iter().filter(|r| r.1 == c).count()),
            [151, 68, 123]
        );
        let iris = IRIS.rows();
        assert_eq!(iris.len(), 150);
        assert_eq!(iris[0], ([1.4, 0.2], 0));
        assert_eq!(
            [0, 1, 2].map(|c| iris.iter().filter(|r| r.1 == c).count()),
            [50, 50, 50]
        );
        let csv = IRIS.csv();
        assert!(csv.starts_with("sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),species\n5.1,3.5,1.4,0.2,setosa\n"), "{}", &csv[..120]);
        assert_eq!(PENGUINS.csv().lines().count(), 345);
        let p = PENGUINS.points();
        let xs: Vec<f64> = p.iter().map(|q| q.0).collect();
        assert_eq!(xs.iter().cloned().fold(f64::INFINITY, f64::min), -0.9);
        assert!((xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max) - 0.9).abs() < 1e-12);
    }
}
