@ dwconv_fwd.S — depthwise conv2d forward (channel multiplier 1, weights 1HWC), CMSIS-NN
@ arm_depthwise_conv_s8 semantics plus the ReLU/clamp mask, golden op depthwiseConv2d:
@   acc[oh,ow,c] = bias[c] + Σ_{taps inside} W[kh,kw,c]·(x[ih,iw,c] − z_x)
@   v = requantize(acc, M[c], sh[c]) + z_y;  y = clamp(v, act_min, act_max);  mask = act_min < v ≤ act_max
@
@   void fqt_dwconv_fwd(const fqt_dwconv_fwd_args *args);   (kernels/fqt_kernels.h)
@
@ Four channels per pass: per tap one word of x and one of W; SXTAB16 ×2 (with (−z_x, −z_x))
@ unpack x − z_x as (c0, c2), (c1, c3), SXTB16 ×2 the weights the same way, and SMLABB/SMLATT
@ accumulate each channel in its own register (depthwise: no cross-channel sums, so no SMLAD).
@ The window's rows and columns inside the input are computed once per output position; the
@ channels % 4 tail is scalar. Epilogue: fqt_finish.inc.
@ Stack: 9 saved registers + 28 bytes of locals = 64 bytes. No arena.

        .syntax unified
        .thumb

        .equ A_INPUT, 0
        .equ A_WEIGHTS, 4
        .equ A_BIAS, 8
        .equ A_OUTPUT, 12
        .equ A_MASK, 16
        .equ A_IN_H, 20
        .equ A_IN_W, 24
        .equ A_C, 28
        .equ A_OUT_H, 32
        .equ A_OUT_W, 36
        .equ A_KH, 40
        .equ A_KW, 44
        .equ A_SH, 48
        .equ A_SW, 52
        .equ A_PH, 56
        .equ A_PW, 60
        .equ A_IN_ZP, 64
        .equ A_OUT_ZP, 68
        .equ A_MULT, 72
        .equ A_SHIFT, 76
        .equ A_ACT_MIN, 80
        .equ A_ACT_MAX, 84

        .equ L_ARGS, 0
        .equ L_OH, 4
        .equ L_OW, 8
        .equ L_XB, 12                   @ &x[ih0, iw0, 0]
        .equ L_WB, 16                   @ &W[kh0, kw0, 0]
        .equ L_NK, 20                   @ nkh | nkw << 16
        .equ L_C, 24
        .equ LOCALS, 28

@ End of a window row: x and W pointers to the next row's first tap; r12 = nkw again.
@ r0 += (in_w − nkw)·C, r1 += (k_w − nkw)·C. Clobbers r6, r8, r9.
        .macro NEXTROW
        ldr     r8, [sp, #L_NK]
        lsr     r12, r8, #16
        ldr     r9, [sp, #L_ARGS]
        ldr     r6, [r9, #A_IN_W]
        sub     r6, r6, r12
        mla     r0, r6, r11, r0
        ldr     r6, [r9, #A_KW]
        sub     r6, r6, r12
        mla     r1, r6, r11, r1
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_dwconv_fwd
        .type fqt_dwconv_fwd,%function
        .thumb_func
fqt_dwconv_fwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r11, [r0, #A_C]
        ldr     r1, [r0, #A_IN_ZP]
        rsbs    r1, r1, #0
        uxth    r10, r1
        orr     r10, r10, r1, lsl #16   @ (−z_x, −z_x)
        @ ---- zero the mask ----
        ldr     r1, [r0, #A_OUT_H]
        ldr     r2, [r0, #A_OUT_W]
        mul     r1, r1, r2
        mul     r1, r1, r11
        adds    r1, r1, #7
        lsrs    r1, r1, #3
        ldr     r2, [r0, #A_MASK]
        movs    r3, #0
1:      strb    r3, [r2], #1
        subs    r1, r1, #1
        bne     1b
        movs    r1, #0
        str     r1, [sp, #L_OH]
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
        movs    r5, #0
        cmp     r1, #0
        it      lt
        rsblt   r5, r1, #0              @ kh0
        subs    r7, r4, r5              @ nkh
        adds    r6, r1, r5              @ ih0
        ldr     r3, [r12, #A_KW]
        mul     r8, r5, r3              @ kh0·k_w
        ldr     r4, [r12, #A_PW]
        ldr     r1, [r12, #A_SW]
        mul     r2, r2, r1
        subs    r2, r2, r4              @ base_w
        ldr     r4, [r12, #A_IN_W]
        subs    r1, r4, r2
        cmp     r1, r3
        it      gt
        movgt   r1, r3                  @ kw1
        movs    r5, #0
        cmp     r2, #0
        it      lt
        rsblt   r5, r2, #0              @ kw0
        subs    r1, r1, r5              @ nkw
        orr     r7, r7, r1, lsl #16
        str     r7, [sp, #L_NK]
        adds    r2, r2, r5              @ iw0
        mla     r6, r6, r4, r2          @ ih0·in_w + iw0
        ldr     r1, [r12, #A_INPUT]
        mla     r6, r6, r11, r1
        str     r6, [sp, #L_XB]
        add     r8, r8, r5              @ kh0·k_w + kw0
        ldr     r1, [r12, #A_WEIGHTS]
        mla     r8, r8, r11, r1
        str     r8, [sp, #L_WB]
        movs    r0, #0                  @ c
.Lgroup:
        adds    r1, r0, #4
        cmp     r1, r11
        bhi     .Ltail
        str     r0, [sp, #L_C]
        ldr     r1, [sp, #L_ARGS]
        ldr     r2, [r1, #A_BIAS]
        add     r2, r2, r0, lsl #2
        ldm     r2, {r2-r5}             @ acc = bias[c … c+3]
        ldr     r1, [sp, #L_WB]
        add     r1, r1, r0
        ldr     r6, [sp, #L_XB]
        add     r0, r0, r6
        ldr     lr, [sp, #L_NK]
        lsr     r12, lr, #16            @ nkw
        uxth    lr, lr                  @ nkh
2:
1:      ldr     r6, [r0]
        add     r0, r0, r11
        ldr     r7, [r1]
        add     r1, r1, r11
        sxtab16 r8, r10, r6             @ (x0, x2) − z_x
        sxtab16 r6, r10, r6, ror #8     @ (x1, x3) − z_x
        sxtb16  r9, r7                  @ (w0, w2)
        sxtb16  r7, r7, ror #8          @ (w1, w3)
        smlabb  r2, r8, r9, r2
        smlatt  r4, r8, r9, r4
        smlabb  r3, r6, r7, r3
        smlatt  r5, r6, r7, r5
        subs    r12, r12, #1
        bne     1b
        NEXTROW
        subs    lr, lr, #1
        bne     2b
        @ ---- epilogue: channels c … c+3 ----
        mov     r6, r4
        mov     r7, r5
        mov     r4, r2
        mov     r5, r3
        ldr     r9, [sp, #L_ARGS]
        ldr     r1, [sp, #L_OH]
        ldr     r2, [r9, #A_OUT_W]
        ldr     r3, [sp, #L_OW]
        mla     r1, r1, r2, r3
        ldr     r9, [sp, #L_C]
        mla     r8, r1, r11, r9         @ n = (oh·out_w + ow)·C + c
        mov     r0, r4
        mov     r1, r9
        mov     r2, r8
        bl      finish
        mov     r0, r5
        adds    r1, r9, #1
        adds    r2, r8, #1
        bl      finish
        mov     r0, r6
        adds    r1, r9, #2
        adds    r2, r8, #2
        bl      finish
        mov     r0, r7
        adds    r1, r9, #3
        adds    r2, r8, #3
        bl      finish
        adds    r0, r9, #4
        b       .Lgroup
.Ltail:
        cmp     r0, r11
        bhs     .Lnextcol
        str     r0, [sp, #L_C]
        ldr     r1, [sp, #L_ARGS]
        ldr     r2, [r1, #A_BIAS]
        ldr     r2, [r2, r0, lsl #2]
        ldr     r1, [sp, #L_WB]
        add     r1, r1, r0
        ldr     r6, [sp, #L_XB]
        add     r0, r0, r6
        ldr     lr, [sp, #L_NK]
        lsr     r12, lr, #16
        uxth    lr, lr
2:
1:      ldrsb   r6, [r0]
        add     r0, r0, r11
        ldrsb   r7, [r1]
        add     r1, r1, r11
        sxtah   r6, r6, r10             @ x − z_x
        mla     r2, r6, r7, r2
        subs    r12, r12, #1
        bne     1b
        NEXTROW
        subs    lr, lr, #1
        bne     2b
        mov     r4, r2
        ldr     r9, [sp, #L_ARGS]
        ldr     r1, [sp, #L_OH]
        ldr     r2, [r9, #A_OUT_W]
        ldr     r3, [sp, #L_OW]
        mla     r1, r1, r2, r3
        ldr     r9, [sp, #L_C]
        mla     r2, r1, r11, r9
        mov     r0, r4
        mov     r1, r9
        bl      finish
        adds    r0, r9, #1
        b       .Ltail
.Lnextcol:
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
        .size fqt_dwconv_fwd, . - fqt_dwconv_fwd

        .include "fqt_finish.inc"
