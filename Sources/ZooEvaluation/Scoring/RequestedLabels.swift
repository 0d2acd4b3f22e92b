import Datasets
import Foundation

/// The class each generated sample was asked for, read from a file written beside the samples
/// (`zoo score --labels`): an IDX file of bytes of rank 1 (MNIST's label format, raw or gzipped),
/// or a float32 .npy of shape (N) holding whole numbers (`numpy.save(path, labels.astype(numpy.float32))`).
public enum RequestedLabels {
  /// The labels in `path`, in sample order.
  ///
  /// - Throws: `ScoreError.unreadable` naming the file for another format, another shape, or a
  ///   value that is not a whole number of at least 0.
  public static func load(_ path: String) throws -> [Int] {
    let shape: [Int], values: [Double]
    do {
      switch try ArrayFile.read(path, otherwise: "labels must be an IDX file of bytes or a float32 .npy of shape (N)") {
      case .numPy(let bytes):
        let array = try NumPyArray(decoding: bytes)
        (shape, values) = (array.shape, array.values.map(Double.init))
      case .idx(let bytes):
        let array = try IDXArray(decoding: bytes)
        (shape, values) = (array.shape, array.bytes.map(Double.init))
      }
    } catch let error as DatasetError {
      throw ScoreError.unreadable(path: path, problem: error.problem)
    }
    guard shape.count == 1 else {
      throw ScoreError.unreadable(path: path, problem: "labels must have shape (N), one per sample; this array has shape \(shape)")
    }
    if let bad = values.firstIndex(where: { !($0 >= 0 && $0 == $0.rounded() && $0 < Double(Int32.max)) }) {
      throw ScoreError.unreadable(path: path, problem: "label \(bad) is \(values[bad]), not a class index (a whole number from 0)")
    }
    return values.map { Int($0) }
  }
}
