/// A configuration a variant cannot build, with the offending key; thrown by `makeTrainer`.
public struct InvalidConfigurationError: Error, CustomStringConvertible, Equatable {
  public let description: String

  public init(_ description: String) { self.description = description }
}
