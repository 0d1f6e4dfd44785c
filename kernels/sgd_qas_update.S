@ sgd_qas_update.S — SGD with Quantization-Aware Scaling (MCUNetV3), golden ops sgdUpdateWeights
@ then sgdUpdateBias with one generator (FQT.md "SGD with QAS"):
@   per output channel c: sh = sh_u[c] − f; Δ = 0 when sh < −31 (underflow), else
@   nearest:    Δ = requantize(g, M_u[c], sh) = RDBPOT(SRDHM(g << left, M), right)
@   stochastic: h = SRDHM(g << left, M);  Δ = (h >> right) + (((h & m) + (r & m)) >> right),
@               m = 2^right − 1, r = one xorshift32 draw per element (flat order, weights then bias;
@               drawn also for skipped and underflowing elements)
@   W̄ ← SSAT8(QSUB(W̄, Δ))   (= sat8(W̄ − Δ) exactly);   b̄ ← QSUB(b̄, Δ)   (= sat32)
@ Channels whose bit in `active` is 0 and (static sparse update, OHWI only) input channels whose
@ bit in `active_in` is 0 keep their values.
@
@   void fqt_sgd_qas_update(const fqt_sgd_qas_update_args *args);   (kernels/fqt_kernels.h)
@
@ The tensor is a sequence of runs sharing one channel's (M, left, right): OHWI: one run of
@ per_channel elements per channel; depthwise 1HWC (layout 1): runs of one element, the channel
@ cycling through 0…channels−1. Per run the parameters are hoisted; the element loop is one of
@ four variants (int8/int32 × nearest/stochastic, plus the sparse int8 ones reading the
@ active_in bits pre-expanded to one byte per element of a channel in the arena).
@ Stack: 9 saved registers + 20 bytes = 56 bytes. Arena: FQT_SGD_QAS_UPDATE_SCRATCH.

        .syntax unified
        .thumb

        .equ A_W, 0
        .equ A_GW, 4
        .equ A_B, 8
        .equ A_GB, 12
        .equ A_NCH, 16
        .equ A_PER, 20
        .equ A_LAYOUT, 24
        .equ A_WM, 28
        .equ A_WS, 32
        .equ A_BM, 36
        .equ A_BS, 40
        .equ A_F, 44
        .equ A_MODE, 48
        .equ A_RNG, 52
        .equ A_ACTIVE, 56
        .equ A_ACTIVE_IN, 60
        .equ A_IN_C, 64
        .equ A_SCRATCH, 68
        .equ A_SCRATCH_SIZE, 72

        .equ L_ARGS, 0
        .equ L_RUNS, 4
        .equ L_C, 8
        .equ L_LEN, 12
        .equ L_SPARSE, 16
        .equ LOCALS, 20

@ The element loop: r4 = parameter pointer, r5 = gradient pointer, r6 = elements (≥ 1),
@ r7 = M, r8 = left, r9 = right, r10 = m = 2^right − 1; nearest: r11 = m/2; stochastic:
@ r11 = generator state; sparse: r12 = flag bytes. Clobbers r0–r3.
        .macro ULOOP size, stoch, sparse
1:
        .if \stoch
        eor     r11, r11, r11, lsl #13
        eor     r11, r11, r11, lsr #17
        eor     r11, r11, r11, lsl #5
        .endif
        ldr     r0, [r5], #4
        lsl     r0, r0, r8
        smull   r1, r2, r0, r7
        adds    r1, r1, #0x40000000
        adc     r2, r2, #0
        lsr     r1, r1, #31
        orr     r0, r1, r2, lsl #1      @ h = SRDHM(g << left, M)
        .if \stoch
        and     r1, r0, r10
        and     r2, r11, r10
        add     r1, r1, r2
        asr     r0, r0, r9
        lsr     r1, r1, r9
        add     r0, r0, r1
        .else
        and     r1, r0, r10             @ remainder
        add     r2, r11, r0, lsr #31    @ threshold
        asr     r0, r0, r9
        cmp     r1, r2
        it      gt
        addgt   r0, r0, #1
        .endif
        .if \sparse
        ldrb    r3, [r12], #1
        cbz     r3, 2f
        .endif
        .if \size == 1
        ldrsb   r1, [r4]
        qsub    r1, r1, r0
        ssat    r1, #8, r1
        strb    r1, [r4]
        .else
        ldr     r1, [r4]
        qsub    r1, r1, r0
        str     r1, [r4]
        .endif
2:      add     r4, r4, #\size
        subs    r6, r6, #1
        bne     1b
        .endm

@ The run loop of one tensor. r4, r5 = tensor and gradient pointers; L_RUNS, L_C, L_LEN set.
        .macro RUNS tag, mults, shifts, size, sparse
.Lrun_\tag:
        ldr     r3, [sp, #L_RUNS]
        subs    r3, r3, #1
        bmi     .Ldone_\tag
        str     r3, [sp, #L_RUNS]
        ldr     r0, [sp, #L_ARGS]
        ldr     r6, [sp, #L_LEN]
        ldr     r3, [sp, #L_C]          @ this run's channel
        adds    r1, r3, #1
        ldr     r2, [r0, #A_NCH]
        cmp     r1, r2
        it      eq
        moveq   r1, #0
        str     r1, [sp, #L_C]
        ldr     r1, [r0, #A_ACTIVE]
        cbz     r1, 1f
        lsrs    r2, r3, #3
        ldrb    r2, [r1, r2]
        and     r1, r3, #7
        lsrs    r2, r2, r1
        lsls    r2, r2, #31
        beq     .Lskip_\tag             @ inactive channel
1:      ldr     r1, [r0, #\shifts]
        ldr     r1, [r1, r3, lsl #2]
        ldr     r2, [r0, #A_F]
        subs    r1, r1, r2              @ sh = sh_u − f
        cmn     r1, #31
        blt     .Lskip_\tag             @ Δ = 0
        ldr     r7, [r0, #\mults]
        ldr     r7, [r7, r3, lsl #2]    @ M
        movs    r8, #0
        movs    r9, #0
        cmp     r1, #0
        ite     gt
        movgt   r8, r1                  @ left
        rsble   r9, r1, #0              @ right
        movs    r10, #1
        lsl     r10, r10, r9
        subs    r10, r10, #1            @ m
        ldr     r1, [r0, #A_MODE]
        cmp     r1, #0
        bne     .Lstoch_\tag
        lsr     r11, r10, #1
        .if \sparse
        ldr     r1, [sp, #L_SPARSE]
        cbz     r1, .Lnear_\tag
        ldr     r12, [r0, #A_SCRATCH]
        ULOOP   \size, 0, 1
        b       .Lrun_\tag
        .endif
.Lnear_\tag:
        ULOOP   \size, 0, 0
        b       .Lrun_\tag
.Lstoch_\tag:
        .if \sparse
        ldr     r1, [sp, #L_SPARSE]
        cbz     r1, .Lstoch0_\tag
        ldr     r12, [r0, #A_SCRATCH]
        ULOOP   \size, 1, 1
        b       .Lrun_\tag
        .endif
.Lstoch0_\tag:
        ULOOP   \size, 1, 0
        b       .Lrun_\tag
.Lskip_\tag:
        .if \size == 1
        add     r4, r4, r6
        .else
        add     r4, r4, r6, lsl #2
        .endif
        add     r5, r5, r6, lsl #2
        ldr     r1, [r0, #A_MODE]
        cmp     r1, #0
        beq     .Lrun_\tag
1:      eor     r11, r11, r11, lsl #13  @ the skipped elements' draws
        eor     r11, r11, r11, lsr #17
        eor     r11, r11, r11, lsl #5
        subs    r6, r6, #1
        bne     1b
        b       .Lrun_\tag
.Ldone_\tag:
        .endm

        .section .text.entry,"ax",%progbits
        .global fqt_sgd_qas_update
        .type fqt_sgd_qas_update,%function
        .thumb_func
fqt_sgd_qas_update:
        push    {r4-r11, lr}
        sub     sp, sp, #LOCALS
        str     r0, [sp, #L_ARGS]
        movs    r1, #0
        str     r1, [sp, #L_SPARSE]
        @ ---- static sparse update: active_in bits → one byte per element of a channel ----
        ldr     r1, [r0, #A_ACTIVE_IN]
        ldr     r2, [r0, #A_W]
        cbz     r1, 3f
        cbz     r2, 3f
        ldr     r2, [r0, #A_PER]
        adds    r3, r2, #3
        bic     r3, r3, #3
        ldr     r4, [r0, #A_SCRATCH_SIZE]
        cmp     r4, r3
        blo     .Lreturn                @ arena too small: write nothing
        ldr     r3, [r0, #A_SCRATCH]
        ldr     r4, [r0, #A_IN_C]
        movs    r5, #0                  @ i = k mod in_c
1:      lsrs    r6, r5, #3
        ldrb    r6, [r1, r6]
        and     r7, r5, #7
        lsrs    r6, r6, r7
        and     r6, r6, #1
        strb    r6, [r3], #1
        adds    r5, r5, #1
        cmp     r5, r4
        it      eq
        moveq   r5, #0
        subs    r2, r2, #1
        bne     1b
        movs    r1, #1
        str     r1, [sp, #L_SPARSE]
3:      ldr     r1, [r0, #A_MODE]
        cbz     r1, 4f
        ldr     r11, [r0, #A_RNG]
        ldr     r11, [r11]              @ generator state
4:      @ ---- weights ----
        ldr     r4, [r0, #A_W]
        cmp     r4, #0
        beq     5f
        ldr     r5, [r0, #A_GW]
        ldr     r1, [r0, #A_NCH]
        ldr     r2, [r0, #A_PER]
        ldr     r3, [r0, #A_LAYOUT]
        cbz     r3, 6f
        mul     r1, r1, r2              @ 1HWC: one run per element
        movs    r2, #1
6:      str     r1, [sp, #L_RUNS]
        str     r2, [sp, #L_LEN]
        movs    r1, #0
        str     r1, [sp, #L_C]
        RUNS    w, A_WM, A_WS, 1, 1
5:      @ ---- bias ----
        ldr     r0, [sp, #L_ARGS]
        ldr     r4, [r0, #A_B]
        cmp     r4, #0
        beq     7f
        ldr     r5, [r0, #A_GB]
        ldr     r1, [r0, #A_NCH]
        str     r1, [sp, #L_RUNS]
        movs    r1, #1
        str     r1, [sp, #L_LEN]
        movs    r1, #0
        str     r1, [sp, #L_C]
        RUNS    b, A_BM, A_BS, 4, 0
7:      ldr     r0, [sp, #L_ARGS]
        ldr     r1, [r0, #A_MODE]
        cbz     r1, .Lreturn
        ldr     r1, [r0, #A_RNG]
        str     r11, [r1]
.Lreturn:
        add     sp, sp, #LOCALS
        pop     {r4-r11, pc}
        .size fqt_sgd_qas_update, . - fqt_sgd_qas_update
