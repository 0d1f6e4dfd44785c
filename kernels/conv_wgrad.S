@ conv_wgrad.S — weight and bias gradients of conv2d, golden ops conv2dWeightGrad and biasGrad.
@
@   void fqt_conv_wgrad(const fqt_conv_wgrad_args *args);     (kernels/fqt_kernels.h)
@
@   g_W[o,kh,kw,i] = Σ_{oh,ow: tap inside the input} e[oh,ow,o]·(x[ih,iw,i] − z_x)
@   g_b[o]         = Σ_{oh,ow} e[oh,ow,o]
@
@ Method: the reduction runs over the P = out_h·out_w output positions, so both operands are
@ transposed into the arena as int16 rows over P (rounded up to even, padded with 0):
@   ET[o][p] = e[p,o]            (0 for inactive channels; once)
@   XT[i][p] = x[ih,iw,i] − z_x  (0 where the tap falls in the padding; once per tap)
@ and every g_W[o, tap, i] is one dot product of two int16 rows: a 2×2 register block (channels
@ o, o+1 × i, i+1) consumes 2 positions per SMLAD, 4 SMLADs per 4 loaded words, no unpacking.
@ g_b is Σ_p ET[o][p] (SMLAD against (1, 1)).
@ Stack: 9 saved registers + 28 bytes = 64 bytes. Arena: FQT_CONV_WGRAD_SCRATCH.

        .syntax unified
        .thumb

        .equ A_ERROR, 0
        .equ A_INPUT, 4
        .equ A_GW, 8
        .equ A_GB, 12
        .equ A_ACTIVE, 16
        .equ A_IN_H, 20
        .equ A_IN_W, 24
        .equ A_IN_C, 28
        .equ A_OUT_H, 32
        .equ A_OUT_W, 36
        .equ A_OUT_C, 40
        .equ A_K_H, 44
        .equ A_K_W, 48
        .equ A_S_H, 52
        .equ A_S_W, 56
        .equ A_P_H, 60
        .equ A_P_W, 64
        .equ A_IN_ZP, 68
        .equ A_SCRATCH, 72
        .equ A_SCRATCH_SIZE, 76

        .equ L_ARGS, 0
        .equ L_ROWB, 4        @ bytes per transposed row: 2·align2(P)
        .equ L_XT, 8          @ XT base (ET is at the arena's start)
        .equ L_KH, 12
        .equ L_KW, 16
        .equ L_O, 20
        .equ L_I, 24
        .equ LOCALS, 28

        .section .text.entry,"ax",%progbits
        .global fqt_conv_wgrad
        .type fqt_conv_wgrad,%function
        .thumb_func
fqt_conv_wgrad:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_OUT_H]
        ldr     r2, [r0, #A_OUT_W]
        mul     r1, r1, r2              @ P
        adds    r1, r1, #1
        bic     r1, r1, #1
        lsls    r1, r1, #1              @ rowB
        str     r1, [sp, #L_ROWB]
        ldr     r2, [r0, #A_OUT_C]
        adds    r2, r2, #1
        bic     r2, r2, #1
        mul     r2, r2, r1              @ ET bytes
        ldr     r4, [r0, #A_SCRATCH]
        add     r3, r4, r2
        str     r3, [sp, #L_XT]
        ldr     r3, [r0, #A_IN_C]
        adds    r3, r3, #1
        bic     r3, r3, #1
        mla     r3, r3, r1, r2          @ need
        ldr     r5, [r0, #A_SCRATCH_SIZE]
        @ the arena must hold FQT_CONV_WGRAD_SCRATCH, the larger of this and the fast path's
        @ 64 + 4·align2(out_c)·NJ + 2·align4(2·((out_h + kH)·(out_w + 2) + 20)), whichever path runs
        ldr     r6, [r0, #A_OUT_H]
        ldr     r7, [r0, #A_OUT_W]
        adds    r7, r7, #2
        mul     r8, r6, r7
        adds    r8, r8, #1
        lsrs    r8, r8, #1
        adds    r8, r8, #7
        bic     r8, r8, #7              @ NJ
        ldr     r9, [r0, #A_OUT_C]
        adds    r9, r9, #1
        bic     r9, r9, #1
        mul     r8, r8, r9
        lsls    r8, r8, #2
        ldr     r10, [r0, #A_K_H]
        add     r10, r10, r6
        mul     r10, r10, r7
        adds    r10, r10, #20
        lsls    r10, r10, #1
        adds    r10, r10, #3
        bic     r10, r10, #3
        add     r8, r8, r10, lsl #1     @ X and X1
        adds    r8, r8, #64
        cmp     r8, r3
        it      lo
        movlo   r8, r3
        cmp     r5, r8
        blo     .Lreturn
        @ fast path: stride 1, k_w 3
        ldr     r6, [r0, #A_S_H]
        cmp     r6, #1
        bne     1f
        ldr     r6, [r0, #A_S_W]
        cmp     r6, #1
        bne     1f
        ldr     r6, [r0, #A_K_W]
        cmp     r6, #3
        beq     .Lfast
1:

        @ ---- ET: zero, then e[p,o] for active o ----
        mov     r0, r4
        mov     r1, r2
        bl      zero
        ldr     r12, [sp, #L_ARGS]
        ldr     r9, [r12, #A_OUT_C]
        ldr     r10, [r12, #A_OUT_H]
        ldr     r11, [r12, #A_OUT_W]
        mul     r10, r10, r11           @ P
        ldr     r11, [sp, #L_ROWB]
        movs    r8, #0                  @ o
.Let_o:
        ldr     r0, [r12, #A_ACTIVE]
        cbz     r0, 1f
        lsrs    r1, r8, #3
        ldrb    r1, [r0, r1]
        and     r2, r8, #7
        lsrs    r1, r1, r2
        lsls    r1, r1, #31
        beq     .Let_next               @ inactive: the row stays 0
1:      ldr     r0, [r12, #A_ERROR]
        add     r0, r0, r8              @ &e[0, o]
        mla     r1, r8, r11, r4         @ &ET[o][0]
        mov     r2, r10
2:      ldrsb   r3, [r0]
        add     r0, r0, r9
        strh    r3, [r1], #2
        subs    r2, r2, #1
        bne     2b
.Let_next:
        adds    r8, r8, #1
        cmp     r8, r9
        blo     .Let_o

        @ ---- g_b[o] = Σ_p ET[o][p] ----
        ldr     r0, [r12, #A_GB]
        cbz     r0, .Lgb_done
        movs    r5, #1
        orr     r5, r5, r5, lsl #16     @ (1, 1)
        mov     r1, r4
        mov     r8, r9                  @ channels left
3:      movs    r2, #0
        lsrs    r3, r11, #2             @ words per row
4:      ldr     r6, [r1], #4
        smlad   r2, r6, r5, r2
        subs    r3, r3, #1
        bne     4b
        str     r2, [r0], #4
        subs    r8, r8, #1
        bne     3b
.Lgb_done:

        @ ---- taps ----
        movs    r0, #0
        str     r0, [sp, #L_KH]
.Lkh:
        movs    r0, #0
        str     r0, [sp, #L_KW]
.Lkw:
        @ XT for this tap: zero, then x − z_x at the positions whose tap is inside the input
        ldr     r12, [sp, #L_ARGS]
        ldr     r0, [sp, #L_XT]
        ldr     r1, [r12, #A_IN_C]
        adds    r1, r1, #1
        bic     r1, r1, #1
        ldr     r2, [sp, #L_ROWB]
        mul     r1, r1, r2
        bl      zero
        ldr     r12, [sp, #L_ARGS]
        ldr     r11, [r12, #A_IN_ZP]
        ldr     r10, [sp, #L_ROWB]
        ldr     r9, [sp, #L_XT]         @ dst column of position p
        ldr     r0, [r12, #A_S_H]
        ldr     r1, [r12, #A_P_H]
        ldr     r2, [sp, #L_KH]
        subs    r8, r2, r1              @ ih of oh = 0
        ldr     r7, [r12, #A_OUT_H]     @ oh counter
.Lx_oh:
        ldr     r0, [r12, #A_P_W]
        ldr     r1, [sp, #L_KW]
        subs    r6, r1, r0              @ iw of ow = 0
        ldr     r5, [r12, #A_OUT_W]     @ ow counter
.Lx_ow:
        ldr     r0, [r12, #A_IN_H]
        cmp     r8, r0
        bhs     .Lx_skip
        ldr     r0, [r12, #A_IN_W]
        cmp     r6, r0
        bhs     .Lx_skip
        mla     r1, r8, r0, r6
        ldr     r2, [r12, #A_IN_C]
        ldr     r3, [r12, #A_INPUT]
        mla     r1, r1, r2, r3          @ &x[ih, iw, 0]
        mov     r3, r9
5:      ldrsb   r0, [r1], #1
        subs    r0, r0, r11
        strh    r0, [r3]
        add     r3, r3, r10
        subs    r2, r2, #1
        bne     5b
.Lx_skip:
        adds    r9, r9, #2
        ldr     r0, [r12, #A_S_W]
        add     r6, r6, r0
        subs    r5, r5, #1
        bne     .Lx_ow
        ldr     r0, [r12, #A_S_H]
        add     r8, r8, r0
        subs    r7, r7, #1
        bne     .Lx_oh

        @ ---- g_W[o, tap, i] for o, o+1 × i, i+1 ----
        movs    r0, #0
        str     r0, [sp, #L_O]
.Lg_o:
        movs    r0, #0
        str     r0, [sp, #L_I]
.Lg_i:
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        ldr     r12, [sp, #L_ARGS]
        ldr     r5, [r12, #A_ACTIVE]
        cbz     r5, 1f
        @ both channels of the pair inactive: skip the dot products (the gradients are 0)
        ldr     r7, [sp, #L_O]
        lsrs    r8, r7, #3
        ldrb    r8, [r5, r8]
        and     r7, r7, #7
        lsrs    r8, r8, r7
        tst     r8, #3
        beq     8f
1:      ldr     r4, [sp, #L_O]
        ldr     lr, [sp, #L_ROWB]
        mul     r4, r4, lr
        ldr     r0, [sp, #L_ARGS]
        ldr     r0, [r0, #A_SCRATCH]
        add     r4, r4, r0              @ &ET[o]
        ldr     r6, [sp, #L_I]
        mul     r6, r6, lr
        ldr     r0, [sp, #L_XT]
        add     r6, r6, r0              @ &XT[i]
        movs    r0, #0
        lsrs    r8, lr, #3              @ 4-position steps
        beq     7f
        .p2align 2
6:      ldr     r10, [r4, lr]           @ ET[o+1]
        ldr     r9, [r4], #4            @ ET[o]
        ldr     r12, [r6, lr]           @ XT[i+1]
        ldr     r11, [r6], #4           @ XT[i]
        smlad   r0, r9, r11, r0
        smlad   r1, r9, r12, r1
        smlad   r2, r10, r11, r2
        smlad   r3, r10, r12, r3
        ldr     r10, [r4, lr]
        ldr     r9, [r4], #4
        ldr     r12, [r6, lr]
        ldr     r11, [r6], #4
        smlad   r0, r9, r11, r0
        smlad   r1, r9, r12, r1
        smlad   r2, r10, r11, r2
        smlad   r3, r10, r12, r3
        subs    r8, r8, #1
        bne     6b
7:      tst     lr, #4                  @ one more 2-position step?
        beq     8f
        ldr     r10, [r4, lr]
        ldr     r9, [r4], #4
        ldr     r12, [r6, lr]
        ldr     r11, [r6], #4
        smlad   r0, r9, r11, r0
        smlad   r1, r9, r12, r1
        smlad   r2, r10, r11, r2
        smlad   r3, r10, r12, r3
8:      @ store: &g_W[o, tap, i] = g_W + ((o·T + kh·kW + kw)·in_c + i)·4
        ldr     r12, [sp, #L_ARGS]
        ldr     r4, [r12, #A_K_H]
        ldr     r5, [r12, #A_K_W]
        mul     r4, r4, r5              @ T
        ldr     r6, [sp, #L_KH]
        ldr     r7, [sp, #L_KW]
        mla     r6, r6, r5, r7          @ tap
        ldr     r7, [sp, #L_O]
        mla     r6, r7, r4, r6          @ o·T + tap
        ldr     r5, [r12, #A_IN_C]
        ldr     r8, [sp, #L_I]
        mla     r6, r6, r5, r8
        ldr     r9, [r12, #A_GW]
        add     r6, r9, r6, lsl #2      @ &g_W[o, tap, i]
        mul     r4, r4, r5
        lsls    r4, r4, #2              @ bytes from o to o+1
        adds    r8, r8, #1
        cmp     r8, r5                  @ i+1 < in_c ?
        str     r0, [r6]
        it      lo
        strlo   r1, [r6, #4]
        ldr     r10, [r12, #A_OUT_C]
        adds    r7, r7, #1
        cmp     r7, r10                 @ o+1 < out_c ?
        bhs     9f
        str     r2, [r6, r4]
        cmp     r8, r5
        bhs     9f
        add     r6, r6, r4
        str     r3, [r6, #4]
9:      ldr     r0, [sp, #L_I]
        adds    r0, r0, #2
        str     r0, [sp, #L_I]
        cmp     r0, r5
        blo     .Lg_i
        ldr     r0, [sp, #L_O]
        adds    r0, r0, #2
        str     r0, [sp, #L_O]
        cmp     r0, r10
        blo     .Lg_o

        @ next tap
        ldr     r12, [sp, #L_ARGS]
        ldr     r0, [sp, #L_KW]
        adds    r0, r0, #1
        str     r0, [sp, #L_KW]
        ldr     r1, [r12, #A_K_W]
        cmp     r0, r1
        blo     .Lkw
        ldr     r0, [sp, #L_KH]
        adds    r0, r0, #1
        str     r0, [sp, #L_KH]
        ldr     r1, [r12, #A_K_H]
        cmp     r0, r1
        blo     .Lkh

.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}

@ ---- fast path: stride 1, k_w = 3 ----
@ With a row pitch P (out_w + 2 − min(pad_w, 2)) that gives every row the zero columns its taps
@ need, g_W is a 1-D correlation over the flat grid q = oh·P + ow:
@   g_W[o,kh,kw,i] = Σ_q E[o][q]·X_i[q + kh·P + kw]
@ E[o][q] = e[oh,ow,o] (0 for ow ≥ out_w, inactive o, and the tail), X_i = x[·,·,i] − z_x
@ zero-padded to (out_h + kH) rows of P. E is stored once as int16 pairs over q, the two channels
@ of a pair interleaved ((o0 word, o1 word) per 2 positions); X_i is rebuilt per input channel
@ (its padding stays 0), with a copy X1_i shifted by one element so that every lag's words are
@ aligned. One block = 2 output channels × 3 kw for one (i, kh): per 2 positions,
@ 2 E words and 1 new X word (the previous one is kept; the odd-shifted pair is PKHBT + SMLADX),
@ 6 SMLADs. Rows of kh whose input row is padding are skipped (in runs of 8 pair columns).
@ Dynamic partial update (an active mask): when the na active channels need fewer pairs, E holds
@ only them, compacted in list order (slot j = the j-th active channel), the blocks run over
@ ceil(na/2) pairs (an odd last channel alone, 3 SMLADs per half-step) and store through the
@ list; g_W rows and g_b of inactive channels are written 0.
        .equ FW_P, 0
        .equ FW_NJ, 4
        .equ FW_EPB, 8        @ bytes per channel pair of E: 8·NJ
        .equ FW_E, 12
        .equ FW_X, 16
        .equ FW_OP, 20        @ channel pairs
        .equ FW_I, 24
        .equ FW_O, 28         @ output channels left
        .equ FW_KH, 32
        .equ FW_XB, 36        @ X bytes
        .equ FW_CNT, 40
        .equ FW_PE, 44
        .equ FW_PX, 48
        .equ FW_DST, 52
        .equ FW_LIST, 56      @ compacted: na (word) then the active channels (bytes); else 0
        .equ FW_J, 60         @ compacted: the current pair's entry in the list
        .equ L_FR, 4
        .equ L_SKIP, 8        @ the compacted E build: P − out_w (aliases L_XT, general path only)

@ half-step K of the block: CUR holds x[q+L, q+L+1], NXT gets x[q+L+2, q+L+3]
        .macro HALF K, CUR, NXT
        ldr     r6, [r11, #8*\K]
        ldr     r7, [r11, #8*\K+4]
        ldr     \NXT, [r12, #4*\K+4]
        pkhbt   r10, \NXT, \CUR         @ (x[q+L+2], x[q+L+1])
        smlad   r0, r6, \CUR, r0
        smladx  r1, r6, r10, r1
        smlad   r2, r6, \NXT, r2
        smlad   r3, r7, \CUR, r3
        smladx  r4, r7, r10, r4
        smlad   r5, r7, \NXT, r5
        .endm

@ the same for one channel (the last of an odd compacted count): its zero partner is not read
        .macro HALF1 K, CUR, NXT
        ldr     r6, [r11, #8*\K]
        ldr     \NXT, [r12, #4*\K+4]
        pkhbt   r10, \NXT, \CUR
        smlad   r0, r6, \CUR, r0
        smladx  r1, r6, r10, r1
        smlad   r2, r6, \NXT, r2
        .endm

.Lfast:                                 @ r0 = args, r4 = arena
        str     r4, [sp, #L_FR]
        ldr     r1, [r0, #A_OUT_W]
        ldr     r2, [r0, #A_P_W]
        cmp     r2, #2
        it      hi
        movhi   r2, #2
        rsb     r2, r2, #2
        add     r1, r1, r2              @ P
        str     r1, [r4, #FW_P]
        ldr     r3, [r0, #A_OUT_H]
        mul     r3, r3, r1
        adds    r3, r3, #1
        lsrs    r3, r3, #1
        adds    r3, r3, #7
        bic     r3, r3, #7              @ NJ
        str     r3, [r4, #FW_NJ]
        lsls    r5, r3, #3
        str     r5, [r4, #FW_EPB]
        ldr     r6, [r0, #A_OUT_C]
        adds    r6, r6, #1
        lsrs    r6, r6, #1
        str     r6, [r4, #FW_OP]
        add     r7, r4, #64
        str     r7, [r4, #FW_E]
        mla     r8, r6, r5, r7
        str     r8, [r4, #FW_X]
        ldr     r9, [r0, #A_OUT_H]
        ldr     r10, [r0, #A_K_H]
        add     r9, r9, r10
        mul     r9, r9, r1
        adds    r9, r9, #20
        lsls    r9, r9, #1
        adds    r9, r9, #3
        bic     r9, r9, #3
        str     r9, [r4, #FW_XB]
        @ dynamic partial update: with na active channels in fewer pairs than out_c needs, E
        @ holds only the active channels, compacted into the first ceil(na/2) pairs (built so
        @ directly from a channel list kept in the last pair's E: na (word), then the channels)
        @ and the correlation runs over those pairs only; inactive rows of g_W and g_b are 0.
        movs    r1, #0
        str     r1, [r4, #FW_LIST]
        ldr     r1, [r0, #A_ACTIVE]
        cbz     r1, .Le_zero
        ldr     r2, [r0, #A_OUT_C]
        adds    r3, r2, #4
        cmp     r3, r5
        bhi     .Le_zero                @ the list must fit one pair's E
        subs    r8, r6, #1
        mla     r8, r8, r5, r7          @ the last pair's E: the list
        add     r9, r8, #4
        movs    r3, #0                  @ o
1:      lsrs    r10, r3, #3
        ldrb    r10, [r1, r10]
        and     r11, r3, #7
        lsrs    r10, r10, r11
        lsls    r10, r10, #31
        it      ne
        strbne  r3, [r9], #1
        adds    r3, r3, #1
        cmp     r3, r2
        blo     1b
        sub     r9, r9, r8
        subs    r9, r9, #4              @ na
        adds    r10, r9, #1
        lsrs    r10, r10, #1
        cmp     r10, r6
        bhs     .Le_zero                @ no pair saved: the dense layout, inactive rows zeroed
        str     r9, [r8]
        str     r8, [r4, #FW_LIST]
        mov     r6, r10                 @ pairs to zero
.Le_zero:
        @ zero E (the pairs in use) and X
        mov     r0, r7
        mul     r1, r6, r5
        cmp     r1, #0
        beq     1f
        bl      zero
1:      ldr     r4, [sp, #L_FR]
        ldr     r0, [r4, #FW_X]
        ldr     r1, [r4, #FW_XB]
        lsls    r1, r1, #1              @ X and X1
        bl      zero
        ldr     r4, [sp, #L_FR]
        ldr     r0, [r4, #FW_LIST]
        cmp     r0, #0
        bne     .Le_list
        @ E: e[oh, ow, o] → E + (o>>1)·EPB + (q>>1)·8 + (o&1)·4 + (q&1)·2
        ldr     r0, [sp, #L_ARGS]
        ldr     r5, [r4, #FW_EPB]
        ldr     r6, [r0, #A_OUT_C]
        ldr     r7, [r4, #FW_E]
        ldr     r8, [r0, #A_ERROR]
        ldr     r9, [r4, #FW_P]
        ldr     r10, [r0, #A_OUT_W]
        ldr     r2, [r0, #A_OUT_H]
        movs    r0, #0                  @ q
.Le_oh:
        mov     r1, r10
.Le_ow:
        lsrs    r3, r0, #1
        add     r3, r7, r3, lsl #3
        and     r11, r0, #1
        add     r3, r3, r11, lsl #1
        lsrs    lr, r6, #2              @ 4 channels (2 pairs) per step
        beq     5f
1:      ldrsb   r11, [r8], #1
        ldrsb   r12, [r8], #1
        strh    r11, [r3]
        strh    r12, [r3, #4]
        ldrsb   r11, [r8], #1
        ldrsb   r12, [r8], #1
        add     r3, r3, r5
        strh    r11, [r3]
        strh    r12, [r3, #4]
        add     r3, r3, r5
        subs    lr, lr, #1
        bne     1b
5:      tst     r6, #2
        beq     2f
        ldrsb   r11, [r8], #1
        ldrsb   r12, [r8], #1
        strh    r11, [r3]
        strh    r12, [r3, #4]
        add     r3, r3, r5
2:      tst     r6, #1
        beq     3f
        ldrsb   r11, [r8], #1
        strh    r11, [r3]
3:      adds    r0, r0, #1
        subs    r1, r1, #1
        bne     .Le_ow
        add     r0, r0, r9
        sub     r0, r0, r10             @ skip the zero columns
        subs    r2, r2, #1
        bne     .Le_oh
        @ inactive channels (a dense layout with an active mask): their E words become 0
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_ACTIVE]
        cbz     r1, .Le_act
        movs    r2, #0                  @ o
4:      lsrs    r3, r2, #3
        ldrb    r3, [r1, r3]
        and     r5, r2, #7
        lsrs    r3, r3, r5
        lsls    r3, r3, #31
        bne     6f
        lsrs    r5, r2, #1
        ldr     r7, [r4, #FW_EPB]
        ldr     r8, [r4, #FW_E]
        mla     r5, r5, r7, r8
        and     r7, r2, #1
        add     r5, r5, r7, lsl #2
        ldr     r7, [r4, #FW_NJ]
        movs    r8, #0
5:      str     r8, [r5], #8
        subs    r7, r7, #1
        bne     5b
6:      adds    r2, r2, #1
        ldr     r3, [r0, #A_OUT_C]
        cmp     r2, r3
        blo     4b
.Le_act:
        @ g_b[o] = Σ_q E[o][q]
        ldr     r1, [r0, #A_GB]
        cmp     r1, #0
        beq     .Lc_done
        movs    r2, #1
        orr     r2, r2, r2, lsl #16     @ (1, 1)
        ldr     r3, [r4, #FW_E]
        ldr     r5, [r0, #A_OUT_C]      @ channels left
7:      movs    r6, #0
        movs    r7, #0
        ldr     r8, [r4, #FW_NJ]
8:      ldr     r9, [r3], #4
        ldr     r10, [r3], #4
        smlad   r6, r9, r2, r6
        smlad   r7, r10, r2, r7
        subs    r8, r8, #1
        bne     8b
        str     r6, [r1], #4
        subs    r5, r5, #1
        beq     .Lc_done
        str     r7, [r1], #4
        subs    r5, r5, #1
        bne     7b
        b       .Lc_done

        @ ---- compacted E from the list: slot j = the j-th active channel ----
        @ per position: dst = E + (q>>1)·8 + (q&1)·2, two slots (a pair) per step
.Le_list:                               @ r0 = the list (na word, then the channels)
        add     r4, r0, #4              @ the channels (r4 is the frame again below)
        ldr     r12, [sp, #L_FR]
        ldr     r5, [r12, #FW_EPB]
        ldr     r7, [r12, #FW_E]
        ldr     r9, [r12, #FW_P]
        ldr     r0, [sp, #L_ARGS]
        ldr     r6, [r0, #A_OUT_C]
        ldr     r8, [r0, #A_ERROR]      @ &e[oh, ow, 0]
        ldr     r1, [r0, #A_OUT_W]
        sub     r9, r9, r1              @ P − out_w: the zero columns of a row
        str     r9, [sp, #L_SKIP]
        ldr     r9, [r4, #-4]           @ na
        ldr     r2, [r0, #A_OUT_H]
        movs    r0, #0                  @ q
.Ll_oh:
        ldr     r1, [sp, #L_ARGS]
        ldr     r1, [r1, #A_OUT_W]
.Ll_ow:
        lsrs    r3, r0, #1
        add     r3, r7, r3, lsl #3
        and     r11, r0, #1
        add     r3, r3, r11, lsl #1
        mov     r10, r4
        lsrs    lr, r9, #1              @ pairs
        beq     2f
1:      ldrb    r11, [r10], #1
        ldrb    r12, [r10], #1
        ldrsb   r11, [r8, r11]
        ldrsb   r12, [r8, r12]
        strh    r11, [r3]
        strh    r12, [r3, #4]
        add     r3, r3, r5
        subs    lr, lr, #1
        bne     1b
2:      tst     r9, #1                  @ odd na: the last slot (its partner stays 0)
        beq     3f
        ldrb    r11, [r10]
        ldrsb   r11, [r8, r11]
        strh    r11, [r3]
3:      add     r8, r8, r6
        adds    r0, r0, #1
        subs    r1, r1, #1
        bne     .Ll_ow
        ldr     r1, [sp, #L_SKIP]
        add     r0, r0, r1
        subs    r2, r2, #1
        bne     .Ll_oh
        ldr     r4, [sp, #L_FR]
        @ g_b: 0, then Σ_q E[slot][q] for each slot's channel
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_GB]
        cbz     r1, 9f
        ldr     r3, [r0, #A_OUT_C]
        movs    r2, #0
1:      str     r2, [r1], #4
        subs    r3, r3, #1
        bne     1b
        ldr     r1, [r0, #A_GB]
        movs    r2, #1
        orr     r2, r2, r2, lsl #16     @ (1, 1)
        ldr     r3, [r4, #FW_E]
        ldr     r12, [r4, #FW_LIST]
        ldr     r5, [r12], #4           @ slots left
        cbz     r5, 9f
7:      movs    r6, #0
        movs    r7, #0
        ldr     r8, [r4, #FW_NJ]
8:      ldr     r9, [r3], #4
        ldr     r10, [r3], #4
        smlad   r6, r9, r2, r6
        smlad   r7, r10, r2, r7
        subs    r8, r8, #1
        bne     8b
        ldrb    r9, [r12], #1
        str     r6, [r1, r9, lsl #2]
        subs    r5, r5, #1
        beq     9f
        ldrb    r9, [r12], #1
        str     r7, [r1, r9, lsl #2]
        subs    r5, r5, #1
        bne     7b
9:      @ g_W rows of the inactive channels: 0 (6 words per STM)
        ldr     r12, [sp, #L_ARGS]
        ldr     r1, [r12, #A_ACTIVE]
        ldr     r2, [r12, #A_OUT_C]
        ldr     r10, [r12, #A_K_H]
        ldr     r11, [r12, #A_IN_C]
        mul     r10, r10, r11
        add     r10, r10, r10, lsl #1   @ words per g_W row (k_w = 3)
        ldr     r12, [r12, #A_GW]
        movs    r3, #0                  @ o
        movs    r4, #0
        movs    r5, #0
        movs    r6, #0
        movs    r7, #0
        movs    r8, #0
        movs    r9, #0
1:      lsrs    r0, r3, #3
        ldrb    r0, [r1, r0]
        and     r11, r3, #7
        lsrs    r0, r0, r11
        lsls    r0, r0, #31
        beq     2f
        add     r12, r12, r10, lsl #2   @ active: skip its row
        b       3f
2:      mov     r0, r10
4:      subs    r0, r0, #6
        blo     5f
        stmia   r12!, {r4-r9}
        b       4b
5:      adds    r0, r0, #6
        beq     3f
6:      str     r4, [r12], #4
        subs    r0, r0, #1
        bne     6b
3:      adds    r3, r3, #1
        cmp     r3, r2
        blo     1b
        ldr     r4, [sp, #L_FR]
        ldr     r12, [r4, #FW_LIST]
        ldr     r12, [r12]
        cmp     r12, #0
        beq     .Lreturn                @ no active channel: g_W is 0
.Lc_done:
        movs    r1, #0
        str     r1, [r4, #FW_I]

.Lw_i:
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [sp, #L_FR]
        ldr     r1, [r4, #FW_I]
        ldr     r2, [r0, #A_IN_C]
        cmp     r1, r2
        bhs     .Lreturn
        @ X_i: rows ih + pH, columns iw + pW, two columns per step (PKHBT, SSUB16 by (z_x, z_x))
        ldr     r3, [r0, #A_INPUT]
        add     r3, r3, r1              @ &x[0, 0, i]
        ldr     r5, [r4, #FW_P]
        ldr     r6, [r0, #A_P_H]
        ldr     r7, [r0, #A_P_W]
        mla     r6, r6, r5, r7
        ldr     r7, [r4, #FW_X]
        add     r6, r7, r6, lsl #1      @ row start
        ldr     r7, [r0, #A_IN_ZP]
        uxth    r8, r7
        orr     r7, r8, r7, lsl #16     @ (z_x, z_x)
        ldr     r8, [r0, #A_IN_H]
        ldr     r9, [r0, #A_IN_W]
        ldr     r0, [r4, #FW_XB]
        subs    r0, r0, #2              @ X1 − X − 2: X1[k] = X[k + 1]
1:      mov     r10, r6
        add     r1, r6, r0
        lsrs    r11, r9, #2             @ 4 columns per step
        beq     5f
        .p2align 2                      @ a word-aligned loop target
2:      ldrsb   r12, [r3]
        ldrsb   lr, [r3, r2]
        add     r3, r3, r2, lsl #1
        pkhbt   r12, r12, lr, lsl #16
        ssub16  r12, r12, r7
        str     r12, [r10], #4
        str     r12, [r1], #4
        ldrsb   r12, [r3]
        ldrsb   lr, [r3, r2]
        add     r3, r3, r2, lsl #1
        pkhbt   r12, r12, lr, lsl #16
        ssub16  r12, r12, r7
        str     r12, [r10], #4
        str     r12, [r1], #4
        subs    r11, r11, #1
        bne     2b
5:      tst     r9, #2
        beq     3f
        ldrsb   r12, [r3]
        ldrsb   lr, [r3, r2]
        add     r3, r3, r2, lsl #1
        pkhbt   r12, r12, lr, lsl #16
        ssub16  r12, r12, r7
        str     r12, [r10], #4
        str     r12, [r1], #4
3:      tst     r9, #1
        beq     4f
        ldrsb   r12, [r3]
        add     r3, r3, r2
        ssub16  r12, r12, r7
        strh    r12, [r10]
        strh    r12, [r1]
4:      add     r6, r6, r5, lsl #1
        subs    r8, r8, #1
        bne     1b
        movs    r1, #0
        str     r1, [r4, #FW_KH]
.Lw_kh:                                 @ r4 = frame
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r4, #FW_KH]
        ldr     r2, [r0, #A_P_H]
        subs    r3, r2, r1              @ pH − kh
        it      lt
        movlt   r3, #0                  @ oh_lo
        ldr     r5, [r0, #A_IN_H]
        add     r5, r5, r2
        subs    r5, r5, r1              @ in_h + pH − kh
        ldr     r6, [r0, #A_OUT_H]
        cmp     r5, r6
        it      gt
        movgt   r5, r6                  @ oh_hi
        movs    lr, #0
        ldr     r7, [r4, #FW_P]
        cmp     r5, r3
        ble     1f
        mul     r3, r3, r7
        lsrs    r3, r3, #1
        bic     r3, r3, #7              @ j0
        mul     r5, r5, r7
        adds    r5, r5, #1
        lsrs    r5, r5, #1
        adds    r5, r5, #7
        bic     r5, r5, #7              @ j1
        sub     lr, r5, r3
        lsr     lr, lr, #3              @ runs of 8 pair columns
1:      str     lr, [r4, #FW_CNT]
        ldr     r11, [r4, #FW_E]
        add     r11, r11, r3, lsl #3    @ pe = E + 8·j0
        str     r11, [r4, #FW_PE]
        mla     r12, r1, r7, r3
        add     r12, r12, r3            @ b = 2·j0 + kh·P
        ldr     r9, [r4, #FW_X]
        add     r12, r9, r12, lsl #1    @ X + 2b
        tst     r12, #2
        itt     ne                      @ b odd: X1 + 2(b − 1), word aligned
        ldrne   r9, [r4, #FW_XB]
        addne   r12, r12, r9
        bic     r12, r12, #3
        str     r12, [r4, #FW_PX]
        @ &g_W[0, kh, 0, i] = g_W + (kh·3·in_c + i)·4
        ldr     r10, [r0, #A_IN_C]
        add     r9, r1, r1, lsl #1
        ldr     r11, [r4, #FW_I]
        mla     r9, r9, r10, r11
        ldr     r11, [r0, #A_GW]
        add     r9, r11, r9, lsl #2
        str     r9, [r4, #FW_DST]
        ldr     r1, [r0, #A_OUT_C]
        ldr     r2, [r4, #FW_LIST]
        cbz     r2, 1f
        ldr     r1, [r2], #4            @ compacted: na
        str     r2, [r4, #FW_J]
        str     r1, [r4, #FW_O]
        cmp     r1, #1
        beq     .Lw_op1                 @ one channel: the single-channel block
        b       .Lw_op
1:      str     r1, [r4, #FW_O]         @ output channels left
        .p2align 2                      @ (36 bytes from here the pair loop starts on a word
                                        @ without a NOP on the per-block path)
.Lw_op:                                 @ r4 = frame
        ldr     r11, [r4, #FW_PE]
        ldr     r12, [r4, #FW_PX]
        ldr     lr, [r4, #FW_CNT]
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        movs    r4, #0
        movs    r5, #0
        cmp     lr, #0
        beq     .Lw_store
        ldr     r8, [r12]
        .p2align 2
.Lw_k:
        HALF    0, r8, r9
        HALF    1, r9, r8
        HALF    2, r8, r9
        HALF    3, r9, r8
        HALF    4, r8, r9
        HALF    5, r9, r8
        HALF    6, r8, r9
        HALF    7, r9, r8
        adds    r11, r11, #64
        adds    r12, r12, #32
        subs    lr, lr, #1
        bne     .Lw_k
.Lw_store:
        ldr     r12, [sp, #L_ARGS]
        ldr     lr, [sp, #L_FR]
        ldr     r9, [lr, #FW_DST]
        ldr     r10, [r12, #A_IN_C]
        ldr     r7, [r12, #A_K_H]
        lsls    r10, r10, #2            @ kw stride
        mul     r7, r7, r10
        add     r7, r7, r7, lsl #1      @ o stride
        ldr     r8, [lr, #FW_LIST]
        cmp     r8, #0
        bne     .Lw_store_c
        str     r0, [r9]
        str     r1, [r9, r10]
        add     r11, r9, r10, lsl #1
        str     r2, [r11]
        ldr     r6, [lr, #FW_O]
        subs    r6, r6, #1
        beq     .Lw_kh_next             @ no o0 + 1
        add     r11, r9, r7
        str     r3, [r11]
        str     r4, [r11, r10]
        add     r11, r11, r10, lsl #1
        str     r5, [r11]
        add     r9, r9, r7, lsl #1
        str     r9, [lr, #FW_DST]
        ldr     r11, [lr, #FW_PE]
        ldr     r8, [lr, #FW_EPB]
        add     r11, r11, r8
        str     r11, [lr, #FW_PE]
        mov     r4, lr
        subs    r6, r6, #1
        str     r6, [r4, #FW_O]
        bne     .Lw_op
        b       .Lw_kh_next
.Lw_store_c:                            @ compacted: the pair's channels from the list
        ldr     r8, [lr, #FW_J]
        ldrb    r6, [r8]
        mla     r11, r6, r7, r9
        str     r0, [r11]
        str     r1, [r11, r10]
        add     r11, r11, r10, lsl #1
        str     r2, [r11]
        ldr     r6, [lr, #FW_O]
        subs    r6, r6, #1
        beq     .Lw_kh_next
        ldrb    r11, [r8, #1]
        mla     r11, r11, r7, r9
        str     r3, [r11]
        str     r4, [r11, r10]
        add     r11, r11, r10, lsl #1
        str     r5, [r11]
        adds    r8, r8, #2
        str     r8, [lr, #FW_J]
        ldr     r11, [lr, #FW_PE]
        ldr     r8, [lr, #FW_EPB]
        add     r11, r11, r8
        str     r11, [lr, #FW_PE]
        mov     r4, lr
        subs    r6, r6, #1
        str     r6, [r4, #FW_O]
        cmp     r6, #1
        bhi     .Lw_op
        beq     .Lw_op1                 @ the last channel of an odd count: alone
.Lw_kh_next:
        mov     r4, lr
        ldr     r1, [r4, #FW_KH]
        adds    r1, r1, #1
        str     r1, [r4, #FW_KH]
        ldr     r2, [r12, #A_K_H]
        cmp     r1, r2
        blo     .Lw_kh
        ldr     r1, [r4, #FW_I]
        adds    r1, r1, #1
        str     r1, [r4, #FW_I]
        b       .Lw_i

@ compacted, odd na: the last channel's block alone, 3 SMLADs per half-step instead of 6
@ (the dense layout keeps its zero partner: no test on its hot path). r4 = frame.
.Lw_op1:
        ldr     r11, [r4, #FW_PE]
        ldr     r12, [r4, #FW_PX]
        ldr     lr, [r4, #FW_CNT]
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        cmp     lr, #0
        beq     .Lw_store
        ldr     r8, [r12]
        .p2align 2
.Lw_k1:
        HALF1   0, r8, r9
        HALF1   1, r9, r8
        HALF1   2, r8, r9
        HALF1   3, r9, r8
        HALF1   4, r8, r9
        HALF1   5, r9, r8
        HALF1   6, r8, r9
        HALF1   7, r9, r8
        adds    r11, r11, #64
        adds    r12, r12, #32
        subs    lr, lr, #1
        bne     .Lw_k1
        b       .Lw_store
        .size fqt_conv_wgrad, . - fqt_conv_wgrad

@ zero: r1 bytes (a multiple of 4, > 0) at r0 (word aligned). Clobbers r0–r3, r12. Leaf.
        .type zero,%function
        .thumb_func
zero:
        movs    r2, #0
        movs    r3, #0
        subs    r1, r1, #8
        blo     2f
1:      stmia   r0!, {r2, r3}
        subs    r1, r1, #8
        bhs     1b
2:      adds    r1, r1, #8
        beq     3f
        str     r2, [r0]
3:      bx      lr
        .size zero, . - zero
