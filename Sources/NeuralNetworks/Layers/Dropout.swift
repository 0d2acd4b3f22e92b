import TensorBackend

/// Inverted dropout (Srivastava et al. 2014): in training, zeroes each element with probability p
/// and scales the survivors by 1/(1 − p), drawing the mask from the context's generator (for the
/// whole batch, keeping this process's rows, in a data-parallel run); in inference, the
/// identity. Any shape.
public final class Dropout: Layer {
  /// p, the probability of zeroing an element.
  public let probability: Double

  public init(probability: Double) {
    precondition(probability >= 0 && probability < 1, "Dropout: probability \(probability) outside [0, 1)")
    self.probability = probability
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    guard let shard = context.shard, !shard.isWhole, context.training, probability > 0 else {
      return dropout(input, probability: probability, training: context.training, using: &context.generator)
    }
    precondition(input.shape.first == shard.count, "Dropout: input of \(input.shape.first ?? 0) rows for a shard of \(shard)")
    let mask = shard.draw { rows in
      Tensor.randomBernoulli([rows] + input.shape.dropFirst(), probability: 1 - probability, dtype: input.dtype, using: &context.generator)
    }
    return input * (mask * (1 / (1 - probability)))
  }
}
