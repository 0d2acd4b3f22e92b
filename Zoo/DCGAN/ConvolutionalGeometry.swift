import ZooCore

/// How DCGAN's networks fit an image size: a generator that grows 1×1 → 4×4 → 8×8 → … → M×M by
/// stride-2 transposed convolutions, and a discriminator that shrinks M×M → … → 4×4 → 1×1 the same
/// way, with M = 4·2ⁿ (n stride-2 layers each way).
///
/// Images of side S = M take the networks as they are (n = 3 at 32×32, n = 4 at 64×64, as in
/// Radford et al. 2015 and pytorch/examples `dcgan`). An even side a little below a step of the
/// ladder (M·3/4 ≤ S < M; 28×28 digits below 32) takes the M-model with a margin
/// m = (M − S)/2: the generator crops m pixels from every side of its M×M output, and the
/// discriminator's first convolution pads m more zeros on every side, which is the same as
/// zero-padding the S×S input back to M×M. Any other size is refused.
public struct ConvolutionalGeometry: Sendable, Equatable {
  /// C, the image channels.
  public let channels: Int
  /// S, the side of the images the networks read and write.
  public let imageSide: Int
  /// M = 4·2ⁿ, the side the networks work at.
  public let modelSide: Int
  /// n, the stride-2 layers in each network (log₂(M/4)).
  public let resamplingCount: Int

  /// m, the pixels cropped from (generator) or padded onto (discriminator) every side.
  public var margin: Int { (modelSide - imageSide) / 2 }

  /// The geometry for images of shape (C, S, S).
  /// - Throws: `UnsupportedDataError` for another rank, non-square images, and sides neither
  ///   4·2ⁿ (n ≥ 1) nor even within a quarter below one.
  public init(sampleShape: [Int], variant: String) throws {
    let shapeText = "(" + sampleShape.map(String.init).joined(separator: ", ") + ")"
    guard sampleShape.count == 3, sampleShape.allSatisfy({ $0 > 0 }) else {
      throw UnsupportedDataError("\(variant) needs images of shape (C, H, W), got samples of shape \(shapeText)")
    }
    let side = sampleShape[1]
    guard sampleShape[2] == side else {
      throw UnsupportedDataError("\(variant) needs square images, got \(sampleShape[1])×\(sampleShape[2])")
    }
    var model = 8, count = 1
    while model < side { model *= 2; count += 1 }
    guard side == model || (side % 2 == 0 && 4 * side >= 3 * model) else {
      throw UnsupportedDataError(
        "\(variant) needs square images of side 4·2ⁿ (8, 16, 32, 64, 128, …), or an even side at most a quarter "
          + "below one, which the model crops (28 → 32); got \(side)×\(side). Pad or resize the images, "
          + "e.g. to \(model)×\(model)")
    }
    channels = sampleShape[0]
    imageSide = side
    modelSide = model
    resamplingCount = count
  }
}
