import TensorBackend

/// The kernel distance between two sets of features (Bińkowski et al. 2018, "Demystifying MMD
/// GANs", section 4; KID when the features are Inception's): the unbiased estimate of the squared
/// maximum mean discrepancy under the cubic polynomial kernel
///
///     k(x, y) = (xᵀy / D + 1)³
///
///     MMD²ᵤ(X, Y) = 1/(m(m−1)) Σ_{i≠j} k(xᵢ, xⱼ) + 1/(n(n−1)) Σ_{i≠j} k(yᵢ, yⱼ) − 2/(mn) Σ_{i,j} k(xᵢ, yⱼ)
///
/// averaged over `subsetCount` pairs of random subsets of `subsetSize` samples drawn without
/// replacement from each set, reported as mean ± standard deviation over the subsets (the
/// population standard deviation, as torch-fidelity's `np.std`). The defaults are
/// torch-fidelity's: 100 subsets of 1,000.
///
/// Unlike the Fréchet distance the estimate is unbiased: its expectation over draws of two sets
/// from one distribution is 0 for any m and n, so it can be negative. Kernel sums run in float64
/// from float64 products: a KID of 10⁻³ is the difference of kernel means near 1, which float32
/// products would blur in the fourth digit.
public struct KernelDistance {
  /// The metric's name in messages and reports.
  public static let name = "kernel distance"

  /// Pairs of subsets averaged.
  public var subsetCount: Int
  /// Samples per subset, from each set.
  public var subsetSize: Int
  /// The seed of the subset draws.
  public var seed: UInt64

  public init(subsetCount: Int = 100, subsetSize: Int = 1_000, seed: UInt64 = 0) {
    self.subsetCount = subsetCount
    self.subsetSize = subsetSize
    self.seed = seed
  }

  /// The mean and spread of MMD²ᵤ over subsets of `real` and `fake` (N₁, D) and (N₂, D).
  ///
  /// - Throws: `dimensionMismatch`; `invalidParameter` for fewer than 1 subset or subsets of
  ///   fewer than 2 samples; `tooFewSamples` when a set is smaller than a subset.
  public func evaluate(
    real: FeatureMatrix, fake: FeatureMatrix, progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> KernelDistanceReport {
    guard subsetCount >= 1 else { throw .invalidParameter(metric: Self.name, problem: "\(subsetCount) subsets; at least 1 is needed") }
    guard subsetSize >= 2 else {
      throw .invalidParameter(metric: Self.name, problem: "subsets of \(subsetSize) samples; the unbiased estimate needs at least 2")
    }
    guard real.dimension == fake.dimension else {
      throw .dimensionMismatch(first: real.name, firstDimension: real.dimension, second: fake.name, secondDimension: fake.dimension)
    }
    for set in [real, fake] where set.count < subsetSize {
      throw .tooFewSamples(
        metric: Self.name, set: set.name, count: set.count, needed: subsetSize,
        reason: "subsets of \(subsetSize) drawn without replacement; choose a smaller subset size")
    }
    var generator = SplitMix64(seed: seed)
    var estimates: [Double] = []
    for subset in 0..<subsetCount {
      let x = real.rows(Self.draw(subsetSize, from: real.count, using: &generator))
      let y = fake.rows(Self.draw(subsetSize, from: fake.count, using: &generator))
      estimates.append(Self.unbiasedSquaredMMD(x, y))
      progress?(subset + 1, subsetCount)
    }
    let mean = estimates.reduce(0, +) / Double(subsetCount)
    let variance = estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(subsetCount)
    return KernelDistanceReport(
      mean: mean, standardDeviation: variance.squareRoot(), subsetCount: subsetCount, subsetSize: subsetSize, seed: seed,
      realCount: real.count, fakeCount: fake.count, dimension: real.dimension)
  }

  /// MMD²ᵤ(X, Y) between two whole sets (m, n ≥ 2), with the cubic kernel above.
  public static func unbiasedSquaredMMD(_ x: FeatureMatrix, _ y: FeatureMatrix) -> Double {
    precondition(x.count >= 2 && y.count >= 2 && x.dimension == y.dimension, "unbiasedSquaredMMD: needs two sets of at least 2 samples of one dimension")
    let a = x.doublePrecision, b = y.doublePrecision
    let m = Double(x.count), n = Double(y.count)
    let within = (kernelSum(a, a, offDiagonal: true) / (m * (m - 1))) + (kernelSum(b, b, offDiagonal: true) / (n * (n - 1)))
    return within - 2 * kernelSum(a, b, offDiagonal: false) / (m * n)
  }

  /// Σ k(aᵢ, bⱼ) over all pairs, or over i ≠ j, for float64 (·, D) tensors.
  private static func kernelSum(_ a: Tensor, _ b: Tensor, offDiagonal: Bool) -> Double {
    let d = Double(a.shape[1])
    let products = matmul(a, b, transposeB: true)
    let columns = b.shape[0]
    return products.withUnsafeBufferPointer(as: Double.self) { p in
      var sum = 0.0
      for index in p.indices where !offDiagonal || index / columns != index % columns {
        let base = p[index] / d + 1
        sum += base * base * base
      }
      return sum
    }
  }

  /// `count` distinct indices of 0..<total, uniformly (a partial Fisher–Yates shuffle).
  static func draw(_ count: Int, from total: Int, using generator: inout SplitMix64) -> [Int] {
    var indices = Array(0..<total)
    for i in 0..<count { indices.swapAt(i, Int.random(in: i..<total, using: &generator)) }
    return Array(indices[..<count])
  }
}
