import TensorBackend

/// The Fréchet distance between two sets of features, each summarised by a Gaussian (Heusel et
/// al. 2017, "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium",
/// eq. 6; FID when the features are Inception's, here the reference classifier's or pixels):
///
///     d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁ Σ₂)
///
/// with μ, Σ the mean and unbiased covariance of each set (`GaussianStatistics`), the formula of
/// pytorch-fid's `calculate_frechet_distance`. The result is d², as FID reports it.
///
/// The trace of the square root, in float64 through two symmetric eigendecompositions (LAPACK
/// `dsyevd`) instead of scipy's general `sqrtm` of the non-symmetric Σ₁Σ₂: with A = √Σ₁
/// symmetric, Σ₁Σ₂ = A (A Σ₂ A) A⁻¹ is similar to the symmetric positive semi-definite A Σ₂ A, so
///
///     tr √(Σ₁ Σ₂) = tr √(A Σ₂ A) = Σᵢ √λᵢ(A Σ₂ A).
///
/// Numerical trap: rounding leaves eigenvalues of a singular covariance (constant pixels, such
/// as MNIST's border) slightly negative; they are clamped to 0, which is their exact value. No
/// complex parts arise, unlike `sqrtm`, whose imaginary residue pytorch-fid has to discard.
public struct FrechetDistance {
  /// The metric's name in messages and reports.
  public static let name = "Fréchet distance"

  public init() {}

  /// d² between the Gaussians of `real` and `fake` (N₁, D) and (N₂, D).
  ///
  /// - Throws: `dimensionMismatch`; `tooFewSamples` unless each set has more samples than D.
  public func evaluate(real: FeatureMatrix, fake: FeatureMatrix) throws(MetricError) -> FrechetDistanceReport {
    guard real.dimension == fake.dimension else {
      throw .dimensionMismatch(first: real.name, firstDimension: real.dimension, second: fake.name, secondDimension: fake.dimension)
    }
    return try Self.distance(GaussianStatistics(of: real), GaussianStatistics(of: fake))
  }

  /// d² between two Gaussians.
  public static func distance(_ first: GaussianStatistics, _ second: GaussianStatistics) throws(MetricError) -> FrechetDistanceReport {
    guard first.dimension == second.dimension else {
      throw .dimensionMismatch(first: "first", firstDimension: first.dimension, second: "second", secondDimension: second.dimension)
    }
    let meanTerm = zip(first.mean, second.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let root = try SymmetricEigendecomposition(first.covariance).applying { max($0, 0).squareRoot() }
    let inner = matmul(matmul(root, second.covariance), root)
    let crossTrace = try SymmetricEigendecomposition(inner).values.reduce(0) { $0 + max($1, 0).squareRoot() }
    let traceTerm = trace(first.covariance) + trace(second.covariance) - 2 * crossTrace
    return FrechetDistanceReport(
      distance: meanTerm + traceTerm, squaredMeanDifference: meanTerm, covarianceTerm: traceTerm,
      realCount: first.count, fakeCount: second.count, dimension: first.dimension)
  }

  private static func trace(_ matrix: Tensor) -> Double {
    let n = matrix.shape[0], values = matrix.scalars
    return (0..<n).reduce(0) { $0 + values[$1 * n + $1] }
  }
}
