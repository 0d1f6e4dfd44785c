@ zo_accumulate.S — zeroth-order gradient estimate, one query, golden op zoAccumulate applied to a
@ layer's weights then its bias (FQT.md "Zeroth-order"):
@   per element, in order: x = xorshift32, u = 1 − 2·(x & 1),  ĝ ← ĝ + ΔL·u     (int32)
@ with the generator restarted from the query's perturbation state (u is regenerated, never
@ stored). ΔL = L_q − L_0 in Q16. The golden model rejects sums that leave int32; the kernel
@ saturates (QADD/QSUB) instead of wrapping.
@
@   void fqt_zo_accumulate(const fqt_zo_accumulate_args *args);   (kernels/fqt_kernels.h)
@
@ Four accumulators per LDM/STM. Stack: 32 bytes. No arena.

        .syntax unified
        .thumb

        .equ A_GW, 0
        .equ A_W_COUNT, 4
        .equ A_GB, 8
        .equ A_B_COUNT, 12
        .equ A_DELTA, 16
        .equ A_RNG, 20

        .macro STEP r
        eor     r12, r12, r12, lsl #13
        eor     r12, r12, r12, lsr #17
        eor     r12, r12, r12, lsl #5
        tst     r12, #1
        ite     eq
        qaddeq  \r, \r, r3
        qsubne  \r, \r, r3
        .endm

@ r1 = accumulators, r2 = count; r3 = ΔL, r12 = state. Clobbers r1, r2, r4–r7.
        .macro ACCUMULATE
        lsrs    r4, r2, #2
        beq     2f
        mov     lr, r4
1:      ldmia   r1, {r4-r7}
        STEP    r4
        STEP    r5
        STEP    r6
        STEP    r7
        stmia   r1!, {r4-r7}
        subs    lr, lr, #1
        bne     1b
2:      ands    r2, r2, #3
        beq     4f
3:      ldr     r4, [r1]
        STEP    r4
        str     r4, [r1], #4
        subs    r2, r2, #1
        bne     3b
4:
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_zo_accumulate
        .type fqt_zo_accumulate,%function
        .thumb_func
fqt_zo_accumulate:
        push    {r4-r8, lr}
        ldr     r8, [r0, #A_RNG]
        ldr     r12, [r8]
        ldr     r3, [r0, #A_DELTA]
        ldr     r1, [r0, #A_GW]
        ldr     r2, [r0, #A_W_COUNT]
        ACCUMULATE
        ldr     r1, [r0, #A_GB]
        ldr     r2, [r0, #A_B_COUNT]
        ACCUMULATE
        str     r12, [r8]
        pop     {r4-r8, pc}
        .size fqt_zo_accumulate, . - fqt_zo_accumulate
