import DCGAN
import ZooCore

/// `dcgan32-c1`: DCGAN at 32×32×1 (G 100 → 256 → 128 → 64 → 1, D 1 → 64 → 128 → 256 → 1), the
/// zoo's `dcgan` variant with its defaults: non-saturating loss on logits (the reference's
/// `BCEWithLogitsLoss`), Adam 2e-4, β = (0.5, 0.999), batch 64.
final class DCGAN32GrayWorkload: BenchmarkWorkload {
  static let name = "dcgan32-c1"
  static let defaultBatchSize = 64
  let run: AdversarialWorkloadRun

  init(batchSize: Int, seed: UInt64) throws {
    run = try AdversarialWorkloadRun(DCGAN.self, description: dcganImages(channels: 1, side: 32), objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed)
  }

  func trainStep() throws { try run.trainStep() }
  func sample(count: Int) { run.sample(count: count) }
}

/// `dcgan32-c3`: as `dcgan32-c1` on 32×32×3.
final class DCGAN32ColorWorkload: BenchmarkWorkload {
  static let name = "dcgan32-c3"
  static let defaultBatchSize = 64
  let run: AdversarialWorkloadRun

  init(batchSize: Int, seed: UInt64) throws {
    run = try AdversarialWorkloadRun(DCGAN.self, description: dcganImages(channels: 3, side: 32), objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed)
  }

  func trainStep() throws { try run.trainStep() }
  func sample(count: Int) { run.sample(count: count) }
}

/// `dcgan64`: pytorch/examples `dcgan` at 64×64×3 (G 100 → 512 → 256 → 128 → 64 → 3, D mirrored).
/// The reference ends D with a sigmoid and trains with `BCELoss`; the zoo's non-saturating loss
/// on logits is the same loss, computed without rounding the probability first.
final class DCGAN64Workload: BenchmarkWorkload {
  static let name = "dcgan64"
  static let defaultBatchSize = 64
  let run: AdversarialWorkloadRun

  init(batchSize: Int, seed: UInt64) throws {
    run = try AdversarialWorkloadRun(DCGAN.self, description: dcganImages(channels: 3, side: 64), objective: NonSaturatingObjective(), batchSize: batchSize, seed: seed)
  }

  func trainStep() throws { try run.trainStep() }
  func sample(count: Int) { run.sample(count: count) }
}

private func dcganImages(channels: Int, side: Int) -> DataDescription {
  DataDescription(kind: .images, sampleShape: [channels, side, side], valueRange: -1...1)
}
