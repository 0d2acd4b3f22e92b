import Datasets
import Foundation
import TensorBackend
import ZooCore

/// Samples held out from training, on which a likelihood model's bound and log-likelihood are
/// measured: MNIST's test split; for procedural data a fixed draw of its own seed (as good as a
/// test set: every draw is new); for a folder of images, which has no test split, its own images
/// (so the figures are training figures, and the description says so).
public struct HeldOutData {
  /// (M, sample shape…), in the data's range.
  public var samples: Tensor
  /// What they are, for reports ("mnist test split").
  public var description: String

  /// Fixed draws of procedural data.
  static let proceduralImageCount = 2_000
  static let proceduralPointCount = 10_000
  /// At most this many of a folder's images.
  static let folderLimit = 10_000

  /// The held-out samples of `dataset` (a run's `--dataset` text).
  public init(dataset: String, dataRoot: String?) throws {
    let spec = try DatasetSpecification(dataset)
    var generator = SplitMix64(seed: 0x7E57_5EED)
    if let mixture = DataCatalog.mixture(named: spec.name) {
      samples = mixture.sample(count: Self.proceduralPointCount, using: &generator)
      description = "\(Self.proceduralPointCount) held-out draws of \(spec.name)"
      return
    }
    switch spec.name {
    case DataCatalog.mnistName:
      var options = spec.options
      options["split"] = "test"
      let name = spec.name + ":" + options.keys.sorted().map { "\($0)=\(options[$0]!)" }.joined(separator: ",")
      let images = try Self.images(of: DataCatalog.source(named: name, dataRoot: dataRoot))
      samples = images.batch(Array(0..<images.count)).samples
      description = "mnist test split"
    case DataCatalog.shapesName:
      guard let source = try DataCatalog.source(named: dataset) as? ShapesSource else { preconditionFailure("shapes is procedural") }
      samples = source.shapes.sample(count: Self.proceduralImageCount, using: &generator).images
      description = "\(Self.proceduralImageCount) held-out draws of shapes"
    default:
      let images = try Self.images(of: DataCatalog.source(named: dataset, dataRoot: dataRoot))
      let count = min(images.count, Self.folderLimit)
      samples = images.batch(Array(EpochOrder.permutation(count: images.count, seed: generator.next(), epoch: 0).prefix(count))).samples
      description = "folder's own \(count) images (it has no test split: training figures)"
    }
  }

  private static func images(of source: any BatchSource) throws -> ImageCollection {
    guard let images = (source as? ImageDatasetSource)?.batches.images else { preconditionFailure("image data is held in memory") }
    return images
  }
}
