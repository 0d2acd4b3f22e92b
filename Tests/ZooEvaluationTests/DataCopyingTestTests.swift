import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct DataCopyingTestTests {
  @Test func mannWhitneyCountsPairsWithTiesAsHalves() {
    // q = (1, 3, 3), p = (2, 3): pairs with q > p: (3, 2) twice; ties (3, 3) twice → U = 2 + 1 = 3.
    // Z = (3 − 3) / √(6 · 6 / 12) = 0. And q = (5, 6) against p = (1, 2, 3): U = 6 = mn,
    // Z = (6 − 3) / √(6 · 6 / 12) = 3 / √3.
    #expect(DataCopyingTest.mannWhitneyZ([1, 3, 3], [2, 3]) == 0)
    #expect(abs(DataCopyingTest.mannWhitneyZ([5, 6], [1, 2, 3]) - 3 / 3.0.squareRoot()) <= 1e-12)
    #expect(abs(DataCopyingTest.mannWhitneyZ([0.1, 0.2], [1, 2, 3]) + 3 / 3.0.squareRoot()) <= 1e-12)
  }

  @Test func partitionFindsSeparatedClustersAndIsSeeded() throws {
    var rows: [[Double]] = []
    for center in [[0.0, 0], [20, 0], [0, 20]] {
      var generator = SplitMix64(seed: UInt64(center[0] + 3 * center[1]))
      for _ in 0..<30 {
        let (a, b) = generator.nextNormalPair()
        rows.append([center[0] + a, center[1] + b])
      }
    }
    let data = try MetricTestData.rows(rows)
    let partition = try KMeansPartition(fitting: data, cells: 3, seed: 5)
    #expect(partition.converged)
    for cluster in 0..<3 {
      let cells = Set(partition.assignments[cluster * 30..<(cluster + 1) * 30])
      #expect(cells.count == 1, "cluster \(cluster) split over cells \(cells)")
    }
    #expect(Set(partition.assignments).count == 3)
    #expect(try KMeansPartition(fitting: data, cells: 3, seed: 5).assignments == partition.assignments)
  }

  @Test func copiesGiveStronglyNegativeStatisticFreshSamplesNone() throws {
    let training = try MetricTestData.gaussian(3_000, 4, seed: 61, name: "training")
    let test = try MetricTestData.gaussian(1_500, 4, seed: 62, name: "test")
    let fresh = try MetricTestData.gaussian(1_500, 4, seed: 63, name: "samples")
    let metric = DataCopyingTest(cellCount: 5, seed: 1)
    let freshReport = try metric.evaluate(samples: fresh, training: training, test: test)
    #expect(abs(freshReport.statistic) < 3, "fresh samples: C_T \(freshReport.statistic), expected |C_T| < 3")
    #expect(freshReport.cellsUsed == 5 && freshReport.cells.map(\.trainingCount).reduce(0, +) == 3_000)

    // Training rows with a little noise: each closer to its training twin than test data are.
    var generator = SplitMix64(seed: 64)
    let copies = try MetricTestData.rows((0..<1_500).map { i in training.row(2 * i).map { $0 + 0.01 * generator.nextNormalPair().0 } }, name: "samples")
    let copyReport = try metric.evaluate(samples: copies, training: training, test: test)
    #expect(copyReport.statistic < -10, "copies: C_T \(copyReport.statistic), expected far below −3")
    #expect(try metric.evaluate(samples: copies, training: training, test: test) == copyReport, "the same seed gives the same statistic")
  }

  @Test func cellsWithoutTestSamplesAreAnError() throws {
    // Two training clusters, test data near only one of them.
    let training = try MetricTestData.rows((0..<20).map { [Double($0 % 2) * 100 + Double($0) * 0.01] }, name: "training")
    let test = try MetricTestData.rows([[0.1], [0.2]], name: "test")
    let samples = try MetricTestData.rows([[0.3], [100]], name: "samples")
    #expect(throws: MetricError.self) { try DataCopyingTest(cellCount: 2).evaluate(samples: samples, training: training, test: test) }
    do {
      _ = try DataCopyingTest(cellCount: 2).evaluate(samples: samples, training: training, test: test)
    } catch {
      guard case .emptyCell(_, _, let set, _) = error else { Issue.record("unexpected \(error)"); return }
      #expect(set == "test")
    }
  }
}
