import TensorBackend

/// Inverted dropout (Srivastava et al. 2014): in training, zeroes each element with probability p
/// and scales the survivors by 1/(1 − p), drawing the mask from the context's generator; in
/// inference, the identity. Any shape.
public final class Dropout: Layer {
  /// p, the probability of zeroing an element.
  public let probability: Double

  public init(probability: Double) {
    precondition(probability >= 0 && probability < 1, "Dropout: probability \(probability) outside [0, 1)")
    self.probability = probability
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    dropout(input, probability: probability, training: context.training, using: &context.generator)
  }
}
