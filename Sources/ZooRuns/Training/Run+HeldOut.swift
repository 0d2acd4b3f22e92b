import Foundation
import ImageFiles
import TensorBackend
import ZooCore
import ZooEvaluation

/// What a likelihood model's run measures on held-out data: its bound after every epoch in the
/// loss log, its held-out likelihood in metrics.json, and reconstructions of held-out images.
/// Nothing here for a model without a likelihood (a GAN).
extension Run {
  /// The run's held-out samples (see `HeldOutData`).
  public func heldOutData() throws -> HeldOutData {
    try HeldOutData(dataset: configuration.dataset, dataRoot: configuration.dataRoot)
  }

  /// The seed of the held-out figures: the per-epoch log's and the final metric's, the same.
  var heldOutSeed: UInt64 { seeds.metric("held-out-likelihood") }

  /// The observer logging the held-out bound, for a likelihood model.
  func heldOutBoundLog() throws -> HeldOutBoundLog? {
    guard let model = trainer.likelihoodModel else { return nil }
    return HeldOutBoundLog(
      model: model, samples: try heldOutData().samples, seed: heldOutSeed, epochSize: data.epochSize, interval: configuration.sampleInterval)
  }

  /// The held-out likelihood metric, for a likelihood model whose held-out data loads (else a
  /// note, and no metric).
  func heldOutLikelihoodMetric() -> HeldOutLikelihoodMetric? {
    guard trainer.likelihoodModel != nil else { return nil }
    do {
      let heldOut = try heldOutData()
      return HeldOutLikelihoodMetric(samples: heldOut.samples, split: heldOut.description, seed: heldOutSeed)
    } catch {
      notes("no held-out likelihood: \(error)")
      return nil
    }
  }

  /// reconstructions.png, for a model that reconstructs images: 32 held-out images in rows of 8,
  /// each row followed by its reconstructions.
  func reconstructionsPicture() throws -> Image? {
    guard data.kind == .images, let model = trainer.likelihoodModel, let heldOut = try? heldOutData() else { return nil }
    let columns = Run.gridColumns, count = min(4 * columns, heldOut.samples.shape[0])
    let originals = heldOut.samples.sliced(alongAxis: 0, 0..<count)
    var generator = SplitMix64(seed: seeds.metric("reconstructions"))
    guard let reconstructions = model.reconstructions(of: originals, using: &generator) else { return nil }
    let rows = stride(from: 0, to: count, by: columns).flatMap { start -> [Tensor] in
      let range = start..<min(start + columns, count)
      return [originals.sliced(alongAxis: 0, range), reconstructions.sliced(alongAxis: 0, range)]
    }
    return SampleGrid(Tensor.concatenate(rows, alongAxis: 0), columns: columns).image
  }
}
