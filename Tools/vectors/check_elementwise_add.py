#!/usr/bin/env python3
"""An independent re-implementation of CMSIS-NN's arm_elementwise_add_s8 (its plain C loop, written
from the C source, not from cmemu's Swift) checked against a vector case written by
`cmemu vectors elementwise_add --out DIR`. Usage: check_elementwise_add.py DIR"""
import json, struct, sys

def srdhm(a, b):  # arm_nn_doubling_high_mult (gemmlowp SaturatingRoundingDoublingHighMul)
    if a == b == -2**31:
        return 2**31 - 1
    ab = a * b
    q = ab + ((1 << 30) if ab >= 0 else 1 - (1 << 30))
    r = abs(q) >> 31  # C division truncates towards zero
    return r if q >= 0 else -r

def rdbpot(x, e):  # arm_nn_divide_by_power_of_two: round half away from zero
    mask = (1 << e) - 1
    rem = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> e) + (1 if rem > threshold else 0)

def wrap32(v):
    v &= 0xFFFFFFFF
    return v - 2**32 if v >= 2**31 else v

def requantize(x, m, sh):  # arm_nn_requantize
    return rdbpot(srdhm(wrap32(x * (1 << max(sh, 0))), m), max(-sh, 0))

d = sys.argv[1]
case = json.load(open(f"{d}/case.json"))
args = {a["name"]: a.get("value") for a in case["args"]}
def load(name):
    t = next(t for t in case["tensors"] if t["name"] == name)
    raw = open(f"{d}/{t['file']}", "rb").read()
    return list(struct.unpack(f"<{t['count']}b", raw))
x1, x2, y = load("input_1"), load("input_2"), load("output")
def add(a, b):
    i1 = requantize(wrap32((a + args["input_1_offset"]) << args["left_shift"]), args["input_1_mult"], args["input_1_shift"])
    i2 = requantize(wrap32((b + args["input_2_offset"]) << args["left_shift"]), args["input_2_mult"], args["input_2_shift"])
    s = requantize(wrap32(i1 + i2), args["out_mult"], args["out_shift"]) + args["out_offset"]
    return min(max(s, args["out_activation_min"]), args["out_activation_max"])
bad = [(i, x1[i], x2[i], y[i], add(x1[i], x2[i])) for i in range(len(y)) if add(x1[i], x2[i]) != y[i]]
print(f"{len(y)} values, {len(bad)} differ" + (f"; first: {bad[0]}" if bad else ""))
sys.exit(1 if bad else 0)
