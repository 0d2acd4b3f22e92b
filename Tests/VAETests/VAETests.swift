import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import VAE
import ZooCore
import _ZooTestSupport

/// Points in the plane, as the ring's.
let points = DataDescription(kind: .points, sampleShape: [2])

/// Images of `channels` × `side` × `side` in [−1, 1].
func images(channels: Int, side: Int, epochSize: Int? = nil) -> DataDescription {
  DataDescription(kind: .images, sampleShape: [channels, side, side], valueRange: -1...1, epochSize: epochSize)
}

/// A narrow VAE for fast tests: widths 16 (4 channels), Z = 4, k = 20.
func tinyConfiguration(for data: DataDescription) -> VAEVariant.Configuration {
  var configuration = VAEVariant.defaultConfiguration(for: data)
  configuration.multilayer.encoderWidths = [16]
  configuration.multilayer.decoderWidths = [16]
  configuration.convolutional.width = 4
  configuration.latentDimension = 4
  configuration.evaluation = LikelihoodEvaluation(importanceSamples: 20, sampleCount: 8)
  return configuration
}

func makeTrainer(_ configuration: VAEVariant.Configuration, _ data: DataDescription, batchSize: Int = 8, seed: UInt64 = 0) throws -> VAETrainer {
  var rng = SplitMix64(seed: seed)
  return try #require(try VAEVariant.makeTrainer(
    configuration: configuration, data: data, environment: TrainingEnvironment(batchSize: batchSize), using: &rng) as? VAETrainer)
}

@Suite struct VAEVariantTests {
  @Test func conformsOnPointsWithItsOwnDefaults() throws {
    try checkVariant(VAEVariant.self, on: RandomBatchSource(points))
  }

  /// pytorch/examples' network itself (784-400-20), unlabelled.
  @Test func conformsOnDigitsWithItsOwnDefaults() throws {
    try checkVariant(VAEVariant.self, on: RandomBatchSource(images(channels: 1, side: 28)))
  }

  @Test(arguments: [(1, 28), (3, 32), (1, 64)])
  func conformsWithTheConvolutionalNetworks(channels: Int, side: Int) throws {
    let data = images(channels: channels, side: side)
    var configuration = tinyConfiguration(for: data)
    configuration.architecture = .convolutional
    try checkVariant(VAEVariant.self, on: RandomBatchSource(data), configuration: configuration)
  }

  /// The IWAE protocol (binarised inputs), a Gaussian on images with a fixed variance, and
  /// samples drawn with the likelihood's noise keep the contract too.
  @Test func conformsWithTheOtherLikelihoods() throws {
    let data = images(channels: 1, side: 8)
    var binarised = tinyConfiguration(for: data)
    binarised.binarizesInputs = true
    try checkVariant(VAEVariant.self, on: RandomBatchSource(data), configuration: binarised)
    var gaussian = tinyConfiguration(for: data)
    gaussian.likelihood = .gaussian
    gaussian.variance = 0.1
    try checkVariant(VAEVariant.self, on: RandomBatchSource(data), configuration: gaussian)
    var drawn = tinyConfiguration(for: data)
    drawn.drawsObservationNoise = true
    drawn.likelihood = .gaussian
    try checkVariant(VAEVariant.self, on: RandomBatchSource(data), configuration: drawn)
  }

  /// pytorch/examples `vae`: 784-400-20(×2)-400-784 with ReLU, a Bernoulli decoder, Adam(1e-3,
  /// β (0.9, 0.999)), batches of 128, 10 epochs; the convolutional networks from 32×32; a
  /// Gaussian with a learned variance on points; k = 5,000 on 1,000 held-out samples.
  @Test func defaultsArePytorchExamples() throws {
    let digits = images(channels: 1, side: 28, epochSize: 60_000)
    let configuration = VAEVariant.defaultConfiguration(for: digits)
    #expect(configuration.architecture == .multilayer && configuration.latentDimension == 20)
    #expect(configuration.multilayer == VAEVariant.MultilayerSettings(encoderWidths: [400], decoderWidths: [400], negativeSlope: 0))
    #expect(configuration.likelihood == .bernoulli && !configuration.binarizesInputs && !configuration.drawsObservationNoise)
    #expect(configuration.optimizer == .adam(learningRate: 1e-3, beta1: 0.9, beta2: 0.999))
    #expect(configuration.evaluation == LikelihoodEvaluation(importanceSamples: 5_000, sampleCount: 1_000))
    #expect(VAEVariant.defaultSchedule(for: digits) == TrainingSchedule(steps: 4_688, batchSize: 128))
    #expect(VAEVariant.defaultSchedule(for: images(channels: 1, side: 64, epochSize: 400)).steps == 2_000)
    #expect(VAEVariant.defaultSchedule(for: points) == TrainingSchedule(steps: 20_000, batchSize: 256))

    let trainer = try makeTrainer(configuration, digits)
    #expect(trainer.model.encoder.parameterCount == 784 * 400 + 400 + 400 * 40 + 40)
    #expect(trainer.model.decoder.parameterCount == 20 * 400 + 400 + 400 * 784 + 784)
    #expect(trainer.optimizer is Adam && VAEVariant.needsLabels == false)

    #expect(VAEVariant.defaultConfiguration(for: images(channels: 3, side: 32)).architecture == .convolutional)
    let onPoints = VAEVariant.defaultConfiguration(for: points)
    #expect(onPoints.likelihood == .gaussian && onPoints.learnsVariance && onPoints.drawsObservationNoise && onPoints.latentDimension == 2)
  }

  /// A seeded short run follows the recorded loss trajectory (reconstruction, KL per step).
  /// Re-record on purpose only.
  @Test func goldenShortRun() throws {
    var rng = SplitMix64(seed: 2014)
    let trainer = try VAEVariant.makeTrainer(
      configuration: tinyConfiguration(for: points), data: points, environment: TrainingEnvironment(batchSize: 16), using: &rng)
    try checkGoldenRun(trainer, data: RandomBatchSource(points), steps: 10, using: &rng, recorded: Self.recordedTrajectory)
  }

  static let recordedTrajectory: [Double] = [
    2.2368924617767334, 0.13318748772144318, 2.2365055084228516, 0.13509145379066467,
    2.1365246772766113, 0.1113872230052948, 2.111917734146118, 0.11780668050050735,
    2.2660176753997803, 0.11710941791534424, 2.2451436519622803, 0.10319784283638,
    2.233631134033203, 0.10928535461425781, 2.261514902114868, 0.12170347571372986,
    2.1566238403320312, 0.11448555439710617, 2.1976215839385986, 0.08805039525032043,
  ]

  /// Unlabelled images train; data the networks cannot take is refused with what would fit.
  @Test func badInputIsAClearError() throws {
    var convolutional = tinyConfiguration(for: images(channels: 1, side: 40))
    convolutional.architecture = .convolutional
    #expect { _ = try makeTrainer(convolutional, images(channels: 1, side: 40)) } throws: {
      "\($0)".contains("vae with the convolutional architecture needs square images of side 4·2ⁿ") && "\($0)".contains("got 40×40")
    }
    var convolutionalOnPoints = tinyConfiguration(for: points)
    convolutionalOnPoints.architecture = .convolutional
    #expect { _ = try makeTrainer(convolutionalOnPoints, points) } throws: { "\($0)".contains("needs images") }
    var bernoulli = tinyConfiguration(for: points)
    bernoulli.likelihood = .bernoulli
    #expect { _ = try makeTrainer(bernoulli, points) } throws: { "\($0)".contains("Bernoulli likelihood reads values in [0, 1]") }
    var binarised = tinyConfiguration(for: points)
    binarised.binarizesInputs = true
    #expect { _ = try makeTrainer(binarised, points) } throws: { "\($0)".contains("binarizesInputs (the IWAE protocol) needs likelihood=bernoulli") }
    var empty = tinyConfiguration(for: points)
    empty.latentDimension = 0
    #expect { _ = try makeTrainer(empty, points) } throws: { "\($0)".contains("latentDimension must be positive") }

    // The multilayer networks are built for any size: unlabelled 8×8 images train.
    let trainer = try makeTrainer(tinyConfiguration(for: images(channels: 1, side: 8)), images(channels: 1, side: 8))
    var source: any BatchSource = RandomBatchSource(images(channels: 1, side: 8))
    var rng = SplitMix64(seed: 1)
    let record = try trainer.step(data: &source, using: &rng)
    #expect(record.losses.allSatisfy { $0.value.isFinite && $0.value > 0 }, "\(record.losses)")
  }
}
