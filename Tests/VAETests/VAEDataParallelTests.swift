import TensorBackend
import Testing
import VAE
import ZooCore
import _TestSupport
import _ZooTestSupport

/// Processes sharing every batch train the VAE as one process on the whole batch, and log what
/// it would log.
@Suite struct VAEDataParallelTests {
  /// Two and three processes: the perceptrons, the convolutional networks (synchronized batch
  /// norm) and the IWAE protocol (binarisation drawn for the whole batch); batches of 7 make the
  /// shards unequal (4 + 3, 2 + 2 + 3).
  @Test(arguments: [VAEVariant.Architecture.multilayer, .convolutional])
  func processesMatchOne(architecture: VAEVariant.Architecture) throws {
    let data = images(channels: 1, side: 16)
    var configuration = tinyConfiguration(for: data)
    configuration.architecture = architecture
    configuration.binarizesInputs = architecture == .multilayer
    for size in [2, 3] {
      try checkDataParallelTrainingMatchesOneProcess(size: size, batchSize: 7, data: RandomBatchSource(data)) { environment, generator in
        try VAEVariant.makeTrainer(configuration: configuration, data: data, environment: environment, using: &generator)
      }
    }
  }

  /// Every process's step records carry the whole batch's reconstruction and KL per sample and
  /// its sample count, as one process's do.
  @Test func stepRecordsAreTheWholeBatchs() throws {
    let data = images(channels: 1, side: 8)
    let configuration = tinyConfiguration(for: data)
    func records(_ environment: TrainingEnvironment, _ source: any BatchSource) throws -> [StepRecord] {
      var initialization = SplitMix64(seed: 7)
      let trainer = try VAEVariant.makeTrainer(configuration: configuration, data: data, environment: environment, using: &initialization)
      var source = source
      var generator = SplitMix64(seed: 8)
      return try (0..<3).map { _ in try trainer.step(data: &source, using: &generator) }
    }
    let whole = try records(TrainingEnvironment(batchSize: 7), RandomBatchSource(data))
    let parts = try ThreadProcessGroup.run(size: 3) { group in
      try records(TrainingEnvironment(batchSize: 7, processGroup: group), ShardedBatchSource(RandomBatchSource(data), rank: group.rank, of: group.size))
    }
    for (rank, part) in parts.enumerated() {
      for (step, (a, b)) in zip(whole, part).enumerated() {
        #expect(b.samplesConsumed == 7, "rank \(rank), step \(step + 1): \(b.samplesConsumed) samples")
        for (x, y) in zip(a.losses + a.diagnostics, b.losses + b.diagnostics) {
          #expect(x.name == y.name && abs(x.value - y.value) <= 1e-4 * abs(x.value),
                  "rank \(rank), step \(step + 1), \(x.name): one process \(x.value), shared \(y.value), relative tolerance 1e-4")
        }
      }
    }
  }
}
