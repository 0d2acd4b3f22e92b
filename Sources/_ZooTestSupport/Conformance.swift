import Foundation
import NeuralNetworks
import Testing
import TensorBackend
import ZooCore

/// The conformance suite of the plugin protocols. Every variant's tests call these, so each new
/// model is held to the same contract: shapes, value ranges, gradients reaching every parameter,
/// configurations that survive a round trip through `Codable`, and training state that survives a
/// checkpoint.

/// G maps noise (N, Z) [+ labels] to (N, sampleShape…), values in `valueRange` when given, and
/// its loss sends a gradient to every parameter.
public func checkGenerator(
  _ generator: any Generator, batchSize: Int = 3, condition: Tensor? = nil, valueRange: ClosedRange<Double>? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  var rng = SplitMix64(seed: 99)
  var context = ForwardContext(training: true, generator: rng.split())
  let noise = Tensor.randomNormal([batchSize, generator.latentDimension], using: &rng)
  generator.zeroGradients()
  let x = generator(noise: noise, condition: condition, context: &context)
  #expect(x.shape == [batchSize] + generator.sampleShape, "generator output \(x.shape), expected \([batchSize] + generator.sampleShape)", sourceLocation: sourceLocation)
  #expect(x.scalars.allSatisfy { $0.isFinite }, "generator output has non-finite values", sourceLocation: sourceLocation)
  if let valueRange {
    #expect(x.scalars.allSatisfy { valueRange.contains($0) }, "generator output leaves \(valueRange)", sourceLocation: sourceLocation)
  }
  (x * Tensor.randomNormal(x.shape, using: &rng)).sum().backward()
  expectGradientsReachEveryParameter(of: generator, "generator", sourceLocation: sourceLocation)
}

/// D maps (N, sample…) [+ labels] to logits (N, 1), and its output sends a gradient to every
/// parameter and to the input.
public func checkDiscriminator(
  _ discriminator: any Discriminator, sampleShape: [Int], batchSize: Int = 3, condition: Tensor? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  var rng = SplitMix64(seed: 98)
  var context = ForwardContext(training: true, generator: rng.split())
  let x = Tensor.randomUniform([batchSize] + sampleShape, low: -1, high: 1, using: &rng).requiringGradient()
  discriminator.zeroGradients()
  let logits = discriminator(x, condition: condition, context: &context)
  #expect(logits.shape == [batchSize, 1], "discriminator output \(logits.shape), expected [\(batchSize), 1]", sourceLocation: sourceLocation)
  let inputGradient = logits.sum().gradients(wrt: [x])[0]
  #expect(inputGradient.scalars.contains { $0 != 0 }, "no gradient reaches the discriminator's input", sourceLocation: sourceLocation)
  discriminator(x, condition: condition, context: &context).sum().backward()
  expectGradientsReachEveryParameter(of: discriminator, "discriminator", sourceLocation: sourceLocation)
}

/// Every parameter of `layer` has a gradient with a non-zero entry.
public func expectGradientsReachEveryParameter(of layer: any Layer, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  for (name, parameter) in layer.namedParameters {
    let reached = parameter.gradient?.scalars.contains { $0 != 0 } ?? false
    #expect(reached, "\(what) parameter \(name) gets no gradient", sourceLocation: sourceLocation)
  }
}

/// A configuration survives encoding and decoding unchanged.
public func checkConfigurationRoundTrip<C: Codable & Equatable>(_ configuration: C, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let data = try JSONEncoder().encode(configuration)
  let decoded = try JSONDecoder().decode(C.self, from: data)
  #expect(decoded == configuration, "configuration changes through Codable: \(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
}

/// The whole contract of a variant on `data`: its default configuration round-trips, its trainer
/// builds, its generator and discriminator pass their checks, a few steps give finite losses,
/// and its state survives export and import.
public func checkVariant<V: ZooVariant>(
  _ variant: V.Type, on source: any BatchSource, configuration: V.Configuration? = nil, objective: any Objective = NonSaturatingObjective(),
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let data = source.description
  let configuration = configuration ?? V.defaultConfiguration(for: data, objective: type(of: objective))
  try checkConfigurationRoundTrip(configuration, sourceLocation: sourceLocation)
  #expect(!V.name.isEmpty && V.name == V.name.lowercased() && !V.name.contains(" "), "variant name \(V.name) is not kebab-case", sourceLocation: sourceLocation)
  var rng = SplitMix64(seed: 5)
  let trainer = try V.makeTrainer(configuration: configuration, data: data, objective: objective, batchSize: 4, using: &rng)
  var batchSource: any BatchSource = source
  let labels = try batchSource.nextBatch(size: 3, using: &rng).labels
  checkGenerator(trainer.sampler, condition: labels, valueRange: data.valueRange, sourceLocation: sourceLocation)
  if let adversarial = trainer as? AdversarialTrainer {
    checkDiscriminator(adversarial.discriminator, sampleShape: data.sampleShape, condition: labels, sourceLocation: sourceLocation)
  }
  for _ in 0..<3 {
    let record = try trainer.step(data: &batchSource, using: &rng)
    #expect(record.losses.allSatisfy { $0.value.isFinite }, "non-finite loss \(record.losses)", sourceLocation: sourceLocation)
  }
  let state = trainer.exportState()
  var other = SplitMix64(seed: 6)
  let fresh = try V.makeTrainer(configuration: configuration, data: data, objective: objective, batchSize: 4, using: &other)
  try fresh.importState(state)
  let restored = fresh.exportState()
  #expect(Set(restored.keys) == Set(state.keys), "state names change through import", sourceLocation: sourceLocation)
  for (name, tensor) in state {
    #expect(restored[name]?.scalars == tensor.scalars, "state tensor \(name) changes through import", sourceLocation: sourceLocation)
  }
}
