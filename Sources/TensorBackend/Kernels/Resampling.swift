/// Loops for resampling NCHW images by an integer factor f. Every kernel works on `planes` = N·C
/// independent (H, W) planes, shared out among the processors; `height` and `width` are always
/// those of the smaller image.
enum ResamplingKernels {
  /// y (planes, H·f, W·f): each input pixel repeated into an f × f block.
  static func upsampleNearest<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, planes: Int, height: Int, width: Int, factor f: Int
  ) {
    let outWidth = width * f
    Parallel.forEachRange(planes, work: planes * height * width * f * f) { _, range in
      var source = x + range.lowerBound * height * width, line = y + range.lowerBound * height * f * outWidth
      for _ in 0..<range.count * height {
        for w in 0..<width {
          let value = source[w]
          for k in 0..<f { line[w * f + k] = value }
        }
        for copy in 1..<f { (line + copy * outWidth).update(from: line, count: outWidth) }
        source += width
        line += f * outWidth
      }
    }
  }

  /// y (planes, H, W): the mean of each f × f block of x (planes, H·f, W·f).
  static func averagePool<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, planes: Int, height: Int, width: Int, factor f: Int
  ) {
    let inWidth = width * f, scale = 1 / T(f * f)
    Parallel.forEachRange(planes, work: planes * height * width * f * f) { _, range in
      var block = x + range.lowerBound * height * f * inWidth, out = y + range.lowerBound * height * width
      for _ in 0..<range.count * height {
        for w in 0..<width {
          var sum: T = 0
          for r in 0..<f {
            let line = block + r * inWidth + w * f
            for k in 0..<f { sum += line[k] }
          }
          out[w] = sum * scale
        }
        block += f * inWidth
        out += width
      }
    }
  }

  /// Where output index `index` of bilinear upsampling reads along one axis: two input indices and
  /// their weights.
  struct Tap<T: KernelScalar> {
    var low: Int
    var high: Int
    var lowWeight: T
    var highWeight: T
  }

  /// The taps of the `extent · f` outputs along an axis of `extent` inputs, with PyTorch's
  /// `align_corners=False` convention: output o sits at input coordinate (o + ½)/f − ½, clamped
  /// at 0; it reads the two inputs around it (the last one twice at the far edge).
  static func taps<T: KernelScalar>(extent: Int, factor f: Int, _: T.Type) -> [Tap<T>] {
    (0..<extent * f).map { o in
      let source = Swift.max((Double(o) + 0.5) / Double(f) - 0.5, 0)
      let low = Swift.min(Int(source), extent - 1)
      let high = Swift.min(low + 1, extent - 1)
      let fraction = source - Double(low)
      return Tap(low: low, high: high, lowWeight: T(1 - fraction), highWeight: T(fraction))
    }
  }

  /// y (planes, H·f, W·f): bilinear interpolation of x (planes, H, W).
  static func upsampleBilinear<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, planes: Int, height: Int, width: Int, factor f: Int
  ) {
    let rows = taps(extent: height, factor: f, T.self), columns = taps(extent: width, factor: f, T.self)
    let outWidth = width * f
    Parallel.forEachRange(planes, work: planes * rows.count * outWidth) { _, range in
      for p in range {
        let image = x + p * height * width
        var line = y + p * rows.count * outWidth
        for row in rows {
          let upper = image + row.low * width, lower = image + row.high * width
          for (j, column) in columns.enumerated() {
            let top = column.lowWeight * upper[column.low] + column.highWeight * upper[column.high]
            let bottom = column.lowWeight * lower[column.low] + column.highWeight * lower[column.high]
            line[j] = row.lowWeight * top + row.highWeight * bottom
          }
          line += outWidth
        }
      }
    }
  }

  /// x (planes, H, W) = the adjoint of `upsampleBilinear` applied to y (planes, H·f, W·f): every
  /// output pixel hands its value back to the four inputs it read, with the same weights.
  static func upsampleBilinearAdjoint<T: KernelScalar>(
    _ y: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, planes: Int, height: Int, width: Int, factor f: Int
  ) {
    let rows = taps(extent: height, factor: f, T.self), columns = taps(extent: width, factor: f, T.self)
    let outWidth = width * f
    Parallel.forEachRange(planes, work: planes * rows.count * outWidth) { _, range in
      for p in range {
        let image = x + p * height * width
        image.update(repeating: 0, count: height * width)
        var line = y + p * rows.count * outWidth
        for row in rows {
          let upper = image + row.low * width, lower = image + row.high * width
          for (j, column) in columns.enumerated() {
            let top = row.lowWeight * line[j], bottom = row.highWeight * line[j]
            upper[column.low] += column.lowWeight * top
            upper[column.high] += column.highWeight * top
            lower[column.low] += column.lowWeight * bottom
            lower[column.high] += column.highWeight * bottom
          }
          line += outWidth
        }
      }
    }
  }
}
