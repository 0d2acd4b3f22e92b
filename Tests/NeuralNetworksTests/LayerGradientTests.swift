import NeuralNetworks
import TensorBackend
import Testing

/// Finite-difference checks in float64 of the gradients with respect to inputs (`checkGradients`)
/// and to parameters (`checkParameterGradients`) through each layer.
@Suite struct LayerGradientTests {
  static let tolerance = 1e-6

  @Test func dense() {
    var generator = SplitMix64(seed: 1)
    let layer = Dense(inputSize: 5, outputSize: 3, using: &generator)
    layer.convert(to: .float64)
    let x = Tensor.randomNormal([4, 5], dtype: .float64, using: &generator)
    var context = trainingContext()
    let inputReport = checkGradients(of: { layer($0[0], context: &context) }, at: [x])
    let parameterReport = checkParameterGradients(of: layer) { randomProjection(layer(x, context: &context)) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }

  @Test(arguments: [[3, 2], [2, 2, 2, 2]])
  func batchNormFullJacobianInTraining(shape: [Int]) {
    var generator = SplitMix64(seed: 2)
    let layer = BatchNorm(featureCount: 2)
    layer.convert(to: .float64)
    // γ and β away from 1 and 0 so the affine part is exercised.
    layer.scale!.assign(Tensor(shape: [2], scalars: [1.5, -0.7], dtype: .float64))
    layer.offset!.assign(Tensor(shape: [2], scalars: [0.3, 0.2], dtype: .float64))
    let x = Tensor.randomNormal(shape, dtype: .float64, using: &generator)
    var context = trainingContext()
    let inputReport = checkGradients(of: { layer($0[0], context: &context) }, at: [x], fullJacobian: true)
    let parameterReport = checkParameterGradients(of: layer) { randomProjection(layer(x, context: &context)) }
    #expect(inputReport.comparedEntries == x.scalarCount * x.scalarCount)
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }

  @Test func batchNormInInference() {
    var generator = SplitMix64(seed: 3)
    let layer = BatchNorm(featureCount: 3)
    layer.convert(to: .float64)
    var context = trainingContext()
    _ = layer(Tensor.randomNormal([4, 3], mean: 2, dtype: .float64, using: &generator), context: &context)
    let x = Tensor.randomNormal([2, 3, 2, 2], dtype: .float64, using: &generator)
    var inference = ForwardContext.inference
    let report = checkGradients(of: { layer($0[0], context: &inference) }, at: [x])
    #expect(report.maxRelativeError < Self.tolerance, "\(report)")
  }

  @Test func layerNorm() {
    var generator = SplitMix64(seed: 4)
    let layer = LayerNorm(normalizedShape: [2, 3, 3])
    layer.convert(to: .float64)
    layer.scale!.assign(Tensor.randomNormal([2, 3, 3], mean: 1, standardDeviation: 0.3, dtype: .float64, using: &generator))
    layer.offset!.assign(Tensor.randomNormal([2, 3, 3], standardDeviation: 0.3, dtype: .float64, using: &generator))
    let x = Tensor.randomNormal([3, 2, 3, 3], dtype: .float64, using: &generator)
    var context = trainingContext()
    let inputReport = checkGradients(of: { layer($0[0], context: &context) }, at: [x])
    let parameterReport = checkParameterGradients(of: layer) { randomProjection(layer(x, context: &context)) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }

  @Test func embeddingAccumulatesRepeatedLabels() {
    var generator = SplitMix64(seed: 5)
    let layer = Embedding(classCount: 4, dimension: 3, dtype: .float64, using: &generator)
    let labels = Tensor(shape: [5], scalars: [2, 0, 2, 3, 2], dtype: .float64)
    var context = trainingContext()
    let report = checkParameterGradients(of: layer) { randomProjection(layer(labels, context: &context)) }
    #expect(report.maxRelativeError < Self.tolerance, "\(report)")
    // Row 1 is never looked up: its gradient is exactly zero.
    layer.zeroGradients()
    layer(labels: [2, 0, 2, 3, 2]).sum().backward()
    #expect(layer.weight.gradient!.scalars == [1, 1, 1, 0, 0, 0, 3, 3, 3, 1, 1, 1])
  }

  @Test func embeddingMapsRepeatEachVectorOverThePlane() {
    var generator = SplitMix64(seed: 7)
    let layer = Embedding(classCount: 4, dimension: 3, dtype: .float64, using: &generator)
    let labels = [1, 3, 1]
    let maps = layer.maps(labels: labels, height: 2, width: 5)
    #expect(maps.shape == [3, 3, 2, 5])
    let rows = layer.weight.value.scalars
    for (i, label) in labels.enumerated() {
      for d in 0..<3 {
        let plane = maps.scalars[(i * 3 + d) * 10..<(i * 3 + d + 1) * 10]
        #expect(plane.allSatisfy { $0 == rows[label * 3 + d] }, "sample \(i), map \(d)")
      }
    }
    let report = checkParameterGradients(of: layer) { randomProjection(layer.maps(labels: labels, height: 2, width: 5)) }
    #expect(report.maxRelativeError < Self.tolerance, "\(report)")
    // Each use of a row adds H·W = 10 to its gradient under a plain sum.
    layer.zeroGradients()
    layer.maps(labels: labels, height: 2, width: 5).sum().backward()
    #expect(layer.weight.gradient!.scalars == [0, 0, 0, 20, 20, 20, 0, 0, 0, 10, 10, 10])
  }

  @Test func sequential() {
    var generator = SplitMix64(seed: 6)
    let model = Sequential {
      Dense(inputSize: 4, outputSize: 6, using: &generator)
      BatchNorm(featureCount: 6)
      LeakyReLU(negativeSlope: 0.2)
      Dense(inputSize: 6, outputSize: 2, using: &generator)
      Tanh()
    }
    model.convert(to: .float64)
    let x = Tensor.randomNormal([5, 4], dtype: .float64, using: &generator)
    var context = trainingContext()
    let inputReport = checkGradients(of: { model($0[0], context: &context) }, at: [x])
    let parameterReport = checkParameterGradients(of: model) { randomProjection(model(x, context: &context)) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }

  @Test func activationsAndShapeLayers() {
    var generator = SplitMix64(seed: 7)
    let model = Sequential {
      Reshape(sampleShape: [2, 3])
      Sigmoid()
      Flatten()
      ReLU()
    }
    // Offset so no input sits at ReLU's kink after the sigmoid (σ > 0 everywhere anyway).
    let x = Tensor.randomNormal([3, 6], dtype: .float64, using: &generator)
    var context = trainingContext()
    let report = checkGradients(of: { model($0[0], context: &context) }, at: [x])
    #expect(report.maxRelativeError < Self.tolerance, "\(report)")
  }
}
