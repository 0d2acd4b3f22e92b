import Foundation
import TensorBackend

/// Processes of a data-parallel run played by threads of one test process: `run(size:)` starts
/// `size` threads, each with its own group member, and the members' collectives meet in shared
/// memory. Sums are added in rank order, so the result is the same on every member and from run
/// to run.
public final class ThreadProcessGroup: ProcessGroup, @unchecked Sendable {
  public let rank: Int
  public let size: Int
  private let shared: Shared

  private final class Shared: @unchecked Sendable {
    let size: Int
    let condition = NSCondition()
    var arrived = 0
    var generation = 0
    var slots: [[Double]]
    var bytes: [UInt8] = []
    init(size: Int) {
      self.size = size
      slots = Array(repeating: [], count: size)
    }

    /// Waits until every member has called it (a reusable barrier).
    func barrier() {
      condition.lock()
      let mine = generation
      arrived += 1
      if arrived == size {
        arrived = 0
        generation += 1
        condition.broadcast()
      } else {
        while generation == mine { condition.wait() }
      }
      condition.unlock()
    }
  }

  private init(rank: Int, shared: Shared) {
    self.rank = rank
    size = shared.size
    self.shared = shared
  }

  /// Runs `body` once per member of a group of `size`, each on its own thread, and returns their
  /// results in rank order once all have finished. The members may read what `body` captures
  /// (tensors are values; the threads do not write shared state outside the group).
  public static func run<R>(size: Int, _ body: @escaping (ThreadProcessGroup) throws -> R) throws -> [R] {
    let shared = Shared(size: size)
    let results = ResultBox<R>(size: size)
    let done = DispatchGroup()
    let task = UncheckedBody(body)
    for rank in 0..<size {
      done.enter()
      let thread = Thread {
        results.set(rank, Result { try task.body(ThreadProcessGroup(rank: rank, shared: shared)) })
        done.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    done.wait()
    return try results.values.map { try $0!.get() }
  }

  private struct UncheckedBody<R>: @unchecked Sendable {
    let body: (ThreadProcessGroup) throws -> R
    init(_ body: @escaping (ThreadProcessGroup) throws -> R) { self.body = body }
  }

  private final class ResultBox<R>: @unchecked Sendable {
    private let lock = NSLock()
    var values: [Result<R, any Error>?]
    init(size: Int) { values = Array(repeating: nil, count: size) }
    func set(_ index: Int, _ value: Result<R, any Error>) {
      lock.lock()
      values[index] = value
      lock.unlock()
    }
  }

  private func sum(_ values: [Double]) -> [Double] {
    shared.condition.lock()
    shared.slots[rank] = values
    shared.condition.unlock()
    shared.barrier()
    var total = [Double](repeating: 0, count: values.count)
    for member in 0..<size {
      let slot = shared.slots[member]
      precondition(slot.count == values.count, "ThreadProcessGroup: members disagree on the length of a sum")
      for i in total.indices { total[i] += slot[i] }
    }
    shared.barrier()
    return total
  }

  public func allReduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws {
    // Summed in double, then rounded: within float rounding of any order MPI would add in.
    let totals = sum(values.map(Double.init))
    for i in 0..<values.count { values[i] = Float(totals[i]) }
  }

  public func allReduceSum(_ values: UnsafeMutableBufferPointer<Double>) throws {
    let totals = sum(Array(values))
    for i in 0..<values.count { values[i] = totals[i] }
  }

  public func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws {
    if rank == root {
      shared.condition.lock()
      shared.bytes = Array(bytes)
      shared.condition.unlock()
    }
    shared.barrier()
    precondition(shared.bytes.count == bytes.count, "ThreadProcessGroup: members disagree on a broadcast's length")
    if rank != root { bytes.copyMemory(from: UnsafeRawBufferPointer(start: shared.bytes, count: shared.bytes.count)) }
    shared.barrier()
  }

  public func abort(code: Int32) -> Never {
    fatalError("ThreadProcessGroup: rank \(rank) aborted the group with code \(code)")
  }
}
