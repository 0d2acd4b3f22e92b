#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A flat, 64-byte-aligned buffer of `count` elements of one `DType`, from `StorageAllocator`.
///
/// Storage is shared by reference: `reshaped(to:)` and the tensors handed out by a `Parameter` all
/// point at the same buffer, so an optimizer's in-place update is seen by every one of them (as in
/// PyTorch). Every other op allocates fresh storage.
final class TensorStorage: @unchecked Sendable {
  let pointer: UnsafeMutableRawPointer
  /// Bytes of the block behind `pointer` (at least count × element size).
  private let capacity: Int
  let count: Int
  let dtype: DType
  /// Bumped whenever the values change after the storage was handed out (an optimizer's update
  /// of a parameter, a checkpoint's values assigned to one), so that a kernel may keep a
  /// derived copy (a filter in a convolution's blocked layout) while (storage, version) holds.
  /// Other storage is written once, before any tensor sees it.
  private(set) var version = 0

  func markModified() { version &+= 1 }

  init(count: Int, dtype: DType) {
    precondition(count >= 0, "TensorStorage: negative element count \(count)")
    self.count = count
    self.dtype = dtype
    (pointer, capacity) = StorageAllocator.allocate(count * dtype.byteCount)
  }

  deinit { StorageAllocator.release(pointer, capacity: capacity) }

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
