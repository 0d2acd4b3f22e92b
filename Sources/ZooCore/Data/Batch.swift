import TensorBackend

/// A minibatch: samples (N, sample shape…), what a conditional model reads beside them, and for
/// labelled data their classes.
public struct Batch {
  public var samples: Tensor
  /// What conditions the samples: the class indices (N) for labelled data, unless a trainer
  /// hands on something else (a coarser image (N, C, H, W) for a pyramid level); `nil` for none.
  /// The adversarial loop gives it to both networks and gives generated samples the real
  /// batch's condition.
  public var condition: Tensor?
  /// The classes (N) of labelled data, as integral values (the form conditional layers take).
  public var labels: Tensor?

  /// A batch of labelled (or unlabelled) data, conditioned on its labels.
  public init(samples: Tensor, labels: Tensor? = nil) {
    self.init(samples: samples, condition: labels, labels: labels)
  }

  public init(samples: Tensor, condition: Tensor?, labels: Tensor? = nil) {
    self.samples = samples
    self.condition = condition
    self.labels = labels
  }

  /// N.
  public var count: Int { samples.shape[0] }
}
