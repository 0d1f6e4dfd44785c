@ fc_bwd.S — fully connected backward, golden ops fullyConnectedInputGrad,
@ fullyConnectedWeightGrad and biasGrad (weights OI):
@   g_x[i] = Σ_o W[o,i]·e[o];   g_W[o,i] = e[o]·(x[i] − z_x);   g_b[o] = e[o]
@ with e[o] = 0 for inactive output channels.
@
@   void fqt_fc_bwd(const fqt_fc_bwd_args *args);              (kernels/fqt_kernels.h)
@
@ The arena holds E (the masked error, int16, out_c rounded up to even) and X (x − z_x, int16).
@ g_W: one SMULBB/SMULTB pair per 2 inputs and STM. g_x: blocks of 4 inputs; per 2 output
@ channels one (e0, e1) word, two weight words → SXTB16 ×4 → PKHBT/PKHTB into (W[o,i], W[o+1,i])
@ pairs → 4 SMLADs; odd out_c and the in_c % 4 tail use SMLABB/LDRSB.
@ Stack: 9 saved registers + 12 bytes = 48 bytes. Arena: FQT_FC_BWD_SCRATCH.

        .syntax unified
        .thumb

        .equ A_ERROR, 0
        .equ A_INPUT, 4
        .equ A_WEIGHTS, 8
        .equ A_GX, 12
        .equ A_GW, 16
        .equ A_GB, 20
        .equ A_ACTIVE, 24
        .equ A_IN_C, 28
        .equ A_OUT_C, 32
        .equ A_IN_ZP, 36
        .equ A_SCRATCH, 40
        .equ A_SCRATCH_SIZE, 44

        .equ L_ARGS, 0
        .equ L_X, 4           @ X in the arena
        .equ L_I, 8
        .equ LOCALS, 12

        .section .text.entry,"ax",%progbits
        .global fqt_fc_bwd
        .type fqt_fc_bwd,%function
        .thumb_func
fqt_fc_bwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r10, [r0, #A_IN_C]
        ldr     r11, [r0, #A_OUT_C]
        adds    r1, r11, #1
        bic     r1, r1, #1
        adds    r2, r10, #1
        bic     r2, r2, #1
        add     r2, r2, r1
        lsls    r2, r2, #1              @ need
        ldr     r3, [r0, #A_SCRATCH_SIZE]
        cmp     r3, r2
        blo     .Lreturn
        ldr     r4, [r0, #A_SCRATCH]    @ E
        add     r5, r4, r1, lsl #1      @ X
        str     r5, [sp, #L_X]
        @ ---- E[o] = active(o) ? e[o] : 0 (and the pad entry 0) ----
        ldr     r6, [r0, #A_ERROR]
        ldr     r7, [r0, #A_ACTIVE]
        movs    r8, #0                  @ o
1:      ldrsb   r9, [r6, r8]
        cbz     r7, 2f
        lsrs    r2, r8, #3
        ldrb    r2, [r7, r2]
        and     r3, r8, #7
        lsrs    r2, r2, r3
        lsls    r2, r2, #31
        it      eq
        moveq   r9, #0
2:      strh    r9, [r4, r8, lsl #1]
        adds    r8, r8, #1
        cmp     r8, r11
        blo     1b
        movs    r9, #0
        strh    r9, [r4, r8, lsl #1]    @ pad (harmless when out_c is even: inside the rounding)
        @ ---- X[i] = x[i] − z_x (and the pad entry 0) ----
        ldr     r6, [r0, #A_INPUT]
        ldr     r7, [r0, #A_IN_ZP]
        movs    r8, #0
3:      ldrsb   r9, [r6, r8]
        subs    r9, r9, r7
        strh    r9, [r5, r8, lsl #1]
        adds    r8, r8, #1
        cmp     r8, r10
        blo     3b
        movs    r9, #0
        tst     r10, #1
        it      ne
        strhne  r9, [r5, r8, lsl #1]

        @ ---- g_b ----
        ldr     r6, [r0, #A_GB]
        cbz     r6, 5f
        movs    r8, #0
4:      ldrsh   r9, [r4, r8, lsl #1]
        str     r9, [r6, r8, lsl #2]
        adds    r8, r8, #1
        cmp     r8, r11
        blo     4b
5:
        @ ---- g_W[o, i] = E[o]·X[i] ----
        ldr     r6, [r0, #A_GW]
        cbz     r6, .Lgw_done
        movs    r8, #0                  @ o
6:      ldrsh   r9, [r4, r8, lsl #1]    @ e
        mov     r7, r5                  @ X
        lsrs    r12, r10, #1            @ pairs
        beq     8f
7:      ldr     r1, [r7], #4
        smulbb  r2, r1, r9
        smultb  r3, r1, r9
        stmia   r6!, {r2, r3}
        subs    r12, r12, #1
        bne     7b
8:      tst     r10, #1
        beq     9f
        ldrsh   r1, [r7]
        mul     r2, r1, r9
        str     r2, [r6], #4
9:      adds    r8, r8, #1
        cmp     r8, r11
        blo     6b
.Lgw_done:

        @ ---- g_x[i] = Σ_o W[o, i]·E[o] ----
        ldr     r0, [sp, #L_ARGS]
        ldr     r6, [r0, #A_GX]
        cmp     r6, #0
        beq     .Lreturn
        movs    r1, #0
        str     r1, [sp, #L_I]
.Lgx_block:                             @ 4 inputs i..i+3 (i + 4 ≤ in_c)
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [sp, #L_I]
        adds    r2, r1, #4
        cmp     r2, r10
        bhi     .Lgx_tail
        ldr     r7, [r0, #A_WEIGHTS]
        add     r7, r7, r1              @ &W[0, i]
        ldr     r4, [r0, #A_SCRATCH]    @ E
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        lsrs    r12, r11, #1            @ output-channel pairs
        beq     11f
10:     ldr     r8, [r7]                @ W[o, i..i+3]
        ldr     r9, [r7, r10]           @ W[o+1, i..i+3]
        ldr     lr, [r4], #4            @ (e[o], e[o+1])
        add     r7, r7, r10, lsl #1
        sxtb16  r5, r8                  @ (W[o,i], W[o,i+2])
        sxtb16  r8, r8, ror #8          @ (W[o,i+1], W[o,i+3])
        sxtb16  r6, r9
        sxtb16  r9, r9, ror #8
        pkhbt   r11, r5, r6, lsl #16    @ (W[o,i], W[o+1,i])
        pkhtb   r5, r6, r5, asr #16     @ (W[o,i+2], W[o+1,i+2])
        smlad   r0, r11, lr, r0
        smlad   r2, r5, lr, r2
        pkhbt   r11, r8, r9, lsl #16
        pkhtb   r8, r9, r8, asr #16
        smlad   r1, r11, lr, r1
        smlad   r3, r8, lr, r3
        subs    r12, r12, #1
        bne     10b
        ldr     r11, [sp, #L_ARGS]
        ldr     r11, [r11, #A_OUT_C]
11:     tst     r11, #1                 @ odd out_c: the last channel alone
        beq     12f
        ldrsh   lr, [r4]
        ldr     r8, [r7]
        sxtb16  r5, r8
        sxtb16  r8, r8, ror #8
        smlabb  r0, r5, lr, r0
        smlatb  r2, r5, lr, r2
        smlabb  r1, r8, lr, r1
        smlatb  r3, r8, lr, r3
12:     ldr     r12, [sp, #L_ARGS]
        ldr     r6, [r12, #A_GX]
        ldr     r5, [sp, #L_I]
        add     r6, r6, r5, lsl #2
        stm     r6, {r0-r3}
        adds    r5, r5, #4
        str     r5, [sp, #L_I]
        b       .Lgx_block
.Lgx_tail:                              @ the last in_c % 4 inputs, one at a time
        cmp     r1, r10
        bhs     .Lreturn
        ldr     r7, [r0, #A_WEIGHTS]
        add     r7, r7, r1
        ldr     r4, [r0, #A_SCRATCH]
        movs    r2, #0
        mov     r12, r11
13:     ldrsb   r8, [r7]
        add     r7, r7, r10
        ldrsh   r9, [r4], #2
        smlabb  r2, r8, r9, r2
        subs    r12, r12, #1
        bne     13b
        ldr     r6, [r0, #A_GX]
        str     r2, [r6, r1, lsl #2]
        adds    r1, r1, #1
        str     r1, [sp, #L_I]
        b       .Lgx_tail
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_fc_bwd, . - fqt_fc_bwd
