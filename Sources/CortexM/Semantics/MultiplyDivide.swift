// MultiplyDivide: encodings and semantics (to be filled in).

public enum MultiplyDivide {
  public static let encodings: [Encoding] = []
}
