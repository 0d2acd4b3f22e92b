import Testing
import TensorBackend

@Suite struct NormalizationTests {
  @Test func batchNormFullJacobian() {
    let x = randomInputs([[3, 2, 2, 2]], seed: 61)
    expectGradients("batch norm NCHW", at: x, fullJacobian: true) { batchNormalized($0[0], alongAxes: [0, 2, 3], epsilon: 1e-5).output }
    expectGradients("batch norm (N, C)", at: randomInputs([[4, 3]], seed: 62), fullJacobian: true) {
      batchNormalized($0[0], alongAxes: [0], epsilon: 0.8).output
    }
  }

  @Test func batchNormStatistics() {
    let x = Tensor(shape: [4, 1], scalars: [1, 2, 3, 6] as [Double], dtype: .float64)
    let (y, stats) = batchNormalized(x, alongAxes: [0], epsilon: 0)
    #expect(stats.mean.scalars == [3])
    #expect(stats.variance.scalars == [3.5])
    #expect(stats.count == 4)
    expectClose(y.scalars, [1, 2, 3, 6].map { ($0 - 3) / 3.5.squareRoot() }, tolerance: 1e-14, "normalized")
    let inference = normalized(x, mean: stats.mean, variance: stats.variance, epsilon: 0)
    expectClose(inference.scalars, y.scalars, tolerance: 1e-14, "inference with the same statistics")
  }

  @Test func dropoutScalesKeptUnitsAndIsIdentityInInference() {
    var generator = SplitMix64(seed: 5)
    let x = Tensor.ones([10_000])
    let y = dropout(x, probability: 0.4, training: true, using: &generator)
    let values = Set(y.scalars.map { ($0 * 1e6).rounded() / 1e6 })
    #expect(values == [0, (1 / 0.6 * 1e6).rounded() / 1e6])
    #expect(Swift.abs(y.mean().scalar - 1) < 0.05)
    #expect(dropout(x, probability: 0.4, training: false, using: &generator).scalars == x.scalars)
    let t = randomInputs([[3, 4]], seed: 63)
    expectGradients("dropout", at: t) { inputs in
      var g = SplitMix64(seed: 9)  // the same mask on every evaluation
      return dropout(inputs[0], probability: 0.5, training: true, using: &g)
    }
  }
}

extension NormalizationTests {
  @Test func fusedBatchNormMatchesComposite() {
    for shape in [[5, 3], [4, 3, 2, 5], [1, 2, 3, 3]] {
      let x = randomInputs([shape], seed: 64)[0]
      let axes = [0] + Array(2..<shape.count)
      let fused = batchNormalized(x, alongAxes: axes, epsilon: 1e-3).output
      let mean = x.mean(alongAxes: axes, keepingDimensions: true)
      let composite = (x - mean) / sqrt((x - mean).squared().mean(alongAxes: axes, keepingDimensions: true) + 1e-3)
      expectClose(fused.scalars, composite.scalars, tolerance: 1e-12, "forward \(shape)")
      let seed = randomInputs([shape], seed: 65)[0]
      let tracked = x.requiringGradient()
      let fusedGradient = batchNormalized(tracked, alongAxes: axes, epsilon: 1e-3).output.gradients(wrt: [tracked], seed: seed)[0]
      let recordedGradient = batchNormalized(tracked, alongAxes: axes, epsilon: 1e-3).output.gradients(wrt: [tracked], seed: seed, createGraph: true)[0]
      expectClose(fusedGradient.scalars, recordedGradient.scalars, tolerance: 1e-12, "backward \(shape)")
    }
  }

  @Test func batchNormSecondDerivative() {
    expectGradients("‖∇ₓ‖² through batch norm", at: randomInputs([[4, 3]], seed: 66)) { t in
      let x = t[0]
      let y = leakyRelu(batchNormalized(x, alongAxes: [0], epsilon: 1e-3).output).squared().sum()
      return y.gradients(wrt: [x], createGraph: true)[0].squared().sum()
    }
  }
}
