import ImageFiles

/// A line plot of several series against one shared x axis (loss curves over training steps),
/// drawn to an RGB `Image` with axes, tick labels, a title and a legend.
///
/// Non-finite values (a diverged loss) leave a gap in their line instead of stretching the axis.
///
///     var plot = LinePlot(title: "losses", xLabel: "step", yLabel: "loss", x: steps)
///     plot.add("discriminator", values: discriminatorLosses)
///     plot.add("generator", values: generatorLosses)
///     try plot.write(toFile: "losses.png")
public struct LinePlot: Sendable {
  /// One named curve; `values[i]` belongs to the plot's `x[i]`.
  public struct Series: Sendable {
    public var name: String
    public var values: [Double]
    /// `nil` takes the next palette colour (`Color.series(index)`).
    public var color: Color?

    public init(name: String, values: [Double], color: Color? = nil) {
      self.name = name
      self.values = values
      self.color = color
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// The shared x coordinates, ascending (e.g. step numbers).
  public var x: [Double]
  public var series: [Series] = []
  /// The shown y range; `nil` fits the finite values with a 5 % margin.
  public var yRange: ClosedRange<Double>?
  /// Line thickness in pixels.
  public var lineThickness = 2
  /// Image size in pixels.
  public var width = 800
  public var height = 500
  /// Font pixels per glyph pixel for labels, ticks and legend; the title is one step larger.
  public var fontScale = 2

  public init(title: String = "", xLabel: String = "step", yLabel: String = "", x: [Double]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.x = x
  }

  /// Appends a series; it needs one value per x coordinate.
  public mutating func add(_ name: String, values: [Double], color: Color? = nil) {
    precondition(values.count == x.count, "LinePlot.add \(name): \(values.count) values for \(x.count) x coordinates")
    series.append(Series(name: name, values: values, color: color))
  }

  /// The plot as an RGB image of `width` × `height`.
  public func render() -> Image {
    let xScale = AxisScale(covering: x, margin: 0)
    let yScale = yRange.map { AxisScale(lower: $0.lowerBound, upper: $0.upperBound) }
      ?? AxisScale(covering: series.flatMap(\.values))
    let legend = series.enumerated().map { index, series in
      PlotFrame.LegendEntry(name: series.name, color: series.color ?? Color.series(index))
    }
    let frame = PlotFrame(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel, x: xScale, y: yScale,
      legend: legend, marker: .line, fontScale: fontScale)

    var canvas = Canvas(width: width, height: height)
    frame.drawDecorations(on: &canvas)
    canvas.clip = frame.plotArea
    for (index, series) in series.enumerated() {
      precondition(series.values.count == x.count, "LinePlot: series \(series.name) has \(series.values.count) values for \(x.count) x coordinates")
      frame.drawCurve(x: x, y: series.values, color: series.color ?? Color.series(index), thickness: lineThickness, on: &canvas)
    }
    return canvas.image
  }

  /// Renders the plot and writes it as a PNG file (atomically).
  public func write(toFile path: String) throws(ImageFileError) {
    try render().writePNG(toFile: path)
  }
}
