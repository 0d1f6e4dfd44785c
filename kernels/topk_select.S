@ topk_select.S — dynamic partial update channel selection (Deutel et al. 2024), golden ops
@ channelScores, dynamicPartialK and topK:
@   score[c] = Σ_positions |e[p, c]|                                   (int32, in the arena)
@   ε = loss ≥ max_loss or max_loss ≤ 0 ? 2¹⁶ : ⌊loss·2¹⁶ / max_loss⌋  (two UDIV digits of 8 bits
@       when max_loss < 2²⁴, else a 16-step restoring division)
@   r = min(λmin + ⌊ε·(λmax − λmin) / 2¹⁶⌋, 2¹⁶);   k = ⌊r·N / 2¹⁶⌋
@   active = the k highest scores, ties to the lower index (packed, LSB first); *k_out = k
@
@   void fqt_topk_select(const fqt_topk_select_args *args);   (kernels/fqt_kernels.h)
@
@ Scores, four channels per pass: one word load per position (two positions per iteration),
@ SSUB8 0 − e and SEL give the four |e| as unsigned bytes (|−128| = 0x80), UXTAB16 ×2 add them
@ into two halfword-pair sums, folded into int32 every 511 positions.
@ Selection without sorting, whichever is cheaper:
@  - m = min(k, N − k) ≤ 8 (the partial update's usual case: a few channels dropped): m passes
@    over the scores. Dropping (N − k ≤ k): start from all ones and clear the lowest score m times
@    (ties: the higher index goes first); keeping: start from zeros and set the highest m times
@    (ties: the lower index first). A chosen score is overwritten with 0xFFFFFFFF, which no score
@    reaches (Σ|e| < 2³¹), so unsigned minimum and signed maximum scans both pass over it.
@  - otherwise the k-th largest score T is built bit by bit from the top (T | 2^b is kept while at
@    least k scores are ≥ it, counted with CMP/ADC); then every score > T is active, and the
@    k − #(score > T) lowest-index scores equal to T.
@ k is computed first: when k = N (every channel kept, e.g. while the loss is at its running
@ maximum) or k = 0, the mask is written directly and the error tensor is not even read.
@ Stack: 9 saved registers + 16 bytes = 52 bytes. Arena: FQT_TOPK_SELECT_SCRATCH (the scores).

        .syntax unified
        .thumb

        .equ A_ERROR, 0
        .equ A_POS, 4
        .equ A_NCH, 8
        .equ A_LMIN, 12
        .equ A_LMAX, 16
        .equ A_LOSS, 20
        .equ A_MAX_LOSS, 24
        .equ A_ACTIVE, 28
        .equ A_K_OUT, 32
        .equ A_SCRATCH, 36
        .equ A_SCRATCH_SIZE, 40

        .equ L_ARGS, 0
        .equ L_C, 4
        .equ L_K, 8
        .equ L_OUT, 12        @ the next score to write
        .equ LOCALS, 16
        .equ PASS_MAX, 8      @ selection by passes when min(k, N − k) ≤ this

        .section .text.entry,"ax",%progbits
        .global fqt_topk_select
        .type fqt_topk_select,%function
        .thumb_func
fqt_topk_select:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_NCH]
        lsls    r2, r1, #2
        ldr     r3, [r0, #A_SCRATCH_SIZE]
        cmp     r3, r2
        blo     .Lreturn                @ arena too small: write nothing
        @ ---- k ----
        ldr     r1, [r0, #A_LOSS]
        ldr     r2, [r0, #A_MAX_LOSS]
        mov     r3, #65536              @ ε
        cmp     r2, #0
        ble     2f
        cmp     r1, r2
        bge     2f
        cmp     r2, #0x1000000
        bhs     0f
        @ max_loss < 2²⁴: two UDIV digits of 8 bits (the remainder stays below max_loss)
        lsls    r1, r1, #8
        udiv    r3, r1, r2
        mls     r1, r3, r2, r1
        lsls    r1, r1, #8
        udiv    r4, r1, r2
        orr     r3, r4, r3, lsl #8
        b       2f
0:      movs    r3, #0
        movs    r4, #16
1:      lsls    r1, r1, #1
        lsls    r3, r3, #1
        cmp     r1, r2
        itt     hs
        subhs   r1, r1, r2
        addhs   r3, r3, #1
        subs    r4, r4, #1
        bne     1b
2:      ldr     r4, [r0, #A_LMIN]
        ldr     r5, [r0, #A_LMAX]
        subs    r5, r5, r4
        umull   r6, r7, r3, r5
        lsrs    r6, r6, #16
        orr     r6, r6, r7, lsl #16
        add     r6, r6, r4              @ r
        cmp     r6, #65536
        it      gt
        movgt   r6, #65536
        ldr     r2, [r0, #A_NCH]
        umull   r6, r7, r6, r2
        lsrs    r6, r6, #16
        orr     r6, r6, r7, lsl #16     @ k
        ldr     r1, [r0, #A_K_OUT]
        cbz     r1, 3f
        str     r6, [r1]
3:      str     r6, [sp, #L_K]
        cmp     r6, r2
        bhs     .Lall                   @ k = N: every channel, no scores needed
        cmp     r6, #0
        beq     .Lnone                  @ k = 0: no channel
        @ ---- scores, only when 0 < k < N ----
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_NCH]
        ldr     r3, [r0, #A_SCRATCH]
        str     r3, [sp, #L_OUT]
        movs    r2, #0
        movs    r3, #0
        str     r3, [sp, #L_C]
        @ four channels at a time
.Lgroup:
        ldr     r3, [sp, #L_C]
        adds    r0, r3, #4
        cmp     r0, r1
        bhi     .Ltail
        ldr     r0, [sp, #L_ARGS]
        ldr     r12, [r0, #A_POS]
        ldr     r0, [r0, #A_ERROR]
        add     r0, r0, r3              @ &e[0, c]
        movs    r7, #0
        movs    r8, #0
        movs    r9, #0
        movs    r10, #0
.Lblock:
        cmp     r12, #0
        beq     2f
        movw    r11, #511
        cmp     r12, r11
        it      lo
        movlo   r11, r12
        sub     r12, r12, r11
        movs    r5, #0                  @ (|e0|, |e2|) sums
        movs    r6, #0                  @ (|e1|, |e3|) sums
        tst     r11, #1                 @ odd count: one position first
        beq     3f
        ldr     r3, [r0]
        add     r0, r0, r1
        ssub8   r4, r2, r3              @ −e; GE where e ≤ 0
        sel     r3, r4, r3              @ |e| (unsigned bytes)
        uxtab16 r5, r5, r3
        uxtab16 r6, r6, r3, ror #8
3:      lsrs    r11, r11, #1
        beq     4f
1:      ldr     r3, [r0]                @ two positions per iteration
        ldr     r4, [r0, r1]
        add     r0, r0, r1, lsl #1
        ssub8   lr, r2, r3
        sel     r3, lr, r3
        ssub8   lr, r2, r4
        sel     r4, lr, r4
        uxtab16 r5, r5, r3
        uxtab16 r6, r6, r3, ror #8
        uxtab16 r5, r5, r4
        uxtab16 r6, r6, r4, ror #8
        subs    r11, r11, #1
        bne     1b
4:      uxtah   r7, r7, r5
        add     r9, r9, r5, lsr #16
        uxtah   r8, r8, r6
        add     r10, r10, r6, lsr #16
        b       .Lblock
2:      ldr     lr, [sp, #L_OUT]
        stmia   lr!, {r7-r10}
        str     lr, [sp, #L_OUT]
        ldr     r3, [sp, #L_C]
        adds    r3, r3, #4
        str     r3, [sp, #L_C]
        b       .Lgroup
.Ltail:
        ldr     r3, [sp, #L_C]
        cmp     r3, r1
        bhs     .Lscored
        ldr     lr, [sp, #L_OUT]
        ldr     r0, [sp, #L_ARGS]
        ldr     r12, [r0, #A_POS]
        ldr     r0, [r0, #A_ERROR]
        add     r0, r0, r3
        movs    r7, #0
        cmp     r12, #0
        beq     2f
1:      ldrsb   r4, [r0]
        add     r0, r0, r1
        eor     r5, r4, r4, asr #31
        sub     r5, r5, r4, asr #31
        add     r7, r7, r5
        subs    r12, r12, #1
        bne     1b
2:      str     r7, [lr], #4
        str     lr, [sp, #L_OUT]
        adds    r3, r3, #1
        str     r3, [sp, #L_C]
        b       .Ltail
.Lscored:
        ldr     r0, [sp, #L_ARGS]
        ldr     r2, [r0, #A_NCH]
        ldr     r6, [sp, #L_K]
        subs    r3, r2, r6              @ N − k
        cmp     r3, r6
        bls     .Ldrop
        cmp     r6, #PASS_MAX
        bls     .Lkeep
        b       .Lthreshold
.Ldrop:
        cmp     r3, #PASS_MAX
        bls     .Lpasses
.Lthreshold:
        @ ---- T = the k-th largest score, bit by bit ----
        ldr     r1, [r0, #A_SCRATCH]
        movs    r3, #0
        mov     r4, r2
4:      ldr     r5, [r1], #4
        orrs    r3, r3, r5
        subs    r4, r4, #1
        bne     4b
        movs    r8, #0                  @ T
        clz     r10, r3
        rsb     r10, r10, #31           @ top bit (−1 when all scores are 0)
5:      cmp     r10, #0
        blt     6f
        movs    r0, #1
        lsls    r0, r0, r10
        orrs    r0, r0, r8              @ candidate
        bl      count_ge
        cmp     r3, r6
        it      hs
        movhs   r8, r0
        subs    r10, r10, #1
        b       5b
6:      adds    r0, r8, #1
        bl      count_ge                @ #(score > T) < k
        subs    r9, r6, r3              @ ties to take
        ldr     r0, [sp, #L_ARGS]
        ldr     r2, [r0, #A_NCH]
.Lmask:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_SCRATCH]
        ldr     r10, [r0, #A_ACTIVE]
        movs    r11, #0                 @ byte being built
        movs    r12, #0                 @ bit position
7:      ldr     r4, [r1], #4
        movs    r5, #0
        cmp     r4, r8
        bhi     8f
        bne     9f
        cmp     r9, #0
        beq     9f
        subs    r9, r9, #1
8:      movs    r5, #1
9:      lsls    r5, r5, r12
        orrs    r11, r11, r5
        adds    r12, r12, #1
        cmp     r12, #8
        bne     10f
        strb    r11, [r10], #1
        movs    r11, #0
        movs    r12, #0
10:     subs    r2, r2, #1
        bne     7b
        cmp     r12, #0
        beq     .Lreturn
        strb    r11, [r10]
        b       .Lreturn
        @ ---- k = N: all ones; k = 0: all zeros (N bits, LSB first) ----
.Lall:
        mov     r11, #0xFF
        b       11f
.Lnone:
        movs    r11, #0
11:     bl      fill_mask
        b       .Lreturn
        @ ---- selection by passes: r2 = N, r3 = N − k, r6 = k ----
.Lkeep:                                 @ k < N − k: set the highest score's bit k times
        movs    r11, #0
        bl      fill_mask
        mov     r9, r6                  @ passes
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_SCRATCH]
        add     r8, r1, r2, lsl #2      @ end of the scores
1:      mov     r4, r1
        mvn     r5, #0                  @ best = −1 (signed: below every score)
        tst     r2, #1
        beq     2f
        ldr     r0, [r4], #4            @ odd N: the first score alone
        cmp     r0, r5
        itt     gt
        movgt   r5, r0
        movgt   r7, r4
2:      cmp     r4, r8
        beq     3f
4:      ldrd    r0, r3, [r4], #8
        cmp     r0, r5
        itt     gt                      @ strictly greater: ties keep the lower index
        movgt   r5, r0
        subgt   r7, r4, #4
        cmp     r3, r5
        itt     gt
        movgt   r5, r3
        movgt   r7, r4
        cmp     r4, r8
        bne     4b
3:      bl      flip_bit                @ r7 = &score + 4: mark it, set its bit
        subs    r9, r9, #1
        bne     1b
        b       .Lreturn
.Lpasses:                               @ N − k ≤ k: clear the lowest score's bit N − k times
        mov     r9, r3
        mov     r11, #0xFF
        bl      fill_mask
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_SCRATCH]
        add     r8, r1, r2, lsl #2
1:      mov     r4, r1
        mvn     r5, #0                  @ best = 0xFFFFFFFF (unsigned: above every score)
        tst     r2, #1
        beq     2f
        ldr     r0, [r4], #4
        cmp     r0, r5
        itt     ls
        movls   r5, r0
        movls   r7, r4
2:      cmp     r4, r8
        beq     3f
4:      ldrd    r0, r3, [r4], #8
        cmp     r0, r5
        itt     ls                      @ lower or same: ties drop the higher index
        movls   r5, r0
        subls   r7, r4, #4
        cmp     r3, r5
        itt     ls
        movls   r5, r3
        movls   r7, r4
        cmp     r4, r8
        bne     4b
3:      bl      flip_bit                @ mark it, clear its bit
        subs    r9, r9, #1
        bne     1b
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_topk_select, . - fqt_topk_select

@ fill_mask: the N = r2 bits of args.active set to r11's bits (0xFF or 0), LSB first.
@ Clobbers r0, r3, r10, r12. Leaf ([sp, #L_ARGS] of the caller, sp unchanged).
        .type fill_mask,%function
        .thumb_func
fill_mask:
        ldr     r0, [sp, #L_ARGS]
        ldr     r10, [r0, #A_ACTIVE]
        mov     r12, r2
1:      cmp     r12, #8
        blo     2f
        strb    r11, [r10], #1
        subs    r12, r12, #8
        b       1b
2:      cmp     r12, #0
        beq     3f
        movs    r3, #1
        lsls    r3, r3, r12
        subs    r3, r3, #1
        and     r3, r3, r11
        strb    r3, [r10]
3:      bx      lr
        .size fill_mask, . - fill_mask

@ flip_bit: the score before r7 (r7 = its address + 4) is chosen: overwrite it with 0xFFFFFFFF
@ and flip its bit in args.active (r1 = the scores). Clobbers r0, r3, r5, r10, r12. Leaf.
        .type flip_bit,%function
        .thumb_func
flip_bit:
        mvn     r0, #0
        str     r0, [r7, #-4]
        sub     r3, r7, r1
        subs    r3, r3, #4
        lsrs    r3, r3, #2              @ channel
        ldr     r0, [sp, #L_ARGS]
        ldr     r10, [r0, #A_ACTIVE]
        lsrs    r12, r3, #3
        ldrb    r5, [r10, r12]
        and     r3, r3, #7
        movs    r0, #1
        lsls    r0, r0, r3
        eors    r5, r5, r0
        strb    r5, [r10, r12]
        bx      lr
        .size flip_bit, . - flip_bit

@ count_ge: r3 = #(scores ≥ r0), unsigned, over the N = [args].channels scores in the arena.
@ r2 = N; the caller's [sp, #L_ARGS] holds the args (a leaf: sp unchanged).
@ Clobbers r1, r3, r4, r5, r7, r11, r12.
        .type count_ge,%function
        .thumb_func
count_ge:
        ldr     r1, [sp, #L_ARGS]
        ldr     r1, [r1, #A_SCRATCH]
        movs    r3, #0
        lsrs    r12, r2, #2
        beq     2f
1:      ldmia   r1!, {r4, r5, r7, r11}
        cmp     r4, r0
        adc     r3, r3, #0
        cmp     r5, r0
        adc     r3, r3, #0
        cmp     r7, r0
        adc     r3, r3, #0
        cmp     r11, r0
        adc     r3, r3, #0
        subs    r12, r12, #1
        bne     1b
2:      ands    r12, r2, #3
        beq     4f
3:      ldr     r4, [r1], #4
        cmp     r4, r0
        adc     r3, r3, #0
        subs    r12, r12, #1
        bne     3b
4:      bx      lr
        .size count_ge, . - count_ge
