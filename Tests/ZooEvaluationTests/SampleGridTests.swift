import Testing
import ImageFiles
import TensorBackend
import ZooEvaluation

@Suite struct SampleGridTests {
  /// N gray 2×3 samples where sample n has every pixel equal to `level(n)`, except pixel
  /// (x: 2, y: 1) which is 1 (white) so orientation is checkable.
  static func graySamples(_ n: Int, level: (Int) -> Double) -> Tensor {
    var values: [Double] = []
    for sample in 0..<n {
      for y in 0..<2 {
        for x in 0..<3 { values.append(x == 2 && y == 1 ? 1 : level(sample)) }
      }
    }
    return Tensor(shape: [n, 1, 2, 3], scalars: values)
  }

  @Test func grayLayoutPlacesCellsRowMajorWithPadding() {
    // Levels −1, −0.5, 0 → bytes 0, 64, 128.
    let grid = SampleGrid(Self.graySamples(3) { -1 + 0.5 * Double($0) }, columns: 2, padding: 1, background: 200)
    let image = grid.image
    #expect(grid.rows == 2 && grid.columns == 2 && grid.cellWidth == 3 && grid.cellHeight == 2)
    // Width = columns × (W + padding) + padding = 2 × 4 + 1; height = 2 × 3 + 1.
    #expect(image.width == 9 && image.height == 7 && image.channels == 1)
    #expect(grid.cellOrigin(row: 0, column: 1) == (5, 1))
    #expect(grid.cellOrigin(row: 1, column: 0) == (1, 4))

    let expectedLevels: [(row: Int, column: Int, byte: UInt8)] = [(0, 0, 0), (0, 1, 64), (1, 0, 128)]
    for cell in expectedLevels {
      let origin = grid.cellOrigin(row: cell.row, column: cell.column)
      #expect(image[x: origin.x, y: origin.y, channel: 0] == cell.byte)
      #expect(image[x: origin.x + 1, y: origin.y + 1, channel: 0] == cell.byte)
      #expect(image[x: origin.x + 2, y: origin.y + 1, channel: 0] == 255, "bottom-right pixel of each cell is white")
    }
    // Padding rows and columns, and the unused fourth cell, are background.
    for x in 0..<9 {
      #expect(image[x: x, y: 0, channel: 0] == 200)
      #expect(image[x: x, y: 3, channel: 0] == 200)
      #expect(image[x: x, y: 6, channel: 0] == 200)
    }
    for y in 0..<7 { #expect(image[x: 4, y: y, channel: 0] == 200) }
    for y in 4...5 {
      for x in 5...7 { #expect(image[x: x, y: y, channel: 0] == 200) }
    }
  }

  @Test func valuesMapFromMinusOneOneAndClamp() {
    let values: [Double] = [-1, 1, 0, 2, -3, .nan, 0.5, -0.5]
    let grid = SampleGrid(Tensor(shape: [1, 1, 1, 8], scalars: values), padding: 0)
    // round((v + 1) / 2 × 255); out-of-range values clamp; NaN draws black.
    #expect(grid.image.pixels == [0, 255, 128, 255, 0, 0, 191, 64])
  }

  @Test func rgbChannelsInterleave() {
    // One 1×2 RGB sample: pixel 0 is red, pixel 1 is (R, G, B) = (0, 255, 128).
    let scalars: [Double] = [1, -1, -1, 1, -1, 0]  // R plane, G plane, B plane
    let grid = SampleGrid(Tensor(shape: [1, 3, 1, 2], scalars: scalars), padding: 1, background: 0)
    #expect(grid.image.channels == 3)
    #expect(grid.image.width == 4 && grid.image.height == 3)
    #expect(grid.image.pixel(x: 1, y: 1) == [255, 0, 0])
    #expect(grid.image.pixel(x: 2, y: 1) == [0, 255, 128])
    #expect(grid.image.pixel(x: 0, y: 0) == [0, 0, 0])
  }

  @Test func perRowLayout() {
    let samples = Self.graySamples(3) { Double($0) / 2 - 1 }  // bytes 0, 64, 128
    let grid = SampleGrid(samples, rows: [[2], [0, 1, 2]], padding: 2)
    #expect(grid.rows == 2 && grid.columns == 3)
    #expect(grid.image.width == 3 * 5 + 2 && grid.image.height == 2 * 4 + 2)
    let image = grid.image
    func level(_ row: Int, _ column: Int) -> UInt8 {
      let origin = grid.cellOrigin(row: row, column: column)
      return image[x: origin.x, y: origin.y, channel: 0]
    }
    #expect(level(0, 0) == 128)
    #expect(level(0, 1) == 255 && level(0, 2) == 255, "row 0 has one sample; the rest is background")
    #expect([level(1, 0), level(1, 1), level(1, 2)] == [0, 64, 128])
  }

  @Test func defaultColumnsMakeANearSquareGrid() {
    let grid = SampleGrid(Self.graySamples(5) { _ in 0 })
    #expect(grid.columns == 3 && grid.rows == 2)
    let single = SampleGrid(Self.graySamples(1) { _ in 0 })
    #expect(single.columns == 1 && single.rows == 1)
    let many = SampleGrid(Self.graySamples(64) { _ in 0 })
    #expect(many.columns == 8 && many.rows == 8)
  }

  @Test func doublePrecisionSamples() {
    let samples = Tensor(shape: [1, 1, 1, 2], scalars: [-1, 1], dtype: .float64)
    #expect(SampleGrid(samples, padding: 0).image.pixels == [0, 255])
  }

  @Test func writesAReadablePNG() throws {
    let path = "/tmp/SampleGridTests-\(UInt32.random(in: 0...UInt32.max)).png"
    var generator = SplitMix64(seed: 4)
    let grid = SampleGrid(Tensor.randomUniform([6, 3, 5, 4], low: -1, high: 1, using: &generator), columns: 3)
    try grid.write(toFile: path)
    #expect(try Image(pngFile: path) == grid.image)
    try? removeFile(path)
  }
}

#if canImport(Glibc)
import Glibc
#endif

func removeFile(_ path: String) throws { unlink(path) }
