/// What every plot shares: the layout of title, legend, axes and labels around a plot area, the
/// map from data to pixels, and the drawing of everything except the data.
///
///     ┌────────────────────────────────┐
///     │             title              │
///     │   ● series 1   ● series 2  …   │  legend rows (above the data, so they never hide it)
///     │ y ┌──────────────────────────┐ │
///     │ l │        plot area         │ │
///     │ a │                          │ │
///     │ b └──────────────────────────┘ │
///     │     ticks      x label         │
///     └────────────────────────────────┘
struct PlotFrame {
  struct LegendEntry {
    let name: String
    let color: Color
  }

  enum LegendMarker {
    case disc
    case line
  }

  let title: String
  let xLabel: String
  let yLabel: String
  let x: AxisScale
  let y: AxisScale
  let legend: [LegendEntry]
  let marker: LegendMarker
  /// Font pixels per glyph pixel for ticks, labels and legend; the title is one step larger.
  let fontScale: Int
  /// Where the data goes, inside the axes frame.
  let plotArea: Canvas.Region
  private let legendRows: [[LegendEntry]]
  private let legendTop: Int

  static let edge = 8
  static let gap = 6
  private static let tickLength = 4

  init(
    width: Int, height: Int, title: String, xLabel: String, yLabel: String, x: AxisScale, y: AxisScale,
    legend: [LegendEntry], marker: LegendMarker, fontScale: Int
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.x = x
    self.y = y
    self.legend = legend
    self.marker = marker
    self.fontScale = fontScale
    let textHeight = BitmapFont.height(scale: fontScale)

    var top = Self.edge
    if !title.isEmpty { top += BitmapFont.height(scale: fontScale + 1) + Self.gap }
    legendTop = top
    legendRows = Self.wrap(legend, width: width - 2 * Self.edge, fontScale: fontScale, marker: marker)
    top += legendRows.count * (textHeight + Self.gap)
    top += Self.gap

    var left = Self.edge
    if !yLabel.isEmpty { left += textHeight + Self.gap }
    left += y.ticks.map { BitmapFont.width(of: y.label($0), scale: fontScale) }.max() ?? 0
    left += Self.gap + Self.tickLength

    var bottom = Self.edge + textHeight + Self.gap + Self.tickLength
    if !xLabel.isEmpty { bottom += textHeight + Self.gap }
    // Room for half of the last x tick label, which is centred on the right edge.
    let right = Self.edge + (x.ticks.last.map { BitmapFont.width(of: x.label($0), scale: fontScale) / 2 } ?? 0)

    plotArea = Canvas.Region(
      x: left, y: top, width: max(1, width - left - right), height: max(1, height - top - bottom))
  }

  /// The pixel column of data value `value` on the x axis.
  func column(_ value: Double) -> Int {
    plotArea.x + Self.pixel(x.position(of: value, length: plotArea.width - 1), band: plotArea.width)
  }

  /// The pixel row of data value `value` on the y axis (y grows upwards in data, downwards in pixels).
  func row(_ value: Double) -> Int {
    plotArea.y + plotArea.height - 1 - Self.pixel(y.position(of: value, length: plotArea.height - 1), band: plotArea.height)
  }

  /// `offset` rounded to a pixel and pulled into the band of one plot size beyond either edge.
  /// Values outside a fixed axis range can be astronomically far away; the band keeps the Int
  /// conversion from trapping and line drawing short, and only bends segments that leave the
  /// plot steeply anyway (what is drawn is clipped to the plot area).
  private static func pixel(_ offset: Double, band length: Int) -> Int {
    Int(min(max(offset, -Double(length)), 2 * Double(length)).rounded())
  }

  /// Draws the curve through (`x[i]`, `y[i]`) in the plot area (clip the canvas to it first);
  /// a non-finite value leaves a gap in the line, and a lone point between gaps a dot.
  func drawCurve(x: [Double], y: [Double], color: Color, thickness: Int, on canvas: inout Canvas) {
    var previous: (column: Int, row: Int)?
    for (x, value) in zip(x, y) {
      guard x.isFinite, value.isFinite else {
        previous = nil
        continue
      }
      let point = (column: column(x), row: row(value))
      if let previous {
        canvas.drawLine(fromX: previous.column, fromY: previous.row, toX: point.column, toY: point.row, color: color, thickness: thickness)
      } else {
        // A lone point between gaps would otherwise not show at all.
        canvas.fillRectangle(x: point.column - thickness / 2, y: point.row - thickness / 2, width: thickness, height: thickness, color: color)
      }
      previous = point
    }
  }

  /// Title, legend, grid, axes frame, ticks and labels: everything but the data.
  func drawDecorations(on canvas: inout Canvas) {
    let textHeight = BitmapFont.height(scale: fontScale)
    let area = plotArea
    if !title.isEmpty {
      let titleWidth = BitmapFont.width(of: title, scale: fontScale + 1)
      canvas.drawText(title, x: (canvas.width - titleWidth) / 2, y: Self.edge, scale: fontScale + 1, color: .black)
    }
    drawLegend(on: &canvas)

    for tick in x.ticks {
      let px = column(tick)
      canvas.fillRectangle(x: px, y: area.y, width: 1, height: area.height, color: .lightGray)
      canvas.fillRectangle(x: px, y: area.y + area.height, width: 1, height: Self.tickLength, color: .darkGray)
      let label = x.label(tick)
      let labelWidth = BitmapFont.width(of: label, scale: fontScale)
      canvas.drawText(
        label, x: px - labelWidth / 2, y: area.y + area.height + Self.tickLength + Self.gap / 2, scale: fontScale)
    }
    for tick in y.ticks {
      let py = row(tick)
      canvas.fillRectangle(x: area.x, y: py, width: area.width, height: 1, color: .lightGray)
      canvas.fillRectangle(x: area.x - Self.tickLength, y: py, width: Self.tickLength, height: 1, color: .darkGray)
      let label = y.label(tick)
      let labelWidth = BitmapFont.width(of: label, scale: fontScale)
      canvas.drawText(
        label, x: area.x - Self.tickLength - Self.gap / 2 - labelWidth, y: py - BitmapFont.capHeight(scale: fontScale) / 2,
        scale: fontScale)
    }
    canvas.strokeRectangle(x: area.x - 1, y: area.y - 1, width: area.width + 2, height: area.height + 2, color: .darkGray)

    if !xLabel.isEmpty {
      let labelWidth = BitmapFont.width(of: xLabel, scale: fontScale)
      canvas.drawText(
        xLabel, x: area.x + (area.width - labelWidth) / 2, y: canvas.height - Self.edge - textHeight, scale: fontScale)
    }
    if !yLabel.isEmpty {
      let labelWidth = BitmapFont.width(of: yLabel, scale: fontScale)
      canvas.drawVerticalText(yLabel, x: Self.edge, y: area.y + (area.height + labelWidth) / 2, scale: fontScale)
    }
  }

  private func drawLegend(on canvas: inout Canvas) {
    Self.drawLegend(legendRows, top: legendTop, marker: marker, fontScale: fontScale, on: &canvas)
  }

  /// Draws legend rows (from `wrap`) centred across `canvas`, the first with its top at `top`;
  /// a figure of several plots draws its one shared legend this way.
  static func drawLegend(_ rows: [[LegendEntry]], top legendTop: Int, marker: LegendMarker, fontScale: Int, on canvas: inout Canvas) {
    let textHeight = BitmapFont.height(scale: fontScale)
    for (index, entries) in rows.enumerated() {
      let top = legendTop + index * (textHeight + gap)
      var left = (canvas.width - rowWidth(entries, fontScale: fontScale, marker: marker)) / 2
      for entry in entries {
        let middle = top + BitmapFont.capHeight(scale: fontScale) / 2
        switch marker {
        case .disc:
          let size = BitmapFont.capHeight(scale: fontScale)
          canvas.fillDisc(centerX: left + size / 2, centerY: middle, radius: size / 3, color: entry.color)
        case .line:
          canvas.fillRectangle(x: left, y: middle - 1, width: markerWidth(marker, fontScale: fontScale), height: 3, color: entry.color)
        }
        left += markerWidth(marker, fontScale: fontScale) + gap
        canvas.drawText(entry.name, x: left, y: top, scale: fontScale)
        left += BitmapFont.width(of: entry.name, scale: fontScale) + entrySpacing(fontScale: fontScale)
      }
    }
  }

  private static func markerWidth(_ marker: LegendMarker, fontScale: Int) -> Int {
    switch marker {
    case .disc: return BitmapFont.capHeight(scale: fontScale)
    case .line: return 3 * BitmapFont.capHeight(scale: fontScale)
    }
  }

  private static func entrySpacing(fontScale: Int) -> Int { 3 * BitmapFont.glyphWidth * fontScale }

  private static func entryWidth(_ entry: LegendEntry, fontScale: Int, marker: LegendMarker) -> Int {
    markerWidth(marker, fontScale: fontScale) + gap + BitmapFont.width(of: entry.name, scale: fontScale)
  }

  private static func rowWidth(_ entries: [LegendEntry], fontScale: Int, marker: LegendMarker) -> Int {
    let widths = entries.map { entryWidth($0, fontScale: fontScale, marker: marker) }
    return widths.reduce(0, +) + max(0, entries.count - 1) * entrySpacing(fontScale: fontScale)
  }

  /// Greedy line breaking: as many entries per row as fit in `width`.
  static func wrap(_ entries: [LegendEntry], width: Int, fontScale: Int, marker: LegendMarker) -> [[LegendEntry]] {
    var rows: [[LegendEntry]] = []
    for entry in entries {
      if let last = rows.last, rowWidth(last + [entry], fontScale: fontScale, marker: marker) <= width {
        rows[rows.count - 1].append(entry)
      } else {
        rows.append([entry])
      }
    }
    return rows
  }
}
