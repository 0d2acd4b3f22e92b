import _CKernels

/// Which kernels the ops run: the fast ones (oneDNN's JIT-compiled GEMM and convolutions, and C
/// loops compiled for AVX-512, AVX2 and the x86-64 baseline, each chosen by the CPU's features),
/// or the reference kernels (plain loops whose every output is the sum its definition names).
///
/// Tests compare the two; `GAN_ZOO_KERNELS=reference` runs a whole process on the reference
/// kernels (CI runs the test suite so once), and `GAN_ZOO_ISA=avx2|generic` lowers the
/// instruction set the C loops use. In code, for a scope and the task it runs in:
/// `KernelPath.$current.withValue(.reference) { … }`.
public enum KernelPath: String, Sendable, CaseIterable {
  case fast
  case reference

  /// The process's choice: `GAN_ZOO_KERNELS`, else `.fast`.
  public static let processDefault: KernelPath = {
    guard let value = getenv("GAN_ZOO_KERNELS") else { return .fast }
    return KernelPath(rawValue: String(cString: value)) ?? .fast
  }()

  @TaskLocal public static var current: KernelPath = processDefault
}

/// The instruction sets the backend's C loops are compiled for. The best the CPU has runs unless
/// `GAN_ZOO_ISA` lowers it; tests run a scope at a lower level with `withLoops(at:_:)`.
public enum LoopInstructionSet: Int, Sendable, CaseIterable, CustomStringConvertible {
  case generic = 0
  case avx2 = 1
  case avx512 = 2

  /// The best level this CPU can run.
  public static var best: LoopInstructionSet { LoopInstructionSet(rawValue: Int(ck_cpu()!.pointee.best_isa.rawValue))! }

  /// The levels this CPU can run, lowest first.
  public static var available: [LoopInstructionSet] { allCases.filter { $0.rawValue <= best.rawValue } }

  public var description: String { String(cString: ck_isa_name(ck_isa(rawValue: UInt32(rawValue)))) }

  /// Runs `body` with the loops on the calling thread at `level` (lowered to the CPU's best).
  /// Loops large enough to be shared out run their other parts on workers at the process's
  /// level, so tests keep such scopes below `Parallel`'s threshold.
  public static func withLoops<R>(at level: LoopInstructionSet, _ body: () throws -> R) rethrows -> R {
    let previous = ck_set_thread_isa(Int32(level.rawValue))
    defer { ck_set_thread_isa(previous) }
    return try body()
  }
}

#if canImport(Glibc)
import Glibc
#endif
import _CKernels
