@ fc_fwd.S — fully connected forward with per-channel requantization and the mask, golden op
@ fullyConnected (CMSIS-NN arm_fully_connected_s8 semantics + mask).
@
@   void fqt_fc_fwd(const fqt_fc_fwd_args *args);              (kernels/fqt_kernels.h)
@
@ The input is expanded once into the arena as int16 x − z_x, each group of 4 stored as
@ (x0, x2), (x1, x3) (SXTAB16 ×2) to match SXTB16's unpacking of 4 weights; the in_c % 4 tail as
@ plain halfwords. Two output channels per pass: per 4 inputs, 2 weight words → SXTB16 ×4 →
@ 4 SMLADs. Epilogue: fqt_finish.inc (arm_nn_requantize, z_y, clamp, mask bit).
@ Stack: 9 saved registers + 4 bytes (+ padding) = 40 bytes. Arena: FQT_FC_FWD_SCRATCH.

        .syntax unified
        .thumb

        .equ A_INPUT, 0
        .equ A_WEIGHTS, 4
        .equ A_BIAS, 8
        .equ A_OUTPUT, 12
        .equ A_MASK, 16
        .equ A_IN_C, 20
        .equ A_OUT_C, 24
        .equ A_IN_ZP, 28
        .equ A_OUT_ZP, 32
        .equ A_MULT, 36
        .equ A_SHIFT, 40
        .equ A_ACT_MIN, 44
        .equ A_ACT_MAX, 48
        .equ A_SCRATCH, 52
        .equ A_SCRATCH_SIZE, 56

        .equ L_ARGS, 0
        .equ LOCALS, 4

        .section .text.entry,"ax",%progbits
        .global fqt_fc_fwd
        .type fqt_fc_fwd,%function
        .thumb_func
fqt_fc_fwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r11, [r0, #A_IN_C]      @ K
        adds    r1, r11, #3
        bic     r1, r1, #3
        lsls    r1, r1, #1
        ldr     r2, [r0, #A_SCRATCH_SIZE]
        cmp     r2, r1
        blo     .Lreturn
        @ ---- x − z_x into the arena ----
        ldr     r1, [r0, #A_INPUT]
        ldr     r2, [r0, #A_SCRATCH]
        ldr     r3, [r0, #A_IN_ZP]
        rsbs    r3, r3, #0
        uxth    r4, r3
        orr     r4, r4, r3, lsl #16     @ (−z_x, −z_x)
        lsrs    r5, r11, #2
        beq     2f
1:      ldr     r6, [r1], #4
        sxtab16 r7, r4, r6
        sxtab16 r6, r4, r6, ror #8
        strd    r7, r6, [r2], #8
        subs    r5, r5, #1
        bne     1b
2:      ands    r5, r11, #3
        beq     4f
3:      ldrsb   r6, [r1], #1
        add     r6, r6, r3
        strh    r6, [r2], #2
        subs    r5, r5, #1
        bne     3b
4:      @ ---- zero the mask ----
        ldr     r8, [r0, #A_OUT_C]
        adds    r1, r8, #7
        lsrs    r1, r1, #3
        ldr     r2, [r0, #A_MASK]
        movs    r3, #0
5:      strb    r3, [r2], #1
        subs    r1, r1, #1
        bne     5b
        @ ---- output channels, two at a time ----
        movs    r10, #0                 @ o
.Lch:
        ldr     r12, [sp, #L_ARGS]
        ldr     r4, [r12, #A_WEIGHTS]
        mla     r4, r10, r11, r4        @ row o
        ldr     r9, [r12, #A_BIAS]
        ldr     r0, [r9, r10, lsl #2]
        adds    r3, r10, #1
        cmp     r3, r8
        ite     lo
        movlo   r5, r11
        movhs   r5, #0
        ite     lo
        ldrlo   r2, [r9, r3, lsl #2]
        movhs   r2, r0
        ldr     r6, [r12, #A_SCRATCH]
        lsrs    r7, r11, #2
        beq     7f
        .p2align 2
6:      ldr     r9, [r4, r5]            @ row o+1
        ldr     r1, [r4], #4            @ row o
        ldr     r12, [r6], #4           @ (x0, x2)
        ldr     lr, [r6], #4            @ (x1, x3)
        sxtb16  r3, r1, ror #8
        sxtb16  r1, r1
        smlad   r0, r1, r12, r0
        smlad   r0, r3, lr, r0
        sxtb16  r3, r9, ror #8
        sxtb16  r9, r9
        smlad   r2, r9, r12, r2
        smlad   r2, r3, lr, r2
        subs    r7, r7, #1
        bne     6b
7:      ands    r7, r11, #3
        beq     9f
8:      ldrsb   r9, [r4, r5]
        ldrsb   r1, [r4], #1
        ldrsh   r12, [r6], #2
        smlabb  r0, r1, r12, r0
        smlabb  r2, r9, r12, r2
        subs    r7, r7, #1
        bne     8b
9:      mov     r9, r2
        mov     r1, r10
        mov     r2, r10
        bl      finish
        adds    r10, r10, #1
        cmp     r10, r8
        bhs     .Lreturn
        mov     r0, r9
        mov     r1, r10
        mov     r2, r10
        bl      finish
        adds    r10, r10, #1
        cmp     r10, r8
        blo     .Lch
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_fc_fwd, . - fqt_fc_fwd

        .include "fqt_finish.inc"
