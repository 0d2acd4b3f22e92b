import ImageFiles
import TensorBackend

/// A scatter plot of 2-D points in colored series (e.g. real data against generated samples),
/// drawn to an RGB `Image` with axes, tick labels, a title and a legend.
///
/// Series are drawn in order, so later series sit on top: put the real data first and the
/// generated samples second to see where the generator lands relative to the modes.
///
///     var plot = ScatterPlot(title: "ring8, step 5000")
///     plot.add("real", points: realBatch)        // (N, 2) tensors
///     plot.add("generated", points: fakeBatch)
///     try plot.write(toFile: "scatter.png")
public struct ScatterPlot: Sendable {
  /// One named set of points.
  public struct Series: Sendable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// `nil` takes the next palette colour (`Color.series(index)`).
    public var color: Color?

    public init(name: String, x: [Double], y: [Double], color: Color? = nil) {
      precondition(x.count == y.count, "ScatterPlot.Series \(name): \(x.count) x values but \(y.count) y values")
      self.name = name
      self.x = x
      self.y = y
      self.color = color
    }

    /// Points from an (N, 2) tensor: column 0 is x, column 1 is y.
    public init(name: String, points: Tensor, color: Color? = nil) {
      precondition(
        points.rank == 2 && points.shape[1] == 2, "ScatterPlot.Series \(name): expected (N, 2) points, got \(points.shape)")
      let values = points.scalars
      self.init(
        name: name, x: stride(from: 0, to: values.count, by: 2).map { values[$0] },
        y: stride(from: 1, to: values.count, by: 2).map { values[$0] }, color: color)
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series] = []
  /// The shown x range; `nil` fits the data with a 5 % margin. Fix it to compare frames of a run.
  public var xRange: ClosedRange<Double>?
  /// The shown y range; `nil` fits the data with a 5 % margin.
  public var yRange: ClosedRange<Double>?
  /// Whether one data unit is as long on both axes (circles stay round); widens one range.
  public var equalAspect = true
  /// Disc radius of a point, in pixels.
  public var pointRadius = 2
  /// Image size in pixels.
  public var width = 640
  public var height = 640
  /// Font pixels per glyph pixel for labels, ticks and legend; the title is one step larger.
  public var fontScale = 2

  public init(title: String = "", xLabel: String = "x1", yLabel: String = "x2") {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// Appends a series of points from an (N, 2) tensor.
  public mutating func add(_ name: String, points: Tensor, color: Color? = nil) {
    series.append(Series(name: name, points: points, color: color))
  }

  /// Appends a series of points given as coordinates.
  public mutating func add(_ name: String, x: [Double], y: [Double], color: Color? = nil) {
    series.append(Series(name: name, x: x, y: y, color: color))
  }

  /// The plot as an RGB image of `width` × `height`.
  public func render() -> Image {
    let xData = xRange.map { AxisScale(lower: $0.lowerBound, upper: $0.upperBound) }
      ?? AxisScale(covering: series.flatMap(\.x))
    let yData = yRange.map { AxisScale(lower: $0.lowerBound, upper: $0.upperBound) }
      ?? AxisScale(covering: series.flatMap(\.y))
    var frame = makeFrame(x: xData, y: yData)
    if equalAspect {
      // Widening a range can change the tick labels and so the margins and the plot area;
      // repeat until the area the ranges were matched to is the area they are drawn in.
      for _ in 0..<4 {
        let (x, y) = Self.matchedAspect(xData, yData, in: frame.plotArea)
        let next = makeFrame(x: x, y: y)
        let settled = next.plotArea == frame.plotArea
        frame = next
        if settled { break }
      }
    }

    var canvas = Canvas(width: width, height: height)
    frame.drawDecorations(on: &canvas)
    canvas.clip = frame.plotArea
    for (index, series) in series.enumerated() {
      let color = series.color ?? Color.series(index)
      for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite {
        canvas.fillDisc(centerX: frame.column(x), centerY: frame.row(y), radius: pointRadius, color: color)
      }
    }
    return canvas.image
  }

  /// Renders the plot and writes it as a PNG file (atomically).
  public func write(toFile path: String) throws(ImageFileError) {
    try render().writePNG(toFile: path)
  }

  private func makeFrame(x: AxisScale, y: AxisScale) -> PlotFrame {
    let legend = series.enumerated().map { index, series in
      PlotFrame.LegendEntry(name: series.name, color: series.color ?? Color.series(index))
    }
    return PlotFrame(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: y,
      legend: legend, marker: .disc, fontScale: fontScale)
  }

  /// The two ranges with the shorter-per-pixel one grown symmetrically about its middle, so
  /// one data unit spans as many pixels on both axes of `area`.
  private static func matchedAspect(_ x: AxisScale, _ y: AxisScale, in area: Canvas.Region) -> (AxisScale, AxisScale) {
    // Pixel spans are length − 1, as in PlotFrame's mapping.
    let columns = Double(max(1, area.width - 1)), rows = Double(max(1, area.height - 1))
    let unitsPerPixel = max((x.upper - x.lower) / columns, (y.upper - y.lower) / rows)
    return (widened(x, to: unitsPerPixel * columns), widened(y, to: unitsPerPixel * rows))
  }

  /// `scale` grown symmetrically about its middle to span `span` (never shrunk).
  private static func widened(_ scale: AxisScale, to span: Double) -> AxisScale {
    let current = scale.upper - scale.lower
    guard span > current else { return scale }
    let middle = (scale.lower + scale.upper) / 2
    return AxisScale(lower: middle - span / 2, upper: middle + span / 2)
  }
}
