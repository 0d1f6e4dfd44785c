@ Workload: int16 dot product with SMLAD, the inner loop of every int16 MAC kernel.
@ 256 pairs of int16 (512 B per vector) per pass, 2000 passes. Entry at offset 0; returns the
@ accumulator in r0. Data lives in SRAM (zero-initialised: values do not change the timing).
  .syntax unified
  .thumb
  .text
  .global _start
  .type _start, %function
_start:
  push {r4-r7, lr}
  movw r12, #2000
  movs r5, #0
1:
  mov r2, #0x20000000
  add r3, r2, #0x1000
  movs r4, #64
2:
  ldr r6, [r2], #4
  ldr r7, [r3], #4
  smlad r5, r6, r7, r5
  ldr r6, [r2], #4
  ldr r7, [r3], #4
  smlad r5, r6, r7, r5
  subs r4, #1
  bne 2b
  subs r12, #1
  bne 1b
  mov r0, r5
  pop {r4-r7, pc}
