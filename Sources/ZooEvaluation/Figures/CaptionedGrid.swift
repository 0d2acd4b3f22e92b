import ImageFiles
import TensorBackend

/// Images in rows with words around them, for figures that must say what they show: a title,
/// a label left of each row, and a caption under each cell (a distance, a class, a value).
///
/// Samples are (N, C, H, W) with C = 1 or 3 in [−1, 1], as `SampleGrid` takes them, each pixel
/// drawn as a `scale` × `scale` block so that 28×28 digits stay legible beside 7-pixel text. The
/// picture is RGB on white:
///
///     margin | label column | cell, gap, cell, gap, … | margin
///
/// with the title above the first row and, when there are captions, a band of text under every
/// row of cells.
public struct CaptionedGrid {
  /// The picture (3 channels).
  public let image: Image
  /// Pixels per sample pixel.
  public let scale: Int
  /// The side of a cell on the picture: H·scale × W·scale.
  public let cellWidth: Int
  public let cellHeight: Int
  /// Where the first cell of the first row starts, and the distance between cells and rows.
  let left: Int
  let top: Int
  let columnStride: Int
  let rowStride: Int

  /// Pixels around the picture and between cells.
  static let margin = 4
  static let gap = 4

  /// - Parameters:
  ///   - samples: (N, C, H, W), C ∈ {1, 3}, values in [−1, 1] (clamped; NaN black).
  ///   - rows: row r shows the samples `rows[r]`, left to right (an index may repeat).
  ///   - title: a line above the grid.
  ///   - rowLabels: one short text per row, left of it.
  ///   - captions: one text per cell, as `rows` is laid out, under the cell ("" for none).
  ///   - scale: pixels per sample pixel.
  public init(_ samples: Tensor, rows: [[Int]], title: String? = nil, rowLabels: [String]? = nil, captions: [[String]]? = nil, scale: Int = 2) {
    precondition(samples.rank == 4 && (samples.shape[1] == 1 || samples.shape[1] == 3),
                 "CaptionedGrid: expected (N, C, H, W) samples with C = 1 or 3, got shape \(samples.shape)")
    precondition(!rows.isEmpty && scale >= 1, "CaptionedGrid: no rows, or scale \(scale) below 1")
    precondition(rowLabels == nil || rowLabels!.count == rows.count, "CaptionedGrid: \(rowLabels!.count) labels for \(rows.count) rows")
    if let captions {
      precondition(captions.count == rows.count && zip(captions, rows).allSatisfy { $0.count == $1.count },
                   "CaptionedGrid: captions must be laid out as the rows")
    }
    let count = samples.shape[0], channels = samples.shape[1], height = samples.shape[2], width = samples.shape[3]
    for index in rows.joined() { precondition(index >= 0 && index < count, "CaptionedGrid: sample index \(index) outside 0..<\(count)") }
    let textHeight = BitmapFont.height()
    let labelWidth = (rowLabels?.map { BitmapFont.width(of: $0) }.max()).map { $0 + Self.gap } ?? 0
    let captionBand = captions == nil ? 0 : textHeight + 1
    let columns = rows.map(\.count).max() ?? 1
    let titleBand = title == nil ? 0 : textHeight + Self.gap
    self.scale = scale
    cellWidth = width * scale
    cellHeight = height * scale
    left = Self.margin + labelWidth
    top = Self.margin + titleBand
    columnStride = cellWidth + Self.gap
    rowStride = cellHeight + captionBand + Self.gap
    let cellsWidth = columns * columnStride - Self.gap
    let pictureWidth = max(left + cellsWidth, Self.margin + (title.map { BitmapFont.width(of: $0) } ?? 0)) + Self.margin
    let pictureHeight = top + rows.count * rowStride - Self.gap + Self.margin

    var canvas = Canvas(width: pictureWidth, height: pictureHeight)
    if let title { canvas.drawText(title, x: Self.margin, y: Self.margin, color: .black) }
    let values = samples.floats, plane = height * width
    for (r, indices) in rows.enumerated() {
      let y0 = top + r * rowStride
      if let label = rowLabels?[r] {
        canvas.drawText(label, x: Self.margin, y: y0 + (cellHeight - BitmapFont.capHeight()) / 2, color: .black)
      }
      for (c, sample) in indices.enumerated() {
        let x0 = left + c * columnStride
        for y in 0..<height {
          for x in 0..<width {
            let base = sample * channels * plane + y * width + x
            let bytes = (0..<3).map { SampleGrid.byte(Double(values[base + (channels == 3 ? $0 * plane : 0)])) }
            canvas.fillRectangle(x: x0 + x * scale, y: y0 + y * scale, width: scale, height: scale, color: Color(red: bytes[0], green: bytes[1], blue: bytes[2]))
          }
        }
        if let text = captions?[r][c], !text.isEmpty {
          canvas.drawText(text, x: x0 + max(0, (cellWidth - BitmapFont.width(of: text)) / 2), y: y0 + cellHeight + 1, color: .darkGray)
        }
      }
    }
    image = canvas.image
  }

  /// The top-left pixel of the cell at (`row`, `column`).
  public func cellOrigin(row: Int, column: Int) -> (x: Int, y: Int) {
    (left + column * columnStride, top + row * rowStride)
  }
}
