import Foundation

/// The reference classifier's judgement of a run's samples, as metrics.json stores it.
public struct ClassifierJudgementReport: Codable, Sendable {
  /// The dataset the classifier was trained for, and its test accuracy.
  public var classifierDataset: String
  public var classifierTestAccuracy: Double?
  /// The classes all samples fall into.
  public var labelHistogram: LabelHistogram
  /// The band each class's share should lie in: ½ and 1½ times 1/K.
  public var histogramBounds: [Double]
  /// Conditional variants: how often a sample asked for class c is classified as c.
  public var conditionalAccuracy: ConditionalAccuracy?

  public init(classifierDataset: String, classifierTestAccuracy: Double?, histogram: LabelHistogram, conditional: ConditionalAccuracy?) {
    self.classifierDataset = classifierDataset
    self.classifierTestAccuracy = classifierTestAccuracy
    labelHistogram = histogram
    let uniform = 1 / Double(histogram.counts.count)
    histogramBounds = [uniform / 2, uniform * 3 / 2]
    conditionalAccuracy = conditional
  }

  /// A few lines for the terminal: the classifier, the label histogram, and for a conditional
  /// generator how often each class is drawn as asked.
  public var summary: [String] {
    let accuracy = classifierTestAccuracy.map { String(format: ", test accuracy %.2f%%", 100 * $0) } ?? ""
    var lines = ["reference classifier of \(classifierDataset)\(accuracy), on \(labelHistogram.sampleCount) samples:",
                 "  label histogram: \(labelHistogram)"]
    if let conditionalAccuracy { lines.append("  drawn as asked: \(conditionalAccuracy)") }
    return lines
  }

  /// What keeps the samples from the bar, one line each (empty: they meet it): for a conditional
  /// generator, every class drawn as asked at least `targetAccuracy` of the time; otherwise every
  /// class's share within `histogramBounds`.
  public func shortfalls(targetAccuracy: Double) -> [String] {
    if let conditionalAccuracy {
      return conditionalAccuracy.classes(below: targetAccuracy).map { label in
        String(format: "class %d drawn as asked %.1f%% of the time, below %.1f%%", label, 100 * conditionalAccuracy.accuracies[label]!, 100 * targetAccuracy)
      }
    }
    let bounds = histogramBounds[0]...histogramBounds[1]
    return labelHistogram.classes(outside: bounds).map { label in
      String(format: "class %d has %.1f%% of the samples, outside %.1f%%…%.1f%%", label, 100 * labelHistogram.shares[label], 100 * bounds.lowerBound, 100 * bounds.upperBound)
    }
  }
}
