/// Direct-loop convolution kernels: every output element is the sum its definition names, with no
/// reordering of memory. They are slow and obviously correct; tests compare the fast kernels in
/// `Convolution.swift` with them (`ConvolutionAlgorithm.reference`).
///
/// With x at (n, c, h, w), y at (n, o, i, j) and the filter at (o, c, kh, kw), the convolution
/// pairs h = i·s + kh − p and w = j·s + kw − p; positions outside the input are zeros.
enum ReferenceConvolution {
  /// y[n, o, i, j] = Σ_{c, kh, kw} filter[o, c, kh, kw] · x[n, c, i·s + kh − p, j·s + kw − p].
  static func conv2d<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ filter: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry
  ) {
    for n in 0..<g.batch {
      for o in 0..<g.outChannels {
        for i in 0..<g.outHeight {
          for j in 0..<g.outWidth {
            var sum: T = 0
            for c in 0..<g.channels {
              for kh in 0..<g.kernelHeight {
                let h = i * g.stride + kh - g.padding
                guard h >= 0 && h < g.height else { continue }
                for kw in 0..<g.kernelWidth {
                  let w = j * g.stride + kw - g.padding
                  guard w >= 0 && w < g.width else { continue }
                  sum += filter[((o * g.channels + c) * g.kernelHeight + kh) * g.kernelWidth + kw]
                    * x[((n * g.channels + c) * g.height + h) * g.width + w]
                }
              }
            }
            y[((n * g.outChannels + o) * g.outHeight + i) * g.outWidth + j] = sum
          }
        }
      }
    }
  }

  /// The adjoint of `conv2d` in x: every y[n, o, i, j] spreads y · filter[o, c, kh, kw] onto
  /// x[n, c, i·s + kh − p, j·s + kw − p] (contributions that land in the padding are dropped).
  static func transposedConv2d<T: KernelScalar>(
    _ y: UnsafePointer<T>, _ filter: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry
  ) {
    x.update(repeating: 0, count: g.batch * g.channels * g.inputPlane)
    for n in 0..<g.batch {
      for o in 0..<g.outChannels {
        for i in 0..<g.outHeight {
          for j in 0..<g.outWidth {
            let value = y[((n * g.outChannels + o) * g.outHeight + i) * g.outWidth + j]
            for c in 0..<g.channels {
              for kh in 0..<g.kernelHeight {
                let h = i * g.stride + kh - g.padding
                guard h >= 0 && h < g.height else { continue }
                for kw in 0..<g.kernelWidth {
                  let w = j * g.stride + kw - g.padding
                  guard w >= 0 && w < g.width else { continue }
                  x[((n * g.channels + c) * g.height + h) * g.width + w] +=
                    value * filter[((o * g.channels + c) * g.kernelHeight + kh) * g.kernelWidth + kw]
                }
              }
            }
          }
        }
      }
    }
  }

  /// The adjoint of `conv2d` in the filter: filter[o, c, kh, kw] = Σ_{n, i, j} y[n, o, i, j] ·
  /// x[n, c, i·s + kh − p, j·s + kw − p].
  static func filterGradient<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ filter: UnsafeMutablePointer<T>, _ g: ConvolutionGeometry
  ) {
    for o in 0..<g.outChannels {
      for c in 0..<g.channels {
        for kh in 0..<g.kernelHeight {
          for kw in 0..<g.kernelWidth {
            var sum: T = 0
            for n in 0..<g.batch {
              for i in 0..<g.outHeight {
                let h = i * g.stride + kh - g.padding
                guard h >= 0 && h < g.height else { continue }
                for j in 0..<g.outWidth {
                  let w = j * g.stride + kw - g.padding
                  guard w >= 0 && w < g.width else { continue }
                  sum += y[((n * g.outChannels + o) * g.outHeight + i) * g.outWidth + j]
                    * x[((n * g.channels + c) * g.height + h) * g.width + w]
                }
              }
            }
            filter[((o * g.channels + c) * g.kernelHeight + kh) * g.kernelWidth + kw] = sum
          }
        }
      }
    }
  }
}
