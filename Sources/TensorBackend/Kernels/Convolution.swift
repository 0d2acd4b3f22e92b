/// The shapes of one 2-D convolution, always seen from `conv2d`: an input side x (N, C, H, W), a
/// filter (O, C, KH, KW) and an output side y (N, O, Ho, Wo) with Ho = ⌊(H + 2p − KH) / s⌋ + 1 (and
/// likewise Wo).
///
/// The three convolution kernels share one geometry: the convolution maps x to y, the transposed
/// convolution (its adjoint) maps y back to x, and the filter gradient pairs an x with a y.
struct ConvolutionGeometry: Equatable, CustomStringConvertible {
  var batch: Int
  var channels: Int
  var height: Int
  var width: Int
  var outChannels: Int
  var kernelHeight: Int
  var kernelWidth: Int
  var stride: Int
  var padding: Int
  var outHeight: Int
  var outWidth: Int

  var inputShape: [Int] { [batch, channels, height, width] }
  var filterShape: [Int] { [outChannels, channels, kernelHeight, kernelWidth] }
  var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }

  /// Pixels per input plane (H·W) and per output plane (Ho·Wo).
  var inputPlane: Int { height * width }
  var outputPlane: Int { outHeight * outWidth }
  /// Rows of the column matrix: one per (channel, kernel row, kernel column).
  var patchSize: Int { channels * kernelHeight * kernelWidth }

  var description: String {
    "input \(inputShape), filter \(filterShape), output \(outputShape), stride \(stride), padding \(padding)"
  }
}

extension ConvolutionGeometry {
  /// Whether the filter spans the whole unpadded input, so that each image is one patch (Ho = Wo
  /// = 1): a dense layer on the flattened image, a plain matrix product with no column matrix.
  var isDense: Bool {
    padding == 0 && kernelHeight == height && kernelWidth == width
  }

  /// The input-side plane with a zero border of width p: (H + 2p, W + 2p).
  var paddedHeight: Int { height + 2 * padding }
  var paddedWidth: Int { width + 2 * padding }
  var paddedPlane: Int { paddedHeight * paddedWidth }
}

/// Which kernels the convolution ops run. By default (`automatic`): the reference loops under
/// `KernelPath.reference`; otherwise oneDNN's kernels for float32 (`OneDNNConvolution`) and the
/// column-matrix kernels for float64 and for filters that span the whole input, which are plain
/// matrix products. Tests pick one for a scope: `ConvolutionAlgorithm.$current.withValue(.gemm) { … }`.
enum ConvolutionAlgorithm: Sendable {
  case automatic
  /// oneDNN's kernels (float32 only; float64 falls back to `gemm`).
  case oneDNN
  /// im2col / col2im and one gemm per chunk of images (`GemmConvolution`).
  case gemm
  /// Direct loops (`ReferenceConvolution`).
  case reference

  @TaskLocal static var current: ConvolutionAlgorithm = .automatic

  /// The kernels for element type `dtype` on geometry `g`; `transposed` for the transposed
  /// convolution (the input gradient).
  static func resolved(for dtype: DType, _ g: ConvolutionGeometry, transposed: Bool) -> ConvolutionAlgorithm {
    switch current {
    case .automatic:
      if KernelPath.current == .reference { return .reference }
      // oneDNN's transposed kernels work in blocks of 16 input-side channels and take as long for
      // one (a generator's gray output) as for 16: there a matrix product and col2im are faster.
      if transposed && g.channels < 16 { return .gemm }
      return dtype == .float32 && !g.isDense && OneDNNConvolution.supports(g) ? .oneDNN : .gemm
    case .oneDNN:
      return dtype == .float32 ? .oneDNN : .gemm
    case .gemm, .reference:
      return current
    }
  }
}

/// Convolution as matrix products (Chellapilla et al. 2006; Caffe's im2col).
///
/// For a chunk of `nb` images, the column matrix has one row per (channel, kernel row, kernel
/// column) and one column per (image, output pixel): cols[(c, kh, kw), (n, i, j)] =
/// x[n, c, i·s + kh − p, j·s + kw − p], zero in the padding. Then, with the filter as an (O, C·KH·KW)
/// matrix W and the output side as an (O, nb·Ho·Wo) matrix Y (channels first):
///
/// - convolution:            Y = W · cols, then Y is reordered to (nb, O, Ho, Wo);
/// - transposed convolution: cols = Wᵀ · Y, then col2im adds each column entry back onto its pixel;
/// - filter gradient:        W = Σ over chunks of Y · colsᵀ.
///
/// One gemm covers a whole chunk of images, so the matrices are large enough for BLAS to run at
/// full speed even where a single image has few output pixels (4×4 in DCGAN's last layers), while
/// the column matrix stays small enough (`columnBudget`) to remain in cache between the gemm and
/// the im2col or col2im next to it. A filter that spans the whole input (`isDense`) needs no column
/// matrix at all.
///
/// im2col and col2im work one input plane at a time on a zero-bordered copy (when p > 0), so that
/// every tap is in bounds and each kernel offset is a plain gather (or scatter) through one table
/// of offsets; planes are shared out among the processors.
enum GemmConvolution {
  /// Bytes of column matrix per chunk of images (at least one image per chunk). On DCGAN's layers
  /// 1–4 MB chunks ran up to 5% faster than the whole batch at once (16 MB). Tests lower it to
  /// exercise chunking on small shapes.
  @TaskLocal static var columnBudget = 2 << 20

  /// Images per chunk for this geometry.
  static func imagesPerChunk<T>(_ g: ConvolutionGeometry, _: T.Type) -> Int {
    let perImage = g.patchSize * g.outputPlane * MemoryLayout<T>.stride
    return Swift.min(g.batch, Swift.max(1, columnBudget / Swift.max(perImage, 1)))
  }

  /// y = conv2d(x, filter).
  static func conv2d<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ filter: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry
  ) {
    let k = g.patchSize, o = g.outChannels
    if g.isDense {
      // y (N, O) = x (N, C·KH·KW) · Wᵀ.
      T.gemm(transposeA: false, transposeB: true, m: g.batch, n: o, k: k, alpha: 1,
             a: x, lda: k, b: filter, ldb: k, beta: 0, c: y, ldc: o)
      return
    }
    let plane = g.outputPlane
    withChunks(g, T.self) { first, count, cols, product, planes in
      let columns = count * plane
      im2col(x + first * g.channels * g.inputPlane, cols, g, images: count, planes: planes)
      let out = y + first * o * plane
      // A single image is already channels-first: write it in place.
      let target = count == 1 ? out : product
      T.gemm(transposeA: false, transposeB: false, m: o, n: columns, k: k, alpha: 1,
             a: filter, lda: k, b: cols, ldb: columns, beta: 0, c: target, ldc: columns)
      if count > 1 { swapLeadingAxes(product, out, o, count, plane) }
    }
  }

  /// x = the transposed convolution of y with `filter` (the adjoint of `conv2d` in x).
  static func transposedConv2d<T: KernelScalar>(
    _ y: UnsafePointer<T>, _ filter: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry
  ) {
    let k = g.patchSize, o = g.outChannels
    if g.isDense {
      // x (N, C·KH·KW) = y (N, O) · W.
      T.gemm(transposeA: false, transposeB: false, m: g.batch, n: k, k: o, alpha: 1,
             a: y, lda: o, b: filter, ldb: k, beta: 0, c: x, ldc: k)
      return
    }
    let plane = g.outputPlane
    withChunks(g, T.self) { first, count, cols, reordered, planes in
      let columns = count * plane
      let operand = channelsFirst(y + first * o * plane, count, o, plane, scratch: reordered)
      T.gemm(transposeA: true, transposeB: false, m: k, n: columns, k: o, alpha: 1,
             a: filter, lda: k, b: operand, ldb: columns, beta: 0, c: cols, ldc: columns)
      col2im(cols, x + first * g.channels * g.inputPlane, g, images: count, planes: planes)
    }
  }

  /// filter = the gradient of ⟨y, conv2d(x, filter)⟩ in the filter (the adjoint of `conv2d` in
  /// the filter).
  static func filterGradient<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ filter: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry
  ) {
    let k = g.patchSize, o = g.outChannels
    if g.isDense {
      // W (O, C·KH·KW) = yᵀ (O, N) · x (N, C·KH·KW).
      T.gemm(transposeA: true, transposeB: false, m: o, n: k, k: g.batch, alpha: 1,
             a: y, lda: o, b: x, ldb: k, beta: 0, c: filter, ldc: k)
      return
    }
    let plane = g.outputPlane
    withChunks(g, T.self) { first, count, cols, reordered, planes in
      let columns = count * plane
      im2col(x + first * g.channels * g.inputPlane, cols, g, images: count, planes: planes)
      let operand = channelsFirst(y + first * o * plane, count, o, plane, scratch: reordered)
      T.gemm(transposeA: false, transposeB: true, m: o, n: k, k: columns, alpha: 1,
             a: operand, lda: columns, b: cols, ldb: columns, beta: first == 0 ? 0 : 1, c: filter, ldc: k)
    }
  }

  /// Calls `body(first, count, cols, outputSide, planes)` for each chunk of images, with scratch
  /// room for the chunk's column matrix, an output-side (O, count·Ho·Wo) matrix, and one
  /// zero-bordered input plane per worker (for im2col and col2im).
  private static func withChunks<T: KernelScalar>(
    _ g: ConvolutionGeometry, _: T.Type,
    _ body: (Int, Int, UnsafeMutablePointer<T>, UnsafeMutablePointer<T>, UnsafeMutablePointer<T>) -> Void
  ) {
    let chunk = imagesPerChunk(g, T.self), plane = g.outputPlane
    let colsCount = g.patchSize * chunk * plane, outputCount = g.outChannels * chunk * plane
    let planesCount = Parallel.workers * g.paddedPlane
    ScratchPool.shared.withBuffer(of: T.self, count: colsCount + outputCount + planesCount) { scratch in
      for first in stride(from: 0, to: g.batch, by: chunk) {
        body(first, Swift.min(chunk, g.batch - first), scratch, scratch + colsCount, scratch + colsCount + outputCount)
      }
    }
  }

  /// `count` output-side images (count, O, plane) as an (O, count·plane) matrix: the images
  /// themselves when there is one, else reordered into `scratch`.
  private static func channelsFirst<T: KernelScalar>(
    _ y: UnsafePointer<T>, _ count: Int, _ o: Int, _ plane: Int, scratch: UnsafeMutablePointer<T>
  ) -> UnsafePointer<T> {
    if count == 1 { return y }
    swapLeadingAxes(y, scratch, count, o, plane)
    return UnsafePointer(scratch)
  }

  /// For each output pixel (i, j), the offset (i·s)·Wp + j·s of its first tap in a zero-bordered
  /// input plane of width Wp = W + 2p; the tap at kernel offset (kh, kw) is kh·Wp + kw further on.
  private static func tapOffsets(_ g: ConvolutionGeometry) -> [Int] {
    var offsets: [Int] = []
    offsets.reserveCapacity(g.outputPlane)
    for i in 0..<g.outHeight {
      for j in 0..<g.outWidth { offsets.append(i * g.stride * g.paddedWidth + j * g.stride) }
    }
    return offsets
  }

  /// The column matrix of `count` images starting at `x`: (C·KH·KW, count·Ho·Wo).
  ///
  /// Works one input plane (n, c) at a time: copies it into the middle of a zero-bordered plane
  /// (when p > 0), then gathers the Ho·Wo taps of each kernel offset into its row. `planes` has
  /// room for one bordered plane per worker.
  static func im2col<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry, images count: Int,
    planes: UnsafeMutablePointer<T>
  ) {
    let plane = g.outputPlane, rowLength = count * plane, taps = g.kernelHeight * g.kernelWidth
    let offsets = tapOffsets(g)
    offsets.withUnsafeBufferPointer { offsets in
      Parallel.forEachRange(g.channels * count, work: g.patchSize * rowLength) { worker, pairs in
        let bordered = planes + worker * g.paddedPlane
        if g.padding > 0 { bordered.update(repeating: 0, count: g.paddedPlane) }
        for pair in pairs {
          let c = pair / count, n = pair % count
          let image = x + (n * g.channels + c) * g.inputPlane
          let source: UnsafePointer<T>
          if g.padding > 0 {
            copyPlane(image, g.height, g.width, g.width, into: bordered + g.padding * g.paddedWidth + g.padding, g.paddedWidth)
            source = UnsafePointer(bordered)
          } else {
            source = image
          }
          var row = cols + c * taps * rowLength + n * plane
          for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
              let tap = source + kh * g.paddedWidth + kw
              for l in 0..<plane { row[l] = tap[offsets[l]] }
              row += rowLength
            }
          }
        }
      }
    }
  }

  /// Adds every entry of a column matrix of `count` images onto the pixel it was read from, into
  /// `x`; entries that fall in the padding are dropped.
  ///
  /// Works one input plane (n, c) at a time: accumulates the taps of every kernel offset into a
  /// zeroed bordered plane, then copies out its middle (or accumulates in place when p = 0).
  /// `planes` has room for one bordered plane per worker.
  static func col2im<T: KernelScalar>(
    _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry, images count: Int,
    planes: UnsafeMutablePointer<T>
  ) {
    let plane = g.outputPlane, rowLength = count * plane, taps = g.kernelHeight * g.kernelWidth
    let offsets = tapOffsets(g)
    offsets.withUnsafeBufferPointer { offsets in
      Parallel.forEachRange(g.channels * count, work: g.patchSize * rowLength) { worker, pairs in
        for pair in pairs {
          let c = pair / count, n = pair % count
          let image = x + (n * g.channels + c) * g.inputPlane
          let target = g.padding > 0 ? planes + worker * g.paddedPlane : image
          target.update(repeating: 0, count: g.paddedPlane)
          var row = cols + c * taps * rowLength + n * plane
          for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
              let tap = target + kh * g.paddedWidth + kw
              for l in 0..<plane { tap[offsets[l]] += row[l] }
              row += rowLength
            }
          }
          if g.padding > 0 {
            copyPlane(target + g.padding * g.paddedWidth + g.padding, g.height, g.width, g.paddedWidth, into: image, g.width)
          }
        }
      }
    }
  }

  /// Copies a (height, width) block between planes with the given row strides.
  @inline(__always)
  private static func copyPlane<T: KernelScalar>(
    _ source: UnsafePointer<T>, _ height: Int, _ width: Int, _ sourceStride: Int,
    into destination: UnsafeMutablePointer<T>, _ destinationStride: Int
  ) {
    for h in 0..<height {
      let from = source + h * sourceStride, to = destination + h * destinationStride
      for w in 0..<width { to[w] = from[w] }
    }
  }

  /// Reorders (a, b, inner) to (b, a, inner).
  static func swapLeadingAxes<T: KernelScalar>(
    _ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, _ a: Int, _ b: Int, _ inner: Int
  ) {
    Parallel.forEachRange(a, work: a * b * inner) { _, range in
      for i in range {
        for j in 0..<b {
          (destination + (j * a + i) * inner).update(from: source + (i * b + j) * inner, count: inner)
        }
      }
    }
  }
}
