/// Data a variant cannot train on, with what it needs instead; thrown by `makeTrainer`.
public struct UnsupportedDataError: Error, CustomStringConvertible, Equatable {
  public let description: String

  public init(_ description: String) { self.description = description }
}
