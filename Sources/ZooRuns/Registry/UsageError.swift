/// A mistake in what the user asked for: the message names it, lists the valid choices and
/// suggests the nearest.
public struct UsageError: Error, CustomStringConvertible, Equatable {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }

  public init(unknown name: String, kind: String, valid: [String]) {
    var message = "unknown \(kind) '\(name)'; valid \(kind)s: \(valid.joined(separator: ", "))"
    if let nearest = NameLookup.nearest(to: name, in: valid) { message += ". Did you mean '\(nearest)'?" }
    description = message
  }
}
