import ZooEvaluation

/// How `Run.evaluate` goes about it.
public struct EvaluationOptions {
  /// Whether evaluation may train a missing reference classifier.
  public enum ClassifierUse: Sendable {
    /// Train and cache one when none is cached (minutes): `zoo evaluate`.
    case loadOrTrain
    /// Use a cached one, else skip the judgement with a note: the end of training.
    case cachedOnly
    /// Use a cached one, else fail naming the missing file (`zoo evaluate --classifier cached`).
    case cachedRequired
    /// Use none: the metrics in pixels only (`zoo evaluate --classifier none`).
    case unused
  }

  /// How much of the harness runs.
  public enum Extent: Sendable {
    /// The figures a run reports when training ends: the final samples, mode coverage, the
    /// classifier's judgement (seconds).
    case endOfTraining
    /// Everything that applies to the data (`zoo evaluate`; minutes on MNIST): also the sample
    /// metrics beside their floors, memorisation and data copying, the Parzen window, the
    /// nearest-neighbour grids, the latent walks, and on shapes the latent factors.
    case full
  }

  public var classifier: ClassifierUse
  /// Judge a conditional run with random labels in place of the requested ones (the control
  /// experiment); writes nothing.
  public var labelControl: Bool
  /// The share of samples asked for class c that must show c, for the classifier's bar.
  public var targetAccuracy: Double
  /// Receives a training classifier's progress.
  public var classifierProgress: (ReferenceClassifier.TrainingProgress) -> Void
  public var extent: Extent
  /// Samples the comparison metrics draw (10,000: the Parzen protocol's, and FID's custom).
  public var sampleCount: Int
  /// Receives the stage and progress of slow metric work.
  public var progress: (SampleScoring.Progress) -> Void

  public init(
    classifier: ClassifierUse = .cachedOnly, labelControl: Bool = false, targetAccuracy: Double = 0.95,
    classifierProgress: @escaping (ReferenceClassifier.TrainingProgress) -> Void = { _ in }, extent: Extent = .full,
    sampleCount: Int = 10_000, progress: @escaping (SampleScoring.Progress) -> Void = { _ in }
  ) {
    self.classifier = classifier
    self.labelControl = labelControl
    self.targetAccuracy = targetAccuracy
    self.classifierProgress = classifierProgress
    self.extent = extent
    self.sampleCount = sampleCount
    self.progress = progress
  }
}
