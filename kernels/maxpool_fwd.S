@ maxpool_fwd.S — max pool with argmax, golden op maxPool (CMSIS-NN arm_max_pool_s8 over the full
@ int8 range, plus the flat NHWC input index of the first maximum in (kh, kw) scan order).
@
@   void fqt_maxpool_fwd(const fqt_maxpool_fwd_args *args);   (kernels/fqt_kernels.h)
@
@ Four channels per pass: one word load per tap, SSUB8 best − x sets GE where best ≥ x, and SEL
@ keeps the best value (strictly greater replaces: ties keep the earlier tap) and, under the same
@ flags, the tap number of each byte lane (a byte counter broadcast to the four lanes). The tap
@ number t becomes the input index ((ih0 + t / nkw)·in_w + iw0 + t % nkw)·C + c with one UDIV per
@ output. Windows of more than 255 taps and the channels % 4 tail take the scalar path.
@ Stack: 9 saved registers + 24 bytes of locals = 60 bytes. No arena.

        .syntax unified
        .thumb

        .equ A_INPUT, 0
        .equ A_OUTPUT, 4
        .equ A_ARGMAX, 8
        .equ A_IN_H, 12
        .equ A_IN_W, 16
        .equ A_C, 20
        .equ A_OUT_H, 24
        .equ A_OUT_W, 28
        .equ A_KH, 32
        .equ A_KW, 36
        .equ A_SH, 40
        .equ A_SW, 44
        .equ A_PH, 48
        .equ A_PW, 52

        .equ L_ARGS, 0
        .equ L_OH, 4
        .equ L_OW, 8
        .equ L_PIX, 12
        .equ L_NKH, 16
        .equ L_C, 20
        .equ LOCALS, 24

@ lane j of the tap numbers in r2 → input index, stored to [r11], 4 bytes on.
@ r5 = pix·C + c + j on entry (incremented), lr = nkw, r8 = C, r9 = in_w·C. Clobbers r0, r3.
        .macro LANE rot
        uxtb    r0, r2, ror #\rot
        udiv    r3, r0, lr              @ kh − kh0
        mls     r0, r3, lr, r0          @ kw − kw0
        mla     r0, r0, r8, r5
        mla     r0, r3, r9, r0
        str     r0, [r11], #4
        adds    r5, r5, #1
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_maxpool_fwd
        .type fqt_maxpool_fwd,%function
        .thumb_func
fqt_maxpool_fwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        ldr     r10, [r0, #A_OUTPUT]
        ldr     r11, [r0, #A_ARGMAX]
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
        @ rows of the window inside the input: kh0 = max(0, −base), kh1 = min(kH, in_h − base)
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
        @ columns
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
        cmp     r4, #255
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
        mov     r1, #0x80808080         @ best = −128 ×4 (tap 0 wins any tie with it)
        movs    r2, #0                  @ best tap ×4
        movs    r3, #0                  @ this tap ×4
        ldr     r6, [sp, #L_NKH]
2:      mov     r0, r7
        mov     r5, lr
1:      ldr     r4, [r0]
        add     r0, r0, r8
        ssub8   r12, r1, r4             @ GE: best ≥ x
        sel     r1, r1, r4
        sel     r2, r2, r3
        add     r3, r3, #0x01010101
        subs    r5, r5, #1
        bne     1b
        add     r7, r7, r9
        subs    r6, r6, #1
        bne     2b
        str     r1, [r10], #4
        ldr     r4, [sp, #L_C]
        ldr     r5, [sp, #L_PIX]
        mla     r5, r5, r8, r4          @ pix·C + c
        LANE    0
        LANE    8
        LANE    16
        LANE    24
        adds    r5, r4, #4
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
        mvn     r1, #127                @ best = −128
        movs    r2, #0                  @ best tap
        movs    r3, #0                  @ tap
        ldr     r6, [sp, #L_NKH]
2:      mov     r0, r7
        mov     r5, lr
1:      ldrsb   r4, [r0]
        add     r0, r0, r8
        cmp     r4, r1
        itt     gt
        movgt   r1, r4
        movgt   r2, r3
        adds    r3, r3, #1
        subs    r5, r5, #1
        bne     1b
        add     r7, r7, r9
        subs    r6, r6, #1
        bne     2b
        strb    r1, [r10], #1
        ldr     r4, [sp, #L_C]
        ldr     r5, [sp, #L_PIX]
        mla     r5, r5, r8, r4
        udiv    r3, r2, lr
        mls     r0, r3, lr, r2
        mla     r0, r0, r8, r5
        mla     r0, r3, r9, r0
        str     r0, [r11], #4
        adds    r5, r4, #1
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
        .size fqt_maxpool_fwd, . - fqt_maxpool_fwd
