import TensorBackend

/// A differentiable map from one tensor to another, with named trainable parameters, named
/// non-trainable buffers, and named sublayers.
///
/// Traversal is explicit: a layer lists what it owns (`ownParameters`, `ownBuffers`) and its
/// direct children (`sublayers`); `namedParameters` and `namedBuffers` walk the tree in that
/// order, prefixing each child's names with the child's name and a dot, as PyTorch's
/// `named_parameters()` does. So a `Sequential` of a `Dense` and a `BatchNorm` names its
/// tensors "0.weight", "0.bias", "1.weight", "1.bias" and buffers "1.running_mean",
/// "1.running_var", and a checkpoint can key them by those names.
///
/// Training versus inference is never global state: it travels in the `ForwardContext` passed to
/// every call, with the random generator that dropout draws from.
public protocol Layer: AnyObject {
  /// Applies the layer to `input`. Shapes are documented by each conforming type.
  func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor

  /// The trainable parameters this layer holds itself (not its sublayers'), in a stable order.
  var ownParameters: [(name: String, parameter: Parameter)] { get }
  /// The non-trainable state this layer holds itself (batch-norm running statistics).
  var ownBuffers: [(name: String, buffer: Buffer)] { get }
  /// The direct children, in a stable order; their names prefix their tensors' names.
  var sublayers: [(name: String, layer: any Layer)] { get }
}

extension Layer {
  public var ownParameters: [(name: String, parameter: Parameter)] { [] }
  public var ownBuffers: [(name: String, buffer: Buffer)] { [] }
  public var sublayers: [(name: String, layer: any Layer)] { [] }
}

// MARK: - Traversal

extension Layer {
  /// Every trainable parameter of this layer and its sublayers, own ones first, then each
  /// sublayer's with its name as prefix ("0.weight").
  public var namedParameters: [(name: String, parameter: Parameter)] {
    var result = ownParameters
    for (prefix, child) in sublayers {
      result += child.namedParameters.map { (name: prefix + "." + $0.name, parameter: $0.parameter) }
    }
    return result
  }

  /// Every buffer of this layer and its sublayers, named as `namedParameters` names parameters.
  public var namedBuffers: [(name: String, buffer: Buffer)] {
    var result = ownBuffers
    for (prefix, child) in sublayers {
      result += child.namedBuffers.map { (name: prefix + "." + $0.name, buffer: $0.buffer) }
    }
    return result
  }

  /// The trainable parameters in `namedParameters` order; what an optimizer is given.
  public var parameters: [Parameter] { namedParameters.map(\.parameter) }

  /// The number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.scalarCount } }

  /// This layer and every layer below it, parents before children (PyTorch's `modules()`).
  public var allLayers: [any Layer] {
    var result: [any Layer] = [self]
    for (_, child) in sublayers { result += child.allLayers }
    return result
  }

  /// Forgets every parameter's accumulated gradient.
  public func zeroGradients() {
    for parameter in parameters { parameter.zeroGradient() }
  }

  /// Converts every parameter and buffer to `dtype` in place; gradient checks run in `float64`.
  /// Inputs must then be given in the same element type.
  public func convert(to dtype: DType) {
    for parameter in parameters { parameter.convert(to: dtype) }
    for (_, buffer) in namedBuffers { buffer.convert(to: dtype) }
  }

  /// Applies the layer in inference mode (batch norm uses its running statistics, dropout is the
  /// identity). Gradient recording is left to the caller (`withoutGradient`).
  public func inferring(from input: Tensor) -> Tensor {
    var context = ForwardContext.inference
    return self(input, context: &context)
  }
}

// MARK: - State for checkpoints

extension Layer {
  /// Copies of every parameter and buffer value, keyed by name (PyTorch's `state_dict()`).
  /// The copies do not change when training continues.
  public func exportState() -> [String: Tensor] {
    var state: [String: Tensor] = [:]
    for (name, parameter) in namedParameters { state[name] = parameter.value.copied() }
    for (name, buffer) in namedBuffers { state[name] = buffer.value.copied() }
    return state
  }

  /// Replaces every parameter and buffer value with the tensor of the same name (PyTorch's
  /// `load_state_dict(strict=True)`), converting the element type if needed. Nothing is changed
  /// unless every name is present with the right shape and no name is left over.
  public func importState(_ state: [String: Tensor]) throws(StateImportError) {
    let parameters = namedParameters, buffers = namedBuffers
    var expected: [String: [Int]] = [:]
    for (name, parameter) in parameters { expected[name] = parameter.shape }
    for (name, buffer) in buffers { expected[name] = buffer.value.shape }
    for (name, shape) in expected {
      guard let tensor = state[name] else { throw StateImportError("missing tensor \"\(name)\"") }
      guard tensor.shape == shape else {
        throw StateImportError("tensor \"\(name)\" has shape \(tensor.shape), the layer expects \(shape)")
      }
    }
    let unexpected = state.keys.filter { expected[$0] == nil }.sorted()
    guard unexpected.isEmpty else { throw StateImportError("unexpected tensors \(unexpected)") }
    for (name, parameter) in parameters { parameter.assign(state[name]!) }
    for (name, buffer) in buffers { buffer.assign(state[name]!) }
  }
}
