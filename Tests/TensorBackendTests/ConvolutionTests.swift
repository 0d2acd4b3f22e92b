import Testing
@testable import TensorBackend

/// One convolution configuration: `input` is conv2d's input (N, C, H, W) and `filter` its filter
/// (O, C, KH, KW). The transposed convolution with the same filter runs the other way, from a
/// tensor of conv2d's output shape, with filter layout (C_in, C_out, KH, KW) = (O, C, KH, KW).
private struct Case: CustomStringConvertible {
  var input: [Int]
  var filter: [Int]
  var stride = 1
  var padding = 0
  var outputPadding = 0

  var convOutput: [Int] {
    [input[0], filter[0], (input[2] + 2 * padding - filter[2]) / stride + 1,
     (input[3] + 2 * padding - filter[3]) / stride + 1]
  }
  /// The input of a transposed convolution whose output has the spatial size of `input` (with
  /// the output padding making up the remainder).
  var transposedInput: [Int] {
    precondition(
      (input[2] + 2 * padding - filter[2]) % stride == outputPadding
        && (input[3] + 2 * padding - filter[3]) % stride == outputPadding,
      "\(self): the output padding does not produce the input's height and width")
    return [input[0], filter[0], (input[2] + 2 * padding - filter[2] - outputPadding) / stride + 1,
     (input[3] + 2 * padding - filter[3] - outputPadding) / stride + 1]
  }
  var description: String {
    "input \(input), filter \(filter), stride \(stride), padding \(padding), output padding \(outputPadding)"
  }
}

private func random(_ shape: [Int], seed: UInt64, dtype: DType = .float64) -> Tensor {
  var generator = SplitMix64(seed: seed)
  return Tensor.randomNormal(shape, dtype: dtype, using: &generator)
}

private func expectGradientsMatch(
  _ name: String, at inputs: [Tensor], fullJacobian: Bool = true, tolerance: Double = 1e-6,
  sourceLocation: SourceLocation = #_sourceLocation, _ function: @escaping ([Tensor]) -> Tensor
) {
  let report = checkGradients(of: function, at: inputs, fullJacobian: fullJacobian)
  #expect(report.comparedEntries > 0, "\(name): nothing compared", sourceLocation: sourceLocation)
  #expect(report.maxRelativeError <= tolerance, "\(name): \(report)", sourceLocation: sourceLocation)
}

/// |a − b| ≤ tolerance · (1 + max(‖a‖∞, ‖b‖∞)) for every element: rounding errors scale with the
/// size of the terms summed, not with the (possibly cancelled) result. The message names the
/// worst element.
private func expectAgree(
  _ fast: Tensor, _ reference: Tensor, tolerance: Double, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(fast.shape == reference.shape, "\(what): shapes \(fast.shape) and \(reference.shape)", sourceLocation: sourceLocation)
  let a = fast.scalars, b = reference.scalars
  let scale = 1 + Swift.max(a.map(Swift.abs).max() ?? 0, b.map(Swift.abs).max() ?? 0)
  var worst = 0.0, worstIndex = 0
  for i in 0..<min(a.count, b.count) {
    let difference = Swift.abs(a[i] - b[i])
    if difference > worst || difference.isNaN { worst = difference.isNaN ? .infinity : difference; worstIndex = i }
  }
  #expect(
    worst <= tolerance * scale,
    "\(what): fast \(a.isEmpty ? 0 : a[worstIndex]) vs reference \(b.isEmpty ? 0 : b[worstIndex]) at \(worstIndex): |Δ| = \(worst) > \(tolerance) · \(scale)",
    sourceLocation: sourceLocation)
}

/// `x` as something `gradients(wrt:)` accepts inside a function under `checkGradients`: the
/// tracked input itself during the analytic pass, a fresh leaf during finite-difference
/// evaluations.
private func differentiable(_ x: Tensor) -> Tensor {
  x.requiresGradient ? x : x.requiringGradient()
}

@Suite struct ConvolutionTests {
  private static let gradientCases: [Case] = [
    Case(input: [1, 2, 4, 5], filter: [3, 2, 3, 3], stride: 1, padding: 1),  // batch 1, non-square
    Case(input: [2, 2, 5, 4], filter: [2, 2, 3, 2], stride: 2, padding: 1),  // stride 2, non-square filter
    Case(input: [2, 3, 3, 4], filter: [2, 3, 1, 1]),  // 1x1 filter
    Case(input: [1, 2, 6, 6], filter: [2, 2, 4, 4], stride: 2, padding: 1),  // DCGAN's 4x4, stride 2, padding 1
    Case(input: [2, 2, 3, 3], filter: [3, 2, 3, 3]),  // filter spans the input
    Case(input: [1, 1, 7, 6], filter: [2, 1, 3, 2], stride: 3, padding: 2),  // stride 3, padding 2
  ]

  private static let transposedCases: [Case] = [
    Case(input: [1, 3, 6, 4], filter: [2, 3, 3, 3], stride: 2, padding: 1, outputPadding: 1),
    Case(input: [2, 2, 4, 3], filter: [2, 2, 2, 2], stride: 1, padding: 0),
    Case(input: [2, 2, 8, 8], filter: [3, 2, 4, 4], stride: 2, padding: 1),  // DCGAN's generator layers
    Case(input: [1, 2, 5, 3], filter: [3, 2, 1, 1], stride: 2, padding: 0),  // 1x1 filter, stride 2
    Case(input: [2, 3, 4, 4], filter: [2, 3, 4, 4]),  // from 1x1, as DCGAN's first layer
    Case(input: [1, 1, 9, 6], filter: [2, 1, 3, 3], stride: 3, padding: 1, outputPadding: 2),
  ]

  @Test func conv2dOutputShape() {
    let y = conv2d(Tensor.zeros([2, 3, 9, 8]), filter: Tensor.zeros([4, 3, 4, 3]), stride: 2, padding: 1)
    #expect(y.shape == [2, 4, 4, 4])
    let z = transposedConv2d(Tensor.zeros([2, 4, 4, 4]), filter: Tensor.zeros([4, 3, 4, 4]), stride: 2, padding: 1, outputPadding: 1)
    #expect(z.shape == [2, 3, 9, 9])
  }

  @Test func conv2dMatchesHandComputedValues() {
    // A 3x3 image, a 2x2 filter, padding 1, stride 2: outputs at the corners of the padded image.
    let x = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9], dtype: .float64)
    let w = Tensor(shape: [1, 1, 2, 2], scalars: [1, 10, 100, 1000], dtype: .float64)
    let y = conv2d(x, filter: w, stride: 2, padding: 1)
    #expect(y.shape == [1, 1, 2, 2])
    let expected: [Double] = [1000, 3200, 7040, 9865]  // 1000·1, 100·2 + 1000·3, 10·4 + 1000·7, 5 + 10·6 + 100·8 + 1000·9
    #expect(y.scalars == expected)
    // The transposed convolution spreads each input pixel over a filter-sized block.
    let z = transposedConv2d(Tensor(shape: [1, 1, 1, 2], scalars: [1, 2], dtype: .float64), filter: w, stride: 1)
    #expect(z.shape == [1, 1, 2, 3])
    let spread: [Double] = [1, 12, 20, 100, 1200, 2000]
    #expect(z.scalars == spread)
  }

  @Test(arguments: gradientCases)
  fileprivate func conv2dGradients(_ c: Case) {
    let inputs = [random(c.input, seed: 1), random(c.filter, seed: 2)]
    expectGradientsMatch("conv2d \(c)", at: inputs) { t in
      conv2d(t[0], filter: t[1], stride: c.stride, padding: c.padding)
    }
  }

  @Test(arguments: transposedCases)
  fileprivate func transposedConv2dGradients(_ c: Case) {
    let inputs = [random(c.transposedInput, seed: 3), random(c.filter, seed: 4)]
    expectGradientsMatch("transposedConv2d \(c)", at: inputs) { t in
      let y = transposedConv2d(t[0], filter: t[1], stride: c.stride, padding: c.padding, outputPadding: c.outputPadding)
      precondition(y.shape == [c.input[0], c.filter[1], c.input[2], c.input[3]], "unexpected shape \(y.shape)")
      return y
    }
  }

  @Test func weightGradientGradients() {
    // The third primitive on its own, with a kernel size the shapes alone would not determine.
    let c = Case(input: [2, 2, 6, 5], filter: [3, 2, 3, 2], stride: 2, padding: 1)
    let inputs = [random(c.input, seed: 5), random(c.convOutput, seed: 6)]
    expectGradientsMatch("convWeightGradient \(c)", at: inputs) { t in
      convWeightGradient(t[0], outputGradient: t[1], kernelSize: (3, 2), stride: 2, padding: 1)
    }
  }

  @Test func secondDerivativeThroughConv2d() {
    // f(x, w) = ‖∇ₓ Σ leakyRelu(conv2d(x, w))²‖² + ‖∇_w Σ leakyRelu(conv2d(x, w))²‖²: its gradient
    // runs the backward rules of all three primitives.
    let c = Case(input: [2, 2, 5, 4], filter: [3, 2, 3, 3], stride: 2, padding: 1)
    let inputs = [random(c.input, seed: 7), random(c.filter, seed: 8)]
    expectGradientsMatch("‖∇ conv2d‖²", at: inputs, tolerance: 1e-5) { t in
      withGradient {
        let x = differentiable(t[0]), w = differentiable(t[1])
        let y = leakyRelu(conv2d(x, filter: w, stride: c.stride, padding: c.padding)).squared().sum()
        let g = y.gradients(wrt: [x, w], createGraph: true)
        return g[0].squared().sum() + g[1].squared().sum()
      }
    }
  }

  @Test func secondDerivativeThroughTransposedConv2d() {
    let c = Case(input: [1, 2, 7, 5], filter: [2, 2, 4, 4], stride: 2, padding: 1, outputPadding: 1)
    let inputs = [random(c.transposedInput, seed: 9), random(c.filter, seed: 10)]
    expectGradientsMatch("‖∇ transposedConv2d‖²", at: inputs, tolerance: 1e-5) { t in
      withGradient {
        let x = differentiable(t[0]), w = differentiable(t[1])
        let y = tanh(transposedConv2d(x, filter: w, stride: c.stride, padding: c.padding, outputPadding: c.outputPadding))
          .squared().sum()
        let g = y.gradients(wrt: [x, w], createGraph: true)
        return g[0].squared().sum() + g[1].squared().sum()
      }
    }
  }

  // MARK: Fast kernels against the reference loops

  private static let kernelCases: [Case] = [
    Case(input: [1, 3, 7, 5], filter: [4, 3, 3, 3], stride: 2, padding: 1, outputPadding: 0),
    Case(input: [3, 3, 6, 6], filter: [5, 3, 1, 1]),
    Case(input: [1, 4, 5, 5], filter: [3, 4, 1, 1], stride: 2),
    Case(input: [3, 2, 9, 7], filter: [4, 2, 4, 4], stride: 2, padding: 1, outputPadding: 1),
    Case(input: [5, 2, 4, 3], filter: [3, 2, 4, 3]),  // filter spans the input
    Case(input: [2, 3, 5, 6], filter: [2, 3, 2, 3], stride: 3, padding: 2, outputPadding: 1),
    Case(input: [2, 2, 3, 3], filter: [3, 2, 5, 5], padding: 1),  // filter larger than the input
    Case(input: [4, 6, 8, 8], filter: [7, 6, 4, 4], stride: 2, padding: 1, outputPadding: 0),
    Case(input: [16, 4, 20, 20], filter: [24, 4, 4, 4], stride: 2, padding: 1),  // large enough to run in parallel
    Case(input: [35, 16, 8, 8], filter: [32, 16, 4, 4], stride: 2, padding: 1),  // oneDNN's blocked channels, chunks of 32 + 3
    Case(input: [33, 20, 9, 9], filter: [17, 20, 5, 5], stride: 1, padding: 2),  // channel counts off the 16-blocks
  ]

  /// Forward values and both gradients of conv2d and transposedConv2d under one algorithm.
  private static func results(_ c: Case, dtype: DType, algorithm: ConvolutionAlgorithm, budget: Int) -> [Tensor] {
    ConvolutionAlgorithm.$current.withValue(algorithm) {
      GemmConvolution.$columnBudget.withValue(budget) {
        let x = random(c.input, seed: 11, dtype: dtype).requiringGradient()
        let w = random(c.filter, seed: 12, dtype: dtype).requiringGradient()
        let y = conv2d(x, filter: w, stride: c.stride, padding: c.padding)
        let convGradients = y.gradients(wrt: [x, w], seed: random(y.shape, seed: 13, dtype: dtype))
        let z = random(c.transposedInput, seed: 14, dtype: dtype).requiringGradient()
        let t = transposedConv2d(z, filter: w, stride: c.stride, padding: c.padding, outputPadding: c.outputPadding)
        let transposedGradients = t.gradients(wrt: [z, w], seed: random(t.shape, seed: 15, dtype: dtype))
        return [y] + convGradients + [t] + transposedGradients
      }
    }
  }

  @Test(arguments: kernelCases, [DType.float32, .float64])
  fileprivate func fastKernelsMatchReference(_ c: Case, dtype: DType) {
    let names = ["conv2d", "conv2d d/dinput", "conv2d d/dfilter",
                 "transposedConv2d", "transposedConv2d d/dinput", "transposedConv2d d/dfilter"]
    let tolerance = dtype == .float32 ? 1e-5 : 1e-12
    let reference = Self.results(c, dtype: dtype, algorithm: .reference, budget: .max)
    // The whole batch in one column matrix, then chunks of one and of two images.
    let twoImages = 2 * c.filter[1] * c.filter[2] * c.filter[3] * c.convOutput[2] * c.convOutput[3] * dtype.byteCount
    for budget in [Int.max, 1, twoImages] {
      let fast = Self.results(c, dtype: dtype, algorithm: .gemm, budget: budget)
      for (name, (a, b)) in zip(names, zip(fast, reference)) {
        expectAgree(a, b, tolerance: tolerance, "\(name), \(dtype), \(c), column budget \(budget)")
      }
    }
    // oneDNN's kernels (float32; float64 falls back to the column-matrix kernels), and the
    // automatic choice among them.
    for algorithm in [ConvolutionAlgorithm.oneDNN, .automatic] {
      let fast = Self.results(c, dtype: dtype, algorithm: algorithm, budget: .max)
      for (name, (a, b)) in zip(names, zip(fast, reference)) {
        expectAgree(a, b, tolerance: tolerance, "\(name), \(dtype), \(c), \(algorithm)")
      }
    }
  }

  @Test func emptyBatchAndZeroChannels() {
    let y = conv2d(Tensor.zeros([0, 2, 5, 5]), filter: Tensor.ones([3, 2, 3, 3]), padding: 1)
    #expect(y.shape == [0, 3, 5, 5])
    let x = Tensor.ones([2, 0, 4, 4]).requiringGradient()
    let z = conv2d(x, filter: Tensor.ones([3, 0, 3, 3]))
    #expect(z.shape == [2, 3, 2, 2] && z.scalars.allSatisfy { $0 == 0 })
  }

  // MARK: Shape errors

  @Test func channelMismatchNamesOpAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv2d(Tensor.zeros([2, 3, 8, 8]), filter: Tensor.zeros([4, 2, 3, 3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("conv2d: input (2, 3, 8, 8) has 3 channels, filter (4, 2, 3, 3) expects 2"), "\(message)")
  }

  @Test func transposedChannelMismatchNamesOpAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = transposedConv2d(Tensor.zeros([2, 3, 4, 4]), filter: Tensor.zeros([4, 2, 4, 4]), stride: 2, padding: 1)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("transposedConv2d") && message.contains("(2, 3, 4, 4)") && message.contains("(4, 2, 4, 4)"), "\(message)")
  }
}
