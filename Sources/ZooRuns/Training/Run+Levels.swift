import Foundation
import ImageFiles
import TensorBackend
import ZooCore
import ZooEvaluation

/// The levels figure of a run whose generator draws in levels (`MultiscaleGenerator`: LAPGAN's
/// pyramid): one row per sample, coarse to fine.
extension Run {
  /// `count` samples with noise from `seed`, for the classes `labels` if given, each drawn as a
  /// row of its levels. The last column is what `samples(count:seed:labels:)` draws.
  /// - Throws: `UsageError` when the generator draws its samples in one step.
  public func levelPicture(count: Int, seed: UInt64, labels: [Int]? = nil) throws -> Image {
    guard let multiscale = trainer.sampler as? any MultiscaleGenerator else {
      throw UsageError("--levels shows the intermediate images of a generator that draws in levels (lapgan); \(configuration.variant) draws its samples in one step")
    }
    guard data.kind == .images else { throw UsageError("--levels draws images; \(configuration.dataset) holds points") }
    precondition(labels == nil || labels!.count == count, "Run.levelPicture: \(labels!.count) labels for \(count) samples")
    var random = SplitMix64(seed: seed)
    return LevelFigure.draw(from: multiscale, count: count, condition: labels.map(Sampling.condition(labels:)), using: &random).image
  }
}
