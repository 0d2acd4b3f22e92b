import Foundation
import TensorBackend
import ZooCore
import ZooEvaluation

extension Run {
  /// Evaluates the generator at its current weights with the metrics `EvaluationPlan` picks for
  /// the data, and writes the final samples (samples.png), a likelihood model's reconstructions
  /// (reconstructions.png), metrics.json and the loss curves (losses.png). Under `labelControl`
  /// it writes nothing.
  /// - Throws: `UsageError` unless the run is open for writing (label control excepted).
  @discardableResult
  public func evaluate(_ options: EvaluationOptions = EvaluationOptions()) throws -> EvaluationResult {
    guard isWriter || options.labelControl else {
      throw UsageError("\(directory.path) is open for reading; open it with access .write to evaluate it")
    }
    if !options.labelControl {
      try writeFinalSamples()
      try writeReconstructions()
    }
    let plan = try EvaluationPlan.standard(for: self, options: options)
    let outcomes = try plan.metrics.map { try $0.measure(subject) }
    var file = MetricsFile(variant: configuration.variant, dataset: configuration.dataset, objective: configuration.objective, step: state.step)
    for outcome in outcomes { file.metrics[outcome.key] = try JSONValue(encoding: outcome.report) }
    if !options.labelControl {
      try file.write(to: directory.metrics)
      try plotLosses()
    }
    return EvaluationResult(file: file, outcomes: outcomes)
  }

  /// samples.png: 2,500 points over the data for a Gaussian mixture (those mode coverage
  /// counts), a grid of 64 images (a row per class for a conditional variant) for images.
  private func writeFinalSamples() throws {
    let samples: Tensor
    switch data.kind {
    case .points:
      guard DataCatalog.mixture(named: configuration.dataset) != nil else { return }
      samples = self.samples(count: ModeCoverage.protocolSampleCount, seed: seeds.evaluationSamples)
    case .images:
      let labels = gridLabels
      samples = self.samples(count: labels?.count ?? 64, seed: seeds.evaluationSamples, labels: labels)
    }
    try picture(of: samples).writePNG(toFile: directory.finalSamples.path)
  }

  /// losses.png: every loss column of the log against the step, and the held-out ones
  /// (`test_…`, measured after every epoch) as lines joining their measurements.
  func plotLosses() throws {
    guard let log = try? LossLog.read(from: directory.lossLog), !log.rows.isEmpty else { return }
    // Thin long logs to about 2,000 points: the plot is 800 pixels wide.
    let kept = Array(Swift.stride(from: 0, to: log.rows.count, by: max(1, log.rows.count / 2000)))
    var plot = LinePlot(title: "\(configuration.variant) on \(configuration.dataset): losses", xLabel: "step", yLabel: "loss", x: kept.map { log.rows[$0][0] })
    for (index, column) in log.columns.enumerated() where column.hasPrefix("loss_") || column.hasPrefix("test_") {
      var values = log.rows.map { index < $0.count ? $0[index] : .nan }
      if column.hasPrefix("test_") { values = Self.joiningMeasurements(values) }
      plot.add(column.hasPrefix("loss_") ? String(column.dropFirst(5)) : column, values: kept.map { values[$0] })
    }
    try plot.write(toFile: directory.lossPlot.path)
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
