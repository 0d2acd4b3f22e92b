import Foundation
import ImageFiles
import TensorBackend
import ZooCore
import ZooEvaluation

extension Run {
  /// Evaluates the generator at its current weights with the metrics `EvaluationPlan` picks for
  /// the data, and writes the final samples (samples.png), a likelihood model's reconstructions
  /// (reconstructions.png), metrics.json, the metrics' figures (figures/) and the loss curves
  /// (losses.png). Under `labelControl` it writes nothing.
  ///
  /// Every metric is computed before anything is written, and the files are written into a
  /// folder of their own in the run first and then moved into place, so an evaluation that
  /// fails (bad samples, a missing classifier, too few samples for a metric) leaves the run's
  /// files as they were.
  /// - Throws: `UsageError` unless the run is open for writing (label control excepted); the
  ///   metrics' errors, naming what is wrong.
  @discardableResult
  public func evaluate(_ options: EvaluationOptions = EvaluationOptions()) throws -> EvaluationResult {
    guard isWriter || options.labelControl else {
      throw UsageError("\(directory.path) is open for reading; open it with access .write to evaluate it")
    }
    let plan = try EvaluationPlan.standard(for: self, options: options)
    let figures = EvaluationFigures()
    let subject = EvaluationSubject(generator: trainer.sampler, data: data, isConditional: isConditional, likelihoodModel: trainer.likelihoodModel, figures: figures, progress: options.progress)
    var outcomes: [MetricOutcome] = []
    var seconds: [String: Double] = [:]
    for metric in plan.metrics {
      let started = Date()
      outcomes.append(try metric.measure(subject))
      seconds[metric.key] = Date().timeIntervalSince(started)
    }
    var file = MetricsFile(variant: configuration.variant, dataset: configuration.dataset, objective: configuration.objective, step: state.step)
    for outcome in outcomes { file.metrics[outcome.key] = try JSONValue(encoding: outcome.report) }
    if !options.labelControl {
      try writeAtomically(file, figures: figures.figures)
    }
    return EvaluationResult(file: file, outcomes: outcomes, seconds: seconds)
  }

  /// Writes samples.png, losses.png, the figures and metrics.json into a staging folder of the
  /// run, then renames each into place (a rename replaces its target atomically).
  private func writeAtomically(_ file: MetricsFile, figures: [(name: String, image: Image)]) throws {
    let fileManager = FileManager.default
    let staging = directory.url.appendingPathComponent(".evaluation-\(ProcessInfo.processInfo.processIdentifier)")
    try? fileManager.removeItem(at: staging)
    try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
    defer { try? fileManager.removeItem(at: staging) }
    var moves: [(from: URL, to: URL)] = []
    func staged(_ target: URL) -> URL {
      let url = staging.appendingPathComponent(target.lastPathComponent)
      moves.append((url, target))
      return url
    }
    if let samples = try finalSamples() { try picture(of: samples).writePNG(toFile: staged(directory.finalSamples).path) }
    if let picture = try reconstructionsPicture() { try picture.writePNG(toFile: staged(directory.reconstructions).path) }
    try plotLosses(to: staged(directory.lossPlot))
    for (name, image) in figures { try image.writePNG(toFile: staged(directory.figures.appendingPathComponent(name)).path) }
    try file.write(to: staged(directory.metrics))
    if !figures.isEmpty { try fileManager.createDirectory(at: directory.figures, withIntermediateDirectories: true) }
    for move in moves where fileManager.fileExists(atPath: move.from.path) {
      guard rename(move.from.path, move.to.path) == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: move.to.path, NSLocalizedDescriptionKey: "cannot move \(move.from.path) to \(move.to.path): \(String(cString: strerror(errno)))"])
      }
    }
  }

  /// The samples of samples.png: 2,500 points over the data for a Gaussian mixture (those mode
  /// coverage counts), a grid of 64 images (a row per class for a conditional variant) for
  /// images; `nil` for other points.
  private func finalSamples() throws -> Tensor? {
    switch data.kind {
    case .points:
      guard DataCatalog.mixture(named: configuration.dataset) != nil else { return nil }
      return samples(count: ModeCoverage.protocolSampleCount, seed: seeds.evaluationSamples)
    case .images:
      let labels = gridLabels
      return samples(count: labels?.count ?? 64, seed: seeds.evaluationSamples, labels: labels)
    }
  }

  /// losses.png: every loss column of the log against the step, and the held-out ones
  /// (`test_…`, measured after every epoch) as lines joining their measurements; written to `url`.
  func plotLosses(to url: URL) throws {
    guard let log = try? LossLog.read(from: directory.lossLog), !log.rows.isEmpty else { return }
    // Thin long logs to about 2,000 points: the plot is 800 pixels wide.
    let kept = Array(Swift.stride(from: 0, to: log.rows.count, by: max(1, log.rows.count / 2000)))
    var plot = LinePlot(title: "\(configuration.variant) on \(configuration.dataset): losses", xLabel: "step", yLabel: "loss", x: kept.map { log.rows[$0][0] })
    for (index, column) in log.columns.enumerated() where column.hasPrefix("loss_") || column.hasPrefix("test_") {
      var values = log.rows.map { index < $0.count ? $0[index] : .nan }
      if column.hasPrefix("test_") { values = Self.joiningMeasurements(values) }
      plot.add(column.hasPrefix("loss_") ? String(column.dropFirst(5)) : column, values: kept.map { values[$0] })
    }
    try plot.write(toFile: url.path)
  }

  /// A column measured now and then with its gaps filled by straight lines between
  /// measurements (NaN before the first and after the last), so thinning cannot drop them.
  static func joiningMeasurements(_ values: [Double]) -> [Double] {
    var result = values
    let measured = values.indices.filter { values[$0].isFinite }
    for (a, b) in zip(measured, measured.dropFirst()) where b > a + 1 {
      for i in (a + 1)..<b { result[i] = values[a] + (values[b] - values[a]) * Double(i - a) / Double(b - a) }
    }
    return result
  }
}
