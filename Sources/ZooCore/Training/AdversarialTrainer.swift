import NeuralNetworks
import TensorBackend

/// The one adversarial training loop body every GAN variant uses: k discriminator steps, then one
/// generator step (Goodfellow et al. 2014, Algorithm 1), with the losses of any `Objective`.
///
/// Each discriminator step takes a real minibatch and fresh noise from the generator's
/// `makeNoise`, scores real and generated samples, descends the objective's discriminator loss
/// (plus its penalty, if it has one), and applies the discriminator's constraint, if any (WGAN's
/// weight clipping). The generator step then descends the generator loss on the samples
/// generated in the last discriminator step, as the DCGAN reference code does: G runs forward
/// once per iteration. The discriminator is frozen during the generator step, so its weight
/// gradients are not computed. Generated samples take the real batch's condition (its labels,
/// for labelled data), so both follow the data's class frequencies.
///
/// The optimizers are handed in, usually from a `TrainingEnvironment`, which may wrap them.
/// Losses are logged as "discriminator", "generator" and, with a penalty, "penalty"; the
/// diagnostics "mean_d_real" and "mean_d_fake" are the objective's score (D(x) for the logistic
/// objectives) of the last discriminator step's real batch and of the generator step's samples.
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
  /// Applied to the discriminator's parameters after each of its steps.
  public let discriminatorConstraint: (any ParameterConstraint)?
  /// The processes sharing each batch, and this one's shard, in a data-parallel run.
  public let environment: TrainingEnvironment?

  public init(
    generator: any Generator, discriminator: any Discriminator, objective: any Objective,
    generatorOptimizer: any Optimizer, discriminatorOptimizer: any Optimizer, discriminatorStepsPerGeneratorStep: Int = 1,
    batchSize: Int, discriminatorConstraint: (any ParameterConstraint)? = nil, environment: TrainingEnvironment? = nil
  ) {
    precondition(discriminatorStepsPerGeneratorStep >= 1, "AdversarialTrainer: k must be at least 1, got \(discriminatorStepsPerGeneratorStep)")
    precondition(batchSize >= 1, "AdversarialTrainer: batch size must be at least 1, got \(batchSize)")
    self.generator = generator
    self.discriminator = discriminator
    self.objective = objective
    self.generatorOptimizer = generatorOptimizer
    self.discriminatorOptimizer = discriminatorOptimizer
    self.discriminatorStepsPerGeneratorStep = discriminatorStepsPerGeneratorStep
    self.batchSize = batchSize
    self.discriminatorConstraint = discriminatorConstraint
    self.environment = environment?.processGroup == nil ? nil : environment
  }

  /// The trainer `settings` describe: k, and the optimizers, made by `environment` for its batch
  /// size.
  public convenience init(
    generator: any Generator, discriminator: any Discriminator, objective: any Objective, settings: AdversarialSettings,
    environment: TrainingEnvironment, discriminatorConstraint: (any ParameterConstraint)? = nil
  ) {
    self.init(
      generator: generator, discriminator: discriminator, objective: objective,
      generatorOptimizer: environment.makeOptimizer(settings.generatorOptimizer, for: generator.parameters),
      discriminatorOptimizer: environment.makeOptimizer(settings.discriminatorOptimizer, for: discriminator.parameters),
      discriminatorStepsPerGeneratorStep: settings.discriminatorStepsPerGeneratorStep, batchSize: environment.batchSize,
      discriminatorConstraint: discriminatorConstraint, environment: environment)
  }

  public var batchesPerStep: Int { discriminatorStepsPerGeneratorStep }

  public var sampler: any Generator { generator }

  public var networks: [(name: String, layer: any Layer)] { [("generator", generator), ("discriminator", discriminator)] }

  private var optimizers: [(name: String, optimizer: any Optimizer)] {
    [("generator_optimizer", generatorOptimizer), ("discriminator_optimizer", discriminatorOptimizer)]
  }

  public func step(nextBatch: (inout SplitMix64) throws -> Batch, using rng: inout SplitMix64) throws -> StepRecord {
    var context = environment?.trainingContext(generator: rng.split()) ?? ForwardContext(training: true, generator: rng.split())
    var fake = Tensor.zeros([0])
    var condition: Tensor?
    var discriminatorLoss = 0.0, penaltyValue: Double?
    var meanReal = 0.0
    for k in 0..<discriminatorStepsPerGeneratorStep {
      let real = try nextBatch(&rng)
      condition = real.condition
      let noise = environment?.drawRows(count: real.count) { generator.makeNoise(count: $0, using: &rng) }
        ?? generator.makeNoise(count: real.count, using: &rng)
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
        shard: environment?.shard ?? .whole(real.count), using: &rng)
      {
        penaltyValue = penalty.scalar
        loss = loss + penalty
      }
      discriminatorLoss = loss.scalar
      loss.backward()
      discriminatorOptimizer.step()
      discriminatorConstraint?.apply(to: discriminator.parameters)
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
      diagnostics: [
        .init("mean_d_real", meanReal),
        .init("mean_d_fake", withoutGradient { objective.score(fakeLogits.detached).mean().scalar }),
      ])
  }

  public func exportState() -> [String: Tensor] {
    CheckpointTensors.export(networks: networks, optimizers: optimizers)
  }

  public func importState(_ state: [String: Tensor]) throws {
    try CheckpointTensors.restore(state, networks: networks, optimizers: optimizers)
  }
}
