import _CMPI

/// The processes an MPI launcher started together (`mpirun -np N zoo …`), over Open MPI, which
/// is loaded only then (`_CMPI`): a process started any other way never touches MPI.
public final class MPIProcessGroup: ProcessGroup, @unchecked Sendable {
  public let rank: Int
  public let size: Int
  /// The all-reduces this process has made so far, and the bytes it contributed to them (what
  /// a data-parallel step costs on a network; `zoo train` reports it at the end).
  public private(set) var allReduceCount = 0
  public private(set) var allReducedBytes = 0

  /// The group this process was launched into, or nil when no launcher started it as one of
  /// several. Throws when it was, but MPI cannot start (not installed, or not Open MPI).
  public static func launched() throws -> MPIProcessGroup? {
    guard cmpi_launched_size() > 1 else { return nil }
    var error = [CChar](repeating: 0, count: 512)
    guard cmpi_init(&error, error.count) == 0 else { throw ProcessGroupError(message(error)) }
    return MPIProcessGroup(rank: Int(cmpi_rank()), size: Int(cmpi_size()))
  }

  /// The processes of this group on this machine, and this one's index among them (from the
  /// launcher): the cores are shared among them.
  public static var localSize: Int { Int(cmpi_local_size()) }
  public static var localRank: Int { Int(cmpi_local_rank()) }

  private init(rank: Int, size: Int) {
    self.rank = rank
    self.size = size
  }

  public func allReduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws {
    try allReduce(values, cmpi_allreduce_sum_float)
  }

  public func allReduceSum(_ values: UnsafeMutableBufferPointer<Double>) throws {
    try allReduce(values, cmpi_allreduce_sum_double)
  }

  /// Sums `values` across the group in place with `reduce`, counting the traffic.
  private func allReduce<Scalar>(
    _ values: UnsafeMutableBufferPointer<Scalar>,
    _ reduce: (UnsafeMutablePointer<Scalar>, Int, UnsafeMutablePointer<CChar>, Int) -> Int32
  ) throws {
    guard let base = values.baseAddress, values.count > 0 else { return }
    var error = [CChar](repeating: 0, count: 512)
    guard reduce(base, values.count, &error, error.count) == 0 else {
      throw ProcessGroupError("rank \(rank): \(Self.message(error))")
    }
    allReduceCount += 1
    allReducedBytes += values.count * MemoryLayout<Scalar>.stride
  }

  public func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    var error = [CChar](repeating: 0, count: 512)
    guard cmpi_broadcast(base, bytes.count, Int32(root), &error, error.count) == 0 else {
      throw ProcessGroupError("rank \(rank): \(Self.message(error))")
    }
  }

  public func abort(code: Int32) -> Never {
    cmpi_abort(code)
    fatalError("MPI_Abort returned")
  }

  /// Finishes MPI cleanly (the launcher reports processes that exit without it as failed).
  public func finish() { cmpi_finalize() }

  private static func message(_ error: [CChar]) -> String {
    String(decoding: error.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
  }
}
