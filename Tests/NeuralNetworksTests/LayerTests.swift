import NeuralNetworks
import TensorBackend
import Testing

@Suite struct LayerTests {
  @Test func outputShapes() {
    var generator = SplitMix64(seed: 1)
    var context = trainingContext()
    let x = Tensor.randomNormal([4, 3, 2, 5], using: &generator)
    #expect(Dense(inputSize: 30, outputSize: 7, using: &generator)(x.flattenedBatch(), context: &context).shape == [4, 7])
    #expect(BatchNorm(featureCount: 3)(x, context: &context).shape == [4, 3, 2, 5])
    #expect(BatchNorm(featureCount: 3)(x.reshaped(to: [4, 3, 10]), context: &context).shape == [4, 3, 10])
    #expect(LayerNorm(normalizedShape: [3, 2, 5])(x, context: &context).shape == [4, 3, 2, 5])
    #expect(Flatten()(x, context: &context).shape == [4, 30])
    #expect(Reshape(sampleShape: [6, -1])(x, context: &context).shape == [4, 6, 5])
    #expect(Embedding(classCount: 10, dimension: 6, using: &generator)(labels: [3, 9, 0]).shape == [3, 6])
    let labelColumn = Tensor(shape: [2, 1], scalars: [1, 4])
    #expect(Embedding(classCount: 5, dimension: 2, using: &generator)(labelColumn, context: &context).shape == [2, 2])
    for activation: any Layer in [ReLU(), LeakyReLU(), Tanh(), Sigmoid(), Dropout(probability: 0.5)] {
      #expect(activation(x, context: &context).shape == x.shape)
    }
  }

  /// Normalization and dropout follow every hidden layer but the first, as in PyTorch-GAN's MLPs.
  @Test func multilayerPerceptronLayersInOrder() {
    var generator = SplitMix64(seed: 4)
    let kinds = { (layers: [any Layer]) in layers.map { "\(type(of: $0))" } }
    let normalized = MultilayerPerceptron.layers(inputSize: 3, hiddenWidths: [5, 6, 7], outputSize: 2, negativeSlope: 0.2, batchNormEpsilon: 0.8, using: &generator)
    #expect(kinds(normalized) == ["Dense", "LeakyReLU", "Dense", "BatchNorm", "LeakyReLU", "Dense", "BatchNorm", "LeakyReLU", "Dense"])
    #expect(normalized.compactMap { ($0 as? Dense)?.weight.shape } == [[5, 3], [6, 5], [7, 6], [2, 7]])
    let dropped = MultilayerPerceptron.layers(inputSize: 3, hiddenWidths: [4, 4], outputSize: 1, negativeSlope: 0, dropoutProbability: 0.4, using: &generator)
    #expect(kinds(dropped) == ["Dense", "LeakyReLU", "Dense", "Dropout", "LeakyReLU", "Dense"])
    #expect(kinds(MultilayerPerceptron.layers(inputSize: 3, hiddenWidths: [], outputSize: 1, negativeSlope: 0.2, using: &generator)) == ["Dense"])
  }

  @Test func namesFollowPyTorch() {
    var generator = SplitMix64(seed: 2)
    let inner = Sequential {
      Dense(inputSize: 3, outputSize: 4, bias: false, using: &generator)
      BatchNorm(featureCount: 4)
    }
    let model = Sequential {
      Dense(inputSize: 2, outputSize: 3, using: &generator)
      LeakyReLU()
      inner
      LayerNorm(normalizedShape: [4], affine: false)
    }
    #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.0.weight", "2.1.weight", "2.1.bias"])
    #expect(model.namedBuffers.map(\.name) == ["2.1.running_mean", "2.1.running_var"])
    #expect(model.parameterCount == 6 + 3 + 12 + 4 + 4)
    #expect(model.allLayers.count == 7)
    #expect(model.parameters.map(\.shape) == [[3, 2], [3], [4, 3], [4], [4]])
  }

  @Test func resultBuilderControlFlow() {
    var generator = SplitMix64(seed: 3)
    for normalize in [false, true] {
      let model = Sequential {
        for _ in 0..<2 { Dense(inputSize: 4, outputSize: 4, using: &generator) }
        if normalize { BatchNorm(featureCount: 4) } else { Tanh() }
      }
      #expect(model.layers.count == 3)
      #expect((model.layers[2] is BatchNorm) == normalize)
    }
  }

  @Test func stateImportRoundTripAndErrors() throws {
    var generator = SplitMix64(seed: 4)
    let make = { (generator: inout SplitMix64) in
      Sequential { Dense(inputSize: 3, outputSize: 2, using: &generator); BatchNorm(featureCount: 2) }
    }
    let source = make(&generator), target = make(&generator)
    var context = trainingContext()
    _ = source(Tensor.randomNormal([5, 3], using: &generator), context: &context)
    let state = source.exportState()
    #expect(state.keys.sorted() == ["0.bias", "0.weight", "1.bias", "1.running_mean", "1.running_var", "1.weight"])
    try target.importState(state)
    #expect(target.exportState().mapValues(bits) == state.mapValues(bits))

    // The export is a copy: training on does not change it.
    let before = bits(state["0.weight"]!)
    let sgd = SGD(parameters: source.parameters, learningRate: 0.1)
    source(Tensor.randomNormal([5, 3], using: &generator), context: &context).sum().backward()
    sgd.step()
    #expect(bits(state["0.weight"]!) == before)

    var wrongShape = state
    wrongShape["0.bias"] = Tensor.zeros([3])
    #expect(throws: StateImportError.self) { try target.importState(wrongShape) }
    var missing = state
    missing["1.running_var"] = nil
    #expect(throws: StateImportError.self) { try target.importState(missing) }
    var extra = state
    extra["2.weight"] = Tensor.zeros([1])
    #expect(throws: StateImportError.self) { try target.importState(extra) }
  }

  @Test func convertChangesEveryTensorsType() {
    var generator = SplitMix64(seed: 5)
    let model = Sequential { Dense(inputSize: 2, outputSize: 2, using: &generator); BatchNorm(featureCount: 2) }
    let single = model.exportState()
    model.convert(to: .float64)
    #expect(model.parameters.allSatisfy { $0.dtype == .float64 })
    #expect(model.namedBuffers.allSatisfy { $0.buffer.dtype == .float64 })
    #expect(model.exportState().mapValues(\.scalars) == single.mapValues(\.scalars))
  }

  @Test func dropoutUsesTheContext() {
    let layer = Dropout(probability: 0.5)
    let x = Tensor.ones([1000])
    #expect(layer.inferring(from: x).scalars == x.scalars)
    var first = trainingContext(seed: 9), second = trainingContext(seed: 9)
    let a = layer(x, context: &first), b = layer(x, context: &second)
    #expect(a.scalars == b.scalars)
    #expect(first.generator == second.generator && first.generator != SplitMix64(seed: 9))
    #expect(Set(a.scalars) == [0, 2])
    let kept = a.scalars.filter { $0 > 0 }.count
    #expect(abs(kept - 500) <= 60, "kept \(kept) of 1000 at p = 0.5")
  }

  @Test func embeddingLabelTensorMatchesIntegerLabels() {
    var generator = SplitMix64(seed: 6)
    let layer = Embedding(classCount: 4, dimension: 3, using: &generator)
    var context = trainingContext()
    let fromTensor = layer(Tensor(shape: [3], scalars: [3, 0, 3]), context: &context)
    #expect(fromTensor.scalars == layer(labels: [3, 0, 3]).scalars)
    #expect(Array(fromTensor.scalars[0..<3]) == Array(layer.weight.value.scalars[9..<12]))
    #expect(Embedding.labels(from: Tensor(shape: [2, 1], scalars: [2, 1])) == [2, 1])
  }
}

@Suite struct InitializerTests {
  private func statistics(_ t: Tensor) -> (mean: Double, standardDeviation: Double, maxAbs: Double) {
    let values = t.scalars, n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    return (mean, variance.squareRoot(), values.map(abs).max()!)
  }

  @Test func fansFollowPyTorch() {
    #expect(Initializer.Fans(weightShape: [7, 5]) == .init(input: 5, output: 7))
    #expect(Initializer.Fans(weightShape: [8, 3, 4, 4]) == .init(input: 48, output: 128))
  }

  @Test func pytorchDefaultsAreUniformInOneOverRootFanIn() {
    var generator = SplitMix64(seed: 1)
    let layer = Dense(inputSize: 64, outputSize: 200, using: &generator)
    let bound = 1 / 8.0
    let weight = statistics(layer.weight.value), bias = statistics(layer.bias!.value)
    #expect(weight.maxAbs <= bound && weight.maxAbs > 0.99 * bound)
    // U(−b, b) has standard deviation b/√3.
    #expect(abs(weight.standardDeviation - bound / 3.0.squareRoot()) <= 0.002)
    #expect(bias.maxAbs <= bound && bias.maxAbs > 0.8 * bound)
  }

  @Test func normalAndXavier() {
    var generator = SplitMix64(seed: 2)
    let dcgan = statistics(Initializer.dcganWeight.tensor([64, 32, 4, 4], using: &generator))
    #expect(abs(dcgan.mean) <= 0.001 && abs(dcgan.standardDeviation - 0.02) <= 0.0005)
    let scale = statistics(Initializer.dcganBatchNormScale.tensor([20000], using: &generator))
    #expect(abs(scale.mean - 1) <= 0.001 && abs(scale.standardDeviation - 0.02) <= 0.0005)
    // Glorot & Bengio 2010: U(±√(6 / (fan-in + fan-out))) = U(±0.1) for (300, 300).
    let xavier = statistics(Initializer.xavierUniform(gain: 1).tensor([300, 300], using: &generator))
    #expect(xavier.maxAbs <= 0.1 && xavier.maxAbs > 0.099)
    let xavierNormal = statistics(Initializer.xavierNormal(gain: 1).tensor([300, 300], using: &generator))
    #expect(abs(xavierNormal.standardDeviation - (2.0 / 600).squareRoot()) <= 0.001)
  }
}
