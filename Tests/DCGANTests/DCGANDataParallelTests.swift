import DCGAN
import TensorBackend
import Testing
import ZooCore
import _ZooTestSupport

/// Two processes on halves of every batch train DCGAN as one process on the whole batch
/// (synchronized batch norm in both networks, averaged gradients), also under WGAN-GP (its
/// interpolation points drawn for the whole batch).
@Suite struct DCGANDataParallelTests {
  @Test(arguments: [false, true])
  func twoProcessesMatchOne(gradientPenalty: Bool) throws {
    let data = images(channels: 1, side: 16)
    let objective: any Objective = gradientPenalty ? WassersteinGradientPenaltyObjective() : NonSaturatingObjective()
    let configuration = tinyConfiguration(objective: type(of: objective))
    try checkDataParallelTrainingMatchesOneProcess(batchSize: 8, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 1e-4) { environment, generator in
      try DCGANVariant.makeTrainer(configuration: configuration, data: data, objective: objective, environment: environment, using: &generator)
    }
  }
}
