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
@     so the inner loop never tests them. The out_c % 4 tail channels follow: a pair (out_c & 2)
@     as 4 words (W[o0], W[o1]), one per input channel, then a single (out_c & 1) as 4 halfwords.
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
        .equ A_LIST, 72       @ the compacted copy only: its channel list (na, then bytes), or 0

        @ stack locals
        .equ L_ARGS, 0
        .equ L_PE, 4          @ error row of the current output position
        .equ L_PG, 8          @ g_x of the current input position
        .equ L_NOW, 12        @ output positions left in this row
        .equ L_IB, 16         @ channel blocks left at this position
        .equ L_NG, 20         @ out_c: groups of 4 (bits 2+), a pair (bit 1), a single (bit 0)
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
        .equ F_ESTRIDE, 52    @ error bytes per output position (out_c; align4 when compacted)
        .equ F_LIST, 56       @ compacted with a list: the list (na, then bytes); else 0
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
@ [sp+L_PE] the error row, [sp+L_NG] = out_c. Clobbers r6–r12, lr.
        .macro BLOCK
        ldr     r6, [sp, #L_PE]
        ldr     r7, [sp, #L_NG]
        lsrs    r7, r7, #3              @ pairs of groups; C = an odd group
        bcc     5f
        GROUP
5:      cbz     r7, 8f
7:      GROUP
        GROUP
        subs    r7, r7, #1
        bne     7b
8:      @ out_c % 4 tail: a pair of channels, then a single one
        ldr     r7, [sp, #L_NG]
        lsls    r7, r7, #30             @ Z: no tail; N: a pair (no flags change below)
        beq     9f
        bpl     6f
        ldrsb   lr, [r6, #1]
        ldrsb   r8, [r6], #2
        ldm     r5!, {r9-r12}           @ c0 (W[o0], W[o1]), c1, c2, c3
        pkhbt   r8, r8, lr, lsl #16     @ (e0, e1)
        smlad   r0, r9, r8, r0
        smlad   r1, r10, r8, r1
        smlad   r2, r11, r8, r2
        smlad   r3, r12, r8, r3
6:      lsls    r7, r7, #1              @ N: a single
        bpl     9f
        ldrsb   r8, [r6], #1
        ldm     r5!, {r9, r10}          @ (c0, c1), (c2, c3) halfwords
        smlabb  r0, r9, r8, r0
        smlatb  r1, r9, r8, r1
        smlabb  r2, r10, r8, r2
        smlatb  r3, r10, r8, r3
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
        movs    r1, #0
        str     r1, [sp, #L_T1]         @ the caller's args while a compacted copy runs
        ldr     r1, [r0, #A_ACTIVE]
        cmp     r1, #0
        beq     .Lentry

        @ ---- 0. dynamic partial update: run the same kernel on the active channels only ----
        @ The na active output channels are compacted at the arena's end: a copy of the args
        @ (out_c = na', active = NULL, the arena shortened), the channel list and the error
        @ tensor's columns (rows of align4(na') bytes, so error words stay aligned). The sum over
        @ output channels simply has fewer terms. The general path takes any na' = na (its tail
        @ handles out_c % 4; the weight transposition reads each slot's channel through the
        @ list, A_LIST); where the sliding fast path can run, na' = na rounded up to 4 with zero
        @ channels and the weights of the slots are copied too (A_LIST = 0). If na' ≥ out_c, or
        @ the arena cannot hold the copies and the smaller problem, inactive channels are zeroed
        @ in the transposed weights instead.
        ldr     r2, [r0, #A_OUT_C]
        cmp     r2, #0
        beq     .Lentry
        ldr     r3, [r0, #A_SCRATCH]    @ channel list at the arena's start (used only here)
        ldr     r12, [r0, #A_SCRATCH_SIZE]
        cmp     r12, r2
        bls     .Lentry
        movs    r5, #0                  @ o
        movs    r6, #0                  @ na
1:      lsrs    r7, r5, #3
        ldrb    r7, [r1, r7]
        and     r8, r5, #7
        lsrs    r7, r7, r8
        lsls    r7, r7, #31
        itt     ne
        strbne  r5, [r3, r6]
        addne   r6, r6, #1
        adds    r5, r5, #1
        cmp     r5, r2
        blo     1b
        bl      fast_geometry           @ Z: the sliding fast path could run
        mov     r7, r6                  @ na'
        mov     r4, #0                  @ copy the weights? (0: the list is used; no flags)
        bne     2f
        adds    r7, r6, #3
        bic     r7, r7, #3
        movs    r4, #1
2:      cmp     r7, #0
        it      eq
        moveq   r7, #1                  @ no active channel: one zero channel
        tst     r4, #1
        it      ne
        addne   r7, r7, #3              @ (keeps a multiple of 4: 1 → 4)
        it      ne
        bicne   r7, r7, #3
        cmp     r7, r2
        bhs     .Lentry                 @ no fewer channels
        ldr     r8, [r0, #A_K_H]
        ldr     r9, [r0, #A_K_W]
        mul     r8, r8, r9
        ldr     r9, [r0, #A_IN_C]
        mul     r8, r8, r9              @ TI: weight bytes per output channel
        cmp     r4, #0
        it      ne
        movne   r4, r8
        mul     r9, r4, r7
        adds    r9, r9, #3
        bic     r9, r9, #3              @ WB (0 with the list)
        ldr     r10, [r0, #A_OUT_H]
        ldr     r11, [r0, #A_OUT_W]
        mul     r10, r10, r11
        adds    r11, r7, #3
        bic     r11, r11, #3            @ S: error bytes per position
        mul     r10, r10, r11           @ EB
        add     r11, r9, r10
        adds    lr, r2, #7
        bic     lr, lr, #3              @ LB: na (word) + out_c bytes
        add     r11, r11, lr
        adds    r11, r11, #80           @ C = 80 + LB + WB + EB
        adds    lr, r2, #3
        bic     lr, lr, #3
        add     lr, lr, r11
        adds    lr, lr, #64
        cmp     r12, lr
        bls     .Lentry
        sub     r11, r12, r11
        add     r11, r11, r3
        bic     r11, r11, #3            @ base: the args copy
        movs    r5, #0
3:      ldr     r1, [r0, r5]
        str     r1, [r11, r5]
        adds    r5, r5, #4
        cmp     r5, #72
        blo     3b
        movs    r1, #0
        str     r1, [r11, #A_ACTIVE]
        str     r7, [r11, #A_OUT_C]
        sub     r1, r11, r3
        str     r1, [r11, #A_SCRATCH_SIZE]
        str     r0, [sp, #L_T1]
        str     r11, [sp, #L_ARGS]
        @ the list: na, then the channels
        add     r5, r11, #80
        str     r6, [r5], #4
        movs    r1, #0
4:      cmp     r1, r6
        bhs     5f
        ldrb    r12, [r3, r1]
        strb    r12, [r5, r1]
        adds    r1, r1, #1
        b       4b
5:      adds    r5, r2, #3
        bic     r5, r5, #3
        add     r5, r5, r11
        add     r5, r5, #84             @ the weights (WB bytes), then the error
        cmp     r4, #0
        itte    eq
        addeq   r1, r11, #80
        streq   r1, [r11, #A_LIST]
        strne   r5, [r11, #A_WEIGHTS]
        beq     9f
        movs    r1, #0
        str     r1, [r11, #A_LIST]
        @ weights: the TI bytes of each active channel, then (na' − na)·TI zeros
        ldr     lr, [r0, #A_WEIGHTS]
        movs    r9, #0                  @ k
6:      cmp     r9, r6
        bhs     8f
        ldrb    r12, [r3, r9]
        mla     r12, r12, r8, lr
        mov     r10, r8
        tst     r8, #3
        bne     7f
10:     ldr     r1, [r12], #4
        str     r1, [r5], #4
        subs    r10, r10, #4
        bne     10b
        adds    r9, r9, #1
        b       6b
7:      ldrb    r1, [r12], #1
        strb    r1, [r5], #1
        subs    r10, r10, #1
        bne     7b
        adds    r9, r9, #1
        b       6b
8:      subs    r10, r7, r6
        mul     r10, r10, r8
        movs    r1, #0
        cmp     r10, #0
        beq     11f
12:     strb    r1, [r5], #1
        subs    r10, r10, #1
        bne     12b
11:     adds    r5, r5, #3
        bic     r5, r5, #3
9:      @ error: per output position the na active bytes (two per step) at a stride of S; the
        @ S − na bytes after them are never used (the general path reads na bytes of a row; the
        @ fast path multiplies the padding channels by their zero weights)
        str     r5, [r11, #A_ERROR]
        ldr     r12, [r0, #A_OUT_H]
        ldr     r10, [r0, #A_OUT_W]
        mul     r10, r10, r12           @ P
        ldr     lr, [r0, #A_ERROR]
        adds    r8, r7, #3
        bic     r8, r8, #3
        subs    r8, r8, r6              @ bytes skipped per position
13:     mov     r9, r3                  @ the list
        lsrs    r12, r6, #1
        beq     15f
14:     ldrb    r4, [r9], #1
        ldrb    r11, [r9], #1
        ldrb    r4, [lr, r4]
        ldrb    r11, [lr, r11]
        strb    r4, [r5], #1
        strb    r11, [r5], #1
        subs    r12, r12, #1
        bne     14b
15:     tst     r6, #1
        beq     16f
        ldrb    r4, [r9]
        ldrb    r4, [lr, r4]
        strb    r4, [r5], #1
16:     add     r5, r5, r8
        add     lr, lr, r2
        subs    r10, r10, #1
        bne     13b
        ldr     r0, [sp, #L_ARGS]

.Lentry:                                @ r0 = the args in use ([sp + L_ARGS])
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
        @ the arena must hold FQT_CONV_BWD_SCRATCH, the larger of this and the fast path's
        @ 64 + 6·kH·in_c·out_c + 128·(2kH − 1)·out_c, whichever path runs
        ldr     r8, [r0, #A_K_H]
        ldr     r9, [r0, #A_IN_C]
        ldr     r10, [r0, #A_OUT_C]
        mul     r11, r8, r9
        mul     r11, r11, r10
        add     r11, r11, r11, lsl #1
        lsls    r11, r11, #1            @ 6·kH·in_c·out_c
        lsls    r12, r8, #1
        subs    r12, r12, #1
        mul     r12, r12, r10
        add     r11, r11, r12, lsl #7
        adds    r11, r11, #64
        cmp     r11, r6
        it      lo
        movlo   r11, r6
        cmp     r7, r11
        blo     .Lnofit
        @ fast path: the geometry fast_geometry accepts and out_c % 4 == 0
        bl      fast_geometry
        bne     1f
        tst     r10, #3
        beq     .Lfast
1:
        str     r1, [r4, #F_NIB]
        str     r2, [r4, #F_BLK]
        str     r3, [r4, #F_TAPB]
        add     r7, r4, #FRAME
        str     r7, [r4, #F_WT]
        ldr     r8, [r0, #A_OUT_C]
        str     r8, [sp, #L_NG]
        ldr     r9, [sp, #L_T1]         @ compacted: error rows of align4(out_c) bytes
        cmp     r9, #0
        itt     ne
        addne   r9, r8, #3
        bicne   r8, r9, #3
        str     r8, [r4, #F_ESTRIDE]
        ldr     r9, [sp, #L_T1]         @ (L_T1 is a temporary from here on)
        cmp     r9, #0
        it      ne
        ldrne   r9, [r0, #A_LIST]
        str     r9, [r4, #F_LIST]
        ldr     r8, [r0, #A_OUT_C]
        lsr     r8, r8, #2
        str     r8, [r4, #F_NG]
        ldr     r8, [r0, #A_S_W]
        ldr     r9, [r0, #A_IN_C]
        mul     r8, r8, r9
        lsls    r8, r8, #2
        str     r8, [r4, #F_GSTEP]

        @ ---- 1a. zero the transposed-weight area (T·tapb bytes, a multiple of 8) ----
        @ Not needed when 1b writes every halfword: in_c % 4 == 0 (no padding channels) and
        @ every slot holds a channel (no active mask; compacted: na ≥ 1).
        ldr     r3, [r0, #A_IN_C]
        tst     r3, #3
        bne     2f
        ldr     r3, [r0, #A_ACTIVE]
        cbnz    r3, 2f
        ldr     r3, [r4, #F_LIST]
        cbz     r3, 3f
        ldr     r3, [r3]
        cbnz    r3, 3f
2:      subs    r6, r6, #FRAME
        movs    r8, #0
        movs    r9, #0
1:      stmia   r7!, {r8, r9}
        subs    r6, r6, #8
        bne     1b
3:

        @ ---- 1b. scatter W (read in OHWI order) into the transposed layout ----
        @ r0 args, r4 arena, r5 T
        ldr     r10, [r0, #A_WEIGHTS]   @ src
        movs    r11, #0                 @ o
.Lw_o:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_OUT_C]
        cmp     r11, r1
        bhs     .Lw_done
        @ compacted with a list: slot o reads channel list[o]; slots ≥ na stay 0
        ldr     r2, [r4, #F_LIST]
        cbz     r2, 1f
        ldr     r3, [r2], #4            @ na
        cmp     r11, r3
        bhs     .Lw_next_o
        ldrb    r3, [r2, r11]
        ldr     r10, [r0, #A_WEIGHTS]
        ldr     r12, [r0, #A_IN_C]
        mul     r12, r12, r5            @ T·in_c
        mla     r10, r3, r12, r10
        b       2f
1:      @ inactive channel?  (active == NULL or bit o set)
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
        sub     r12, r11, r8, lsl #2    @ t = o − 4·ng: the tail's 0, 1 or 2
        movs    r7, #2                  @ a single: 4 halfwords (c0..c3)
        tst     r1, #2
        beq     4f                      @ no pair: the single is t = 0
        cmp     r12, #2
        itee    hs
        addhs   r6, r6, #16             @ the single after the pair
        addlo   r6, r6, r12, lsl #1     @ the pair: words (W[o0], W[o1]), one per c
        movlo   r7, #4
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
        ldr     r6, [r4, #F_ESTRIDE]
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
        ldr     r2, [r4, #F_ESTRIDE]
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

.Lnofit:                                @ the compacted problem does not fit: run the caller's
        ldr     r0, [sp, #L_T1]
        cmp     r0, #0
        beq     .Lreturn
        movs    r1, #0
        str     r1, [sp, #L_T1]
        str     r0, [sp, #L_ARGS]
        b       .Lentry
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}

@ ---- fast path: stride 1, k_w = 3, out_c % 4 == 0, pad_w <= 2, pad_h < k_h, 6 <= in_w <= 62 ----
@ At stride 1 the input gradient is a forward correlation of the error with the spatially flipped,
@ channel-transposed weights: g_x[ih,iw,i] = Σ_{kh',kw',o} WF[i,kh',kw',o]·e[ih − pH' + kh',
@ iw − pW' + kw', o], WF[i,kh',kw',o] = W[o, kH−1−kh', 2−kw', i], pH' = kH−1−pH, pW' = 2−pW.
@ conv2d_fwd's sliding window runs it: for one input channel i and 6 consecutive positions, each
@ (kh', error-channel pair) step loads 3 weight words and 8 error words and does 18 SMLADs.
@  - weights, once: WX[i][kh'][p][kw'] int16 pairs, p = error-channel pairs in SXTB16 order
@    ((o0, o2), (o1, o3) of every 4 channels); inactive output channels are 0;
@  - error rows as int16 pairs RB[p][col] (64 words per p, col = iw + kw', 0 outside the error),
@    each built once into a ring of kH slots mirrored into kH − 1 more, so the kv rows an input row
@    needs are always contiguous; rows outside the error are skipped (no MACs on the padding);
@  - positions in blocks of 6; 1–4 positions left take a 4-wide block at in_w − 4, 5 left a
@    6-wide block at in_w − 6 (overlapping positions are computed twice, stored the same).
        .equ FB_IH, 0
        .equ FB_OW0, 4
        .equ FB_I, 8
        .equ FB_CNT, 12
        .equ FB_QB, 16        @ weight bytes per kh': 12·Q
        .equ FB_CB, 20        @ weight bytes per input channel: kH·QB
        .equ FB_WX, 24
        .equ FB_RB, 28
        .equ FB_RBY, 32       @ bytes per ring row: 128·out_c
        .equ FB_NEXT, 36      @ next error row to build
        .equ FB_PX, 40
        .equ FB_PW, 44
        .equ FB_DST, 48
        .equ FB_STR, 52       @ g_x bytes between positions: 4·in_c
        .equ FB_PWR, 56       @ weights of kh0
        .equ FB_PXR, 60       @ ring row of kh0
        .equ L_FR, 4          @ the frame (aliases L_PE, unused by the fast path)

@ one (kh', channel pair) step; W = byte offset into the weights, X = into the row buffer
        .macro SLIDE W, X
        ldr     r6, [r11, #\W]          @ w0
        ldr     r7, [r11, #\W+4]        @ w1
        ldr     r9, [r12, #\X]          @ x0
        ldr     r10, [r12, #\X+4]       @ x1
        ldr     r8, [r11, #\W+8]        @ w2
        smlad   r0, r6, r9, r0
        smlad   r0, r7, r10, r0
        smlad   r1, r6, r10, r1
        ldr     r9, [r12, #\X+8]        @ x2
        ldr     r10, [r12, #\X+12]      @ x3
        smlad   r0, r8, r9, r0
        smlad   r1, r7, r9, r1
        smlad   r2, r6, r9, r2
        smlad   r1, r8, r10, r1
        smlad   r2, r7, r10, r2
        smlad   r3, r6, r10, r3
        ldr     r9, [r12, #\X+16]       @ x4
        ldr     r10, [r12, #\X+20]      @ x5
        smlad   r2, r8, r9, r2
        smlad   r3, r7, r9, r3
        smlad   r4, r6, r9, r4
        smlad   r3, r8, r10, r3
        smlad   r4, r7, r10, r4
        smlad   r5, r6, r10, r5
        ldr     r9, [r12, #\X+24]       @ x6
        ldr     r10, [r12, #\X+28]      @ x7
        smlad   r4, r8, r9, r4
        smlad   r5, r7, r9, r5
        smlad   r5, r8, r10, r5
        .endm

@ SLIDE for a block of 4 positions (the row's tail)
        .macro SLIDE4 W, X
        ldr     r6, [r11, #\W]
        ldr     r7, [r11, #\W+4]
        ldr     r9, [r12, #\X]
        ldr     r10, [r12, #\X+4]
        ldr     r8, [r11, #\W+8]
        smlad   r0, r6, r9, r0
        smlad   r0, r7, r10, r0
        smlad   r1, r6, r10, r1
        ldr     r9, [r12, #\X+8]
        ldr     r10, [r12, #\X+12]
        smlad   r0, r8, r9, r0
        smlad   r1, r7, r9, r1
        smlad   r2, r6, r9, r2
        smlad   r1, r8, r10, r1
        smlad   r2, r7, r10, r2
        smlad   r3, r6, r10, r3
        ldr     r9, [r12, #\X+16]
        ldr     r10, [r12, #\X+20]
        smlad   r2, r8, r9, r2
        smlad   r3, r7, r9, r3
        smlad   r3, r8, r10, r3
        .endm

@ three kw' of one weight pair: (W[o], W[o+2]) at r5, r5 − in_c, r5 − 2·in_c → [r6], r6 += 12
        .macro GATHER3
        ldrsb   r8, [r5]
        ldrsb   r9, [r5, lr]
        sub     r5, r5, r1
        pkhbt   r8, r8, r9, lsl #16
        str     r8, [r6], #4
        ldrsb   r8, [r5]
        ldrsb   r9, [r5, lr]
        sub     r5, r5, r1
        pkhbt   r8, r8, r9, lsl #16
        str     r8, [r6], #4
        ldrsb   r8, [r5]
        ldrsb   r9, [r5, lr]
        add     r5, r5, r1, lsl #1
        pkhbt   r8, r8, r9, lsl #16
        str     r8, [r6], #4
        .endm

.Lfast:                                 @ r0 = args, r4 = arena
        str     r4, [sp, #L_FR]
        ldr     r1, [r0, #A_OUT_C]
        lsrs    r2, r1, #1              @ Q
        movs    r3, #12
        mul     r2, r2, r3              @ QB
        str     r2, [r4, #FB_QB]
        ldr     r3, [r0, #A_K_H]
        mul     r5, r3, r2              @ CB
        str     r5, [r4, #FB_CB]
        add     r6, r4, #64             @ WX
        str     r6, [r4, #FB_WX]
        ldr     r7, [r0, #A_IN_C]
        mla     r8, r7, r5, r6          @ RB = WX + in_c·CB
        str     r8, [r4, #FB_RB]
        lsls    r9, r1, #7
        str     r9, [r4, #FB_RBY]
        lsls    r7, r7, #2
        str     r7, [r4, #FB_STR]
        @ gather WX (r6 = dst): base of (i, kh') = W + ((kH−1−kh')·3 + 2)·in_c + i
        ldr     r1, [r0, #A_IN_C]
        add     r2, r3, r3, lsl #1      @ 3kH
        mul     r2, r2, r1              @ S_o: bytes between output channels
        lsl     lr, r2, #1              @ 2·S_o
        add     r12, r3, r3, lsl #1
        subs    r12, r12, #1            @ 3kH − 1
        ldr     r10, [r0, #A_WEIGHTS]
        mla     r10, r12, r1, r10       @ base of (i = 0, kh' = 0)
        mov     r12, r1                 @ channels left
.Lg_i:
        ldr     r11, [r0, #A_K_H]
        mov     r3, r10
.Lg_kh:
        mov     r5, r3
        ldr     r7, [r0, #A_OUT_C]
        lsrs    r7, r7, #2
.Lg_q:
        GATHER3                         @ p = 2q: (o0, o0+2)
        add     r5, r5, r2
        GATHER3                         @ p = 2q+1: (o0+1, o0+3)
        add     r5, r5, r2
        add     r5, r5, lr              @ next 4 output channels
        subs    r7, r7, #1
        bne     .Lg_q
        add     r8, r1, r1, lsl #1
        subs    r3, r3, r8              @ next kh' (kh − 1)
        subs    r11, r11, #1
        bne     .Lg_kh
        adds    r10, r10, #1
        subs    r12, r12, #1
        bne     .Lg_i
        @ inactive output channels: their halfwords become 0
        ldr     r1, [r0, #A_ACTIVE]
        cbz     r1, .Lg_done
        movs    r2, #0                  @ o
.Lz_o:
        lsrs    r3, r2, #3
        ldrb    r3, [r1, r3]
        and     r5, r2, #7
        lsrs    r3, r3, r5
        lsls    r3, r3, #31
        bne     .Lz_next
        lsrs    r5, r2, #2
        and     r6, r2, #1
        add     r5, r6, r5, lsl #1      @ p
        movs    r6, #12
        ldr     r7, [r4, #FB_WX]
        mla     r5, r5, r6, r7
        and     r6, r2, #2
        add     r5, r5, r6              @ + 2·h
        ldr     r6, [r0, #A_IN_C]
        ldr     r7, [r0, #A_K_H]
        mul     r6, r6, r7              @ (i, kh') groups
        ldr     r7, [r4, #FB_QB]
        movs    r8, #0
1:      strh    r8, [r5]
        strh    r8, [r5, #4]
        strh    r8, [r5, #8]
        add     r5, r5, r7
        subs    r6, r6, #1
        bne     1b
.Lz_next:
        adds    r2, r2, #1
        ldr     r3, [r0, #A_OUT_C]
        cmp     r2, r3
        blo     .Lz_o
.Lg_done:
        movs    r1, #0
        str     r1, [r4, #FB_IH]
        str     r1, [r4, #FB_NEXT]

.Lr_row:
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [sp, #L_FR]
        ldr     r1, [r4, #FB_IH]
        ldr     r2, [r0, #A_IN_H]
        cmp     r1, r2
        bhs     .Lreturn
        ldr     r2, [r0, #A_K_H]
        ldr     r3, [r0, #A_P_H]
        subs    r3, r2, r3
        subs    r3, r3, #1              @ pH'
        subs    r1, r1, r3              @ ohf = ih − pH' (signed)
        rsbs    r5, r1, #0
        it      lt
        movlt   r5, #0                  @ kh0 = max(0, −ohf)
        ldr     r6, [r0, #A_OUT_H]
        subs    r6, r6, r1
        cmp     r6, r2
        it      gt
        movgt   r6, r2                  @ kh1 = min(kH, out_h − ohf)
        subs    r7, r6, r5              @ kv
        it      lt
        movlt   r7, #0
        ldr     r8, [r0, #A_OUT_C]
        lsrs    r8, r8, #1
        mul     r8, r8, r7
        str     r8, [r4, #FB_CNT]       @ (kh', pair) steps
        ldr     r9, [r4, #FB_QB]
        ldr     r10, [r4, #FB_WX]
        mla     r10, r5, r9, r10
        str     r10, [r4, #FB_PWR]
        cmp     r7, #0
        beq     .Lr_blocks
        add     r5, r5, r1              @ first error row
        str     r5, [r4, #FB_PXR]
        add     r6, r6, r1              @ end of the error rows
        str     r6, [sp, #L_T1]
.Lr_build:
        ldr     r4, [sp, #L_FR]
        ldr     r1, [r4, #FB_NEXT]
        ldr     r6, [sp, #L_T1]
        cmp     r1, r6
        bge     .Lr_built
        adds    r2, r1, #1
        str     r2, [r4, #FB_NEXT]
        bl      build_erow
        b       .Lr_build
.Lr_built:
        ldr     r5, [r4, #FB_PXR]
        ldr     r0, [sp, #L_ARGS]
        ldr     r2, [r0, #A_K_H]
        udiv    r3, r5, r2
        mls     r3, r3, r2, r5          @ its ring slot
        ldr     r6, [r4, #FB_RBY]
        ldr     r7, [r4, #FB_RB]
        mla     r7, r3, r6, r7
        str     r7, [r4, #FB_PXR]
.Lr_blocks:
        movs    r1, #0
        str     r1, [r4, #FB_OW0]
        str     r1, [sp, #L_NOW]        @ block width: 0 → 6, 1 → 4
.Lr_blk:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r4, #FB_OW0]
        ldr     r2, [r4, #FB_PXR]
        add     r2, r2, r1, lsl #2
        str     r2, [r4, #FB_PX]
        ldr     r3, [r4, #FB_IH]
        ldr     r5, [r0, #A_IN_W]
        mla     r3, r3, r5, r1          @ ih·in_w + ow0
        ldr     r5, [r0, #A_IN_C]
        str     r5, [r4, #FB_I]
        mul     r3, r3, r5
        ldr     r6, [r0, #A_GX]
        add     r3, r6, r3, lsl #2
        str     r3, [r4, #FB_DST]
        ldr     r3, [r4, #FB_PWR]
        str     r3, [r4, #FB_PW]
        ldr     r3, [sp, #L_NOW]
        cmp     r3, #0
        bne     .Lr_ch4
.Lr_ch:
        ldr     r6, [sp, #L_FR]
        ldr     r11, [r6, #FB_PW]
        ldr     r12, [r6, #FB_PX]
        ldr     lr, [r6, #FB_CNT]
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        movs    r4, #0
        movs    r5, #0
        cmp     lr, #0
        beq     .Lr_done
        .p2align 2
.Lr_k:
        SLIDE   0, 0
        SLIDE   12, 256
        adds    r11, r11, #24
        add     r12, r12, #512
        subs    lr, lr, #2
        bne     .Lr_k
.Lr_done:
        ldr     r6, [sp, #L_FR]
        ldr     r7, [r6, #FB_DST]
        ldr     r8, [r6, #FB_STR]
        str     r0, [r7]
        str     r1, [r7, r8]
        add     r9, r7, r8, lsl #1
        str     r2, [r9]
        str     r3, [r9, r8]
        add     r9, r9, r8, lsl #1
        str     r4, [r9]
        str     r5, [r9, r8]
        adds    r7, r7, #4
        str     r7, [r6, #FB_DST]
        ldr     r9, [r6, #FB_PW]
        ldr     r10, [r6, #FB_CB]
        add     r9, r9, r10
        str     r9, [r6, #FB_PW]
        ldr     r1, [r6, #FB_I]
        subs    r1, r1, #1
        str     r1, [r6, #FB_I]
        bne     .Lr_ch
        mov     r4, r6
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r4, #FB_OW0]
        ldr     r2, [r0, #A_IN_W]
        adds    r1, r1, #6
        subs    r3, r2, r1              @ positions left
        beq     .Lr_next
        cmp     r3, #5
        bhs     1f
        subs    r1, r2, #4              @ 1–4 left: a 4-wide block at in_w − 4
        movs    r3, #1
        str     r3, [sp, #L_NOW]
        b       2f
1:      it      eq
        subeq   r1, r2, #6              @ 5 left: a 6-wide block at in_w − 6
2:      str     r1, [r4, #FB_OW0]
        b       .Lr_blk
@ the 4-wide tail block
.Lr_ch4:
        ldr     r6, [sp, #L_FR]
        ldr     r11, [r6, #FB_PW]
        ldr     r12, [r6, #FB_PX]
        ldr     lr, [r6, #FB_CNT]
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     lr, #0
        beq     .Lr_done4
        .p2align 2
.Lr_k4:
        SLIDE4  0, 0
        SLIDE4  12, 256
        adds    r11, r11, #24
        add     r12, r12, #512
        subs    lr, lr, #2
        bne     .Lr_k4
.Lr_done4:
        ldr     r6, [sp, #L_FR]
        ldr     r7, [r6, #FB_DST]
        ldr     r8, [r6, #FB_STR]
        str     r0, [r7]
        str     r1, [r7, r8]
        add     r9, r7, r8, lsl #1
        str     r2, [r9]
        str     r3, [r9, r8]
        adds    r7, r7, #4
        str     r7, [r6, #FB_DST]
        ldr     r9, [r6, #FB_PW]
        ldr     r10, [r6, #FB_CB]
        add     r9, r9, r10
        str     r9, [r6, #FB_PW]
        ldr     r1, [r6, #FB_I]
        subs    r1, r1, #1
        str     r1, [r6, #FB_I]
        bne     .Lr_ch4
        mov     r4, r6
.Lr_next:
        ldr     r1, [r4, #FB_IH]
        adds    r1, r1, #1
        str     r1, [r4, #FB_IH]
        b       .Lr_row
        .size fqt_conv_bwd, . - fqt_conv_bwd

@ fast_geometry: Z set (EQ) when the sliding fast path's geometry holds for the args at r0:
@ stride 1, k_w = 3, pad_w ≤ 2, pad_h < k_h, 6 ≤ in_w ≤ 62 (out_c % 4 is the caller's test).
@ Clobbers r8, r9. Leaf.
        .type fast_geometry,%function
        .thumb_func
fast_geometry:
        ldr     r8, [r0, #A_S_H]
        cmp     r8, #1
        bne     1f
        ldr     r8, [r0, #A_S_W]
        cmp     r8, #1
        bne     1f
        ldr     r8, [r0, #A_K_W]
        cmp     r8, #3
        bne     1f
        ldr     r8, [r0, #A_P_W]
        cmp     r8, #2
        bhi     1f
        ldr     r8, [r0, #A_P_H]
        ldr     r9, [r0, #A_K_H]
        cmp     r8, r9
        bhs     1f
        ldr     r8, [r0, #A_IN_W]
        cmp     r8, #6
        blo     1f
        cmp     r8, #63
        bhs     1f
        cmp     r8, r8                  @ EQ
        bx      lr
1:      movs    r8, #1                  @ NE
        bx      lr
        .size fast_geometry, . - fast_geometry

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

@ build_erow: error row r1 = oh as int16 pairs into ring slot oh mod kH and its mirror slot
@ (oh mod kH) + kH (the same slot again for the last one). Leaf; clobbers r0–r12 (not lr).
        .p2align 2                      @ build_erow at 2 mod 4 puts its column loop's first
        nop                             @ (32-bit) instruction on a word: no refill penalty
        .type build_erow,%function
        .thumb_func
build_erow:
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [sp, #L_FR]
        ldr     r2, [r0, #A_K_H]
        udiv    r3, r1, r2
        mls     r3, r3, r2, r1          @ s
        ldr     r6, [r4, #FB_RBY]
        ldr     r5, [r4, #FB_RB]
        mla     r5, r3, r6, r5          @ slot s
        mul     r7, r2, r6              @ kH·RBY
        subs    r2, r2, #1
        cmp     r3, r2
        it      eq
        moveq   r7, #0
        add     r7, r7, r5              @ mirror
        ldr     r8, [r0, #A_OUT_W]
        ldr     r9, [r0, #A_OUT_C]
        mul     r10, r1, r8
        mul     r10, r10, r9
        ldr     r11, [r0, #A_ERROR]
        add     r10, r10, r11           @ &e[oh, 0, 0]
        ldr     r11, [r0, #A_P_W]
        subs    r11, r11, #2            @ ow of column 0
        ldr     r12, [r0, #A_IN_W]
        adds    r12, r12, #2            @ columns
.Le_col:
        lsrs    r6, r9, #2
        mov     r1, r5
        mov     r2, r7
        cmp     r11, r8
        bhs     .Le_zero                @ ow < 0 or ow ≥ out_w
        mla     r3, r11, r9, r10
1:      ldr     r0, [r3], #4
        sxtb16  r4, r0                  @ (e0, e2)
        sxtb16  r0, r0, ror #8          @ (e1, e3)
        str     r4, [r1]
        str     r0, [r1, #256]
        str     r4, [r2]
        str     r0, [r2, #256]
        add     r1, r1, #512
        add     r2, r2, #512
        subs    r6, r6, #1
        bne     1b
        b       2f
.Le_zero:
        movs    r0, #0
3:      str     r0, [r1]
        str     r0, [r1, #256]
        str     r0, [r2]
        str     r0, [r2, #256]
        add     r1, r1, #512
        add     r2, r2, #512
        subs    r6, r6, #1
        bne     3b
2:      adds    r5, r5, #4
        adds    r7, r7, #4
        adds    r11, r11, #1
        subs    r12, r12, #1
        bne     .Le_col
        bx      lr
        .size build_erow, . - build_erow
