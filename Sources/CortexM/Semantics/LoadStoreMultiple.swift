// LoadStoreMultiple: encodings and semantics (to be filled in).

public enum LoadStoreMultiple {
  public static let encodings: [Encoding] = []
}
