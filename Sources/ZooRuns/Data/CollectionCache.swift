import Datasets
import Foundation

/// Loaded image collections by what was asked for, so one process loads a dataset once.
final class CollectionCache: @unchecked Sendable {
  private var values: [String: ImageCollection] = [:]
  private let lock = NSLock()

  func value(for key: String, load: () throws -> ImageCollection) throws -> ImageCollection {
    if let cached = lock.withLock({ values[key] }) { return cached }
    let loaded = try load()
    lock.withLock { values[key] = loaded }
    return loaded
  }

  func removeAll() {
    lock.withLock { values = [:] }
  }
}
