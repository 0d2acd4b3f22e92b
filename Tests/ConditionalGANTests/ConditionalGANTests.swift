import ConditionalGAN
import DCGAN
import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import ZooCore
import _ZooTestSupport

/// Labelled images of `channels` × `side` × `side` in [−1, 1], K classes.
func labelledImages(channels: Int, side: Int, classes: Int = 3) -> DataDescription {
  DataDescription(kind: .images, sampleShape: [channels, side, side], classCount: classes, valueRange: -1...1)
}

/// A narrow conditional GAN for fast tests: Z = 8, E = 4, widths 16 or 4 channels.
func tinyConfiguration(
  _ architecture: ConditionalGANVariant.Architecture, objective: any Objective.Type = LeastSquaresObjective.self
) -> ConditionalGANVariant.Configuration {
  var configuration = ConditionalGANVariant.defaultConfiguration(for: labelledImages(channels: 1, side: 16), objective: objective)
  configuration.architecture = architecture
  configuration.latentDimension = 8
  configuration.embeddingDimension = 4
  configuration.multilayer.generatorWidths = [16, 16]
  configuration.multilayer.discriminatorWidths = [16, 16]
  configuration.convolutional.generatorWidth = 4
  configuration.convolutional.discriminatorWidth = 4
  return configuration
}

func makeTrainer(_ configuration: ConditionalGANVariant.Configuration, _ data: DataDescription, seed: UInt64 = 0) throws -> AdversarialTrainer {
  var rng = SplitMix64(seed: seed)
  return try #require(try ConditionalGANVariant.makeTrainer(configuration: configuration, data: data, objective: LeastSquaresObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng) as? AdversarialTrainer)
}

/// (name, shape) of every parameter, in order.
func parameterShapes(_ layer: any Layer) -> [String] {
  layer.namedParameters.map { "\($0.name) \($0.parameter.shape)" }
}

@Suite struct ConditionalGANTests {
  @Test(arguments: [(1, 8), (3, 8), (1, 28)])
  func multilayerConforms(channels: Int, side: Int) throws {
    try checkVariant(ConditionalGANVariant.self, on: RandomBatchSource(labelledImages(channels: channels, side: side)),
                     configuration: tinyConfiguration(.multilayer), objective: LeastSquaresObjective())
  }

  @Test func multilayerConformsOnPoints() throws {
    let points = DataDescription(kind: .points, sampleShape: [2], classCount: 8)
    try checkVariant(ConditionalGANVariant.self, on: RandomBatchSource(points), objective: LeastSquaresObjective())
  }

  @Test(arguments: [(1, 16), (3, 16), (1, 32), (3, 32), (1, 64), (3, 64), (1, 28)])
  func convolutionalConforms(channels: Int, side: Int) throws {
    try checkVariant(ConditionalGANVariant.self, on: RandomBatchSource(labelledImages(channels: channels, side: side)),
                     configuration: tinyConfiguration(.convolutional), objective: LeastSquaresObjective())
  }

  /// The default multilayer networks are those of the `cgan-mlp` reference workload (PyTorch-GAN
  /// cgan.py at 28×28×1, K = 10), with its tensor names and shapes and its layer order.
  @Test func multilayerIsTheReferenceWorkload() throws {
    let data = labelledImages(channels: 1, side: 28, classes: 10)
    let configuration = ConditionalGANVariant.defaultConfiguration(for: data, objective: ConditionalGANVariant.defaultObjective)
    #expect(configuration.architecture == .multilayer)
    #expect(configuration.training == .dcgan)
    let trainer = try makeTrainer(configuration, data)
    #expect(parameterShapes(trainer.generator) == [
      "label_emb.weight [10, 10]",
      "model.0.weight [128, 110]", "model.0.bias [128]",
      "model.2.weight [256, 128]", "model.2.bias [256]", "model.3.weight [256]", "model.3.bias [256]",
      "model.5.weight [512, 256]", "model.5.bias [512]", "model.6.weight [512]", "model.6.bias [512]",
      "model.8.weight [1024, 512]", "model.8.bias [1024]", "model.9.weight [1024]", "model.9.bias [1024]",
      "model.11.weight [784, 1024]", "model.11.bias [784]",
    ])
    #expect(parameterShapes(trainer.discriminator) == [
      "label_embedding.weight [10, 10]",
      "model.0.weight [512, 794]", "model.0.bias [512]",
      "model.2.weight [512, 512]", "model.2.bias [512]",
      "model.5.weight [512, 512]", "model.5.bias [512]",
      "model.8.weight [1, 512]", "model.8.bias [1]",
    ])
    let dKinds = trainer.discriminator.allLayers.dropFirst(3).map { "\(type(of: $0))" }
    #expect(dKinds == ["Dense", "LeakyReLU", "Dense", "Dropout", "LeakyReLU", "Dense", "Dropout", "LeakyReLU", "Dense"])
    let dropouts = trainer.discriminator.allLayers.compactMap { ($0 as? Dropout)?.probability }
    #expect(dropouts == [0.4, 0.4])
    let epsilons = trainer.generator.allLayers.compactMap { ($0 as? BatchNorm)?.epsilon }
    #expect(epsilons == [0.8, 0.8, 0.8])
    #expect(trainer.generator.allLayers.last is Tanh)
  }

  /// The convolutional form is DCGAN's networks with E label channels into D and E more inputs
  /// into G.
  @Test func convolutionalConditionsDCGAN() throws {
    let data = labelledImages(channels: 3, side: 32, classes: 10)
    var configuration = ConditionalGANVariant.defaultConfiguration(for: data, objective: ConditionalGANVariant.defaultObjective)
    configuration.architecture = .convolutional
    let trainer = try makeTrainer(configuration, data)
    let filters = { (layer: any Layer) in layer.namedParameters.filter { $0.parameter.shape.count == 4 }.map(\.parameter.shape) }
    #expect(filters(trainer.generator) == [[110, 256, 4, 4], [256, 128, 4, 4], [128, 64, 4, 4], [64, 3, 4, 4]])
    #expect(filters(trainer.discriminator) == [[64, 13, 4, 4], [128, 64, 4, 4], [256, 128, 4, 4], [1, 256, 4, 4]])
    var rng = SplitMix64(seed: 1)
    let x = withoutGradient {
      SampleLabels.generate(trainer.generator, noise: Tensor.randomNormal([2, 100], using: &rng), labels: [3, 7])
    }
    #expect(x.shape == [2, 3, 32, 32])
    var context = ForwardContext.inference
    #expect(withoutGradient { trainer.discriminator(x, condition: Tensor(shape: [2], scalars: [3, 7]), context: &context) }.shape == [2, 1])
  }

  /// G(z, y) depends on y: changing the label changes the image, and the same noise and label
  /// give the same image (bit for bit from the same call; to rounding within one batch, where
  /// BLAS may sum a row in another order).
  @Test(arguments: [ConditionalGANVariant.Architecture.multilayer, .convolutional])
  func generatorDependsOnTheLabel(architecture: ConditionalGANVariant.Architecture) throws {
    let trainer = try makeTrainer(tinyConfiguration(architecture), labelledImages(channels: 1, side: 16))
    var rng = SplitMix64(seed: 2)
    let z = Tensor.randomNormal([1, 8], using: &rng)
    let noise = Tensor.concatenate([z, z, z], alongAxis: 0)
    let x = withoutGradient { SampleLabels.generate(trainer.generator, noise: noise, labels: [0, 0, 1]) }
    let rows = (0..<3).map { x.sliced(alongAxis: 0, $0 ..< $0 + 1).scalars }
    let scale = rows[0].map(Swift.abs).max()!
    func largestDifference(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { Swift.abs($0 - $1) }.max()! }
    #expect(scale > 0)
    let same = largestDifference(rows[0], rows[1]), changed = largestDifference(rows[0], rows[2])
    #expect(same <= 1e-5 * scale, "same noise and label: images differ by \(same), more than 1e-5 × \(scale)")
    #expect(changed >= 0.05 * scale, "another label: images differ by only \(changed), less than 0.05 × \(scale)")
    let again = withoutGradient { SampleLabels.generate(trainer.generator, noise: noise, labels: [0, 0, 1]) }
    #expect(again.scalars == x.scalars, "the same call gives other bits")
  }

  @Test func refusesUnlabelledData() throws {
    var rng = SplitMix64(seed: 0)
    let unlabelled = DataDescription(kind: .images, sampleShape: [1, 28, 28], valueRange: -1...1)
    #expect(ConditionalGANVariant.needsLabels)
    #expect {
      _ = try ConditionalGANVariant.makeTrainer(configuration: tinyConfiguration(.multilayer), data: unlabelled, objective: LeastSquaresObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    } throws: { error in
      error is UnsupportedDataError && "\(error)".contains("class labels")
    }
    #expect {
      _ = try ConditionalGANVariant.makeTrainer(configuration: tinyConfiguration(.convolutional), data: DataDescription(kind: .points, sampleShape: [2], classCount: 8),
                                         objective: LeastSquaresObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    } throws: { "\($0)".contains("needs images") }
    var broken = tinyConfiguration(.multilayer)
    broken.multilayer.dropoutProbability = 1
    #expect {
      _ = try ConditionalGANVariant.makeTrainer(configuration: broken, data: labelledImages(channels: 1, side: 8), objective: LeastSquaresObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    } throws: { "\($0)".contains("dropoutProbability") }
  }

  /// Without a condition (unconditional snapshots), sample i takes class i mod K.
  @Test func missingConditionCyclesThroughTheClasses() throws {
    let trainer = try makeTrainer(tinyConfiguration(.multilayer), labelledImages(channels: 1, side: 8))
    var rng = SplitMix64(seed: 3)
    let noise = Tensor.randomNormal([5, 8], using: &rng)
    var context = ForwardContext.inference
    let unconditioned = withoutGradient { trainer.generator(noise: noise, condition: nil, context: &context) }
    let cycled = withoutGradient { SampleLabels.generate(trainer.generator, noise: noise, labels: [0, 1, 2, 0, 1]) }
    #expect(unconditioned.scalars == cycled.scalars)
  }

  @Test(arguments: [ConditionalGANVariant.Architecture.multilayer, .convolutional])
  func everyObjectiveTrainsWithFiniteLosses(architecture: ConditionalGANVariant.Architecture) throws {
    for objective in [MinimaxObjective() as any Objective, NonSaturatingObjective(), LeastSquaresObjective(), HingeObjective(), WassersteinGradientPenaltyObjective()] {
      try checkVariant(ConditionalGANVariant.self, on: RandomBatchSource(labelledImages(channels: 1, side: 16)),
                       configuration: tinyConfiguration(architecture, objective: type(of: objective)), objective: objective)
    }
  }

  @Test func wassersteinCriticHasNoBatchNorm() throws {
    let configuration = tinyConfiguration(.convolutional, objective: WassersteinGradientPenaltyObjective.self)
    #expect(configuration.convolutional.criticNormalization == .layer)
    #expect(configuration.training == .wassersteinGradientPenalty)
    let trainer = try makeTrainer(configuration, labelledImages(channels: 3, side: 16))
    #expect(!trainer.discriminator.allLayers.contains { $0 is BatchNorm })
    #expect(trainer.discriminator.allLayers.contains { $0 is LayerNorm })
    // The multilayer critic has no batch norm to begin with.
    let multilayer = try makeTrainer(tinyConfiguration(.multilayer, objective: WassersteinGradientPenaltyObjective.self), labelledImages(channels: 1, side: 8))
    #expect(!multilayer.discriminator.allLayers.contains { $0 is BatchNorm })
  }

  /// Seeded short runs follow the recorded loss trajectories. Re-record on purpose only (when
  /// the model, the loop or the random draws change): print `trajectory` and paste it below.
  @Test(arguments: [ConditionalGANVariant.Architecture.multilayer, .convolutional])
  func goldenShortRun(architecture: ConditionalGANVariant.Architecture) throws {
    let data = labelledImages(channels: 1, side: 16)
    var rng = SplitMix64(seed: 2014)
    let trainer = try ConditionalGANVariant.makeTrainer(configuration: tinyConfiguration(architecture), data: data, objective: LeastSquaresObjective(), environment: TrainingEnvironment(batchSize: 8), using: &rng)
    try checkGoldenRun(trainer, data: RandomBatchSource(data), steps: 10, using: &rng,
                       recorded: architecture == .multilayer ? Self.recordedMultilayer : Self.recordedConvolutional, label: "\(architecture)")
  }

  static let recordedMultilayer: [Double] = [
    0.437071293592453, 0.4562014639377594, 0.4339942932128906, 0.427288681268692,
    0.4338483512401581, 0.4336903393268585, 0.48920804262161255, 0.4359953999519348,
    0.4397219717502594, 0.43063536286354065, 0.48148059844970703, 0.4278085231781006,
    0.4239804148674011, 0.43402934074401855, 0.513668954372406, 0.4157075583934784,
    0.4970373809337616, 0.43185606598854065, 0.4314826428890228, 0.43409931659698486,
  ]
  static let recordedConvolutional: [Double] = [
    0.7991600632667542, 0.7135663628578186, 0.8287299871444702, 0.7344613671302795,
    0.6981469988822937, 0.6872398853302002, 0.7007731795310974, 0.6498306393623352,
    0.6574011445045471, 0.6474506258964539, 0.6368721723556519, 0.6118692755699158,
    0.5877830386161804, 0.5976064205169678, 0.6242949962615967, 0.5645473003387451,
    0.6122153401374817, 0.5566307902336121, 0.555520236492157, 0.5254769921302795,
  ]
}

/// Inference-mode sampling with explicit labels.
enum SampleLabels {
  static func generate(_ generator: any Generator, noise: Tensor, labels: [Int]) -> Tensor {
    var context = ForwardContext.inference
    return generator(noise: noise, condition: Tensor(shape: [labels.count], scalars: labels.map(Double.init)), context: &context)
  }
}
