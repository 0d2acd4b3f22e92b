import ImageFiles
import TensorBackend

/// N images of one size, C × H × W, held in memory as bytes in planar NCHW order, with their
/// class labels when the data has classes.
///
/// Bytes, not floats: a quarter of the memory, and scaling to [−1, 1] happens per batch.
public struct ImageCollection: Sendable {
  /// N.
  public let count: Int
  /// C: 1 (gray) or 3 (RGB).
  public let channels: Int
  /// H.
  public let height: Int
  /// W.
  public let width: Int
  /// N·C·H·W samples, image after image, each a plane per channel, rows top to bottom.
  public let pixels: [UInt8]
  /// The class of each image, in 0..<K, when the data has classes.
  public let labels: [Int]?
  /// The K class names, in label order, when the data has classes.
  public let classNames: [String]?

  /// A collection of `pixels` (planar NCHW) in images of `channels` × `height` × `width`.
  public init(channels: Int, height: Int, width: Int, pixels: [UInt8], labels: [Int]? = nil, classNames: [String]? = nil) {
    precondition(channels > 0 && height > 0 && width > 0, "ImageCollection: empty image shape \(channels)×\(height)×\(width)")
    precondition(pixels.count % (channels * height * width) == 0,
                 "ImageCollection: \(pixels.count) bytes are not a whole number of \(channels)×\(height)×\(width) images")
    let count = pixels.count / (channels * height * width)
    if let labels {
      precondition(labels.count == count, "ImageCollection: \(labels.count) labels for \(count) images")
      let classes = classNames?.count ?? Int.max
      precondition(labels.allSatisfy { $0 >= 0 && $0 < classes }, "ImageCollection: a label lies outside 0..<\(classes)")
    }
    self.count = count
    self.channels = channels
    self.height = height
    self.width = width
    self.pixels = pixels
    self.labels = labels
    self.classNames = classNames
  }

  /// [C, H, W].
  public var sampleShape: [Int] { [channels, height, width] }
  /// K, when the data has classes.
  public var classCount: Int? { classNames?.count }
  /// C·H·W.
  public var sampleSize: Int { channels * height * width }

  /// Image `index` as an interleaved 8-bit image, for viewing.
  public func image(at index: Int) -> Image {
    precondition(index >= 0 && index < count, "ImageCollection.image(at:): index \(index) outside 0..<\(count)")
    let plane = height * width, base = index * sampleSize
    var interleaved = [UInt8](repeating: 0, count: sampleSize)
    for c in 0..<channels {
      for i in 0..<plane { interleaved[i * channels + c] = pixels[base + c * plane + i] }
    }
    return Image(width: width, height: height, channels: channels, pixels: interleaved)
  }

  /// Every image centered on a larger canvas of `value`: 28×28 digits padded to 32×32 give the
  /// power-of-two size strided convolutions want (LeCun et al. 1998 fed LeNet-5 32×32 this way).
  public func padded(toWidth newWidth: Int, height newHeight: Int, value: UInt8 = 0) -> ImageCollection {
    precondition(newWidth >= width && newHeight >= height, "ImageCollection.padded: \(newWidth)×\(newHeight) is smaller than \(width)×\(height)")
    if newWidth == width && newHeight == height { return self }
    let left = (newWidth - width) / 2, top = (newHeight - height) / 2
    let planes = count * channels
    var output = [UInt8](repeating: value, count: planes * newWidth * newHeight)
    pixels.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        for plane in 0..<planes {
          for y in 0..<height {
            let from = source.baseAddress! + (plane * height + y) * width
            let to = destination.baseAddress! + (plane * newHeight + top + y) * newWidth + left
            to.update(from: from, count: width)
          }
        }
      }
    }
    return ImageCollection(channels: channels, height: newHeight, width: newWidth, pixels: output, labels: labels, classNames: classNames)
  }

  /// The images at `indices` as an (N, C, H, W) float32 tensor with values in [−1, 1] (a byte v
  /// becomes v / 127.5 − 1, the range of a tanh output), and their labels as an (N) tensor of
  /// class indices when the data has classes.
  public func batch(_ indices: [Int]) -> (samples: Tensor, labels: Tensor?) {
    let size = sampleSize
    var values = [Float](repeating: 0, count: indices.count * size)
    Self.scale.withUnsafeBufferPointer { table in
      pixels.withUnsafeBufferPointer { source in
        values.withUnsafeMutableBufferPointer { destination in
          for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < count, "ImageCollection.batch: index \(index) outside 0..<\(count)")
            let from = source.baseAddress! + index * size
            let to = destination.baseAddress! + row * size
            for i in 0..<size { to[i] = table[Int(from[i])] }
          }
        }
      }
    }
    let samples = Tensor(shape: [indices.count] + sampleShape, scalars: values)
    let labels = self.labels.map { all in Tensor(shape: [indices.count], scalars: indices.map { Double(all[$0]) }) }
    return (samples, labels)
  }

  /// Byte → [−1, 1].
  private static let scale: [Float] = (0..<256).map { Float($0) / 127.5 - 1 }
}
