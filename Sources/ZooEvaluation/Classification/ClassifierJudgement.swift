import TensorBackend

/// How a reference classifier judges generated samples: which classes they fall into
/// (`labelHistogram`, for unconditional generators: mode coverage of classes) and whether a
/// conditional generator draws the class it is asked for (`conditionalAccuracy`).
///
/// The arithmetic works on predicted labels (`ReferenceClassifier.predictions`), so it is checked
/// on hand-made logits. A prediction of −1 marks a sample whose logits are not finite: it counts
/// in the total but in no class.
public enum ClassifierJudgement {
  /// argmaxₖ logits[n, k] for each row of `logits` (N, K), the first index among ties; −1 for a
  /// row holding NaN or ±∞, where the argmax means nothing (a NaN compares false with
  /// everything, so a plain argmax would silently call it class 0).
  public static func predictions(fromLogits logits: Tensor) -> [Int] {
    precondition(logits.rank == 2 && logits.shape[1] > 0, "ClassifierJudgement.predictions: expects logits (N, K), got shape \(logits.shape)")
    let k = logits.shape[1], values = logits.scalars
    return (0..<logits.shape[0]).map { row in
      let slice = values[row * k..<(row + 1) * k]
      guard slice.allSatisfy(\.isFinite) else { return -1 }
      var best = slice.startIndex
      for index in slice.indices where slice[index] > slice[best] { best = index }
      return best - row * k
    }
  }

  /// The share of each class among `predictions` (values in 0..<K, or −1 for unclassified).
  public static func labelHistogram(predictions: [Int], classCount: Int) -> LabelHistogram {
    precondition(classCount > 0, "ClassifierJudgement.labelHistogram: classCount must be positive")
    var counts = [Int](repeating: 0, count: classCount)
    var unclassified = 0
    for label in predictions {
      precondition(label >= -1 && label < classCount, "ClassifierJudgement.labelHistogram: label \(label) outside 0..<\(classCount) (or −1)")
      if label < 0 { unclassified += 1 } else { counts[label] += 1 }
    }
    return LabelHistogram(counts: counts, unclassifiedCount: unclassified)
  }

  /// For each class c, the share of the samples requested as c that are predicted as c.
  /// `predictions[i]` is what sample i looks like (−1: unclassified), `requestedLabels[i]` what
  /// the generator was asked for.
  public static func conditionalAccuracy(predictions: [Int], requestedLabels: [Int], classCount: Int) -> ConditionalAccuracy {
    precondition(classCount > 0, "ClassifierJudgement.conditionalAccuracy: classCount must be positive")
    precondition(predictions.count == requestedLabels.count, "ClassifierJudgement.conditionalAccuracy: \(predictions.count) predictions for \(requestedLabels.count) requested labels")
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
    var unclassified = [Int](repeating: 0, count: classCount)
    for (predicted, requested) in zip(predictions, requestedLabels) {
      precondition(requested >= 0 && requested < classCount, "ClassifierJudgement.conditionalAccuracy: requested label \(requested) outside 0..<\(classCount)")
      precondition(predicted >= -1 && predicted < classCount, "ClassifierJudgement.conditionalAccuracy: predicted label \(predicted) outside 0..<\(classCount) (or −1)")
      if predicted < 0 { unclassified[requested] += 1 } else { confusion[requested][predicted] += 1 }
    }
    return ConditionalAccuracy(confusion: confusion, unclassifiedCounts: unclassified)
  }
}

/// The classes a set of samples falls into, by count and share.
public struct LabelHistogram: Codable, Hashable, Sendable {
  /// N, every sample judged, unclassified ones included.
  public var sampleCount: Int
  /// Samples per class (K entries).
  public var counts: [Int]
  /// Samples with non-finite logits.
  public var unclassifiedCount: Int
  /// counts / N per class; all 0 when N = 0. Unclassified samples lower every share.
  public var shares: [Double]
  /// The smallest and largest share: a uniform generator over 10 digits gives 0.1 for both.
  public var minimumShare: Double
  public var maximumShare: Double
  /// Classes with at least one sample.
  public var classesCovered: Int

  public init(counts: [Int], unclassifiedCount: Int = 0) {
    precondition(!counts.isEmpty, "LabelHistogram: needs at least one class")
    let total = counts.reduce(0, +) + unclassifiedCount
    self.sampleCount = total
    self.counts = counts
    self.unclassifiedCount = unclassifiedCount
    shares = counts.map { total == 0 ? 0 : Double($0) / Double(total) }
    minimumShare = shares.min()!
    maximumShare = shares.max()!
    classesCovered = counts.filter { $0 > 0 }.count
  }

  /// The classes whose share lies outside `bounds`, in label order.
  public func classes(outside bounds: ClosedRange<Double>) -> [Int] {
    shares.indices.filter { !bounds.contains(shares[$0]) }
  }

  /// Whether every class's share lies in `bounds` (e.g. 0.05...0.15 for 10 classes).
  public func isBalanced(within bounds: ClosedRange<Double>) -> Bool {
    classes(outside: bounds).isEmpty
  }
}

extension LabelHistogram: CustomStringConvertible {
  /// "classes 10/10, shares 8.1%…11.9%: 0 9.8%, 1 11.9%, …".
  public var description: String {
    let perClass = shares.enumerated().map { String(format: "%d %.1f%%", $0.offset, 100 * $0.element) }.joined(separator: ", ")
    let unclassified = unclassifiedCount > 0 ? ", \(unclassifiedCount) unclassified (non-finite)" : ""
    return String(format: "classes %d/%d, shares %.1f%%…%.1f%% of %d%@: ", classesCovered, counts.count, 100 * minimumShare, 100 * maximumShare, sampleCount, unclassified) + perClass
  }
}

/// How well a conditional generator draws the classes it is asked for.
public struct ConditionalAccuracy: Codable, Hashable, Sendable {
  /// confusion[requested][predicted]: K × K counts.
  public var confusion: [[Int]]
  /// Per requested class, the samples with non-finite logits.
  public var unclassifiedCounts: [Int]
  /// Per class, the samples requested.
  public var requestedCounts: [Int]
  /// Per class c, the share of the samples requested as c that are classified as c; `nil` for
  /// a class never requested (there is nothing to measure, and JSON has no NaN).
  public var accuracies: [Double?]
  /// The lowest per-class accuracy over the requested classes, `nil` if none was.
  public var minimumAccuracy: Double?
  /// The share of all samples classified as requested, `nil` for no samples.
  public var overallAccuracy: Double?

  public init(confusion: [[Int]], unclassifiedCounts: [Int]) {
    precondition(!confusion.isEmpty && confusion.allSatisfy { $0.count == confusion.count } && unclassifiedCounts.count == confusion.count,
                 "ConditionalAccuracy: needs a square K × K confusion matrix and K unclassified counts")
    self.confusion = confusion
    self.unclassifiedCounts = unclassifiedCounts
    let requested = zip(confusion, unclassifiedCounts).map { $0.reduce(0, +) + $1 }
    let accuracies = confusion.indices.map { c in
      requested[c] == 0 ? nil : Double(confusion[c][c]) / Double(requested[c])
    }
    requestedCounts = requested
    self.accuracies = accuracies
    minimumAccuracy = accuracies.compactMap { $0 }.min()
    let total = requested.reduce(0, +)
    overallAccuracy = total == 0 ? nil : Double(confusion.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(total)
  }

  /// The requested classes drawn as asked less than `target` of the time, in label order.
  public func classes(below target: Double) -> [Int] {
    accuracies.indices.filter { accuracies[$0].map { $0 < target } ?? false }
  }
}

extension ConditionalAccuracy: CustomStringConvertible {
  /// "lowest 96.2%, overall 98.4%: 0 99.0%, 1 98.7%, …".
  public var description: String {
    func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", 100 * $0) } ?? "n/a" }
    let perClass = accuracies.enumerated().map { "\($0.offset) \(percent($0.element))" }.joined(separator: ", ")
    return "lowest \(percent(minimumAccuracy)), overall \(percent(overallAccuracy)): \(perClass)"
  }
}
