@ softmax_ce_grad.S — softmax of the int8 logits exactly as CMSIS-NN arm_softmax_s8 (one row;
@ output scale 1/256, zero point −128), then the cross-entropy error at the logits, golden ops
@ softmax and softmaxCrossEntropyError:
@   p = arm_softmax_s8(logits);   e[i] = sat8(RoundingDivideByPOT((p[i] + 128) − 256·[i = label], 1))
@ (the error as int8 at scale 1/128, exponent f = 7).
@
@   void fqt_softmax_ce_grad(const fqt_softmax_ce_grad_args *args);   (kernels/fqt_kernels.h)
@
@ Passes: max; Σ DIV_POW2(exp(MUL_SAT(d·2^left_shift, M)), 12) over d ≥ diff_min; the scale
@ 1/(1 + x) from the normalised sum (CLZ); p; e. exp and 1/(1 + x) are fqt_softmax.inc.
@ Stack: 9 saved registers + 12 bytes of locals + 8 in the helpers = 56 bytes. No arena.

        .syntax unified
        .thumb
        .include "fqt_softmax.inc"

        .equ A_LOGITS, 0
        .equ A_PROBS, 4
        .equ A_ERROR, 8
        .equ A_N, 12
        .equ A_LABEL, 16
        .equ A_MULT, 20
        .equ A_LSHIFT, 24
        .equ A_DIFF_MIN, 28

        .equ L_ARGS, 0
        .equ L_BITS, 4
        .equ L_MASK, 8
        .equ LOCALS, 12

        .section .text.entry,"ax",%progbits
        .global fqt_softmax_ce_grad
        .type fqt_softmax_ce_grad,%function
        .thumb_func
fqt_softmax_ce_grad:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r4, [r0, #A_LOGITS]
        ldr     r6, [r0, #A_N]
        ldr     r7, [r0, #A_MULT]
        ldr     r8, [r0, #A_LSHIFT]
        ldr     r9, [r0, #A_DIFF_MIN]
        cmp     r6, #0
        beq     .Lreturn
        @ ---- max ----
        mvn     r10, #127
        movs    r5, #0
1:      ldrsb   r0, [r4, r5]
        cmp     r0, r10
        it      gt
        movgt   r10, r0
        adds    r5, r5, #1
        cmp     r5, r6
        blo     1b
        @ ---- sum of exp, Q12 ----
        movs    r11, #0
        movs    r5, #0
2:      ldrsb   r0, [r4, r5]
        subs    r0, r0, r10             @ d ≤ 0
        cmp     r0, r9
        blt     3f
        lsl     r0, r0, r8
        SRDHM   r0, r0, r7, r1, r2
        bl      exp_neg
        RDBPOT  r0, r0, 12, r1, r2
        add     r11, r11, r0
3:      adds    r5, r5, #1
        cmp     r5, r6
        blo     2b
        @ ---- scale = 1/(1 + x), bits = 35 − headroom ----
        clz     r1, r11
        rsb     r2, r1, #35
        str     r2, [sp, #L_BITS]
        movs    r3, #1
        lsls    r3, r3, r2
        subs    r3, r3, #1
        str     r3, [sp, #L_MASK]
        lsl     r0, r11, r1
        lsrs    r0, r0, #1              @ half denominator (sum << headroom)/2
        bl      one_over
        mov     r11, r0
        @ ---- probabilities ----
        movs    r5, #0
4:      ldrsb   r0, [r4, r5]
        subs    r0, r0, r10
        cmp     r0, r9
        blt     5f
        lsl     r0, r0, r8
        SRDHM   r0, r0, r7, r1, r2
        bl      exp_neg
        SRDHM   r0, r11, r0, r1, r2     @ ≥ 0
        ldr     r3, [sp, #L_BITS]
        ldr     r12, [sp, #L_MASK]
        and     r1, r0, r12
        lsr     r2, r12, #1
        asrs    r0, r0, r3
        cmp     r1, r2
        it      gt
        addgt   r0, r0, #1
        subs    r0, r0, #128
        ssat    r0, #8, r0
        b       6f
5:      mvn     r0, #127
6:      ldr     r12, [sp, #L_ARGS]
        ldr     r12, [r12, #A_PROBS]
        strb    r0, [r12, r5]
        adds    r5, r5, #1
        cmp     r5, r6
        blo     4b
        @ ---- error at the logits ----
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_PROBS]
        ldr     r2, [r0, #A_ERROR]
        ldr     r3, [r0, #A_LABEL]
        movs    r5, #0
7:      ldrsb   r0, [r1, r5]
        adds    r0, r0, #128
        cmp     r5, r3
        it      eq
        subeq   r0, r0, #256
        RDBPOT  r0, r0, 1, r4, r12
        ssat    r0, #8, r0
        strb    r0, [r2, r5]
        adds    r5, r5, #1
        cmp     r5, r6
        blo     7b
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_softmax_ce_grad, . - fqt_softmax_ce_grad

