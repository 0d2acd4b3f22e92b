import Foundation
import ImageFiles

/// A folder of PNG, JPEG and PGM images, loaded into memory at one size and channel count.
///
/// Layout as torchvision's `ImageFolder`: when the folder holds subfolders of images, each
/// subfolder is a class (labels follow the sorted folder names, and a class folder's images may
/// sit in deeper folders); otherwise the folder's own images are an unlabelled dataset. Files
/// are recognised by extension (`.png`, `.jpg`, `.jpeg`, `.pgm`, any case) and decoded by their
/// first bytes; other files and hidden files are ignored.
public enum ImageFolder {
  /// How the images are brought to one shape.
  public struct Options: Sendable, Equatable {
    /// The output width × height, reached by scaling until the image covers it (area
    /// averaging when shrinking, bilinear when growing) and cropping the center; `nil` keeps
    /// the images' own size, which must then be the same for all.
    public var size: (width: Int, height: Int)?
    /// 1 (gray) or 3 (RGB); `nil` keeps the folder's own, which must then be the same for all
    /// (RGBA counts as RGB: alpha is dropped).
    public var channels: Int?

    public init(size: (width: Int, height: Int)? = nil, channels: Int? = nil) {
      self.size = size
      self.channels = channels
    }

    public static func == (a: Options, b: Options) -> Bool {
      a.size?.width == b.size?.width && a.size?.height == b.size?.height && a.channels == b.channels
    }
  }

  /// The extensions of files taken as images.
  public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "pgm"]

  /// What loading did besides decoding: the things worth telling the user.
  public struct Report: Sendable {
    /// Human-readable notes, e.g. that mixed sizes were resized.
    public var notes: [String] = []
  }

  /// Loads every image under `folder`.
  ///
  /// - Throws: `DatasetError` naming the folder or file for: a missing folder, a folder without
  ///   images, loose images beside class folders, an unreadable or undecodable image, images of
  ///   different sizes when `options.size` is `nil`, or of different channel counts when
  ///   `options.channels` is `nil`.
  public static func load(_ folder: String, options: Options = Options()) throws(DatasetError) -> (images: ImageCollection, report: Report) {
    if let size = options.size {
      guard size.width > 0, size.height > 0, size.width <= 4096, size.height <= 4096 else {
        throw DatasetError(path: folder, problem: "image size \(size.width)×\(size.height) must lie in 1...4096")
      }
    }
    if let channels = options.channels, channels != 1 && channels != 3 {
      throw DatasetError(path: folder, problem: "channels must be 1 (gray) or 3 (RGB), got \(channels)")
    }
    let listing = try list(folder)
    var report = Report()
    report.notes += listing.notes

    // Decode (and shrink to the target size, which keeps memory small) in parallel.
    let files = listing.files
    let results = ResultBox(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      results.store(index, decode(DatasetFiles.join(folder, files[index].path), size: options.size))
    }
    var images: [Image] = []
    var originalSizes: [String: [Int]] = [:]
    images.reserveCapacity(files.count)
    for (index, result) in results.values.enumerated() {
      switch result! {
      case .failure(let error): throw error
      case .success(let decoded):
        images.append(decoded.image)
        originalSizes["\(decoded.width)×\(decoded.height)", default: []].append(index)
      }
    }

    // One channel count.
    let channels: Int
    if let wanted = options.channels {
      channels = wanted
    } else {
      let groups = Dictionary(grouping: images.indices, by: { images[$0].channels })
      guard groups.count == 1 else {
        let examples = groups.keys.sorted().map { "\(files[groups[$0]![0]].path) is \($0 == 1 ? "gray" : "RGB") (\(groups[$0]!.count) images)" }
        throw DatasetError(path: folder, problem: "images differ in channel count: \(examples.joined(separator: ", ")); refusing to guess: choose one with channels=1 or channels=3")
      }
      channels = groups.keys.first!
    }

    // One size.
    if options.size == nil, originalSizes.count > 1 {
      let examples = originalSizes.sorted { $0.value[0] < $1.value[0] }.prefix(3).map { "\(files[$0.value[0]].path) is \($0.key) (\($0.value.count) images)" }
      throw DatasetError(path: folder, problem: "images differ in size: \(examples.joined(separator: ", "))\(originalSizes.count > 3 ? ", …" : ""); refusing to guess: give a size (e.g. size=64) to resize and center-crop them all")
    }
    let width = options.size?.width ?? images[0].width, height = options.size?.height ?? images[0].height
    if options.size != nil {
      let resized = originalSizes.filter { $0.key != "\(width)×\(height)" }
      if !resized.isEmpty {
        let sizes = resized.keys.sorted().prefix(4).joined(separator: ", ") + (resized.count > 4 ? ", …" : "")
        report.notes.append("resized \(resized.values.map(\.count).reduce(0, +)) of \(files.count) images (\(sizes)) to \(width)×\(height): scaled to cover, then center-cropped")
      }
    }

    // Planar bytes.
    let sampleSize = channels * height * width, plane = height * width
    var pixels = [UInt8](repeating: 0, count: images.count * sampleSize)
    pixels.withUnsafeMutableBufferPointer { destination in
      for (index, original) in images.enumerated() {
        let image = original.converted(toChannels: channels)
        image.pixels.withUnsafeBufferPointer { source in
          let base = destination.baseAddress! + index * sampleSize
          for c in 0..<channels {
            for i in 0..<plane { base[c * plane + i] = source[i * channels + c] }
          }
        }
      }
    }
    let collection = ImageCollection(
      channels: channels, height: height, width: width, pixels: pixels,
      labels: listing.classNames == nil ? nil : files.map(\.label), classNames: listing.classNames)
    return (collection, report)
  }

  /// An image file, relative to the folder, with its class.
  struct Entry {
    var path: String
    var label: Int
  }

  /// The image files under `folder` in a fixed order (classes sorted, files sorted within).
  static func list(_ folder: String) throws(DatasetError) -> (files: [Entry], classNames: [String]?, notes: [String]) {
    switch DatasetFiles.kind(folder) {
    case .folder: break
    case .file: throw DatasetError(path: folder, problem: "is a file; a dataset folder of images was expected")
    case .missing: throw DatasetError(path: folder, problem: "no such folder (and not a dataset name)")
    }
    var loose: [String] = []
    var classes: [(name: String, files: [String])] = []
    var notes: [String] = []
    for name in try DatasetFiles.contents(of: folder) {
      let path = DatasetFiles.join(folder, name)
      switch DatasetFiles.kind(path) {
      case .folder:
        let files = try imageFiles(under: path, relativeTo: name)
        if files.isEmpty {
          notes.append("ignored \(name)/: it holds no images")
        } else {
          classes.append((name, files))
        }
      case .file where isImageName(name):
        loose.append(name)
      default:
        continue
      }
    }
    if classes.isEmpty {
      guard !loose.isEmpty else {
        throw DatasetError(path: folder, problem: "no images: expected .png, .jpg, .jpeg or .pgm files in the folder, or in one subfolder per class")
      }
      return (loose.map { Entry(path: $0, label: 0) }, nil, notes)
    }
    guard loose.isEmpty else {
      throw DatasetError(path: folder, problem: "holds \(loose.count) images (e.g. \(loose[0])) beside \(classes.count) class folders; put every image in a class folder, or the class folders' images in one folder")
    }
    var files: [Entry] = []
    for (label, entry) in classes.enumerated() {
      files += entry.files.map { Entry(path: $0, label: label) }
    }
    return (files, classes.map(\.name), notes)
  }

  /// Image files anywhere under `folder`, as paths starting with `prefix`, sorted.
  private static func imageFiles(under folder: String, relativeTo prefix: String) throws(DatasetError) -> [String] {
    var found: [String] = []
    for name in try DatasetFiles.contents(of: folder) {
      let path = DatasetFiles.join(folder, name)
      switch DatasetFiles.kind(path) {
      case .folder: found += try imageFiles(under: path, relativeTo: prefix + "/" + name)
      case .file where isImageName(name): found.append(prefix + "/" + name)
      default: continue
      }
    }
    return found
  }

  static func isImageName(_ name: String) -> Bool {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
    return imageExtensions.contains(name[name.index(after: dot)...].lowercased())
  }

  /// One decoded file: its own size, and the image (RGBA reduced to RGB, shrunk to `size`).
  struct Decoded: Sendable {
    var width: Int
    var height: Int
    var image: Image
  }

  private static func decode(_ path: String, size: (width: Int, height: Int)?) -> Result<Decoded, DatasetError> {
    do {
      var image = try Image(contentsOfFile: path)
      let own = (image.width, image.height)
      guard image.width > 0, image.height > 0 else {
        return .failure(DatasetError(path: path, problem: "empty image (\(image.width)×\(image.height))"))
      }
      if image.channels == 4 { image = image.converted(toChannels: 3) }
      if let size { image = image.resizedToFill(width: size.width, height: size.height) }
      return .success(Decoded(width: own.0, height: own.1, image: image))
    } catch {
      return .failure(DatasetError(path: error.path ?? path, problem: error.problem))
    }
  }

  /// Results written by concurrent workers, one slot each.
  private final class ResultBox: @unchecked Sendable {
    private(set) var values: [Result<Decoded, DatasetError>?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ value: Result<Decoded, DatasetError>) {
      lock.withLock { values[index] = value }
    }
  }
}
