/// A checkpoint's tensors do not fit the layer or optimizer they are loaded into; the message
/// names the tensor and the shapes involved.
public struct StateImportError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
