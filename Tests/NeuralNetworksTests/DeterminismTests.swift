import NeuralNetworks
import TensorBackend
import Testing

/// A small MLP with every kind of randomness: initialisation, dropout masks and data.
private func makeMLP(seed: UInt64) -> Sequential {
  var generator = SplitMix64(seed: seed)
  return Sequential {
    Dense(inputSize: 6, outputSize: 16, using: &generator)
    BatchNorm(featureCount: 16, epsilon: 0.8)
    LeakyReLU(negativeSlope: 0.2)
    Dropout(probability: 0.25)
    Dense(inputSize: 16, outputSize: 1, using: &generator)
  }
}

/// `steps` optimizer steps of a regression towards the sum of the inputs on batches drawn from
/// `dataGenerator`, with dropout drawing from `contextGenerator`.
private func train(
  _ model: Sequential, _ optimizer: any Optimizer, steps: Int,
  dataGenerator: inout SplitMix64, contextGenerator: inout SplitMix64
) {
  for _ in 0..<steps {
    let x = Tensor.randomNormal([8, 6], using: &dataGenerator)
    let target = x.sum(alongAxes: [1], keepingDimensions: true)
    var context = ForwardContext(training: true, generator: contextGenerator)
    optimizer.zeroGradients()
    meanSquaredError(predictions: model(x, context: &context), targets: target).backward()
    optimizer.step()
    contextGenerator = context.generator
  }
}

private func snapshot(_ model: Sequential) -> [String: [UInt64]] {
  model.exportState().mapValues(bits)
}

@Suite struct DeterminismTests {
  @Test func sameSeedGivesIdenticalBitsAfterTwentyAdamSteps() {
    func run(seed: UInt64) -> [String: [UInt64]] {
      let model = makeMLP(seed: seed)
      let adam = Adam(parameters: model.parameters, learningRate: 2e-3, beta1: 0.5)
      var data = SplitMix64(seed: seed &+ 1), dropout = SplitMix64(seed: seed &+ 2)
      train(model, adam, steps: 20, dataGenerator: &data, contextGenerator: &dropout)
      return snapshot(model)
    }
    let first = run(seed: 42), second = run(seed: 42), other = run(seed: 43)
    #expect(first == second)
    #expect(first != other)
    #expect(first.keys.sorted() == ["0.bias", "0.weight", "1.bias", "1.running_mean", "1.running_var", "1.weight", "4.bias", "4.weight"])
  }

  @Test(arguments: ["adam", "sgd"])
  func resumingFromExportedStateContinuesBitIdentically(kind: String) throws {
    func makeOptimizer(_ model: Sequential) -> any Optimizer {
      kind == "adam"
        ? Adam(parameters: model.parameters, learningRate: 1e-2, beta1: 0.5, weightDecay: 1e-3)
        : SGD(parameters: model.parameters, learningRate: 1e-2, momentum: 0.9, weightDecay: 1e-3)
    }
    // Uninterrupted: 10 steps.
    let model = makeMLP(seed: 7)
    let optimizer = makeOptimizer(model)
    var data = SplitMix64(seed: 8), dropout = SplitMix64(seed: 9)
    train(model, optimizer, steps: 5, dataGenerator: &data, contextGenerator: &dropout)
    let layerState = model.exportState(), optimizerState = optimizer.exportState()
    let (dataAtCheckpoint, dropoutAtCheckpoint) = (data, dropout)
    train(model, optimizer, steps: 5, dataGenerator: &data, contextGenerator: &dropout)

    // Resumed: a differently initialised model and a fresh optimizer load the step-5 state.
    let resumed = makeMLP(seed: 1234)
    let resumedOptimizer = makeOptimizer(resumed)
    try resumed.importState(layerState)
    try resumedOptimizer.importState(optimizerState)
    #expect(resumedOptimizer.stepCount == 5)
    data = dataAtCheckpoint
    dropout = dropoutAtCheckpoint
    train(resumed, resumedOptimizer, steps: 5, dataGenerator: &data, contextGenerator: &dropout)

    #expect(snapshot(resumed) == snapshot(model))
    #expect(resumedOptimizer.stepCount == optimizer.stepCount)
    let a = optimizer.exportState().tensors.mapValues(bits), b = resumedOptimizer.exportState().tensors.mapValues(bits)
    #expect(a == b)
  }

  @Test func initializationIsSeeded() {
    var first = SplitMix64(seed: 5), second = SplitMix64(seed: 5)
    let a = Dense(inputSize: 10, outputSize: 7, using: &first)
    let b = Dense(inputSize: 10, outputSize: 7, using: &second)
    #expect(bits(a.weight.value) == bits(b.weight.value))
    #expect(bits(a.bias!.value) == bits(b.bias!.value))
    #expect(first == second)
  }
}
