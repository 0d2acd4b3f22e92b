import Foundation

/// `python3 -m http.server` serving a folder on 127.0.0.1 at a port the system picks, for
/// download tests; stopped when released. `nil` when python3 is missing or the server does not
/// come up within a few seconds.
final class LocalHTTPServer {
  let process = Process()
  let port: Int
  var base: String { "http://127.0.0.1:\(port)/" }

  static var pythonAvailable: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3")
  }

  init?(serving folder: String) {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", folder, "0"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
    let announced = DispatchSemaphore(value: 0)
    let text = LockedText()
    output.fileHandleForReading.readabilityHandler = { handle in
      text.append(String(decoding: handle.availableData, as: UTF8.self))
      if text.value.contains(" port ") && text.value.contains("\n") { announced.signal() }
    }
    let ready = announced.wait(timeout: .now() + 10) == .success
    output.fileHandleForReading.readabilityHandler = nil
    guard ready, let range = text.value.range(of: " port "),
          let port = Int(text.value[range.upperBound...].prefix { $0.isNumber }) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    self.port = port
  }

  deinit { stop() }

  /// SIGKILL: the test runner may leave SIGTERM ignored in its children, and waiting on a
  /// server that ignored it would hang the test.
  private func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  private final class LockedText: @unchecked Sendable {
    private var text = ""
    private let lock = NSLock()
    func append(_ more: String) { lock.withLock { text += more } }
    var value: String { lock.withLock { text } }
  }
}
