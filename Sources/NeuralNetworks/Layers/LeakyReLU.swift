import TensorBackend

/// x for x > 0, slope·x otherwise (Maas et al. 2013), elementwise; any shape.
public final class LeakyReLU: Layer {
  /// The slope for negative inputs. DCGAN uses 0.2 (Radford et al. 2015, section 4: "the slope
  /// of the leak was set to 0.2 in all models"); PyTorch's default is 0.01.
  public let negativeSlope: Double

  public init(negativeSlope: Double = 0.2) { self.negativeSlope = negativeSlope }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    leakyRelu(input, negativeSlope: negativeSlope)
  }
}
