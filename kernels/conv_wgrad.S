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
        cmp     r5, r3
        blo     .Lreturn

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
        ldr     r4, [sp, #L_O]
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
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
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
