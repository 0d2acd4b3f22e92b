import ConditionalGAN
import TensorBackend
import Testing
import ZooCore
import _ZooTestSupport

/// Two processes on halves of every batch train the conditional GAN as one process on the whole
/// batch: labels sliced with the samples, dropout masks drawn for the whole batch.
@Suite struct ConditionalGANDataParallelTests {
  @Test(arguments: ConditionalGANVariant.Architecture.allCases)
  func twoProcessesMatchOne(architecture: ConditionalGANVariant.Architecture) throws {
    let data = labelledImages(channels: 1, side: 16)
    let configuration = tinyConfiguration(architecture)
    try checkDataParallelTrainingMatchesOneProcess(batchSize: 8, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 2e-4) { environment, generator in
      try ConditionalGANVariant.makeTrainer(configuration: configuration, data: data, objective: LeastSquaresObjective(), environment: environment, using: &generator)
    }
  }
}
