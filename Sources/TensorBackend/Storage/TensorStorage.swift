#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A flat, 64-byte-aligned buffer of `count` elements of one `DType`.
///
/// Storage is shared by reference: `reshaped(to:)` and the tensors handed out by a `Parameter` all
/// point at the same buffer, so an optimizer's in-place update is seen by every one of them (as in
/// PyTorch). Every other op allocates fresh storage.
final class TensorStorage: @unchecked Sendable {
  let pointer: UnsafeMutableRawPointer
  let count: Int
  let dtype: DType

  init(count: Int, dtype: DType) {
    precondition(count >= 0, "TensorStorage: negative element count \(count)")
    self.count = count
    self.dtype = dtype
    var raw: UnsafeMutableRawPointer?
    let bytes = max(count * dtype.byteCount, 64)
    guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
      fatalError("TensorStorage: cannot allocate \(bytes) bytes")
    }
    pointer = raw
  }

  deinit { free(pointer) }

  func typed<T: KernelScalar>(_: T.Type) -> UnsafeMutablePointer<T> {
    precondition(T.dtype == dtype, "TensorStorage: \(dtype) buffer read as \(T.dtype)")
    return pointer.assumingMemoryBound(to: T.self)
  }

  func zero() { memset(pointer, 0, count * dtype.byteCount) }

  func copy() -> TensorStorage {
    let result = TensorStorage(count: count, dtype: dtype)
    memcpy(result.pointer, pointer, count * dtype.byteCount)
    return result
  }
}
