import Foundation
import ZooCore
import ZooEvaluation

/// The classes of a run's data, for conditional variants: which label draws which class, and the
/// labels of a grid with one row per class.
extension Run {
  /// Whether the variant's generator draws a class it is given (`cgan`, or `lapgan` with
  /// `conditional=true`).
  public var isConditional: Bool { variant.needsLabels || trainer.sampler is any ClassConditionalGenerator }

  /// K, when the data has labels.
  public var classCount: Int? { data.classCount }

  /// The classes' names in label order: the digits of MNIST, the shapes, a folder's subfolders.
  public func classNames() throws -> [String]? {
    if let recorded = configuration.classNames { return recorded }
    return DataCatalog.classNames(of: try source())
  }

  /// The label `text` names: an index in 0..<K, or a class's name. Throws a `UsageError` listing
  /// the classes for an unconditional variant or an unknown class.
  public func classLabel(_ text: String) throws -> Int {
    guard isConditional, let classCount else {
      throw UsageError("--class needs a conditional variant (cgan); \(configuration.variant) draws no chosen class")
    }
    let names = try classNames() ?? (0..<classCount).map(String.init)
    if let index = names.firstIndex(of: text) { return index }
    if let index = Int(text), (0..<classCount).contains(index) { return index }
    let listing = names.count <= 12 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + ", …, " + names.last!
    throw UsageError("\(configuration.dataset) has no class '\(text)'; give an index 0…\(classCount - 1) or a name (\(listing))")
  }

  /// Snapshots and grids show 8 columns: 64 images, or for a conditional variant a row per class.
  public static let gridColumns = 8

  /// The labels snapshots and final grids draw for a conditional variant (one row per class),
  /// `nil` otherwise.
  public var gridLabels: [Int]? {
    guard isConditional, data.kind == .images, let classCount else { return nil }
    return Sampling.classRows(classCount: classCount, perClass: Self.gridColumns)
  }
}
