import Testing
@testable import Datasets
import _TestSupport

@Suite struct DataRootTests {
  @Test func optionBeatsEnvironmentBeatsDefault() {
    #expect(DataRoot.resolve(option: "/a", environment: ["GAN_ZOO_DATA": "/b"]) == DataRoot(path: "/a", origin: .option))
    #expect(DataRoot.resolve(option: nil, environment: ["GAN_ZOO_DATA": "/b"]) == DataRoot(path: "/b", origin: .environment))
    #expect(DataRoot.resolve(option: nil, environment: ["GAN_ZOO_DATA": ""]) == DataRoot(path: "data", origin: .defaultFolder))
    #expect(DataRoot.resolve(option: nil, environment: [:]).folder(for: "mnist") == "data/mnist")
  }

  @Test func missingRootSaysWhereThePathCameFrom() throws {
    let option = #expect(throws: DatasetError.self) { try DataRoot(path: "/nonexistent-zoo-root", origin: .option).checkExists() }
    #expect(option?.path == "/nonexistent-zoo-root" && option?.problem.contains("(from --data-root) does not exist") == true)
    let environment = #expect(throws: DatasetError.self) { try DataRoot(path: "/nonexistent-zoo-root", origin: .environment).checkExists() }
    #expect(environment?.problem.contains("from GAN_ZOO_DATA") == true && environment?.isMissingData == true)
    let folder = TemporaryFolder()
    folder.write([1], to: "file")
    #expect { try DataRoot(path: folder.file("file"), origin: .option).checkExists() } throws: { "\($0)".contains("is a file, not a folder") }
    try DataRoot(path: folder.path, origin: .option).checkExists()
  }
}
