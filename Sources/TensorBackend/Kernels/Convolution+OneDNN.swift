import Synchronization
import _CKernels

/// float32 convolutions on oneDNN's JIT-compiled kernels (`_CKernels/convolution.c`): the direct
/// convolution kernels for the CPU's instruction set on oneDNN's blocked layouts, the kernels
/// PyTorch's CPU convolutions run on.
///
/// The batch is cut into chunks of at most `maximumChunk` images; the chunks are shared out among
/// the backend's workers, each running one compiled plan per chunk on its own workspace. For the
/// filter gradient each worker sums its chunks' gradients, and the workers' sums are added in
/// worker order, so the result depends on the number of workers but not on timing.
enum OneDNNConvolution {
  /// Images per plan execution: large enough for the kernels to run at speed, small enough that
  /// the blocked copies of a chunk stay in cache and a large batch (sampling 1,000 images) needs
  /// no second copy of its activations.
  static let maximumChunk = 32

  private struct PlanKey: Hashable {
    var kind: UInt32
    var geometry: [Int]
  }

  /// A compiled plan, shared by every thread (oneDNN primitives are immutable once created).
  private final class Plan: @unchecked Sendable {
    let pointer: OpaquePointer
    let workspace: Int
    init(_ pointer: OpaquePointer) {
      self.pointer = pointer
      workspace = ck_conv_plan_workspace(pointer)
    }
    deinit { ck_conv_plan_destroy(pointer) }
  }

  private static let plans = Mutex<[PlanKey: Plan?]>([:])

  /// The plan of `kind` for `images` images of geometry `g`; nil when oneDNN cannot build one
  /// (the caller falls back to the column-matrix kernels).
  private static func plan(_ kind: ck_conv_kind, _ g: ConvolutionGeometry, images: Int) -> Plan? {
    let key = PlanKey(kind: kind.rawValue, geometry: [
      images, g.channels, g.height, g.width, g.outChannels, g.kernelHeight, g.kernelWidth, g.stride, g.padding,
      g.outHeight, g.outWidth,
    ])
    if let cached = plans.withLock({ $0[key] }) { return cached }
    let shape = ck_conv_shape(
      batch: images, channels: g.channels, height: g.height, width: g.width, out_channels: g.outChannels,
      kernel_height: g.kernelHeight, kernel_width: g.kernelWidth, stride: g.stride, padding: g.padding,
      out_height: g.outHeight, out_width: g.outWidth)
    var error = [CChar](repeating: 0, count: 256)
    let made = ck_conv_plan_create(kind, shape, &error, error.count).map(Plan.init)
    return plans.withLock { plans in
      if let existing = plans[key] { return existing }
      plans[key] = made
      return made
    }
  }

  /// The kernel oneDNN runs for the forward convolution of `g`, for reports ("jit:avx512_core").
  static func implementation(of g: ConvolutionGeometry) -> String? {
    plan(CK_CONV_FORWARD, g, images: Swift.min(g.batch, maximumChunk)).map { String(cString: ck_conv_plan_implementation($0.pointer)) }
  }

  /// Whether every plan the three kernels need for `g` can be built.
  static func supports(_ g: ConvolutionGeometry) -> Bool {
    let images = Swift.min(g.batch, maximumChunk), rest = g.batch % images
    for kind in [CK_CONV_FORWARD, CK_CONV_BACKWARD_DATA, CK_CONV_BACKWARD_WEIGHTS] {
      if plan(kind, g, images: images) == nil { return false }
      if rest > 0 && plan(kind, g, images: rest) == nil { return false }
    }
    return true
  }

  /// y = conv2d(x, filter).
  static func conv2d(_ x: UnsafePointer<Float>, _ filter: TensorStorage, _ y: UnsafeMutablePointer<Float>, _ g: ConvolutionGeometry) {
    withPreparedFilter(CK_CONV_FORWARD, g, filter) { prepared in
      forEachChunk(g) { first, images in
        run(CK_CONV_FORWARD, g, images: images, x + first * g.channels * g.inputPlane, prepared(images),
            y + first * g.outChannels * g.outputPlane)
      }
    }
  }

  /// x = the transposed convolution of y (the gradient of conv2d in its input).
  static func transposedConv2d(_ y: UnsafePointer<Float>, _ filter: TensorStorage, _ x: UnsafeMutablePointer<Float>, _ g: ConvolutionGeometry) {
    withPreparedFilter(CK_CONV_BACKWARD_DATA, g, filter) { prepared in
      forEachChunk(g) { first, images in
        run(CK_CONV_BACKWARD_DATA, g, images: images, y + first * g.outChannels * g.outputPlane, prepared(images),
            x + first * g.channels * g.inputPlane)
      }
    }
  }

  // MARK: - Filters in the kernels' layout

  /// A filter reordered into a plan's layout, valid while its storage keeps `version`.
  private final class PreparedFilter: @unchecked Sendable {
    let storage: TensorStorage
    let version: Int
    let pointer: UnsafeMutableRawPointer
    var bytes = 0
    init(storage: TensorStorage, bytes: Int) {
      self.storage = storage
      version = storage.version
      pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(bytes, 64), alignment: 64)
    }
    deinit { pointer.deallocate() }
  }

  private struct FilterKey: Hashable {
    var plan: ObjectIdentifier
    var storage: ObjectIdentifier
  }

  /// Filters in their kernels' layouts, most recently used last. A network's filters are read by
  /// several passes between two optimizer steps (a discriminator sees real and generated
  /// batches, and its filters serve the backward pass too), and a reorder of a large filter costs
  /// a fifth of the convolution; kept here, each filter is reordered once per update. Holding the
  /// storage keeps its identity from being reused.
  private static let preparedFilters = Mutex<(entries: [FilterKey: PreparedFilter], order: [FilterKey], bytes: Int)>(([:], [], 0))
  /// Filters and bytes kept at most (a few networks' worth).
  static let preparedFilterCapacity = (count: 64, bytes: 256 << 20)

  /// The filter's prepared copies for the plans of `g`'s chunk sizes, by images per chunk.
  private static func withPreparedFilter(
    _ kind: ck_conv_kind, _ g: ConvolutionGeometry, _ filter: TensorStorage,
    _ body: ((Int) -> (UnsafePointer<Float>, Bool)) -> Void
  ) {
    let chunk = Swift.min(g.batch, maximumChunk), rest = g.batch % chunk
    var prepared: [Int: (UnsafePointer<Float>, Bool)] = [:]
    var keep: [PreparedFilter] = []
    for images in Set([chunk, rest == 0 ? chunk : rest]) {
      guard let plan = plan(kind, g, images: images) else { continue }
      if let copy = preparedCopy(of: filter, for: plan) {
        keep.append(copy)
        prepared[images] = (UnsafePointer(copy.pointer.assumingMemoryBound(to: Float.self)), true)
      } else {
        prepared[images] = (UnsafePointer(filter.typed(Float.self)), false)
      }
    }
    withExtendedLifetime(keep) {
      body { images in prepared[images] ?? (UnsafePointer(filter.typed(Float.self)), false) }
    }
  }

  /// The filter in `plan`'s layout (reordered now unless a copy of this version is kept), or
  /// nil when the plan runs on the plain layout.
  private static func preparedCopy(of filter: TensorStorage, for plan: Plan) -> PreparedFilter? {
    let bytes = ck_conv_plan_prepared_operand_size(plan.pointer)
    guard bytes > 0 else { return nil }
    let key = FilterKey(plan: ObjectIdentifier(plan), storage: ObjectIdentifier(filter))
    if let kept = preparedFilters.withLock({ $0.entries[key] }), kept.version == filter.version { return kept }
    let copy = PreparedFilter(storage: filter, bytes: bytes)
    copy.bytes = bytes
    var error = [CChar](repeating: 0, count: 256)
    let status = ck_conv_plan_prepare_operand(plan.pointer, filter.typed(Float.self), copy.pointer, &error, error.count)
    precondition(status == 0, "conv2d: \(String(decoding: error.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self))")
    preparedFilters.withLock { cache in
      if let replaced = cache.entries.updateValue(copy, forKey: key) {
        cache.bytes -= replaced.bytes
        cache.order.removeAll { $0 == key }
      }
      cache.order.append(key)
      cache.bytes += bytes
      while cache.order.count > 1 && (cache.order.count > preparedFilterCapacity.count || cache.bytes > preparedFilterCapacity.bytes) {
        if let evicted = cache.entries.removeValue(forKey: cache.order.removeFirst()) { cache.bytes -= evicted.bytes }
      }
    }
    return copy
  }

  /// filter = the gradient of ⟨y, conv2d(x, filter)⟩ in the filter.
  static func filterGradient(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ filter: UnsafeMutablePointer<Float>, _ g: ConvolutionGeometry) {
    let chunk = Swift.min(g.batch, maximumChunk), chunks = (g.batch + chunk - 1) / chunk
    let parts = Swift.min(Parallel.workers, chunks), count = g.filterShape.reduce(1, *)
    // Part 0 sums its chunks into `filter`, part p > 0 into partials[p − 1]; then the partial
    // sums are added in part order. (`Parallel` covers the chunks with `parts` parts, run
    // concurrently or, inside another loop, one after another.)
    ScratchPool.shared.withBuffer(of: Float.self, count: Swift.max(parts - 1, 1) * count) { partials in
      Parallel.forEachRange(chunks, work: Int.max) { part, range in
        precondition(part < parts, "filterGradient: part \(part) of \(parts)")
        let sum = part == 0 ? filter : partials + (part - 1) * count
        for index in range {
          let first = index * chunk, images = Swift.min(chunk, g.batch - first)
          let x = x + first * g.channels * g.inputPlane, y = y + first * g.outChannels * g.outputPlane
          if index == range.lowerBound {
            run(CK_CONV_BACKWARD_WEIGHTS, g, images: images, x, (y, false), sum)
          } else {
            ScratchPool.shared.withBuffer(of: Float.self, count: count) { term in
              run(CK_CONV_BACKWARD_WEIGHTS, g, images: images, x, (y, false), term)
              for i in 0..<count { sum[i] += term[i] }
            }
          }
        }
      }
      for part in 1..<Swift.max(parts, 1) {
        let partial = partials + (part - 1) * count
        for i in 0..<count { filter[i] += partial[i] }
      }
    }
  }

  /// Calls `body(first, images)` for the chunks of the batch, shared out among the workers.
  private static func forEachChunk(_ g: ConvolutionGeometry, _ body: (Int, Int) -> Void) {
    let chunk = Swift.min(g.batch, maximumChunk), chunks = (g.batch + chunk - 1) / chunk
    Parallel.forEachRange(chunks, work: Int.max) { _, range in
      for index in range {
        let first = index * chunk
        body(first, Swift.min(chunk, g.batch - first))
      }
    }
  }

  private static func run(
    _ kind: ck_conv_kind, _ g: ConvolutionGeometry, images: Int,
    _ a: UnsafePointer<Float>, _ b: (UnsafePointer<Float>, prepared: Bool), _ result: UnsafeMutablePointer<Float>
  ) {
    guard let plan = plan(kind, g, images: images) else {
      preconditionFailure("conv2d: oneDNN has no kernel for \(g)")
    }
    var error = [CChar](repeating: 0, count: 256)
    let status = ScratchPool.shared.withBuffer(of: Float.self, count: plan.workspace / 4 + 16) { workspace in
      ck_conv_plan_execute(plan.pointer, a, b.0, b.prepared ? 1 : 0, result, workspace, &error, error.count)
    }
    precondition(status == 0, "conv2d: \(String(decoding: error.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self)) for \(g)")
  }
}
