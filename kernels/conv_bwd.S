@ conv_bwd.S — input gradient of conv2d (transposed convolution), golden op conv2dInputGrad.
@
@   void fqt_conv_bwd(const fqt_conv_bwd_args *args);        (kernels/fqt_kernels.h)
@
@   g_x[ih,iw,i] = Σ_{oh,ow,o,kh,kw : ih = oh·sH − pH + kh, iw = ow·sW − pW + kw} W[o,kh,kw,i]·e[oh,ow,o]
@
@ Method (scatter over taps, gather over output channels):
@  1. The OHWI int8 weights are transposed into the arena as int16, grouped by tap and by blocks of
@     4 input channels; inside a block the output channels come in groups of 4 laid out to match
@     SXTB16's unpacking of 4 error bytes: for channel c of the block, word A = (W[o0], W[o2]) and
@     word B = (W[o1], W[o3]). Inactive output channels and padding channels (i ≥ in_c) are 0,
@     so the inner loop never tests them. The out_c % 4 tail channels follow as 4 halfwords each.
@  2. g_x is zeroed.
@  3. For each tap (kh, kw), each output position whose tap lands inside the input, and each
@     block of 4 input channels: load the 4 int32 accumulators, add Σ_o WT·e with SMLAD (one error
@     word → SXTB16 ×2 → 8 SMLADs against two LDM-loaded quads of weights), store them back.
@
@ Stack: 9 saved registers + 28 bytes of locals = 64 bytes. Arena: 64-byte frame + transposed
@ weights (FQT_CONV_BWD_SCRATCH). Position independent; no literal pools.

        .syntax unified
        .thumb
        @ (same section: one position-independent image)

        @ fqt_conv_bwd_args offsets
        .equ A_ERROR, 0
        .equ A_WEIGHTS, 4
        .equ A_GX, 8
        .equ A_ACTIVE, 12
        .equ A_IN_H, 16
        .equ A_IN_W, 20
        .equ A_IN_C, 24
        .equ A_OUT_H, 28
        .equ A_OUT_W, 32
        .equ A_OUT_C, 36
        .equ A_K_H, 40
        .equ A_K_W, 44
        .equ A_S_H, 48
        .equ A_S_W, 52
        .equ A_P_H, 56
        .equ A_P_W, 60
        .equ A_SCRATCH, 64
        .equ A_SCRATCH_SIZE, 68

        @ stack locals
        .equ L_ARGS, 0
        .equ L_PE, 4          @ error row of the current output position
        .equ L_PG, 8          @ g_x of the current input position
        .equ L_NOW, 12        @ output positions left in this row
        .equ L_IB, 16         @ channel blocks left at this position
        .equ L_NG, 20         @ full groups of 4 output channels
        .equ L_T1, 24
        .equ LOCALS, 28

        @ arena frame (first 64 bytes of the arena)
        .equ F_KH, 0
        .equ F_KW, 4
        .equ F_OH, 8
        .equ F_OHHI, 12
        .equ F_OWLO, 16
        .equ F_OWHI, 20
        .equ F_PWTAP, 24      @ transposed weights of the current tap
        .equ F_NIB, 28        @ channel blocks (ceil(in_c/4))
        .equ F_BLK, 32        @ bytes per block: 8·out_c
        .equ F_GSTEP, 36      @ g_x bytes between output positions: sW·in_c·4
        .equ F_TAPB, 40       @ bytes per tap: nib·blk
        .equ F_WT, 44         @ the transposed weights
        .equ F_NG, 48         @ full groups of 4 output channels
        .equ FRAME, 64

@ GROUP: 4 output channels × the 4 input channels of a block: one error word → SXTB16 ×2,
@ two LDM-loaded weight quads, 8 SMLADs. r6 = error pointer, r5 = weights.
        .macro GROUP
        ldr     r8, [r6], #4            @ e0 e1 e2 e3
        ldm     r5!, {r9-r12}           @ c0A c0B c1A c1B
        sxtb16  lr, r8, ror #8          @ (e1, e3)
        sxtb16  r8, r8                  @ (e0, e2)
        smlad   r0, r9, r8, r0
        smlad   r0, r10, lr, r0
        smlad   r1, r11, r8, r1
        smlad   r1, r12, lr, r1
        ldm     r5!, {r9-r12}           @ c2A c2B c3A c3B
        smlad   r2, r9, r8, r2
        smlad   r2, r10, lr, r2
        smlad   r3, r11, r8, r3
        smlad   r3, r12, lr, r3
        .endm

@ BLOCK: r0–r3 += Σ_o WT[c][o]·e[o] for the 4 channels of one block (inlined twice).
@ In: r0–r3 accumulators, r5 = transposed weights of the block (advanced by 8·out_c),
@ [sp+L_PE] the error row, [sp+L_NG] the full output-channel groups. Clobbers r6–r12, lr.
        .macro BLOCK
        ldr     r6, [sp, #L_PE]
        ldr     r7, [sp, #L_NG]
        lsrs    r7, r7, #1
        bcc     5f
        GROUP
5:      cbz     r7, 8f
7:      GROUP
        GROUP
        subs    r7, r7, #1
        bne     7b
8:      @ out_c % 4 tail: 4 halfwords (c0..c3) per output channel
        ldr     r7, [sp, #L_ARGS]
        ldr     r7, [r7, #A_OUT_C]
        ands    r7, r7, #3
        beq     9f
6:      ldrsb   r8, [r6], #1
        ldm     r5!, {r9, r10}
        smlabb  r0, r9, r8, r0
        smlatb  r1, r9, r8, r1
        smlabb  r2, r10, r8, r2
        smlatb  r3, r10, r8, r3
        subs    r7, r7, #1
        bne     6b
9:
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_conv_bwd
        .type fqt_conv_bwd,%function
        .thumb_func
fqt_conv_bwd:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]

        @ ---- sizes and the arena check ----
        ldr     r4, [r0, #A_SCRATCH]
        ldr     r1, [r0, #A_IN_C]
        adds    r1, r1, #3
        lsrs    r1, r1, #2              @ nib
        ldr     r2, [r0, #A_OUT_C]
        lsls    r2, r2, #3              @ blk = 8·out_c
        mul     r3, r1, r2              @ tapb
        ldr     r5, [r0, #A_K_H]
        ldr     r6, [r0, #A_K_W]
        mul     r5, r5, r6              @ T
        mul     r6, r5, r3              @ T·tapb
        adds    r6, r6, #FRAME          @ need
        ldr     r7, [r0, #A_SCRATCH_SIZE]
        cmp     r7, r6
        blo     .Lreturn
        str     r1, [r4, #F_NIB]
        str     r2, [r4, #F_BLK]
        str     r3, [r4, #F_TAPB]
        add     r7, r4, #FRAME
        str     r7, [r4, #F_WT]
        ldr     r8, [r0, #A_OUT_C]
        lsr     r8, r8, #2
        str     r8, [r4, #F_NG]
        str     r8, [sp, #L_NG]
        ldr     r8, [r0, #A_S_W]
        ldr     r9, [r0, #A_IN_C]
        mul     r8, r8, r9
        lsls    r8, r8, #2
        str     r8, [r4, #F_GSTEP]

        @ ---- 1a. zero the transposed-weight area (T·tapb bytes, a multiple of 8) ----
        subs    r6, r6, #FRAME
        movs    r8, #0
        movs    r9, #0
1:      stmia   r7!, {r8, r9}
        subs    r6, r6, #8
        bne     1b

        @ ---- 1b. scatter W (read in OHWI order) into the transposed layout ----
        @ r0 args, r4 arena, r5 T
        ldr     r10, [r0, #A_WEIGHTS]   @ src
        movs    r11, #0                 @ o
.Lw_o:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_OUT_C]
        cmp     r11, r1
        bhs     .Lw_done
        @ inactive channel?  (active == NULL or bit o set)
        ldr     r2, [r0, #A_ACTIVE]
        cbz     r2, 2f
        lsrs    r3, r11, #3
        ldrb    r3, [r2, r3]
        and     r12, r11, #7
        lsrs    r3, r3, r12
        lsls    r3, r3, #31
        bne     2f
        @ skip T·in_c source bytes
        ldr     r3, [r0, #A_IN_C]
        mla     r10, r5, r3, r10
        b       .Lw_next_o
2:      @ innerO (r6) and channel stride cs (r7)
        ldr     r8, [r4, #F_NG]
        lsrs    r3, r11, #2             @ og
        cmp     r3, r8
        bhs     3f
        lsls    r6, r3, #5              @ og·32
        and     r12, r11, #1
        add     r6, r6, r12, lsl #2     @ + 4·(j&1)
        and     r12, r11, #2
        add     r6, r6, r12             @ + 2·((j>>1)&1)
        movs    r7, #8
        b       4f
3:      lsls    r6, r8, #5              @ ng·32
        sub     r12, r11, r8, lsl #2    @ o − 4·ng
        add     r6, r6, r12, lsl #3
        movs    r7, #2
4:      ldr     r8, [r4, #F_WT]
        add     r6, r6, r8              @ base of tap 0
        ldr     r9, [r4, #F_BLK]
        ldr     r3, [r4, #F_TAPB]
        str     r3, [sp, #L_T1]
        mov     lr, r5                  @ taps left
.Lw_t:
        ldr     r1, [sp, #L_ARGS]
        ldr     r1, [r1, #A_IN_C]       @ n
        mov     r2, r6                  @ d
5:      ldrsb   r8, [r10], #1
        strh    r8, [r2]
        subs    r1, r1, #1
        beq     6f
        ldrsb   r8, [r10], #1
        strh    r8, [r2, r7]
        subs    r1, r1, #1
        beq     6f
        ldrsb   r8, [r10], #1
        add     r12, r2, r7, lsl #1
        strh    r8, [r12]
        subs    r1, r1, #1
        beq     6f
        ldrsb   r8, [r10], #1
        add     r12, r12, r7
        strh    r8, [r12]
        add     r2, r2, r9
        subs    r1, r1, #1
        bne     5b
6:      ldr     r3, [sp, #L_T1]
        add     r6, r6, r3              @ next tap
        subs    lr, lr, #1
        bne     .Lw_t
.Lw_next_o:
        adds    r11, r11, #1
        b       .Lw_o
.Lw_done:

        @ ---- 2. zero g_x ----
        ldr     r0, [sp, #L_ARGS]
        ldr     r7, [r0, #A_GX]
        ldr     r1, [r0, #A_IN_H]
        ldr     r2, [r0, #A_IN_W]
        mul     r1, r1, r2
        ldr     r2, [r0, #A_IN_C]
        mul     r6, r1, r2              @ words
        movs    r8, #0
        movs    r9, #0
        movs    r10, #0
        movs    r11, #0
        subs    r6, r6, #4
        blo     2f
1:      stmia   r7!, {r8-r11}
        subs    r6, r6, #4
        bhs     1b
2:      adds    r6, r6, #4
        beq     3f
4:      str     r8, [r7], #4
        subs    r6, r6, #1
        bne     4b
3:
        @ ---- 3. taps ----
        movs    r1, #0
        str     r1, [r4, #F_KH]
.Lkh:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r4, #F_KH]
        ldr     r2, [r0, #A_K_H]
        cmp     r1, r2
        bhs     .Lreturn
        movs    r1, #0
        str     r1, [r4, #F_KW]
.Lkw:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r4, #F_KW]
        ldr     r2, [r0, #A_K_W]
        cmp     r1, r2
        bhs     .Lkh_next
        @ tap weights: WT + (kh·kW + kw)·tapb
        ldr     r3, [r4, #F_KH]
        mla     r3, r3, r2, r1
        ldr     r5, [r4, #F_TAPB]
        ldr     r6, [r4, #F_WT]
        mla     r3, r3, r5, r6
        str     r3, [r4, #F_PWTAP]
        @ ow range for kw
        mov     r0, r1
        ldr     r3, [sp, #L_ARGS]
        ldr     r1, [r3, #A_P_W]
        ldr     r2, [r3, #A_S_W]
        ldr     r12, [r3, #A_OUT_W]
        ldr     r3, [r3, #A_IN_W]
        bl      tap_range
        cmp     r1, r0
        ble     .Lkw_next
        str     r0, [r4, #F_OWLO]
        str     r1, [r4, #F_OWHI]
        @ oh range for kh
        ldr     r0, [r4, #F_KH]
        ldr     r3, [sp, #L_ARGS]
        ldr     r1, [r3, #A_P_H]
        ldr     r2, [r3, #A_S_H]
        ldr     r12, [r3, #A_OUT_H]
        ldr     r3, [r3, #A_IN_H]
        bl      tap_range
        cmp     r1, r0
        ble     .Lkw_next
        str     r0, [r4, #F_OH]
        str     r1, [r4, #F_OHHI]
.Loh:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r4, #F_OH]         @ oh
        @ pe = e + (oh·outW + owLo)·outC
        ldr     r2, [r0, #A_OUT_W]
        ldr     r3, [r4, #F_OWLO]
        mla     r5, r1, r2, r3
        ldr     r6, [r0, #A_OUT_C]
        ldr     r7, [r0, #A_ERROR]
        mla     r5, r5, r6, r7
        str     r5, [sp, #L_PE]
        @ ih = oh·sH − pH + kh ; iw0 = owLo·sW − pW + kw
        ldr     r2, [r0, #A_S_H]
        ldr     r5, [r0, #A_P_H]
        ldr     r6, [r4, #F_KH]
        mla     r1, r1, r2, r6
        subs    r1, r1, r5              @ ih
        ldr     r2, [r0, #A_S_W]
        ldr     r5, [r0, #A_P_W]
        ldr     r6, [r4, #F_KW]
        mla     r3, r3, r2, r6
        subs    r3, r3, r5              @ iw0
        @ pg = gx + ((ih·inW + iw0)·inC)·4
        ldr     r2, [r0, #A_IN_W]
        mla     r1, r1, r2, r3
        ldr     r2, [r0, #A_IN_C]
        mul     r1, r1, r2
        ldr     r2, [r0, #A_GX]
        add     r1, r2, r1, lsl #2
        str     r1, [sp, #L_PG]
        ldr     r1, [r4, #F_OWHI]
        ldr     r2, [r4, #F_OWLO]
        subs    r1, r1, r2
        str     r1, [sp, #L_NOW]
.Low:
        ldr     r5, [r4, #F_PWTAP]      @ pw
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_IN_C]
        ldr     r4, [sp, #L_PG]         @ pg (the frame pointer is reloaded below)
        lsrs    r1, r1, #2              @ full blocks of 4 input channels
        str     r1, [sp, #L_IB]
        beq     .Lpartial
.Lib:
        ldm     r4, {r0-r3}
        BLOCK
        stmia   r4!, {r0-r3}
        ldr     r7, [sp, #L_IB]
        subs    r7, r7, #1
        str     r7, [sp, #L_IB]
        bne     .Lib
.Lpartial:                              @ the in_c % 4 last channels
        ldr     r0, [sp, #L_ARGS]
        ldr     r7, [r0, #A_IN_C]
        ands    r7, r7, #3
        beq     .Lpos_done
        str     r7, [sp, #L_T1]
        ldr     r0, [r4]
        cmp     r7, #2
        it      hs
        ldrhs   r1, [r4, #4]
        cmp     r7, #3
        it      hs
        ldrhs   r2, [r4, #8]
        BLOCK
        ldr     r7, [sp, #L_T1]
        str     r0, [r4]
        cmp     r7, #2
        it      hs
        strhs   r1, [r4, #4]
        cmp     r7, #3
        it      hs
        strhs   r2, [r4, #8]
.Lpos_done:
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [r0, #A_SCRATCH]    @ the frame again
        @ next output position in the row
        ldr     r1, [sp, #L_PE]
        ldr     r0, [sp, #L_ARGS]
        ldr     r2, [r0, #A_OUT_C]
        add     r1, r1, r2
        str     r1, [sp, #L_PE]
        ldr     r1, [sp, #L_PG]
        ldr     r2, [r4, #F_GSTEP]
        add     r1, r1, r2
        str     r1, [sp, #L_PG]
        ldr     r1, [sp, #L_NOW]
        subs    r1, r1, #1
        str     r1, [sp, #L_NOW]
        bne     .Low
        @ next output row
        ldr     r1, [r4, #F_OH]
        adds    r1, r1, #1
        str     r1, [r4, #F_OH]
        ldr     r2, [r4, #F_OHHI]
        cmp     r1, r2
        blt     .Loh
.Lkw_next:
        ldr     r1, [r4, #F_KW]
        adds    r1, r1, #1
        str     r1, [r4, #F_KW]
        b       .Lkw
.Lkh_next:
        ldr     r1, [r4, #F_KH]
        adds    r1, r1, #1
        str     r1, [r4, #F_KH]
        b       .Lkh

.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_conv_bwd, . - fqt_conv_bwd

@ tap_range: the output positions [lo, hi) whose tap k lands inside the input:
@   lo = max(0, ceil((p − k)/s)),  hi = min(out, floor((in − 1 + p − k)/s) + 1)
@ In: r0 = k, r1 = p, r2 = s, r3 = in, r12 = out. Out: r0 = lo, r1 = hi (hi ≤ lo: empty).
        .type tap_range,%function
        .thumb_func
tap_range:
        subs    r1, r1, r0              @ d = p − k
        add     r3, r3, r1
        subs    r3, r3, #1              @ in − 1 + p − k
        bmi     2f
        udiv    r3, r3, r2
        adds    r3, r3, #1
        cmp     r3, r12
        it      hi
        movhi   r3, r12
        movs    r0, #0
        cmp     r1, #0
        ble     1f
        add     r1, r1, r2
        subs    r1, r1, #1
        udiv    r0, r1, r2
1:      mov     r1, r3
        bx      lr
2:      movs    r0, #0
        movs    r1, #0
        bx      lr
        .size tap_range, . - tap_range
