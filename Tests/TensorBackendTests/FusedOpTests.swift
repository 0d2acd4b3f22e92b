import Testing
@testable import TensorBackend

/// The fused float32 ops (linear with bias and activation, per-channel affine maps, batch
/// normalization, binary cross-entropy on logits) against the reference kernels, and the
/// composite forms they fall back to against finite differences.
@Suite struct FusedOpTests {
  static let activations: [FusedActivation] = [.none, .leakyRelu(negativeSlope: 0), .leakyRelu(negativeSlope: 0.2)]

  static func random(_ shape: [Int], seed: UInt64, dtype: DType = .float32) -> Tensor {
    var generator = SplitMix64(seed: seed)
    return Tensor.randomNormal(shape, dtype: dtype, using: &generator)
  }

  /// Value and gradients with respect to every input, under the current kernels.
  static func valueAndGradients(_ inputs: [Tensor], seed: UInt64, _ f: ([Tensor]) -> Tensor) -> [Tensor] {
    let tracked = inputs.map { $0.requiringGradient() }
    let y = f(tracked)
    return [y] + y.gradients(wrt: tracked, seed: random(y.shape, seed: seed))
  }

  static func expectAgree(_ fast: [Tensor], _ reference: [Tensor], tolerance: Double, _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, (a, b)) in zip(fast, reference).enumerated() {
      #expect(a.shape == b.shape, "\(what), output \(index): shapes \(a.shape) and \(b.shape)", sourceLocation: sourceLocation)
      let scale = 1 + (b.scalars.map(Swift.abs).max() ?? 0)
      let worst = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
      #expect(worst <= tolerance * scale, "\(what), output \(index): max |fast − reference| = \(worst) > \(tolerance) × \(scale)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [(1, 1, 1), (3, 5, 7), (64, 100, 128), (65, 33, 17), (200, 300, 50)])
  func linearMatchesReference(shape: (Int, Int, Int)) {
    let (n, i, o) = shape
    let x = Self.random([n, i], seed: 1), w = Self.random([o, i], seed: 2), b = Self.random([o], seed: 3)
    for activation in Self.activations {
      for bias in [true, false] {
        let inputs = bias ? [x, w, b] : [x, w]
        let f: ([Tensor]) -> Tensor = { linear($0[0], weight: $0[1], bias: bias ? $0[2] : nil, activation: activation) }
        let reference = KernelPath.$current.withValue(.reference) { Self.valueAndGradients(inputs, seed: 4, f) }
        let fast = Self.valueAndGradients(inputs, seed: 4, f)
        Self.expectAgree(fast, reference, tolerance: 2e-5, "linear \(shape), \(activation), bias \(bias)")
      }
    }
  }

  @Test func linearWithActivationHasFiniteDifferenceGradients() {
    let t = randomInputs([[3, 4], [5, 4], [5]], seed: 43)
    for activation in Self.activations {
      expectGradients("linear \(activation)", at: t) { linear($0[0], weight: $0[1], bias: $0[2], activation: activation) }
    }
  }

  /// A gradient penalty differentiates the input gradient again: the fused backward rules must
  /// record a graph that gives the reference's second derivatives.
  @Test func linearSecondDerivativesMatchReference() {
    let x = Self.random([6, 5], seed: 5), w = Self.random([4, 5], seed: 6), b = Self.random([4], seed: 7)
    func penaltyGradients() -> [Tensor] {
      let input = x.requiringGradient(), weight = w.requiringGradient(), bias = b.requiringGradient()
      let y = linear(input, weight: weight, bias: bias, activation: .leakyRelu(negativeSlope: 0.2))
      let g = y.sum().gradients(wrt: [input], createGraph: true)[0]
      return g.squared().sum().gradients(wrt: [weight, bias])
    }
    let reference = KernelPath.$current.withValue(.reference) { penaltyGradients() }
    Self.expectAgree(penaltyGradients(), reference, tolerance: 1e-5, "linear second derivatives")
  }

  @Test(arguments: [[4, 3], [5, 6, 7], [3, 17, 5, 4], [64, 128, 4, 4]])
  func channelAffineMatchesReference(shape: [Int]) {
    let x = Self.random(shape, seed: 8), s = Self.random([shape[1]], seed: 9), t = Self.random([shape[1]], seed: 10)
    for activation in Self.activations {
      let f: ([Tensor]) -> Tensor = { channelAffine($0[0], scale: $0[1], shift: $0[2], activation: activation) }
      let reference = KernelPath.$current.withValue(.reference) { Self.valueAndGradients([x, s, t], seed: 11, f) }
      Self.expectAgree(Self.valueAndGradients([x, s, t], seed: 11, f), reference, tolerance: 2e-5, "channelAffine \(shape), \(activation)")
    }
  }

  @Test func channelAffineHasFiniteDifferenceGradients() {
    let t = randomInputs([[3, 4, 2, 2], [4], [4]], seed: 44)
    for activation in Self.activations {
      expectGradients("channelAffine \(activation)", at: t) { channelAffine($0[0], scale: $0[1], shift: $0[2], activation: activation) }
    }
  }

  @Test(arguments: [[5, 3], [64, 1024], [4, 3, 5, 5], [16, 64, 8, 8]])
  func batchNormalizationMatchesReference(shape: [Int]) {
    let x = Self.random(shape, seed: 12)
    let axes = [0] + Array(2..<shape.count)
    let f: ([Tensor]) -> Tensor = { batchNormalized($0[0], alongAxes: axes, epsilon: 1e-5).output }
    let reference = KernelPath.$current.withValue(.reference) { Self.valueAndGradients([x], seed: 13, f) }
    Self.expectAgree(Self.valueAndGradients([x], seed: 13, f), reference, tolerance: 1e-4, "batch norm \(shape)")
  }

  @Test(arguments: [Reduction.sum, .mean])
  func binaryCrossEntropyOnLogitsMatchesReference(reduction: Reduction) {
    for n in [1, 17, 128 * 784 + 3] {
      let logits = Self.random([n], seed: 14) * 6
      var generator = SplitMix64(seed: 15)
      let targets = Tensor.randomUniform([n], using: &generator)
      let f: ([Tensor]) -> Tensor = { binaryCrossEntropy(logits: $0[0], targets: $0[1], reduction: reduction) }
      let reference = KernelPath.$current.withValue(.reference) { Self.valueAndGradients([logits, targets], seed: 16, f) }
      Self.expectAgree(Self.valueAndGradients([logits, targets], seed: 16, f), reference, tolerance: 1e-6, "BCE \(n), \(reduction)")
    }
  }

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matrixProductMatchesReferenceOnLargeOddShapes(transposes: (Bool, Bool)) {
    // Large enough that the product is split among the workers.
    let (ta, tb) = transposes
    let (m, k, n) = (131, 257, 67)
    let a = Self.random(ta ? [k, m] : [m, k], seed: 17), b = Self.random(tb ? [n, k] : [k, n], seed: 18)
    let reference = KernelPath.$current.withValue(.reference) { matmul(a, b, transposeA: ta, transposeB: tb) }
    Self.expectAgree([matmul(a, b, transposeA: ta, transposeB: tb)], [reference], tolerance: 1e-5, "matmul \(transposes)")
  }
}

extension Tensor {
  /// Elements limited to `range` (test inputs for exp).
  func clamped(to range: ClosedRange<Double>) -> Tensor {
    Tensor(shape: shape, scalars: scalars.map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }, dtype: dtype)
  }
}
