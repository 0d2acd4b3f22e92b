import NeuralNetworks
import TensorBackend
import ZooCore

/// One level of the pyramid as the trainer lists its networks: the level's generator and
/// discriminator, whose tensors a checkpoint holds as "levelk.generator.…" and
/// "levelk.discriminator.…". Applied as a layer, it is its generator applied to noise alone
/// (which a finer level refuses: it needs its coarse image).
public final class PyramidLevel: Layer {
  public let generator: any Generator
  public let discriminator: any Discriminator

  public init(generator: any Generator, discriminator: any Discriminator) {
    self.generator = generator
    self.discriminator = discriminator
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("generator", generator), ("discriminator", discriminator)] }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    generator(input, context: &context)
  }
}
