import LAPGAN
import TensorBackend
import Testing
import ZooCore
import _TestSupport
import _ZooTestSupport

/// Two and three processes on shards of every batch train LAPGAN as one process on the whole
/// batch: every level's noise (level 0's vectors, the finer levels' planes) drawn for the whole
/// batch and cut, level 0's dropout masks drawn for the whole batch, the residual generators'
/// batch norms synchronized, every level's gradients averaged; for CC-LAPGAN the class planes
/// travel with each shard's rows.
@Suite struct LAPGANDataParallelTests {
  @Test(arguments: [2, 3])
  func processesMatchOne(size: Int) throws {
    let data = images(channels: 3, side: 32)
    try checkDataParallelTrainingMatchesOneProcess(size: size, batchSize: 12, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 2e-4) { environment, generator in
      try LAPGANVariant.makeTrainer(configuration: tinyConfiguration(), data: data, objective: NonSaturatingObjective(), environment: environment, using: &generator)
    }
  }

  /// Level 0's extra steps (s = 2) draw their batches sharded as the shared ones are.
  @Test func extraCoarseStepsMatchOneProcess() throws {
    let data = images(channels: 1, side: 16)
    try checkDataParallelTrainingMatchesOneProcess(size: 2, batchSize: 8, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 2e-4) { environment, generator in
      try LAPGANVariant.makeTrainer(
        configuration: tinyConfiguration(coarseStepsPerStep: 2), data: data, objective: NonSaturatingObjective(), environment: environment, using: &generator)
    }
  }

  /// The default level 0, the convolutional pair, whose batch norms are synchronized as the
  /// finer levels' are, five steps a step (here s = 2), plain and class-conditional.
  @Test(arguments: [false, true])
  func convolutionalLevelZeroMatchesOneProcess(conditional: Bool) throws {
    let data = images(channels: 1, side: 16, classes: 3)
    var configuration = tinyConvolutionalConfiguration()
    configuration.conditional = conditional
    configuration.coarseStepsPerStep = 2
    try checkDataParallelTrainingMatchesOneProcess(size: 2, batchSize: 8, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 2e-4) { environment, generator in
      try LAPGANVariant.makeTrainer(configuration: configuration, data: data, objective: NonSaturatingObjective(), environment: environment, using: &generator)
    }
  }

  /// Each process's record counts the run's whole batch, as one process's does, though it
  /// holds a shard of it.
  @Test func recordsCountTheWholeBatch() throws {
    let data = images(channels: 1, side: 16)
    let counts = try ThreadProcessGroup.run(size: 2) { group -> Int in
      var rng = SplitMix64(seed: 1)
      let trainer = try LAPGANVariant.makeTrainer(
        configuration: tinyConfiguration(), data: data, objective: NonSaturatingObjective(),
        environment: TrainingEnvironment(batchSize: 6, processGroup: group), using: &rng)
      var source: any BatchSource = ShardedBatchSource(RandomBatchSource(data), rank: group.rank, of: group.size)
      return try trainer.step(data: &source, using: &rng).samplesConsumed
    }
    #expect(counts == [6, 6])
  }

  /// CC-LAPGAN on padded 28×28 digits, and WGAN-GP (its interpolation points drawn for the whole
  /// batch at every level).
  @Test(arguments: [false, true])
  func twoProcessesMatchOne(gradientPenalty: Bool) throws {
    let data = images(channels: 1, side: 28, classes: 3)
    let objective: any Objective = gradientPenalty ? WassersteinGradientPenaltyObjective() : NonSaturatingObjective()
    var configuration = tinyConfiguration(conditional: !gradientPenalty)
    configuration.training = LAPGANVariant.defaultConfiguration(for: data, objective: type(of: objective)).training
    try checkDataParallelTrainingMatchesOneProcess(batchSize: 8, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 2e-4) { environment, generator in
      try LAPGANVariant.makeTrainer(configuration: configuration, data: data, objective: objective, environment: environment, using: &generator)
    }
  }
}
