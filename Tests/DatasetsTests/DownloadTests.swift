import Foundation
import Testing
@testable import Datasets
import _TestSupport

/// `DatasetDownload` against a local HTTP server: verified files land under their names, and a
/// failure of any kind leaves nothing behind. Timeouts are short so no test can hang.
@Suite struct DownloadTests {
  static let timeouts = DatasetDownload.Timeouts(idle: 5, total: 30)
  static let trainLabels = MNIST.files[1]

  @Test(.enabled(if: SharedData.hasMNIST && LocalHTTPServer.pythonAvailable, "needs ../shared/datasets/mnist and python3"))
  func fetchesAllFourMNISTFilesOverHTTPAndVerifiesThem() throws {
    let server = try #require(LocalHTTPServer(serving: SharedData.mnist), "the local HTTP server did not start")
    let destination = TemporaryFolder()
    let folder = destination.file("data/mnist")
    var lines: [String] = []
    let outcomes = try DatasetDownload.fetch(MNIST.files, from: server.base, into: folder, timeouts: Self.timeouts) { lines.append($0) }
    for file in MNIST.files {
      #expect(outcomes[file.name] == .fetched(bytes: file.size))
    }
    #expect(destination.contents() == ["data", "data/mnist"] + MNIST.files.map { "data/mnist/\($0.name)" }.sorted())
    #expect(lines.contains { $0.contains("SHA-256 verified") })
    let images = try MNIST.load(from: folder)
    #expect(images.count == 60_000 && images.labels?.count == 60_000)

    let again = try DatasetDownload.fetch(MNIST.files, from: server.base, into: folder, timeouts: Self.timeouts)
    #expect(again.values.allSatisfy { $0 == .alreadyPresent })
  }

  @Test(.enabled(if: SharedData.hasMNIST && LocalHTTPServer.pythonAvailable, "needs ../shared/datasets/mnist and python3"))
  func corruptCopyFailsTheChecksumAndLeavesNoFile() throws {
    let served = TemporaryFolder()
    var bytes = try DatasetFiles.readFile(SharedData.mnist + "/" + Self.trainLabels.name)
    bytes[1000] ^= 0x01
    served.write(bytes, to: Self.trainLabels.name)
    let server = try #require(LocalHTTPServer(serving: served.path), "the local HTTP server did not start")
    let destination = TemporaryFolder()
    let error = #expect(throws: DatasetError.self) {
      try DatasetDownload.fetch([Self.trainLabels], from: server.base, into: destination.path, timeouts: Self.timeouts)
    }
    #expect(error?.path == server.base + Self.trainLabels.name)
    #expect(error?.problem.contains("checksum mismatch") == true && error?.problem.contains("expected \(Self.trainLabels.sha256)") == true
            && error?.problem.contains("nothing was saved") == true, "\(String(describing: error))")
    #expect(destination.contents().isEmpty, "left behind: \(destination.contents())")
  }

  @Test(.enabled(if: LocalHTTPServer.pythonAvailable, "needs python3"))
  func missingFileIsAnHTTPErrorAndLeavesNoFile() throws {
    let served = TemporaryFolder()
    let server = try #require(LocalHTTPServer(serving: served.path), "the local HTTP server did not start")
    let destination = TemporaryFolder()
    #expect {
      try DatasetDownload.fetch([Self.trainLabels], from: server.base, into: destination.path, timeouts: Self.timeouts)
    } throws: { "\($0)".contains("HTTP status 404") }
    #expect(destination.contents().isEmpty, "left behind: \(destination.contents())")
  }

  @Test func unreachableServerIsAClearErrorAndLeavesNoFile() throws {
    // Bind a port, then close it: nothing listens there.
    let port = Self.unusedPort()
    let destination = TemporaryFolder()
    let start = Date()
    let error = #expect(throws: DatasetError.self) {
      try DatasetDownload.fetch([Self.trainLabels], from: "http://127.0.0.1:\(port)/mnist/", into: destination.path, timeouts: Self.timeouts)
    }
    #expect(error?.path == "http://127.0.0.1:\(port)/mnist/\(Self.trainLabels.name)")
    #expect(error?.problem.hasPrefix("download failed") == true, "\(String(describing: error))")
    #expect(Date().timeIntervalSince(start) < 20)
    #expect(destination.contents().isEmpty, "left behind: \(destination.contents())")
  }

  @Test(.enabled(if: SharedData.hasMNIST, "needs ../shared/datasets/mnist beside the package root"))
  func copiesFromALocalFolderAndRemovesStaleTemporaries() throws {
    let destination = TemporaryFolder()
    destination.write([1, 2, 3], to: ".\(Self.trainLabels.name).123.456.download")
    destination.write([9, 9], to: Self.trainLabels.name)  // present but wrong: replaced
    let outcomes = try DatasetDownload.fetch([Self.trainLabels, MNIST.files[3]], from: SharedData.mnist, into: destination.path)
    #expect(outcomes[Self.trainLabels.name] == .fetched(bytes: Self.trainLabels.size))
    #expect(destination.contents() == [MNIST.files[3].name, Self.trainLabels.name].sorted())
    #expect(SHA256.hexDigest(try DatasetFiles.readFile(destination.file(Self.trainLabels.name))) == Self.trainLabels.sha256)
  }

  @Test func missingLocalSourceFileLeavesNothing() {
    let source = TemporaryFolder(), destination = TemporaryFolder()
    #expect {
      try DatasetDownload.fetch([Self.trainLabels], from: source.path, into: destination.path)
    } throws: { "\($0)".contains("cannot open for reading: No such file or directory") }
    #expect(destination.contents().isEmpty)
  }

  static func unusedPort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
