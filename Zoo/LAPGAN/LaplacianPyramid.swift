import TensorBackend

/// The Laplacian pyramid of a batch of images (Burt & Adelson 1983), as LAPGAN trains on it
/// (Denton et al. 2015, section 3): the images x at L levels of resolution, each level k ≥ 1 split
/// into the upsampled coarser image lₖ and the band-pass residual hₖ that completes it.
///
/// With d the backend's 2×2 average pooling (`averagePool`, PyTorch's `avg_pool2d(x, 2)`) and u
/// its bilinear 2× upsampling (`upsampleBilinear`, `interpolate(mode="bilinear",
/// align_corners=False)`), as in the `lapgan32` reference workload:
///
///     x_{L−1} = x,   xₖ₋₁ = d(xₖ)          (the Gaussian pyramid, sides S, S/2, …, S/2^{L−1})
///     lₖ = u(xₖ₋₁),  hₖ = xₖ − lₖ          (k = 1 … L−1)
///
/// and collapsing inverts it: xₖ = u(xₖ₋₁) + hₖ from x₀ up, which gives x back to float rounding
/// (hₖ was computed as the difference of the same two tensors). Shapes: x (N, C, S, S) with S =
/// s·2^{L−1}; level k holds (N, C, s·2ᵏ, s·2ᵏ). Nothing here records gradients by itself: a
/// pyramid of real images is data.
public struct LaplacianPyramid {
  /// x₀ … x_{L−1}: the images at every level, coarsest first (the Gaussian pyramid).
  public let images: [Tensor]
  /// l₁ … l_{L−1}: u(xₖ₋₁), at index k − 1.
  public let coarse: [Tensor]
  /// h₁ … h_{L−1}: xₖ − lₖ, at index k − 1.
  public let residuals: [Tensor]

  /// The pyramid of `images` (N, C, S, S) with `levels` levels, S divisible by 2^{levels−1}.
  public init(_ images: Tensor, levels: Int) {
    precondition(levels >= 1, "LaplacianPyramid: needs at least one level, got \(levels)")
    precondition(images.rank == 4 && images.shape[2] % (1 << (levels - 1)) == 0 && images.shape[3] % (1 << (levels - 1)) == 0,
                 "LaplacianPyramid: images (N, C, H, W) with H and W divisible by 2^\(levels - 1), got \(images.shape)")
    let gaussian = Self.gaussian(images, levels: levels)
    self.images = gaussian
    coarse = gaussian.dropLast().map { upsampleBilinear($0, factor: 2) }
    residuals = zip(gaussian.dropFirst(), coarse).map { $0 - $1 }
  }

  /// x₀ … x_{L−1} alone (the Gaussian pyramid, coarsest first), without the upsampled images and
  /// residuals: what a level that reads only x₀ needs.
  public static func gaussian(_ images: Tensor, levels: Int) -> [Tensor] {
    var gaussian = [images]
    for _ in 1..<levels { gaussian.insert(averagePool(gaussian[0], factor: 2), at: 0) }
    return gaussian
  }

  /// L.
  public var levelCount: Int { images.count }

  /// x_{L−1} rebuilt from x₀ and the residuals alone: x₀, then xₖ = u(xₖ₋₁) + hₖ.
  public func collapse() -> Tensor {
    residuals.reduce(images[0]) { upsampleBilinear($0, factor: 2) + $1 }
  }
}
