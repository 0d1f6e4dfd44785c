#!/usr/bin/env python3
"""An independent re-implementation of CMSIS-NN's arm_nn_requantize (written from the C source's
definition, not from cmemu's Swift) checked against a vector case written by
`cmemu vectors requantize --out DIR`. Usage: check_requantize.py DIR"""
import json, struct, sys

def srdhm(a, b):  # saturating rounding doubling high multiply (gemmlowp)
    if a == b == -2**31:
        return 2**31 - 1
    ab = a * b
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    q = ab + nudge
    r = abs(q) >> 31  # C's integer division truncates towards zero
    return r if q >= 0 else -r

def rdbpot(x, e):  # rounding divide by power of two, half away from zero
    mask = (1 << e) - 1
    rem = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> e) + (1 if rem > threshold else 0)

def wrap32(v):
    v &= 0xFFFFFFFF
    return v - 2**32 if v >= 2**31 else v

def requantize(x, m, sh):
    left = sh if sh > 0 else 0
    right = -sh if sh < 0 else 0
    return rdbpot(srdhm(wrap32(x * (1 << left)), m), right)

d = sys.argv[1]
case = json.load(open(f"{d}/case.json"))
def load(name):
    t = next(t for t in case["tensors"] if t["name"] == name)
    raw = open(f"{d}/{t['file']}", "rb").read()
    return list(struct.unpack(f"<{t['count']}i", raw))
x, m, sh, y = load("x"), load("multiplier"), load("shift"), load("y")
bad = [(i, x[i], m[i], sh[i], y[i], requantize(x[i], m[i], sh[i])) for i in range(len(x)) if requantize(x[i], m[i], sh[i]) != y[i]]
print(f"{len(x)} values, {len(bad)} differ" + (f"; first: {bad[0]}" if bad else ""))
sys.exit(1 if bad else 0)
