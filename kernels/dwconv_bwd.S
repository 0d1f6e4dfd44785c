@ dwconv_bwd.S — depthwise conv2d backward (channel multiplier 1, weights 1HWC), golden ops
@ depthwiseConv2dInputGrad, depthwiseConv2dWeightGrad and biasGrad:
@   g_x[ih,iw,c] += W[kh,kw,c]·e[oh,ow,c]          over every (oh, ow) and tap inside the input
@   g_W[kh,kw,c] += e[oh,ow,c]·(x[ih,iw,c] − z_x)
@   g_b[c]       += e[oh,ow,c]
@ Channels whose bit in `active` is 0 contribute nothing (zero rows). grad_input, grad_weights and
@ grad_bias may each be NULL (not computed).
@
@   void fqt_dwconv_bwd(const fqt_dwconv_bwd_args *args);   (kernels/fqt_kernels.h)
@
@ Scatter form, one error element at a time (zero errors — most of a ReLU-masked error tensor —
@ and inactive channels cost a load and a branch): the window geometry is computed once per output
@ position, then for each non-zero e its taps update g_x and g_W with MLA. Scalar: a first
@ version; the 4-channel SMLABB/LDM/STM form of dwconv_fwd is the next step.
@ Stack: 9 saved registers + 24 bytes of locals = 60 bytes. No arena.

        .syntax unified
        .thumb

        .equ A_ERROR, 0
        .equ A_INPUT, 4
        .equ A_WEIGHTS, 8
        .equ A_GX, 12
        .equ A_GW, 16
        .equ A_GB, 20
        .equ A_ACTIVE, 24
        .equ A_IN_H, 28
        .equ A_IN_W, 32
        .equ A_C, 36
        .equ A_OUT_H, 40
        .equ A_OUT_W, 44
        .equ A_KH, 48
        .equ A_KW, 52
        .equ A_SH, 56
        .equ A_SW, 60
        .equ A_PH, 64
        .equ A_PW, 68
        .equ A_IN_ZP, 72

        .equ L_ARGS, 0
        .equ L_OH, 4
        .equ L_OW, 8
        .equ L_XOFF, 12                 @ (ih0·in_w + iw0)·C
        .equ L_WOFF, 16                 @ (kh0·k_w + kw0)·C
        .equ L_NKH, 20
        .equ LOCALS, 24


        .section .text.entry,"ax",%progbits
        .global fqt_dwconv_bwd
        .type fqt_dwconv_bwd,%function
        .thumb_func
fqt_dwconv_bwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r5, [r0, #A_C]
        ldr     r10, [r0, #A_IN_ZP]
        ldr     r11, [r0, #A_ERROR]
        @ ---- zero the outputs ----
        movs    r3, #0
        ldr     r1, [r0, #A_GX]
        cbz     r1, 2f
        ldr     r2, [r0, #A_IN_H]
        ldr     r4, [r0, #A_IN_W]
        mul     r2, r2, r4
        mul     r2, r2, r5
1:      str     r3, [r1], #4
        subs    r2, r2, #1
        bne     1b
2:      ldr     r1, [r0, #A_GW]
        cbz     r1, 4f
        ldr     r2, [r0, #A_KH]
        ldr     r4, [r0, #A_KW]
        mul     r2, r2, r4
        mul     r2, r2, r5
3:      str     r3, [r1], #4
        subs    r2, r2, #1
        bne     3b
4:      ldr     r1, [r0, #A_GB]
        cbz     r1, 6f
        mov     r2, r5
5:      str     r3, [r1], #4
        subs    r2, r2, #1
        bne     5b
6:      str     r3, [sp, #L_OH]
.Lrow:
        ldr     r12, [sp, #L_ARGS]
        ldr     r1, [sp, #L_OH]
        ldr     r2, [r12, #A_OUT_H]
        cmp     r1, r2
        bhs     .Lreturn
        movs    r2, #0
        str     r2, [sp, #L_OW]
.Lcol:
        ldr     r12, [sp, #L_ARGS]
        ldr     r2, [sp, #L_OW]
        ldr     r3, [r12, #A_OUT_W]
        cmp     r2, r3
        bhs     .Lnextrow
        ldr     r1, [sp, #L_OH]
        ldr     r3, [r12, #A_SH]
        ldr     r4, [r12, #A_PH]
        mul     r1, r1, r3
        subs    r1, r1, r4              @ base_h
        ldr     r3, [r12, #A_KH]
        ldr     r4, [r12, #A_IN_H]
        subs    r4, r4, r1
        cmp     r4, r3
        it      gt
        movgt   r4, r3                  @ kh1
        movs    r6, #0
        cmp     r1, #0
        it      lt
        rsblt   r6, r1, #0              @ kh0
        subs    r7, r4, r6
        str     r7, [sp, #L_NKH]
        adds    r7, r1, r6              @ ih0
        ldr     r3, [r12, #A_KW]
        mul     r8, r6, r3              @ kh0·k_w
        ldr     r4, [r12, #A_PW]
        ldr     r1, [r12, #A_SW]
        mul     r2, r2, r1
        subs    r2, r2, r4              @ base_w
        ldr     r4, [r12, #A_IN_W]
        subs    r1, r4, r2
        cmp     r1, r3
        it      gt
        movgt   r1, r3                  @ kw1
        movs    r6, #0
        cmp     r2, #0
        it      lt
        rsblt   r6, r2, #0              @ kw0
        sub     lr, r1, r6              @ nkw
        adds    r2, r2, r6              @ iw0
        mla     r7, r7, r4, r2
        mul     r7, r7, r5
        str     r7, [sp, #L_XOFF]
        add     r8, r8, r6
        mul     r8, r8, r5
        str     r8, [sp, #L_WOFF]
        sub     r4, r4, lr
        mul     r3, r4, r5              @ x / g_x row step (in_w − nkw)·C elements
        ldr     r4, [r12, #A_KW]
        sub     r4, r4, lr
        mul     r4, r4, r5              @ W / g_W row step (k_w − nkw)·C elements
        movs    r12, #0                 @ c
.Lch:
        ldrsb   r0, [r11], #1           @ e
        cmp     r0, #0
        beq     .Lnext
        ldr     r6, [sp, #L_ARGS]
        ldr     r7, [r6, #A_ACTIVE]
        cbz     r7, 1f
        lsrs    r8, r12, #3
        ldrb    r8, [r7, r8]
        and     r9, r12, #7
        lsrs    r8, r8, r9
        lsls    r8, r8, #31
        beq     .Lnext                  @ inactive channel
1:      ldr     r7, [r6, #A_GB]
        cbz     r7, 2f
        ldr     r8, [r7, r12, lsl #2]
        add     r8, r8, r0
        str     r8, [r7, r12, lsl #2]
2:      @ ---- g_x ----
        ldr     r2, [r6, #A_GX]
        cbz     r2, 5f
        ldr     r1, [sp, #L_XOFF]
        add     r1, r1, r12
        add     r2, r2, r1, lsl #2
        ldr     r1, [r6, #A_WEIGHTS]
        ldr     r7, [sp, #L_WOFF]
        add     r1, r1, r7
        add     r1, r1, r12
        ldr     r9, [sp, #L_NKH]
4:      mov     r8, lr
3:      ldrsb   r6, [r1]
        add     r1, r1, r5
        ldr     r7, [r2]
        mla     r7, r6, r0, r7
        str     r7, [r2]
        add     r2, r2, r5, lsl #2
        subs    r8, r8, #1
        bne     3b
        add     r1, r1, r4
        add     r2, r2, r3, lsl #2
        subs    r9, r9, #1
        bne     4b
        ldr     r6, [sp, #L_ARGS]
5:      @ ---- g_W ----
        ldr     r2, [r6, #A_GW]
        cbz     r2, .Lnext
        ldr     r1, [sp, #L_WOFF]
        add     r1, r1, r12
        add     r2, r2, r1, lsl #2
        ldr     r1, [r6, #A_INPUT]
        ldr     r7, [sp, #L_XOFF]
        add     r1, r1, r7
        add     r1, r1, r12
        ldr     r9, [sp, #L_NKH]
7:      mov     r8, lr
6:      ldrsb   r6, [r1]
        add     r1, r1, r5
        sub     r6, r6, r10             @ x − z_x
        ldr     r7, [r2]
        mla     r7, r6, r0, r7
        str     r7, [r2]
        add     r2, r2, r5, lsl #2
        subs    r8, r8, #1
        bne     6b
        add     r1, r1, r3
        add     r2, r2, r4, lsl #2
        subs    r9, r9, #1
        bne     7b
.Lnext:
        adds    r12, r12, #1
        cmp     r12, r5
        blo     .Lch
        ldr     r2, [sp, #L_OW]
        adds    r2, r2, #1
        str     r2, [sp, #L_OW]
        b       .Lcol
.Lnextrow:
        ldr     r1, [sp, #L_OH]
        adds    r1, r1, #1
        str     r1, [sp, #L_OH]
        b       .Lrow
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_dwconv_bwd, . - fqt_dwconv_bwd
