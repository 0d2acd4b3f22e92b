import Foundation

/// Python's `http.server` serving a folder on 127.0.0.1 at a port the system picks, for download
/// tests; stopped when released. `nil` when python3 is missing or the server does not come up
/// within a few seconds.
///
/// The server exits by itself when its standard input closes — as it does when the test process
/// ends, even by a crash — and after two minutes in any case, so no test run leaves one behind.
final class LocalHTTPServer {
  let process = Process()
  let port: Int
  var base: String { "http://127.0.0.1:\(port)/" }
  private let input = Pipe()

  static var pythonAvailable: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3")
  }

  static let script = """
    import functools, http.server, os, sys, threading
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *arguments):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
    print("Serving HTTP on 127.0.0.1 port", server.server_address[1], flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    threading.Timer(120, lambda: os._exit(0)).start()
    server.serve_forever()
    """

  init?(serving folder: String) {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-u", "-c", Self.script, folder]
    let output = Pipe()
    process.standardInput = input
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
