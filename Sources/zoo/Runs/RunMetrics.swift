import Foundation
import ZooEvaluation

/// The figures of a run's evaluation, as `metrics.json` holds them.
struct RunMetrics: Codable {
  /// A mode counts as covered with at least this many of the 2,500 samples within 3σ: stricter
  /// than the PacGAN code's "any sample", so that a generator smearing points along the ring
  /// does not count (an even split gives 312 per mode on ring8, 100 on grid25).
  static let minimumSamplesPerMode = 20

  var variant: String
  var dataset: String
  var objective: String
  /// Gaussian mixtures: the modes the samples reach.
  var modeCoverage: ModeCoverageReport?
  /// Labelled images: what the reference classifier sees in the samples.
  var classifier: ClassifierFigures?

  /// One line per figure, for the terminal.
  var summary: String {
    var lines: [String] = []
    if let c = modeCoverage {
      lines.append(String(format: "modes covered %d/%d (>= %d of %d samples within 3σ), high-quality samples %.1f%%, reverse KL %@",
                          c.modesCovered, c.modeCount, Self.minimumSamplesPerMode, c.sampleCount, 100 * c.highQualityFraction,
                          c.reverseKLDivergence.map { String(format: "%.3f", $0) } ?? "n/a"))
    }
    if let c = classifier { lines += c.summary }
    return lines.isEmpty ? "no metrics for this dataset yet" : lines.joined(separator: "\n")
  }

  /// What keeps the run from its protocol's bar, one line each (empty: it meets it): every mode
  /// covered; a label histogram with every share within ½ and 1½ times the uniform share (5% and
  /// 15% for ten classes); every class drawn on request at least `targetAccuracy` of the time.
  func shortfalls(targetAccuracy: Double) -> [String] {
    var lines: [String] = []
    if let c = modeCoverage, c.modesCovered < c.modeCount {
      lines.append("modes covered \(c.modesCovered)/\(c.modeCount)")
    }
    if let c = classifier {
      if let conditional = c.conditionalAccuracy {
        for label in conditional.classes(below: targetAccuracy) {
          lines.append(String(format: "class %d drawn as asked %.1f%% of the time, below %.1f%%", label, 100 * conditional.accuracies[label]!, 100 * targetAccuracy))
        }
      } else {
        let bounds = c.histogramBounds[0]...c.histogramBounds[1]
        for label in c.labelHistogram.classes(outside: bounds) {
          lines.append(String(format: "class %d has %.1f%% of the samples, outside %.1f%%…%.1f%%", label, 100 * c.labelHistogram.shares[label], 100 * bounds.lowerBound, 100 * bounds.upperBound))
        }
      }
    }
    return lines
  }
}

/// The reference classifier's judgement of a run's samples.
struct ClassifierFigures: Codable {
  /// Samples judged.
  static let sampleCount = 10_000

  /// The dataset the classifier was trained for, and its test accuracy.
  var classifierDataset: String
  var classifierTestAccuracy: Double?
  /// The classes all samples fall into.
  var labelHistogram: LabelHistogram
  /// The band each class's share should lie in: ½ and 1½ times 1/K.
  var histogramBounds: [Double]
  /// Conditional variants: how often a sample asked for class c is classified as c.
  var conditionalAccuracy: ConditionalAccuracy?

  init(classifierDataset: String, classifierTestAccuracy: Double?, histogram: LabelHistogram, conditional: ConditionalAccuracy?) {
    self.classifierDataset = classifierDataset
    self.classifierTestAccuracy = classifierTestAccuracy
    labelHistogram = histogram
    let uniform = 1 / Double(histogram.counts.count)
    histogramBounds = [uniform / 2, uniform * 3 / 2]
    conditionalAccuracy = conditional
  }

  init(classifier: ReferenceClassifier, histogram: LabelHistogram, conditional: ConditionalAccuracy?) {
    self.init(classifierDataset: classifier.provenance?.dataset ?? "unknown", classifierTestAccuracy: classifier.provenance?.testAccuracy,
              histogram: histogram, conditional: conditional)
  }

  var summary: [String] {
    let accuracy = classifierTestAccuracy.map { String(format: ", test accuracy %.2f%%", 100 * $0) } ?? ""
    var lines = ["reference classifier of \(classifierDataset)\(accuracy), on \(labelHistogram.sampleCount) samples:",
                 "  label histogram: \(labelHistogram)"]
    if let conditionalAccuracy { lines.append("  drawn as asked: \(conditionalAccuracy)") }
    return lines
  }
}
