import Datasets
import Foundation
import TensorBackend

/// The classes of a run's data, for conditional variants: which label draws which class, and the
/// labels of a grid with one row per class.
extension RunSession {
  /// Whether the variant's generator draws a class it is given (`cgan`).
  var isConditional: Bool { variant.needsLabels }

  /// K, when the data has labels.
  var classCount: Int? { data.description.classCount }

  /// The classes' names in label order: the digits of MNIST, the shapes, a folder's subfolders.
  var classNames: [String]? {
    switch data {
    case let images as ImageDatasetSource: return images.batches.images.classNames
    case is ShapesSource: return Shapes.Kind.allCases.map(\.name)
    default: return classCount.map { (0..<$0).map(String.init) }
    }
  }

  /// The label `text` names: an index in 0..<K, or a class's name. Throws a `UsageError` listing
  /// the classes for an unconditional variant or an unknown class.
  func classLabel(_ text: String) throws -> Int {
    guard isConditional, let classCount else {
      throw UsageError("--class needs a conditional variant (cgan); \(configuration.variant) draws no chosen class")
    }
    let names = classNames ?? (0..<classCount).map(String.init)
    if let index = names.firstIndex(of: text) { return index }
    if let index = Int(text), (0..<classCount).contains(index) { return index }
    let listing = names.count <= 12 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + ", …, " + names.last!
    throw UsageError("\(configuration.dataset) has no class '\(text)'; give an index 0…\(classCount - 1) or a name (\(listing))")
  }

  /// `perClass` labels of class 0, then of class 1, …, of class K − 1: with
  /// `SampleGrid(samples, columns: perClass)` one row per class.
  static func classRows(classCount: Int, perClass: Int) -> [Int] {
    (0..<classCount * perClass).map { $0 / perClass }
  }

  /// Class indices as the condition tensor (N) conditional generators read.
  static func condition(_ labels: [Int]) -> Tensor {
    Tensor(shape: [labels.count], scalars: labels.map(Double.init))
  }
}
