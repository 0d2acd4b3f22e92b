/// Counting which balls around the reference rows hold each query row: the membership tests of
/// improved precision and recall and of density.
extension PairwiseSquaredDistances {
  /// For every query row xᵢ, how many reference rows yⱼ hold it in their ball of squared radius
  /// `squaredRadii[j]`: #{j : ‖xᵢ − yⱼ‖² ≤ rⱼ²} when `inclusive` (closed balls), else with <.
  ///
  /// Each comparison is decided exactly (the approximation where its rounding bound allows,
  /// a float64 recomputation otherwise), so the counts are the ones exact distances give.
  /// With `stopAtFirst`, counting stops at the first ball found: the counts are then 0 or 1.
  func ballCounts(
    squaredRadii: [Double], inclusive: Bool, stopAtFirst: Bool = false, progress: ((Int, Int) -> Void)? = nil
  ) -> [Int] {
    precondition(squaredRadii.count == references.count, "ballCounts: \(squaredRadii.count) radii for \(references.count) references")
    var counts = [Int](repeating: 0, count: queries.count)
    counts.withUnsafeMutableBufferPointer { out in
      squaredRadii.withUnsafeBufferPointer { radii in
        forEachRow(in: Float.self, progress: progress) { i, row in
          var count = 0
          for j in 0..<row.count where row.isWithin(j, squaredRadius: radii[j], inclusive: inclusive) {
            count += 1
            if stopAtFirst { break }
          }
          out[i] = count
        }
      }
    }
    return counts
  }
}
