import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct NearestNeighboursTests {
  /// The k nearest by brute force: sorted by (squared distance, index).
  static func bruteForce(_ queries: FeatureMatrix, _ references: FeatureMatrix, k: Int, excludingSelf: Bool = false) -> [[(Int, Double)]] {
    MetricTestData.squaredDistances(queries, references).enumerated().map { i, row in
      Array(row.enumerated().filter { !excludingSelf || $0.offset != i }
        .sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
        .prefix(k).map { ($0.offset, $0.element) })
    }
  }

  static func expectMatches(_ list: NeighbourList, _ expected: [[(Int, Double)]], tolerance: Double = 1e-12) {
    #expect(list.queryCount == expected.count)
    for (i, row) in expected.enumerated() {
      for (r, (index, squared)) in row.enumerated() {
        let gotIndex = list.indices[i * list.k + r], got = list.squaredDistances[i * list.k + r]
        #expect(gotIndex == index, "query \(i), rank \(r + 1): index \(gotIndex), brute force \(index)")
        #expect(abs(got - squared) <= tolerance * max(1, squared), "query \(i), rank \(r + 1): d² \(got) vs \(squared) ± \(tolerance) relative")
      }
    }
  }

  @Test(arguments: [(37, 53, 7, 4, DType.float32), (29, 11, 1, 3, .float64), (5, 100, 130, 1, .float32), (64, 64, 16, 16, .float64)])
  func matchesBruteForceOnOddShapes(shape: (n: Int, m: Int, d: Int, k: Int, dtype: DType)) throws {
    let queries = try MetricTestData.gaussian(shape.n, shape.d, seed: 1, dtype: shape.dtype, name: "queries")
    let references = try MetricTestData.gaussian(shape.m, shape.d, mean: 0.3, seed: 2, dtype: shape.dtype, name: "references")
    var search = NearestNeighbours(references: references)
    search.blockBytes = 3 * shape.m * 4  // a few query rows per block: block boundaries inside the set
    let list = try search.search(queries, k: shape.k)
    Self.expectMatches(list, Self.bruteForce(queries, references, k: shape.k))
    #expect(list.exhaustiveRowCount == 0, "well-separated random data needs no exhaustive rescan, got \(list.exhaustiveRowCount)")
  }

  @Test func excludingSelfSkipsOnlyTheRowItself() throws {
    // Row 3 duplicates row 0: each is the other's nearest neighbour at distance 0.
    var rows: [[Double]] = (0..<9).map { (i: Int) -> [Double] in
      let x = Double(i % 4), y = Double(i * i % 7), z = 0.5 * Double(i)
      return [x, y, z]
    }
    rows[3] = rows[0]
    let set = try MetricTestData.rows(rows)
    let list = try NearestNeighbours(references: set).search(set, k: 2, excludingSelf: true)
    Self.expectMatches(list, Self.bruteForce(set, set, k: 2, excludingSelf: true))
    #expect(list.indices[0 * 2] == 3 && list.squaredDistances[0 * 2] == 0)
    #expect(list.indices[3 * 2] == 0 && list.squaredDistances[3 * 2] == 0)
  }

  @Test func tiesGoToTheLowerIndex() throws {
    // Integer grid points: many references at equal distances from each query.
    let grid: [[Double]] = (0..<25).map { (i: Int) -> [Double] in [Double(i % 5), Double(i / 5)] }
    let references = try MetricTestData.rows(grid, name: "references")
    let queries = try MetricTestData.rows([[2, 2], [0.5, 0.5], [4, 0], [2.5, 1]], name: "queries")
    let list = try NearestNeighbours(references: references).search(queries, k: 5)
    Self.expectMatches(list, Self.bruteForce(queries, references, k: 5))
    // (2, 2)'s four neighbours at distance 1 come in index order: 7, 11, 13, 17.
    #expect(Array(list.indices[1..<5]) == [7, 11, 13, 17])
  }

  @Test func nearTiesBeyondTheCandidatesAreRescannedExactly() throws {
    // 40 references at squared distance 1 + i·1e-9 from the query in float64: float32 products
    // cannot order them, so with a margin of 1 the candidates cannot be certified, and the row
    // must be searched again exactly.
    let line: [[Double]] = (0..<40).map { (i: Int) -> [Double] in [1 + Double(39 - i) * 1e-9, 0] }
    let references = try MetricTestData.rows(line, name: "references")
    let queries = try MetricTestData.rows([[0, 0]], name: "queries")
    let list = try NearestNeighbours(references: references).search(queries, k: 3, candidateMargin: 1)
    #expect(list.exhaustiveRowCount == 1)
    #expect(list.indices == [39, 38, 37], "exact order of the near-ties: \(list.indices)")
    Self.expectMatches(list, Self.bruteForce(queries, references, k: 3), tolerance: 0)
  }

  @Test func distancesAreExactDespiteCancellation() throws {
    // Far from the origin, ‖x‖² + ‖y‖² − 2x·y in float32 loses every digit of a distance of 1e-3;
    // the certified rescan recovers it in float64.
    let base = 1000.0
    let references = try MetricTestData.rows([[base, base + 1e-3], [base + 5, base], [base, base - 2]], name: "references")
    let queries = try MetricTestData.rows([[base, base]], name: "queries")
    let list = try NearestNeighbours(references: references).search(queries, k: 3)
    Self.expectMatches(list, Self.bruteForce(queries, references, k: 3), tolerance: 1e-9)
  }

  @Test func blocksVisitEveryRowOnceWithBoundedError() throws {
    let queries = try MetricTestData.gaussian(23, 9, seed: 3, dtype: .float32, name: "queries")
    let references = try MetricTestData.gaussian(17, 9, seed: 4, dtype: .float32, name: "references")
    var distances = try PairwiseSquaredDistances(queries: queries, references: references)
    distances.blockBytes = 5 * 17 * 4
    let exact = MetricTestData.squaredDistances(queries, references)
    let visits = UnsafeMutableBufferPointer<Int>.allocate(capacity: 23)
    defer { visits.deallocate() }
    visits.initialize(repeating: 0)
    var reported: [Int] = []
    distances.forEachRow(in: Float.self, progress: { done, total in reported.append(done); #expect(total == 23) }) { i, row in
      visits[i] += 1
      for j in 0..<row.count {
        let error = abs(row.approximate(j) - exact[i][j])
        #expect(error <= row.bound(j), "row \(i), column \(j): error \(error) above the bound \(row.bound(j))")
        #expect(row.bound(j) <= row.rowBound)
      }
    }
    #expect(Array(visits) == Array(repeating: 1, count: 23))
    #expect(reported == [5, 10, 15, 20, 23])
  }

  @Test func badInputIsAnErrorNamingTheProblem() throws {
    let references = try MetricTestData.gaussian(4, 3, seed: 5, name: "training")
    let search = NearestNeighbours(references: references)
    #expect(throws: MetricError.dimensionMismatch(first: "samples", firstDimension: 2, second: "training", secondDimension: 3)) {
      try search.search(try MetricTestData.gaussian(2, 2, seed: 6, name: "samples"), k: 1)
    }
    #expect(throws: MetricError.tooFewSamples(metric: "nearest neighbours", set: "training", count: 4, needed: 5, reason: "5 neighbours per query")) {
      try search.search(references, k: 5)
    }
    #expect(throws: MetricError.tooFewSamples(metric: "nearest neighbours", set: "training", count: 4, needed: 5, reason: "each sample's 4-th nearest other sample")) {
      try search.search(references, k: 4, excludingSelf: true)
    }
    #expect(throws: MetricError.invalidParameter(metric: "nearest neighbours", problem: "k = 0, must be at least 1")) {
      try search.search(references, k: 0)
    }
  }
}
