// Deterministic data sets for the models that have no real data here (FQT.md: mnist-cnn uses
// synthetic inputs unless a real MNIST copy is available — none is; mbv2-tail is the
// transfer-learning setting, whose inputs would be a frozen backbone's features).

import Foundation

public enum SyntheticData {
  /// A uniform draw in [0, 1) from xorshift32 (32 bits of resolution).
  static func uniform(_ rng: inout XorShift32) -> Double {
    Double(rng.next()) / 4_294_967_296.0
  }

  /// An MNIST-shaped 28×28 image from one 8×8 digits image (values 0–16): bilinearly upsampled
  /// to 20×20 (MNIST's digits fill a 20×20 box inside the 28×28 frame), scaled to [0, 1], and
  /// placed at rows/columns 4 + dy, 4 + dx (dx, dy ∈ [−`jitter`, `jitter`] from `rng`; the frame
  /// is otherwise 0).
  public static func mnistLike(digits pixels: [UInt8], jitter: Int, rng: inout XorShift32) -> [Double] {
    precondition(pixels.count == 64, "mnistLike: an 8×8 image has 64 pixels")
    let span = UInt32(2 * jitter + 1)
    let dy = Int(rng.next() % span) - jitter
    let dx = Int(rng.next() % span) - jitter
    var out = [Double](repeating: 0, count: 28 * 28)
    func src(_ i: Int) -> (Int, Int, Double) {
      // Pixel centres: output i ↦ source (i + ½)·8/20 − ½, clamped to the 8×8 grid.
      let u = min(max((Double(i) + 0.5) * 8 / 20 - 0.5, 0), 7)
      let lo = min(Int(u), 6)
      return (lo, lo + 1, u - Double(lo))
    }
    for i in 0..<20 {
      let (r0, r1, fr) = src(i)
      for j in 0..<20 {
        let (c0, c1, fc) = src(j)
        let p = { (r: Int, c: Int) in Double(pixels[r * 8 + c]) / 16 }
        let v =
          (1 - fr) * ((1 - fc) * p(r0, c0) + fc * p(r0, c1)) + fr * ((1 - fc) * p(r1, c0) + fc * p(r1, c1))
        let (y, x) = (4 + dy + i, 4 + dx + j)
        if y >= 0 && y < 28 && x >= 0 && x < 28 { out[y * 28 + x] = v }
      }
    }
    return out
  }

  /// Class-conditional feature maps standing in for a frozen backbone's H×W×C post-ReLU features
  /// (the transfer-learning input of mbv2-tail). From `prototypeSeed`: a channel profile B[c]
  /// shared by all classes and per class a profile L[c] (both U(0, 1)) and a spatial modulation
  /// U(0.5, 1) per element; prototype = ((1 − σ)·B[c] + σ·L[c])·modulation with σ =
  /// `separation` (classes differ only in the σ part of their channel profiles, which is what
  /// survives a global average pool). From `seed`: sample k has label k mod `classes` and values
  /// clip(prototype + U(−`noise`, `noise`), 0, 1).
  public static func featureMaps(
    count: Int, seed: UInt32, height h: Int, width w: Int, channels c: Int, classes: Int = 10,
    separation: Double = 1, noise: Double, prototypeSeed: UInt32 = 4242
  ) -> [(x: [Double], label: Int)] {
    var proto = XorShift32(seed: prototypeSeed == 0 ? 1 : prototypeSeed)
    let shared = (0..<c).map { _ in uniform(&proto) }
    let prototypes = (0..<classes).map { _ -> [Double] in
      let level = (0..<c).map { (1 - separation) * shared[$0] + separation * uniform(&proto) }
      return (0..<(h * w * c)).map { level[$0 % c] * (0.5 + 0.5 * uniform(&proto)) }
    }
    var rng = XorShift32(seed: seed == 0 ? 1 : seed)
    return (0..<count).map { k in
      let label = k % classes
      let x = prototypes[label].map { min(1, max(0, $0 + (uniform(&rng) - 0.5) * 2 * noise)) }
      return (x, label)
    }
  }
}
