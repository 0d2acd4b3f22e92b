#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT into a clean stop between steps: training asks `requested` after every step and,
/// once it is set, stops with a checkpoint written.
enum Interruption {
  /// Installs the handler.
  static func install() {
    signal(SIGINT) { _ in interruptRequested = 1 }
  }

  static var requested: Bool { interruptRequested != 0 }
}

/// Set by the SIGINT handler; a signal handler may only touch such a plain flag.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0
