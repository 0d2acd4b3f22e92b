#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import TensorBackend

@Suite struct ParallelTests {
  @Test(arguments: [1, 2, 3, 1000, 100_003])
  func rangesCoverEveryIndexOnce(count: Int) {
    let hits = Mutex([Int](repeating: 0, count: count))
    Parallel.forEachRange(count, work: Int.max) { worker, range in
      #expect(worker >= 0 && worker < Swift.max(Parallel.workers, 1))
      hits.withLock { hits in for i in range { hits[i] += 1 } }
    }
    #expect(hits.withLock { $0 } == [Int](repeating: 1, count: count))
  }

  @Test func nestedLoopsRunTheirPartsOnTheCallingThread() {
    let total = Mutex(0)
    Parallel.forEachRange(4, work: Int.max) { _, outer in
      #expect(Parallel.isInsideLoop)
      for _ in outer {
        let thread = pthread_self()
        var covered: [Range<Int>] = []
        Parallel.forEachRange(10, work: Int.max) { worker, inner in
          #expect(pthread_equal(pthread_self(), thread) != 0, "a nested loop's parts run on the thread that called it")
          #expect(worker < Swift.max(Parallel.workers, 1))
          covered.append(inner)
          total.withLock { $0 += inner.count }
        }
        #expect(covered.map(\.count).reduce(0, +) == 10 && covered.first?.lowerBound == 0 && covered.last?.upperBound == 10)
      }
    }
    #expect(total.withLock { $0 } == 40)
    #expect(!Parallel.isInsideLoop)
  }

  @Test func loopsFromSeveralThreadsAtOnceAreAllDone() async {
    await withTaskGroup(of: Int.self) { group in
      for task in 0..<4 {
        group.addTask {
          var sums = [Int](repeating: 0, count: 64)
          sums.withUnsafeMutableBufferPointer { sums in
            Parallel.forEachRange(64, work: Int.max) { _, range in for i in range { sums[i] = i * task } }
          }
          return sums.reduce(0, +)
        }
      }
      for await sum in group { #expect(sum % 2016 == 0) }
    }
  }

  @Test func workersSeeTheCallersKernelPath() {
    let seen = Mutex<Set<KernelPath>>([])
    KernelPath.$current.withValue(.reference) {
      Parallel.forEachRange(8, work: Int.max) { _, _ in
        let path = KernelPath.current
        seen.withLock { $0.insert(path) }
      }
    }
    #expect(seen.withLock { $0 } == [.reference])
  }
}

@Suite struct BackendReportTests {
  @Test func reportDescribesTheMachine() {
    let report = BackendReport.current()
    #expect(!report.cpuVendor.isEmpty)
    #expect(["generic", "avx2", "avx512"].contains(report.loopInstructionSet))
    #expect(report.oneDNNVersion.split(separator: ".").count == 3)
    #expect(report.threads == Parallel.workers)
    if report.cpuFeatures.contains("avx512f") && report.cpuFeatures.contains("avx512bw") && report.cpuFeatures.contains("avx512vl") {
      #expect(report.loopInstructionSet == "avx512")
    }
  }

  /// (How the rates compare is checked on a release build by CI's end-to-end script: a debug
  /// build compiles the ceiling's loop without optimization.)
  @Test func measuredRatesArePositive() {
    #expect(BackendReport.measureMultiplyAddCeiling(seconds: 0.05) > 0)
    #expect(BackendReport.measureMatrixProduct(m: 64, n: 64, k: 64, seconds: 0.01) > 0)
  }
}
