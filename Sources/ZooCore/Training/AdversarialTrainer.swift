import NeuralNetworks
import TensorBackend

/// The one adversarial training loop body every GAN variant uses: k discriminator steps, then one
/// generator step (Goodfellow et al. 2014, Algorithm 1), with the losses of any `Objective`.
///
/// Each discriminator step draws a real minibatch and fresh noise z (N, Z), scores real and
/// generated samples, and descends the objective's discriminator loss (plus its penalty, if it
/// has one). The generator step then descends the generator loss on the samples generated in the
/// last discriminator step, as the DCGAN reference code does: G runs forward once per iteration.
/// The discriminator is frozen during the generator step, so its weight gradients are not
/// computed. For conditional models the generated samples take the real batch's labels, so both
/// follow the data's class frequencies.
public final class AdversarialTrainer: Trainer {
  public let generator: any Generator
  public let discriminator: any Discriminator
  public let objective: any Objective
  public let generatorOptimizer: any Optimizer
  public let discriminatorOptimizer: any Optimizer
  /// k.
  public let discriminatorStepsPerGeneratorStep: Int
  /// N, samples per minibatch.
  public let batchSize: Int

  public init(
    generator: any Generator, discriminator: any Discriminator, objective: any Objective,
    settings: AdversarialSettings, batchSize: Int
  ) {
    precondition(settings.discriminatorStepsPerGeneratorStep >= 1, "AdversarialTrainer: k must be at least 1, got \(settings.discriminatorStepsPerGeneratorStep)")
    precondition(batchSize >= 1, "AdversarialTrainer: batch size must be at least 1, got \(batchSize)")
    self.generator = generator
    self.discriminator = discriminator
    self.objective = objective
    self.generatorOptimizer = settings.generatorOptimizer.make(for: generator.parameters)
    self.discriminatorOptimizer = settings.discriminatorOptimizer.make(for: discriminator.parameters)
    self.discriminatorStepsPerGeneratorStep = settings.discriminatorStepsPerGeneratorStep
    self.batchSize = batchSize
  }

  public var sampler: any Generator { generator }

  public func step(data: inout any BatchSource, using rng: inout SplitMix64) throws -> StepRecord {
    var context = ForwardContext(training: true, generator: rng.split())
    var fake = Tensor.zeros([0])
    var condition: Tensor?
    var discriminatorLoss = 0.0, penaltyValue: Double?
    var meanReal = 0.0
    for k in 0..<discriminatorStepsPerGeneratorStep {
      let real = try data.nextBatch(size: batchSize, using: &rng)
      condition = real.labels
      let noise = Tensor.randomNormal([real.count, generator.latentDimension], using: &rng)
      // The last discriminator step's samples feed the generator step, so keep their graph.
      if k == discriminatorStepsPerGeneratorStep - 1 {
        fake = generator(noise: noise, condition: condition, context: &context)
      } else {
        fake = withoutGradient { generator(noise: noise, condition: condition, context: &context) }
      }
      discriminatorOptimizer.zeroGradients()
      let realLogits = discriminator(real.samples, condition: condition, context: &context)
      let fakeLogits = discriminator(fake.detached, condition: condition, context: &context)
      var loss = objective.discriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits)
      if let penalty = objective.discriminatorPenalty(
        real: real.samples, fake: fake.detached,
        critic: { [discriminator, condition] x in discriminator(x, condition: condition, context: &context) },
        using: &rng)
      {
        penaltyValue = penalty.scalar
        loss = loss + penalty
      }
      discriminatorLoss = loss.scalar
      loss.backward()
      discriminatorOptimizer.step()
      meanReal = withoutGradient { objective.score(realLogits.detached).mean().scalar }
    }

    generatorOptimizer.zeroGradients()
    for parameter in discriminator.parameters { parameter.requiresGradient = false }
    defer { for parameter in discriminator.parameters { parameter.requiresGradient = true } }
    let fakeLogits = discriminator(fake, condition: condition, context: &context)
    let generatorLoss = objective.generatorLoss(fakeLogits: fakeLogits)
    generatorLoss.backward()
    generatorOptimizer.step()

    var losses = [StepRecord.Term("discriminator", discriminatorLoss), .init("generator", generatorLoss.scalar)]
    if let penaltyValue { losses.append(.init("penalty", penaltyValue)) }
    return StepRecord(
      samplesConsumed: batchSize * discriminatorStepsPerGeneratorStep, losses: losses,
      meanRealScore: meanReal,
      meanFakeScore: withoutGradient { objective.score(fakeLogits.detached).mean().scalar })
  }

  public func exportState() -> [String: Tensor] {
    var state: [String: Tensor] = [:]
    for (prefix, layer) in [("generator", generator as any Layer), ("discriminator", discriminator)] {
      for (name, tensor) in layer.exportState() { state["\(prefix).\(name)"] = tensor }
    }
    for (prefix, optimizer) in [("generator_optimizer", generatorOptimizer), ("discriminator_optimizer", discriminatorOptimizer)] {
      let exported = optimizer.exportState()
      for (name, tensor) in exported.tensors { state["\(prefix).\(name)"] = tensor }
      state["\(prefix).step_count"] = Tensor(Double(exported.stepCount), dtype: .float64)
    }
    return state
  }

  public func importState(_ state: [String: Tensor]) throws {
    func part(_ prefix: String) -> [String: Tensor] {
      var result: [String: Tensor] = [:]
      for (name, tensor) in state where name.hasPrefix(prefix + ".") {
        result[String(name.dropFirst(prefix.count + 1))] = tensor
      }
      return result
    }
    var optimizerStates: [(any Optimizer, OptimizerState)] = []
    for (prefix, optimizer) in [("generator_optimizer", generatorOptimizer), ("discriminator_optimizer", discriminatorOptimizer)] {
      var tensors = part(prefix)
      guard let count = tensors.removeValue(forKey: "step_count") else {
        throw StateImportError("missing tensor \"\(prefix).step_count\"")
      }
      optimizerStates.append((optimizer, OptimizerState(kind: optimizer.exportState().kind, stepCount: Int(count.scalar), tensors: tensors)))
    }
    // Check everything before changing anything: layers validate fully before assigning.
    let generatorState = part("generator"), discriminatorState = part("discriminator")
    let backupGenerator = generator.exportState(), backupDiscriminator = discriminator.exportState()
    do {
      try generator.importState(generatorState)
      try discriminator.importState(discriminatorState)
      for (optimizer, optimizerState) in optimizerStates { try optimizer.importState(optimizerState) }
    } catch {
      try? generator.importState(backupGenerator)
      try? discriminator.importState(backupDiscriminator)
      throw error
    }
  }
}
