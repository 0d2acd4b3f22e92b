import NeuralNetworks
import TensorBackend
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs `steps` optimizer steps on loss = Σθ² (gradient 2θ, through `backward()`), recording θ.
private func minimizeSumOfSquares(_ optimizer: any Optimizer, _ parameter: Parameter, steps: Int) -> [[Double]] {
  var trajectory: [[Double]] = []
  for _ in 0..<steps {
    optimizer.zeroGradients()
    parameter.value.squared().sum().backward()
    optimizer.step()
    trajectory.append(parameter.value.scalars)
  }
  return trajectory
}

private func expectClose(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(actual.count == expected.count, sourceLocation: sourceLocation)
  for (step, (a, e)) in zip(actual, expected).enumerated() {
    for (x, y) in zip(a, e) {
      #expect(abs(x - y) <= tolerance, "step \(step + 1): got \(x), expected \(y), tolerance \(tolerance)", sourceLocation: sourceLocation)
    }
  }
}

@Suite struct SGDTests {
  @Test func momentumMatchesHandComputation() {
    // θ₀ = 1, g = 2θ, η = 0.1, μ = 0.9; the first step seeds the buffer with g (PyTorch):
    //   1: b = 2,                    θ = 1 − 0.2      = 0.8
    //   2: b = 0.9·2 + 1.6   = 3.4,  θ = 0.8 − 0.34   = 0.46
    //   3: b = 0.9·3.4 + 0.92 = 3.98, θ = 0.46 − 0.398 = 0.062
    // The second element starts at −2 and, the update being linear, stays at −2× the first.
    for dtype in DType.allCases {
      let theta = Parameter(Tensor(shape: [2], scalars: [1, -2], dtype: dtype))
      let sgd = SGD(parameters: [theta], learningRate: 0.1, momentum: 0.9)
      let tolerance = dtype == .float64 ? 1e-12 : 1e-6
      expectClose(minimizeSumOfSquares(sgd, theta, steps: 3),
                  [[0.8, -1.6], [0.46, -0.92], [0.062, -0.124]], tolerance: tolerance)
      #expect(sgd.stepCount == 3)
    }
  }

  @Test func weightDecayMatchesHandComputation() {
    // θ₀ = 1, g = 2θ, λ = 0.1, η = 0.1, no momentum: d = 2θ + 0.1θ = 2.1θ, θ ← θ − 0.21θ = 0.79θ.
    let theta = Parameter(Tensor(shape: [1], scalars: [1], dtype: .float64))
    let sgd = SGD(parameters: [theta], learningRate: 0.1, weightDecay: 0.1)
    expectClose(minimizeSumOfSquares(sgd, theta, steps: 2), [[0.79], [0.6241]], tolerance: 1e-12)
  }

  @Test func nesterovMatchesHandComputation() {
    // θ₀ = 1, g = 2θ, η = 0.1, μ = 0.9, Nesterov: step = d + μb.
    //   1: d = 2, b = 2, step = 2 + 1.8 = 3.8, θ = 1 − 0.38 = 0.62
    //   2: d = 1.24, b = 1.8 + 1.24 = 3.04, step = 1.24 + 2.736 = 3.976, θ = 0.62 − 0.3976 = 0.2224
    let theta = Parameter(Tensor(shape: [1], scalars: [1], dtype: .float64))
    let sgd = SGD(parameters: [theta], learningRate: 0.1, momentum: 0.9, nesterov: true)
    expectClose(minimizeSumOfSquares(sgd, theta, steps: 2), [[0.62], [0.2224]], tolerance: 1e-12)
  }

  @Test func parametersWithoutGradientAreSkipped() {
    let used = Parameter(Tensor(shape: [1], scalars: [1], dtype: .float64))
    let unused = Parameter(Tensor(shape: [1], scalars: [5], dtype: .float64))
    let sgd = SGD(parameters: [used, unused], learningRate: 0.1, momentum: 0.9)
    _ = minimizeSumOfSquares(sgd, used, steps: 2)
    #expect(unused.value.scalars == [5])
    #expect(sgd.exportState().tensors.keys.sorted() == ["0.momentum_buffer"])
  }
}

@Suite struct AdamTests {
  @Test func matchesHandComputationWithBiasCorrection() {
    // θ₀ = (1, −2), g = 2θ, η = 0.1, β = (0.9, 0.999), ε = 1e-8. With bias correction the first
    // step moves each element by η·sign(g) (m̂ = g, v̂ = g²). Step 2 by hand for the first element:
    //   m = 0.9·0.2 + 0.1·1.8 = 0.36,  v = 0.999·0.004 + 0.001·3.24 = 0.007236
    //   m̂ = 0.36 / (1 − 0.9²) = 1.894737,  v̂ = 0.007236 / (1 − 0.999²) = 3.619810
    //   θ = 0.9 − 0.1·1.894737 / (√3.619810 + 1e-8) = 0.8004122
    // Steps 3 and 4 continue the same recurrence (computed in double precision).
    let expected: [[Double]] = [
      [0.9000000005, -1.90000000025],
      [0.8004122286917927, -1.800166486115701],
      [0.7015862729460302, -1.700623392046465],
      [0.603939060573746, -1.6015048952894209],
    ]
    for dtype in DType.allCases {
      let theta = Parameter(Tensor(shape: [2], scalars: [1, -2], dtype: dtype))
      let adam = Adam(parameters: [theta], learningRate: 0.1)
      expectClose(minimizeSumOfSquares(adam, theta, steps: 4), expected, tolerance: dtype == .float64 ? 1e-12 : 1e-6)
    }
  }

  @Test func dcganSettingsMatchHandComputation() {
    // η = 2e-4, β₁ = 0.5 (Radford et al. 2015). Each early step moves by ≈ η.
    let theta = Parameter(Tensor(shape: [2], scalars: [1, -2], dtype: .float64))
    let adam = Adam(parameters: [theta], learningRate: 2e-4, beta1: 0.5)
    expectClose(minimizeSumOfSquares(adam, theta, steps: 3), [
      [0.999800000001, -1.9998000000005],
      [0.9996000066603279, -1.9996000033297474],
      [0.999400023783282, -1.9994000118897801],
    ], tolerance: 1e-12)
  }

  @Test func weightDecayIsAddedToTheGradient() {
    // g = 2θ + 0.5θ; same recurrence as above with this gradient.
    let theta = Parameter(Tensor(shape: [2], scalars: [1, -2], dtype: .float64))
    let adam = Adam(parameters: [theta], learningRate: 0.1, weightDecay: 0.5)
    expectClose(minimizeSumOfSquares(adam, theta, steps: 2), [
      [0.9000000003999999, -1.9000000002],
      [0.8004122284876838, -1.8001664860146227],
    ], tolerance: 1e-12)
  }

  @Test func importRejectsMismatchedState() throws {
    let theta = Parameter(Tensor.zeros([3]))
    let adam = Adam(parameters: [theta])
    theta.gradient = Tensor.ones([3])
    adam.step()
    var state = adam.exportState()
    #expect(state.stepCount == 1)
    #expect(state.tensors.keys.sorted() == ["0.exp_avg", "0.exp_avg_sq", "0.step"])
    #expect(throws: StateImportError.self) { try SGD(parameters: [theta], learningRate: 1).importState(state) }
    state.tensors["0.exp_avg"] = Tensor.zeros([4])
    #expect(throws: StateImportError.self) { try adam.importState(state) }
    state.tensors["0.exp_avg"] = nil
    #expect(throws: StateImportError.self) { try adam.importState(state) }
  }
}

@Suite struct RMSPropTests {
  @Test func matchesHandComputation() {
    // θ₀ = (1, −2), g = 2θ, η = 0.01, α = 0.99, ε = 1e-8 (PyTorch's RMSprop defaults but η).
    //   1: v = 0.01·2² = 0.04,  θ = 1 − 0.01·2 / (√0.04 + 1e-8) = 0.900000005
    //   2: g = 1.80000001, v = 0.99·0.04 + 0.01·g² = 0.0720000004,
    //      θ = 0.900000005 − 0.01·g / (√v + 1e-8) = 0.8329179680
    // Step 3 continues the same recurrence (computed in double precision); the second element,
    // its gradient twice as large and of the other sign, moves by the same steps.
    for dtype in DType.allCases {
      let theta = Parameter(Tensor(shape: [2], scalars: [1, -2], dtype: dtype))
      let rmsprop = RMSProp(parameters: [theta], learningRate: 0.01)
      expectClose(minimizeSumOfSquares(rmsprop, theta, steps: 3), [
        [0.9000000049999998, -1.9000000025],
        [0.8329179679700331, -1.8309433291098638],
        [0.7799822732436351, -1.7753494456014602],
      ], tolerance: dtype == .float64 ? 1e-12 : 1e-6)
      #expect(rmsprop.stepCount == 3)
    }
  }

  @Test func centeredWithMomentumAndWeightDecayMatchesHandComputation() {
    // g = 2θ + 0.1θ = 2.1 at θ₀ = 1, μ = 0.9, centered: ḡ = 0.01·2.1 = 0.021,
    //   v = 0.01·2.1² = 0.0441, s = √(0.0441 − 0.021²) + 1e-8 = 0.2089474,
    //   b = 2.1 / s = 10.050378, θ = 1 − 0.01·b = 0.8994962.
    let theta = Parameter(Tensor(shape: [2], scalars: [1, -2], dtype: .float64))
    let rmsprop = RMSProp(parameters: [theta], learningRate: 0.01, weightDecay: 0.1, momentum: 0.9, centered: true)
    expectClose(minimizeSumOfSquares(rmsprop, theta, steps: 3), [
      [0.8994962232840834, -1.899496220879081],
      [0.7413059803152443, -1.7392987512107194],
      [0.5496501643993552, -1.5406780199844428],
    ], tolerance: 1e-12)
    #expect(rmsprop.exportState().tensors.keys.sorted() == ["0.grad_avg", "0.momentum_buffer", "0.square_avg", "0.step"])
  }

  @Test func stateRoundTripContinuesBitForBit() throws {
    let start: [Double] = (0..<11).map { Double($0) / 3 - 1.5 }
    let theta = Parameter(Tensor(shape: [11], scalars: start))
    let rmsprop = RMSProp(parameters: [theta], learningRate: 0.01, momentum: 0.5)
    _ = minimizeSumOfSquares(rmsprop, theta, steps: 2)
    let copy = Parameter(theta.value.copied())
    let restored = RMSProp(parameters: [copy], learningRate: 0.01, momentum: 0.5)
    try restored.importState(rmsprop.exportState())
    #expect(minimizeSumOfSquares(rmsprop, theta, steps: 2) == minimizeSumOfSquares(restored, copy, steps: 2))
    #expect(throws: StateImportError.self) { try Adam(parameters: [copy]).importState(rmsprop.exportState()) }
    #expect(throws: StateImportError.self) { try RMSProp(parameters: [copy]).importState(rmsprop.exportState()) }
  }
}

@Suite struct OptimizerVectorLoopTests {
  /// 19 elements: two eight-lane blocks and a three-element scalar tail.
  private static let start: [Double] = (0..<19).map { Double($0 % 5) - 1.7 }

  @Test func everyElementFollowsTheScalarRecurrence() {
    // Adam on Σθ² element by element in plain Double arithmetic; the vector and tail paths
    // must both reproduce it.
    let theta = Parameter(Tensor(shape: [19], scalars: Self.start, dtype: .float64))
    let adam = Adam(parameters: [theta], learningRate: 0.05, beta1: 0.5, weightDecay: 0.01)
    let trajectory = minimizeSumOfSquares(adam, theta, steps: 3)
    for (index, start) in Self.start.enumerated() {
      var value = start, m = 0.0, v = 0.0
      for step in 1...3 {
        let g = 2 * value + 0.01 * value
        m = 0.5 * m + 0.5 * g
        v = 0.999 * v + 0.001 * g * g
        value -= 0.05 / (1 - pow(0.5, Double(step))) * m / (v.squareRoot() / (1 - pow(0.999, Double(step))).squareRoot() + 1e-8)
        #expect(abs(trajectory[step - 1][index] - value) <= 1e-12, "element \(index), step \(step)")
      }
    }
  }

  @Test(arguments: ["adam", "sgd", "rmsprop"])
  func laneAndTailGiveIdenticalBits(kind: String) {
    // The same starting value at a vector lane (index 2) and in the tail (index 18).
    var values = [Float](repeating: 0.25, count: 19)
    values[2] = 0.7
    values[18] = 0.7
    let theta = Parameter(Tensor(shape: [19], scalars: values))
    let optimizer: any Optimizer
    switch kind {
    case "adam": optimizer = Adam(parameters: [theta], learningRate: 0.01)
    case "sgd": optimizer = SGD(parameters: [theta], learningRate: 0.01, momentum: 0.9, weightDecay: 0.1)
    default: optimizer = RMSProp(parameters: [theta], learningRate: 0.01, weightDecay: 0.1, momentum: 0.9, centered: true)
    }
    let trajectory = minimizeSumOfSquares(optimizer, theta, steps: 4)
    for state in trajectory {
      #expect(state[2].bitPattern == state[18].bitPattern)
      #expect(state[0].bitPattern == state[17].bitPattern)
    }
  }
}
