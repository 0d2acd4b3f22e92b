import ImageFiles

/// Several line plots in one picture: a title and one shared legend on top, then a grid of
/// panels, each with its own axes, labels and curves (loss curves of several runs, one panel
/// per loss term), drawn to an RGB `Image`.
///
/// Unlike `LinePlot`, every curve carries its own x coordinates, so runs of different lengths or
/// logging intervals share a panel; each panel's axes cover the finite values of its curves.
/// Non-finite values leave gaps.
///
///     var figure = PanelFigure(title: "losses")
///     figure.legend = [.init(name: "gan", color: Color.series(0))]
///     figure.panels = [.init(title: "discriminator loss", xLabel: "step", yLabel: "loss",
///                            curves: [.init(x: steps, y: losses, color: Color.series(0))])]
///     try figure.write(toFile: "compare.png")
public struct PanelFigure: Sendable {
  /// One curve of a panel.
  public struct Curve: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var color: Color

    public init(x: [Double], y: [Double], color: Color) {
      precondition(x.count == y.count, "PanelFigure.Curve: \(x.count) x values but \(y.count) y values")
      self.x = x
      self.y = y
      self.color = color
    }
  }

  /// One plot of the grid.
  public struct Panel: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var curves: [Curve]

    public init(title: String, xLabel: String, yLabel: String, curves: [Curve]) {
      self.title = title
      self.xLabel = xLabel
      self.yLabel = yLabel
      self.curves = curves
    }
  }

  /// One entry of the shared legend.
  public struct LegendEntry: Sendable {
    public var name: String
    public var color: Color

    public init(name: String, color: Color) {
      self.name = name
      self.color = color
    }
  }

  public var title: String
  public var legend: [LegendEntry] = []
  public var panels: [Panel] = []
  /// Panels per row; the grid has as many rows as it needs.
  public var columns = 3
  /// Size of one panel in pixels.
  public var panelWidth = 560
  public var panelHeight = 380
  /// Line thickness in pixels.
  public var lineThickness = 2
  /// Font pixels per glyph pixel for labels, ticks and legend; titles are one step larger.
  public var fontScale = 2

  public init(title: String = "") {
    self.title = title
  }

  /// Where everything goes: the header's height and each panel's rectangle and plot area, in
  /// the figure's pixels.
  public struct Layout: Sendable {
    public var width: Int
    public var height: Int
    /// Each panel's rectangle, in `panels` order.
    public var panels: [Canvas.Region]
    /// Each panel's plot area (inside its axes), in `panels` order.
    public var plotAreas: [Canvas.Region]
  }

  /// The layout `render()` draws.
  public func layout() -> Layout {
    let header = headerHeight(width: figureWidth)
    let rows = (panels.count + columns - 1) / max(1, columns)
    var regions: [Canvas.Region] = [], areas: [Canvas.Region] = []
    for (index, panel) in panels.enumerated() {
      let region = Canvas.Region(
        x: (index % columns) * panelWidth, y: header + (index / columns) * panelHeight, width: panelWidth, height: panelHeight)
      let area = frame(for: panel).plotArea
      regions.append(region)
      areas.append(Canvas.Region(x: region.x + area.x, y: region.y + area.y, width: area.width, height: area.height))
    }
    return Layout(width: figureWidth, height: header + max(1, rows) * panelHeight, panels: regions, plotAreas: areas)
  }

  /// The figure as an RGB image.
  public func render() -> Image {
    let layout = layout()
    var canvas = Canvas(width: layout.width, height: layout.height)
    if !title.isEmpty {
      let titleWidth = BitmapFont.width(of: title, scale: fontScale + 1)
      canvas.drawText(title, x: (canvas.width - titleWidth) / 2, y: PlotFrame.edge, scale: fontScale + 1, color: .black)
    }
    PlotFrame.drawLegend(legendRows(width: layout.width), top: legendTop, marker: .line, fontScale: fontScale, on: &canvas)
    for (panel, region) in zip(panels, layout.panels) {
      let picture = render(panel)
      for y in 0..<picture.height {
        for x in 0..<picture.width {
          let rgb = picture.pixel(x: x, y: y)
          canvas.setPixel(x: region.x + x, y: region.y + y, color: Color(red: rgb[0], green: rgb[1], blue: rgb[2]))
        }
      }
    }
    return canvas.image
  }

  /// Renders the figure and writes it as a PNG file (atomically).
  public func write(toFile path: String) throws(ImageFileError) {
    try render().writePNG(toFile: path)
  }

  private var figureWidth: Int { max(1, min(columns, max(1, panels.count))) * panelWidth }

  private var legendTop: Int {
    PlotFrame.edge + (title.isEmpty ? 0 : BitmapFont.height(scale: fontScale + 1) + PlotFrame.gap)
  }

  private func legendRows(width: Int) -> [[PlotFrame.LegendEntry]] {
    PlotFrame.wrap(legend.map { PlotFrame.LegendEntry(name: $0.name, color: $0.color) }, width: width - 2 * PlotFrame.edge,
                   fontScale: fontScale, marker: .line)
  }

  private func headerHeight(width: Int) -> Int {
    legendTop + legendRows(width: width).count * (BitmapFont.height(scale: fontScale) + PlotFrame.gap) + PlotFrame.gap
  }

  private func frame(for panel: Panel) -> PlotFrame {
    PlotFrame(
      width: panelWidth, height: panelHeight, title: panel.title, xLabel: panel.xLabel, yLabel: panel.yLabel,
      x: AxisScale(covering: panel.curves.flatMap(\.x), margin: 0), y: AxisScale(covering: panel.curves.flatMap(\.y)),
      legend: [], marker: .line, fontScale: fontScale)
  }

  private func render(_ panel: Panel) -> Image {
    let frame = frame(for: panel)
    var canvas = Canvas(width: panelWidth, height: panelHeight)
    frame.drawDecorations(on: &canvas)
    canvas.clip = frame.plotArea
    for curve in panel.curves {
      frame.drawCurve(x: curve.x, y: curve.y, color: curve.color, thickness: lineThickness, on: &canvas)
    }
    return canvas.image
  }
}
