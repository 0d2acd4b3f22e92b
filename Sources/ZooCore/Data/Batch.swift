import TensorBackend

/// A minibatch: samples (N, sample shape…) and, for labelled data, their classes as a (N) tensor
/// of integral values (the form conditional layers take).
public struct Batch {
  public var samples: Tensor
  public var labels: Tensor?

  public init(samples: Tensor, labels: Tensor? = nil) {
    self.samples = samples
    self.labels = labels
  }

  /// N.
  public var count: Int { samples.shape[0] }
}
