import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

/// The nearest-neighbour grids: the layout of captioned grids, and each row's neighbours
/// against brute force.
@Suite struct NeighbourGridTests {
  @Test func captionedGridPlacesCellsAfterTheLabelsAndUnderTheTitle() {
    // Three gray 2×3 samples: black, white, mid-gray.
    let samples = Tensor(shape: [3, 1, 2, 3], scalars: [Double](repeating: -1, count: 6) + [Double](repeating: 1, count: 6) + [Double](repeating: 0, count: 6))
    let grid = CaptionedGrid(samples, rows: [[0, 1], [2]], title: "title", rowLabels: ["ab", "c"], captions: [["x", "y"], ["z"]], scale: 3)
    let labelWidth = BitmapFont.width(of: "ab") + CaptionedGrid.gap
    let top = CaptionedGrid.margin + BitmapFont.height() + CaptionedGrid.gap
    #expect(grid.cellOrigin(row: 0, column: 0) == (CaptionedGrid.margin + labelWidth, top))
    let rowStride = 2 * 3 + BitmapFont.height() + 1 + CaptionedGrid.gap
    #expect(grid.cellOrigin(row: 1, column: 0).y == top + rowStride)
    #expect(grid.cellOrigin(row: 0, column: 1).x == CaptionedGrid.margin + labelWidth + 3 * 3 + CaptionedGrid.gap)
    #expect(grid.image.height == top + 2 * rowStride - CaptionedGrid.gap + CaptionedGrid.margin)
    let black = grid.cellOrigin(row: 0, column: 0), white = grid.cellOrigin(row: 0, column: 1), gray = grid.cellOrigin(row: 1, column: 0)
    #expect(grid.image.pixel(x: black.x + 8, y: black.y + 5) == [0, 0, 0])
    #expect(grid.image.pixel(x: white.x, y: white.y) == [255, 255, 255])
    #expect(grid.image.pixel(x: gray.x + 1, y: gray.y + 1) == [128, 128, 128])
    // The caption band under a cell holds ink.
    let band = (0..<grid.cellWidth).flatMap { x in (0..<BitmapFont.height()).map { grid.image.pixel(x: black.x + x, y: black.y + grid.cellHeight + 1 + $0) } }
    #expect(band.contains { $0 != [255, 255, 255] })
  }

  @Test func eachRowShowsASampleThenItsNearestTrainingImagesByBruteForce() throws {
    let comparison = ComparisonTestData.comparison()
    let figures = EvaluationFigures()
    let subject = ComparisonTestData.subject(WalkTestGenerators.Linear(latentDimension: 3, side: 4), figures: figures)
    var metric = NeighbourGridMetric(comparison: comparison, spaces: [.pixels])
    metric.k = 3
    metric.randomRows = 2
    metric.closestRows = 2
    let report = try metric.evaluate(subject)
    let rows = try #require(report.rows.pixels)
    #expect(rows.map(\.choice) == ["random", "random", "closest", "closest"])
    #expect(rows[0].sample == 0 && rows[1].sample == 1)
    let samples = try comparison.features(.samples, in: .pixels, subject: subject)
    let training = try comparison.features(.training, in: .pixels, subject: subject)
    let distances = MetricTestData.squaredDistances(samples, training)
    let nearest = distances.map { $0.min()! }
    let closest = (2..<samples.count).sorted { (nearest[$0], $0) < (nearest[$1], $1) }.prefix(2)
    #expect(rows[2...].map(\.sample) == Array(closest))
    for row in rows {
      let order = distances[row.sample].indices.sorted { (distances[row.sample][$0], $0) < (distances[row.sample][$1], $1) }
      #expect(row.neighbours == Array(order.prefix(3)), "sample \(row.sample)")
      for (index, distance) in zip(row.neighbours, row.distances) {
        #expect(abs(distance - distances[row.sample][index].squareRoot()) <= 1e-6)
      }
    }
    // The figure: one row per sample, the sample then its k neighbours; the first neighbour's
    // cell shows that training image.
    let figure = try #require(figures.figures.first { $0.name == "neighbours-pixels.png" }).image
    let images = comparison.dataset.training.values.gathered(rows: [rows[0].neighbours[0]]).floats
    let layout = CaptionedGrid(Tensor(repeating: 0, shape: [16, 1, 4, 4]), rows: (0..<4).map { Array($0 * 4..<($0 + 1) * 4) }, title: "t", captions: (0..<4).map { _ in ["a", "b", "c", "d"] })
    let cell = layout.cellOrigin(row: 0, column: 1)
    #expect(figure.height == layout.image.height)
    #expect(figure.pixel(x: cell.x, y: cell.y)[0] == SampleGrid.byte(Double(images[0]) * 2 - 1))
  }
}
