import Datasets
import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import VanillaGAN
import ZooCore
import _ZooTestSupport

/// Points from the ring of eight Gaussians.
struct RingSource: BatchSource {
  var description: DataDescription { DataDescription(kind: .points, sampleShape: [2]) }
  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    Batch(samples: GaussianMixture.ring8.sample(count: size, using: &generator))
  }
}

/// A small vanilla GAN for fast tests.
func tinyConfiguration(objective: any Objective.Type = NonSaturatingObjective.self) -> VanillaGANVariant.Configuration {
  var configuration = VanillaGANVariant.defaultConfiguration(for: RingSource().description, objective: objective)
  configuration.generatorWidths = [16, 16]
  configuration.discriminatorWidths = [16]
  return configuration
}

@Suite struct VanillaGANTests {
  @Test func conformsOnPoints() throws {
    try checkVariant(VanillaGANVariant.self, on: RingSource())
  }

  @Test func conformsOnImages() throws {
    var configuration = VanillaGANVariant.defaultConfiguration(for: DataDescription(kind: .images, sampleShape: [1, 8, 8], valueRange: -1...1), objective: NonSaturatingObjective.self)
    configuration.generatorWidths = [16, 32]
    configuration.discriminatorWidths = [16]
    try checkVariant(VanillaGANVariant.self, on: RandomBatchSource(DataDescription(kind: .images, sampleShape: [1, 8, 8], valueRange: -1...1)), configuration: configuration)
  }

  @Test func imageDefaultsAreTheReferenceWorkload() throws {
    let data = DataDescription(kind: .images, sampleShape: [1, 28, 28])
    let configuration = VanillaGANVariant.defaultConfiguration(for: data, objective: NonSaturatingObjective.self)
    var rng = SplitMix64(seed: 0)
    let trainer = try VanillaGANVariant.makeTrainer(configuration: configuration, data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    let (g, d) = (trainer.networks[0].layer, trainer.networks[1].layer)
    // gan.py: G 100-128-256-512-1024-784 with three batch norms, D 784-512-256-1.
    #expect(g.parameterCount == 100 * 128 + 128 + 128 * 256 + 256 + 256 * 512 + 512 + 512 * 1024 + 1024 + 1024 * 784 + 784 + 2 * (256 + 512 + 1024))
    #expect(d.parameterCount == 784 * 512 + 512 + 512 * 256 + 256 + 256 + 1)
  }

  /// WGAN-GP on points gets its paper's toy setup (three ReLU hidden layers each, k = 5,
  /// Adam(1e-4, β = (0.5, 0.9)), λ = 0.1, batch 256); other objectives keep the point defaults the
  /// golden run below pins, and WGAN-GP on images keeps its paper's image settings.
  @Test func wassersteinDefaultsOnPointsFollowThePapersToyCode() {
    let points = RingSource().description
    let wgan = VanillaGANVariant.defaultConfiguration(for: points, objective: WassersteinGradientPenaltyObjective.self)
    #expect(wgan.generatorWidths == [128, 128, 128] && wgan.discriminatorWidths == [128, 128, 128] && wgan.negativeSlope == 0)
    #expect(wgan.latentDimension == 2 && !wgan.generatorBatchNorm && !wgan.tanhOutput)
    let adam = OptimizerSettings.adam(learningRate: 1e-4, beta1: 0.5, beta2: 0.9)
    #expect(wgan.training == AdversarialSettings(discriminatorStepsPerGeneratorStep: 5, generatorOptimizer: adam, discriminatorOptimizer: adam))
    #expect(VanillaGANVariant.defaultSchedule(for: points, objective: WassersteinGradientPenaltyObjective.self) == TrainingSchedule(steps: 5_000, batchSize: 256))
    #expect(WassersteinGradientPenaltyObjective.defaultOptionValues(for: points) == ["lambda": 0.1])

    for objective in [MinimaxObjective.self as any Objective.Type, NonSaturatingObjective.self, LeastSquaresObjective.self, HingeObjective.self] {
      let configuration = VanillaGANVariant.defaultConfiguration(for: points, objective: objective)
      #expect(configuration.generatorWidths == [128, 128] && configuration.discriminatorWidths == [128] && configuration.negativeSlope == 0.2, "\(objective.name)")
      #expect(configuration.training.discriminatorStepsPerGeneratorStep == 1 && configuration.training.generatorOptimizer == .adam(learningRate: 1e-4, beta1: 0.5))
      #expect(VanillaGANVariant.defaultSchedule(for: points, objective: objective) == TrainingSchedule(steps: 25_000, batchSize: 512))
    }

    let images = DataDescription(kind: .images, sampleShape: [1, 28, 28], valueRange: -1...1)
    let onImages = VanillaGANVariant.defaultConfiguration(for: images, objective: WassersteinGradientPenaltyObjective.self)
    #expect(onImages.training == .wassersteinGradientPenalty && onImages.discriminatorWidths == [512, 256])
    #expect(VanillaGANVariant.defaultSchedule(for: images, objective: WassersteinGradientPenaltyObjective.self) == TrainingSchedule(steps: 10_000, batchSize: 64))
    #expect(WassersteinGradientPenaltyObjective.defaultOptionValues(for: images) == ["lambda": 10])
  }

  /// Packing and spectral normalization keep the whole contract, the bit-identical resume (the
  /// power iteration's u and v through the checkpoint) included, with every objective.
  @Test func packedAndSpectrallyNormalizedConform() throws {
    for objective in [NonSaturatingObjective() as any Objective, HingeObjective(), WassersteinGradientPenaltyObjective()] {
      for (packing, spectralNorm) in [(2, false), (1, true), (4, true)] {
        var configuration = tinyConfiguration(objective: type(of: objective))
        configuration.packing = packing
        configuration.spectralNorm = spectralNorm
        try checkVariant(VanillaGANVariant.self, on: RingSource(), configuration: configuration, objective: objective)
      }
    }
  }

  /// D of a packed run reads m points side by side; its tensors keep the unpacked names, with
  /// PyTorch's spectral-norm names when normalized.
  @Test func packedDiscriminatorReadsPacks() throws {
    var configuration = tinyConfiguration()
    configuration.packing = 4
    configuration.spectralNorm = true
    var rng = SplitMix64(seed: 1)
    let trainer = try VanillaGANVariant.makeTrainer(
      configuration: configuration, data: RingSource().description, objective: NonSaturatingObjective(),
      environment: TrainingEnvironment(batchSize: 8), using: &rng)
    let d = trainer.networks[1].layer
    #expect(d.namedParameters.map(\.name) == ["model.0.weight_orig", "model.0.bias", "model.2.weight_orig", "model.2.bias"])
    #expect(d.namedBuffers.map(\.name) == ["model.0.weight_u", "model.0.weight_v", "model.2.weight_u", "model.2.weight_v"])
    #expect(d.namedParameters[0].parameter.shape == [16, 8])
    var context = ForwardContext.inference
    let logits = (d as! any Discriminator)(Tensor.zeros([8, 2]), condition: nil, context: &context)
    #expect(logits.shape == [8, 1])
  }

  @Test func badPackingIsRefusedWithTheReason() throws {
    func error(packing: Int, batchSize: Int, rank: Int = 0, worldSize: Int = 1) -> String? {
      var configuration = tinyConfiguration()
      configuration.packing = packing
      var rng = SplitMix64(seed: 0)
      do {
        _ = try VanillaGANVariant.makeTrainer(
          configuration: configuration, data: RingSource().description, objective: NonSaturatingObjective(),
          environment: TrainingEnvironment(batchSize: batchSize, rank: rank, worldSize: worldSize), using: &rng)
        return nil
      } catch let error as InvalidConfigurationError {
        return error.description
      } catch {
        return "unexpected \(error)"
      }
    }
    #expect(error(packing: 0, batchSize: 8) == "gan: packing must be at least 1 (1 is no packing), got 0")
    #expect(error(packing: -2, batchSize: 8)?.hasPrefix("gan: packing must be at least 1") == true)
    let indivisible = error(packing: 3, batchSize: 8)
    #expect(indivisible?.hasPrefix("gan: packing 3 does not divide the batch size 8") == true, "\(indivisible ?? "no error")")
    // Two processes of 4 rows each cannot hold packs of 8; packs of 2 or 4 fit.
    #expect(error(packing: 8, batchSize: 8, rank: 1, worldSize: 2)?.contains("this process's rows 4..<8 of 8") == true)
    #expect(error(packing: 4, batchSize: 8, rank: 1, worldSize: 2) == nil)
    #expect(error(packing: 1, batchSize: 7) == nil && error(packing: 7, batchSize: 7) == nil)
  }

  /// A run recorded before packing and spectral normalization existed reads as m = 1 without
  /// spectral normalization; new configurations round-trip.
  @Test func configurationsWithoutTheNewKeysStillRead() throws {
    let configuration = VanillaGANVariant.defaultConfiguration(for: RingSource().description, objective: NonSaturatingObjective.self)
    var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(configuration)) as! [String: Any]
    #expect(object["packing"] as? Int == 1 && object["spectralNorm"] as? Bool == false)
    object["packing"] = nil
    object["spectralNorm"] = nil
    let old = try JSONDecoder().decode(VanillaGANVariant.Configuration.self, from: JSONSerialization.data(withJSONObject: object))
    #expect(old == configuration)
    var changed = configuration
    changed.packing = 2
    changed.spectralNorm = true
    try checkConfigurationRoundTrip(changed)
  }

  @Test func everyObjectiveTrainsWithFiniteLosses() throws {
    for objective in [MinimaxObjective() as any Objective, NonSaturatingObjective(), LeastSquaresObjective(), HingeObjective(), WassersteinGradientPenaltyObjective()] {
      try checkVariant(VanillaGANVariant.self, on: RingSource(), configuration: tinyConfiguration(objective: type(of: objective)), objective: objective)
    }
  }

  /// A seeded short run follows the recorded loss trajectory. Re-record on purpose only (when
  /// the model, the loop or the random draws change): print `trajectory` and paste it below.
  @Test func goldenShortRun() throws {
    var rng = SplitMix64(seed: 2014)
    let trainer = try VanillaGANVariant.makeTrainer(configuration: tinyConfiguration(), data: RingSource().description,
                                                    objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 32), using: &rng)
    try checkGoldenRun(trainer, data: RingSource(), steps: 12, using: &rng, recorded: Self.recordedTrajectory)
  }

  static let recordedTrajectory: [Double] = [
    1.3259429931640625, 0.6782299876213074, 1.3108928203582764, 0.6782088279724121,
    1.3144288063049316, 0.6773441433906555, 1.3255760669708252, 0.6770583391189575,
    1.3257942199707031, 0.678322434425354, 1.3295130729675293, 0.677467942237854,
    1.3048646450042725, 0.6774777173995972, 1.3091397285461426, 0.6783183813095093,
    1.3149521350860596, 0.6775909066200256, 1.318325400352478, 0.6778793931007385,
    1.313755989074707, 0.6780321598052979, 1.3074870109558105, 0.6787452101707458,
  ]
}
