import ArgumentParser

@main
struct ZooCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "zoo",
    abstract: "GAN Zoo: train, sample, evaluate and benchmark generative models.",
    subcommands: [ListCommand.self, TrainCommand.self, ResumeCommand.self, SampleCommand.self, EvaluateCommand.self, ScoreCommand.self, BenchCommand.self, DataCommand.self, ClassifierCommand.self])

  static func main() {
    keepLargeBuffersInTheHeap()
    main(nil)
  }

  /// glibc serves allocations above its mmap threshold (at most 32 MB) with fresh pages from the
  /// kernel and returns them on free, so every step's large activations (262 MB for a batch of
  /// 1,000 64×64 DCGAN feature maps) were page-faulted and zeroed anew: a sixth of sampling
  /// time. Kept in the heap instead, freed buffers are reused by the next step's allocations,
  /// as PyTorch's caching allocator does.
  private static func keepLargeBuffersInTheHeap() {
    #if os(Linux)
    _ = glibcMallopt(-3, 1 << 30)  // M_MMAP_THRESHOLD
    _ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
    #endif
  }
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)` (malloc.h, which the Glibc module leaves out).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
