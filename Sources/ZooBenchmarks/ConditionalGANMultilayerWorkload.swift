import ConditionalGAN
import ZooCore

/// `cgan-mlp`: the conditional GAN on 28×28×1 with 10 classes and the networks of PyTorch-GAN's
/// cgan.py (the `cgan` variant's multilayer defaults), least-squares loss (cgan.py's MSELoss),
/// Adam 2e-4, β = (0.5, 0.999), batch 64. The trainer conditions generated samples on the real
/// batch's labels where cgan.py draws fresh random ones; the work is the same.
public struct ConditionalGANMultilayerWorkload: VariantWorkload {
  public static let name = "cgan-mlp"
  public static let defaultBatchSize = 64
  public let run: VariantWorkloadRun

  public init(batchSize: Int, seed: UInt64) throws {
    let description = DataDescription(kind: .images, sampleShape: [1, 28, 28], classCount: 10, valueRange: -1...1)
    run = try VariantWorkloadRun(ConditionalGANVariant.self, description: description, objective: LeastSquaresObjective(), batchSize: batchSize, seed: seed) {
      $0.architecture = .multilayer
    }
  }
}
