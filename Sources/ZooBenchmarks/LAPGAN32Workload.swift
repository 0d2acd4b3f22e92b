import LAPGAN
import ZooCore

/// `lapgan32`: the zoo's `lapgan` variant on 32×32×3 random images, the three
/// levels 8 → 16 → 32 of the reference's `LapGan32`: G0 100 → 1200 → 1200 → 192 (tanh), D0 192 →
/// 600 → 600 → 1 with dropout 0.5; G1, G2 [l, n] → 64 → 64 → 3 (5×5 convolutions, batch norm);
/// D1, D2 l + h → 64 → 128 (stride 2) → 1. Non-saturating loss on logits (BCEWithLogitsLoss),
/// Adam 2e-4, β = (0.5, 0.999) per network, batch 64; each step trains level 0, 1, 2 in turn, a D
/// step then a G step, on the pyramid of one real batch. Sampling chains the levels.
public struct LAPGAN32Workload: VariantWorkload {
  public static let name = "lapgan32"
  public static let defaultBatchSize = 64
  public let run: VariantWorkloadRun

  public init(batchSize: Int, seed: UInt64) throws {
    let description = DataDescription(kind: .images, sampleShape: [3, 32, 32], valueRange: -1...1)
    // The reference's perceptrons at level 0 and one step of every level, as the reference steps
    // them (the variant's defaults: a convolutional level 0 trained s = 5 times a step)
    run = try VariantWorkloadRun(LAPGANVariant.self, description: description, objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed) {
      $0.coarseNetworks = .multilayer
      $0.coarseStepsPerStep = 1
    }
  }
}
