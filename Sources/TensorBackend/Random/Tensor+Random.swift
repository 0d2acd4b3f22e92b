extension Tensor {
  /// Samples from N(mean, standardDeviation²).
  public static func randomNormal(
    _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, dtype: DType = .float32,
    using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    let result = Tensor(uninitializedShape: shape, dtype: dtype)
    func fill<T: KernelScalar>(_: T.Type) {
      let p = result.storage.typed(T.self)
      var i = 0
      while i < result.scalarCount {
        let (a, b) = generator.nextNormalPair()
        p[i] = T(mean + standardDeviation * a)
        if i + 1 < result.scalarCount { p[i + 1] = T(mean + standardDeviation * b) }
        i += 2
      }
    }
    switch dtype {
    case .float32: fill(Float.self)
    case .float64: fill(Double.self)
    }
    return result
  }

  /// Samples uniformly from [low, high).
  public static func randomUniform(
    _ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32,
    using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    let scalars = (0..<shape.reduce(1, *)).map { _ in low + (high - low) * generator.nextUnitInterval() }
    return Tensor(shape: shape, scalars: scalars, dtype: dtype)
  }

  /// 1 with probability `probability`, else 0.
  public static func randomBernoulli(
    _ shape: [Int], probability: Double, dtype: DType = .float32,
    using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    let scalars = (0..<shape.reduce(1, *)).map { _ in generator.nextUnitInterval() < probability ? 1.0 : 0.0 }
    return Tensor(shape: shape, scalars: scalars, dtype: dtype)
  }
}

/// Zeroes each element with probability p and scales the rest by 1/(1 − p) (Srivastava et al.
/// 2014, "inverted" dropout), so inference needs no rescaling. `training: false` is the identity.
public func dropout(
  _ x: Tensor, probability p: Double, training: Bool, using generator: inout some RandomNumberGenerator
) -> Tensor {
  precondition(p >= 0 && p < 1, "dropout: probability \(p) outside [0, 1)")
  guard training, p > 0 else { return x }
  let mask = Tensor.randomBernoulli(x.shape, probability: 1 - p, dtype: x.dtype, using: &generator) * (1 / (1 - p))
  return x * mask
}
