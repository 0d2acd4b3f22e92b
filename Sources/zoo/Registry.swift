import ConditionalGAN
import DCGAN
import LAPGAN
import VAE
import VanillaGAN
import WassersteinGAN
import ZooCore
import ZooRuns

/// Every variant of the zoo and every objective: the one list the runner looks names up in.
/// Adding a variant adds its module's import and a line here; an objective is listed in
/// `StandardObjectives` beside the others.
let registry = Registry(
  variants: [
    VanillaGANVariant.self,
    DCGANVariant.self,
    ConditionalGANVariant.self,
    WassersteinGANVariant.self,
    LAPGANVariant.self,
    VAEVariant.self,
  ],
  objectives: StandardObjectives.all)
