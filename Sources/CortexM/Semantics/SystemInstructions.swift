// SystemInstructions: encodings and semantics (to be filled in).

public enum SystemInstructions {
  public static let encodings: [Encoding] = []
}
