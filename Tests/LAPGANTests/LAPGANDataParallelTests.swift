import LAPGAN
import TensorBackend
import Testing
import ZooCore
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
