import NeuralNetworks
import TensorBackend
import Testing

/// The WGAN-GP penalty (Gulrajani et al. 2017, eq. 3) of `critic` at x: mean over the batch of
/// (‖∇ₓD(x)‖₂ − 1)². Differentiating it needs the backward pass of D to be differentiable, which
/// `gradients(wrt:createGraph: true)` records.
///
/// When x is a leaf that requires a gradient (the analytic side of `checkGradients`) the result
/// depends on it; otherwise x is made a leaf here. Recording is forced on because the numeric
/// side of the checks evaluates with it off.
func gradientPenalty(of critic: any Layer, at x: Tensor) -> Tensor {
  withGradient {
    let input = x.requiresGradient ? x : x.requiringGradient()
    var context = trainingContext()
    let scores = critic(input, context: &context)
    let gradient = scores.sum().gradients(wrt: [input], createGraph: true)[0]
    let norms = sqrt(gradient.flattenedBatch().squared().sum(alongAxes: [1]) + 1e-12)
    return (norms - 1).squared().mean()
  }
}

@Suite struct SecondDerivativeTests {
  static let tolerance = 1e-5

  @Test func gradientPenaltyThroughDenseLeakyReLUDense() {
    var generator = SplitMix64(seed: 21)
    let critic = Sequential {
      Dense(inputSize: 4, outputSize: 8, using: &generator)
      LeakyReLU(negativeSlope: 0.2)
      Dense(inputSize: 8, outputSize: 1, using: &generator)
    }
    critic.convert(to: .float64)
    let x = Tensor.randomNormal([3, 4], dtype: .float64, using: &generator)
    // d penalty / d x: a second derivative of the critic with respect to its input.
    let inputReport = checkGradients(of: { gradientPenalty(of: critic, at: $0[0]) }, at: [x])
    // d penalty / d θ: what a WGAN-GP critic step actually uses.
    let parameterReport = checkParameterGradients(of: critic) { gradientPenalty(of: critic, at: x) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
    #expect(gradientPenalty(of: critic, at: x).scalar > 0)
  }

  @Test func gradientPenaltyThroughConv2DLeakyReLU() {
    var generator = SplitMix64(seed: 22)
    let critic = Sequential {
      Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1, using: &generator)
      LeakyReLU(negativeSlope: 0.2)
      Conv2D(inputChannels: 3, outputChannels: 1, kernelSize: 3, using: &generator)
      Flatten()
    }
    critic.convert(to: .float64)
    let x = Tensor.randomNormal([2, 2, 6, 6], dtype: .float64, using: &generator)
    let inputReport = checkGradients(of: { gradientPenalty(of: critic, at: $0[0]) }, at: [x])
    let parameterReport = checkParameterGradients(of: critic) { gradientPenalty(of: critic, at: x) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }
}
