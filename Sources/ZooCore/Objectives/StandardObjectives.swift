/// Every objective of the zoo, by the name `--objective` takes. Adding an objective adds a line
/// here.
public enum StandardObjectives {
  public static let all: [any Objective.Type] = [
    MinimaxObjective.self,
    NonSaturatingObjective.self,
    LeastSquaresObjective.self,
    HingeObjective.self,
    WassersteinObjective.self,
    WassersteinGradientPenaltyObjective.self,
  ]
}
