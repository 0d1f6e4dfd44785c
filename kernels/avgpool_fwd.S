@ avgpool_fwd.S — average pool (and global average pool: one in_h × in_w window), golden ops
@ avgPool / globalAvgPool, rounding exactly as CMSIS-NN arm_avgpool_s8:
@   count = taps of the window inside the input;  sum = Σ x  (int32)
@   avg = sum > 0 ? (sum + count/2) / count : (sum − count/2) / count   (SDIV, toward zero)
@   y = clamp(avg, act_min, act_max)
@
@   void fqt_avgpool_fwd(const fqt_avgpool_fwd_args *args);   (kernels/fqt_kernels.h)
@
@ Four channels per pass: one word load per tap, SXTAB16 ×2 adds the lanes (c0, c2) and (c1, c3)
@ into two halfword-pair sums (exact for ≤ 256 taps: |sum| ≤ 256·128). Windows of more than 256
@ taps and the channels % 4 tail take the scalar path (int32 sums).
@ Stack: 9 saved registers + 24 bytes of locals = 60 bytes. No arena.

        .syntax unified
        .thumb

        .equ A_INPUT, 0
        .equ A_OUTPUT, 4
        .equ A_IN_H, 8
        .equ A_IN_W, 12
        .equ A_C, 16
        .equ A_OUT_H, 20
        .equ A_OUT_W, 24
        .equ A_KH, 28
        .equ A_KW, 32
        .equ A_SH, 36
        .equ A_SW, 40
        .equ A_PH, 44
        .equ A_PW, 48
        .equ A_ACT_MIN, 52
        .equ A_ACT_MAX, 56

        .equ L_ARGS, 0
        .equ L_OH, 4
        .equ L_OW, 8
        .equ L_PIX, 12
        .equ L_NKH, 16
        .equ L_C, 20
        .equ LOCALS, 24

@ s ← clamp(round(s / count)), stored at [r10], 1 byte on. r3 = count, r11 = count/2,
@ r12 = act_min, r6 = act_max.
        .macro AVG s
        cmp     \s, #0
        ite     gt
        addgt   \s, \s, r11
        suble   \s, \s, r11
        sdiv    \s, \s, r3
        cmp     \s, r12
        it      lt
        movlt   \s, r12
        cmp     \s, r6
        it      gt
        movgt   \s, r6
        strb    \s, [r10], #1
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_avgpool_fwd
        .type fqt_avgpool_fwd,%function
        .thumb_func
fqt_avgpool_fwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r10, [r0, #A_OUTPUT]
        ldr     r8, [r0, #A_C]
        ldr     r1, [r0, #A_IN_W]
        mul     r9, r1, r8              @ row stride in_w·C
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
        subs    r4, r4, r5
        str     r4, [sp, #L_NKH]
        adds    r6, r1, r5              @ ih0
        ldr     r3, [r12, #A_SW]
        ldr     r4, [r12, #A_PW]
        mul     r2, r2, r3
        subs    r2, r2, r4              @ base_w
        ldr     r3, [r12, #A_KW]
        ldr     r4, [r12, #A_IN_W]
        subs    r7, r4, r2
        cmp     r7, r3
        it      gt
        movgt   r7, r3                  @ kw1
        movs    r5, #0
        cmp     r2, #0
        it      lt
        rsblt   r5, r2, #0              @ kw0
        sub     lr, r7, r5              @ nkw
        adds    r2, r2, r5              @ iw0
        mla     r6, r6, r4, r2          @ pix = ih0·in_w + iw0
        str     r6, [sp, #L_PIX]
        ldr     r4, [sp, #L_NKH]
        mul     r4, r4, lr              @ taps
        movs    r5, #0                  @ c
        cmp     r4, #256
        bhi     .Ltail
.Lgroup:
        adds    r0, r5, #4
        cmp     r0, r8
        bhi     .Ltail
        str     r5, [sp, #L_C]
        ldr     r12, [sp, #L_ARGS]
        ldr     r7, [r12, #A_INPUT]
        ldr     r6, [sp, #L_PIX]
        mla     r7, r6, r8, r7
        add     r7, r7, r5              @ &x[ih0, iw0, c]
        movs    r1, #0                  @ (s0, s2)
        movs    r2, #0                  @ (s1, s3)
        ldr     r6, [sp, #L_NKH]
2:      mov     r0, r7
        mov     r5, lr
1:      ldr     r4, [r0]
        add     r0, r0, r8
        sxtab16 r1, r1, r4
        sxtab16 r2, r2, r4, ror #8
        subs    r5, r5, #1
        bne     1b
        add     r7, r7, r9
        subs    r6, r6, #1
        bne     2b
        ldr     r4, [sp, #L_ARGS]
        ldr     r3, [sp, #L_NKH]
        mul     r3, r3, lr              @ count
        lsr     r11, r3, #1
        ldr     r12, [r4, #A_ACT_MIN]
        ldr     r6, [r4, #A_ACT_MAX]
        sxth    r0, r1
        sxth    r5, r2
        asrs    r1, r1, #16
        asrs    r2, r2, #16
        AVG     r0
        AVG     r5
        AVG     r1
        AVG     r2
        ldr     r5, [sp, #L_C]
        adds    r5, r5, #4
        b       .Lgroup
.Ltail:
        cmp     r5, r8
        bhs     .Lnextcol
        str     r5, [sp, #L_C]
        ldr     r12, [sp, #L_ARGS]
        ldr     r7, [r12, #A_INPUT]
        ldr     r6, [sp, #L_PIX]
        mla     r7, r6, r8, r7
        add     r7, r7, r5
        movs    r1, #0
        ldr     r6, [sp, #L_NKH]
2:      mov     r0, r7
        mov     r5, lr
1:      ldrsb   r4, [r0]
        add     r0, r0, r8
        add     r1, r1, r4
        subs    r5, r5, #1
        bne     1b
        add     r7, r7, r9
        subs    r6, r6, #1
        bne     2b
        ldr     r4, [sp, #L_ARGS]
        ldr     r3, [sp, #L_NKH]
        mul     r3, r3, lr
        lsr     r11, r3, #1
        ldr     r12, [r4, #A_ACT_MIN]
        ldr     r6, [r4, #A_ACT_MAX]
        AVG     r1
        ldr     r5, [sp, #L_C]
        adds    r5, r5, #1
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
        .size fqt_avgpool_fwd, . - fqt_avgpool_fwd
