#!/usr/bin/env python3
"""Regenerate Vectors/malformed/: inputs cmemu must reject with a clear message (exit 65).

Each file is built from a minimal valid ELF32 ARM executable (`movs r0,#0; bx lr` at 0x0) with
one thing broken. Deterministic: running this again gives byte-identical files.
"""
import os, struct, random

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Vectors", "malformed")
os.makedirs(out, exist_ok=True)

def elf(segments, entry=1, cls=1, data=1, etype=2, machine=40, phentsize=32, phnum=None, phoff=52):
    """segments: list of (p_type, offset or None, paddr, bytes, filesz or None, memsz)."""
    phnum = len(segments) if phnum is None else phnum
    hdr = b"\x7fELF" + bytes([cls, data, 1, 0]) + bytes(8)
    hdr += struct.pack("<HHIIIIIHHHHHH", etype, machine, 1, entry, phoff, 0, 0x05000200, 52, phentsize, phnum, 40, 0, 0)
    payload = b""
    off = 52 + 32 * len(segments)
    ph = b""
    for ptype, o, paddr, body, filesz, memsz in segments:
        ph += struct.pack("<IIIIIIII", ptype, off if o is None else o, paddr, paddr,
                          len(body) if filesz is None else filesz, memsz, 5, 4)
        payload += body
        off += len(body)
    return hdr + ph + payload

prog = bytes([0, 0x20, 0x70, 0x47])  # movs r0, #0; bx lr
good = elf([(1, None, 0, prog, None, 4)])

files = {
    "truncated-header.elf": good[:40],
    "truncated-phdrs.elf": good[:60],
    "truncated-segment.elf": good[:-2],
    "offset-past-eof.elf": elf([(1, 0x10000, 0, prog, None, 4)]),
    "phoff-past-eof.elf": elf([(1, None, 0, prog, None, 4)], phoff=0x7FFF_0000),
    "overlapping-segments.elf": elf([(1, None, 0, prog * 4, None, 16), (1, None, 8, prog, None, 4)]),
    "huge-segment.elf": elf([(1, None, 0, prog, None, 0xF000_0000)]),
    "segment-wraps-address-space.elf": elf([(1, None, 0xFFFF_FF00, prog, None, 0x1000)]),
    "segment-outside-memory.elf": elf([(1, None, 0x4000_0000, prog, None, 4)], entry=0x4000_0001),
    "filesz-above-memsz.elf": elf([(1, None, 0, prog, None, 2)]),
    "entry-outside-memory.elf": elf([(1, None, 0, prog, None, 4)], entry=0x9000_0001),
    "no-load-segments.elf": elf([(4, None, 0, prog, None, 4)]),
    "no-program-headers.elf": elf([], phnum=0),
    "small-phentsize.elf": elf([(1, None, 0, prog, None, 4)], phentsize=16),
    "big-endian.elf": elf([(1, None, 0, prog, None, 4)], data=2),
    "elf64.elf": elf([(1, None, 0, prog, None, 4)], cls=2),
    "x86.elf": elf([(1, None, 0, prog, None, 4)], machine=3),
    "relocatable.elf": elf([(1, None, 0, prog, None, 4)], etype=1),
    "garbage.elf": b"\x7fELF" + bytes(random.Random(9).randrange(256) for _ in range(200)),
    "empty.bin": b"",
    "one-byte.bin": b"\x00",
    "larger-than-flash.bin": prog * ((1 << 20) // 4) + b"\x00\xbf",  # 1 MiB + 2 bytes
}
for name, body in files.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(body)
print(f"{len(files)} files in {os.path.normpath(out)}")
