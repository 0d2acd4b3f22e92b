import DCGAN
import Foundation
import LAPGAN
import NeuralNetworks
import TensorBackend
import Testing
import ZooCore
import _ZooTestSupport

/// Images of `channels` × `side` × `side` in [−1, 1], with `classes` labels if given.
func images(channels: Int, side: Int, classes: Int? = nil) -> DataDescription {
  DataDescription(kind: .images, sampleShape: [channels, side, side], classCount: classes, valueRange: -1...1)
}

/// A narrow pyramid for fast tests: Z = 8, level 0 16-16 / 16-16, finer levels 4 and 4 channels,
/// every level one step per step (as the reference steps them; `coarseStepsPerStep` has tests of
/// its own).
func tinyConfiguration(conditional: Bool = false, coarseStepsPerStep: Int = 1) -> LAPGANVariant.Configuration {
  LAPGANVariant.Configuration(
    latentDimension: 8, coarseNetworks: .multilayer, coarseGeneratorWidths: [16, 16], coarseDiscriminatorWidths: [16, 16], coarseStepsPerStep: coarseStepsPerStep,
    residualGeneratorWidth: 4, residualDiscriminatorWidth: 4, conditional: conditional)
}

/// The tiny pyramid with level 0 convolutional, W = 4.
func tinyConvolutionalConfiguration() -> LAPGANVariant.Configuration {
  var configuration = tinyConfiguration()
  configuration.coarseNetworks = .convolutional
  configuration.coarseConvolutionalWidth = 4
  return configuration
}

func makeTrainer(_ configuration: LAPGANVariant.Configuration, _ data: DataDescription, batchSize: Int = 4, seed: UInt64 = 0) throws -> PyramidTrainer {
  var rng = SplitMix64(seed: seed)
  return try #require(try LAPGANVariant.makeTrainer(
    configuration: configuration, data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: batchSize), using: &rng) as? PyramidTrainer)
}

/// (name, shape) of every parameter, in order.
func parameterShapes(_ layer: any Layer) -> [String] {
  layer.namedParameters.map { "\($0.name) \($0.parameter.shape)" }
}

@Suite struct LAPGANTests {
  /// The conformance suite at 32 and 64 (three and four levels), gray and colour, and on 28×28
  /// digits padded to the 32×32 pyramid.
  @Test(arguments: [(1, 32), (3, 32), (1, 64), (3, 64), (1, 28)])
  func conforms(channels: Int, side: Int) throws {
    try checkVariant(LAPGANVariant.self, on: RandomBatchSource(images(channels: channels, side: side)), configuration: tinyConfiguration())
  }

  /// CC-LAPGAN: every level conditioned on the class; the sampler says it draws a chosen class.
  @Test(arguments: [1, 3])
  func conditionalConforms(channels: Int) throws {
    let data = images(channels: channels, side: 32, classes: 3)
    try checkVariant(LAPGANVariant.self, on: RandomBatchSource(data), configuration: tinyConfiguration(conditional: true))
    let trainer = try makeTrainer(tinyConfiguration(conditional: true), data)
    #expect((trainer.sampler as? any ClassConditionalGenerator)?.classCount == 3)
    #expect(!(try makeTrainer(tinyConfiguration(), data).sampler is any ClassConditionalGenerator))
  }

  /// Every objective trains every level with finite losses.
  @Test func everyObjectiveTrains() throws {
    for objective in [MinimaxObjective() as any Objective, LeastSquaresObjective(), HingeObjective(), WassersteinGradientPenaltyObjective()] {
      var configuration = tinyConfiguration()
      configuration.training = LAPGANVariant.defaultConfiguration(for: images(channels: 1, side: 16), objective: type(of: objective)).training
      try checkVariant(LAPGANVariant.self, on: RandomBatchSource(images(channels: 1, side: 16)), configuration: configuration, objective: objective)
    }
  }

  /// Collapsing the pyramid gives the images back to float rounding, level k holds (N, C, 8·2ᵏ,
  /// 8·2ᵏ), x₀ is the twice-pooled image and lₖ + hₖ = xₖ.
  @Test(arguments: [(3, 32, 3), (1, 64, 4), (2, 16, 2)])
  func pyramidCollapsesToTheImages(channels: Int, side: Int, levels: Int) {
    var rng = SplitMix64(seed: 1)
    let x = Tensor.randomUniform([5, channels, side, side], low: -1, high: 1, using: &rng)
    let pyramid = LaplacianPyramid(x, levels: levels)
    #expect(pyramid.levelCount == levels)
    #expect(pyramid.images.map { $0.shape[2] } == (0..<levels).map { 8 << $0 })
    #expect(pyramid.images.last!.scalars == x.scalars)
    #expect(pyramid.images[0].scalars == (1..<levels).reduce(x) { y, _ in averagePool(y, factor: 2) }.scalars)
    let collapsed = pyramid.collapse()
    #expect(collapsed.shape == x.shape)
    let error = zip(collapsed.scalars, x.scalars).map { Swift.abs($0 - $1) }.max()!
    #expect(error <= 1e-6, "collapse differs from the images by \(error), tolerance 1e-6")
    for k in 1..<levels {
      let sum = (pyramid.coarse[k - 1] + pyramid.residuals[k - 1]).scalars
      #expect(zip(sum, pyramid.images[k].scalars).allSatisfy { Swift.abs($0 - $1) <= 1e-6 }, "l + h ≠ x at level \(k)")
    }
    // In float64 the round trip is exact to float64 rounding.
    let pyramid64 = LaplacianPyramid(Tensor(shape: x.shape, scalars: x.scalars, dtype: .float64), levels: levels)
    #expect(zip(pyramid64.collapse().scalars, x.scalars).allSatisfy { Swift.abs($0 - $1) <= 1e-12 })
  }

  /// A constant image has no band-pass detail: every residual is zero.
  @Test func constantImagesHaveNoResiduals() {
    let pyramid = LaplacianPyramid(Tensor.zeros([2, 3, 32, 32]) + 0.25, levels: 3)
    for residual in pyramid.residuals { #expect(residual.scalars.allSatisfy { Swift.abs($0) <= 1e-7 }) }
    #expect(pyramid.images[0].scalars.allSatisfy { $0 == 0.25 })
  }

  /// Each finer level's generator draws from its coarse image: the same noise with another
  /// coarse image gives another residual; and the chain's finest image depends on level 0's noise.
  @Test func levelGeneratorsDependOnTheCoarseImage() throws {
    let trainer = try makeTrainer(tinyConfiguration(), images(channels: 3, side: 32))
    var rng = SplitMix64(seed: 2)
    for level in trainer.pyramidGenerator.refinements {
      let noise = level.makeNoise(count: 3, using: &rng)
      let a = Tensor.randomUniform([3, 3, level.side, level.side], low: -1, high: 1, using: &rng)
      let b = Tensor.randomUniform([3, 3, level.side, level.side], low: -1, high: 1, using: &rng)
      let (ha, hb) = withoutGradient {
        var context = ForwardContext.inference
        return (level(noise: noise, condition: a, context: &context), level(noise: noise, condition: b, context: &context))
      }
      #expect(ha.shape == [3, 3, level.side, level.side])
      #expect(ha.scalars != hb.scalars, "the \(level.side)×\(level.side) generator ignores its coarse image")
      // And its gradient reaches the coarse image.
      let coarse = a.requiringGradient()
      var context = ForwardContext(training: true, generator: rng.split())
      let g = level(noise: noise, condition: coarse, context: &context).squared().sum().gradients(wrt: [coarse])[0]
      #expect(g.scalars.contains { $0 != 0 })
    }
    let sampler = trainer.pyramidGenerator
    let noise = sampler.makeNoise(count: 2, using: &rng)
    #expect(noise.shape == [2, 8 + 16 * 16 + 32 * 32])
    var other = noise.scalars
    for i in 0..<8 { other[i] += 1 }
    let (x, y) = withoutGradient {
      var context = ForwardContext.inference
      return (sampler(noise: noise, condition: nil, context: &context), sampler(noise: Tensor(shape: noise.shape, scalars: other), condition: nil, context: &context))
    }
    #expect(x.scalars != y.scalars, "the finest image ignores level 0")
  }

  /// The chain: x₀ = G₀(z), xₖ = u(xₖ₋₁) + Gₖ(u(xₖ₋₁), nₖ), clamped; the sample is the finest level
  /// (cropped to 28×28 on the 32×32 pyramid).
  @Test(arguments: [32, 28])
  func samplingChainsTheLevels(side: Int) throws {
    let trainer = try makeTrainer(tinyConfiguration(), images(channels: 1, side: side))
    let sampler = trainer.pyramidGenerator
    var rng = SplitMix64(seed: 3)
    let noise = sampler.makeNoise(count: 4, using: &rng)
    withoutGradient {
      var context = ForwardContext.inference
      let levels = sampler.levels(noise: noise, condition: nil, context: &context)
      #expect(levels.map(\.shape) == [[4, 1, 8, 8], [4, 1, 16, 16], [4, 1, 32, 32]])
      let z = noise.sliced(alongAxis: 1, 0..<8), n1 = noise.sliced(alongAxis: 1, 8..<264), n2 = noise.sliced(alongAxis: 1, 264..<1288)
      let x0 = clamp(sampler.coarsest(noise: z, condition: nil, context: &context), to: -1...1)
      let l1 = upsampleBilinear(x0, factor: 2)
      let x1 = clamp(l1 + sampler.refinements[0](noise: n1, condition: l1, context: &context), to: -1...1)
      let l2 = upsampleBilinear(x1, factor: 2)
      let x2 = clamp(l2 + sampler.refinements[1](noise: n2, condition: l2, context: &context), to: -1...1)
      #expect(levels[0].scalars == x0.scalars && levels[1].scalars == x1.scalars && levels[2].scalars == x2.scalars)
      let sample = sampler(noise: noise, condition: nil, context: &context)
      let m = (32 - side) / 2
      #expect(sample.shape == [4, 1, side, side])
      #expect(sample.scalars == x2.sliced(alongAxis: 2, m..<32 - m).sliced(alongAxis: 3, m..<32 - m).scalars)
    }
  }

  /// With level 0's perceptrons at one step a step (`coarseNetworks=multilayer`,
  /// `coarseStepsPerStep=1`, the `lapgan32` benchmark's settings) the networks at 32×32×3 are
  /// those of the `lapgan32` reference workload, layer for layer: torch counts G0 1,792,992, D0
  /// 477,001, G1 = G2 113,987, D1 217,985, D2 242,561 parameters. The defaults depart at level 0
  /// alone: the convolutional pair (W = 128), five steps a step.
  @Test func referenceWorkloadLayerForLayer() throws {
    let data = images(channels: 3, side: 32)
    var configuration = LAPGANVariant.defaultConfiguration(for: data)
    #expect(configuration.coarseNetworks == .convolutional && configuration.coarseConvolutionalWidth == 128)
    let defaults = try makeTrainer(configuration, data)
    #expect(defaults.levels[0].generator is CoarseConvolutionalGenerator && defaults.levels[0].discriminator is CoarseConvolutionalDiscriminator)
    #expect(defaults.levels.map { $0.generator.parameterCount } == [938_112, 113_987, 113_987])
    #expect(defaults.levels.map { $0.discriminator.parameterCount } == [532_352, 217_985, 242_561])
    #expect(defaults.coarseStepsPerStep == 5 && defaults.batchesPerStep == 5)
    configuration.coarseNetworks = .multilayer
    configuration.coarseStepsPerStep = 1
    let trainer = try makeTrainer(configuration, data)
    #expect(trainer.levels.count == 3)
    let g0 = trainer.levels[0].generator, d0 = trainer.levels[0].discriminator
    #expect(parameterShapes(g0) == ["net.0.weight [1200, 100]", "net.0.bias [1200]", "net.2.weight [1200, 1200]", "net.2.bias [1200]", "net.4.weight [192, 1200]", "net.4.bias [192]"])
    #expect(parameterShapes(d0) == ["net.0.weight [600, 192]", "net.0.bias [600]", "net.3.weight [600, 600]", "net.3.bias [600]", "net.6.weight [1, 600]", "net.6.bias [1]"])
    #expect(d0.allLayers.contains { ($0 as? Dropout)?.probability == 0.5 })
    for (k, side) in [(1, 16), (2, 32)] {
      let g = trainer.levels[k].generator, d = trainer.levels[k].discriminator
      #expect(parameterShapes(g) == [
        "net.0.weight [64, 4, 5, 5]", "net.0.bias [64]", "net.1.weight [64]", "net.1.bias [64]",
        "net.3.weight [64, 64, 5, 5]", "net.3.bias [64]", "net.4.weight [64]", "net.4.bias [64]",
        "net.6.weight [3, 64, 5, 5]", "net.6.bias [3]",
      ])
      #expect(parameterShapes(d) == [
        "net.0.weight [64, 3, 5, 5]", "net.0.bias [64]", "net.2.weight [128, 64, 5, 5]", "net.2.bias [128]",
        "net.4.weight [1, 128, \(side / 2), \(side / 2)]", "net.4.bias [1]",
      ])
      #expect(g.allLayers.dropFirst(2).map { "\(type(of: $0))" } == ["Conv2D", "BatchNorm", "ReLU", "Conv2D", "BatchNorm", "ReLU", "Conv2D"])
      #expect(d.allLayers.dropFirst(2).map { "\(type(of: $0))" } == ["Conv2D", "LeakyReLU", "Conv2D", "LeakyReLU", "Conv2D"])
    }
    #expect(trainer.levels.map { $0.generator.parameterCount } == [1_792_992, 113_987, 113_987])
    #expect(trainer.levels.map { $0.discriminator.parameterCount } == [477_001, 217_985, 242_561])
    #expect(trainer.levels.allSatisfy { $0.discriminatorStepsPerGeneratorStep == 1 })
    #expect(LAPGANVariant.defaultConfiguration(for: data).training == .dcgan)
    #expect(trainer.batchesPerStep == 1)
  }

  /// 64×64 takes four levels, 8 → 16 → 32 → 64; 16×16 two; 8×8 the coarse GAN alone.
  @Test func levelsFollowTheImageSize() throws {
    for (side, sides) in [(8, [8]), (16, [8, 16]), (28, [8, 16, 32]), (32, [8, 16, 32]), (64, [8, 16, 32, 64])] {
      let trainer = try makeTrainer(tinyConfiguration(), images(channels: 1, side: side))
      #expect([8] + trainer.pyramidGenerator.refinements.map(\.side) == sides, "side \(side)")
      #expect(trainer.sampler.sampleShape == [1, side, side])
    }
  }

  /// The step's record names every level's terms, and the state every level's tensors.
  @Test func recordsAndStateNameTheLevels() throws {
    let data = images(channels: 1, side: 32)
    let trainer = try makeTrainer(tinyConfiguration(), data)
    var source: any BatchSource = RandomBatchSource(data)
    var rng = SplitMix64(seed: 4)
    let record = try trainer.step(data: &source, using: &rng)
    #expect(record.losses.map(\.name) == ["level0/discriminator", "level0/generator", "level1/discriminator", "level1/generator", "level2/discriminator", "level2/generator"])
    #expect(record.diagnostics.map(\.name) == ["level0/mean_d_real", "level0/mean_d_fake", "level1/mean_d_real", "level1/mean_d_fake", "level2/mean_d_real", "level2/mean_d_fake"])
    #expect(record.samplesConsumed == 4)
    let state = trainer.exportState()
    for k in 0..<3 {
      for part in ["generator.", "discriminator.", "generator_optimizer.", "discriminator_optimizer."] {
        #expect(state.keys.contains { $0.hasPrefix("level\(k).\(part)") }, "no level\(k).\(part)… in the state")
      }
      #expect(state["level\(k).generator_optimizer.step_count"]?.scalar == 1)
    }
    #expect(state.keys.allSatisfy { $0.hasPrefix("level0.") || $0.hasPrefix("level1.") || $0.hasPrefix("level2.") })
    #expect(trainer.networks.map(\.name) == ["level0", "level1", "level2"])
    // A tensor no level owns is refused, and nothing changes.
    var extra = state
    extra["level7.generator.net.0.weight"] = Tensor.zeros([1])
    #expect(throws: (any Error).self) { try trainer.importState(extra) }
    var broken = state
    broken["level2.generator.net.0.weight"] = Tensor.zeros([1])
    #expect(throws: (any Error).self) { try trainer.importState(broken) }
    #expect(trainer.exportState().allSatisfy { state[$0.key]?.scalars == $0.value.scalars })
  }

  /// A resumed run ends bit-identical to a straight one: every level's weights, batch-norm
  /// statistics and optimizer moments, and the run's random generator (which every level's noise
  /// is drawn from), for the plain and the class-conditional pyramid.
  @Test(arguments: [false, true])
  func resumeIsBitIdentical(conditional: Bool) throws {
    let data = images(channels: 3, side: 32, classes: 4)
    try checkResumeIsBitIdentical({ rng in
      try LAPGANVariant.makeTrainer(configuration: tinyConfiguration(conditional: conditional), data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    }, on: RandomBatchSource(data), half: 3)
  }

  /// CC-LAPGAN draws the class it is given: the same noise with other labels gives other images.
  @Test func conditionalLevelsReadTheClass() throws {
    let trainer = try makeTrainer(tinyConfiguration(conditional: true), images(channels: 1, side: 32, classes: 5))
    var rng = SplitMix64(seed: 5)
    let noise = trainer.sampler.makeNoise(count: 3, using: &rng)
    let (a, b) = withoutGradient {
      var context = ForwardContext.inference
      return (trainer.sampler(noise: noise, condition: Tensor(shape: [3], scalars: [0, 1, 2]), context: &context),
              trainer.sampler(noise: noise, condition: Tensor(shape: [3], scalars: [3, 4, 0]), context: &context))
    }
    #expect(a.scalars != b.scalars)
    for level in trainer.pyramidGenerator.refinements { #expect(level.classCount == 5) }
  }

  @Test func refusesDataItCannotTake() throws {
    var rng = SplitMix64(seed: 0)
    func attempt(_ data: DataDescription, _ configuration: LAPGANVariant.Configuration = tinyConfiguration()) throws {
      _ = try LAPGANVariant.makeTrainer(configuration: configuration, data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 4), using: &rng)
    }
    #expect { try attempt(DataDescription(kind: .points, sampleShape: [2])) } throws: { "\($0)".contains("needs images") }
    #expect { try attempt(images(channels: 1, side: 20)) } throws: { $0 is UnsupportedDataError }
    #expect { try attempt(images(channels: 1, side: 32), tinyConfiguration(conditional: true)) } throws: { "\($0)".contains("no labels") }
    var bad = tinyConfiguration()
    bad.coarseDropoutProbability = 1
    #expect { try attempt(images(channels: 1, side: 32), bad) } throws: { "\($0)".contains("coarseDropoutProbability") }
    // Packs of 3 do not divide a batch of 4; packs of 0 are none; a pack has no one class.
    for packing in [3, 0] {
      var packed = tinyConfiguration()
      packed.coarsePacking = packing
      #expect { try attempt(images(channels: 1, side: 32), packed) } throws: { $0 is InvalidConfigurationError && "\($0)".contains("lapgan: coarsePacking") }
    }
    var conditional = tinyConfiguration(conditional: true)
    conditional.coarsePacking = 2
    #expect { try attempt(images(channels: 1, side: 32, classes: 3), conditional) } throws: { "\($0)".contains("unconditional") }
  }

  /// PacGAN at level 0: D₀ takes m coarse images side by side along the channels (its first
  /// layer m times wider), the finer levels are untouched, the pyramid conforms and trains, and
  /// a configuration recorded before the option existed reads as m = 1.
  @Test func levelZeroJudgesPacks() throws {
    var configuration = tinyConfiguration()
    configuration.coarsePacking = 2
    let data = images(channels: 3, side: 32)
    let packed = try makeTrainer(configuration, data)
    let plain = try makeTrainer(tinyConfiguration(), data)
    #expect(packed.levels[0].discriminator is PackedDiscriminator)
    #expect(parameterShapes(packed.levels[0].discriminator).first == "net.0.weight [16, 384]")
    #expect(parameterShapes(plain.levels[0].discriminator).first == "net.0.weight [16, 192]")
    #expect(parameterShapes(packed.levels[1].discriminator) == parameterShapes(plain.levels[1].discriminator))
    try checkVariant(LAPGANVariant.self, on: RandomBatchSource(data), configuration: configuration)

    var fields = try JSONSerialization.jsonObject(with: JSONEncoder().encode(tinyConfiguration())) as! [String: Any]
    #expect(fields.removeValue(forKey: "coarsePacking") as? Int == 1)
    let old = try JSONDecoder().decode(LAPGANVariant.Configuration.self, from: JSONSerialization.data(withJSONObject: fields))
    #expect(old == tinyConfiguration())
  }

  /// Level 0 trains s times a step, each time on k real batches of its own; the finer levels
  /// once, on the first k; the record averages level 0's s steps and counts every batch drawn.
  /// The pyramid conforms (a resumed run bit-identical included) with s = 3, and a configuration
  /// recorded before the option existed reads as s = 1.
  @Test func levelZeroTakesExtraSteps() throws {
    let data = images(channels: 1, side: 32)
    let trainer = try makeTrainer(tinyConfiguration(coarseStepsPerStep: 3), data, batchSize: 4)
    #expect(trainer.batchesPerStep == 3)
    var drawn = 0
    var rng = SplitMix64(seed: 3)
    var source: any BatchSource = RandomBatchSource(data)
    let record = try trainer.step(nextBatch: { drawn += 1; return try source.nextBatch(size: 4, using: &$0) }, using: &rng)
    #expect(drawn == 3 && record.samplesConsumed == 12)
    let state = trainer.exportState()
    #expect(state["level0.generator_optimizer.step_count"]?.scalars == [3])
    #expect(state["level0.discriminator_optimizer.step_count"]?.scalars == [3])
    #expect(state["level1.generator_optimizer.step_count"]?.scalars == [1])
    #expect(state["level2.discriminator_optimizer.step_count"]?.scalars == [1])
    #expect(record.losses.map(\.name).first == "level0/discriminator")
    try checkVariant(LAPGANVariant.self, on: RandomBatchSource(data), configuration: tinyConfiguration(coarseStepsPerStep: 3))
    #expect(LAPGANVariant.defaultConfiguration(for: data).coarseStepsPerStep == 5)

    var bad = tinyConfiguration()
    bad.coarseStepsPerStep = 0
    #expect { try makeTrainer(bad, data) } throws: { "\($0)".contains("coarseStepsPerStep must be positive") }
    var fields = try JSONSerialization.jsonObject(with: JSONEncoder().encode(tinyConfiguration(coarseStepsPerStep: 4))) as! [String: Any]
    #expect(fields.removeValue(forKey: "coarseStepsPerStep") as? Int == 4)
    #expect(fields.removeValue(forKey: "coarseNetworks") as? String == "multilayer")
    let old = try JSONDecoder().decode(LAPGANVariant.Configuration.self, from: JSONSerialization.data(withJSONObject: fields))
    #expect(old == tinyConfiguration(coarseStepsPerStep: 1))
  }

  /// `coarseNetworks=convolutional`: level 0 is the small convolutional pair (G z → (2W, 4, 4) →
  /// (W, 8, 8) → (C, 8, 8), D (C, 8, 8) → (W, 8, 8) → (2W, 4, 4) → 1), the finer levels are
  /// untouched, the pyramid conforms at 28, 32 and 64 px, gray and colour, and judges packs;
  /// for CC-LAPGAN it reads the class (a label embedding before z in G, as planes after x in D).
  @Test func convolutionalLevelZero() throws {
    for (channels, side) in [(1, 28), (3, 32), (1, 64)] {
      try checkVariant(LAPGANVariant.self, on: RandomBatchSource(images(channels: channels, side: side)), configuration: tinyConvolutionalConfiguration())
    }
    let data = images(channels: 3, side: 32)
    let trainer = try makeTrainer(tinyConvolutionalConfiguration(), data)
    let g0 = trainer.levels[0].generator, d0 = trainer.levels[0].discriminator
    #expect(g0 is CoarseConvolutionalGenerator && d0 is CoarseConvolutionalDiscriminator)
    #expect(parameterShapes(g0) == ["net.0.weight [8, 8, 4, 4]", "net.1.weight [8]", "net.1.bias [8]", "net.3.weight [8, 4, 4, 4]", "net.4.weight [4]", "net.4.bias [4]", "net.6.weight [3, 4, 3, 3]"])
    #expect(parameterShapes(d0) == ["net.0.weight [4, 3, 3, 3]", "net.2.weight [8, 4, 4, 4]", "net.3.weight [8]", "net.3.bias [8]", "net.5.weight [1, 8, 4, 4]"])
    #expect(parameterShapes(trainer.levels[1].generator) == parameterShapes(try makeTrainer(tinyConfiguration(), data).levels[1].generator))
    var rng = SplitMix64(seed: 8)
    var context = ForwardContext(training: false, generator: rng.split())
    let z = g0.makeNoise(count: 2, using: &rng)
    let x0 = g0(noise: z, condition: nil, context: &context)
    #expect(x0.shape == [2, 3, 8, 8] && x0.scalars.allSatisfy { abs($0) <= 1 })
    #expect(d0(x0, condition: nil, context: &context).shape == [2, 1])

    var packed = tinyConvolutionalConfiguration()
    packed.coarsePacking = 2
    let packedTrainer = try makeTrainer(packed, data)
    #expect(parameterShapes(packedTrainer.levels[0].discriminator).first == "net.0.weight [4, 6, 3, 3]")
    try checkVariant(LAPGANVariant.self, on: RandomBatchSource(data), configuration: packed)

    var conditional = tinyConvolutionalConfiguration()
    conditional.conditional = true
    let labelled = images(channels: 1, side: 32, classes: 3)
    try checkVariant(LAPGANVariant.self, on: RandomBatchSource(labelled), configuration: conditional)
    let conditionalTrainer = try makeTrainer(conditional, labelled)
    let cg0 = conditionalTrainer.levels[0].generator, cd0 = conditionalTrainer.levels[0].discriminator
    #expect(parameterShapes(cg0).prefix(2) == ["label_embedding.weight [3, 3]", "net.0.weight [11, 8, 4, 4]"])
    #expect(parameterShapes(cd0).prefix(2) == ["label_embedding.weight [3, 3]", "net.0.weight [4, 4, 3, 3]"])
    var conditionalContext = ForwardContext(training: false, generator: rng.split())
    let zc = cg0.makeNoise(count: 3, using: &rng)
    let (a, b) = withoutGradient {
      (cg0(noise: zc, condition: Tensor(shape: [3], scalars: [0, 1, 2]), context: &conditionalContext),
       cg0(noise: zc, condition: Tensor(shape: [3], scalars: [1, 2, 0]), context: &conditionalContext))
    }
    #expect(a.scalars != b.scalars)
    let (ra, rb) = withoutGradient {
      (cd0(a, condition: Tensor(shape: [3], scalars: [0, 1, 2]), context: &conditionalContext),
       cd0(a, condition: Tensor(shape: [3], scalars: [1, 2, 0]), context: &conditionalContext))
    }
    #expect(ra.scalars != rb.scalars)
  }

  /// A seeded short run of a two-level pyramid follows the recorded loss trajectory (one line
  /// per step: level 0's D and G losses, then level 1's). Re-record on purpose only: the failure
  /// message prints the trajectory to paste.
  @Test func goldenShortRun() throws {
    let data = images(channels: 1, side: 16)
    var rng = SplitMix64(seed: 2015)
    let trainer = try LAPGANVariant.makeTrainer(configuration: tinyConfiguration(), data: data, objective: NonSaturatingObjective(), environment: TrainingEnvironment(batchSize: 8), using: &rng)
    try checkGoldenRun(trainer, data: RandomBatchSource(data), steps: 8, using: &rng, recorded: Self.recordedTrajectory)
  }

  static let recordedTrajectory: [Double] = [
    1.4001832008361816, 0.6891138553619385, 1.3884928226470947, 0.6930798292160034,
    1.4352505207061768, 0.6827872395515442, 1.3728879690170288, 0.7012572288513184,
    1.3998746871948242, 0.7149758338928223, 1.3809905052185059, 0.6971082091331482,
    1.3619694709777832, 0.6995765566825867, 1.3756837844848633, 0.6995036602020264,
    1.3741536140441895, 0.7050797939300537, 1.3794567584991455, 0.6964675188064575,
    1.357628345489502, 0.6907821893692017, 1.3841402530670166, 0.6902820467948914,
    1.392385721206665, 0.6997262835502625, 1.385093092918396, 0.6906608939170837,
    1.4323722124099731, 0.6784329414367676, 1.3620362281799316, 0.7007813453674316,
  ]
}
