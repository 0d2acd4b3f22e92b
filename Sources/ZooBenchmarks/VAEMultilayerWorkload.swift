import VAE
import ZooCore

/// `vae-mlp`: the variational autoencoder of pytorch/examples vae/main.py (Kingma & Welling 2014)
/// through the zoo's `vae` variant and its trainer, with the variant's defaults for 28×28×1
/// images: x (N, 784) → 400 ReLU → μ, log σ² (20 each); z = μ + σ·ε; → 400 ReLU → 784 logits;
/// binary cross-entropy on logits summed plus the closed-form KL, Adam 1e-3, batch 128. The
/// random "real" batches are in the zoo's [−1, 1], which the VAE reads as [0, 1], the range of
/// the reference's batches. Sampling decodes z ~ N(0, I) to the Bernoulli means, as `decode`.
public struct VAEMultilayerWorkload: VariantWorkload {
  public static let name = "vae-mlp"
  public static let defaultBatchSize = 128
  public let run: VariantWorkloadRun

  public init(batchSize: Int, seed: UInt64) throws {
    let description = DataDescription(kind: .images, sampleShape: [1, 28, 28], valueRange: -1...1, epochSize: 60_000)
    run = try VariantWorkloadRun(VAEVariant.self, description: description, batchSize: batchSize, seed: seed)
  }
}
