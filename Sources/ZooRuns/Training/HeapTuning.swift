/// Process-wide allocator settings the zoo's workloads want, applied once by the first run
/// created or opened (and by the `zoo` command at start).
public enum HeapTuning {
  /// glibc serves allocations above its mmap threshold (at most 32 MB) with fresh pages from the
  /// kernel and returns them on free, so every step's large activations (262 MB for a batch of
  /// 1,000 64×64 DCGAN feature maps) were page-faulted and zeroed anew: a sixth of sampling time.
  /// Kept in the heap instead, freed buffers are reused by the next step's allocations, as
  /// PyTorch's caching allocator does. Results are unchanged; sampling DCGAN-64 is 1.6–1.8×
  /// faster. Does nothing on other C libraries.
  public static func keepLargeBuffersInTheHeap() {
    _ = applied
  }

  private static let applied: Bool = {
    #if os(Linux)
    _ = glibcMallopt(-3, 1 << 30)  // M_MMAP_THRESHOLD
    _ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
    #endif
    return true
  }()
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)` (malloc.h, which the Glibc module leaves out).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
