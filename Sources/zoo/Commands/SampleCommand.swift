import ArgumentParser
import Datasets
import Foundation
import TensorBackend
import ZooEvaluation

/// `zoo sample <run-dir>`: draws samples from a run's checkpoint, without training, as a picture
/// or as an array for other tools.
struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample", abstract: "Draw samples from a run's checkpoint into a picture (png), a NumPy array (npy) or an IDX file (idx).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    /// A sample grid (images) or a scatter plot over the data (points).
    case png
    /// float32 (N, C, H, W) or (N, D), for `numpy.load`.
    case npy
    /// Unsigned bytes (N, H, W) or (N, C, H, W), the MNIST format; images only.
    case idx
  }

  @Argument(help: "The run directory.")
  var runDirectory: String

  @Option(help: "How many samples (default 64; for a conditional variant without --class, 8 per class).")
  var count: Int?

  @Option(name: .customLong("class"), help: "Conditional variants: the class to draw, by index (0…K−1) or name, or several separated by commas (one png row each). Without it, a png has one row per class.")
  var classLabel: String?

  @Option(help: "The seed of the noise.")
  var seed: UInt64 = 1

  @Option(help: "png: a grid or scatter plot; npy: float32 array (N, C, H, W) or (N, D); idx: bytes, images only.")
  var format: Format = .png

  @Option(help: "The file to write (default: <run>/sample-seed<seed>.<format>).")
  var out: String?

  func run() throws {
    if let count, count <= 0 { throw UsageError("--count must be positive, got \(count)") }
    let directory = URL(fileURLWithPath: runDirectory)
    let session = try RunSession.open(directory)
    let kind = session.data.description.kind
    if format == .idx && kind == .points {
      throw UsageError("IDX holds images; \(session.configuration.dataset) is a point dataset: use --format npy or png")
    }
    let chosen = try classLabel.map { try $0.split(separator: ",", omittingEmptySubsequences: false).map { try session.classLabel(String($0)) } }
    // A conditional variant draws the classes asked for (one row each), else one row (png) or
    // run per class.
    var labels: [Int]?
    var columns = RunSession.snapshotColumns
    if let chosen, chosen.count == 1 {
      labels = Array(repeating: chosen[0], count: count ?? 64)
    } else if session.isConditional, let classCount = session.classCount {
      let rows = chosen ?? Array(0..<classCount)
      let perClass = count.map { ($0 + rows.count - 1) / rows.count } ?? RunSession.snapshotColumns
      labels = Array(RunSession.classRows(classCount: rows.count, perClass: perClass).map { rows[$0] }.prefix(count ?? rows.count * perClass))
      columns = perClass
    }
    let count = labels?.count ?? count ?? 64
    _ = try session.loadCheckpoint()
    let samples = session.samples(count: count, seed: seed, labels: labels)
    let suffix = chosen.map { "-class" + $0.map(String.init).joined(separator: "-") } ?? ""
    let url = out.map(URL.init(fileURLWithPath:)) ?? directory.appendingPathComponent("sample-seed\(seed)\(suffix).\(format.rawValue)")
    switch format {
    case .png:
      var rendering = try session.rendering()
      if case .grid = rendering { rendering = .grid(columns: columns) }
      try SampleSnapshotWriter.render(session.planar(samples), as: rendering).writePNG(toFile: url.path)
    case .npy:
      try Data(SampleFiles.npy(samples)).write(to: url, options: .atomic)
    case .idx:
      try Data(SampleFiles.idx(samples)).write(to: url, options: .atomic)
    }
    print("wrote \(count) samples (\(samples.shape.map(String.init).joined(separator: "×"))) to \(url.path)")
  }
}

/// Samples as files other tools read.
enum SampleFiles {
  /// A float32 `.npy` of the samples in their own shape: (N, C, H, W) or (N, D).
  static func npy(_ samples: Tensor) -> [UInt8] {
    NumPyArray(shape: samples.shape, values: samples.floats).encoded()
  }

  /// An IDX file of unsigned bytes: a value v in [−1, 1] becomes round((v + 1) / 2 · 255),
  /// clamped, NaN as 0 (as in sample grids); gray images as (N, H, W) (magic 0x00000803, the
  /// MNIST layout), others as (N, C, H, W) (0x00000804).
  static func idx(_ samples: Tensor) -> [UInt8] {
    precondition(samples.rank == 4, "SampleFiles.idx: expected (N, C, H, W) images, got \(samples.shape)")
    let bytes = samples.floats.map { value -> UInt8 in
      guard !value.isNaN else { return 0 }
      return UInt8(((min(max(value, -1), 1) + 1) * 127.5).rounded())
    }
    let shape = samples.shape[1] == 1 ? [samples.shape[0], samples.shape[2], samples.shape[3]] : samples.shape
    return IDXArray(shape: shape, bytes: bytes).encoded()
  }
}
