import TensorBackend

/// A = V Λ Vᵀ for a real symmetric n×n matrix A, by LAPACK's divide-and-conquer `dsyevd` in
/// float64: the eigenvalues λ₁ ≤ … ≤ λₙ and orthonormal eigenvectors.
///
/// Layout: `vectors` is (n, n) row-major with eigenvector i in row i (LAPACK returns them as the
/// columns of a column-major array, which read row-major are rows), so A = Vᵀ diag(λ) V with V
/// = `vectors`.
struct SymmetricEigendecomposition {
  /// λ, ascending.
  let values: [Double]
  /// (n, n) float64, row i the unit eigenvector of `values[i]`.
  let vectors: Tensor

  /// Decomposes `matrix`, an (n, n) tensor taken as symmetric (only one triangle is read).
  init(_ matrix: Tensor) throws(MetricError) {
    precondition(matrix.rank == 2 && matrix.shape[0] == matrix.shape[1], "SymmetricEigendecomposition: needs a square matrix, got \(matrix.shape)")
    let n = matrix.shape[0]
    var a = matrix.converted(to: .float64).scalars
    guard n > 0 else {
      values = []
      vectors = matrix.converted(to: .float64)
      return
    }
    let (w, info) = LAPACK.symmetricEigendecomposition(&a, order: n)
    guard info == 0 else { throw .linearAlgebraFailure(routine: "dsyevd", info: info) }
    values = w
    vectors = Tensor(shape: [n, n], scalars: a, dtype: .float64)
  }

  /// Vᵀ diag(f(λ)) V: the matrix function f applied through the decomposition (f(λ) = √λ gives
  /// the symmetric square root). Computed as Sᵀ S with S = diag(√f(λ)) V, so f must be ≥ 0.
  func applying(_ function: (Double) -> Double) -> Tensor {
    let n = values.count
    let scales = values.map { function($0).squareRoot() }
    var scaled = vectors.scalars
    for i in 0..<n {
      for j in 0..<n { scaled[i * n + j] *= scales[i] }
    }
    let s = Tensor(shape: [n, n], scalars: scaled, dtype: .float64)
    return matmul(s, s, transposeA: true)
  }
}
