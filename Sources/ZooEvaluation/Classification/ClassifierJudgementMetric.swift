import TensorBackend

/// The reference classifier's judgement of 10,000 samples: the metric of labelled images. For an
/// unconditional generator, the classes the samples fall into (bar: every class's share within
/// ½ and 1½ times 1/K, 5–15% for ten); for a conditional one, asked for every class equally
/// often, how often each is drawn as asked (bar: every class at least `targetAccuracy`).
///
/// `labelControl` gives a conditional generator random labels instead of the requested ones, as
/// a generator ignoring its label would draw: the conditional accuracy must then fall to chance.
public struct ClassifierJudgementMetric: SampleMetric {
  /// Samples judged.
  public static let sampleCount = 10_000

  public let classifier: ReferenceClassifier
  /// The seed of the samples' noise.
  public let seed: UInt64
  /// The seed of the random labels of `labelControl`.
  public let labelControlSeed: UInt64
  public let labelControl: Bool
  /// The share of samples asked for class c that must show c (conditional generators).
  public let targetAccuracy: Double

  public init(classifier: ReferenceClassifier, seed: UInt64, labelControlSeed: UInt64, labelControl: Bool = false, targetAccuracy: Double = 0.95) {
    self.classifier = classifier
    self.seed = seed
    self.labelControlSeed = labelControlSeed
    self.labelControl = labelControl
    self.targetAccuracy = targetAccuracy
  }

  public var key: String { "classifier-judgement" }

  public func evaluate(_ subject: EvaluationSubject) throws -> ClassifierJudgementReport {
    let classes = classifier.classCount
    var requested: [Int]?, given: [Int]?
    if subject.isConditional {
      requested = Sampling.classRows(classCount: classes, perClass: (Self.sampleCount + classes - 1) / classes)
      var generator = SplitMix64(seed: labelControlSeed)
      given = labelControl ? requested!.map { _ in Int(generator.next() % UInt64(classes)) } : requested
    }
    let predictions = classifier.predictions(subject.samples(count: requested?.count ?? Self.sampleCount, seed: seed, labels: given))
    return ClassifierJudgementReport(
      classifierDataset: classifier.provenance?.dataset ?? "unknown", classifierTestAccuracy: classifier.provenance?.testAccuracy,
      histogram: ClassifierJudgement.labelHistogram(predictions: predictions, classCount: classes),
      conditional: requested.map { ClassifierJudgement.conditionalAccuracy(predictions: predictions, requestedLabels: $0, classCount: classes) })
  }

  public func summary(of report: ClassifierJudgementReport) -> [String] { report.summary }

  public func shortfalls(of report: ClassifierJudgementReport) -> [String] { report.shortfalls(targetAccuracy: targetAccuracy) }
}
