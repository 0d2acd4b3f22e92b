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

  var snapshotCount: Int { data.description.kind == .images ? 64 : 1000 }

  func snapshotWriter() throws -> SampleSnapshotWriter {
    SampleSnapshotWriter(
      folder: directory.appendingPathComponent(RunDirectory.samplesFolder), interval: configuration.sampleInterval,
      noise: fixedNoise(count: snapshotCount), rendering: try rendering())
  }

  /// Draws `count` samples from the trained generator with noise from `seed`.
  func samples(count: Int, seed: UInt64) -> Tensor {
    var generator = SplitMix64(seed: seed)
    let noise = Tensor.randomNormal([count, trainer.sampler.latentDimension], using: &generator)
    return SampleSnapshotWriter.generate(trainer.sampler, noise: noise)
  }

  /// The evaluation protocol of the run's data, written to `metrics.json` and printed.
  @discardableResult
  func evaluate() throws -> RunMetrics {
    var metrics = RunMetrics(variant: configuration.variant, dataset: configuration.dataset, objective: configuration.objective)
    if let mixture = DataCatalog.mixture(named: configuration.dataset) {
      let coverage = ModeCoverage(centers: mixture.centers, standardDeviation: mixture.standardDeviation,
                                  minimumSamplesPerMode: RunMetrics.minimumSamplesPerMode)
      let generated = samples(count: ModeCoverage.protocolSampleCount, seed: configuration.seed &+ 0xE7A1)
      metrics.modeCoverage = coverage.evaluate(generated)
      let picture = SampleSnapshotWriter.render(planar(generated), as: try rendering())
      try picture.writePNG(toFile: directory.appendingPathComponent("samples.png").path)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(metrics).write(to: directory.appendingPathComponent(RunDirectory.metricsFile), options: .atomic)
    try plotLosses()
    return metrics
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

/// The figures of a run's evaluation, as `metrics.json` holds them.
struct RunMetrics: Codable {
  /// A mode counts as covered with at least this many of the 2,500 samples within 3σ: stricter
  /// than the PacGAN code's "any sample", so that a generator smearing points along the ring
  /// does not count (an even split gives 312 per mode on ring8, 100 on grid25).
  static let minimumSamplesPerMode = 20

  var variant: String
  var dataset: String
  var objective: String
  var modeCoverage: ModeCoverageReport?

  /// One line per figure, for the terminal.
  var summary: String {
    guard let c = modeCoverage else { return "no metrics for this dataset yet" }
    return String(format: "modes covered %d/%d (>= %d of %d samples within 3σ), high-quality samples %.1f%%, reverse KL %@",
                  c.modesCovered, c.modeCount, Self.minimumSamplesPerMode, c.sampleCount, 100 * c.highQualityFraction,
                  c.reverseKLDivergence.map { String(format: "%.3f", $0) } ?? "n/a")
  }
}
