// Tensor values and layout conventions of the golden model.
//
// Layouts (DESIGN.md "Kernels and their ABI"):
// - activations and error tensors: NHWC, one sample (N = 1), flat index ((h·W) + w)·C + c;
// - convolution weights: OHWI, flat index ((o·KH + kh)·KW + kw)·I + i;
// - depthwise weights: 1HWC (TFLite's [1, KH, KW, C]), flat index (kh·KW + kw)·C + c;
// - fully connected weights: OI, flat index o·I + i;
// - biases and gradient accumulators: int32, one per output channel / element.

/// A dense tensor: a shape and a flat row-major storage (last dimension fastest).
public struct Tensor<T> {
  public var shape: [Int]
  public var data: [T]

  /// Creates a tensor; throws if `data.count` is not the product of `shape`.
  public init(shape: [Int], data: [T]) throws {
    if shape.contains(where: { $0 < 0 }) {
      throw FQTError.invalidShape(op: "Tensor", reason: "negative dimension in \(shape)")
    }
    let n = shape.reduce(1, *)
    try checkLength("Tensor", "data", data.count, n)
    self.shape = shape
    self.data = data
  }

  /// Creates a tensor filled with `value`.
  public init(shape: [Int], repeating value: T) {
    precondition(!shape.contains(where: { $0 < 0 }), "negative dimension in \(shape)")
    self.shape = shape
    self.data = [T](repeating: value, count: shape.reduce(1, *))
  }

  public var count: Int { data.count }

  /// Row-major flat offset of a full index (one entry per dimension).
  public func offset(_ index: [Int]) -> Int {
    precondition(index.count == shape.count, "index rank \(index.count) ≠ tensor rank")
    var o = 0
    for (i, d) in zip(index, shape) {
      precondition(i >= 0 && i < d, "index \(index) out of bounds for shape \(shape)")
      o = o * d + i
    }
    return o
  }

  public subscript(_ index: Int...) -> T {
    get { data[offset(index)] }
    set { data[offset(index)] = newValue }
  }
}

extension Tensor: Equatable where T: Equatable {}

/// An int8 error tensor with its power-of-two scale 2⁻ᶠ (FQT.md "Error tensors and gradients").
public struct ErrorTensor: Equatable {
  /// Values, NHWC.
  public var values: [Int8]
  /// The exponent f: the real error is values · 2⁻ᶠ (times the static scale the caller tracks).
  public var exponent: Int32
  public init(values: [Int8], exponent: Int32) {
    self.values = values
    self.exponent = exponent
  }
}
