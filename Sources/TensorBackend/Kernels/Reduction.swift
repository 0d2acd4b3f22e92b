import _CKernels

extension Kernels {
  /// out[j] = Σ_r x[r, j] over float32 rows (a bias gradient): the C loop, or the reference sum.
  static func sumRows(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
    if fast {
      ck_sum_rows(x, out, rows, columns)
    } else {
      sumAxis(x, out, outer: 1, extent: rows, inner: columns)
    }
  }

  /// out[o, i] = sum_j x[o, j, i] for x of shape (outer, extent, inner).
  static func sumAxis<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, outer: Int, extent: Int, inner: Int
  ) {
    if inner == 1 {
      for o in 0..<outer {
        var acc: T = 0
        let row = x + o * extent
        for j in 0..<extent { acc += row[j] }
        out[o] = acc
      }
      return
    }
    out.update(repeating: 0, count: outer * inner)
    for o in 0..<outer {
      let dst = out + o * inner
      for j in 0..<extent {
        let src = x + (o * extent + j) * inner
        for i in 0..<inner { dst[i] += src[i] }
      }
    }
  }

  /// out[o, i] = max_j x[o, j, i] for x of shape (outer, extent, inner), extent > 0.
  static func maxAxis<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, outer: Int, extent: Int, inner: Int
  ) {
    for o in 0..<outer {
      let dst = out + o * inner
      let first = x + o * extent * inner
      for i in 0..<inner { dst[i] = first[i] }
      for j in 1..<max(extent, 1) {
        let src = x + (o * extent + j) * inner
        for i in 0..<inner where src[i] > dst[i] || src[i].isNaN { dst[i] = src[i] }
      }
    }
  }

  /// Sum of all elements, accumulated in `Double` so a large `Float` sum keeps its digits.
  static func sumAll<T: KernelScalar>(_ x: UnsafePointer<T>, _ count: Int) -> Double {
    var total = 0.0
    var start = 0
    while start < count {
      let end = min(start + 1024, count)
      var block: T = 0
      for i in start..<end { block += x[i] }
      total += Double(block)
      start = end
    }
    return total
  }
}
