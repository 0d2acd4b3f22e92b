extension Kernels {
  /// Batch normalization of x viewed as (N, C, I) over N and I (I = H·W for images, 1 for
  /// (N, C) features): writes x̂ = (x − μ_c)·invstd_c into `out`, and μ, σ² (biased), invstd per
  /// channel. Two passes: the mean, then centered squares (no catastrophic cancellation).
  static func batchNormForward<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, n: Int, c: Int, inner: Int, epsilon: T,
    mean: UnsafeMutablePointer<T>, variance: UnsafeMutablePointer<T>, invstd: UnsafeMutablePointer<T>
  ) {
    let count = T(n * inner)
    mean.update(repeating: 0, count: c)
    variance.update(repeating: 0, count: c)
    if inner == 1 {
      for row in 0..<n {
        let src = x + row * c
        for j in 0..<c { mean[j] += src[j] }
      }
      for j in 0..<c { mean[j] /= count }
      for row in 0..<n {
        let src = x + row * c
        for j in 0..<c {
          let d = src[j] - mean[j]
          variance[j] += d * d
        }
      }
      for j in 0..<c {
        variance[j] /= count
        invstd[j] = 1 / (variance[j] + epsilon).squareRoot()
      }
      for row in 0..<n {
        let src = x + row * c, dst = out + row * c
        for j in 0..<c { dst[j] = (src[j] - mean[j]) * invstd[j] }
      }
      return
    }
    for row in 0..<n {
      for j in 0..<c {
        let src = x + (row * c + j) * inner
        var s: T = 0
        for i in 0..<inner { s += src[i] }
        mean[j] += s
      }
    }
    for j in 0..<c { mean[j] /= count }
    for row in 0..<n {
      for j in 0..<c {
        let src = x + (row * c + j) * inner
        let m = mean[j]
        var s: T = 0
        for i in 0..<inner {
          let d = src[i] - m
          s += d * d
        }
        variance[j] += s
      }
    }
    for j in 0..<c {
      variance[j] /= count
      invstd[j] = 1 / (variance[j] + epsilon).squareRoot()
    }
    for row in 0..<n {
      for j in 0..<c {
        let src = x + (row * c + j) * inner, dst = out + (row * c + j) * inner
        let m = mean[j], s = invstd[j]
        for i in 0..<inner { dst[i] = (src[i] - m) * s }
      }
    }
  }

  /// The input gradient of batch normalization from the output gradient g and the saved x̂:
  /// dx = invstd·(g − mean(g) − x̂·mean(g·x̂)), the means per channel over N and I.
  static func batchNormBackward<T: KernelScalar>(
    _ g: UnsafePointer<T>, _ xHat: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>,
    n: Int, c: Int, inner: Int, invstd: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>
  ) {
    let count = T(n * inner)
    let meanG = scratch, meanGX = scratch + c
    meanG.update(repeating: 0, count: 2 * c)
    for row in 0..<n {
      if inner == 1 {
        let gr = g + row * c, xr = xHat + row * c
        for j in 0..<c {
          meanG[j] += gr[j]
          meanGX[j] += gr[j] * xr[j]
        }
      } else {
        for j in 0..<c {
          let gr = g + (row * c + j) * inner, xr = xHat + (row * c + j) * inner
          var a: T = 0, b: T = 0
          for i in 0..<inner {
            a += gr[i]
            b += gr[i] * xr[i]
          }
          meanG[j] += a
          meanGX[j] += b
        }
      }
    }
    for j in 0..<c {
      meanG[j] /= count
      meanGX[j] /= count
    }
    for row in 0..<n {
      if inner == 1 {
        let gr = g + row * c, xr = xHat + row * c, dr = dx + row * c
        for j in 0..<c { dr[j] = invstd[j] * (gr[j] - meanG[j] - xr[j] * meanGX[j]) }
      } else {
        for j in 0..<c {
          let base = (row * c + j) * inner
          let gr = g + base, xr = xHat + base, dr = dx + base
          let s = invstd[j], mg = meanG[j], mgx = meanGX[j]
          for i in 0..<inner { dr[i] = s * (gr[i] - mg - xr[i] * mgx) }
        }
      }
    }
  }
}
