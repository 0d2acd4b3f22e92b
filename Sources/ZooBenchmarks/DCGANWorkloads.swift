import DCGAN
import ZooCore

/// A DCGAN workload: the zoo's `dcgan` variant with its defaults on `side`×`side`×`channels`
/// random images: non-saturating loss on logits (the reference's `BCEWithLogitsLoss`; pytorch/
/// examples ends D with a sigmoid and `BCELoss`, the same loss computed after rounding the
/// probability), Adam 2e-4, β = (0.5, 0.999), batch 64.
public protocol DCGANWorkload: VariantWorkload {
  static var channels: Int { get }
  static var side: Int { get }
  init(run: VariantWorkloadRun)
}

extension DCGANWorkload {
  public static var defaultBatchSize: Int { 64 }

  public init(batchSize: Int, seed: UInt64) throws {
    let description = DataDescription(kind: .images, sampleShape: [Self.channels, Self.side, Self.side], valueRange: -1...1)
    self.init(run: try VariantWorkloadRun(DCGANVariant.self, description: description, objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed))
  }
}

/// `dcgan32-c1`: G 100 → 256 → 128 → 64 → 1, D 1 → 64 → 128 → 256 → 1.
public struct DCGAN32GrayWorkload: DCGANWorkload {
  public static let name = "dcgan32-c1", channels = 1, side = 32
  public let run: VariantWorkloadRun
  public init(run: VariantWorkloadRun) { self.run = run }
}

/// `dcgan32-c3`: as `dcgan32-c1` on 32×32×3.
public struct DCGAN32ColorWorkload: DCGANWorkload {
  public static let name = "dcgan32-c3", channels = 3, side = 32
  public let run: VariantWorkloadRun
  public init(run: VariantWorkloadRun) { self.run = run }
}

/// `dcgan64`: pytorch/examples `dcgan` at 64×64×3 (G 100 → 512 → 256 → 128 → 64 → 3, D mirrored).
public struct DCGAN64Workload: DCGANWorkload {
  public static let name = "dcgan64", channels = 3, side = 64
  public let run: VariantWorkloadRun
  public init(run: VariantWorkloadRun) { self.run = run }
}
