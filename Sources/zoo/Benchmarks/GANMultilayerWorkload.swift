import NeuralNetworks
import TensorBackend
import VanillaGAN
import ZooCore

/// `gan-mlp`: the vanilla GAN on 28×28×1 with the networks of PyTorch-GAN's gan.py, trained by
/// the zoo's adversarial trainer (non-saturating loss on logits, Adam 2e-4, β = (0.5, 0.999)).
final class GANMultilayerWorkload: BenchmarkWorkload {
  static let name = "gan-mlp"
  static let defaultBatchSize = 64

  let trainer: any Trainer
  var data: any BatchSource
  var generator: SplitMix64

  init(batchSize: Int, seed: UInt64) throws {
    generator = SplitMix64(seed: seed)
    let description = DataDescription(kind: .images, sampleShape: [1, 28, 28], valueRange: -1...1)
    data = RandomBatchPool(description: description, batchSize: batchSize, low: -1, high: 1, using: &generator)
    let configuration = VanillaGAN.defaultConfiguration(for: description, objective: NonSaturatingObjective.self)
    trainer = try VanillaGAN.makeTrainer(configuration: configuration, data: description, objective: NonSaturatingObjective(),
                                         batchSize: batchSize, using: &generator)
  }

  func trainStep() throws {
    _ = try trainer.step(data: &data, using: &generator)
  }

  func sample(count: Int) {
    withoutGradient {
      _ = trainer.sampler.inferring(from: Tensor.randomNormal([count, trainer.sampler.latentDimension], using: &generator))
    }
  }
}
