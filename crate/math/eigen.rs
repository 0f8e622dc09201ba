//! The leading eigenvectors of a small symmetric matrix, by power iteration with deflation: the
//! principal components of a hidden layer's activations and of a run's weight snapshots.

use crate::math::float::Float;

/// Iterations per eigenvector: the matrices are at most 300 × 300 and the views need two
/// directions to a few digits, not to the last bit.
const ITERATIONS: usize = 300;

/// The `k` eigenvectors of the symmetric `n × n` matrix `m` (row-major) with the largest
/// eigenvalues, largest first, each of unit length with its largest-magnitude entry positive (so
/// that the same matrix always gives the same signs), and their eigenvalues. A direction the
/// matrix does not stretch (eigenvalue 0) comes back as a zero vector. `m` holds `n × n` values.
pub fn leading_eigenvectors(m: &[f64], n: usize, k: usize) -> Vec<(f64, Vec<f64>)> {
    debug_assert_eq!(m.len(), n * n, "a square matrix");
    let mut found: Vec<(f64, Vec<f64>)> = Vec::with_capacity(k);
    // Below this a stretch is rounding left over from the directions deflated away.
    let floor = 1e-12 * m.iter().fold(0.0, |a: f64, x| a.max(x.abs())) * n as f64;
    for c in 0..k.min(n) {
        // A start no eigenvector of a real data matrix is likely to be orthogonal to.
        let mut v: Vec<f64> = (0..n)
            .map(|i| 1.0 + ((i * 7 + c * 3) % 11) as f64 / 11.0)
            .collect();
        let mut value = 0.0;
        for _ in 0..ITERATIONS {
            deflate(&mut v, &found);
            let mut next = multiply(m, &v);
            deflate(&mut next, &found);
            let length = norm(&next);
            if length <= floor.max(1e-300) || !length.is_finite() {
                value = 0.0;
                v.iter_mut().for_each(|x| *x = 0.0);
                break;
            }
            next.iter_mut().for_each(|x| *x /= length);
            value = length;
            v = next;
        }
        // The Rayleigh quotient gives the eigenvalue's sign (a covariance or Gram matrix has none
        // below zero, but the power method converges in magnitude).
        if value > 0.0 {
            let mv = multiply(m, &v);
            value = f64::dot(&v, &mv);
            let largest = v
                .iter()
                .copied()
                .fold(0.0, |a: f64, x| if x.abs() > a.abs() { x } else { a });
            if largest < 0.0 {
                v.iter_mut().for_each(|x| *x = -*x);
            }
        }
        found.push((value, v));
    }
    found
}

fn multiply(m: &[f64], v: &[f64]) -> Vec<f64> {
    m.chunks_exact(v.len())
        .map(|row| f64::dot(row, v))
        .collect()
}

/// Removes from `v` its parts along the directions already found.
fn deflate(v: &mut [f64], found: &[(f64, Vec<f64>)]) {
    for (_, u) in found {
        let along = f64::dot(v, u);
        for (x, &d) in v.iter_mut().zip(u) {
            *x -= along * d;
        }
    }
}

/// The Euclidean length of `v`.
pub fn norm(v: &[f64]) -> f64 {
    f64::dot(v, v).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_two_largest_eigenpairs_of_a_known_matrix() {
        // Eigenvalues 5, 2, 1 along known orthonormal directions.
        let s = std::f64::consts::FRAC_1_SQRT_2;
        let dirs = [[s, s, 0.0], [s, -s, 0.0], [0.0, 0.0, 1.0]];
        let values = [5.0, 2.0, 1.0];
        let mut m = vec![0.0; 9];
        for (d, &l) in dirs.iter().zip(&values) {
            for i in 0..3 {
                for j in 0..3 {
                    m[i * 3 + j] += l * d[i] * d[j];
                }
            }
        }
        let got = leading_eigenvectors(&m, 3, 2);
        for ((value, v), (want_d, want_l)) in got.iter().zip(dirs.iter().zip(values)) {
            assert!((value - want_l).abs() < 1e-9, "{value}");
            let dot: f64 = v.iter().zip(want_d).map(|(a, b)| a * b).sum();
            assert!((dot.abs() - 1.0).abs() < 1e-9, "{v:?}");
            assert!(
                v.iter()
                    .copied()
                    .fold(0.0, |a: f64, x| if x.abs() > a.abs() { x } else { a })
                    > 0.0
            );
        }
    }

    #[test]
    fn a_matrix_of_rank_one_gives_a_zero_second_direction() {
        let m = [4.0, 2.0, 2.0, 1.0];
        let got = leading_eigenvectors(&m, 2, 2);
        assert!((got[0].0 - 5.0).abs() < 1e-9);
        assert!(got[1].0.abs() < 1e-9);
    }
}
