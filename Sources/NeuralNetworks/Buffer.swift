import TensorBackend

/// Non-trainable state of a layer that is saved with it, such as batch norm's running mean and
/// variance (PyTorch's `register_buffer`). No gradient flows into a buffer; the layer that owns it
/// updates it during training.
public final class Buffer {
  /// The current value, a constant.
  public internal(set) var value: Tensor

  public init(_ initial: Tensor) { value = initial.copied() }

  public var shape: [Int] { value.shape }
  public var dtype: DType { value.dtype }

  /// Replaces the value (same shape, converted to this buffer's element type), e.g. from a
  /// checkpoint.
  public func assign(_ newValue: Tensor) {
    precondition(newValue.shape == shape, "Buffer.assign: buffer has shape \(shape), new value has shape \(newValue.shape)")
    value = newValue.converted(to: dtype).copied()
  }

  /// Converts the buffer to another element type.
  public func convert(to dtype: DType) { value = value.converted(to: dtype) }
}
