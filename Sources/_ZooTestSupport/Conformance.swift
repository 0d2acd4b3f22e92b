import Foundation
import NeuralNetworks
import Testing
import TensorBackend
import ZooCore
import _TestSupport

/// The conformance suite of the plugin protocols. Every variant's tests call `checkVariant`, so
/// each new model is held to the same contract whatever it is (a GAN, a VAE, a pyramid of GANs):
/// shapes, value ranges, gradients reaching every parameter, configurations that survive a round
/// trip through `Codable`, training state that survives a checkpoint, and a resumed run that ends
/// bit-identical to a straight one.

/// G maps its own noise (N, …) [+ condition] to (N, sampleShape…), values in `valueRange` when
/// given, and its output sends a gradient to every parameter.
public func checkGenerator(
  _ generator: any Generator, batchSize: Int = 3, condition: Tensor? = nil, valueRange: ClosedRange<Double>? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  var rng = SplitMix64(seed: 99)
  var context = ForwardContext(training: true, generator: rng.split())
  let noise = generator.makeNoise(count: batchSize, using: &rng)
  #expect(noise.shape.first == batchSize, "noise for \(batchSize) samples has shape \(noise.shape)", sourceLocation: sourceLocation)
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

/// D maps (N, sample…) [+ condition] to logits (N, 1), and its output sends a gradient to every
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

/// The whole contract of a variant on `source`'s data, with its own defaults unless a
/// configuration is given: see `checkTrainer`.
public func checkVariant<V: ZooVariant>(
  _ variant: V.Type, on source: any BatchSource, configuration: V.Configuration? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let data = source.description
  let configuration = configuration ?? V.defaultConfiguration(for: data)
  try checkVariantDescription(V.self, configuration, sourceLocation: sourceLocation)
  try checkTrainer({ try V.makeTrainer(configuration: configuration, data: data, environment: TrainingEnvironment(batchSize: 4), using: &$0) },
                   on: source, sourceLocation: sourceLocation)
}

/// The whole contract of an adversarial variant on `source`'s data with `objective` (default:
/// the variant's own, with its options for the data), and the variant's defaults for that
/// objective unless a configuration is given: see `checkTrainer`.
public func checkVariant<V: AdversarialVariant>(
  _ variant: V.Type, on source: any BatchSource, configuration: V.Configuration? = nil, objective: (any Objective)? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let data = source.description
  let objective = objective ?? V.defaultObjective.init(optionValues: V.defaultObjective.defaultOptionValues(for: data))
  let configuration = configuration ?? V.defaultConfiguration(for: data, objective: type(of: objective))
  try checkVariantDescription(V.self, configuration, sourceLocation: sourceLocation)
  #expect(V.defaultConfiguration(for: data) == V.defaultConfiguration(for: data, objective: V.defaultObjective),
          "the plain defaults are the default objective's", sourceLocation: sourceLocation)
  try checkTrainer(
    { try V.makeTrainer(configuration: configuration, data: data, objective: objective, environment: TrainingEnvironment(batchSize: 4), using: &$0) },
    on: source, sourceLocation: sourceLocation)
}

/// A kebab-case name, a summary and a paper, and a configuration that round-trips.
private func checkVariantDescription<V: ZooVariant>(_ variant: V.Type, _ configuration: V.Configuration, sourceLocation: SourceLocation) throws {
  #expect(!V.name.isEmpty && V.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "variant name \(V.name) is not kebab-case", sourceLocation: sourceLocation)
  #expect(!V.summary.isEmpty && !V.paper.isEmpty, "\(V.name) has no summary or paper", sourceLocation: sourceLocation)
  try checkConfigurationRoundTrip(configuration, sourceLocation: sourceLocation)
}

/// The contract of any trainer `makeTrainer` builds (from the random generator it is handed) on
/// `source`'s data: its generator passes `checkGenerator` (with a batch's condition) and each of
/// its networks that is a discriminator `checkDiscriminator`; three steps give finite losses
/// under the same names every step and move the parameters of every network; its state
/// survives export and import into a fresh trainer; and `checkResumeIsBitIdentical`.
public func checkTrainer(
  _ makeTrainer: (inout SplitMix64) throws -> any Trainer, on source: any BatchSource, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let data = source.description
  var rng = SplitMix64(seed: 5)
  let trainer = try makeTrainer(&rng)
  var batchSource: any BatchSource = source
  // A batch of the trainer's own size: a discriminator may only take batches it can split
  // (packs of m samples).
  let rows = trainer.batchSize
  let condition = try batchSource.nextBatch(size: rows, using: &rng).condition
  checkGenerator(trainer.sampler, batchSize: rows, condition: condition, valueRange: data.valueRange, sourceLocation: sourceLocation)
  for case let (_, discriminator as any Discriminator) in trainer.networks {
    checkDiscriminator(discriminator, sampleShape: data.sampleShape, batchSize: rows, condition: condition, sourceLocation: sourceLocation)
  }
  #expect(Set(trainer.networks.map(\.name)).count == trainer.networks.count, "network names repeat: \(trainer.networks.map(\.name))", sourceLocation: sourceLocation)
  #expect(trainer.batchesPerStep >= 1 && trainer.batchSize >= 1, sourceLocation: sourceLocation)

  let before = trainer.networks.map { network in network.layer.namedParameters.map { $0.parameter.value.scalars } }
  var names: [String]?
  for _ in 0..<3 {
    let record = try trainer.step(data: &batchSource, using: &rng)
    #expect(record.losses.allSatisfy { $0.value.isFinite }, "non-finite loss \(record.losses)", sourceLocation: sourceLocation)
    #expect(!record.losses.isEmpty && record.samplesConsumed > 0, "a step reports no loss or no samples: \(record)", sourceLocation: sourceLocation)
    let stepNames = (record.losses + record.diagnostics).map(\.name)
    #expect(names == nil || names == stepNames, "term names change between steps: \(names ?? []) then \(stepNames)", sourceLocation: sourceLocation)
    #expect(Set(stepNames).count == stepNames.count, "term names repeat: \(stepNames)", sourceLocation: sourceLocation)
    names = stepNames
  }
  // Per network, not per tensor: some parameters rightly get no gradient (a Wasserstein
  // critic's output bias cancels between the real and generated terms).
  for (network, values) in zip(trainer.networks, before) {
    #expect(network.layer.namedParameters.map { $0.parameter.value.scalars } != values, "\(network.name) does not change in training", sourceLocation: sourceLocation)
  }

  let state = trainer.exportState()
  var other = SplitMix64(seed: 6)
  let fresh = try makeTrainer(&other)
  try fresh.importState(state)
  let restored = fresh.exportState()
  #expect(Set(restored.keys) == Set(state.keys), "state names change through import", sourceLocation: sourceLocation)
  for (name, tensor) in state {
    #expect(restored[name]?.scalars == tensor.scalars, "state tensor \(name) changes through import", sourceLocation: sourceLocation)
  }
  try checkResumeIsBitIdentical(makeTrainer, on: source, sourceLocation: sourceLocation)
}

/// Training `2 × half` steps straight and training `half`, writing a checkpoint file, reading
/// it into a fresh trainer and training `half` more end bit-identical: every tensor of the
/// state and the random generator.
public func checkResumeIsBitIdentical(
  _ makeTrainer: (inout SplitMix64) throws -> any Trainer, on source: any BatchSource, half: Int = 2,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  func fresh() throws -> any Trainer {
    var initialization = SplitMix64(seed: 7)
    return try makeTrainer(&initialization)
  }
  func train(_ trainer: any Trainer, _ state: inout TrainingState, to steps: Int) throws {
    var data: any BatchSource = source
    data.resume(atSample: state.samplesSeen)
    try TrainingLoop().run(trainer: trainer, data: &data, state: &state, totalSteps: steps)
  }
  let straight = try fresh()
  var straightState = TrainingState(seed: 3)
  try train(straight, &straightState, to: 2 * half)

  let first = try fresh()
  var state = TrainingState(seed: 3)
  try train(first, &state, to: half)
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UInt64.random(in: 0...UInt64.max)).safetensors")
  defer { try? FileManager.default.removeItem(at: url) }
  try Checkpoint.write(trainer: first, state: state, to: url)
  let second = try fresh()
  var restored = try Checkpoint.read(from: url, into: second)
  #expect(restored == state, "the checkpoint's loop state differs", sourceLocation: sourceLocation)
  try train(second, &restored, to: 2 * half)

  #expect(restored.generator == straightState.generator, "the random generator differs after resuming", sourceLocation: sourceLocation)
  let a = straight.exportState(), b = second.exportState()
  #expect(Set(a.keys) == Set(b.keys), "state names differ after resuming", sourceLocation: sourceLocation)
  for (name, tensor) in a {
    #expect(b[name]?.floats == tensor.floats, "\(name) differs after resuming", sourceLocation: sourceLocation)
  }
}

/// A data-parallel run is the computation of one process on the whole batch: `steps` iterations
/// of a trainer built by `makeTrainer` for a process alone, and for each of `size` processes
/// (threads standing in for them, each on its shard of every batch, gradients averaged,
/// synchronized batch norm) end with the same weights and optimizer state, within
/// `tolerance` relative (float sums added in another order), and the processes end identical.
///
/// `absoluteSlack` allows for parameters whose gradient is rounding noise alone — a layer's bias
/// just before a normalization removes it, so the loss does not depend on it — which Adam turns
/// into steps of ±η whose signs the order of a sum decides: a few η·steps.
public func checkDataParallelTrainingMatchesOneProcess(
  size: Int = 2, steps: Int = 3, batchSize: Int, data: any BatchSource, tolerance: Double = 1e-4, absoluteSlack: Double = 0,
  makeTrainer: @escaping (TrainingEnvironment, inout SplitMix64) throws -> any Trainer,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  func train(_ environment: TrainingEnvironment, _ source: any BatchSource) throws -> [String: Tensor] {
    var initialization = SplitMix64(seed: 7)
    let trainer = try makeTrainer(environment, &initialization)
    var data = source
    var generator = SplitMix64(seed: 8)
    for _ in 0..<steps { _ = try trainer.step(data: &data, using: &generator) }
    return trainer.exportState()
  }
  let whole = try train(TrainingEnvironment(batchSize: batchSize), data)
  let parts = try ThreadProcessGroup.run(size: size) { group in
    try train(TrainingEnvironment(batchSize: batchSize, processGroup: group), ShardedBatchSource(data, rank: group.rank, of: group.size))
  }
  for (rank, part) in parts.enumerated() {
    #expect(part.keys.sorted() == whole.keys.sorted(), "rank \(rank): state tensors differ", sourceLocation: sourceLocation)
    for (name, tensor) in whole {
      guard let other = part[name] else { continue }
      let a = tensor.scalars, b = other.scalars
      let scale = Swift.max(a.map(Swift.abs).max() ?? 0, 1e-3)
      let worst = zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
      #expect(worst <= tolerance * scale + absoluteSlack, "rank \(rank), \(name): max |difference| \(worst) exceeds \(tolerance) × \(scale) + \(absoluteSlack)", sourceLocation: sourceLocation)
      if rank > 0 {
        #expect(parts[0][name]?.scalars == b, "ranks 0 and \(rank) differ in \(name)", sourceLocation: sourceLocation)
      }
    }
  }
}
