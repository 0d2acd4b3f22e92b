#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory that kernels borrow for intermediate results (im2col column matrices, reordered
/// operands) and hand back when done.
///
/// A training step asks for the same few large buffers over and over; taking them from here
/// instead of `malloc` avoids mapping fresh pages and faulting them in on every call. The pool is
/// thread-safe and keeps at most `capacity` idle buffers (the largest ones).
final class ScratchPool: @unchecked Sendable {
  static let shared = ScratchPool(capacity: 4)

  private struct Buffer {
    let pointer: UnsafeMutableRawPointer
    let bytes: Int
  }

  private let capacity: Int
  private var idle: [Buffer] = []
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

  init(capacity: Int) {
    self.capacity = capacity
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    for buffer in idle { StorageAllocator.release(buffer.pointer, capacity: buffer.bytes) }
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Calls `body` with uninitialised room for `count` elements of `T`, 64-byte aligned, valid only
  /// during the call.
  func withBuffer<T: KernelScalar, R>(
    of _: T.Type, count: Int, _ body: (UnsafeMutablePointer<T>) throws -> R
  ) rethrows -> R {
    let buffer = take(bytes: Swift.max(count * MemoryLayout<T>.stride, 64))
    defer { give(buffer) }
    return try body(buffer.pointer.bindMemory(to: T.self, capacity: count))
  }

  /// The smallest idle buffer that is large enough, or a new one.
  private func take(bytes: Int) -> Buffer {
    pthread_mutex_lock(mutex)
    var best: Int?
    for (index, buffer) in idle.enumerated() where buffer.bytes >= bytes {
      if best == nil || buffer.bytes < idle[best!].bytes { best = index }
    }
    let found = best.map { idle.remove(at: $0) }
    pthread_mutex_unlock(mutex)
    if let found { return found }
    let block = StorageAllocator.allocate(bytes)
    return Buffer(pointer: block.pointer, bytes: block.capacity)
  }

  private func give(_ buffer: Buffer) {
    pthread_mutex_lock(mutex)
    idle.append(buffer)
    var released: Buffer?
    if idle.count > capacity, let smallest = idle.indices.min(by: { idle[$0].bytes < idle[$1].bytes }) {
      released = idle.remove(at: smallest)
    }
    pthread_mutex_unlock(mutex)
    if let released { StorageAllocator.release(released.pointer, capacity: released.bytes) }
  }
}
