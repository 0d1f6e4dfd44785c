@ Workload: int8 GEMM C[16][16] = sat8((A[16][64] · B[16][64]ᵀ) >> 8), the shape of an FC or
@ im2col conv layer: 4 int8 per LDR, SXTB16 unpacking, SMLAD dual MACs, SSAT to int8.
@ 50 repetitions. Entry at offset 0.
  .syntax unified
  .thumb
  .text
  .global _start
  .type _start, %function
_start:
  push {r4-r11, lr}
  movs r11, #50
0:
  mov r0, #0x20000000        @ A
  movs r10, #16              @ rows
1:
  add r1, r0, #0x1000        @ B (row-major, 16 × 64)
  movs r9, #16               @ columns
2:
  mov r2, r0
  movs r4, #0
  movs r3, #16               @ 64 int8 = 16 words
3:
  ldr r5, [r2], #4
  ldr r6, [r1], #4
  sxtb16 r7, r5
  sxtb16 r8, r6
  smlad r4, r7, r8, r4
  sxtb16 r7, r5, ror #8
  sxtb16 r8, r6, ror #8
  smlad r4, r7, r8, r4
  subs r3, #1
  bne 3b
  ssat r4, #8, r4, asr #8
  mov r12, #0x20002000
  strb r4, [r12, r9]
  subs r9, #1
  bne 2b
  add r0, #64
  subs r10, #1
  bne 1b
  subs r11, #1
  bne 0b
  movs r0, #0
  pop {r4-r11, pc}
