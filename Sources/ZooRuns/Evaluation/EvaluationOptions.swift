import ZooEvaluation

/// How `Run.evaluate` goes about it.
public struct EvaluationOptions {
  /// Whether evaluation may train a missing reference classifier.
  public enum ClassifierUse: Sendable {
    /// Train and cache one when none is cached (minutes): `zoo evaluate`.
    case loadOrTrain
    /// Use a cached one, else skip the judgement with a note: the end of training.
    case cachedOnly
  }

  public var classifier: ClassifierUse
  /// Judge a conditional run with random labels in place of the requested ones (the control
  /// experiment); writes nothing.
  public var labelControl: Bool
  /// The share of samples asked for class c that must show c, for the classifier's bar.
  public var targetAccuracy: Double
  /// Receives a training classifier's progress.
  public var classifierProgress: (ReferenceClassifier.TrainingProgress) -> Void

  public init(
    classifier: ClassifierUse = .cachedOnly, labelControl: Bool = false, targetAccuracy: Double = 0.95,
    classifierProgress: @escaping (ReferenceClassifier.TrainingProgress) -> Void = { _ in }
  ) {
    self.classifier = classifier
    self.labelControl = labelControl
    self.targetAccuracy = targetAccuracy
    self.classifierProgress = classifierProgress
  }
}
