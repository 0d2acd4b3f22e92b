import NeuralNetworks
import TensorBackend
import Testing

/// Adam's flat update and `Sequential`'s fused layer pairs against the plain paths.
@Suite struct AdamFastPathTests {
  /// Parameters of awkward sizes (below and across a vector width, and one large enough to be
  /// shared out among the workers), their losses Σ c·θ² with a different c each.
  static func parameters() -> [Parameter] {
    var generator = SplitMix64(seed: 3)
    return [1, 7, 16, 33, 70_001].map { Parameter(Tensor.randomNormal([$0], using: &generator)) }
  }

  static func train(_ path: KernelPath, steps: Int, skipEveryOther: Int? = nil) -> ([[Float]], OptimizerState) {
    KernelPath.$current.withValue(path) {
      let parameters = Self.parameters()
      let adam = Adam(parameters: parameters, learningRate: 0.05, beta1: 0.5, weightDecay: 0.01)
      for step in 0..<steps {
        adam.zeroGradients()
        var loss = Tensor(0, dtype: .float32)
        for (index, parameter) in parameters.enumerated() where index != skipEveryOther || step % 2 == 0 {
          loss = loss + (parameter.value.squared() * Double(index + 1)).sum()
        }
        loss.backward()
        adam.step()
      }
      return (parameters.map(\.value.floats), adam.exportState())
    }
  }

  @Test func flatUpdateMatchesReferenceLoop() {
    // Parameter 2 skips every other step, so parameters reach different t (separate runs).
    let (fast, fastState) = Self.train(.fast, steps: 6, skipEveryOther: 2)
    let (reference, referenceState) = Self.train(.reference, steps: 6, skipEveryOther: 2)
    for (index, (a, b)) in zip(fast, reference).enumerated() {
      // Relative to the value, or to 0.1 for values near 0 (where a step's rounding dominates).
      let worst = zip(a, b).map { Swift.abs(Double($0) - Double($1)) / Swift.max(Swift.abs(Double($1)), 0.1) }.max() ?? 0
      #expect(worst <= 2e-6, "parameter \(index): difference \(worst) relative to max(|value|, 0.1)")
    }
    #expect(fastState.tensors.keys.sorted() == referenceState.tensors.keys.sorted())
    #expect(fastState.tensors["2.step"]?.scalar == 3 && fastState.tensors["0.step"]?.scalar == 6)
  }

  @Test func stateRoundTripContinuesBitForBit() throws {
    let parameters = Self.parameters()
    let adam = Adam(parameters: parameters, learningRate: 0.01)
    func step() {
      adam.zeroGradients()
      parameters.map { $0.value.squared().sum() }.reduce(Tensor(0, dtype: .float32), +).backward()
      adam.step()
    }
    for _ in 0..<3 { step() }
    let saved = adam.exportState(), values = parameters.map(\.value.floats)
    step()
    let after = parameters.map(\.value.floats)
    for (parameter, value) in zip(parameters, values) { parameter.assign(Tensor(shape: parameter.shape, scalars: value)) }
    let restored = Adam(parameters: parameters, learningRate: 0.01)
    try restored.importState(saved)
    restored.zeroGradients()
    parameters.map { $0.value.squared().sum() }.reduce(Tensor(0, dtype: .float32), +).backward()
    restored.step()
    #expect(parameters.map(\.value.floats) == after)
  }
}

@Suite struct ActivationFusionTests {
  /// A network whose Dense–LeakyReLU and BatchNorm–ReLU pairs `Sequential` runs fused, against
  /// the same layers run one at a time.
  @Test(arguments: [true, false])
  func fusedPairsMatchLayerByLayer(training: Bool) {
    var generator = SplitMix64(seed: 9)
    let layers: [any Layer] = [
      Dense(inputSize: 12, outputSize: 32, using: &generator), LeakyReLU(negativeSlope: 0.2),
      Dense(inputSize: 32, outputSize: 16, using: &generator), BatchNorm(featureCount: 16), ReLU(),
      Dense(inputSize: 16, outputSize: 3, using: &generator),
    ]
    let network = Sequential(layers)
    let x = Tensor.randomNormal([40, 12], using: &generator)
    func run(_ body: (Tensor, inout ForwardContext) -> Tensor) -> [Tensor] {
      for parameter in network.parameters { parameter.zeroGradient() }
      var context = ForwardContext(training: training, generator: SplitMix64(seed: 1))
      let input = x.requiringGradient()
      let y = body(input, &context)
      (y.squared().sum()).backward()
      return [y] + network.parameters.map { $0.gradient ?? Tensor.zeros($0.shape) }
    }
    let fused = run { network($0, context: &$1) }
    let separate = run { input, context in layers.reduce(input) { $1($0, context: &context) } }
    for (index, (a, b)) in zip(fused, separate).enumerated() {
      let worst = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
      #expect(worst <= 1e-5 * (1 + (b.scalars.map(Swift.abs).max() ?? 0)), "output \(index): max difference \(worst)")
    }
  }
}
