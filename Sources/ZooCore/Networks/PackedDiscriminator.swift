import NeuralNetworks
import TensorBackend

/// Packing (Lin, Khetan, Fanti, Oh 2018, "PacGAN: The Power of Two Samples in Generative
/// Adversarial Networks", NeurIPS): the discriminator judges m samples at once, all real or all
/// generated, which penalizes a generator whose samples lack the data's variety.
///
/// x (N, S₁, S₂, …) → packs (N/m, m·S₁, S₂, …) → the inner network → one logit per pack (N/m, 1)
/// → each sample given its pack's logit (N, 1), the `Discriminator` contract. Pack p holds samples
/// p·m … p·m + m − 1 in order, concatenated along the first sample axis (a point's coordinates, an
/// image's channels, as the paper's toy and image discriminators take them). A batch of real
/// samples gives real packs and a batch of generated ones generated packs, so every pack has one
/// label; an objective's mean over the N samples is its mean over the N/m packs, loss and gradient
/// alike (each pack counted m times). m = 1 is no packing.
///
/// The inner network is built for samples of shape (m·S₁, S₂, …) and takes no condition. Its
/// tensors keep their own names (this wrapper adds no prefix), so a packed discriminator's
/// checkpoint names are those of the same network with the wider input, as in the paper's code.
/// A gradient penalty (WGAN-GP) still takes each sample's share of its pack's input gradient.
public final class PackedDiscriminator: Discriminator {
  /// m, samples per pack.
  public let packing: Int
  /// The network that scores packs.
  public let network: any Discriminator

  /// - Parameters:
  ///   - network: takes packs (N/m, m·S₁, S₂, …) to logits (N/m, 1).
  ///   - packing: m ≥ 1.
  public init(_ network: any Discriminator, packing: Int) {
    precondition(packing >= 1, "PackedDiscriminator: packing must be at least 1, got \(packing)")
    self.network = network
    self.packing = packing
  }

  public var ownParameters: [(name: String, parameter: Parameter)] { network.ownParameters }
  public var ownBuffers: [(name: String, buffer: Buffer)] { network.ownBuffers }
  public var sublayers: [(name: String, layer: any Layer)] { network.sublayers }

  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(condition == nil, "PackedDiscriminator: packs take no condition")
    let logits = network(Self.packed(x, packing: packing), condition: nil, context: &context)
    return logits.broadcast(to: [logits.shape[0], packing]).reshaped(to: [x.shape[0], 1])
  }

  /// A variant's discriminator with packing m: `network` built for packs (samples of
  /// `sampleShape` with the first axis m times wider: m points' coordinates, m images' channels)
  /// and wrapped, or for single samples when m = 1.
  ///
  /// - Throws: `InvalidConfigurationError` (see `validate`) before anything is built; `setting`
  ///   names the option in the message ("gan: packing").
  public static func make(
    packing: Int, sampleShape: [Int], environment: TrainingEnvironment, setting: String, network: ([Int]) -> any Discriminator
  ) throws -> any Discriminator {
    try validate(packing, batchSize: environment.batchSize, shard: environment.shard, setting: setting)
    var packShape = sampleShape
    packShape[0] *= packing
    let inner = network(packShape)
    return packing == 1 ? inner : PackedDiscriminator(inner, packing: packing)
  }

  /// Throws unless m ≥ 1 divides the batch size N and, in a data-parallel run, this process's
  /// rows start and end on a pack's boundary (so the packs are those of a single process).
  /// `setting` names the option in the message ("gan: packing").
  public static func validate(_ packing: Int, batchSize: Int, shard: BatchShard, setting: String) throws {
    guard packing >= 1 else { throw InvalidConfigurationError("\(setting) must be at least 1 (1 is no packing), got \(packing)") }
    guard batchSize % packing == 0 else {
      throw InvalidConfigurationError("\(setting) \(packing) does not divide the batch size \(batchSize); the discriminator judges packs of \(packing) samples, so choose a batch size that is a multiple of \(packing)")
    }
    guard shard.offset % packing == 0 && shard.count % packing == 0 else {
      throw InvalidConfigurationError("\(setting) \(packing) does not divide this process's \(shard); choose a batch size that splits into packs of \(packing) on every process")
    }
  }

  /// x (N, S₁, S₂, …) as packs (N/m, m·S₁, S₂, …): a reshape, since pack p is rows p·m … p·m + m − 1.
  public static func packed(_ x: Tensor, packing: Int) -> Tensor {
    precondition(x.rank >= 2, "PackedDiscriminator: expects samples (N, …), got shape \(x.shape)")
    precondition(x.shape[0] % packing == 0, "PackedDiscriminator: \(x.shape[0]) samples do not split into packs of \(packing)")
    return x.reshaped(to: [x.shape[0] / packing, packing * x.shape[1]] + x.shape.dropFirst(2))
  }
}
