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

  /// The outputs j (along one axis of extent `outputExtent`) whose tap at kernel offset `k` reads
  /// inside an input of extent `inputExtent`: 0 ≤ j·s + k − p < inputExtent.
  @inline(__always)
  func validOutputs(kernelOffset k: Int, inputExtent: Int, outputExtent: Int) -> Range<Int> {
    // j ≥ ⌈(p − k) / s⌉ and j ≤ ⌊(inputExtent − 1 + p − k) / s⌋.
    let low = Swift.max(0, ceilingDivision(padding - k, stride))
    let high = Swift.min(outputExtent, floorDivision(inputExtent - 1 + padding - k, stride) + 1)
    return low ..< Swift.max(low, high)
  }
}

@inline(__always) private func floorDivision(_ a: Int, _ b: Int) -> Int {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always) private func ceilingDivision(_ a: Int, _ b: Int) -> Int {
  -floorDivision(-a, b)
}

/// Which kernels the convolution ops run: the fast column-matrix kernels (the default) or the
/// direct loops of `ReferenceConvolution`. Only tests change it, for a scope and the task it runs
/// in: `ConvolutionAlgorithm.$current.withValue(.reference) { … }`.
enum ConvolutionAlgorithm: Sendable {
  /// im2col / col2im and one BLAS gemm per chunk of images (`GemmConvolution`).
  case gemm
  /// Direct loops (`ReferenceConvolution`).
  case reference

  @TaskLocal static var current: ConvolutionAlgorithm = .gemm
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
/// One gemm covers a whole chunk of the batch, so the matrices are large enough for BLAS to run at
/// full speed even where a single image has few output pixels (4×4 in DCGAN's last layers).
/// Chunks bound the size of the column matrix (`columnBudget`). A filter that spans the whole
/// input (`isDense`) needs no column matrix at all.
enum GemmConvolution {
  /// Bytes of column matrix per chunk of images (at least one image per chunk). Tests lower it to
  /// exercise chunking on small shapes.
  @TaskLocal static var columnBudget = 16 << 20

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
    let plane = g.outputPlane, chunk = imagesPerChunk(g, T.self)
    ScratchPool.shared.withBuffer(of: T.self, count: (k + o) * chunk * plane) { scratch in
      let cols = scratch, product = scratch + k * chunk * plane
      for first in stride(from: 0, to: g.batch, by: chunk) {
        let count = Swift.min(chunk, g.batch - first)
        let columns = count * plane
        im2col(x + first * g.channels * g.inputPlane, cols, g, images: count)
        let out = y + first * o * plane
        // A single image is already channels-first: write it in place.
        let target = count == 1 ? out : product
        T.gemm(transposeA: false, transposeB: false, m: o, n: columns, k: k, alpha: 1,
               a: filter, lda: k, b: cols, ldb: columns, beta: 0, c: target, ldc: columns)
        if count > 1 { swapLeadingAxes(product, out, o, count, plane) }
      }
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
    let plane = g.outputPlane, chunk = imagesPerChunk(g, T.self)
    ScratchPool.shared.withBuffer(of: T.self, count: (k + o) * chunk * plane) { scratch in
      let cols = scratch, reordered = scratch + k * chunk * plane
      for first in stride(from: 0, to: g.batch, by: chunk) {
        let count = Swift.min(chunk, g.batch - first)
        let columns = count * plane
        let source = y + first * o * plane
        let operand: UnsafePointer<T>
        if count == 1 {
          operand = source
        } else {
          swapLeadingAxes(source, reordered, count, o, plane)
          operand = UnsafePointer(reordered)
        }
        T.gemm(transposeA: true, transposeB: false, m: k, n: columns, k: o, alpha: 1,
               a: filter, lda: k, b: operand, ldb: columns, beta: 0, c: cols, ldc: columns)
        col2im(cols, x + first * g.channels * g.inputPlane, g, images: count)
      }
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
    let plane = g.outputPlane, chunk = imagesPerChunk(g, T.self)
    ScratchPool.shared.withBuffer(of: T.self, count: (k + o) * chunk * plane) { scratch in
      let cols = scratch, reordered = scratch + k * chunk * plane
      for first in stride(from: 0, to: g.batch, by: chunk) {
        let count = Swift.min(chunk, g.batch - first)
        let columns = count * plane
        im2col(x + first * g.channels * g.inputPlane, cols, g, images: count)
        let source = y + first * o * plane
        let operand: UnsafePointer<T>
        if count == 1 {
          operand = source
        } else {
          swapLeadingAxes(source, reordered, count, o, plane)
          operand = UnsafePointer(reordered)
        }
        T.gemm(transposeA: false, transposeB: true, m: o, n: k, k: columns, alpha: 1,
               a: operand, lda: columns, b: cols, ldb: columns, beta: first == 0 ? 0 : 1, c: filter, ldc: k)
      }
    }
  }

  /// The column matrix of `count` images starting at `x`: (C·KH·KW, count·Ho·Wo). Every entry is
  /// written once; padding entries are written as zeros.
  static func im2col<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry, images count: Int
  ) {
    let plane = g.outputPlane, rowLength = count * plane, s = g.stride
    let ho = g.outHeight, wo = g.outWidth
    var row = cols
    for c in 0..<g.channels {
      for kh in 0..<g.kernelHeight {
        let rows = g.validOutputs(kernelOffset: kh, inputExtent: g.height, outputExtent: ho)
        for kw in 0..<g.kernelWidth {
          let columns = g.validOutputs(kernelOffset: kw, inputExtent: g.width, outputExtent: wo)
          let shift = kw - g.padding
          for n in 0..<count {
            let image = x + (n * g.channels + c) * g.inputPlane
            let destination = row + n * plane
            destination.update(repeating: 0, count: rows.lowerBound * wo)
            for i in rows {
              let line = destination + i * wo
              let start = (i * s + kh - g.padding) * g.width + shift
              line.update(repeating: 0, count: columns.lowerBound)
              if s == 1 {
                (line + columns.lowerBound).update(from: image + start + columns.lowerBound, count: columns.count)
              } else {
                for j in columns { line[j] = image[start + j * s] }
              }
              (line + columns.upperBound).update(repeating: 0, count: wo - columns.upperBound)
            }
            (destination + rows.upperBound * wo).update(repeating: 0, count: (ho - rows.upperBound) * wo)
          }
          row += rowLength
        }
      }
    }
  }

  /// Adds every entry of a column matrix of `count` images onto the pixel it was read from, into
  /// `x` (cleared first). Entries that fall in the padding are dropped.
  static func col2im<T: KernelScalar>(
    _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry, images count: Int
  ) {
    x.update(repeating: 0, count: count * g.channels * g.inputPlane)
    let plane = g.outputPlane, rowLength = count * plane, s = g.stride
    let wo = g.outWidth
    var row = cols
    for c in 0..<g.channels {
      for kh in 0..<g.kernelHeight {
        let rows = g.validOutputs(kernelOffset: kh, inputExtent: g.height, outputExtent: g.outHeight)
        for kw in 0..<g.kernelWidth {
          let columns = g.validOutputs(kernelOffset: kw, inputExtent: g.width, outputExtent: wo)
          let shift = kw - g.padding
          for n in 0..<count {
            let image = x + (n * g.channels + c) * g.inputPlane
            let source = row + n * plane
            for i in rows {
              let line = source + i * wo
              let start = (i * s + kh - g.padding) * g.width + shift
              for j in columns { image[start + j * s] += line[j] }
            }
          }
          row += rowLength
        }
      }
    }
  }

  /// Reorders (a, b, inner) to (b, a, inner).
  static func swapLeadingAxes<T: KernelScalar>(
    _ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, _ a: Int, _ b: Int, _ inner: Int
  ) {
    for i in 0..<a {
      for j in 0..<b {
        (destination + (j * a + i) * inner).update(from: source + (i * b + j) * inner, count: inner)
      }
    }
  }
}
