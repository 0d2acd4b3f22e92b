import ArgumentParser
import Datasets
import Foundation
import TensorBackend
import ZooCore
import ZooEvaluation
import ZooBenchmarks
import ZooRuns

/// `zoo data …`: fetch datasets into the data root, describe them, look at them, and time their
/// loaders.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data", abstract: "Fetch, describe, show and time datasets.",
    subcommands: [Fetch.self, Info.self, Show.self, Bench.self])

  /// `zoo data fetch mnist`: downloads, verifies and stores a dataset's files.
  struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Download a dataset's files into the data root, verified by SHA-256 (written atomically: nothing half-written is left).")

    @Argument(help: "The dataset: mnist.")
    var dataset: String

    @Option(help: "Where to fetch from: an http(s) URL of the folder holding the files, or a local folder (default: \(MNIST.defaultMirror)).")
    var from: String?

    @OptionGroup var location: DataRootOption

    @Option(help: "Seconds without data before a transfer is abandoned.")
    var timeout: Double = 30

    func run() throws {
      guard dataset == DataCatalog.mnistName else {
        throw UsageError(unknown: dataset, kind: "fetchable dataset", valid: [DataCatalog.mnistName])
      }
      guard timeout > 0 else { throw UsageError("--timeout must be positive, got \(timeout)") }
      let root = DataRoot.resolve(option: location.dataRoot)
      let folder = root.folder(for: MNIST.folderName)
      print("fetching MNIST into \(folder) (data root \(root))")
      try DatasetDownload.fetch(
        MNIST.files, from: from ?? MNIST.defaultMirror, into: folder,
        timeouts: DatasetDownload.Timeouts(idle: timeout, total: max(timeout, 900))) { print("  \($0)") }
      let images = try MNIST.load(from: folder)
      print("MNIST is ready: \(images.count) training images of \(images.width)×\(images.height); train with --dataset mnist\(location.dataRoot.map { " --data-root \($0)" } ?? "")")
    }
  }

  /// `zoo data info <dataset>`: what a dataset looks like to a model.
  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Describe a dataset: kind, sample shape, classes, epoch size.")

    @Argument(help: "The dataset: a name (see `zoo list`) or a folder of images, with options after a colon.")
    var dataset: String

    @OptionGroup var location: DataRootOption

    func run() throws {
      let source = try DataCatalog.source(named: dataset, dataRoot: location.dataRoot, notes: Console.note)
      let description = source.description
      print("\(dataset): \(description.kind.rawValue), sample shape [\(description.sampleShape.map(String.init).joined(separator: ", "))]")
      if let classes = description.classCount { print("  classes: \(classes)") }
      if let names = (source as? ImageDatasetSource)?.batches.images.classNames {
        print("  class names: \(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", …" : "")")
      }
      print("  samples per epoch: \(description.epochSize.map(String.init) ?? "none (drawn afresh for every batch)")")
      if let range = description.valueRange { print("  values in \(range.lowerBound)...\(range.upperBound)") }
    }
  }

  /// `zoo data show <dataset>`: a grid of real samples, one row per class when there are few.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Draw a grid of a dataset's samples into a PNG (one row per class for up to 16 classes).")

    @Argument(help: "The dataset: a name (see `zoo list`) or a folder of images, with options after a colon.")
    var dataset: String

    @Option(help: "Samples per row when rows are classes; the total otherwise.")
    var count = 8

    @Option(help: "The seed of the draw.")
    var seed: UInt64 = 0

    @Option(help: "The PNG file to write (default: <dataset>.png).")
    var out: String?

    @Option(help: "For shapes: also write each shown sample's factors (row, column, class, center, scale, rotation, color) as CSV.")
    var factors: String?

    @OptionGroup var location: DataRootOption

    func run() throws {
      guard count > 0 && count <= 1024 else { throw UsageError("--count must be in 1...1024, got \(count)") }
      var source = try DataCatalog.source(named: dataset, dataRoot: location.dataRoot, seed: seed, notes: Console.note)
      if source.description.kind == .points {
        throw UsageError("\(dataset) is a point dataset; `zoo data show` draws images (train on it and look at samples.png)")
      }
      var generator = SplitMix64(seed: seed)
      let classes = source.description.classCount ?? 0
      let byClass = classes > 1 && classes <= 16
      // When rows are classes, draw enough to fill each row (bounded, for rare classes).
      let drawn = byClass ? max(count * classes * 4, 64) : count
      let batch = try source.nextBatch(size: drawn, using: &generator)
      var layout: [[Int]]
      if byClass, let labels = batch.labels?.scalars {
        layout = (0..<classes).map { k in Array(labels.indices.filter { Int(labels[$0]) == k }.prefix(count)) }.filter { !$0.isEmpty }
      } else {
        let columns = Int(Double(drawn).squareRoot().rounded(.up))
        layout = stride(from: 0, to: drawn, by: columns).map { Array($0..<min($0 + columns, drawn)) }
      }
      let path = out ?? "\(DataCatalog.runName(for: dataset)).png"
      try SampleGrid(batch.samples, rows: layout).write(toFile: path)
      print("wrote \(layout.joined().count) samples of \(dataset) to \(path)\(byClass ? " (one row per class)" : "")")
      if let factors {
        guard let shapes = source as? ShapesSource else { throw UsageError("--factors: only the procedural shapes dataset has factors") }
        var csv = "row,column,class,centerX,centerY,scale,rotation,red,green,blue\n"
        for (row, indices) in layout.enumerated() {
          for (column, index) in indices.enumerated() {
            let f = shapes.lastFactors[index]
            csv += "\(row),\(column),\(f.kind.name),\(f.centerX),\(f.centerY),\(f.scale),\(f.rotation),\(f.color.map { String($0) }.joined(separator: ","))\n"
          }
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: factors), options: .atomic)
        print("wrote their factors to \(factors)")
      }
    }
  }

  /// `zoo data bench <dataset>`: how fast the loader hands out batches, to compare with a
  /// training step's images per second (`zoo bench gan-mlp`).
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time a dataset's loading and batching (images per second), to compare with `zoo bench`.")

    @Argument(help: "The dataset: a name (see `zoo list`) or a folder of images, with options after a colon.")
    var dataset: String

    @Option(help: "Samples per batch.")
    var batch = 64

    @OptionGroup var measurement: MeasurementOptions

    @OptionGroup var location: DataRootOption

    func run() throws {
      guard batch > 0, measurement.windows > 0, measurement.windowSeconds ?? 1 > 0 else { throw UsageError("--batch, --windows and --window-seconds must be positive") }
      let start = ThroughputMeasurement.now()
      var source = try DataCatalog.source(named: dataset, dataRoot: location.dataRoot, notes: Console.note)
      let loadSeconds = ThroughputMeasurement.now() - start
      var generator = SplitMix64(seed: 0)
      var failure: Error?
      let measurement = ThroughputMeasurement.measure(
        itemsPerCall: batch, warmupSeconds: 0.5, warmupCalls: 3, windows: measurement.windows, windowSeconds: measurement.windowSeconds ?? 1
      ) {
        guard failure == nil else { return }
        do { _ = try source.nextBatch(size: batch, using: &generator) } catch { failure = error }
      }
      if let failure { throw failure }
      let size = source.description.epochSize.map { "\($0) samples" } ?? "procedural"
      print(String(format: "%@ (%@): set up in %.2f s; batches of %d: %.0f img/s (min %.0f, max %.0f)",
                   dataset, size, loadSeconds, batch, measurement.median,
                   measurement.windowRates.min()!, measurement.windowRates.max()!))
    }
  }
}
