import Datasets
import Foundation
import TensorBackend
import ZooCore
import ZooEvaluation

/// The reference classifiers of the data catalog's labelled image datasets: which images each
/// learns from and is tested on, where it is cached, and how it is loaded or trained.
/// `zoo classifier` and a run's evaluation both come here.
public enum ClassifierCatalog {
  /// What a dataset's classifier learns from and is measured on.
  public struct LabelledData {
    /// The dataset's canonical name, recorded in the classifier (`mnist`, `mnist:pad=32`).
    public var name: String
    /// Where its classifier is cached.
    public var cacheURL: URL
    /// The training images, unless not asked for.
    public var training: ImageCollection?
    /// The held-out images.
    public var test: ImageCollection
  }

  /// Images in a procedural dataset's fixed training and test draws: enough for a classifier of
  /// five shapes, drawn from seeds of their own so every run of any seed sees the same data.
  static let shapesTrainingCount = 20_000
  static let shapesTestCount = 2_000
  /// The share of a folder's images held out for testing, chosen by a fixed seeded permutation.
  static let folderTestShare = 1.0 / 6

  /// The training and test images of `dataset`: MNIST's two splits; for `shapes`, two fixed
  /// draws; for a labelled folder, a fixed held-out sixth. Throws a `UsageError` for data
  /// without labels, and the loaders' errors (naming the missing or broken file) otherwise.
  public static func labelledData(for dataset: String, dataRoot: String?, includeTraining: Bool = true) throws -> LabelledData {
    let spec = try DatasetSpecification(dataset)
    let root = DataRoot.resolve(option: dataRoot)
    func cached(_ name: String) -> URL {
      ReferenceClassifier.cacheURL(in: root, key: DataCatalog.runName(for: name))
    }
    switch spec.name {
    case DataCatalog.mnistName:
      if spec.options["split"] != nil {
        throw UsageError("dataset option split: the reference classifier trains on MNIST's training split and is tested on its test split; drop split=")
      }
      try spec.check(allowed: ["pad"], for: "the reference classifier of mnist")
      let pad = try spec.integer("pad", in: 28...1024, default: nil)
      let name = DataCatalog.mnistName + (pad.map { ":pad=\($0)" } ?? "")
      let test = try images(of: DataCatalog.source(named: name + (pad == nil ? ":" : ",") + "split=test", dataRoot: dataRoot))
      let training = includeTraining ? try images(of: DataCatalog.source(named: name, dataRoot: dataRoot)) : nil
      return LabelledData(name: name, cacheURL: cached(name), training: training, test: test)
    case DataCatalog.shapesName:
      guard let shapes = try DataCatalog.source(named: dataset) as? ShapesSource else { preconditionFailure("shapes is procedural") }
      let size = shapes.shapes.size, channels = shapes.shapes.channels
      let options = [size == 32 ? nil : "size=\(size)", channels == 3 ? nil : "channels=\(channels)"].compactMap { $0 }
      let name = DataCatalog.shapesName + (options.isEmpty ? "" : ":" + options.sorted().joined(separator: ","))
      func draw(_ count: Int, seed: UInt64) -> ImageCollection {
        var generator = SplitMix64(seed: seed)
        let sample = shapes.shapes.sample(count: count, using: &generator)
        return collection(sample.images, labels: sample.labels.scalars.map { Int($0) }, classNames: Shapes.Kind.allCases.map(\.name))
      }
      return LabelledData(
        name: name, cacheURL: cached(name), training: includeTraining ? draw(shapesTrainingCount, seed: 0x5EED_7EA1) : nil,
        test: draw(shapesTestCount, seed: 0x5EED_7E57))
    default:
      guard let source = try DataCatalog.source(named: dataset) as? ImageDatasetSource else {
        throw UsageError("\(dataset) is not an image dataset; the reference classifier needs labelled images (mnist, shapes, or a folder with one subfolder per class)")
      }
      let all = source.batches.images
      guard let labels = all.labels, let classes = all.classCount, classes >= 2 else {
        throw UsageError("\(dataset) has no classes (its images are not in one subfolder per class); the reference classifier needs labels")
      }
      let order = EpochOrder.permutation(count: all.count, seed: 0x401D_0E7, epoch: 0)
      let testCount = max(1, Int((Double(all.count) * folderTestShare).rounded()))
      guard all.count - testCount >= 2 else { throw UsageError("\(dataset) has \(all.count) images, too few to hold some out for testing") }
      func subset(_ indices: ArraySlice<Int>) -> ImageCollection {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(indices.count * all.sampleSize)
        for index in indices { pixels += all.pixels[index * all.sampleSize..<(index + 1) * all.sampleSize] }
        return ImageCollection(channels: all.channels, height: all.height, width: all.width, pixels: pixels,
                               labels: indices.map { labels[$0] }, classNames: all.classNames)
      }
      let name = spec.options.isEmpty
        ? URL(fileURLWithPath: spec.name).standardizedFileURL.path
        : URL(fileURLWithPath: spec.name).standardizedFileURL.path + ":" + spec.options.keys.sorted().map { "\($0)=\(spec.options[$0]!)" }.joined(separator: ",")
      return LabelledData(
        name: name, cacheURL: cached(dataset), training: includeTraining ? subset(order[testCount...]) : nil, test: subset(order[..<testCount]))
    }
  }

  /// The cached classifier of `labelled`, checked against its data; a missing file's error says
  /// how to train one.
  public static func loadCached(_ labelled: LabelledData, dataset: String, dataRoot: String?) throws -> ReferenceClassifier {
    do {
      return try ReferenceClassifier.load(
        from: labelled.cacheURL, dataset: labelled.name, inputShape: labelled.test.sampleShape, classCount: labelled.test.classCount)
    } catch {
      guard case .missing(let file, _) = error else { throw error }
      let rootOption = dataRoot.map { " --data-root \($0)" } ?? ""
      throw ReferenceClassifierError.missing(file: file, hint: "train one with `zoo classifier train --dataset \(dataset)\(rootOption)`")
    }
  }

  /// The reference classifier of `dataset` for the evaluation harness: the cached one when it
  /// is valid, else one trained with the default options (and cached), the reason told to
  /// `notes`, the training's progress to `progress`.
  public static func referenceClassifier(
    for dataset: String, dataRoot: String?, notes: @escaping (String) -> Void = { _ in },
    progress: @escaping (ReferenceClassifier.TrainingProgress) -> Void = { _ in }
  ) throws -> ReferenceClassifier {
    let labelled = try labelledData(for: dataset, dataRoot: dataRoot, includeTraining: false)
    return try ReferenceClassifier.loadOrTrain(
      at: labelled.cacheURL, dataset: labelled.name, inputShape: labelled.test.sampleShape, classCount: labelled.test.classCount,
      trainingData: {
        let full = try labelledData(for: dataset, dataRoot: dataRoot)
        return (full.training!, full.test)
      },
      notes: notes, progress: progress)
  }

  /// The images of an image source.
  private static func images(of source: any BatchSource) throws -> ImageCollection {
    guard let images = (source as? ImageDatasetSource)?.batches.images else { preconditionFailure("MNIST is held in memory") }
    return images
  }

  /// Images in [−1, 1] back to bytes, as a PNG of them would hold (round((v + 1) · 127.5)).
  private static func collection(_ images: Tensor, labels: [Int], classNames: [String]) -> ImageCollection {
    let bytes = images.floats.map { UInt8(max(0, min(255, (($0 + 1) * 127.5).rounded()))) }
    return ImageCollection(channels: images.shape[1], height: images.shape[2], width: images.shape[3], pixels: bytes,
                           labels: labels, classNames: classNames)
  }
}
