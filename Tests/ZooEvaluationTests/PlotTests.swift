import Foundation
import Testing
import Datasets
import ImageFiles
import TensorBackend
@testable import ZooEvaluation

@Suite struct PlotTests {
  /// How many pixels of an RGB image have exactly `color`.
  static func count(_ color: Color, in image: Image, where region: ((Int, Int) -> Bool)? = nil) -> Int {
    let pixels = image.pixels
    var total = 0
    for index in stride(from: 0, to: pixels.count, by: 3)
    where pixels[index] == color.red && pixels[index + 1] == color.green && pixels[index + 2] == color.blue {
      let pixel = index / 3
      if region?(pixel % image.width, pixel / image.width) ?? true { total += 1 }
    }
    return total
  }

  @Test func scatterPlotHasSizeSeriesColoursAndText() {
    var generator = SplitMix64(seed: 1)
    var plot = ScatterPlot(title: "ring8: real vs generated")
    plot.add("real", points: GaussianMixture.ring8.sample(count: 500, using: &generator))
    plot.add("generated", points: Tensor.randomNormal([300, 2], using: &generator))
    plot.width = 500
    plot.height = 420
    let image = plot.render()
    #expect(image.width == 500 && image.height == 420 && image.channels == 3)
    #expect(Self.count(Color.series(0), in: image) > 200, "real points in palette blue")
    #expect(Self.count(Color.series(1), in: image) > 200, "generated points in palette orange")
    #expect(Self.count(.darkGray, in: image) > 500, "axes, ticks and labels")
    #expect(Self.count(.black, in: image) > 100, "title")
    #expect(Self.count(.white, in: image) > image.width * image.height / 2, "mostly background")
  }

  @Test func scatterPointsLandWhereTheirCoordinatesSay() {
    var plot = ScatterPlot()
    plot.xRange = -1...1
    plot.yRange = -1...1
    let red = Color(red: 250, green: 0, blue: 0)
    plot.add("corner", x: [0.9], y: [0.9], color: red)
    plot.width = 400
    plot.height = 400
    let image = plot.render()
    // The legend swatch is red too; it sits in the top 30 rows, above the plot area.
    var xs: [Int] = [], ys: [Int] = []
    for y in 30..<image.height {
      for x in 0..<image.width where image.pixel(x: x, y: y) == red.samples {
        xs.append(x)
        ys.append(y)
      }
    }
    #expect(xs.count == 21, "a radius-2 disc is 21 pixels, found \(xs.count)")
    let centerX = Double(xs.reduce(0, +)) / Double(max(1, xs.count))
    let centerY = Double(ys.reduce(0, +)) / Double(max(1, ys.count))
    #expect(centerX > 0.8 * 400 && centerY < 0.25 * 400, "point drawn at (\(centerX), \(centerY))")
  }

  @Test func equalAspectKeepsCirclesRound() {
    // Points on the unit circle: the pixel extents along x and y must match.
    var plot = ScatterPlot()
    let angles = (0..<360).map { Double($0) * Double.pi / 180 }
    plot.add("circle", x: angles.map { cos($0) }, y: angles.map { sin($0) }, color: Color(red: 0, green: 0, blue: 250))
    plot.width = 700
    plot.height = 400
    plot.pointRadius = 0
    let image = plot.render()
    var xs: [Int] = [], ys: [Int] = []
    // Start below the legend row (its swatch has the series colour too).
    for y in 30..<image.height {
      for x in 0..<image.width where image.pixel(x: x, y: y) == [0, 0, 250] {
        xs.append(x)
        ys.append(y)
      }
    }
    let width = xs.max()! - xs.min()!, height = ys.max()! - ys.min()!
    #expect(abs(width - height) <= 2, "circle spans \(width) × \(height) pixels")
  }

  @Test func linePlotHasSizeAndSeriesColoursAndSurvivesGaps() {
    let steps = (0..<100).map(Double.init)
    var plot = LinePlot(title: "losses", xLabel: "step", yLabel: "loss", x: steps)
    plot.add("discriminator", values: steps.map { 1 / (1 + $0) })
    plot.add("generator", values: steps.map { $0 == 50 ? .nan : 2 - $0 / 100 })
    plot.add("diverged", values: steps.map { $0 > 10 ? .infinity : 0.5 })
    plot.add("empty", values: steps.map { _ in .nan })
    let image = plot.render()
    #expect(image.width == 800 && image.height == 500 && image.channels == 3)
    for index in 0..<3 {
      #expect(Self.count(Color.series(index), in: image) > 60, "series \(index) colour present")
    }
  }

  @Test func constantSeriesAndSinglePointStillRender() {
    var plot = LinePlot(x: [0])
    plot.add("single", values: [3])
    plot.width = 300
    plot.height = 200
    let image = plot.render()
    #expect(image.width == 300 && image.height == 200)
    #expect(Self.count(Color.series(0), in: image) > 0)

    var flat = LinePlot(x: [0, 1, 2])
    flat.add("flat", values: [0, 0, 0])
    #expect(Self.count(Color.series(0), in: flat.render()) > 100)
  }

  @Test func pointsFarOutsideAFixedRangeAreClippedNotTrapped() {
    var scatter = ScatterPlot()
    scatter.xRange = -1...1
    scatter.yRange = -1...1
    scatter.add("far", x: [1e30, -1e300, 0], y: [0, 1e300, 0])
    #expect(Self.count(Color.series(0), in: scatter.render()) > 0)

    var line = LinePlot(x: [0, 1, 2, 3])
    line.yRange = 0...1
    line.add("diverging", values: [0.5, 1e30, -1e300, 0.5])
    #expect(Self.count(Color.series(0), in: line.render()) > 0)
    let huge = AxisScale(covering: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude])
    #expect(!huge.ticks.isEmpty)
  }

  @Test func emptyScatterRenders() {
    let image = ScatterPlot(title: "nothing yet").render()
    #expect(image.width == 640 && image.height == 640)
  }

  @Test func writesPNGFiles() throws {
    var plot = LinePlot(x: [0, 1])
    plot.add("a", values: [0, 1])
    let path = "/tmp/PlotTests-\(UInt32.random(in: 0...UInt32.max)).png"
    try plot.write(toFile: path)
    #expect(try Image(pngFile: path) == plot.render())
    try removeFile(path)
  }

  // MARK: Font and axes

  @Test func fontCoversPlotText() {
    let text = "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz .,-:+=()[]/%_'!?×"
    for character in text {
      #expect(BitmapFont.hasGlyph(for: character), "no glyph for \(character)")
    }
    #expect(!BitmapFont.hasGlyph(for: "σ"))
    #expect(BitmapFont.width(of: "ab", scale: 2) == (2 * 6 - 1) * 2)
    #expect(BitmapFont.width(of: "") == 0)
    // '1' has its stem in the middle column; 'g' reaches below the baseline.
    #expect(BitmapFont.isSet("1", column: 2, row: 3) && !BitmapFont.isSet("1", column: 0, row: 3))
    #expect(BitmapFont.isSet("g", column: 2, row: 8) && !BitmapFont.isSet("a", column: 2, row: 8))
  }

  @Test func textDrawsInTheFontsPixels() {
    var canvas = Canvas(width: 20, height: 12)
    canvas.drawText("1", x: 1, y: 1, scale: 1, color: .black)
    let image = canvas.image
    // The stem of '1' is column 2 of the glyph, rows 0–6.
    for row in 0..<7 { #expect(image.pixel(x: 3, y: 1 + row) == [0, 0, 0]) }
    #expect(image.pixel(x: 1, y: 4) == [255, 255, 255])
  }

  @Test func niceTicks() {
    let scale = AxisScale(lower: 0, upper: 10)
    #expect(scale.ticks == [0, 2, 4, 6, 8, 10])
    #expect(scale.ticks.map(scale.label) == ["0", "2", "4", "6", "8", "10"])

    let unit = AxisScale(lower: -1, upper: 1)
    #expect(unit.ticks == [-1, -0.5, 0, 0.5, 1])
    #expect(unit.ticks.map(unit.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])

    let small = AxisScale(lower: 0.001, upper: 0.0042)
    #expect(small.ticks.map(small.label) == ["0.0010", "0.0015", "0.0020", "0.0025", "0.0030", "0.0035", "0.0040"])

    let large = AxisScale(lower: 0, upper: 250_000)
    #expect(large.ticks.map(large.label).first == "0.0e+00")

    let constant = AxisScale(covering: [3, 3, 3])
    #expect(constant.lower < 3 && constant.upper > 3)
    let nothing = AxisScale(covering: [.nan, .infinity])
    #expect(nothing.lower == 0 && nothing.upper == 1)
  }
}
