import ZooCore

/// The sampler of CC-LAPGAN (Denton et al. 2015, section 4.2: every level conditioned on the class
/// too): a `PyramidGenerator` that says it draws the class its condition names, so runs draw its
/// grids with a row per class and judge each sample against the class asked for.
public final class ClassConditionalPyramidGenerator: PyramidGenerator, ClassConditionalGenerator {
  /// K.
  public var classCount: Int { conditionalClassCount! }
}
