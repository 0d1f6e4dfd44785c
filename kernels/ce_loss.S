@ ce_loss.S — integer cross-entropy loss in Q16, golden op crossEntropyLossQ16 (FQT.md):
@   E_j = exp_on_negative_values(MUL_SAT((x_j − max)·2^left_shift, M))   (0 below diff_min)
@   S   = Σ E_j (64-bit, Q31);  lse = round((log2(S) − 31)·ln 2) in Q16, log2 by normalisation
@         and 24 squarings (Q24, truncating)
@   L   = max(0, lse + round((max − x_label)·M / 2^(41 − left_shift)))
@ *loss = L; if max_loss is not NULL, *max_loss = max(*max_loss, L) (the dynamic partial update's
@ largest loss so far).
@
@   void fqt_ce_loss(const fqt_ce_loss_args *args);   (kernels/fqt_kernels.h)
@
@ Stack: 9 saved registers + 4 bytes + 8 in exp_neg = 48 bytes. No arena.

        .syntax unified
        .thumb
        .include "fqt_softmax.inc"

        .equ A_LOGITS, 0
        .equ A_N, 4
        .equ A_LABEL, 8
        .equ A_MULT, 12
        .equ A_LSHIFT, 16
        .equ A_DIFF_MIN, 20
        .equ A_LOSS, 24
        .equ A_MAX_LOSS, 28

        .equ L_ARGS, 0
        .equ LOCALS, 4

        .section .text.entry,"ax",%progbits
        .global fqt_ce_loss
        .type fqt_ce_loss,%function
        .thumb_func
fqt_ce_loss:
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
        add     r6, r6, r4              @ end
        @ ---- max ----
        mvn     r10, #127
        mov     r5, r4
1:      ldrsb   r0, [r5], #1
        cmp     r0, r10
        it      gt
        movgt   r10, r0
        cmp     r5, r6
        blo     1b
        @ ---- S = Σ E_j, 64-bit (r5:r11) ----
        movs    r11, #0
        movs    r5, #0
2:      ldrsb   r0, [r4], #1
        subs    r0, r0, r10
        cmp     r0, r9
        blt     3f
        lsl     r0, r0, r8
        SRDHM   r0, r0, r7, r1, r2
        bl      exp_neg
        adds    r11, r11, r0
        adc     r5, r5, #0
3:      cmp     r4, r6
        blo     2b
        @ ---- log2 S in Q24: n = ⌊log2 S⌋ ≥ 30 (S ≥ exp(0) = 2³¹ − 1), k = n − 30 ----
        clz     r0, r5
        rsb     r0, r0, #33             @ k when S ≥ 2³²
        cbnz    r5, 4f
        clz     r0, r11
        rsb     r0, r0, #1              @ k when S < 2³² (0 or 1)
4:      lsr     r1, r11, r0
        rsb     r2, r0, #32
        lsl     r2, r5, r2              @ (a shift by 32 gives 0)
        orr     r1, r1, r2              @ m = S >> k ∈ [2³⁰, 2³¹)  (Q30)
        subs    r9, r0, #1              @ n − 31
        movs    r2, #0                  @ fraction bits
        movs    r3, #24
5:      umull   r11, r12, r1, r1
        lsr     r11, r11, #30
        orr     r1, r11, r12, lsl #2    @ m = m² >> 30 (< 2³²)
        lsrs    r11, r1, #31            @ m ≥ 2 ?
        lsr     r1, r1, r11
        orr     r2, r11, r2, lsl #1
        subs    r3, r3, #1
        bne     5b
        add     r9, r2, r9, lsl #24     @ log2 S − 31, Q24
        @ ---- lse = round_half_away(log2·ln2_Q30 / 2³⁸) ----
        asrs    r0, r9, #31
        eor     r1, r9, r0
        sub     r1, r1, r0
        MOV32   r2, 744261118           @ ln 2 in Q30
        umull   r3, r12, r1, r2
        add     r12, r12, #32           @ + 2³⁷
        lsr     r12, r12, #6            @ >> 38
        eor     r12, r12, r0
        sub     r12, r12, r0            @ lse (Q16)
        @ ---- label term: round((max − x_label)·M / 2^(41 − ls)), ≥ 0 ----
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_LOGITS]
        ldr     r2, [r0, #A_LABEL]
        ldrsb   r1, [r1, r2]
        sub     r1, r10, r1             @ max − x_label ≥ 0
        umull   r2, r3, r1, r7          @ 64-bit product
        rsb     r8, r8, #40             @ j = 40 − ls ∈ [10, 40]
        lsr     r2, r2, r8              @ lo >> j   (0 for j ≥ 32)
        rsb     r1, r8, #32
        lsl     r1, r3, r1              @ hi << (32 − j)  (0 for j ≥ 32: amount ≥ 224)
        orr     r2, r2, r1
        sub     r1, r8, #32
        lsr     r1, r3, r1              @ hi >> (j − 32)  (0 for j < 32: amount ≥ 224)
        orr     r2, r2, r1              @ q = p >> (k − 1)
        adds    r2, r2, #1
        lsrs    r2, r2, #1              @ (p + 2^(k−1)) >> k
        add     r12, r12, r2            @ L
        bic     r12, r12, r12, asr #31  @ max(0, L)
        ldr     r1, [r0, #A_LOSS]
        str     r12, [r1]
        ldr     r1, [r0, #A_MAX_LOSS]
        cbz     r1, .Lreturn
        ldr     r2, [r1]
        cmp     r12, r2
        it      gt
        strgt   r12, [r1]
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_ce_loss, . - fqt_ce_loss

