import Testing
import TensorBackend

/// Gradients of gradients, as the gradient-penalty objectives (WGAN-GP, R1) need them: the
/// penalty ‖∇ₓD(x)‖² is differentiated with respect to x and to D's weights.
@Suite struct SecondOrderTests {
  /// A two-layer discriminator: dense → leaky relu → dense → tanh, summed.
  func discriminator(_ x: Tensor, _ w1: Tensor, _ b1: Tensor, _ w2: Tensor) -> Tensor {
    tanh(linear(leakyRelu(linear(x, weight: w1, bias: b1), negativeSlope: 0.2), weight: w2, bias: nil)).sum()
  }

  @Test func gradientOfGradientNormThroughDenseLayers() {
    let inputs = randomInputs([[3, 4], [5, 4], [5], [1, 5]], seed: 71)
    expectGradients("‖∇ₓD‖² through dense, leaky relu, tanh", at: inputs) { t in
      let x = t[0]
      let gx = self.discriminator(x, t[1], t[2], t[3]).gradients(wrt: [x], createGraph: true)[0]
      return gx.squared().sum()
    }
  }

  @Test func gradientPenaltyWithSquareRoot() {
    // WGAN-GP: (‖∇ₓD(x)‖₂ − 1)² per example, averaged.
    let inputs = randomInputs([[3, 4], [5, 4], [5], [1, 5]], seed: 72)
    expectGradients("WGAN-GP penalty", at: inputs) { t in
      let x = t[0]
      let gx = self.discriminator(x, t[1], t[2], t[3]).gradients(wrt: [x], createGraph: true)[0]
      let norms = sqrt(gx.squared().sum(alongAxes: [1]) + 1e-12)
      return (norms - 1).squared().mean()
    }
  }

  @Test func elementwiseSecondDerivatives() {
    let x = randomInputs([[6]], seed: 73, scale: 0.5, offset: 1.5)
    let cases: [(String, (Tensor) -> Tensor)] = [
      ("exp", { exp($0) }), ("log", { log($0) }), ("sqrt", { sqrt($0) }), ("tanh", { tanh($0) }),
      ("sigmoid", { sigmoid($0) }), ("softplus", { softplus($0) }), ("square", { $0.squared() }),
      ("x/(1+x)", { $0 / (1 + $0) }), ("pow 1.5", { pow($0, 1.5) }), ("mean", { $0 * $0.mean() }),
    ]
    for (name, f) in cases {
      expectGradients("d/dx (f'(x))² for \(name)", at: x) { t in
        let v = t[0]
        let g = f(v).sum().gradients(wrt: [v], createGraph: true)[0]
        return g.squared().sum()
      }
    }
  }
}
