import NeuralNetworks
import TensorBackend
import Testing
import ZooCore

/// A linear critic of packs of m points, (N/m, 2m) → (N/m, 1), recording every input it scores.
final class RecordingPackCritic: Discriminator {
  let weight: Parameter
  var inputs: [Tensor] = []

  init(packing: Int) {
    weight = Parameter(Tensor(shape: [1, 2 * packing], scalars: (0..<2 * packing).map { 0.1 * Double($0 + 1) }))
  }

  var ownParameters: [(name: String, parameter: Parameter)] { [("weight", weight)] }

  func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    inputs.append(x.detached)
    return linear(x, weight: weight.value, bias: nil)
  }
}

/// PacGAN's packing: the shapes of packs, which samples share a pack, and that the trainer packs
/// real and generated samples apart.
@Suite struct PackedDiscriminatorTests {
  @Test func packsAreConsecutiveSamplesSideBySide() {
    // Six points (N = 6, D = 2) in packs of m = 3: (2, 6), pack p = samples 3p, 3p + 1, 3p + 2.
    let points = Tensor(shape: [6, 2], scalars: (0..<12).map(Double.init))
    let packed = PackedDiscriminator.packed(points, packing: 3)
    #expect(packed.shape == [2, 6])
    #expect(packed.scalars == (0..<12).map(Double.init))
    // Images (N = 4, C = 1, 2, 2) in packs of 2: (2, 2, 2, 2), sample 2p + c in channel c of pack p.
    let images = Tensor(shape: [4, 1, 2, 2], scalars: (0..<16).map(Double.init))
    let imagePacks = PackedDiscriminator.packed(images, packing: 2)
    #expect(imagePacks.shape == [2, 2, 2, 2])
    for p in 0..<2 {
      for c in 0..<2 {
        let channel = imagePacks.sliced(alongAxis: 0, p..<p + 1).sliced(alongAxis: 1, c..<c + 1).scalars
        #expect(channel == images.sliced(alongAxis: 0, 2 * p + c..<2 * p + c + 1).scalars, "pack \(p) channel \(c)")
      }
    }
    // m = 1 leaves the samples as they are.
    #expect(PackedDiscriminator.packed(points, packing: 1).shape == [6, 2])
  }

  /// Every sample gets its pack's logit, so means over samples are means over packs.
  @Test func samplesTakeTheirPacksLogit() {
    let critic = RecordingPackCritic(packing: 2)
    let packed = PackedDiscriminator(critic, packing: 2)
    let points = Tensor(shape: [6, 2], scalars: (0..<12).map { 0.5 * Double($0) - 2 }).requiringGradient()
    var context = ForwardContext.inference
    let logits = packed(points, condition: nil, context: &context)
    let packLogits = linear(PackedDiscriminator.packed(points.detached, packing: 2), weight: critic.weight.value, bias: nil).scalars
    #expect(logits.shape == [6, 1])
    #expect(logits.scalars == packLogits.flatMap { [$0, $0] })
    #expect(abs(logits.mean().scalar - packLogits.reduce(0, +) / 3) <= 1e-6)
    // The input gradient of the mean reaches every sample of every pack.
    let gradient = logits.mean().gradients(wrt: [points])[0]
    #expect(gradient.shape == [6, 2] && gradient.scalars.allSatisfy { $0 != 0 })
  }

  @Test func namesAreTheInnerNetworks() {
    let inner = RecordingPackCritic(packing: 2)
    let packed = PackedDiscriminator(inner, packing: 2)
    #expect(packed.namedParameters.map(\.name) == ["weight"])
    #expect(packed.parameters.count == 1 && packed.parameters[0] === inner.weight)
  }

  /// One step with N = 8, m = 2: D scores 4 real packs, 4 generated packs, and in the generator
  /// step the same 4 generated packs; each pack holds consecutive samples of one kind only.
  @Test func trainerScoresRealAndGeneratedPacksApart() throws {
    let g = LinearRecordingGenerator(), critic = RecordingPackCritic(packing: 2)
    let g0 = g.weight.value.scalars
    let trainer = AdversarialTrainer(
      generator: g, discriminator: PackedDiscriminator(critic, packing: 2), objective: NonSaturatingObjective(),
      settings: AdversarialSettings(generatorOptimizer: .sgd(learningRate: 0.01, momentum: 0), discriminatorOptimizer: .sgd(learningRate: 0.01, momentum: 0)),
      environment: TrainingEnvironment(batchSize: 8))
    var source: any BatchSource = RecordingSource()
    let log = (source as! RecordingSource).log
    var rng = SplitMix64(seed: 3)
    let record = try trainer.step(data: &source, using: &rng)
    #expect(record.losses.allSatisfy { $0.value.isFinite })

    let real = log.batches[0]
    let fake = linear(g.noises[0], weight: Tensor(shape: [2, 2], scalars: g0), bias: nil)
    #expect(critic.inputs.count == 3)
    #expect(critic.inputs.allSatisfy { $0.shape == [4, 4] }, "\(critic.inputs.map(\.shape))")
    #expect(record.diagnostics.allSatisfy { $0.value.isFinite })
    #expect(critic.inputs[0].scalars == real.scalars, "real packs")
    for (index, input) in critic.inputs.dropFirst().enumerated() {
      let error = zip(input.scalars, fake.scalars).map { abs($0 - $1) }.max()!
      #expect(error <= 1e-6, "generated packs of call \(index + 1) differ from G's samples by \(error)")
    }
    // Row p of the real packs is samples 2p and 2p + 1.
    for p in 0..<4 {
      let row = Array(critic.inputs[0].scalars[4 * p..<4 * p + 4])
      #expect(row == Array(real.scalars[4 * p..<4 * p + 2]) + Array(real.scalars[4 * p + 2..<4 * p + 4]))
    }
  }
}
