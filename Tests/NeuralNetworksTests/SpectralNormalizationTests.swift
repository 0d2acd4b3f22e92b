import NeuralNetworks
import TensorBackend
import Testing

/// Spectral normalization: σ(W) against a matrix built from its singular value decomposition and
/// against power iteration run to convergence, the gradient through σ by finite differences, and
/// the power iteration's state through a checkpoint.
@Suite struct SpectralNormalizationTests {
  /// I − 2hhᵀ/‖h‖², an orthogonal (Householder) matrix, as rows.
  private func reflection(_ h: [Double]) -> [[Double]] {
    let norm2 = h.reduce(0) { $0 + $1 * $1 }
    return h.indices.map { i in h.indices.map { j in (i == j ? 1 : 0) - 2 * h[i] * h[j] / norm2 } }
  }

  /// W = U·diag(s)·Vᵀ (O × I, O ≤ I) from orthogonal U (O × O) and V (I × I): σ(W) = max(s).
  private func matrix(singularValues s: [Double], left u: [[Double]], right v: [[Double]]) -> [Double] {
    let rows = u.count, columns = v.count
    var w = [Double](repeating: 0, count: rows * columns)
    for i in 0..<rows {
      for j in 0..<columns {
        for k in s.indices { w[i * columns + j] += u[i][k] * s[k] * v[j][k] }
      }
    }
    return w
  }

  /// The largest singular value of the O × I row-major matrix `w`, by 2,000 power-iteration
  /// steps on WᵀW in plain arithmetic: a reference independent of the layer's tensors.
  private func referenceLargestSingularValue(_ w: [Double], rows: Int, columns: Int) -> Double {
    var v = (0..<columns).map { 1 + 0.1 * Double($0) }
    var sigma = 0.0
    for _ in 0..<2_000 {
      let wv = (0..<rows).map { i in (0..<columns).reduce(0) { $0 + w[i * columns + $1] * v[$1] } }
      let wtwv = (0..<columns).map { j in (0..<rows).reduce(0) { $0 + w[$1 * columns + j] * wv[$1] } }
      let norm = wtwv.reduce(0) { $0 + $1 * $1 }.squareRoot()
      v = wtwv.map { $0 / norm }
      sigma = norm.squareRoot()
    }
    return sigma
  }

  @Test func largestSingularValueMatchesTheDecomposition() {
    // σ = (3, 1.25, 0.5, 0.1): the top value stands well apart, as a trained weight's need not.
    let u = reflection([1, -2, 0.5, 1])
    let v = reflection([0.3, 1, -1, 2, 0.7])
    let w = matrix(singularValues: [3, 1.25, 0.5, 0.1], left: u, right: v)
    var generator = SplitMix64(seed: 5)
    let dense = Dense(inputSize: 5, outputSize: 4, using: &generator)
    dense.convert(to: .float64)
    dense.weight.assign(Tensor(shape: [4, 5], scalars: w, dtype: .float64))
    let layer = SpectralNormalization(dense, using: &generator)
    var context = ForwardContext(training: true, generator: SplitMix64(seed: 0))
    let x = Tensor.randomNormal([3, 5], dtype: .float64, using: &generator)
    for _ in 0..<20 { _ = layer(x, context: &context) }
    #expect(abs(layer.largestSingularValue - 3) <= 1e-9, "σ estimate \(layer.largestSingularValue), decomposition 3")
    #expect(abs(referenceLargestSingularValue(w, rows: 4, columns: 5) - 3) <= 1e-9)
    // W/σ(W) has largest singular value 1.
    let normalized = layer.normalizedWeight.scalars
    let top = referenceLargestSingularValue(normalized, rows: 4, columns: 5)
    #expect(abs(top - 1) <= 1e-9, "normalized weight's σ \(top)")
  }

  @Test(arguments: [UInt64(11), 12, 13])
  func estimateConvergesOnRandomWeights(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let layer = SpectralNormalization(Dense(inputSize: 6, outputSize: 5, dtype: .float64, using: &generator), using: &generator)
    var context = ForwardContext(training: true, generator: SplitMix64(seed: 0))
    let x = Tensor.randomNormal([2, 6], dtype: .float64, using: &generator)
    // One step per training pass: after enough passes on a fixed W the estimate is σ(W).
    for _ in 0..<300 { _ = layer(x, context: &context) }
    let reference = referenceLargestSingularValue(layer.layer.weight.value.scalars, rows: 5, columns: 6)
    #expect(abs(layer.largestSingularValue - reference) <= 1e-8 * reference, "estimate \(layer.largestSingularValue), reference \(reference)")
    let top = referenceLargestSingularValue(layer.normalizedWeight.scalars, rows: 5, columns: 6)
    #expect(abs(top - 1) <= 1e-8, "normalized weight's σ \(top)")
  }

  @Test func trainingStepsTheIterationAndInferenceDoesNot() {
    var generator = SplitMix64(seed: 21)
    let layer = SpectralNormalization(Dense(inputSize: 4, outputSize: 3, using: &generator), using: &generator)
    let x = Tensor.randomNormal([2, 4], using: &generator)
    let before = bits(layer.leftVector.value)
    _ = layer.inferring(from: x)
    #expect(bits(layer.leftVector.value) == before, "inference moved u")
    // A changed W moves u at the next training pass, one step.
    layer.layer.weight.assign(layer.layer.weight.value * 2 + 0.5)
    var context = trainingContext()
    _ = layer(x, context: &context)
    #expect(bits(layer.leftVector.value) != before, "training left u where it was")
  }

  /// In inference u and v are fixed, so y is a function of W alone, W/(uᵀWv): its full
  /// derivative, σ's share included, against central differences.
  @Test func gradientFlowsThroughSigma() {
    var generator = SplitMix64(seed: 31)
    let layer = SpectralNormalization(Dense(inputSize: 5, outputSize: 3, dtype: .float64, using: &generator), using: &generator)
    let x = Tensor.randomNormal([4, 5], dtype: .float64, using: &generator)
    let inputReport = checkGradients(of: { layer.inferring(from: $0[0]) }, at: [x])
    let parameterReport = checkParameterGradients(of: layer) { randomProjection(layer.inferring(from: x)) }
    #expect(inputReport.maxRelativeError < 1e-6, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < 1e-6, "\(parameterReport)")
    // Treating σ as a constant would give another gradient: the check above would catch it.
    layer.zeroGradients()
    randomProjection(layer.inferring(from: x)).backward()
    let full = layer.layer.weight.gradient!.scalars
    layer.zeroGradients()
    let sigma = layer.largestSingularValue
    randomProjection(linear(x, weight: layer.layer.weight.value / sigma, bias: layer.layer.bias!.value)).backward()
    let numeratorOnly = layer.layer.weight.gradient!.scalars
    #expect(zip(full, numeratorOnly).map { abs($0 - $1) }.max()! > 1e-3)
  }

  /// A training pass's gradient holds u and v constant, as PyTorch's does: with u and v reset
  /// before each evaluation, central differences (which also move the one power-iteration step)
  /// agree to second order once u and v have converged.
  @Test(arguments: [false, true])
  func gradientInTrainingAfterConvergence(transposed: Bool) {
    var generator = SplitMix64(seed: 41)
    let layer: any Layer
    let x: Tensor
    let vectors: [Buffer]
    if !transposed {
      let normalized = SpectralNormalization(Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 2, dtype: .float64, using: &generator), using: &generator)
      normalized.iterate(steps: 500)
      (layer, vectors) = (normalized, [normalized.leftVector, normalized.rightVector])
      x = Tensor.randomNormal([2, 2, 3, 3], dtype: .float64, using: &generator)
    } else {
      let normalized = SpectralNormalization(TransposedConv2D(inputChannels: 2, outputChannels: 3, kernelSize: 2, dtype: .float64, using: &generator), using: &generator)
      normalized.iterate(steps: 500)
      (layer, vectors) = (normalized, [normalized.leftVector, normalized.rightVector])
      x = Tensor.randomNormal([2, 2, 2, 2], dtype: .float64, using: &generator)
    }
    let saved = vectors.map { $0.value.copied() }
    let report = checkParameterGradients(of: layer) {
      for (buffer, value) in zip(vectors, saved) { buffer.assign(value) }
      var context = trainingContext()
      return randomProjection(layer(x, context: &context))
    }
    #expect(report.maxRelativeError < 1e-6, "\(report)")
  }

  @Test func transposedConvolutionNormalizesAlongItsOutputChannels() {
    var generator = SplitMix64(seed: 51)
    // Weight (C = 2, O = 3, 2, 2): the matrix is (O, C·K²) = (3, 8), as PyTorch's `dim=1`.
    let layer = SpectralNormalization(TransposedConv2D(inputChannels: 2, outputChannels: 3, kernelSize: 2, dtype: .float64, using: &generator), using: &generator)
    #expect(layer.leftVector.shape == [3] && layer.rightVector.shape == [8])
    layer.iterate(steps: 500)
    let w = layer.layer.weight.value.permuted([1, 0, 2, 3]).scalars
    let reference = referenceLargestSingularValue(w, rows: 3, columns: 8)
    #expect(abs(layer.largestSingularValue - reference) <= 1e-9 * reference)
  }

  /// The power iteration's state is saved and restored with the weights, under PyTorch's names,
  /// so a restored layer continues bit for bit.
  @Test func checkpointRoundTripOfTheIteration() throws {
    var generator = SplitMix64(seed: 61)
    func network(using generator: inout SplitMix64) -> Sequential {
      Sequential(MultilayerPerceptron.layers(inputSize: 2, hiddenWidths: [8], outputSize: 1, negativeSlope: 0.2, spectralNormalization: true, using: &generator))
    }
    let original = network(using: &generator)
    #expect(Set(original.exportState().keys) == ["0.weight_orig", "0.bias", "0.weight_u", "0.weight_v", "2.weight_orig", "2.bias", "2.weight_u", "2.weight_v"])
    let x = Tensor.randomNormal([5, 2], using: &generator)
    var context = trainingContext()
    for _ in 0..<3 { _ = original(x, context: &context) }
    let state = original.exportState()

    var other = SplitMix64(seed: 62)
    let restored = network(using: &other)
    #expect(bits(restored.exportState()["0.weight_u"]!) != bits(state["0.weight_u"]!))
    try restored.importState(state)
    for (name, tensor) in restored.exportState() { #expect(bits(tensor) == bits(state[name]!), "\(name)") }
    var first = trainingContext(seed: 3), second = trainingContext(seed: 3)
    #expect(bits(original(x, context: &first)) == bits(restored(x, context: &second)))
    #expect(bits(original.exportState()["2.weight_v"]!) == bits(restored.exportState()["2.weight_v"]!))
  }

  @Test func withoutSpectralNormalizationThePerceptronIsUnchanged() {
    var a = SplitMix64(seed: 71), b = SplitMix64(seed: 71)
    let plain = Sequential(MultilayerPerceptron.layers(inputSize: 3, hiddenWidths: [4], outputSize: 2, negativeSlope: 0.2, using: &a))
    let explicit = Sequential(MultilayerPerceptron.layers(inputSize: 3, hiddenWidths: [4], outputSize: 2, negativeSlope: 0.2, spectralNormalization: false, using: &b))
    let (left, right) = (plain.exportState(), explicit.exportState())
    #expect(Set(left.keys) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    for (name, tensor) in left { #expect(bits(tensor) == bits(right[name]!), "\(name)") }
  }
}
