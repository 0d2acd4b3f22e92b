import Testing
@testable import TensorBackend

@Suite struct StorageAllocatorTests {
  @Test(arguments: [1 << 18, (1 << 18) + 1, 300_000, 1 << 20, 5_000_001, 100 << 20])
  func sizeClassesCoverTheRequestWithinAQuarter(bytes: Int) {
    let size = StorageAllocator.sizeClass(bytes)
    #expect(size >= bytes && size % 4096 == 0)
    #expect(Double(size) <= 1.25 * Double(bytes) + 4096, "class \(size) for \(bytes) bytes")
  }

  @Test func releasedLargeBlocksAreReused() {
    let bytes = 3 << 20
    let first = StorageAllocator.allocate(bytes)
    #expect(Int(bitPattern: first.pointer) % 64 == 0 && first.capacity >= bytes)
    first.pointer.storeBytes(of: 42, as: Int.self)
    StorageAllocator.release(first.pointer, capacity: first.capacity)
    // A request of the same class (or up to half as large) gets a cached block back: this one,
    // unless another test's release of the same class came in between, which is also a reuse.
    let second = StorageAllocator.allocate(bytes - 1000)
    #expect(second.capacity >= bytes - 1000 && second.capacity <= 2 * StorageAllocator.sizeClass(bytes - 1000))
    StorageAllocator.release(second.pointer, capacity: second.capacity)
  }

  @Test func tensorsOfEverySizeHoldTheirValues() {
    for count in [0, 1, 1000, 70_000, 1_000_003] {
      let t = Tensor(shape: [count], scalars: (0..<count).map { Float($0 % 97) })
      #expect(t.floats.enumerated().allSatisfy { $0.element == Float($0.offset % 97) })
    }
  }
}
