import DCGAN
import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import ZooCore
import _ZooTestSupport

/// Images of `channels` × `side` × `side` in [−1, 1].
func images(channels: Int, side: Int) -> DataDescription {
  DataDescription(kind: .images, sampleShape: [channels, side, side], valueRange: -1...1)
}

/// A narrow DCGAN for fast tests: ngf = ndf = 4, Z = 8.
func tinyConfiguration(objective: any Objective.Type = NonSaturatingObjective.self) -> DCGANVariant.Configuration {
  var configuration = DCGANVariant.defaultConfiguration(for: images(channels: 1, side: 16), objective: objective)
  configuration.latentDimension = 8
  configuration.generatorWidth = 4
  configuration.discriminatorWidth = 4
  return configuration
}

func makeNetworks(_ configuration: DCGANVariant.Configuration, _ data: DataDescription, seed: UInt64 = 0) throws -> (ConvolutionalGenerator, ConvolutionalDiscriminator) {
  var rng = SplitMix64(seed: seed)
  let trainer = try #require(try DCGANVariant.makeTrainer(configuration: configuration, data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng) as? AdversarialTrainer)
  return (try #require(trainer.generator as? ConvolutionalGenerator), try #require(trainer.discriminator as? ConvolutionalDiscriminator))
}

/// (name, shape) of every parameter and buffer, in order.
func tensorShapes(_ layer: any Layer) -> [String] {
  layer.namedParameters.map { "\($0.name) \($0.parameter.shape)" } + layer.namedBuffers.map { "\($0.name) \($0.buffer.value.shape)" }
}

@Suite struct DCGANTests {
  @Test(arguments: [(1, 16), (3, 16), (1, 32), (3, 32), (1, 64), (3, 64), (1, 28), (3, 8)])
  func conforms(channels: Int, side: Int) throws {
    try checkVariant(DCGANVariant.self, on: RandomBatchSource(images(channels: channels, side: side)), configuration: tinyConfiguration())
  }

  /// The 32×32 networks are those of the `dcgan32` reference workload (shared/bench/reference.py),
  /// layer for layer, with the same tensor names and shapes as its `state_dict()` under "main.".
  @Test func thirtyTwoIsTheReferenceWorkload() throws {
    let configuration = DCGANVariant.defaultConfiguration(for: images(channels: 3, side: 32), objective: NonSaturatingObjective.self)
    let (g, d) = try makeNetworks(configuration, images(channels: 3, side: 32))
    #expect(tensorShapes(g) == [
      "main.0.weight [100, 256, 4, 4]", "main.1.weight [256]", "main.1.bias [256]",
      "main.3.weight [256, 128, 4, 4]", "main.4.weight [128]", "main.4.bias [128]",
      "main.6.weight [128, 64, 4, 4]", "main.7.weight [64]", "main.7.bias [64]",
      "main.9.weight [64, 3, 4, 4]",
      "main.1.running_mean [256]", "main.1.running_var [256]", "main.4.running_mean [128]", "main.4.running_var [128]",
      "main.7.running_mean [64]", "main.7.running_var [64]",
    ])
    #expect(tensorShapes(d) == [
      "main.0.weight [64, 3, 4, 4]", "main.2.weight [128, 64, 4, 4]", "main.3.weight [128]", "main.3.bias [128]",
      "main.5.weight [256, 128, 4, 4]", "main.6.weight [256]", "main.6.bias [256]", "main.8.weight [1, 256, 4, 4]",
      "main.3.running_mean [128]", "main.3.running_var [128]", "main.6.running_mean [256]", "main.6.running_var [256]",
    ])
    // Layer kinds in order: ConvT BN ReLU ×3, ConvT, Tanh / Conv LReLU, (Conv BN LReLU) ×2, Conv.
    let gKinds = g.allLayers.dropFirst(2).map { "\(type(of: $0))" }
    #expect(gKinds == ["TransposedConv2D", "BatchNorm", "ReLU", "TransposedConv2D", "BatchNorm", "ReLU",
                       "TransposedConv2D", "BatchNorm", "ReLU", "TransposedConv2D", "Tanh"])
    let dKinds = d.allLayers.dropFirst(2).map { "\(type(of: $0))" }
    #expect(dKinds == ["Conv2D", "LeakyReLU", "Conv2D", "BatchNorm", "LeakyReLU", "Conv2D", "BatchNorm", "LeakyReLU", "Conv2D"])
    for layer in g.allLayers + d.allLayers {
      if let convolution = layer as? Conv2D { #expect(convolution.bias == nil) }
      if let transposed = layer as? TransposedConv2D { #expect(transposed.bias == nil) }
    }
  }

  /// 64×64 takes pytorch/examples' networks: 512-256-128-64 in G, 64-128-256-512 in D.
  @Test func sixtyFourIsPyTorchExamples() throws {
    let configuration = DCGANVariant.defaultConfiguration(for: images(channels: 3, side: 64), objective: NonSaturatingObjective.self)
    let (g, d) = try makeNetworks(configuration, images(channels: 3, side: 64))
    #expect(g.namedParameters.filter { $0.parameter.shape.count == 4 }.map(\.parameter.shape) == [[100, 512, 4, 4], [512, 256, 4, 4], [256, 128, 4, 4], [128, 64, 4, 4], [64, 3, 4, 4]])
    #expect(d.namedParameters.filter { $0.parameter.shape.count == 4 }.map(\.parameter.shape) == [[64, 3, 4, 4], [128, 64, 4, 4], [256, 128, 4, 4], [512, 256, 4, 4], [1, 512, 4, 4]])
    // pytorch/examples dcgan: G 3,576,704 and D 2,765,568 parameters.
    #expect(g.parameterCount == 3_576_704)
    #expect(d.parameterCount == 2_765_568)
  }

  /// Output shapes at the full widths: G (N, C, S, S), D (N, 1), for 32, 64 and 28 (cropped).
  @Test(arguments: [(1, 32), (3, 32), (3, 64), (1, 28)])
  func fullWidthShapes(channels: Int, side: Int) throws {
    let data = images(channels: channels, side: side)
    let (g, d) = try makeNetworks(DCGANVariant.defaultConfiguration(for: data, objective: NonSaturatingObjective.self), data)
    var rng = SplitMix64(seed: 1)
    #expect(g.sampleShape == [channels, side, side])
    withoutGradient {
      let x = g.inferring(from: Tensor.randomNormal([2, 100], using: &rng))
      #expect(x.shape == [2, channels, side, side])
      #expect(x.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
      #expect(d.inferring(from: x).shape == [2, 1])
    }
  }

  @Test func geometryFollowsTheImageSize() throws {
    for (side, model, count, margin) in [(8, 8, 1, 0), (16, 16, 2, 0), (28, 32, 3, 2), (30, 32, 3, 1), (32, 32, 3, 0), (64, 64, 4, 0), (48, 64, 4, 8), (128, 128, 5, 0)] {
      let geometry = try ConvolutionalGeometry(sampleShape: [1, side, side], variant: "dcgan")
      #expect(geometry.modelSide == model && geometry.resamplingCount == count && geometry.margin == margin, "side \(side): \(geometry)")
    }
  }

  @Test func refusesDataItCannotTake() throws {
    var rng = SplitMix64(seed: 0)
    func attempt(_ data: DataDescription) throws {
      _ = try DCGANVariant.makeTrainer(configuration: tinyConfiguration(), data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    }
    #expect { try attempt(DataDescription(kind: .points, sampleShape: [2])) } throws: { "\($0)".contains("needs images") }
    #expect { try attempt(images(channels: 1, side: 20)) } throws: { "\($0)".contains("4·2ⁿ") && "\($0)".contains("20×20") }
    #expect { try attempt(images(channels: 1, side: 27)) } throws: { $0 is UnsupportedDataError }
    #expect { try attempt(DataDescription(kind: .images, sampleShape: [1, 32, 16])) } throws: { "\($0)".contains("square") }
    var wide = tinyConfiguration()
    wide.generatorWidth = 0
    #expect { _ = try DCGANVariant.makeTrainer(configuration: wide, data: images(channels: 1, side: 16), objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng) } throws: {
      "\($0)".contains("generatorWidth")
    }
  }

  /// 28×28 crops the 32-model's output at the centre: G's 32×32 image minus 2 pixels per side.
  @Test func twentyEightCropsTheThirtyTwoModel() throws {
    let (g28, _) = try makeNetworks(tinyConfiguration(), images(channels: 1, side: 28), seed: 3)
    let (g32, _) = try makeNetworks(tinyConfiguration(), images(channels: 1, side: 32), seed: 3)
    var rng = SplitMix64(seed: 4)
    let z = Tensor.randomNormal([2, 8], using: &rng)
    let small = withoutGradient { g28.inferring(from: z) }, big = withoutGradient { g32.inferring(from: z) }
    #expect(small.shape == [2, 1, 28, 28])
    #expect(small.scalars == big.sliced(alongAxis: 2, 2..<30).sliced(alongAxis: 3, 2..<30).scalars)
  }

  /// Radford et al. 2015: filters from N(0, 0.02), batch-norm γ from N(1, 0.02), β = 0.
  @Test func weightsFollowThePaper() throws {
    let data = images(channels: 3, side: 32)
    let (g, d) = try makeNetworks(DCGANVariant.defaultConfiguration(for: data, objective: NonSaturatingObjective.self), data)
    for (name, parameter) in g.namedParameters + d.namedParameters {
      let values = parameter.value.scalars
      let mean = values.reduce(0, +) / Double(values.count)
      let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
      if name.hasSuffix("bias") {
        #expect(values.allSatisfy { $0 == 0 }, "\(name)")
      } else if parameter.shape.count == 4 && values.count >= 10_000 {
        #expect(Swift.abs(mean) <= 0.002 && Swift.abs(deviation - 0.02) <= 0.002, "\(name): mean \(mean), deviation \(deviation), expected 0 and 0.02 within 0.002")
      } else if parameter.shape.count == 1 {
        #expect(Swift.abs(mean - 1) <= 0.01 && deviation <= 0.04, "\(name): mean \(mean), deviation \(deviation)")
      }
    }
  }

  @Test func everyObjectiveTrainsWithFiniteLosses() throws {
    for objective in [MinimaxObjective() as any Objective, NonSaturatingObjective(), LeastSquaresObjective(), HingeObjective(), WassersteinGradientPenaltyObjective()] {
      try checkVariant(DCGANVariant.self, on: RandomBatchSource(images(channels: 1, side: 16)), configuration: tinyConfiguration(objective: type(of: objective)), objective: objective)
    }
  }

  /// Gulrajani et al. 2017: the gradient penalty is per sample, so the critic drops batch norm
  /// for layer norm; the generator keeps its batch norm.
  @Test func wassersteinCriticHasNoBatchNorm() throws {
    let configuration = DCGANVariant.defaultConfiguration(for: images(channels: 3, side: 32), objective: WassersteinGradientPenaltyObjective.self)
    #expect(configuration.criticNormalization == .layer)
    #expect(configuration.training == .wassersteinGradientPenalty)
    #expect(DCGANVariant.defaultConfiguration(for: images(channels: 3, side: 32), objective: HingeObjective.self).criticNormalization == .batch)
    var tiny = tinyConfiguration(objective: WassersteinGradientPenaltyObjective.self)
    let (g, d) = try makeNetworks(tiny, images(channels: 3, side: 32))
    #expect(!d.allLayers.contains { $0 is BatchNorm })
    #expect(d.allLayers.compactMap { ($0 as? LayerNorm)?.normalizedShape } == [[8, 8, 8], [16, 4, 4]])
    #expect(g.allLayers.contains { $0 is BatchNorm })
    tiny.criticNormalization = .none
    let (_, bare) = try makeNetworks(tiny, images(channels: 3, side: 32))
    #expect(!bare.allLayers.contains { $0 is BatchNorm || $0 is LayerNorm })
  }

  /// A seeded short run follows the recorded loss trajectory. Re-record on purpose only (when
  /// the model, the loop or the random draws change): print `trajectory` and paste it below.
  @Test func goldenShortRun() throws {
    let data = images(channels: 1, side: 16)
    var rng = SplitMix64(seed: 2015)
    let trainer = try DCGANVariant.makeTrainer(configuration: tinyConfiguration(), data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 8), using: &rng)
    try checkGoldenRun(trainer, data: RandomBatchSource(data), steps: 10, using: &rng, recorded: Self.recordedTrajectory)
  }

  static let recordedTrajectory: [Double] = [
    1.328856348991394, 0.690436601638794, 1.3793056011199951, 0.6836522221565247,
    1.3594088554382324, 0.6817298531532288, 1.3076351881027222, 0.6804949045181274,
    1.33412504196167, 0.6863060593605042, 1.3063464164733887, 0.6841834783554077,
    1.351766586303711, 0.6812163591384888, 1.3319286108016968, 0.6805498600006104,
    1.3445920944213867, 0.6805232763290405, 1.3205595016479492, 0.6803825497627258,
  ]
}
