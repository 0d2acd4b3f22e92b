import TensorBackend
import Testing
import VanillaGAN
import ZooCore
import _ZooTestSupport

/// Two and three processes on shards of every batch train the vanilla GAN as one process on the
/// whole batch, on points and on images (its generator's batch norm synchronized).
@Suite struct VanillaGANDataParallelTests {
  @Test(arguments: [2, 3])
  func processesMatchOneOnPoints(size: Int) throws {
    let configuration = tinyConfiguration()
    try checkDataParallelTrainingMatchesOneProcess(size: size, batchSize: 12, data: RingSource()) { environment, generator in
      try VanillaGANVariant.makeTrainer(configuration: configuration, data: RingSource().description, objective: NonSaturatingObjective(), environment: environment, using: &generator)
    }
  }

  @Test func twoProcessesMatchOneOnImages() throws {
    let data = DataDescription(kind: .images, sampleShape: [1, 8, 8], valueRange: -1...1)
    var configuration = VanillaGANVariant.defaultConfiguration(for: data, objective: NonSaturatingObjective.self)
    configuration.generatorWidths = [16, 32]
    configuration.discriminatorWidths = [16]
    try checkDataParallelTrainingMatchesOneProcess(batchSize: 8, data: RandomBatchSource(data), absoluteSlack: 2 * 3 * 2e-4) { environment, generator in
      try VanillaGANVariant.makeTrainer(configuration: configuration, data: data, objective: NonSaturatingObjective(), environment: environment, using: &generator)
    }
  }
}
