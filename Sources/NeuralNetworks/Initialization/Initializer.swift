import TensorBackend

/// How a parameter tensor's first values are drawn.
///
/// Fan-based schemes read the fans from the weight shape as PyTorch does
/// (`_calculate_fan_in_and_fan_out`): for a shape (A, B, k…) with receptive field r = ∏k,
/// fan-in = B·r and fan-out = A·r. So a dense weight (O, I) has fan-in I, a convolution filter
/// (O, C, KH, KW) has fan-in C·KH·KW, and a transposed-convolution filter (C, O, KH, KW) has
/// fan-in O·KH·KW (PyTorch's convention for `ConvTranspose2d`, kept so the same seed gives the
/// same distribution). A bias has no fans of its own; its layer passes the weight's.
public enum Initializer: Sendable, Equatable {
  /// Every element equal to the value.
  case constant(Double)
  /// U(low, high).
  case uniform(low: Double, high: Double)
  /// N(mean, standardDeviation²).
  case normal(mean: Double, standardDeviation: Double)
  /// U(−b, b) with b = gain·√(3 / fan-in), gain = √(2 / (1 + a²)) for a leaky ReLU of slope a
  /// (He et al. 2015, "Delving deep into rectifiers").
  case kaimingUniform(negativeSlope: Double)
  /// N(0, (gain / √fan-in)²), gain as in `kaimingUniform`.
  case kaimingNormal(negativeSlope: Double)
  /// U(−b, b) with b = gain·√(6 / (fan-in + fan-out)) (Glorot & Bengio 2010).
  case xavierUniform(gain: Double)
  /// N(0, σ²) with σ = gain·√(2 / (fan-in + fan-out)) (Glorot & Bengio 2010).
  case xavierNormal(gain: Double)
  /// U(−1/√fan-in, 1/√fan-in): PyTorch's default bias of linear and convolution layers.
  case fanInUniform

  /// The fans of a weight tensor.
  public struct Fans: Sendable, Equatable {
    public var input: Int
    public var output: Int

    public init(input: Int, output: Int) {
      self.input = input
      self.output = output
    }

    /// PyTorch's fans of a weight of `shape` (rank ≥ 2): (A, B, k…) -> in B·∏k, out A·∏k.
    public init(weightShape shape: [Int]) {
      precondition(shape.count >= 2, "Initializer.Fans: a weight needs rank ≥ 2 to have fans, got shape \(shape)")
      let receptiveField = shape.dropFirst(2).reduce(1, *)
      self.init(input: shape[1] * receptiveField, output: shape[0] * receptiveField)
    }
  }

  /// PyTorch's default weight of `Linear` and `Conv*d`: kaiming-uniform with a = √5, which works
  /// out to U(−1/√fan-in, 1/√fan-in).
  public static let pytorchDefaultWeight = Initializer.kaimingUniform(negativeSlope: 5.0.squareRoot())
  /// PyTorch's default bias of `Linear` and `Conv*d`: U(−1/√fan-in, 1/√fan-in) with the weight's
  /// fan-in.
  public static let pytorchDefaultBias = Initializer.fanInUniform
  /// Radford et al. 2015 (DCGAN), section 4: "All weights were initialized from a zero-centered
  /// Normal distribution with standard deviation 0.02" — applied to convolution filters.
  public static let dcganWeight = Initializer.normal(mean: 0, standardDeviation: 0.02)
  /// The DCGAN reference code's batch-norm scale γ ~ N(1, 0.02²) (Radford et al. 2015).
  public static let dcganBatchNormScale = Initializer.normal(mean: 1, standardDeviation: 0.02)
  public static let zeros = Initializer.constant(0)
  public static let ones = Initializer.constant(1)

  /// A tensor of `shape` drawn from this distribution.
  ///
  /// - Parameter fans: the fans to use; `nil` reads them from `shape` (which must then have
  ///   rank ≥ 2 if the scheme needs fans).
  public func tensor(
    _ shape: [Int], fans: Fans? = nil, dtype: DType = .float32,
    using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    func resolvedFans() -> Fans { fans ?? Fans(weightShape: shape) }
    func leakyReluGain(_ a: Double) -> Double { (2 / (1 + a * a)).squareRoot() }
    switch self {
    case .constant(let value):
      return Tensor(repeating: value, shape: shape, dtype: dtype)
    case .uniform(let low, let high):
      return Tensor.randomUniform(shape, low: low, high: high, dtype: dtype, using: &generator)
    case .normal(let mean, let standardDeviation):
      return Tensor.randomNormal(shape, mean: mean, standardDeviation: standardDeviation, dtype: dtype, using: &generator)
    case .kaimingUniform(let a):
      let bound = leakyReluGain(a) * (3 / Double(resolvedFans().input)).squareRoot()
      return Tensor.randomUniform(shape, low: -bound, high: bound, dtype: dtype, using: &generator)
    case .kaimingNormal(let a):
      let deviation = leakyReluGain(a) / Double(resolvedFans().input).squareRoot()
      return Tensor.randomNormal(shape, standardDeviation: deviation, dtype: dtype, using: &generator)
    case .xavierUniform(let gain):
      let f = resolvedFans()
      let bound = gain * (6 / Double(f.input + f.output)).squareRoot()
      return Tensor.randomUniform(shape, low: -bound, high: bound, dtype: dtype, using: &generator)
    case .xavierNormal(let gain):
      let f = resolvedFans()
      let deviation = gain * (2 / Double(f.input + f.output)).squareRoot()
      return Tensor.randomNormal(shape, standardDeviation: deviation, dtype: dtype, using: &generator)
    case .fanInUniform:
      let fanIn = resolvedFans().input
      let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
      return Tensor.randomUniform(shape, low: -bound, high: bound, dtype: dtype, using: &generator)
    }
  }
}
