import Foundation
import ImageFiles
import TensorBackend
import ZooCore
import ZooEvaluation

extension Run {
  /// Evaluates the generator at its current weights with the metrics `EvaluationPlan` picks for
  /// the data, and writes the final samples (samples.png), metrics.json and the loss curves
  /// (losses.png). Under `labelControl` it writes nothing.
  /// - Throws: `UsageError` unless the run is open for writing (label control excepted).
  @discardableResult
  public func evaluate(_ options: EvaluationOptions = EvaluationOptions()) throws -> EvaluationResult {
    guard isWriter || options.labelControl else {
      throw UsageError("\(directory.path) is open for reading; open it with access .write to evaluate it")
    }
    let finalSamples: Image? = try options.labelControl ? nil : writeFinalSamples()
    let plan = try EvaluationPlan.standard(for: self, options: options)
    let outcomes = try plan.metrics.map { try $0.measure(subject) }
    var file = MetricsFile(variant: configuration.variant, dataset: configuration.dataset, objective: configuration.objective, step: state.step)
    for outcome in outcomes { file.metrics[outcome.key] = try JSONValue(encoding: outcome.report) }
    if !options.labelControl {
      try file.write(to: directory.metrics)
      try plotLosses()
      try logToTensorBoard(file, finalSamples: finalSamples)
    }
    return EvaluationResult(file: file, outcomes: outcomes)
  }

  /// The metrics and the final samples as TensorBoard events at the evaluated step: into the
  /// training session's event file when training evaluates, else into a new one.
  private func logToTensorBoard(_ file: MetricsFile, finalSamples: Image?) throws {
    guard environment.rank == 0 else { return }
    let logger = tensorBoard ?? TensorBoardLogger(folder: directory.url, flushInterval: 1)
    try logger.addMetrics(file, step: state.step)
    if let finalSamples { try logger.addImage(tag: "evaluation/samples", image: finalSamples, step: state.step) }
    if tensorBoard == nil { try logger.close() }
  }

  /// samples.png: 2,500 points over the data for a Gaussian mixture (those mode coverage
  /// counts), a grid of 64 images (a row per class for a conditional variant) for images; the
  /// picture, or `nil` for points of no mixture (nothing is written).
  private func writeFinalSamples() throws -> Image? {
    let samples: Tensor
    switch data.kind {
    case .points:
      guard DataCatalog.mixture(named: configuration.dataset) != nil else { return nil }
      samples = self.samples(count: ModeCoverage.protocolSampleCount, seed: seeds.evaluationSamples)
    case .images:
      let labels = gridLabels
      samples = self.samples(count: labels?.count ?? 64, seed: seeds.evaluationSamples, labels: labels)
    }
    let image = try picture(of: samples)
    try image.writePNG(toFile: directory.finalSamples.path)
    return image
  }

  /// losses.png: every loss column of the log against the step.
  func plotLosses() throws {
    guard let log = try? LossLog.read(from: directory.lossLog), !log.rows.isEmpty else { return }
    // Thin long logs to about 2,000 points: the plot is 800 pixels wide.
    let stride = max(1, log.rows.count / 2000)
    let rows = Swift.stride(from: 0, to: log.rows.count, by: stride).map { log.rows[$0] }
    var plot = LinePlot(title: "\(configuration.variant) on \(configuration.dataset): losses", xLabel: "step", yLabel: "loss", x: rows.map { $0[0] })
    for (index, column) in log.columns.enumerated() where column.hasPrefix("loss_") {
      plot.add(String(column.dropFirst(5)), values: rows.map { index < $0.count ? $0[index] : .nan })
    }
    try plot.write(toFile: directory.lossPlot.path)
  }
}
