import VanillaGAN
import ZooCore

/// `gan-mlp`: the vanilla GAN on 28×28×1 with the networks of PyTorch-GAN's gan.py, trained by
/// the zoo's adversarial trainer (non-saturating loss on logits, Adam 2e-4, β = (0.5, 0.999)).
public struct GANMultilayerWorkload: VariantWorkload {
  public static let name = "gan-mlp"
  public static let defaultBatchSize = 64
  public let run: VariantWorkloadRun

  public init(batchSize: Int, seed: UInt64) throws {
    let description = DataDescription(kind: .images, sampleShape: [1, 28, 28], valueRange: -1...1)
    run = try VariantWorkloadRun(VanillaGANVariant.self, description: description, objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed)
  }
}
