import Datasets
import Foundation

/// The dataset a score is measured against: its training and test images, and its reference
/// classifier when one is cached. `zoo score --dataset mnist` (or `mnist:pad=N`, digits centred
/// on an N×N canvas as `zoo train … --dataset mnist:pad=32` trains on).
///
/// What each split is for: the test split is the real set by default and the held-out data of
/// the memorisation figures, the data-copying test and the Parzen window; the training split is
/// what memorisation is measured against, and a draw from its first 50,000 images gives every
/// metric its floor; images 50,000–50,999 choose the Parzen window's σ, as in Goodfellow et al.
/// 2014's `parzen_ll.py` (and are left out of the floor's draw, so σ is never chosen on the
/// window's own samples).
public struct ScoreDataset {
  /// The canonical name, as the classifier records it (`mnist`, `mnist:pad=32`).
  public let name: String
  /// MNIST's 60,000 training images.
  public let training: SampleSet
  /// MNIST's 10,000 test images.
  public let test: SampleSet
  /// Where its reference classifier is cached.
  public let classifierURL: URL
  /// Training images the Parzen window's σ is chosen on.
  public let validationRows: Range<Int>
  /// Training images the floor is drawn from.
  public let floorRows: Range<Int>
  /// The option that points at the data root, for hints (`--data-root …` or nothing).
  let rootOption: String

  /// The datasets `zoo score` knows.
  public static let supported = ["mnist", "mnist:pad=N"]
  /// MNIST training images from which the σ of the Parzen window is chosen.
  public static let mnistValidationRows = 50_000..<(50_000 + ParzenWindow.protocolValidationCount)
  /// MNIST training images the floor is drawn from.
  public static let mnistFloorRows = 0..<50_000

  /// Loads `specification` from `root`.
  ///
  /// - Throws: `ScoreError.unsupportedDataset` for anything but `mnist[:pad=N]`; `DatasetError`
  ///   naming the missing or broken file, with how to download MNIST.
  public static func load(_ specification: String, root: DataRoot) throws -> ScoreDataset {
    let parts = specification.split(separator: ":", maxSplits: 1).map(String.init)
    var pad: Int?
    if parts.count == 2 {
      guard parts[1].hasPrefix("pad="), let side = Int(parts[1].dropFirst(4)), (28...1024).contains(side) else {
        throw ScoreError.unsupportedDataset(name: specification, supported: supported)
      }
      pad = side == 28 ? nil : side
    }
    guard parts.first == MNIST.folderName else { throw ScoreError.unsupportedDataset(name: specification, supported: supported) }
    let rootOption = root.origin == .option ? " --data-root \(root.path)" : ""
    let name = MNIST.folderName + (pad.map { ":pad=\($0)" } ?? "")
    let key = MNIST.folderName + (pad.map { "-pad\($0)" } ?? "")
    return ScoreDataset(
      name: name, training: try mnist(.train, root: root, pad: pad, hint: rootOption),
      test: try mnist(.test, root: root, pad: pad, hint: rootOption),
      classifierURL: ReferenceClassifier.cacheURL(in: root, key: key), validationRows: mnistValidationRows, floorRows: mnistFloorRows,
      rootOption: rootOption)
  }

  /// One MNIST split as pixels in [0, 1], padded to `pad` × `pad` if asked.
  private static func mnist(_ split: MNIST.Split, root: DataRoot, pad: Int?, hint rootOption: String) throws(DatasetError) -> SampleSet {
    let folder = root.folder(for: MNIST.folderName)
    do {
      try root.checkExists()
      let images = try MNIST.load(from: folder, split: split)
      return SampleSet(pad.map { images.padded(toWidth: $0, height: $0) } ?? images, source: "MNIST \(split.rawValue) split")
    } catch {
      guard error.isMissingData else { throw error }
      throw DatasetError(path: error.path, problem: error.problem + "; `zoo data fetch mnist\(rootOption)` downloads MNIST into \(folder)")
    }
  }

  /// The cached reference classifier, checked against the images.
  ///
  /// - Throws: `ReferenceClassifierError.missing` saying how to train one; `corrupt` or
  ///   `mismatch` naming the file's problem.
  public func classifier() throws -> ReferenceClassifier {
    do {
      return try ReferenceClassifier.load(from: classifierURL, dataset: name, inputShape: test.sampleShape, classCount: MNIST.classNames.count)
    } catch {
      guard case .missing(let file, _) = error else { throw error }
      throw ReferenceClassifierError.missing(file: file, hint: "train one with `zoo classifier train --dataset \(name)\(rootOption)`, or score with --features pixels")
    }
  }
}

extension ScoreDataset {
  /// Any labelled images as a dataset to compare with: its two splits as pixels on [0, 1], where
  /// its reference classifier is cached, the training rows the Parzen window's σ is chosen on,
  /// and the training rows the floor is drawn from (disjoint from the validation rows).
  public init(name: String, training: SampleSet, test: SampleSet, classifierURL: URL, validationRows: Range<Int>, floorRows: Range<Int>) {
    precondition(training.sampleShape == test.sampleShape, "ScoreDataset: training \(training.sampleShape) and test \(test.sampleShape) images differ")
    precondition(!validationRows.overlaps(floorRows) && validationRows.upperBound <= training.count && floorRows.upperBound <= training.count,
                 "ScoreDataset: validation rows \(validationRows) and floor rows \(floorRows) must be disjoint rows of the \(training.count) training images")
    self.init(name: name, training: training, test: test, classifierURL: classifierURL, validationRows: validationRows, floorRows: floorRows, rootOption: "")
  }
}
