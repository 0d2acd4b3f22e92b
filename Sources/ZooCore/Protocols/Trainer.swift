import TensorBackend

/// One training iteration in, one record out. Every GAN variant trains with the one
/// `AdversarialTrainer`; a likelihood model (the VAE baseline) brings its own conformance.
///
/// A trainer owns its models and optimizers. Its whole state (weights, buffers, optimizer
/// moments) exports as named tensors, so a checkpoint restores it and a resumed run continues bit
/// for bit.
public protocol Trainer: AnyObject {
  /// One iteration (for a GAN: k discriminator steps, then one generator step), drawing batches
  /// from `data` and every random number from `generator`.
  func step(data: inout any BatchSource, using generator: inout SplitMix64) throws -> StepRecord
  /// The model that draws new samples from noise (and a condition).
  var sampler: any Generator { get }
  /// Every tensor of the training state, by name.
  func exportState() -> [String: Tensor]
  /// Restores `exportState()`'s tensors; nothing changes if they do not fit.
  func importState(_ state: [String: Tensor]) throws
}
