import ImageFiles
import TensorBackend

/// A batch of generated images tiled into one picture, the figure every GAN paper shows.
///
/// The samples are an (N, C, H, W) tensor with C = 1 (gray) or C = 3 (RGB) and values in [−1, 1],
/// the range of a tanh output layer. A value v becomes the byte round((v + 1) / 2 × 255): −1 is
/// black, 1 is white. Values outside [−1, 1] are clamped and NaN is drawn black, so a diverged
/// generator still yields a picture.
///
/// Cells of H × W pixels are separated, and surrounded, by `padding` pixels of `background`, as
/// torchvision's `make_grid` does: the grid image is
/// `columns × (W + padding) + padding` wide and `rows × (H + padding) + padding` tall.
public struct SampleGrid {
  /// The tiled picture (1 channel for gray samples, 3 for RGB).
  public let image: Image
  /// Number of cell rows.
  public let rows: Int
  /// Number of cell columns.
  public let columns: Int
  /// Pixels between cells and around the border.
  public let padding: Int
  /// H, the height of one cell.
  public let cellHeight: Int
  /// W, the width of one cell.
  public let cellWidth: Int

  /// Tiles the N samples row by row, `columns` per row (default ⌈√N⌉, a near-square grid).
  ///
  /// - Parameters:
  ///   - samples: (N, C, H, W), N ≥ 1, C ∈ {1, 3}, values in [−1, 1].
  ///   - padding: pixels between and around cells; 2 matches torchvision's default.
  ///   - background: the padding's gray level; white separates dark-background digits.
  public init(_ samples: Tensor, columns: Int? = nil, padding: Int = 2, background: UInt8 = 255) {
    let count = Self.validate(samples)
    precondition(count > 0, "SampleGrid: no samples to tile")
    let columns = columns ?? Int(Double(count).squareRoot().rounded(.up))
    precondition(columns > 0, "SampleGrid: columns must be positive, got \(columns)")
    let layout = stride(from: 0, to: count, by: columns).map { Array($0..<min($0 + columns, count)) }
    self.init(samples, rows: layout, padding: padding, background: background)
  }

  /// Tiles the samples in an explicit layout: row r shows the samples with indices `rows[r]`,
  /// left to right, e.g. one row per class for a conditional model or one latent interpolation
  /// per row. Rows may have different lengths; the grid is as wide as the longest and shorter
  /// rows end in background. An index may appear more than once.
  public init(_ samples: Tensor, rows layout: [[Int]], padding: Int = 2, background: UInt8 = 255) {
    let count = Self.validate(samples)
    precondition(padding >= 0, "SampleGrid: negative padding \(padding)")
    precondition(!layout.isEmpty, "SampleGrid: empty row layout")
    for index in layout.joined() {
      precondition(index >= 0 && index < count, "SampleGrid: sample index \(index) outside 0..<\(count)")
    }
    let channels = samples.shape[1], height = samples.shape[2], width = samples.shape[3]
    let columns = max(1, layout.map(\.count).max() ?? 1)
    self.rows = layout.count
    self.columns = columns
    self.padding = padding
    self.cellHeight = height
    self.cellWidth = width

    var image = Image(
      width: columns * (width + padding) + padding, height: layout.count * (height + padding) + padding,
      channels: channels, repeating: background)
    let values = samples.scalars
    let plane = height * width
    for (row, indices) in layout.enumerated() {
      for (column, sample) in indices.enumerated() {
        let left = padding + column * (width + padding)
        let top = padding + row * (height + padding)
        for channel in 0..<channels {
          let base = (sample * channels + channel) * plane
          for y in 0..<height {
            for x in 0..<width {
              image[x: left + x, y: top + y, channel: channel] = Self.byte(values[base + y * width + x])
            }
          }
        }
      }
    }
    self.image = image
  }

  /// The top-left pixel of the cell at (`row`, `column`).
  public func cellOrigin(row: Int, column: Int) -> (x: Int, y: Int) {
    (padding + column * (cellWidth + padding), padding + row * (cellHeight + padding))
  }

  /// Writes the grid as a PNG file (atomically).
  public func write(toFile path: String) throws(ImageFileError) {
    try image.writePNG(toFile: path)
  }

  /// Maps [−1, 1] to 0...255, clamping; NaN maps to 0.
  static func byte(_ value: Double) -> UInt8 {
    guard !value.isNaN else { return 0 }
    let clamped = min(max(value, -1), 1)
    return UInt8(((clamped + 1) * 127.5).rounded())
  }

  /// Checks the shape and returns N.
  private static func validate(_ samples: Tensor) -> Int {
    precondition(
      samples.rank == 4 && (samples.shape[1] == 1 || samples.shape[1] == 3),
      "SampleGrid: expected (N, C, H, W) samples with C = 1 or 3, got shape \(samples.shape)")
    return samples.shape[0]
  }
}
