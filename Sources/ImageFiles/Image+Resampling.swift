// Geometry and colour conversions for feeding images to a model of fixed size: channel
// conversion, resampling, center cropping, and the two combined as torchvision's
// `Resize(size)` followed by `CenterCrop(size)`.

extension Image {
  /// This image with `target` channels (1, 3 or 4).
  ///
  /// Gray becomes RGB by repeating the sample; RGB becomes gray by the luma of ITU-R BT.601,
  /// Y = 0.299 R + 0.587 G + 0.114 B (what PIL's `convert("L")` computes); alpha is dropped
  /// (as PIL's `convert("RGB")` does) or added as opaque.
  public func converted(toChannels target: Int) -> Image {
    precondition(Image.supportedChannelCounts.contains(target), "Image.converted(toChannels:): \(target) channels; supported are 1, 3 and 4")
    if target == channels { return self }
    let count = width * height
    var output = [UInt8](repeating: 255, count: count * target)
    pixels.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        for i in 0..<count {
          let s = i * channels, d = i * target
          if channels == 1 {
            for c in 0..<min(target, 3) { destination[d + c] = source[s] }
          } else if target == 1 {
            let luma = 299 * Int(source[s]) + 587 * Int(source[s + 1]) + 114 * Int(source[s + 2])
            destination[d] = UInt8((luma + 500) / 1000)
          } else {
            for c in 0..<3 { destination[d + c] = source[s + c] }
          }
        }
      }
    }
    return Image(width: width, height: height, channels: target, pixels: output)
  }

  /// This image resampled to `newWidth` × `newHeight`, each axis on its own: by area averaging
  /// along an axis that shrinks (every source pixel weighs by how much of it the output pixel
  /// covers, so no detail aliases) and bilinear interpolation with half-pixel centers along an
  /// axis that grows (what `torch.nn.functional.interpolate(mode="bilinear")` computes).
  public func resized(width newWidth: Int, height newHeight: Int) -> Image {
    precondition(newWidth > 0 && newHeight > 0, "Image.resized: size \(newWidth)×\(newHeight) must be positive")
    precondition(width > 0 && height > 0, "Image.resized: cannot resample an empty \(width)×\(height) image")
    if newWidth == width && newHeight == height { return self }
    let horizontal = Image.taps(from: width, to: newWidth)
    let vertical = Image.taps(from: height, to: newHeight)
    // Horizontal pass into floats (height × newWidth × channels), then vertical into bytes.
    var rows = [Float](repeating: 0, count: height * newWidth * channels)
    pixels.withUnsafeBufferPointer { source in
      rows.withUnsafeMutableBufferPointer { destination in
        for y in 0..<height {
          for (x, taps) in horizontal.enumerated() {
            for c in 0..<channels {
              var sum: Float = 0
              for tap in taps { sum += tap.weight * Float(source[(y * width + tap.index) * channels + c]) }
              destination[(y * newWidth + x) * channels + c] = sum
            }
          }
        }
      }
    }
    var output = [UInt8](repeating: 0, count: newHeight * newWidth * channels)
    rows.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        for (y, taps) in vertical.enumerated() {
          for i in 0..<(newWidth * channels) {
            var sum: Float = 0
            for tap in taps { sum += tap.weight * source[tap.index * newWidth * channels + i] }
            destination[y * newWidth * channels + i] = UInt8(min(max(sum.rounded(), 0), 255))
          }
        }
      }
    }
    return Image(width: newWidth, height: newHeight, channels: channels, pixels: output)
  }

  /// The centered `newWidth` × `newHeight` window of this image (odd margins put the extra pixel
  /// on the right and bottom, as torchvision's `CenterCrop` does); both sizes at most the image's.
  public func centerCropped(width newWidth: Int, height newHeight: Int) -> Image {
    precondition(newWidth > 0 && newHeight > 0 && newWidth <= width && newHeight <= height,
                 "Image.centerCropped: \(newWidth)×\(newHeight) does not fit in \(width)×\(height)")
    if newWidth == width && newHeight == height { return self }
    let left = (width - newWidth) / 2, top = (height - newHeight) / 2
    var output = [UInt8]()
    output.reserveCapacity(newWidth * newHeight * channels)
    for y in top..<(top + newHeight) {
      let start = (y * width + left) * channels
      output.append(contentsOf: pixels[start..<(start + newWidth * channels)])
    }
    return Image(width: newWidth, height: newHeight, channels: channels, pixels: output)
  }

  /// This image scaled, keeping its aspect ratio, until it just covers `newWidth` × `newHeight`,
  /// then center-cropped to that size: torchvision's `Resize(min side)` + `CenterCrop(size)`.
  public func resizedToFill(width newWidth: Int, height newHeight: Int) -> Image {
    precondition(newWidth > 0 && newHeight > 0, "Image.resizedToFill: size \(newWidth)×\(newHeight) must be positive")
    let scale = max(Double(newWidth) / Double(width), Double(newHeight) / Double(height))
    let scaledWidth = max(newWidth, Int((Double(width) * scale).rounded()))
    let scaledHeight = max(newHeight, Int((Double(height) * scale).rounded()))
    return resized(width: scaledWidth, height: scaledHeight).centerCropped(width: newWidth, height: newHeight)
  }

  /// One output sample's source samples and weights along one axis.
  private struct Tap {
    var index: Int
    var weight: Float
  }

  /// The taps of every output sample when `input` samples become `output`.
  private static func taps(from input: Int, to output: Int) -> [[Tap]] {
    let ratio = Double(input) / Double(output)
    return (0..<output).map { o -> [Tap] in
      if output < input {
        // Area: output sample o covers source span [o·ratio, (o+1)·ratio).
        let start = Double(o) * ratio, end = Double(o + 1) * ratio
        var taps: [Tap] = []
        var i = Int(start)
        while Double(i) < end && i < input {
          let overlap = min(end, Double(i + 1)) - max(start, Double(i))
          if overlap > 1e-12 { taps.append(Tap(index: i, weight: Float(overlap / ratio))) }
          i += 1
        }
        return taps
      }
      // Bilinear with half-pixel centers, clamped at the borders.
      let x = (Double(o) + 0.5) * ratio - 0.5
      if x <= 0 { return [Tap(index: 0, weight: 1)] }
      let lower = Int(x)
      if lower >= input - 1 { return [Tap(index: input - 1, weight: 1)] }
      let fraction = x - Double(lower)
      return [Tap(index: lower, weight: Float(1 - fraction)), Tap(index: lower + 1, weight: Float(fraction))]
    }
  }
}
