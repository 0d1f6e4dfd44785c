// Reports of `cmemu train`: the per-method result, JSON and an SVG drawing of one step (cycles per
// kernel call across the step, SRAM in use over the step).

import CortexM
import FQTGolden
import Foundation

public struct MethodResult: Codable, Sendable {
  public var method: String
  public var title: String
  public var model: String
  public var board: String
  public var clockMHz: Double
  public var steps: Int
  public var bitExact: Bool
  public var divergence: Divergence?
  public var notes: [String]
  public var accuracyBefore: Double?
  public var accuracyAfter: Double?
  public var testImages: Int?
  /// Mean MCU cycles per step (host ops excluded), min and max.
  public var cyclesPerStep: Double
  public var cyclesMin: UInt64
  public var cyclesMax: UInt64
  public var cyclesByPhase: [String: Double]
  /// Mean cycles per step of each MCU op, by op label (e.g. "conv_wgrad L2"): where a method's
  /// cycles go, kernel by kernel (the first/last step records show one step only).
  public var cyclesByOp: [String: Double] = [:]
  public var msPerStep: [String: Double]
  public var peakSRAM: Int
  public var sramWithoutReuse: Int
  public var stackBytes: Int
  public var arenaBytes: Int
  public var flash: Int
  public var flashCode: Int
  public var flashConstants: Int
  public var flashParameterImage: Int
  public var kernelsOnMCU: [String]
  public var opsOnHost: [String]
  public var boardFit: [BoardFit]
  public var memoryPlan: [PlacedBuffer]
  /// Per-op records of the first step and of the last step.
  public var firstStep: StepRecord?
  public var lastStep: StepRecord?
  /// Per step: cycles and loss.
  public var stepCycles: [UInt64]
  public var stepLossQ16: [Int32]
}

public enum TrainReport {
  public static func json(_ results: [MethodResult]) throws -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    struct File: Codable { var format: String; var results: [MethodResult] }
    return try e.encode(File(format: "cmemu-train-1", results: results))
  }

  static func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  static let phaseColor = [
    "forward": "#4e79a7", "loss": "#f28e2b", "backward": "#e15759", "update": "#59a14f", "zo": "#b07aa1",
  ]

  /// One panel per method: cycles of each kernel call along the step (bars, x = cycles from the
  /// step's start; host ops as grey ticks at their position) and SRAM in use (step line).
  public static func svg(_ results: [MethodResult]) -> String {
    let W = 1100.0, left = 70.0, right = 20.0, panelH = 330.0
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(W))" height="\(Int(panelH * Double(max(results.count, 1)) + 30))" font-family="sans-serif" font-size="11">
      <rect width="100%" height="100%" fill="white"/>

      """
    for (pi, r) in results.enumerated() {
      guard let st = r.firstStep else { continue }
      let y0 = Double(pi) * panelH + 10
      let total = max(Double(st.cycles), 1)
      let plotW = W - left - right
      func x(_ c: Double) -> Double { left + plotW * c / total }
      out += "<text x=\"\(left)\" y=\"\(y0 + 12)\" font-size=\"13\" font-weight=\"bold\">\(esc(r.model)) — \(esc(r.title)): step 1, \(st.cycles) cycles (\(String(format: "%.2f", Double(st.cycles) / (r.clockMHz * 1e3))) ms at \(Int(r.clockMHz)) MHz), host ops grey</text>\n"
      // Cycles per call.
      let barTop = y0 + 25, barH = 150.0
      let maxC = Double(st.ops.map(\.cycles).max() ?? 1)
      out += "<text x=\"10\" y=\"\(barTop + 10)\">cycles</text>\n"
      out += "<line x1=\"\(left)\" y1=\"\(barTop + barH)\" x2=\"\(W - right)\" y2=\"\(barTop + barH)\" stroke=\"black\"/>\n"
      out += "<text x=\"\(left - 5)\" y=\"\(barTop + 8)\" text-anchor=\"end\">\(Int(maxC))</text>\n"
      for op in st.ops {
        let xs = x(Double(op.startCycle))
        if op.kind == .mcu {
          let w = max(x(Double(op.startCycle + op.cycles)) - xs, 1)
          let h = barH * Double(op.cycles) / max(maxC, 1)
          out += "<rect x=\"\(xs)\" y=\"\(barTop + barH - h)\" width=\"\(w)\" height=\"\(h)\" fill=\"\(phaseColor[op.phase] ?? "#999")\" stroke=\"white\" stroke-width=\"0.5\"><title>\(esc(op.label)): \(op.cycles) cycles, \(String(format: "%.2f", op.macPerCycle)) MAC/cycle</title></rect>\n"
          if w > 28 {
            out += "<text x=\"\(xs + w / 2)\" y=\"\(barTop + barH - h - 3)\" text-anchor=\"middle\" font-size=\"9\">\(esc(op.label))</text>\n"
          }
        } else if op.kind == .host {
          out += "<line x1=\"\(xs)\" y1=\"\(barTop + barH)\" x2=\"\(xs)\" y2=\"\(barTop + barH + 8)\" stroke=\"#888\" stroke-width=\"2\"><title>\(esc(op.label)): host (no kernel yet)</title></line>\n"
        }
      }
      var lx = left
      for ph in ["forward", "loss", "backward", "update", "zo"] where st.ops.contains(where: { $0.phase == ph }) {
        out += "<rect x=\"\(lx)\" y=\"\(barTop + barH + 12)\" width=\"10\" height=\"10\" fill=\"\(phaseColor[ph]!)\"/><text x=\"\(lx + 14)\" y=\"\(barTop + barH + 21)\">\(ph)</text>\n"
        lx += 80
      }
      // Memory in use.
      let memTop = barTop + barH + 35, memH = 90.0
      let maxM = Double(max(r.peakSRAM, 1))
      out += "<text x=\"10\" y=\"\(memTop + 10)\">SRAM</text>\n"
      out += "<text x=\"\(left - 5)\" y=\"\(memTop + 8)\" text-anchor=\"end\">\(r.peakSRAM) B</text>\n"
      out += "<line x1=\"\(left)\" y1=\"\(memTop + memH)\" x2=\"\(W - right)\" y2=\"\(memTop + memH)\" stroke=\"black\"/>\n"
      var pts = [String]()
      for op in st.ops {
        let y = memTop + memH - memH * Double(op.liveBytes) / maxM
        pts.append("\(x(Double(op.startCycle))),\(y)")
        pts.append("\(x(Double(op.startCycle + op.cycles))),\(y)")
      }
      out += "<polyline points=\"\(pts.joined(separator: " "))\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
      out += "<text x=\"\(W - right)\" y=\"\(memTop + memH + 14)\" text-anchor=\"end\">cycles from the start of the step → (peak SRAM incl. stack \(r.peakSRAM) B; without reuse \(r.sramWithoutReuse) B)</text>\n"
    }
    out += "</svg>\n"
    return out
  }
}
