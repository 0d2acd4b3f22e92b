import Foundation
import TensorBackend

/// Scores generated samples against real ones with every sample metric of the evaluation
/// harness, in one feature space, for samples made anywhere (`zoo score`).
///
/// Between the real set (by default the dataset's test split) and the generated set: Fréchet
/// distance, kernel distance, improved precision and recall (k = 3), density and coverage (k = 5).
/// With a dataset also the memorisation figures and the data-copying test against its training
/// split (held-out data: the test split), and the Parzen-window log-likelihood with the protocol
/// of Goodfellow et al. 2014, always on pixels in [0, 1]. In the classifier's features also its
/// judgement of the generated set: the classes the samples fall into and, given the class each
/// sample was asked for, how often it is drawn as asked. And beside each, the same metric for
/// real training images in place of the generated ones (the floor), so a number has a scale:
/// the floor is what a generator that drew new images of the training distribution would get.
public struct SampleScoring {
  /// The space the metrics are measured in.
  public enum Features: String, CaseIterable, Codable, Sendable {
    /// The dataset's reference classifier's penultimate activations (`ReferenceClassifier.features`).
    case classifier
    /// Pixels in [0, 1], flattened (or feature vectors as given).
    case pixels
  }

  /// How to score.
  public struct Options: Sendable {
    public var features: Features
    /// Pairs of subsets of the kernel distance (torch-fidelity: 100).
    public var kernelSubsetCount: Int
    /// Samples per subset of the kernel distance; `nil`: 1,000 (torch-fidelity's), or the
    /// smaller set's size when a set is smaller.
    public var kernelSubsetSize: Int?
    /// Cells of the data-copying test's partition.
    public var dataCopyingCells: Int
    /// The seed of every random draw: kernel-distance subsets, the floor's training images, the
    /// data-copying partition.
    public var seed: UInt64
    /// Whether, with a dataset, the figures that need its training split are computed: the
    /// floor, memorisation, the data-copying test and the Parzen window. Without them a score
    /// with a dataset costs the classifier on the test split and the samples only.
    public var usesTrainingSplit: Bool

    public init(
      features: Features, kernelSubsetCount: Int = 100, kernelSubsetSize: Int? = nil, dataCopyingCells: Int = 50, seed: UInt64 = 0,
      usesTrainingSplit: Bool = true
    ) {
      self.features = features
      self.kernelSubsetCount = kernelSubsetCount
      self.kernelSubsetSize = kernelSubsetSize
      self.dataCopyingCells = dataCopyingCells
      self.seed = seed
      self.usesTrainingSplit = usesTrainingSplit
    }
  }

  /// What is being computed: a stage and its progress.
  public struct Progress: Sendable {
    public var stage: String
    public var done: Int
    public var total: Int

    public init(stage: String, done: Int, total: Int) {
      self.stage = stage
      self.done = done
      self.total = total
    }
  }

  public let options: Options

  public init(options: Options) {
    self.options = options
  }

  /// Scores `fake` against `real` (default: the dataset's test split), and against `dataset`'s
  /// splits when one is given. `requestedLabels[i]` is the class sample i of `fake` was drawn
  /// for, for a conditional generator (classifier features only).
  ///
  /// - Throws: `ScoreError` for sets that cannot be compared (no real set, different shapes,
  ///   vectors where images are needed, classifier features without a dataset, requested labels
  ///   without the classifier or not one per sample);
  ///   `ReferenceClassifierError` for a missing or unusable classifier; `MetricError` when a
  ///   metric cannot be computed (too few samples, say), naming the metric and the set.
  public func score(
    fake: SampleSet, real: SampleSet? = nil, dataset: ScoreDataset? = nil, requestedLabels: [Int]? = nil,
    progress: @escaping (Progress) -> Void = { _ in }
  ) throws -> ScoreReport {
    let started = Date()
    let timer = StageTimer()
    let progress: (Progress) -> Void = { update in
      timer.record(update.stage)
      progress(update)
    }
    let realIsTestSplit = real == nil
    guard let real = real ?? dataset?.test else {
      throw ScoreError.featuresUnavailable("nothing to compare with: give --real, or --dataset to compare with its test split")
    }
    guard fake.sampleShape == real.sampleShape else {
      throw ScoreError.shapeMismatch(first: real.source, firstShape: real.sampleShape, second: fake.source, secondShape: fake.sampleShape)
    }
    if let dataset {
      for set in [fake, real] where set.sampleShape != dataset.test.sampleShape {
        throw ScoreError.shapeMismatch(first: "\(dataset.name) (its images)", firstShape: dataset.test.sampleShape, second: set.source, secondShape: set.sampleShape)
      }
    }
    let features = try FeatureSpace(options.features, dataset: dataset, sets: [fake, real], progress: progress)
    let judgement = try judge(fake, classifier: features.classifier, requestedLabels: requestedLabels, progress: progress)
    let realFeatures = try features.of(real, name: "real"), fakeFeatures = try features.of(fake, name: "fake")
    var metrics = try sampleMetrics(real: realFeatures, fake: fakeFeatures, stagePrefix: "", progress: progress)
    var floor: ScoreReport.Metrics?
    var floorSet: SampleSet?
    if let dataset, options.usesTrainingSplit {
      let training = try features.of(dataset.training, name: "training")
      let test = realIsTestSplit ? realFeatures.named("test") : try features.of(dataset.test, name: "test")
      metrics.memorisation = try Memorisation().evaluate(
        samples: fakeFeatures, training: training, test: test, progress: stage("memorisation", progress))
      metrics.dataCopying = try DataCopyingTest(cellCount: options.dataCopyingCells, seed: options.seed).evaluate(
        samples: fakeFeatures, training: training, test: test, progress: stage("data-copying test", progress))
      metrics.parzenWindow = try parzen(fake, dataset: dataset, stage: "Parzen window", progress: progress)

      var generator = SplitMix64(seed: options.seed)
      let pool = dataset.floorRows
      let floorRows = KernelDistance.draw(min(fake.count, pool.count), from: pool.count, using: &generator).map { $0 + pool.lowerBound }
      let drawn = dataset.training.subset(floorRows, source: "\(floorRows.count) \(dataset.name) training images")
      floorSet = drawn
      floor = try sampleMetrics(real: test, fake: training.rows(floorRows).named("training"), stagePrefix: "floor: ", progress: progress)
      floor?.parzenWindow = try parzen(drawn, dataset: dataset, stage: "floor: Parzen window", progress: progress)
    }
    let times = timer.finish()
    return ScoreReport(
      features: options.features, featureDimension: realFeatures.dimension, dataset: dataset?.name,
      real: ScoreReport.SetInfo(real), fake: ScoreReport.SetInfo(fake), metrics: metrics, classifierJudgement: judgement,
      floorSamples: floorSet.map(ScoreReport.SetInfo.init), floor: floor, seconds: Date().timeIntervalSince(started),
      stageSeconds: times.wall, stageProcessorSeconds: times.processor)
  }

  /// The classifier's judgement of `fake` (`nil` without a classifier): its label histogram, and
  /// with `requestedLabels` the conditional accuracy.
  private func judge(
    _ fake: SampleSet, classifier: ReferenceClassifier?, requestedLabels: [Int]?, progress: @escaping (Progress) -> Void
  ) throws -> ClassifierJudgementReport? {
    guard let classifier else {
      guard requestedLabels == nil else {
        throw ScoreError.featuresUnavailable("requested labels are judged by the reference classifier: score with --dataset and classifier features")
      }
      return nil
    }
    let classes = classifier.classCount
    if let requestedLabels {
      guard requestedLabels.count == fake.count else {
        throw ScoreError.featuresUnavailable("\(requestedLabels.count) requested labels for the \(fake.count) samples of \(fake.source); give one per sample")
      }
      if let bad = requestedLabels.first(where: { !(0..<classes).contains($0) }) {
        throw ScoreError.featuresUnavailable("requested label \(bad) lies outside the classifier's classes 0…\(classes - 1)")
      }
    }
    progress(Progress(stage: "classifier judgement", done: 0, total: 1))
    let predictions = classifier.predictions(fake.classifierInput(0..<fake.count))
    progress(Progress(stage: "classifier judgement", done: 1, total: 1))
    return ClassifierJudgementReport(
      classifierDataset: classifier.provenance?.dataset ?? "unknown", classifierTestAccuracy: classifier.provenance?.testAccuracy,
      histogram: ClassifierJudgement.labelHistogram(predictions: predictions, classCount: classes),
      conditional: requestedLabels.map { ClassifierJudgement.conditionalAccuracy(predictions: predictions, requestedLabels: $0, classCount: classes) })
  }

  /// Fréchet distance, kernel distance, precision/recall and density/coverage of two sets.
  private func sampleMetrics(
    real: FeatureMatrix, fake: FeatureMatrix, stagePrefix: String, progress: @escaping (Progress) -> Void
  ) throws -> ScoreReport.Metrics {
    progress(Progress(stage: stagePrefix + FrechetDistance.name, done: 0, total: 1))
    let frechet = try FrechetDistance().evaluate(real: real, fake: fake)
    progress(Progress(stage: stagePrefix + FrechetDistance.name, done: 1, total: 1))
    let subsetSize = options.kernelSubsetSize ?? min(1_000, real.count, fake.count)
    let kernel = try KernelDistance(subsetCount: options.kernelSubsetCount, subsetSize: subsetSize, seed: options.seed)
      .evaluate(real: real, fake: fake, progress: stage(stagePrefix + KernelDistance.name, progress))
    let precisionRecall = try PrecisionRecall().evaluate(real: real, fake: fake, progress: stage(stagePrefix + PrecisionRecall.name, progress))
    let densityCoverage = try DensityCoverage().evaluate(real: real, fake: fake, progress: stage(stagePrefix + DensityCoverage.name, progress))
    return ScoreReport.Metrics(frechetDistance: frechet, kernelDistance: kernel, precisionRecall: precisionRecall, densityCoverage: densityCoverage)
  }

  /// The Parzen window on the first 10,000 of `samples` (pixels in [0, 1]), σ chosen on the
  /// dataset's validation images (MNIST training images 50,000–50,999), measured on the test split.
  private func parzen(_ samples: SampleSet, dataset: ScoreDataset, stage name: String, progress: @escaping (Progress) -> Void) throws -> ParzenWindowReport {
    let window = try FeatureMatrix(samples.prefix(ParzenWindow.protocolSampleCount).values, name: "samples")
    let validation = try FeatureMatrix(dataset.training.subset(Array(dataset.validationRows)).values, name: "validation")
    let test = try FeatureMatrix(dataset.test.values, name: "test")
    return try ParzenWindow().evaluate(samples: window, validation: validation, test: test, progress: stage(name, progress))
  }

  private func stage(_ name: String, _ progress: @escaping (Progress) -> Void) -> (Int, Int) -> Void {
    { progress(Progress(stage: name, done: $0, total: $1)) }
  }
}

/// The wall and processor time of each stage, from its first progress report to the next stage's
/// first. Processor time (all threads) is what a shared machine cannot inflate: on an idle 2-core
/// machine a stage whose work is split over both cores takes about half of it as wall time.
private final class StageTimer {
  private var wall: [String: Double] = [:]
  private var processor: [String: Double] = [:]
  private var current: (stage: String, wall: Double, processor: Double)?

  func record(_ stage: String) {
    guard current?.stage != stage else { return }
    close()
    current = (stage, Self.clock(CLOCK_MONOTONIC), Self.clock(CLOCK_PROCESS_CPUTIME_ID))
  }

  /// Every stage's wall and processor seconds, the last stage closed now.
  func finish() -> (wall: [String: Double], processor: [String: Double]) {
    close()
    current = nil
    return (wall, processor)
  }

  private func close() {
    guard let current else { return }
    wall[current.stage, default: 0] += Self.clock(CLOCK_MONOTONIC) - current.wall
    processor[current.stage, default: 0] += Self.clock(CLOCK_PROCESS_CPUTIME_ID) - current.processor
  }

  private static func clock(_ id: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(id, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
}
