@ requant_grad.S — int32 gradient accumulators → the next int8 error tensor, golden op requantGrad.
@
@   void fqt_requant_grad(const fqt_requant_grad_args *args);  (kernels/fqt_kernels.h)
@
@   sh = max(0, bitlength(max_k |g[k]|) − 7)         (= 25 − CLZ(OR_k |g[k]|), at least 0)
@   nearest:    e = SSAT8(RoundingDivideByPOT(g, sh))           (ties away from zero)
@   stochastic: e = SSAT8((g >> sh) + (((g & m) + (r & m)) >> sh)),  m = 2^sh − 1,
@               r = one xorshift32 draw per element (x ^= x<<13; x ^= x>>17; x ^= x<<5)
@ The bit length of the largest magnitude equals that of the OR of all magnitudes, so the first
@ pass is |g| (EOR/SUB with the sign) and ORR, four elements per LDM. Stack: 36 bytes.

        .syntax unified
        .thumb

        .equ A_GRAD, 0
        .equ A_OUTPUT, 4
        .equ A_COUNT, 8
        .equ A_MODE, 12
        .equ A_RNG, 16
        .equ A_SHIFT_OUT, 20

        .section .text.entry,"ax",%progbits
        .global fqt_requant_grad
        .type fqt_requant_grad,%function
        .thumb_func
fqt_requant_grad:
        push    {r4-r11, lr}
        ldr     r4, [r0, #A_GRAD]
        ldr     r5, [r0, #A_OUTPUT]
        ldr     r6, [r0, #A_COUNT]
        mov     lr, r0
        @ ---- pass 1: OR of magnitudes ----
        movs    r8, #0
        mov     r7, r4
        lsrs    r9, r6, #2
        beq     2f
1:      ldmia   r7!, {r0-r3}
        eor     r10, r0, r0, asr #31
        sub     r10, r10, r0, asr #31
        eor     r11, r1, r1, asr #31
        sub     r11, r11, r1, asr #31
        orr     r8, r8, r10
        orr     r8, r8, r11
        eor     r10, r2, r2, asr #31
        sub     r10, r10, r2, asr #31
        eor     r11, r3, r3, asr #31
        sub     r11, r11, r3, asr #31
        orr     r8, r8, r10
        orr     r8, r8, r11
        subs    r9, r9, #1
        bne     1b
2:      ands    r9, r6, #3
        beq     4f
3:      ldr     r0, [r7], #4
        eor     r10, r0, r0, asr #31
        sub     r10, r10, r0, asr #31
        orr     r8, r8, r10
        subs    r9, r9, #1
        bne     3b
4:      clz     r8, r8
        rsbs    r8, r8, #25             @ sh = bitlength − 7
        it      mi
        movmi   r8, #0
        ldr     r0, [lr, #A_SHIFT_OUT]
        str     r8, [r0]
        movs    r9, #1
        lsls    r9, r9, r8
        subs    r9, r9, #1              @ m = 2^sh − 1
        ldr     r0, [lr, #A_MODE]
        cbnz    r0, .Lstochastic
        cbz     r6, .Lreturn
        @ ---- nearest ----
        lsr     r10, r9, #1             @ m/2
5:      ldr     r0, [r4], #4
        and     r1, r0, r9              @ remainder
        add     r2, r10, r0, lsr #31    @ threshold
        asrs    r0, r0, r8
        cmp     r1, r2
        it      gt
        addgt   r0, r0, #1
        ssat    r0, #8, r0
        strb    r0, [r5], #1
        subs    r6, r6, #1
        bne     5b
        b       .Lreturn
.Lstochastic:
        ldr     r11, [lr, #A_RNG]
        ldr     r7, [r11]               @ xorshift32 state
        cbz     r6, 7f
6:      eor     r7, r7, r7, lsl #13
        eor     r7, r7, r7, lsr #17
        eor     r7, r7, r7, lsl #5
        ldr     r0, [r4], #4
        and     r1, r7, r9              @ r & m
        and     r2, r0, r9              @ g & m
        add     r1, r1, r2
        asrs    r0, r0, r8
        lsrs    r1, r1, r8
        add     r0, r0, r1
        ssat    r0, #8, r0
        strb    r0, [r5], #1
        subs    r6, r6, #1
        bne     6b
7:      str     r7, [r11]
.Lreturn:
        pop     {r4-r11, pc}
        .size fqt_requant_grad, . - fqt_requant_grad
