// BranchAndControl: encodings and semantics (to be filled in).

public enum BranchAndControl {
  public static let encodings: [Encoding] = []
}
