import ArgumentParser
import Foundation
import ZooEvaluation
import ZooRuns

/// `zoo sample <run-dir>`: draws samples from a run's checkpoint, without training, as a picture
/// or as an array for other tools. Needs the checkpoint only, not the data.
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

  @OptionGroup var directory: RunDirectoryArgument

  @Option(help: "How many samples (default 64; for a conditional variant without --class, 8 per class).")
  var count: Int?

  @Option(name: .customLong("class"), help: "Conditional variants: the class to draw, by index (0…K−1) or name, or several separated by commas (one png row each). Without it, a png has one row per class.")
  var classLabel: String?

  @Option(help: "The seed of the noise.")
  var seed: UInt64 = 1

  @Option(help: "Latent codes from outside: a float32 .npy of the generator's noise (N, Z), or of the part a latent walk moves (the rest drawn from --seed). One sample per row; --count is not needed.")
  var noise: String?

  @Option(help: "png: a grid or scatter plot; npy: float32 array (N, C, H, W) or (N, D); idx: bytes, images only.")
  var format: Format = .png

  @Option(help: "The file to write (default: <run>/sample-seed<seed>.<format>).")
  var out: String?

  @Flag(help: "png: one row per sample showing each level's image, coarse to fine, for a generator that draws in levels (lapgan); 8 rows, or one per class.")
  var levels = false

  func run() throws {
    if let count, count <= 0 { throw UsageError("--count must be positive, got \(count)") }
    let opened = try Run.open(directory.url, registry: registry, notes: Console.note)
    let given = try noise.map { try opened.noise(fromFile: $0, seed: seed) }
    if let given, let count, count != given.shape[0] {
      throw UsageError("--count \(count) and --noise with \(given.shape[0]) codes disagree; drop --count")
    }
    let asked = given?.shape[0] ?? count
    if format == .idx && opened.data.kind == .points {
      throw UsageError("IDX holds images; \(opened.configuration.dataset) is a point dataset: use --format npy or png")
    }
    if levels && format != .png { throw UsageError("--levels draws a png; drop --format \(format.rawValue)") }
    if levels && noise != nil { throw UsageError("--levels draws every level's noise from --seed; drop --noise") }
    let chosen = try classLabel.map { try $0.split(separator: ",", omittingEmptySubsequences: false).map { try opened.classLabel(String($0)) } }
    // A conditional variant draws the classes asked for (one row each), else one row (png) or
    // run per class.
    var labels: [Int]?
    var columns = Run.gridColumns
    if let chosen, chosen.count == 1 {
      labels = Array(repeating: chosen[0], count: asked ?? (levels ? 8 : 64))
    } else if opened.isConditional, let classCount = opened.classCount {
      let rows = chosen ?? Array(0..<classCount)
      let perClass = asked.map { ($0 + rows.count - 1) / rows.count } ?? (levels ? 1 : Run.gridColumns)
      labels = Array(Sampling.classRows(classCount: rows.count, perClass: perClass).map { rows[$0] }.prefix(asked ?? rows.count * perClass))
      columns = perClass
    }
    if levels {
      let rows = labels?.count ?? asked ?? 8
      let url = out.map(URL.init(fileURLWithPath:)) ?? opened.directory.url.appendingPathComponent("levels-seed\(seed).png")
      try opened.levelPicture(count: rows, seed: seed, labels: labels).writePNG(toFile: url.path)
      Console.say("wrote the levels of \(rows) samples, coarse to fine, to \(url.path)")
      return
    }
    let count = labels?.count ?? asked ?? 64
    let samples = given.map { opened.samples(noise: $0, labels: labels, seed: seed) } ?? opened.samples(count: count, seed: seed, labels: labels)
    let suffix = (noise == nil ? "" : "-noise") + (chosen.map { "-class" + $0.map(String.init).joined(separator: "-") } ?? "")
    let url = out.map(URL.init(fileURLWithPath:)) ?? opened.directory.url.appendingPathComponent("sample-seed\(seed)\(suffix).\(format.rawValue)")
    switch format {
    case .png:
      try opened.picture(of: samples, columns: columns).writePNG(toFile: url.path)
    case .npy:
      try Data(SampleFiles.npy(samples)).write(to: url, options: .atomic)
    case .idx:
      try Data(SampleFiles.idx(samples)).write(to: url, options: .atomic)
    }
    Console.say("wrote \(count) samples (\(Console.shapeText(samples.shape))) to \(url.path)")
  }
}
