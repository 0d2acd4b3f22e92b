import Datasets
import Foundation
import TensorBackend
import ZooCore

/// The datasets `--dataset` can name, and the adapters that serve them to the trainer: the
/// Gaussian mixtures, `mnist` (from the data root), the procedural `shapes`, and any folder of
/// images. A name may carry options after a colon (see `DatasetSpecification`).
public enum DataCatalog {
  /// Every dataset name, for listings and suggestions.
  public static var names: [String] { GaussianMixture.Preset.allCases.map(\.rawValue) + [mnistName, shapesName] }

  public static let mnistName = "mnist"
  public static let shapesName = "shapes"

  /// Default side of images loaded from a folder: DCGAN's 64 × 64 (Radford et al. 2015).
  public static let defaultFolderImageSize = 64

  /// One-line descriptions, for `zoo list`.
  public static var summaries: [(name: String, summary: String)] {
    GaussianMixture.Preset.allCases.map { ($0.rawValue, $0.summary) } + [
      (mnistName, "MNIST digits, 28×28 gray, 10 classes, from <data root>/mnist (options: split=train|test, pad=N, e.g. pad=32)"),
      (shapesName, "procedural shapes (circle, square, triangle, star, cross), 32×32 RGB, 5 classes (options: size=N, channels=1|3)"),
      ("<folder>", "any folder of PNG/JPEG/PGM images, one subfolder per class if labelled (options: size=N|WxH|native, channels=1|3)"),
    ]
  }

  /// The classes' names in label order: the digits of MNIST, the shapes, a folder's subfolders;
  /// indices for other labelled data; `nil` without labels.
  public static func classNames(of source: any BatchSource) -> [String]? {
    switch source {
    case let images as ImageDatasetSource: return images.batches.images.classNames
    case is ShapesSource: return Shapes.Kind.allCases.map(\.name)
    default: return source.description.classCount.map { (0..<$0).map(String.init) }
    }
  }

  /// The mixture behind a point dataset, for its evaluation protocol.
  public static func mixture(named name: String) -> GaussianMixture? {
    GaussianMixture.Preset(rawValue: name)?.mixture
  }

  /// The data source `specification` names.
  ///
  /// - Parameters:
  ///   - dataRoot: `--data-root` (or the path a run recorded); `nil` falls back to
  ///     `GAN_ZOO_DATA`, then `./data`.
  ///   - seed: where finite datasets' epoch orders come from.
  ///   - notes: receives what loading did worth telling (e.g. images resized).
  public static func source(
    named specification: String, dataRoot: String? = nil, seed: UInt64 = 0, notes: (String) -> Void = { _ in }
  ) throws -> any BatchSource {
    let spec = try DatasetSpecification(specification)
    if let preset = GaussianMixture.Preset(rawValue: spec.name) {
      try spec.check(allowed: [], for: spec.name)
      return MixtureSource(mixture: preset.mixture)
    }
    switch spec.name {
    case mnistName:
      return ImageDatasetSource(batches: ImageBatches(images: try loadMNIST(spec, dataRoot: dataRoot), seed: seed))
    case shapesName:
      try spec.check(allowed: ["size", "channels"], for: shapesName)
      let size = try spec.integer("size", in: 4...1024, default: 32)!
      let channels = try spec.integer("channels", in: 1...3, default: 3)!
      guard channels != 2 else { throw UsageError("dataset option channels=2: shapes are gray (1) or RGB (3)") }
      return ShapesSource(shapes: Shapes(size: size, channels: channels))
    default:
      guard DatasetSpecification.isFolder(spec.name) || spec.name.contains("/") else {
        throw UsageError(unknown: spec.name, kind: "dataset", valid: names + ["or a folder of images"])
      }
      let images = try loadFolder(spec, notes: notes)
      return ImageDatasetSource(batches: ImageBatches(images: images, seed: seed))
    }
  }

  /// The data root to record in a run for `specification` (absolute), when it reads from one.
  public static func recordedDataRoot(for specification: String, option: String?) throws -> String? {
    guard try DatasetSpecification(specification).name == mnistName else { return nil }
    return DataRoot.resolve(option: option).absolutePath
  }

  /// A short form of the dataset for run-directory names: a folder's last component, options
  /// as `key` + value (`mnist:pad=32` → `mnist-pad32`).
  public static func runName(for specification: String) -> String {
    guard let spec = try? DatasetSpecification(specification) else { return sanitized(specification) }
    var base = spec.name
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    if base.contains("/") { base = String(base[base.index(after: base.lastIndex(of: "/")!)...]) }
    if base.isEmpty || base == "." || base == ".." { base = "images" }
    let options = spec.options.keys.sorted().map { "\($0)\(spec.options[$0]!)" }
    return sanitized(([base] + options).joined(separator: "-"))
  }

  private static func sanitized(_ text: String) -> String {
    String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
  }

  // MARK: Loading, cached per process (a run's setup asks for its data more than once).

  private static func loadMNIST(_ spec: DatasetSpecification, dataRoot: String?) throws -> ImageCollection {
    try spec.check(allowed: ["split", "pad"], for: mnistName)
    guard let split = MNIST.Split(rawValue: spec.options["split"] ?? "train") else {
      throw UsageError("dataset option split=\(spec.options["split"]!): MNIST has splits train and test")
    }
    let pad = try spec.integer("pad", in: 28...1024, default: nil)
    let root = DataRoot.resolve(option: dataRoot)
    let folder = root.folder(for: MNIST.folderName)
    return try cache.value(for: "mnist|\(URL(fileURLWithPath: folder).standardizedFileURL.path)|\(split)|\(pad ?? 28)") {
      do {
        try root.checkExists()
        let images = try MNIST.load(from: folder, split: split)
        return pad.map { images.padded(toWidth: $0, height: $0) } ?? images
      } catch let error as DatasetError where error.isMissingData {
        throw DatasetError(path: error.path, problem: error.problem + "; `zoo data fetch mnist --data-root \(root.path)` downloads MNIST into \(folder)")
      }
    }
  }

  private static func loadFolder(_ spec: DatasetSpecification, notes: (String) -> Void) throws -> ImageCollection {
    try spec.check(allowed: ["size", "channels"], for: "an image folder")
    var options = ImageFolder.Options(size: (defaultFolderImageSize, defaultFolderImageSize))
    if let text = spec.options["size"] {
      options.size = try parseSize(text)
    }
    if let text = spec.options["channels"] {
      guard let channels = Int(text), channels == 1 || channels == 3 else {
        throw UsageError("dataset option channels=\(text) must be 1 (gray) or 3 (RGB)")
      }
      options.channels = channels
    }
    let key = "folder|\(URL(fileURLWithPath: spec.name).standardizedFileURL.path)|\(options.size.map { "\($0.width)x\($0.height)" } ?? "native")|\(options.channels ?? 0)"
    return try cache.value(for: key) {
      let (images, report) = try ImageFolder.load(spec.name, options: options)
      report.notes.forEach(notes)
      return images
    }
  }

  /// `64`, `64x48` (width × height) or `native`.
  private static func parseSize(_ text: String) throws -> (width: Int, height: Int)? {
    if text == "native" { return nil }
    let parts = text.split(separator: "x").map { Int($0) }
    if parts.count == 1, let side = parts[0], (1...4096).contains(side) { return (side, side) }
    if parts.count == 2, let width = parts[0], let height = parts[1], (1...4096).contains(width), (1...4096).contains(height) {
      return (width, height)
    }
    throw UsageError("dataset option size=\(text) must be a side (64), width×height (64x48) or native, each 1...4096")
  }

  /// Drops the datasets this process has loaded and keeps in memory; the next request loads
  /// afresh from the files.
  public static func forgetLoadedData() {
    cache.removeAll()
  }

  private static let cache = CollectionCache()
}
