import NeuralNetworks
import TensorBackend
import ZooCore

/// A generator with one parameter, enough to stand behind a scripted trainer: x = 0.5 whatever z.
public final class ConstantGenerator: Generator {
  public let value = Parameter(Tensor(shape: [1], scalars: [0.5] as [Double]))
  public init() {}
  public var latentDimension: Int { 1 }
  public var sampleShape: [Int] { [1] }
  public var ownParameters: [(name: String, parameter: Parameter)] { [("value", value)] }
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    noise * 0 + value.value
  }
}
