import TensorBackend

/// An equal-weight mixture of M isotropic Gaussians in D dimensions, the standard toy data for
/// watching a GAN cover (or drop) modes.
///
///     p(x) = (1/M) Σₘ N(x; μₘ, σ² I)
///
/// Samples are (N, D) tensors. The centers μₘ and the shared σ are public because the
/// mode-coverage metrics need them: a generated point counts as high quality when it lies within
/// 3σ of its nearest center (Srivastava et al. 2017, "VEEGAN").
///
/// Named presets from the literature live in `GaussianMixture.Preset`.
public struct GaussianMixture: Hashable, Codable, Sendable {
  /// The mode centers μₘ: M rows of D coordinates.
  public let centers: [[Double]]
  /// σ, shared by every mode and every dimension.
  public let standardDeviation: Double

  /// A mixture with the given centers (all of one dimension) and shared σ > 0.
  public init(centers: [[Double]], standardDeviation: Double) {
    precondition(!centers.isEmpty, "GaussianMixture: needs at least one center")
    precondition(centers[0].count > 0, "GaussianMixture: centers must have at least one coordinate")
    precondition(
      centers.allSatisfy { $0.count == centers[0].count },
      "GaussianMixture: centers have different dimensions \(Set(centers.map(\.count)).sorted())")
    precondition(standardDeviation > 0, "GaussianMixture: standard deviation \(standardDeviation) must be positive")
    self.centers = centers
    self.standardDeviation = standardDeviation
  }

  /// M, the number of modes.
  public var modeCount: Int { centers.count }
  /// D, the dimension of a sample.
  public var dimension: Int { centers[0].count }

  /// The centers as an (M, D) tensor.
  public func centerTensor(dtype: DType = .float32) -> Tensor {
    Tensor(shape: [modeCount, dimension], scalars: centers.flatMap { $0 }, dtype: dtype)
  }

  /// N points drawn from the mixture, as an (N, D) tensor.
  ///
  /// Deterministic given the generator's state: per point, one uniform draw picks the mode, then
  /// D normal draws (Box–Muller pairs) give the offset.
  public func sample(
    count: Int, dtype: DType = .float32, using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    labeledSample(count: count, dtype: dtype, using: &generator).points
  }

  /// N points with the mode each was drawn from; the same draws as `sample(count:dtype:using:)`.
  public func labeledSample(
    count: Int, dtype: DType = .float32, using generator: inout some RandomNumberGenerator
  ) -> LabeledSample {
    precondition(count >= 0, "GaussianMixture.sample: negative count \(count)")
    var scalars: [Double] = []
    scalars.reserveCapacity(count * dimension)
    var modes: [Int] = []
    modes.reserveCapacity(count)
    for _ in 0..<count {
      // Scaling a 53-bit uniform rather than Int.random(in:using:) keeps the stream fixed by
      // this file, not by the standard library's choice of bounded-integer algorithm.
      let mode = min(Int(generator.nextUnitInterval() * Double(modeCount)), modeCount - 1)
      modes.append(mode)
      var coordinate = 0
      while coordinate < dimension {
        let (first, second) = generator.nextNormalPair()
        scalars.append(centers[mode][coordinate] + standardDeviation * first)
        if coordinate + 1 < dimension {
          scalars.append(centers[mode][coordinate + 1] + standardDeviation * second)
        }
        coordinate += 2
      }
    }
    return LabeledSample(points: Tensor(shape: [count, dimension], scalars: scalars, dtype: dtype), modes: modes)
  }

  /// Points with the index of the mode each came from.
  public struct LabeledSample {
    /// (N, D).
    public let points: Tensor
    /// N mode indices in 0..<M.
    public let modes: [Int]
  }
}
