import Datasets
import Foundation
import TensorBackend

/// Reading sample sets from the files other tools write.
extension SampleSet {
  /// The samples in `path`:
  ///
  /// - a folder of PNG, JPEG or PGM images (one size and channel count; class subfolders are
  ///   read and their labels ignored), bytes v becoming v / 255;
  /// - a NumPy `.npy` array of float32 (`numpy.save(path, a.astype(numpy.float32))`) on the scale
  ///   `range`: (N, C, H, W) images as PyTorch stores them, (N, H, W, C) with 1 or 3 channels,
  ///   (N, H, W) gray images, or (N, D) feature vectors, which are taken as they are (no scale);
  /// - an IDX file of bytes (MNIST's format, as `zoo sample --format idx` writes it), raw or
  ///   gzipped: (N, H, W) gray or (N, C, H, W).
  ///
  /// - Throws: `ScoreError` naming the file for an unknown format, a shape that is not samples,
  ///   NaN or infinite values, values outside `range`, or no samples; `DatasetError` for folders
  ///   and files the loaders cannot read.
  public static func load(_ path: String, range: SampleValueRange = .minusOneToOne) throws -> (set: SampleSet, notes: [String]) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ScoreError.unreadable(path: path, problem: "no such file or folder")
    }
    if isFolder.boolValue {
      let (images, report) = try ImageFolder.load(path)
      return (SampleSet(images, source: path), report.notes)
    }
    let set: SampleSet
    switch try ArrayFile.read(path, otherwise: "not a .npy array, an IDX file or a folder of images") {
    case .numPy(let bytes): set = try numPy(bytes, path: path, range: range)
    case .idx(let bytes): set = try idx(bytes, path: path)
    }
    guard set.count > 0 else { throw ScoreError.empty(path: path) }
    return (set, [])
  }

  private static func numPy(_ bytes: [UInt8], path: String, range: SampleValueRange) throws -> SampleSet {
    let array: NumPyArray
    do {
      array = try NumPyArray(decoding: bytes)
    } catch {
      // The header quoted in the problem is padded with spaces and ends in a newline.
      let problem = error.problem.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      throw ScoreError.unreadable(path: path, problem: "\(problem); save it as float32 (numpy.save(path, a.astype(numpy.float32)))")
    }
    let shape = array.shape
    if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
      throw ScoreError.nonFinite(path: path, count: array.values.filter { !$0.isFinite }.count, firstIndex: bad)
    }
    switch shape.count {
    case 2:
      return SampleSet(source: path, sampleShape: [shape[1]], values: Tensor(shape: shape, scalars: array.values))
    case 3:
      return try images(array.values, count: shape[0], channels: 1, height: shape[1], width: shape[2], channelsLast: false, path: path, range: range)
    // (N, C, H, W) unless only the last axis looks like channels: PyTorch's layout wins ties.
    case 4 where [1, 3].contains(shape[1]):
      return try images(array.values, count: shape[0], channels: shape[1], height: shape[2], width: shape[3], channelsLast: false, path: path, range: range)
    case 4 where [1, 3].contains(shape[3]):
      return try images(array.values, count: shape[0], channels: shape[3], height: shape[1], width: shape[2], channelsLast: true, path: path, range: range)
    default:
      throw ScoreError.unsupportedShape(path: path, shape: shape)
    }
  }

  /// Float images on the scale `range`, checked and brought to [0, 1] in planar order.
  private static func images(
    _ values: [Float], count: Int, channels: Int, height: Int, width: Int, channelsLast: Bool, path: String, range: SampleValueRange
  ) throws -> SampleSet {
    let bounds = range.bounds
    let outside = values.filter { !bounds.contains(Double($0)) }.count
    if outside > 0 {
      throw ScoreError.outOfRange(
        path: path, count: outside, total: values.count, minimum: Double(values.min()!), maximum: Double(values.max()!), range: range)
    }
    let plane = height * width, size = channels * plane
    var pixels = [Float](repeating: 0, count: values.count)
    for n in 0..<count {
      for c in 0..<channels {
        for i in 0..<plane {
          let from = channelsLast ? n * size + i * channels + c : n * size + c * plane + i
          pixels[n * size + c * plane + i] = range.unit(values[from])
        }
      }
    }
    return SampleSet(source: path, sampleShape: [channels, height, width], values: Tensor(shape: [count, size], scalars: pixels))
  }

  private static func idx(_ bytes: [UInt8], path: String) throws -> SampleSet {
    let array: IDXArray
    do {
      array = try IDXArray(decoding: bytes)
    } catch {
      throw ScoreError.unreadable(path: path, problem: error.problem)
    }
    let shape = array.shape
    let sampleShape: [Int]
    switch shape.count {
    case 3: sampleShape = [1, shape[1], shape[2]]
    case 4 where [1, 3].contains(shape[1]): sampleShape = Array(shape[1...])
    default: throw ScoreError.unsupportedShape(path: path, shape: shape)
    }
    guard sampleShape.allSatisfy({ $0 > 0 }) else { throw ScoreError.unsupportedShape(path: path, shape: shape) }
    return SampleSet(ImageCollection(channels: sampleShape[0], height: sampleShape[1], width: sampleShape[2], pixels: array.bytes), source: path)
  }
}
