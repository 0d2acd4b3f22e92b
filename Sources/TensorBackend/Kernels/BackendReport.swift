import _CKernels

/// What the backend runs on: the CPU, its features, the kernels and libraries chosen for it, and
/// (measured on demand) the matrix-product rate next to the machine's multiply-add ceiling, so a
/// user sees at once when the zoo runs on a slow path (`zoo bench --system`).
public struct BackendReport: Codable, Sendable, Equatable {
  /// The CPU's name as it reports it ("Intel(R) Xeon(R) Processor", "AMD EPYC 9R45 …").
  public var cpuModel: String
  public var cpuVendor: String
  /// Family, model and stepping as cpuid reports them.
  public var cpuSignature: String
  /// The vector features the CPU reports and the operating system enables.
  public var cpuFeatures: [String]
  /// The instruction set the backend's own loops run at: avx512, avx2 or generic.
  public var loopInstructionSet: String
  /// fast (oneDNN and the loops above) or reference (plain loops, for tests).
  public var kernelPath: String
  /// oneDNN's version and the instruction set its JIT kernels target.
  public var oneDNNVersion: String
  public var oneDNNInstructionSet: String
  /// OpenBLAS (float64 products and LAPACK): the core it runs, named by the CPU's features.
  public var openBLASCore: String
  /// Workers the backend splits loops among.
  public var threads: Int

  /// The report for this process.
  public static func current() -> BackendReport {
    let cpu = ck_cpu()!.pointee
    let features: [(String, Int32)] = [
      ("sse4.2", cpu.sse42), ("avx", cpu.avx), ("avx2", cpu.avx2), ("fma", cpu.fma), ("f16c", cpu.f16c),
      ("avx512f", cpu.avx512f), ("avx512bw", cpu.avx512bw), ("avx512dq", cpu.avx512dq), ("avx512vl", cpu.avx512vl),
      ("avx512_vnni", cpu.avx512vnni), ("avx512_bf16", cpu.avx512bf16), ("avx512_fp16", cpu.avx512fp16),
      ("avx_vnni", cpu.avxvnni), ("amx_tile", cpu.amxtile), ("amx_bf16", cpu.amxbf16), ("amx_int8", cpu.amxint8),
    ]
    return BackendReport(
      cpuModel: string(cpu.brand), cpuVendor: string(cpu.vendor),
      cpuSignature: "family \(cpu.family), model \(cpu.model), stepping \(cpu.stepping)",
      cpuFeatures: features.filter { $0.1 != 0 }.map(\.0),
      loopInstructionSet: String(cString: ck_isa_name(ck_active_isa())),
      kernelPath: KernelPath.current.rawValue,
      oneDNNVersion: String(cString: ck_onednn_version()), oneDNNInstructionSet: String(cString: ck_onednn_isa()),
      openBLASCore: String(cString: ck_openblas_core()),
      threads: Parallel.workers)
  }

  /// Multiply-add throughput of all workers on the widest vectors the CPU has (independent fused
  /// multiply-adds, no memory traffic), in GFLOP/s counting a multiply-add as 2: the ceiling no
  /// kernel can pass.
  public static func measureMultiplyAddCeiling(seconds: Double = 1) -> Double {
    ck_fma_peak_gflops(ck_cpu()!.pointee.best_isa, Int32(Parallel.workers), seconds)
  }

  /// The rate of the backend's float32 matrix product (`matmul`) on an M×K by K×N product, in
  /// GFLOP/s (2·M·N·K per product): the best of the products run in about `seconds`.
  public static func measureMatrixProduct(m: Int, n: Int, k: Int, seconds: Double = 1) -> Double {
    var generator = SplitMix64(seed: 1)
    let a = Tensor.randomUniform([m, k], using: &generator), b = Tensor.randomUniform([k, n], using: &generator)
    return withoutGradient {
      _ = matmul(a, b)
      var best = Double.infinity, spent = 0.0, runs = 0
      while spent < seconds || runs < 3 {
        let start = monotonicSeconds()
        _ = matmul(a, b)
        let elapsed = monotonicSeconds() - start
        best = Swift.min(best, elapsed)
        spent += elapsed
        runs += 1
      }
      return 2 * Double(m) * Double(n) * Double(k) / best / 1e9
    }
  }

  private static func string<T>(_ tuple: T) -> String {
    withUnsafeBytes(of: tuple) { bytes in
      String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
  }

  private static func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
}

#if canImport(Glibc)
import Glibc
#endif
