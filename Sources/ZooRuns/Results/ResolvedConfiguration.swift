import ZooCore

/// What makes two runs the same run: a `RunConfiguration` without where and when it was started
/// (data root, command line, commit, creation time), read through it (`configuration.steps`). A
/// results suite reuses a finished run, or resumes an interrupted one, only when this matches
/// what its experiment resolves to today, so a changed default, schedule or override trains
/// afresh. Encoded as config.json is, without those four fields.
@dynamicMemberLookup
public struct ResolvedConfiguration: Codable, Equatable, Sendable {
  /// The configuration with its provenance left out.
  public private(set) var run: RunConfiguration

  public init(_ run: RunConfiguration) {
    var resolved = run
    resolved.dataRoot = nil
    resolved.commandLine = []
    resolved.sourceCommit = nil
    resolved.created = ""
    self.run = resolved
  }

  public subscript<Value>(dynamicMember field: KeyPath<RunConfiguration, Value>) -> Value { run[keyPath: field] }

  /// What decides a run's speed per step (everything but its length, seed and intervals): runs
  /// of one kind measure each other's throughput.
  public var kind: ResolvedConfiguration {
    var kind = self
    kind.run.steps = 0
    kind.run.seed = 0
    kind.run.sampleInterval = 0
    kind.run.checkpointInterval = 0
    return kind
  }

  /// The provenance fields config.json has and this leaves out.
  private static let provenance: Set<String> = ["dataRoot", "commandLine", "sourceCommit", "created"]

  public init(from decoder: Decoder) throws {
    guard case .object(var fields) = try JSONValue(from: decoder) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a run configuration is an object"))
    }
    fields["commandLine"] = .array([])
    fields["created"] = .string("")
    run = try JSONValue.object(fields).decode(as: RunConfiguration.self)
  }

  public func encode(to encoder: Encoder) throws {
    guard case .object(let fields) = try JSONValue(encoding: run) else { return }
    try JSONValue.object(fields.filter { !Self.provenance.contains($0.key) }).encode(to: encoder)
  }
}
