@ zo_perturb.S — zeroth-order Rademacher perturbation (Poor Man's Training), golden ops
@ zoPerturbWeights then zoPerturbBias with one generator (FQT.md "Zeroth-order"):
@   per element, in order (weights, then bias): x = xorshift32 (x ^= x<<13; x ^= x>>17; x ^= x<<5),
@   u = 1 − 2·(x & 1);  W' = sat8(W + σ_w·u);  b' = sat32(b + σ_b·u)
@ The outputs may be the inputs (in place) or copies (the usual case: the perturbed model is
@ evaluated and thrown away). The state is read from and written back to *rng_state.
@
@   void fqt_zo_perturb(const fqt_zo_perturb_args *args);   (kernels/fqt_kernels.h)
@
@ W ± σ with QADD/QSUB then SSAT #8 is the exact sat8 for any σ; the bias uses QADD/QSUB alone.
@ Stack: 24 bytes. No arena.

        .syntax unified
        .thumb

        .equ A_W, 0
        .equ A_W_OUT, 4
        .equ A_W_COUNT, 8
        .equ A_SIGMA_W, 12
        .equ A_B, 16
        .equ A_B_OUT, 20
        .equ A_B_COUNT, 24
        .equ A_SIGMA_B, 28
        .equ A_RNG, 32

        .macro XORSHIFT r
        eor     \r, \r, \r, lsl #13
        eor     \r, \r, \r, lsr #17
        eor     \r, \r, \r, lsl #5
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_zo_perturb
        .type fqt_zo_perturb,%function
        .thumb_func
fqt_zo_perturb:
        push    {r4-r8, lr}
        ldr     r8, [r0, #A_RNG]
        ldr     r12, [r8]
        ldr     r1, [r0, #A_W]
        ldr     r2, [r0, #A_W_OUT]
        ldr     r3, [r0, #A_W_COUNT]
        ldr     r4, [r0, #A_SIGMA_W]
        cbz     r3, 2f
1:      XORSHIFT r12
        ldrsb   r5, [r1], #1
        tst     r12, #1
        ite     eq
        qaddeq  r5, r5, r4              @ u = +1
        qsubne  r5, r5, r4              @ u = −1
        ssat    r5, #8, r5
        strb    r5, [r2], #1
        subs    r3, r3, #1
        bne     1b
2:      ldr     r1, [r0, #A_B]
        ldr     r2, [r0, #A_B_OUT]
        ldr     r3, [r0, #A_B_COUNT]
        ldr     r4, [r0, #A_SIGMA_B]
        cbz     r3, 4f
3:      XORSHIFT r12
        ldr     r5, [r1], #4
        tst     r12, #1
        ite     eq
        qaddeq  r5, r5, r4
        qsubne  r5, r5, r4
        str     r5, [r2], #4
        subs    r3, r3, #1
        bne     3b
4:      str     r12, [r8]
        pop     {r4-r8, pc}
        .size fqt_zo_perturb, . - fqt_zo_perturb
