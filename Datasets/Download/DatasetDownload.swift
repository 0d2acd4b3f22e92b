import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Brings a dataset's published files into its folder, checked against their SHA-256 digests,
/// so that a file under its final name is always whole and verified.
///
/// Each file streams into a hidden temporary file in the destination folder, is hashed as it
/// arrives, and is renamed to its final name only when its digest matches; any failure (network,
/// timeout, HTTP status, checksum, disk) removes the temporary file. A rename within one folder
/// is atomic, so an interrupted run never leaves a partial file under a dataset's name, and
/// temporary files a killed run left behind are removed by the next one.
public enum DatasetDownload {
  /// Limits on one file's transfer.
  public struct Timeouts: Sendable {
    /// Seconds without any data arriving before a transfer is abandoned.
    public var idle: Double
    /// Seconds a whole file may take.
    public var total: Double

    public init(idle: Double = 30, total: Double = 900) {
      self.idle = idle
      self.total = total
    }
  }

  /// What happened to one file.
  public enum Outcome: Equatable, Sendable {
    /// It was already there with the right digest.
    case alreadyPresent
    /// It was downloaded (or copied) and verified.
    case fetched(bytes: Int)
  }

  /// Fetches `files` from `source` into `folder` (created if missing).
  ///
  /// - Parameters:
  ///   - source: an `http(s)://` URL of the folder holding the files (each file's URL is the
  ///     source plus its name), or a local folder (a path or `file://` URL) to copy them from.
  ///   - log: receives a line per step, for the terminal.
  /// - Throws: `DatasetError` naming the file or URL and the problem; files fetched before the
  ///   failure stay (they are verified), nothing of the failed file does.
  @discardableResult
  public static func fetch(
    _ files: [DownloadableFile], from source: String, into folder: String, timeouts: Timeouts = Timeouts(),
    log: (String) -> Void = { _ in }
  ) throws(DatasetError) -> [String: Outcome] {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw DatasetError(path: folder, problem: "cannot create the folder: \(error.localizedDescription)")
    }
    var outcomes: [String: Outcome] = [:]
    for file in files {
      let destination = DatasetFiles.join(folder, file.name)
      removeStaleTemporaries(of: file.name, in: folder)
      if DatasetFiles.kind(destination) == .file {
        let digest = SHA256.hexDigest(try DatasetFiles.readFile(destination))
        if digest == file.sha256 {
          log("\(file.name): already present, SHA-256 verified")
          outcomes[file.name] = .alreadyPresent
          continue
        }
        log("\(file.name): present but its SHA-256 is \(digest), not \(file.sha256); fetching it again")
      }
      let location = join(source, file.name)
      log("\(file.name): fetching \(location) (\(file.size) bytes)")
      let temporary = temporaryPath(for: file.name, in: folder)
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw DatasetFiles.systemError(temporary, "cannot create a temporary file") }
      var keep = false
      defer { if !keep { unlink(temporary) } }
      let sink = FileSink(descriptor: descriptor)
      let received: Result<Void, DatasetError>
      if let local = localFolder(source) {
        received = copy(from: DatasetFiles.join(local, file.name), into: sink)
      } else {
        received = download(location, into: sink, timeouts: timeouts)
      }
      let flushed = fsync(descriptor) == 0
      close(descriptor)
      try received.get()
      guard flushed else { throw DatasetFiles.systemError(temporary, "cannot flush the temporary file") }
      let digest = SHA256.hex(sink.hasher.finalize())
      guard digest == file.sha256 else {
        throw DatasetError(path: location, problem: "checksum mismatch: SHA-256 of the \(sink.byteCount) bytes received is \(digest), expected \(file.sha256); the file is corrupt or not the published one, and nothing was saved")
      }
      guard rename(temporary, destination) == 0 else { throw DatasetFiles.systemError(destination, "cannot rename \(temporary) into place") }
      keep = true
      log("\(file.name): \(sink.byteCount) bytes, SHA-256 verified, saved as \(destination)")
      outcomes[file.name] = .fetched(bytes: sink.byteCount)
    }
    return outcomes
  }

  /// `source` + "/" + `name`.
  static func join(_ source: String, _ name: String) -> String {
    source.hasSuffix("/") ? source + name : source + "/" + name
  }

  /// The folder behind a `file://` URL or a plain path; `nil` for network URLs.
  static func localFolder(_ source: String) -> String? {
    if source.hasPrefix("file://") { return URL(string: source)?.path }
    return source.contains("://") ? nil : source
  }

  static let temporarySuffix = ".download"

  private static func temporaryPath(for name: String, in folder: String) -> String {
    DatasetFiles.join(folder, ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max))\(temporarySuffix)")
  }

  /// Removes `.name.*.download` files an interrupted run left behind.
  private static func removeStaleTemporaries(of name: String, in folder: String) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for candidate in names where candidate.hasPrefix(".\(name).") && candidate.hasSuffix(temporarySuffix) {
      unlink(DatasetFiles.join(folder, candidate))
    }
  }

  /// Copies a local file into `sink`.
  private static func copy(from path: String, into sink: FileSink) -> Result<Void, DatasetError> {
    let bytes: [UInt8]
    do {
      bytes = try DatasetFiles.readFile(path)
    } catch {
      return .failure(error)
    }
    return bytes.withUnsafeBytes { buffer in Result { () throws(DatasetError) in try sink.write(buffer) } }
  }

  /// Streams an HTTP(S) GET into `sink`.
  private static func download(_ location: String, into sink: FileSink, timeouts: Timeouts) -> Result<Void, DatasetError> {
    guard let url = URL(string: location), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
      return .failure(DatasetError(path: location, problem: "not an http(s) URL or a local folder"))
    }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeouts.idle
    configuration.timeoutIntervalForResource = timeouts.total
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    let receiver = Receiver(sink: sink)
    let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
    defer { session.invalidateAndCancel() }
    let task = session.dataTask(with: url)
    task.resume()
    // The session's own timeouts should end the task first; this bound keeps a stuck transfer
    // from hanging the program whatever happens underneath.
    if receiver.done.wait(timeout: .now() + timeouts.total + 5) == .timedOut {
      task.cancel()
      return .failure(DatasetError(path: location, problem: "gave up after \(Int(timeouts.total)) seconds"))
    }
    if let problem = receiver.problem { return .failure(DatasetError(path: location, problem: problem)) }
    return .success(())
  }

  /// The open temporary file, with the digest of everything written to it.
  final class FileSink: @unchecked Sendable {
    let descriptor: Int32
    var hasher = SHA256()
    var byteCount = 0

    init(descriptor: Int32) { self.descriptor = descriptor }

    func write(_ bytes: UnsafeRawBufferPointer) throws(DatasetError) {
      hasher.update(bytes)
      var offset = 0
      while offset < bytes.count {
        let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          throw DatasetError(path: nil, problem: "cannot write the temporary file: \(String(cString: strerror(errno)))")
        }
        offset += count
      }
      byteCount += bytes.count
    }
  }

  /// URLSession's delegate: checks the status, streams the body into the sink, signals the end.
  /// The session calls it on its own serial queue.
  private final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let sink: FileSink
    let done = DispatchSemaphore(value: 0)
    var problem: String?

    init(sink: FileSink) { self.sink = sink }

    func urlSession(
      _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
      completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
      if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
        problem = "HTTP status \(http.statusCode) (\(HTTPURLResponse.localizedString(forStatusCode: http.statusCode)))"
        completionHandler(.cancel)
        return
      }
      completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
      guard problem == nil else { return }
      let written = data.withUnsafeBytes { buffer in Result { () throws(DatasetError) in try sink.write(buffer) } }
      if case .failure(let error) = written {
        problem = error.problem
        dataTask.cancel()
      }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
      if problem == nil, let error {
        let nsError = error as NSError
        problem = "download failed: \(nsError.localizedDescription) (\(Self.explain(nsError)))"
      }
      done.signal()
    }

    /// The URL-loading error code in words, since Linux Foundation's descriptions are terse.
    static func explain(_ error: NSError) -> String {
      guard error.domain == NSURLErrorDomain else { return "\(error.domain) \(error.code)" }
      switch error.code {
      case NSURLErrorTimedOut: return "timed out"
      case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "host not found: is the network reachable?"
      case NSURLErrorCannotConnectToHost: return "could not connect: is the server up and the network reachable?"
      case NSURLErrorNotConnectedToInternet: return "not connected to the internet"
      case NSURLErrorNetworkConnectionLost: return "the connection was lost"
      case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted: return "TLS failed"
      default: return "URL error \(error.code)"
      }
    }
  }
}
