import ArgumentParser
import Datasets
import Foundation
import ZooCore
import ZooEvaluation

/// `zoo score`: the sample metrics for arrays made anywhere, beside the floor of real training
/// images when a dataset is given. The work is `SampleScoring`'s; this parses, prints and writes.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score generated samples against real ones: Fréchet and kernel distances, precision/recall, density/coverage, memorisation, data-copying and Parzen log-likelihood.",
    discussion: """
      Samples are a .npy array (float32: (N, C, H, W), (N, H, W, C), (N, H, W), or (N, D) \
      vectors), an IDX file of bytes, or a folder of PNG/JPEG/PGM images. With --dataset mnist the \
      real set defaults to its test split, the memorisation, data-copying and Parzen figures are \
      computed against its splits, and every metric is printed beside the floor: the same metric \
      for real training images in place of the samples. In the reference classifier's features \
      the classes of the samples are counted too, and with --labels (the class each sample was \
      drawn for) how often each class is drawn as asked.
      """)

  @Option(help: "The real samples (default with --dataset: its test split).")
  var real: String?

  @Option(help: "The generated samples.")
  var fake: String

  @Option(help: "classifier (the dataset's reference classifier's features) or pixels (default: classifier with --dataset, pixels without).",
          transform: { text in
            guard let value = SampleScoring.Features(rawValue: text) else {
              throw ValidationError("--features \(text): expected \(SampleScoring.Features.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            return value
          })
  var features: SampleScoring.Features?

  @Option(help: "The dataset to compare with: mnist, or mnist:pad=N for digits padded to N×N.")
  var dataset: String?

  @Option(help: "Conditional samples: the class each was drawn for, an IDX file of bytes (N) or a float32 .npy (N), judged by the reference classifier.")
  var labels: String?

  @OptionGroup var dataRootOption: DataRootOption

  @Option(help: "The scale of float .npy images: -1,1 (the zoo's samples; the default), 0,1 or 0,255 (write --range=-1,1 for the first).",
          transform: { text in
            guard let value = SampleValueRange(rawValue: text) else {
              throw ValidationError("--range \(text): expected \(SampleValueRange.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
          })
  var range: SampleValueRange = .minusOneToOne

  @Option(name: .customLong("kid-subsets"), help: "Pairs of subsets the kernel distance averages.")
  var kidSubsets = 100

  @Option(name: .customLong("kid-subset-size"), help: "Samples per kernel-distance subset (default: 1000, or the smaller set's size).")
  var kidSubsetSize: Int?

  @Option(name: .customLong("copying-cells"), help: "Cells of the data-copying test's k-means partition.")
  var copyingCells = 50

  @Option(help: "The seed of the kernel-distance subsets, the floor's training images and the partition.")
  var seed: UInt64 = 0

  @Flag(name: .customLong("no-training-split"), help: "With --dataset: skip what needs its training split (the floor, memorisation, data copying, the Parzen window).")
  var noTrainingSplit = false

  @Option(help: "Also write the full report as JSON to this file.")
  var json: String?

  func run() throws {
    let data = try dataset.map { try ScoreDataset.load($0, root: DataRoot.resolve(option: dataRootOption.dataRoot)) }
    let fakeSet = try load(fake)
    let realSet = try real.map(load)
    let requestedLabels = try labels.map(RequestedLabels.load)
    let options = SampleScoring.Options(
      features: features ?? (data == nil ? .pixels : .classifier), kernelSubsetCount: kidSubsets, kernelSubsetSize: kidSubsetSize,
      dataCopyingCells: copyingCells, seed: seed, usesTrainingSplit: !noTrainingSplit)
    let bars = StageProgressBars()
    let report = try SampleScoring(options: options).score(fake: fakeSet, real: realSet, dataset: data, requestedLabels: requestedLabels, progress: bars.update)
    bars.finish()
    print(report.table)
    print("scored in \(ProgressBar.formatDuration(report.seconds))")
    if let json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(report).write(to: URL(fileURLWithPath: json), options: .atomic)
      print("wrote \(json)")
    }
  }

  private func load(_ path: String) throws -> SampleSet {
    let (set, notes) = try SampleSet.load(path, range: range)
    notes.forEach(Console.note)
    return set
  }
}
