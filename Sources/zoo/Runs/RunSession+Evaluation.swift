import Datasets
import Foundation
import TensorBackend
import ZooCore
import ZooEvaluation

/// What a run writes besides checkpoints: sample snapshots while training, and at the end the
/// metrics of its data's evaluation protocol, the final samples and the loss curves.
extension RunSession {
  /// Points drawn from the data for pictures and metrics, from a generator of their own.
  func realSamples(count: Int) throws -> Tensor {
    var generator = SplitMix64(seed: configuration.seed &+ 0x5EED)
    var source = data
    return try source.nextBatch(size: count, using: &generator).samples
  }

  /// How this run's samples are drawn as a picture.
  func rendering() throws -> SampleSnapshotWriter.Rendering {
    switch data.description.kind {
    case .images:
      return .grid(columns: 8)
    case .points:
      return .scatter(real: try planar(realSamples(count: 1000)), title: "\(configuration.variant) on \(configuration.dataset)")
    }
  }

  /// Points as (N, 2) for a scatter plot: 2-D as they are, 1-D spread over a unit band.
  func planar(_ points: Tensor) -> Tensor {
    guard points.rank == 2, points.shape[1] == 1 else { return points }
    let n = points.shape[0]
    let band = Tensor(shape: [n, 1], scalars: (0..<n).map { Double(($0 * 7919) % n) / Double(max(n, 1)) }, dtype: points.dtype)
    return Tensor.concatenate([points, band], alongAxis: 1)
  }

  /// Snapshots show 64 images, or for a conditional variant one row of 8 per class; 1,000 points.
  static let snapshotColumns = 8

  /// The labels snapshots and final grids draw for a conditional variant (one row per class),
  /// `nil` otherwise.
  var gridLabels: [Int]? {
    guard isConditional, data.description.kind == .images, let classCount else { return nil }
    return Self.classRows(classCount: classCount, perClass: Self.snapshotColumns)
  }

  var snapshotCount: Int { data.description.kind == .images ? gridLabels?.count ?? 64 : 1000 }

  func snapshotWriter() throws -> SampleSnapshotWriter {
    SampleSnapshotWriter(
      folder: directory.appendingPathComponent(RunDirectory.samplesFolder), interval: configuration.sampleInterval,
      noise: fixedNoise(count: snapshotCount), condition: gridLabels.map(Self.condition), rendering: try rendering())
  }

  /// Draws `count` samples from the trained generator with noise from `seed`, for the classes
  /// `labels` if given (one per sample; a conditional generator otherwise cycles through the
  /// classes).
  func samples(count: Int, seed: UInt64, labels: [Int]? = nil) -> Tensor {
    precondition(labels == nil || labels!.count == count, "samples: \(labels!.count) labels for \(count) samples")
    var generator = SplitMix64(seed: seed)
    let noise = Tensor.randomNormal([count, trainer.sampler.latentDimension], using: &generator)
    return SampleSnapshotWriter.generate(trainer.sampler, noise: noise, condition: labels.map(Self.condition))
  }

  /// The evaluation protocol of the run's data, written to `metrics.json` and printed: mode
  /// coverage for a Gaussian mixture, the reference classifier's judgement for labelled images
  /// (`classifier`: whether to train a missing classifier or to skip the judgement).
  /// `labelControl` judges a conditional run with random labels in place of the requested ones
  /// (see `judge`) and writes no metrics.
  @discardableResult
  func evaluate(classifier use: ClassifierUse = .cachedOnly, labelControl: Bool = false) throws -> RunMetrics {
    var metrics = RunMetrics(variant: configuration.variant, dataset: configuration.dataset, objective: configuration.objective)
    if let mixture = DataCatalog.mixture(named: configuration.dataset) {
      let coverage = ModeCoverage(centers: mixture.centers, standardDeviation: mixture.standardDeviation,
                                  minimumSamplesPerMode: RunMetrics.minimumSamplesPerMode)
      let generated = samples(count: ModeCoverage.protocolSampleCount, seed: configuration.seed &+ 0xE7A1)
      metrics.modeCoverage = coverage.evaluate(generated)
      let picture = SampleSnapshotWriter.render(planar(generated), as: try rendering())
      try picture.writePNG(toFile: directory.appendingPathComponent("samples.png").path)
    }
    if data.description.kind == .images {
      let labels = gridLabels
      let grid = samples(count: labels?.count ?? 64, seed: configuration.seed &+ 0xE7A1, labels: labels)
      try SampleGrid(grid, columns: Self.snapshotColumns).image.writePNG(toFile: directory.appendingPathComponent("samples.png").path)
      if classCount != nil, let classifier = try referenceClassifier(use) {
        metrics.classifier = judge(with: classifier, labelControl: labelControl)
      }
    }
    if !labelControl {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(metrics).write(to: directory.appendingPathComponent(RunDirectory.metricsFile), options: .atomic)
      try plotLosses()
    }
    return metrics
  }

  /// Whether evaluation may train the reference classifier it needs.
  enum ClassifierUse {
    /// Train and cache one when none is cached (minutes): `zoo evaluate`.
    case loadOrTrain
    /// Use a cached one, else skip the judgement with a note: the end of `zoo train`.
    case cachedOnly
  }

  private func referenceClassifier(_ use: ClassifierUse) throws -> ReferenceClassifier? {
    switch use {
    case .loadOrTrain:
      do {
        return try ClassifierCatalog.referenceClassifier(for: configuration.dataset, dataRoot: configuration.dataRoot)
      } catch ReferenceClassifierError.unsupportedShape(let shape, let reason) {
        // Images too small for its convolutions: the run is fine, the judgement impossible.
        print("no classifier judgement: the reference classifier cannot take images of \(shape.map(String.init).joined(separator: "×")) (\(reason))")
        return nil
      }
    case .cachedOnly:
      do {
        let labelled = try ClassifierCatalog.labelledData(for: configuration.dataset, dataRoot: configuration.dataRoot, includeTraining: false)
        return try ClassifierCatalog.loadCached(labelled, dataset: configuration.dataset, dataRoot: configuration.dataRoot)
      } catch {
        print("no classifier judgement: \(error)\n  `zoo evaluate \(directory.path)` trains the reference classifier and judges the samples")
        return nil
      }
    }
  }

  /// 10,000 samples through the classifier: their label histogram, and for a conditional variant
  /// (an equal share asked for each class) how many show the class asked for. `labelControl`
  /// gives the generator random labels instead of the requested ones, as a generator ignoring
  /// its label would draw: the conditional accuracy must then fall to chance.
  func judge(with classifier: ReferenceClassifier, labelControl: Bool = false) -> ClassifierFigures {
    let classes = classifier.classCount
    let seed = configuration.seed &+ 0xC1A5
    var requested: [Int]?, given: [Int]?
    if isConditional {
      requested = Self.classRows(classCount: classes, perClass: (ClassifierFigures.sampleCount + classes - 1) / classes)
      var generator = SplitMix64(seed: seed &+ 1)
      given = labelControl ? requested!.map { _ in Int(generator.next() % UInt64(classes)) } : requested
    }
    let predictions = classifier.predictions(samples(count: requested?.count ?? ClassifierFigures.sampleCount, seed: seed, labels: given))
    return ClassifierFigures(
      classifier: classifier,
      histogram: ClassifierJudgement.labelHistogram(predictions: predictions, classCount: classes),
      conditional: requested.map { ClassifierJudgement.conditionalAccuracy(predictions: predictions, requestedLabels: $0, classCount: classes) })
  }

  /// losses.png: every loss column of the log against the step.
  func plotLosses() throws {
    guard let log = try? LossLog.read(from: lossLogURL), !log.rows.isEmpty else { return }
    // Thin long logs to about 2,000 points: the plot is 800 pixels wide.
    let stride = max(1, log.rows.count / 2000)
    let rows = Swift.stride(from: 0, to: log.rows.count, by: stride).map { log.rows[$0] }
    var plot = LinePlot(title: "\(configuration.variant) on \(configuration.dataset): losses", xLabel: "step", yLabel: "loss", x: rows.map { $0[0] })
    for (index, column) in log.columns.enumerated() where column.hasPrefix("loss_") {
      plot.add(String(column.dropFirst(5)), values: rows.map { index < $0.count ? $0[index] : .nan })
    }
    try plot.write(toFile: directory.appendingPathComponent(RunDirectory.lossPlotFile).path)
  }
}
