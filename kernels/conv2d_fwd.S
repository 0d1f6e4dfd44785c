@ conv2d_fwd.S — conv2d forward with per-channel requantization and the ReLU/clamp mask,
@ golden op conv2d (CMSIS-NN arm_convolve_s8 semantics + mask).
@
@   void fqt_conv2d_fwd(const fqt_conv2d_fwd_args *args);     (kernels/fqt_kernels.h)
@
@ Paths, the first that applies: Winograd F(2×2, 3×3) for 3×3 stride-1 layers with in_c % 4 == 0,
@ in_c ≤ 32 and an arena of FQT_CONV2D_FWD_SCRATCH_WINO (conv2d_fwd_wino.inc); the sliding-window
@ fast path (below); the general method:
@
@ General method (CMSIS-NN style im2col + 2×2 register-blocked GEMM):
@  - two output positions at a time are expanded into im2col columns of K = kH·kW·in_c int16
@    values (x − z_x, 0 for taps in the padding), stored interleaved and permuted so that each
@    group of 4 k-values reads as word A = (k0, k2), word B = (k1, k3) — the order SXTB16 unpacks
@    4 int8 weights in. Fast path (in_c % 4 == 0, e.g. every 3×3 layer after the first): SXTAB16
@    builds A and B from one input word. General path: a natural-order int16 staging copy, then
@    PKHBT/PKHTB into the permuted layout; the K % 4 tail stays in natural order.
@  - two output channels × two positions: per 4 k, 2 weight words (LDR, SXTB16 ×4) and 4 column
@    words feed 8 SMLADs into 4 int32 accumulators initialised with the bias.
@  - each result is requantized exactly as arm_nn_requantize (SMULL + 2³⁰ nudge, >> 31, rounding
@    divide by 2^right with ties away from zero), + z_y, clamped, and its mask bit set.
@ Stack: 9 saved registers + 28 bytes = 64 bytes. Arena: the direct paths need
@ FQT_CONV2D_FWD_SCRATCH_DIRECT (the larger of 8·align4(K) and the fast path's).

        .syntax unified
        .thumb
        @ (same section: one position-independent image)

        .equ A_INPUT, 0
        .equ A_WEIGHTS, 4
        .equ A_BIAS, 8
        .equ A_OUTPUT, 12
        .equ A_MASK, 16
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
        .equ A_OUT_ZP, 72
        .equ A_MULT, 76
        .equ A_SHIFT, 80
        .equ A_ACT_MIN, 84
        .equ A_ACT_MAX, 88
        .equ A_SCRATCH, 92
        .equ A_SCRATCH_SIZE, 96

        .equ L_ARGS, 0
        .equ L_K, 4           @ K = kH·kW·in_c
        .equ L_P, 8           @ first output position of the pair
        .equ L_O, 12          @ first output channel of the pair
        .equ L_NP, 16         @ output positions
        .equ L_T0, 20
        .equ L_T1, 24
        .equ LOCALS, 28

        .section .text.entry,"ax",%progbits
        .global fqt_conv2d_fwd
        .type fqt_conv2d_fwd,%function
        .thumb_func
fqt_conv2d_fwd:
        push    {r4-r11, lr}
        sub.w   sp, sp, #LOCALS         @ (32-bit: keeps the loops below word-aligned without a NOP)
        str     r0, [sp, #L_ARGS]
        b.w     .Lwino_try
.Lgeneral:
        ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_K_H]
        ldr     r2, [r0, #A_K_W]
        mul     r1, r1, r2
        ldr     r2, [r0, #A_IN_C]
        mul     r1, r1, r2
        str     r1, [sp, #L_K]
        adds    r1, r1, #3
        bic     r1, r1, #3
        lsls    r1, r1, #3              @ 8·K4
        ldr     r3, [r0, #A_K_H]        @ the arena must hold FQT_CONV2D_FWD_SCRATCH_DIRECT, the larger
        ldr     r2, [r0, #A_IN_C]       @ of this and the fast path's 64 + 6·k_h·in_c·out_c
        mul     r3, r3, r2              @ + 128·k_h·in_c, whichever path runs
        ldr     r2, [r0, #A_OUT_C]
        mul     r2, r3, r2
        add     r2, r2, r2, lsl #1
        lsls    r2, r2, #1
        add     r2, r2, r3, lsl #7
        adds    r2, r2, #64
        cmp     r1, r2
        it      lo
        movlo   r1, r2
        ldr     r2, [r0, #A_SCRATCH_SIZE]
        cmp     r2, r1
        blo     .Lreturn
        @ positions, and zero the mask
        ldr     r1, [r0, #A_OUT_H]
        ldr     r2, [r0, #A_OUT_W]
        mul     r1, r1, r2
        str     r1, [sp, #L_NP]
        ldr     r2, [r0, #A_OUT_C]
        mul     r2, r1, r2
        adds    r2, r2, #7
        lsrs    r2, r2, #3
        ldr     r3, [r0, #A_MASK]
        movs    r4, #0
1:      strb    r4, [r3], #1
        subs    r2, r2, #1
        bne     1b
        str     r4, [sp, #L_P]

.Lpix:
        ldr     r0, [sp, #L_P]
        ldr     r1, [sp, #L_NP]
        cmp     r0, r1
        bhs     .Lreturn
        movs    r1, #0
        bl      build_col
        ldr     r0, [sp, #L_P]
        ldr     r1, [sp, #L_NP]
        adds    r0, r0, #1
        cmp     r0, r1
        it      hs
        subhs   r0, r0, #1              @ odd count: the last column repeats the position
        movs    r1, #1
        bl      build_col
        @ general path: permute the staging copies into the interleaved layout
        ldr     r12, [sp, #L_ARGS]
        ldr     r0, [r12, #A_IN_C]
        tst     r0, #3
        beq     .Lpermuted
        ldr     r7, [r12, #A_SCRATCH]   @ P
        ldr     r6, [sp, #L_K]
        adds    r5, r6, #3
        bic     r5, r5, #3              @ K4
        add     r4, r7, r5, lsl #2      @ S0 = P + 4·K4
        add     r5, r4, r5, lsl #1      @ S1 = S0 + 2·K4
        lsrs    r12, r6, #2             @ G
        beq     3f
2:      ldr     r0, [r4], #4            @ (k0, k1) of column 0
        ldr     r1, [r4], #4            @ (k2, k3)
        ldr     r2, [r5], #4
        ldr     r3, [r5], #4
        pkhbt   r8, r0, r1, lsl #16     @ (k0, k2)
        pkhtb   r9, r1, r0, asr #16     @ (k1, k3)
        pkhbt   r10, r2, r3, lsl #16
        pkhtb   r11, r3, r2, asr #16
        stmia   r7!, {r8-r11}
        subs    r12, r12, #1
        bne     2b
3:      ands    r6, r6, #3              @ tail: one word (col0, col1) per k
        beq     .Lpermuted
4:      ldrh    r0, [r4], #2
        ldrh    r1, [r5], #2
        orr     r0, r0, r1, lsl #16
        str     r0, [r7], #4
        subs    r6, r6, #1
        bne     4b
.Lpermuted:
        movs    r0, #0
        str     r0, [sp, #L_O]

.Lch:
        ldr     r12, [sp, #L_ARGS]
        ldr     r7, [sp, #L_O]          @ o
        ldr     r8, [r12, #A_OUT_C]
        cmp     r7, r8
        bhs     .Lpix_next
        ldr     r6, [sp, #L_K]
        ldr     r4, [r12, #A_WEIGHTS]
        mla     r4, r7, r6, r4          @ row o
        ldr     r9, [r12, #A_BIAS]
        ldr     r0, [r9, r7, lsl #2]
        mov     r1, r0
        adds    r10, r7, #1
        cmp     r10, r8
        ite     lo
        movlo   r5, r6                  @ row stride to o+1
        movhs   r5, #0                  @ no o+1: row 1 repeats row 0
        ite     lo
        ldrlo   r2, [r9, r10, lsl #2]   @ bias[o+1]
        movhs   r2, r0
        mov     r3, r2
        ldr     r6, [r12, #A_SCRATCH]   @ columns
        ldr     r7, [sp, #L_K]
        lsrs    r7, r7, #2              @ G
        cbz     r7, .Ltail
        .p2align 2
.Lk4:   ldr     r9, [r4, r5]            @ row 1: w0 w1 w2 w3
        ldr     r8, [r4], #4            @ row 0
        ldr     r12, [r6]               @ column 0: (k0, k2)
        ldr     lr, [r6, #4]            @ column 0: (k1, k3)
        sxtb16  r10, r8, ror #8
        sxtb16  r8, r8
        sxtb16  r11, r9, ror #8
        sxtb16  r9, r9
        smlad   r0, r8, r12, r0
        smlad   r0, r10, lr, r0
        smlad   r2, r9, r12, r2
        smlad   r2, r11, lr, r2
        ldr     r12, [r6, #8]           @ column 1
        ldr     lr, [r6, #12]
        adds    r6, r6, #16
        smlad   r1, r8, r12, r1
        smlad   r1, r10, lr, r1
        smlad   r3, r9, r12, r3
        smlad   r3, r11, lr, r3
        subs    r7, r7, #1
        bne     .Lk4
.Ltail:
        ldr     r7, [sp, #L_K]
        ands    r7, r7, #3
        beq     .Lepilogue
1:      ldrsb   r9, [r4, r5]
        ldrsb   r8, [r4], #1
        ldr     r12, [r6], #4           @ (col0, col1)
        smlabb  r0, r8, r12, r0
        smlabt  r1, r8, r12, r1
        smlabb  r2, r9, r12, r2
        smlabt  r3, r9, r12, r3
        subs    r7, r7, #1
        bne     1b

.Lepilogue:
        mov     r8, r0
        mov     r9, r1
        mov     r10, r2
        mov     r11, r3
        ldr     r12, [sp, #L_ARGS]
        ldr     r5, [r12, #A_OUT_C]
        ldr     r6, [sp, #L_O]
        ldr     r7, [sp, #L_P]
        mla     r4, r7, r5, r6          @ n00 = p·out_c + o
        mov     r0, r8
        mov     r1, r6
        mov     r2, r4
        bl      finish
        ldr     r7, [sp, #L_P]
        ldr     r1, [sp, #L_NP]
        adds    r7, r7, #1
        cmp     r7, r1
        bhs     1f
        mov     r0, r9
        mov     r1, r6
        add     r2, r4, r5
        bl      finish
1:      adds    r6, r6, #1
        cmp     r6, r5
        bhs     .Lch_next
        mov     r0, r10
        mov     r1, r6
        adds    r2, r4, #1
        bl      finish
        ldr     r7, [sp, #L_P]
        ldr     r1, [sp, #L_NP]
        adds    r7, r7, #1
        cmp     r7, r1
        bhs     .Lch_next
        mov     r0, r11
        mov     r1, r6
        add     r2, r4, r5
        adds    r2, r2, #1
        bl      finish
.Lch_next:
        ldr     r0, [sp, #L_O]
        adds    r0, r0, #2
        str     r0, [sp, #L_O]
        b       .Lch
.Lpix_next:
        ldr     r0, [sp, #L_P]
        adds    r0, r0, #2
        str     r0, [sp, #L_P]
        b       .Lpix

.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
@ ---- fast path: k_w = 3, stride_w = 1, in_c % 4 == 0, 6 ≤ out_w ≤ 62 ----
@ Sliding window along the row: for one output channel o and 6 consecutive output positions,
@ each (kh, channel pair) step loads the 3 tap weights (w0, w1, w2) and the 8 input words
@ x0..x7 of the row buffer and does 18 SMLADs (a_j += w0·x_j + w1·x_{j+1} + w2·x_{j+2}): every
@ loaded input word feeds up to 3 SMLADs, every weight word 6.
@  - weights, once: WX[o][kh][ip][kw] int16 pairs, ip = channel pairs in SXTB16 order
@    ((c0, c2), (c1, c3) of every 4 channels);
@  - per output row: the k_h input rows it needs (only those inside the input) as
@    RB[r][ip][col] = (x − z_x) int16 pairs, col = 0..out_w+1 (64 words per ip; 0 in the padding);
@  - the rows of kh outside the input are skipped (no MACs on the vertical padding);
@  - positions in blocks of 6 (the last block overlaps the previous one when out_w % 6 ≠ 0).
@ Arena: 64-byte frame (6 accumulators + loop state), WX, RB — FQT_CONV2D_FWD_SCRATCH_FAST.
        .equ F_OH, 24
        .equ F_OW0, 28
        .equ F_O, 32
        .equ F_KH0, 36
        .equ F_CNT, 40
        .equ F_QB, 44
        .equ F_CB, 48
        .equ F_WX, 52
        .equ F_RB, 56
        .equ F_MB, 60

@ REQ J: requantize accumulator J of the frame exactly as arm_nn_requantize (fqt_finish.inc),
@ + z_y, clamp, store the byte and set its mask bit; then the index moves to the next position.
@ r0 = frame, r1 = output, r2 = flat index, r3 = out_c, r4 = M, r5 = left, r6 = right,
@ r7 = 2^right − 1, r8 = z_y, r9 = act_min, r10 = act_max; r11, r12, lr scratch.
        .macro REQ J
        ldr     r11, [r0, #4*\J]
        lsl     r11, r11, r5
        smull   r12, lr, r11, r4
        adds    r12, r12, #0x40000000
        adc     lr, lr, #0
        lsrs    r12, r12, #31
        orr     r11, r12, lr, lsl #1    @ (t·M + 2³⁰) >> 31
        and     r12, r11, r7            @ remainder
        lsr     lr, r7, #1
        add     lr, lr, r11, lsr #31    @ threshold
        asrs    r11, r11, r6
        cmp     r12, lr
        it      gt
        addgt   r11, r11, #1
        add     r11, r11, r8            @ v
        movs    lr, #0
        cmp     r11, r9
        it      gt
        movgt   lr, #1                  @ v > act_min
        it      le
        movle   r11, r9
        cmp     r11, r10
        itt     gt
        movgt   lr, #0                  @ v > act_max
        movgt   r11, r10
        strb    r11, [r1, r2]
        and     r12, r2, #7
        lsl     lr, lr, r12
        ldr     r12, [r0, #F_MB]
        add     r12, r12, r2, lsr #3
        ldrb    r11, [r12]
        orr     r11, r11, lr
        strb    r11, [r12]
        add     r2, r2, r3
        .endm

@ one (kh, channel pair) step; W = byte offset into the weights, X = into the row buffer
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

.Lfast_try:                             @ r0 = args; falls back to .Lgeneral
        ldr     r1, [r0, #A_K_W]
        cmp     r1, #3
        bne     .Lgeneral
        ldr     r1, [r0, #A_S_W]
        cmp     r1, #1
        bne     .Lgeneral
        ldr     r1, [r0, #A_IN_C]
        tst     r1, #3
        bne     .Lgeneral
        ldr     r2, [r0, #A_OUT_W]
        cmp     r2, #6
        blo     .Lgeneral
        cmp     r2, #62
        bhi     .Lgeneral
        ldr     r3, [r0, #A_K_H]
        mul     r4, r3, r1              @ k_h·in_c
        ldr     r5, [r0, #A_OUT_C]
        mul     r6, r4, r5
        add     r6, r6, r6, lsl #1
        lsls    r6, r6, #1              @ 6·k_h·in_c·out_c
        add     r6, r6, r4, lsl #7      @ + 128·k_h·in_c
        adds    r6, r6, #64
        ldr     r7, [r0, #A_SCRATCH_SIZE]
        cmp     r7, r6
        blo     .Lgeneral
        ldr     r4, [r0, #A_SCRATCH]    @ F
        @ zero the mask
        ldr     r1, [r0, #A_OUT_H]
        ldr     r2, [r0, #A_OUT_W]
        mul     r1, r1, r2
        ldr     r2, [r0, #A_OUT_C]
        mul     r1, r1, r2
        adds    r1, r1, #7
        lsrs    r1, r1, #3
        ldr     r3, [r0, #A_MASK]
        movs    r2, #0
1:      strb    r2, [r3], #1
        subs    r1, r1, #1
        bne     1b
        @ frame constants
        ldr     r1, [r0, #A_IN_C]
        lsrs    r1, r1, #1              @ Q channel pairs
        movs    r2, #12
        mul     r2, r1, r2              @ QB = 12·Q: weight bytes per kh
        str     r2, [r4, #F_QB]
        ldr     r3, [r0, #A_K_H]
        mul     r3, r3, r2              @ CB: weight bytes per output channel
        str     r3, [r4, #F_CB]
        add     r5, r4, #64             @ WX
        str     r5, [r4, #F_WX]
        ldr     r6, [r0, #A_OUT_C]
        mla     r6, r6, r3, r5          @ RB = WX + out_c·CB
        str     r6, [r4, #F_RB]
        @ expand the weights: WX[o][kh][2q + {0,1}][kw] = SXTB16(W[o][kh][kw][4q..4q+3] {ror 0, 8})
        ldr     r7, [r0, #A_WEIGHTS]
        ldr     r8, [r0, #A_OUT_C]
        ldr     r9, [r0, #A_K_H]
        mul     r8, r8, r9              @ (o, kh) groups
        ldr     r9, [r0, #A_IN_C]
        lsrs    r9, r9, #2              @ G
.Lwx_g:
        movs    r10, #0
.Lwx_kw:
        add     r11, r5, r10
        mov     r12, r9
.Lwx_q:
        ldr     r2, [r7], #4
        sxtb16  r3, r2
        sxtb16  r2, r2, ror #8
        str     r3, [r11]
        str     r2, [r11, #12]
        adds    r11, r11, #24
        subs    r12, r12, #1
        bne     .Lwx_q
        adds    r10, r10, #4
        cmp     r10, #12
        bne     .Lwx_kw
        add     r5, r5, r9, lsl #4
        add     r5, r5, r9, lsl #3      @ + 24·G
        subs    r8, r8, #1
        bne     .Lwx_g
        movs    r1, #0
        str     r1, [r4, #F_OH]

.Lf_row:
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [r0, #A_SCRATCH]
        ldr     r1, [r4, #F_OH]
        ldr     r2, [r0, #A_OUT_H]
        cmp     r1, r2
        bhs     .Lreturn
        ldr     r2, [r0, #A_S_H]
        mul     r1, r1, r2
        ldr     r2, [r0, #A_P_H]
        subs    r1, r1, r2              @ ih0 (signed)
        rsbs    r2, r1, #0
        it      lt
        movlt   r2, #0                  @ kh0 = max(0, −ih0)
        ldr     r3, [r0, #A_IN_H]
        subs    r3, r3, r1
        ldr     r5, [r0, #A_K_H]
        cmp     r3, r5
        it      gt
        movgt   r3, r5                  @ kh1 = min(k_h, in_h − ih0)
        subs    r6, r3, r2
        it      lt
        movlt   r6, #0                  @ kv rows inside the input
        str     r2, [r4, #F_KH0]
        ldr     r7, [r0, #A_IN_C]
        lsrs    r7, r7, #1
        mul     r12, r6, r7
        str     r12, [r4, #F_CNT]       @ (kh, pair) steps
        cmp     r6, #0
        beq     .Lf_blocks
        ldr     r5, [r4, #F_RB]
        ldr     r8, [r0, #A_IN_C]
        lsls    r8, r8, #7              @ row bytes = Q·256
        mla     r5, r2, r8, r5          @ RB row of kh0
        add     r1, r1, r2              @ ih of kh0
        ldr     r12, [r0, #A_IN_ZP]
        rsbs    r12, r12, #0
        uxth    r3, r12
        orr     r12, r3, r12, lsl #16   @ (−z_x, −z_x)
.Lf_build_row:
        ldr     r8, [r0, #A_P_W]
        rsbs    r8, r8, #0              @ iw of col 0
        mov     r9, r5
        ldr     r10, [r0, #A_OUT_W]
        adds    r10, r10, #2            @ columns
.Lf_col:
        ldr     r11, [r0, #A_IN_W]
        ldr     r2, [r0, #A_IN_C]
        lsrs    lr, r2, #2
        mov     r3, r9
        cmp     r8, r11
        bhs     .Lf_colzero             @ iw < 0 or iw ≥ in_w
        mla     r11, r1, r11, r8
        ldr     r7, [r0, #A_INPUT]
        mla     r11, r11, r2, r7        @ &x[ih, iw, 0]
1:      ldr     r2, [r11], #4
        sxtab16 r7, r12, r2             @ (x0 − z, x2 − z)
        sxtab16 r2, r12, r2, ror #8     @ (x1 − z, x3 − z)
        str     r7, [r3]
        str     r2, [r3, #256]
        add     r3, r3, #512
        subs    lr, lr, #1
        bne     1b
        b       .Lf_colnext
.Lf_colzero:
        movs    r2, #0
2:      str     r2, [r3]
        str     r2, [r3, #256]
        add     r3, r3, #512
        subs    lr, lr, #1
        bne     2b
.Lf_colnext:
        adds    r9, r9, #4
        adds    r8, r8, #1
        subs    r10, r10, #1
        bne     .Lf_col
        ldr     r2, [r0, #A_IN_C]
        add     r5, r5, r2, lsl #7
        adds    r1, r1, #1
        subs    r6, r6, #1
        bne     .Lf_build_row

.Lf_blocks:
        movs    r1, #0
        str     r1, [r4, #F_OW0]
.Lf_blk:
        movs    r1, #0
        str     r1, [r4, #F_O]
.Lf_ch:
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [r0, #A_SCRATCH]
        ldr     r7, [r4, #F_O]
        ldr     r1, [r0, #A_BIAS]
        ldr     r1, [r1, r7, lsl #2]    @ bias[o]
        ldr     r11, [r4, #F_WX]
        ldr     r2, [r4, #F_CB]
        ldr     r3, [r4, #F_KH0]
        mla     r11, r7, r2, r11
        ldr     r2, [r4, #F_QB]
        mla     r11, r3, r2, r11        @ pw = WX + o·CB + kh0·QB
        ldr     r12, [r4, #F_RB]
        ldr     r2, [r0, #A_IN_C]
        mul     r3, r3, r2
        add     r12, r12, r3, lsl #7
        ldr     r2, [r4, #F_OW0]
        add     r12, r12, r2, lsl #2    @ px = RB + kh0·Q·256 + 4·ow0
        ldr     lr, [r4, #F_CNT]
        mov     r0, r1
        mov     r2, r1
        mov     r3, r1
        mov     r4, r1
        mov     r5, r1
        cmp     lr, #0
        beq     .Lf_done
        .p2align 2
.Lf_k:
        SLIDE   0, 0
        SLIDE   12, 256
        adds    r11, r11, #24
        add     r12, r12, #512
        subs    lr, lr, #2
        bne     .Lf_k
.Lf_done:
        ldr     r6, [sp, #L_ARGS]
        ldr     r6, [r6, #A_SCRATCH]
        stmia   r6, {r0-r5}
        ldr     r12, [sp, #L_ARGS]
        ldr     r1, [r6, #F_OH]
        ldr     r2, [r12, #A_OUT_W]
        ldr     r3, [r6, #F_OW0]
        mla     r1, r1, r2, r3          @ first position
        ldr     r3, [r12, #A_OUT_C]
        ldr     r7, [r6, #F_O]
        mla     r2, r1, r3, r7          @ its flat output index
        ldr     r1, [r12, #A_MASK]
        str     r1, [r6, #F_MB]
        ldr     r1, [r12, #A_MULT]
        ldr     r4, [r1, r7, lsl #2]    @ M
        ldr     r1, [r12, #A_SHIFT]
        ldr     r5, [r1, r7, lsl #2]    @ sh
        ldr     r8, [r12, #A_OUT_ZP]
        ldr     r9, [r12, #A_ACT_MIN]
        ldr     r10, [r12, #A_ACT_MAX]
        ldr     r1, [r12, #A_OUTPUT]
        rsbs    r6, r5, #0
        it      lt
        movlt   r6, #0                  @ right = max(−sh, 0)
        cmp     r5, #0
        it      lt
        movlt   r5, #0                  @ left = max(sh, 0)
        movs    r7, #1
        lsls    r7, r7, r6
        subs    r7, r7, #1              @ 2^right − 1
        ldr     r0, [sp, #L_ARGS]
        ldr     r0, [r0, #A_SCRATCH]
        REQ     0
        REQ     1
        REQ     2
        REQ     3
        REQ     4
        REQ     5
        ldr     r7, [r0, #F_O]
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [r0, #A_SCRATCH]
        adds    r7, r7, #1
        str     r7, [r4, #F_O]
        ldr     r1, [r0, #A_OUT_C]
        cmp     r7, r1
        blo     .Lf_ch
        ldr     r1, [r4, #F_OW0]
        ldr     r2, [r0, #A_OUT_W]
        subs    r2, r2, #6              @ last block start
        cmp     r1, r2
        bhs     .Lf_row_next
        adds    r1, r1, #6
        cmp     r1, r2
        it      hi
        movhi   r1, r2
        str     r1, [r4, #F_OW0]
        b       .Lf_blk
.Lf_row_next:
        ldr     r1, [r4, #F_OH]
        adds    r1, r1, #1
        str     r1, [r4, #F_OH]
        b       .Lf_row

        .size fqt_conv2d_fwd, . - fqt_conv2d_fwd

        .include "fqt_finish.inc"

@ build_col: the im2col column of output position p into column slot j (0/1).
@ Fast path (in_c % 4 == 0): straight into the interleaved, permuted layout at scratch + 8j.
@ General path: natural-order int16 staging copy at scratch + K4·(4 + 2j).
@ In: r0 = p, r1 = j. Clobbers r0–r12 (not lr). Leaf.
        .type build_col,%function
        .thumb_func
build_col:
        ldr     r12, [sp, #L_ARGS]
        ldr     r2, [r12, #A_OUT_W]
        udiv    r3, r0, r2              @ oh
        mls     r4, r3, r2, r0          @ ow
        ldr     r2, [r12, #A_S_H]
        ldr     r5, [r12, #A_P_H]
        mul     r3, r3, r2
        subs    r2, r3, r5              @ ih of kh = 0
        ldr     r5, [r12, #A_S_W]
        ldr     r6, [r12, #A_P_W]
        mul     r4, r4, r5
        subs    r4, r4, r6              @ iw of kw = 0
        ldr     r11, [r12, #A_IN_ZP]
        ldr     r9, [r12, #A_IN_C]
        ldr     r10, [r12, #A_SCRATCH]
        tst     r9, #3
        bne     .Lgeneric
        @ ---- fast path ----
        add     r1, r10, r1, lsl #3     @ d = P + 8j
        rsbs    r11, r11, #0
        uxth    r10, r11
        orr     r11, r10, r11, lsl #16  @ (−z_x, −z_x)
        ldr     r3, [r12, #A_K_H]
.Lf_kh:
        ldr     r5, [r12, #A_K_W]
        mov     r6, r4
.Lf_kw:
        ldr     r8, [r12, #A_IN_C]
        lsrs    r8, r8, #2
        ldr     r9, [r12, #A_IN_H]
        cmp     r2, r9
        bhs     .Lf_zero                @ ih < 0 or ih ≥ in_h (unsigned)
        ldr     r9, [r12, #A_IN_W]
        cmp     r6, r9
        bhs     .Lf_zero
        mla     r7, r2, r9, r6
        ldr     r9, [r12, #A_IN_C]
        ldr     r10, [r12, #A_INPUT]
        mla     r7, r7, r9, r10         @ &x[ih, iw, 0]
1:      ldr     r9, [r7], #4
        sxtab16 r10, r11, r9            @ (x0 − z, x2 − z)
        sxtab16 r9, r11, r9, ror #8     @ (x1 − z, x3 − z)
        str     r10, [r1]
        str     r9, [r1, #4]
        adds    r1, r1, #16
        subs    r8, r8, #1
        bne     1b
        b       .Lf_next
.Lf_zero:
        movs    r9, #0
2:      str     r9, [r1]
        str     r9, [r1, #4]
        adds    r1, r1, #16
        subs    r8, r8, #1
        bne     2b
.Lf_next:
        adds    r6, r6, #1
        subs    r5, r5, #1
        bne     .Lf_kw
        adds    r2, r2, #1
        subs    r3, r3, #1
        bne     .Lf_kh
        bx      lr
        @ ---- general path ----
.Lgeneric:
        ldr     r3, [sp, #L_K]
        adds    r3, r3, #3
        bic     r3, r3, #3              @ K4
        lsls    r1, r1, #1
        adds    r1, r1, #4
        mla     r1, r1, r3, r10         @ d = scratch + K4·(4 + 2j)
        ldr     r3, [r12, #A_K_H]
.Lg_kh:
        ldr     r5, [r12, #A_K_W]
        mov     r6, r4
.Lg_kw:
        ldr     r8, [r12, #A_IN_C]
        ldr     r9, [r12, #A_IN_H]
        cmp     r2, r9
        bhs     .Lg_zero
        ldr     r9, [r12, #A_IN_W]
        cmp     r6, r9
        bhs     .Lg_zero
        mla     r7, r2, r9, r6
        ldr     r10, [r12, #A_INPUT]
        mla     r7, r7, r8, r10
3:      ldrsb   r9, [r7], #1
        subs    r9, r9, r11
        strh    r9, [r1], #2
        subs    r8, r8, #1
        bne     3b
        b       .Lg_next
.Lg_zero:
        movs    r9, #0
4:      strh    r9, [r1], #2
        subs    r8, r8, #1
        bne     4b
.Lg_next:
        adds    r6, r6, #1
        subs    r5, r5, #1
        bne     .Lg_kw
        adds    r2, r2, #1
        subs    r3, r3, #1
        bne     .Lg_kh
        bx      lr
        .size build_col, . - build_col

@ the Winograd path (a continuation of fqt_conv2d_fwd: same stack frame, returns through .Lreturn)
        .include "conv2d_fwd_wino.inc"
