// DSPInstructions: encodings and semantics (to be filled in).

public enum DSPInstructions {
  public static let encodings: [Encoding] = []
}
