import NeuralNetworks
import TensorBackend
import ZooCore

/// The VAE's own training step (the ELBO is not an `Objective`): a real batch read as
/// observations (binarised afresh under the IWAE protocol), one posterior draw per sample with ε
/// from the run's generator, and one optimizer step on −L averaged over the batch, the
/// per-sample negative ELBO. pytorch/examples `vae` descends the batch's sum,
/// `BCE(reduction='sum') + KLD`; under Adam the two differ only through Adam's ε (1e-8) against
/// gradients 128 times smaller, and the mean is what processes sharing a batch average.
///
/// Logged per sample, in nats: the losses "reconstruction" and "kl", and the diagnostic
/// "negative_elbo", their sum, which is what pytorch/examples prints as its average loss. One
/// optimizer (from the environment) over the encoder's and decoder's parameters. In a
/// data-parallel run the binarisation and ε are drawn for the whole batch and cut to this
/// process's rows, batch norm is synchronized, and the logged figures are the whole batch's, so the
/// run computes and reports what one process would.
public final class VAETrainer: Trainer {
  public let model: VariationalAutoencoder
  public let optimizer: any Optimizer
  public let batchSize: Int
  /// The processes sharing each batch, and this one's shard, in a data-parallel run.
  public let environment: TrainingEnvironment?

  public init(model: VariationalAutoencoder, optimizer: any Optimizer, batchSize: Int, environment: TrainingEnvironment? = nil) {
    precondition(batchSize >= 1, "VAETrainer: batch size must be at least 1, got \(batchSize)")
    self.model = model
    self.optimizer = optimizer
    self.batchSize = batchSize
    self.environment = environment?.processGroup == nil ? nil : environment
  }

  /// The trainer of `model` with the optimizer `settings` describe, made by `environment`.
  public convenience init(model: VariationalAutoencoder, optimizer settings: OptimizerSettings, environment: TrainingEnvironment) {
    self.init(
      model: model, optimizer: environment.makeOptimizer(settings, for: model.encoder.parameters + model.decoder.parameters),
      batchSize: environment.batchSize, environment: environment)
  }

  public var batchesPerStep: Int { 1 }
  public var sampler: any Generator { model.decoder }
  public var networks: [(name: String, layer: any Layer)] { [("encoder", model.encoder), ("decoder", model.decoder)] }
  public var likelihoodModel: (any LikelihoodModel)? { model }

  public func step(nextBatch: (inout SplitMix64) throws -> Batch, using rng: inout SplitMix64) throws -> StepRecord {
    var context = environment?.trainingContext(generator: rng.split()) ?? ForwardContext(training: true, generator: rng.split())
    let samples = try nextBatch(&rng).samples
    func drawRows(_ draw: (Int) -> Tensor) -> Tensor { environment?.drawRows(count: samples.shape[0], draw) ?? draw(samples.shape[0]) }
    let uniforms = model.binarizesInputs ? drawRows { Tensor.randomUniform([$0] + samples.shape.dropFirst(), using: &rng) } : nil
    let x = model.observations(of: samples, uniforms: uniforms)
    let epsilon = drawRows { model.makeNoise(count: $0, using: &rng) }
    optimizer.zeroGradients()
    let terms = model.totalNegativeELBO(of: x, noise: epsilon, context: &context)
    // The whole batch's mean: this shard's sum over the batch's N rows, times the P processes
    // whose gradients the optimizer averages (exact for unequal shards, 43 + 43 + 42 of 128).
    let count = Double(environment?.shard.globalCount ?? x.shape[0])
    (terms.total * (Double(environment?.worldSize ?? 1) / count)).backward()
    optimizer.step()
    var sums = [terms.reconstruction.scalar, terms.klDivergence.scalar]
    if let group = environment?.processGroup { sums = try group.sum(sums) }
    let reconstruction = sums[0] / count, kl = sums[1] / count
    return StepRecord(
      samplesConsumed: Int(count), losses: [.init("reconstruction", reconstruction), .init("kl", kl)],
      diagnostics: [.init("negative_elbo", reconstruction + kl)])
  }

  public func exportState() -> [String: Tensor] {
    CheckpointTensors.export(networks: networks, optimizers: [("optimizer", optimizer)])
  }

  public func importState(_ state: [String: Tensor]) throws {
    try CheckpointTensors.restore(state, networks: networks, optimizers: [("optimizer", optimizer)])
  }
}
