import Foundation
import ImageFiles
import TensorBackend

/// The nearest-neighbour check of Goodfellow et al. 2014 (figure 2) as a picture: rows of a
/// sample followed by its k nearest training images, the distance printed under each, in pixel
/// space and in the reference classifier's feature space (neighbours-pixels.png,
/// neighbours-classifier.png). Half the rows are the first samples drawn (what the generator
/// usually makes), half the samples nearest to any training image (the likeliest copies); a
/// generator that copies shows a neighbour identical to its sample.
public struct NeighbourGridMetric: SampleMetric {
  public let comparison: SampleComparison
  public let spaces: [SampleScoring.Features]
  /// k, neighbours per row.
  public var k = 5
  /// Rows of each kind: random samples, and the samples closest to the training set.
  public var randomRows = 4
  public var closestRows = 4

  public init(comparison: SampleComparison, spaces: [SampleScoring.Features]? = nil) {
    self.comparison = comparison
    self.spaces = spaces ?? comparison.spaces
  }

  public var key: String { "nearest-neighbours" }

  /// The figure's file name for `space`.
  public static func figureName(_ space: SampleScoring.Features) -> String { "neighbours-\(space.rawValue).png" }

  public func evaluate(_ subject: EvaluationSubject) throws -> NeighbourGridReport {
    var rows = FeatureSpaceReports<[NeighbourGridReport.Row]>()
    var figures: [String] = []
    let samples = try comparison.samples(of: subject), training = comparison.dataset.training
    for space in spaces {
      let nearest = try comparison.nearestTraining(of: .samples, in: space, subject: subject).distances
      let random = Array(0..<min(randomRows, samples.count))
      let closest = Array(nearest.indices.filter { $0 >= random.count }.sorted { (nearest[$0], $0) < (nearest[$1], $1) }.prefix(closestRows))
      let chosen = random + closest
      let queries = try comparison.features(.samples, in: space, subject: subject).rows(chosen)
      let found = try NearestNeighbours(references: comparison.features(.training, in: space, subject: subject)).search(queries, k: k)
      let gridRows = chosen.enumerated().map { r, sample in
        let neighbours = found.neighbours(of: r)
        return NeighbourGridReport.Row(
          sample: sample, choice: r < random.count ? "random" : "closest", neighbours: neighbours.map(\.index), distances: neighbours.map(\.distance))
      }
      rows[space] = gridRows
      let name = Self.figureName(space)
      subject.figures.add(Self.picture(gridRows, samples: samples, training: training, space: space), named: name)
      figures.append(name)
    }
    return NeighbourGridReport(k: k, rows: rows, figures: figures)
  }

  /// The grid: per row the sample (captioned by how it was chosen), then its neighbours
  /// (captioned by their distance).
  static func picture(_ rows: [NeighbourGridReport.Row], samples: SampleSet, training: SampleSet, space: SampleScoring.Features) -> Image {
    let columns = 1 + (rows.first?.neighbours.count ?? 0)
    let images = Tensor.concatenate(rows.flatMap { row in
      [samples.values.gathered(rows: [row.sample]), training.values.gathered(rows: row.neighbours)]
    }, alongAxis: 0)
    let cells = (images * 2 - 1).reshaped(to: [images.shape[0]] + samples.sampleShape)
    let layout = rows.indices.map { Array($0 * columns..<($0 + 1) * columns) }
    let digits = space == .pixels ? "%.2f" : "%.1f"
    let captions = rows.map { row in [row.choice] + row.distances.map { String(format: digits, $0) } }
    let title = "sample, then its \(columns - 1) nearest training images, distance in "
      + (space == .pixels ? "pixels on [0, 1]" : "classifier features")
    return CaptionedGrid(cells, rows: layout, title: title, captions: captions).image
  }

  public func summary(of report: NeighbourGridReport) -> [String] {
    report.rows.measured.map { space, rows in
      let closest = rows.filter { $0.choice == "closest" }.compactMap(\.distances.first).min()
      return String(format: "nearest neighbours, %@: the closest sample lies %.4g from a training image", space.rawValue, closest ?? .nan)
    } + ["  figures: " + report.figures.joined(separator: ", ")]
  }

  public func shortfalls(of report: NeighbourGridReport) -> [String] { [] }
}
