import Datasets
import Foundation
import TensorBackend
import ZooCore

/// Saving, loading and caching trained classifiers.
///
/// A classifier is one safetensors file: its weights under their layer names, and string
/// metadata that says what it is (`format`, `architecture`, `input_shape`, `class_count`) and
/// where it comes from (`dataset`, `seed`, `epochs`, `test_accuracy`, …), readable with
/// `safetensors.safe_open(path, "np").metadata()`. The cache keeps one per dataset under the data
/// root, `<data root>/classifiers/<key>.safetensors` (`mnist`, `mnist-pad32`), beside the data it
/// was trained on and, like them, outside the repository's history.
///
/// Policy for a bad cache file: `load` throws (`corrupt` for a file that is not a readable
/// classifier — truncated, not safetensors, missing metadata, tensors of the wrong shape or not
/// finite —, `mismatch` for a classifier of other data), so `zoo classifier evaluate` stops with
/// the file and the problem named. `loadOrTrain`, which the evaluation harness calls, says what
/// is wrong, trains a new classifier and replaces the file: the cache holds nothing that cannot
/// be remade from its seed.
extension ReferenceClassifier {
  /// The `format` metadata value of a reference-classifier file.
  public static let fileFormat = "gan-zoo-reference-classifier-1"
  /// The folder under the data root that holds cached classifiers.
  public static let cacheFolderName = "classifiers"

  /// `<data root>/classifiers/<key>.safetensors`.
  public static func cacheURL(in dataRoot: DataRoot, key: String) -> URL {
    URL(fileURLWithPath: dataRoot.folder(for: cacheFolderName)).appendingPathComponent(key + ".safetensors")
  }

  /// Writes weights and provenance to `url` atomically (a temporary file in the same folder,
  /// then a rename), creating the folder if needed, so a reader never sees half a file.
  public func write(to url: URL) throws(ReferenceClassifierError) {
    guard let provenance else { throw .cannotWrite(file: url.path, problem: "the classifier has not been trained") }
    let tensors = network.exportState().sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) }
    do {
      let data = try SafeTensors.encode(tensors, metadata: Self.metadata(architecture: architecture, inputShape: inputShape, classCount: classCount, provenance: provenance))
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw .cannotWrite(file: url.path, problem: "\(error)")
    }
  }

  /// Reads a classifier written by `write(to:)`.
  ///
  /// - Throws: `missing` when there is no file, `corrupt` naming what is wrong with it.
  public static func load(from url: URL) throws(ReferenceClassifierError) -> ReferenceClassifier {
    let file = url.path
    guard FileManager.default.fileExists(atPath: file) else {
      throw .missing(file: file, hint: "train one with `zoo classifier train`")
    }
    let contents: SafeTensors.Contents
    do {
      contents = try SafeTensors.decode(try Data(contentsOf: url), source: file)
    } catch let error as CheckpointError {
      if case .corrupt(_, let problem) = error { throw .corrupt(file: file, problem: problem) }
      throw .corrupt(file: file, problem: "\(error)")
    } catch {
      throw .corrupt(file: file, problem: "cannot read: \(error.localizedDescription)")
    }
    let metadata = contents.metadata
    guard metadata["format"] == fileFormat else {
      throw .corrupt(file: file, problem: metadata["format"].map { "format \"\($0)\", expected \"\(fileFormat)\"" } ?? "no \"format\" in its metadata (not a reference classifier?)")
    }
    let (architecture, inputShape, classCount, provenance) = try parse(metadata, file: file)
    var unused = SplitMix64(seed: 0)
    let classifier: ReferenceClassifier
    do {
      classifier = try ReferenceClassifier(inputShape: inputShape, classCount: classCount, architecture: architecture, using: &unused)
    } catch {
      throw .corrupt(file: file, problem: "its metadata describes an impossible network: \(error)")
    }
    for (name, tensor) in contents.tensors where !tensor.scalars.allSatisfy(\.isFinite) {
      throw .corrupt(file: file, problem: "tensor \"\(name)\" holds values that are not finite")
    }
    do {
      try classifier.network.importState(contents.tensors)
    } catch {
      throw .corrupt(file: file, problem: "\(error)")
    }
    classifier.provenance = provenance
    return classifier
  }

  /// Reads a classifier and checks it was trained on `dataset`, for images of `inputShape` and
  /// `classCount` classes when those are given.
  ///
  /// - Throws: as `load(from:)`, and `mismatch` naming what differs.
  public static func load(
    from url: URL, dataset: String, inputShape: [Int]? = nil, classCount: Int? = nil
  ) throws(ReferenceClassifierError) -> ReferenceClassifier {
    let classifier = try load(from: url)
    let file = url.path
    if let trained = classifier.provenance?.dataset, trained != dataset {
      throw .mismatch(file: file, problem: "trained on \"\(trained)\", not \"\(dataset)\"")
    }
    if let inputShape, inputShape != classifier.inputShape {
      throw .mismatch(file: file, problem: "classifies images of shape \(classifier.inputShape), the data has \(inputShape)")
    }
    if let classCount, classCount != classifier.classCount {
      throw .mismatch(file: file, problem: "knows \(classifier.classCount) classes, the data has \(classCount)")
    }
    return classifier
  }

  /// The classifier cached at `url` if it is valid for `dataset`; otherwise one trained on the
  /// data `trainingData` loads (training images, test images), written to `url`. A missing,
  /// corrupt or mismatched file is reported through `notes` before training.
  public static func loadOrTrain(
    at url: URL, dataset: String, inputShape: [Int]? = nil, classCount: Int? = nil,
    options: TrainingOptions = TrainingOptions(),
    trainingData: () throws -> (training: ImageCollection, test: ImageCollection?),
    notes: (String) -> Void = { _ in }, progress: (TrainingProgress) -> Void = { _ in }
  ) throws -> ReferenceClassifier {
    do {
      return try load(from: url, dataset: dataset, inputShape: inputShape, classCount: classCount)
    } catch .missing {
      notes("no reference classifier for \(dataset) at \(url.path) yet; training one (\(options.epochs) epochs, seed \(options.seed))")
    } catch {
      notes("\(error); training a new one in its place (\(options.epochs) epochs, seed \(options.seed))")
    }
    let (training, test) = try trainingData()
    let classifier = try train(on: training, test: test, dataset: dataset, options: options, progress: progress)
    try classifier.write(to: url)
    return classifier
  }

  // MARK: Metadata

  static func metadata(architecture: Architecture, inputShape: [Int], classCount: Int, provenance: Provenance) -> [String: String] {
    func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }
    var metadata = [
      "format": fileFormat,
      "architecture": "conv\(architecture.kernelSize)x\(architecture.kernelSize) \(list(architecture.convolutionChannels)), features \(architecture.featureDimension), dropout \(architecture.dropoutProbability)",
      "convolution_channels": list(architecture.convolutionChannels),
      "kernel_size": String(architecture.kernelSize),
      "feature_dimension": String(architecture.featureDimension),
      "dropout": String(architecture.dropoutProbability),
      "input_shape": list(inputShape),
      "class_count": String(classCount),
      "dataset": provenance.dataset,
      "seed": String(provenance.seed),
      "epochs": String(provenance.epochs),
      "batch_size": String(provenance.batchSize),
      "learning_rate": String(provenance.learningRate),
      "learning_rate_decay": String(provenance.learningRateDecay),
      "training_samples": String(provenance.trainingSampleCount),
      "test_samples": String(provenance.testSampleCount),
      "training_seconds": String(provenance.trainingSeconds),
    ]
    if let accuracy = provenance.testAccuracy { metadata["test_accuracy"] = String(accuracy) }
    if let names = provenance.classNames, let json = try? JSONEncoder().encode(names) {
      metadata["class_names"] = String(decoding: json, as: UTF8.self)
    }
    return metadata
  }

  private static func parse(
    _ metadata: [String: String], file: String
  ) throws(ReferenceClassifierError) -> (Architecture, [Int], Int, Provenance) {
    func value(_ key: String) throws(ReferenceClassifierError) -> String {
      guard let text = metadata[key] else { throw .corrupt(file: file, problem: "no \"\(key)\" in its metadata") }
      return text
    }
    func number<T: LosslessStringConvertible>(_ key: String, as _: T.Type) throws(ReferenceClassifierError) -> T {
      let text = try value(key)
      guard let parsed = T(text) else { throw .corrupt(file: file, problem: "metadata \"\(key)\" is \"\(text)\", not a number") }
      return parsed
    }
    func list(_ key: String) throws(ReferenceClassifierError) -> [Int] {
      let text = try value(key)
      guard let values = try? JSONDecoder().decode([Int].self, from: Data(text.utf8)) else {
        throw .corrupt(file: file, problem: "metadata \"\(key)\" is \"\(text)\", not a list of whole numbers")
      }
      return values
    }
    let architecture = Architecture(
      convolutionChannels: try list("convolution_channels"), kernelSize: try number("kernel_size", as: Int.self),
      featureDimension: try number("feature_dimension", as: Int.self), dropoutProbability: try number("dropout", as: Double.self))
    var classNames: [String]?
    if let json = metadata["class_names"] {
      guard let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
        throw .corrupt(file: file, problem: "metadata \"class_names\" is not a list of strings")
      }
      classNames = names
    }
    let provenance = Provenance(
      dataset: try value("dataset"), classNames: classNames, seed: try number("seed", as: UInt64.self),
      epochs: try number("epochs", as: Int.self), batchSize: try number("batch_size", as: Int.self),
      learningRate: try number("learning_rate", as: Double.self), learningRateDecay: try number("learning_rate_decay", as: Double.self),
      trainingSampleCount: try number("training_samples", as: Int.self),
      testAccuracy: metadata["test_accuracy"] == nil ? nil : try number("test_accuracy", as: Double.self),
      testSampleCount: try number("test_samples", as: Int.self), trainingSeconds: try number("training_seconds", as: Double.self))
    return (architecture, try list("input_shape"), try number("class_count", as: Int.self), provenance)
  }
}
