import VanillaGAN
import ZooCore

/// `gan-mlp`: the vanilla GAN on 28×28×1 with the networks of PyTorch-GAN's gan.py, trained by
/// the zoo's adversarial trainer (non-saturating loss on logits, Adam 2e-4, β = (0.5, 0.999)).
struct GANMultilayerWorkload: AdversarialWorkload {
  static let name = "gan-mlp"
  static let defaultBatchSize = 64
  let run: AdversarialWorkloadRun

  init(batchSize: Int, seed: UInt64) throws {
    let description = DataDescription(kind: .images, sampleShape: [1, 28, 28], valueRange: -1...1)
    run = try AdversarialWorkloadRun(VanillaGAN.self, description: description, objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed)
  }
}
