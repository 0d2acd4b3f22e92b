/// A trainable tensor: storage that an optimizer updates in place, and the gradient that
/// `backward()` accumulates into it.
///
/// `value` is a leaf of the autodiff graph; every use of it in a forward pass routes its gradient
/// here. Parameters are reference types on purpose: a layer, an optimizer and a checkpoint all
/// refer to the same one.
public final class Parameter {
  private let leaf: GradNode
  private var tracked: Tensor
  /// Whether uses of `value` route gradients here. Freezing a network for a step (the
  /// discriminator during the generator's step) saves computing its weight gradients.
  public var requiresGradient = true

  /// The current value: a leaf of the autodiff graph, or a constant while frozen.
  public var value: Tensor { requiresGradient ? tracked : tracked.detached }
  /// The gradient accumulated by `backward()` since the last `zeroGradient()`.
  public var gradient: Tensor?

  public init(_ initial: Tensor) {
    leaf = .leaf()
    tracked = Tensor(shape: initial.shape, storage: initial.storage.copy(), node: leaf)
    leaf.parameter = self
  }

  public var shape: [Int] { tracked.shape }
  public var dtype: DType { tracked.dtype }
  public var scalarCount: Int { tracked.scalarCount }

  /// Forgets the accumulated gradient.
  public func zeroGradient() { gradient = nil }

  /// Replaces the value (same shape), e.g. from a checkpoint. Precondition: shapes match.
  public func assign(_ newValue: Tensor) {
    precondition(
      newValue.shape == shape,
      "Parameter.assign: parameter has shape \(shape), new value has shape \(newValue.shape)")
    let source = newValue.converted(to: dtype)
    tracked.storage.pointer.copyMemory(from: source.storage.pointer, byteCount: scalarCount * dtype.byteCount)
    tracked.storage.markModified()
  }

  /// Converts the parameter to another element type in place (gradient checks run in `float64`).
  public func convert(to dtype: DType) {
    guard dtype != self.dtype else { return }
    tracked = Tensor(shape: shape, storage: tracked.converted(to: dtype).storage, node: leaf)
    gradient = nil
  }

  /// Calls `body` with the parameter's storage for an in-place update.
  public func withUnsafeMutableBufferPointer<T: KernelScalar, R>(
    as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
  ) rethrows -> R {
    tracked.storage.markModified()
    return try body(UnsafeMutableBufferPointer(start: tracked.storage.typed(T.self), count: scalarCount))
  }

  func accumulate(_ g: Tensor) {
    if let existing = gradient {
      gradient = withoutGradient { existing + g }
    } else {
      gradient = g.detached
    }
  }
}
