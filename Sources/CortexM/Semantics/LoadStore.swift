// LoadStore: encodings and semantics (to be filled in).

public enum LoadStore {
  public static let encodings: [Encoding] = []
}
