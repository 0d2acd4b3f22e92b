import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where tensor memory comes from: a caching allocator, as PyTorch's, so that a training step
/// that asks for the same large buffers as the step before gets them back without a trip to the
/// kernel.
///
/// Blocks of at least `largeBlock` bytes are mapped from the kernel in size classes (a power of
/// two or 1¼, 1½, 1¾ of one: at most a quarter wasted) and kept on a free list per class when
/// released, up to `cacheLimit` bytes; beyond that they are unmapped. Fresh mappings cost a page
/// fault and a zeroed page per 4 KiB touched (a sixth of DCGAN's sampling time, when every
/// step's 262 MB activations came fresh); kept blocks cost nothing. Smaller blocks come from
/// malloc, which keeps its own caches.
enum StorageAllocator {
  /// Blocks from this size up are cached here.
  static let largeBlock = 1 << 18
  /// Bytes of released blocks kept at most.
  static let cacheLimit = 1 << 30

  private struct Cache {
    /// Addresses of free blocks, by size class.
    var free: [Int: [Int]] = [:]
    var cachedBytes = 0
  }

  private static let cache = Mutex(Cache())

  /// 64-byte-aligned room for at least `bytes` bytes, and the size of the block given, which
  /// `release` takes back. A large request takes a cached block of its own size class, else the
  /// smallest cached one of up to twice its size (a block whose pages are already in memory
  /// serves better than a fresh mapping), else a new mapping.
  static func allocate(_ bytes: Int) -> (pointer: UnsafeMutableRawPointer, capacity: Int) {
    guard bytes >= largeBlock else {
      var raw: UnsafeMutableRawPointer?
      guard posix_memalign(&raw, 64, Swift.max(bytes, 64)) == 0, let raw else {
        fatalError("TensorStorage: cannot allocate \(bytes) bytes")
      }
      return (raw, bytes)
    }
    let size = sizeClass(bytes)
    if let reused = cache.withLock({ cache -> (address: Int, size: Int)? in
      let candidates = cache.free.keys.filter { $0 >= size && $0 <= 2 * size && !(cache.free[$0]?.isEmpty ?? true) }
      guard let best = candidates.min(), let block = cache.free[best]?.popLast() else { return nil }
      cache.cachedBytes -= best
      return (block, best)
    }), let pointer = UnsafeMutableRawPointer(bitPattern: reused.address) {
      return (pointer, reused.size)
    }
    guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), mapped != MAP_FAILED else {
      fatalError("TensorStorage: cannot map \(size) bytes")
    }
    return (mapped, size)
  }

  /// Gives back a block from `allocate`, with the capacity it returned.
  static func release(_ pointer: UnsafeMutableRawPointer, capacity: Int) {
    guard capacity >= largeBlock else {
      free(pointer)
      return
    }
    let size = capacity
    let address = Int(bitPattern: pointer)
    let kept = cache.withLock { cache -> Bool in
      guard cache.cachedBytes + size <= cacheLimit else { return false }
      cache.free[size, default: []].append(address)
      cache.cachedBytes += size
      return true
    }
    if !kept { munmap(pointer, size) }
  }

  /// The size class of a large request: the request rounded up to a power of two, or to 1¼, 1½
  /// or 1¾ of one, in whole pages.
  static func sizeClass(_ bytes: Int) -> Int {
    let power = 1 << (Int.bitWidth - 1 - (bytes - 1).leadingZeroBitCount)  // largest power of 2 below bytes
    let step = Swift.max(power / 4, 4096)
    return (bytes + step - 1) / step * step
  }

  /// Unmaps every cached block (memory back to the system; the next large requests map afresh).
  static func releaseCachedBlocks() {
    let blocks = cache.withLock { cache -> [(address: Int, size: Int)] in
      let all = cache.free.flatMap { size, addresses in addresses.map { ($0, size) } }
      cache.free = [:]
      cache.cachedBytes = 0
      return all
    }
    for block in blocks { munmap(UnsafeMutableRawPointer(bitPattern: block.address), block.size) }
  }
}
