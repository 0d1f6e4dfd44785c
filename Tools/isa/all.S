@ Tools/isa/all.S — one or more instances of every ARMv7-M / ARMv7E-M (DSP) Thumb encoding.
@ Assembled by Tools/isa/gen.sh with the Swift toolchain's clang; the disassembly is recorded
@ in Vectors/isa/encodings.txt.  The code is never executed: it only has to assemble.
@ Rules for this file: no literal pools or data (so that every byte is an instruction and the
@ address of each line in encodings.txt is the running sum of the sizes), only local labels.
        .syntax unified
        .thumb
        .text
        .globl  all
        .type   all, %function
        .p2align 2
all:
@ ===================================================================== 16-bit encodings
@ --- shift (immediate), add, subtract, move, compare  (A5.2.1)
        lsls    r0, r1, #1
        lsls    r7, r6, #31
        lsrs    r2, r3, #1
        lsrs    r4, r5, #32
        lsrs    r1, r1, #17
        asrs    r6, r7, #1
        asrs    r0, r0, #32
        asrs    r3, r4, #9
        adds    r0, r1, r2
        adds    r7, r6, r5
        subs    r3, r4, r5
        subs    r0, r0, r7
        adds    r1, r2, #0
        adds    r5, r6, #7
        subs    r2, r3, #1
        subs    r7, r7, #7
        movs    r0, #0
        movs    r7, #255
        movs    r3, #0x5a
        cmp     r0, #0
        cmp     r6, #255
        adds    r1, #1
        adds    r7, #255
        subs    r2, #128
        subs    r4, #255
        movs    r0, r1          @ LSL #0 (MOV reg T2)
        movs    r7, r2
@ --- data processing (register)  (A5.2.2)
        ands    r0, r1
        ands    r7, r6
        eors    r1, r2
        eors    r5, r3
        lsls    r2, r3
        lsls    r7, r0
        lsrs    r3, r4
        lsrs    r0, r7
        asrs    r4, r5
        asrs    r6, r1
        adcs    r5, r6
        adcs    r0, r7
        sbcs    r6, r7
        sbcs    r1, r0
        rors    r7, r0
        rors    r2, r5
        tst     r0, r1
        tst     r7, r4
        rsbs    r1, r2, #0
        rsbs    r6, r6, #0
        cmp     r2, r3
        cmp     r5, r0
        cmn     r3, r4
        cmn     r7, r1
        orrs    r4, r5
        orrs    r1, r6
        muls    r5, r6, r5
        muls    r0, r7, r0
        bics    r6, r7
        bics    r3, r2
        mvns    r7, r0
        mvns    r1, r1
@ --- special data instructions and branch and exchange  (A5.2.3)
        add     r0, r8
        add     r8, r0
        add     r12, lr
        add     r1, sp          @ ADD (SP plus register) T1
        add     sp, r2          @ ADD (SP plus register) T2
        add     r3, r3, sp
        add     r2, r3, r2
        cmp     r0, r8
        cmp     r9, r1
        cmp     r10, r11
        cmp     lr, r12
        mov     r0, r1
        mov     r8, r9
        mov     r1, sp
        mov     sp, r7
        mov     lr, r3
        mov     r2, pc
        mov     r12, lr
        bx      lr
        bx      r0
        bx      r9
        blx     r1
        blx     r12
        blx     lr
@ --- load from literal pool  (A5.2 / LDR literal T1)
        ldr     r0, [pc, #0]
        ldr     r3, [pc, #4]
        ldr     r7, [pc, #1020]
        ldr     r5, [pc, #256]
@ --- load/store single data item  (A5.2.4)
        str     r0, [r1, r2]
        str     r7, [r6, r5]
        strh    r1, [r2, r3]
        strh    r6, [r0, r7]
        strb    r2, [r3, r4]
        strb    r5, [r1, r0]
        ldrsb   r3, [r4, r5]
        ldrsb   r0, [r7, r6]
        ldr     r4, [r5, r6]
        ldr     r1, [r2, r0]
        ldrh    r5, [r6, r7]
        ldrh    r2, [r4, r3]
        ldrb    r6, [r7, r0]
        ldrb    r3, [r5, r1]
        ldrsh   r7, [r0, r1]
        ldrsh   r4, [r2, r6]
        str     r0, [r1]
        str     r2, [r3, #4]
        str     r7, [r6, #124]
        ldr     r1, [r2]
        ldr     r3, [r4, #8]
        ldr     r6, [r7, #124]
        strb    r0, [r1]
        strb    r2, [r3, #1]
        strb    r5, [r4, #31]
        ldrb    r1, [r2]
        ldrb    r3, [r4, #17]
        ldrb    r7, [r0, #31]
        strh    r0, [r1]
        strh    r2, [r3, #2]
        strh    r6, [r5, #62]
        ldrh    r1, [r2]
        ldrh    r3, [r4, #40]
        ldrh    r7, [r7, #62]
        str     r0, [sp]
        str     r3, [sp, #4]
        str     r7, [sp, #1020]
        ldr     r1, [sp]
        ldr     r4, [sp, #64]
        ldr     r6, [sp, #1020]
@ --- ADR, ADD (SP plus immediate)
        adr     r0, 1f
        adr     r5, 1f
        nop
        nop
        .p2align 2
1:      adr     r7, 2f
        nop
        .p2align 2
2:      add     r1, sp, #0
        add     r2, sp, #4
        add     r7, sp, #1020
@ --- miscellaneous 16-bit instructions  (A5.2.5)
        add     sp, sp, #0
        add     sp, #4
        add     sp, sp, #508
        sub     sp, sp, #0
        sub     sp, #8
        sub     sp, sp, #508
        cbz     r0, 3f
        cbnz    r7, 3f
        cbz     r3, 3f
        cbnz    r1, 3f
        nop
3:      sxth    r0, r1
        sxth    r7, r6
        sxtb    r1, r2
        sxtb    r5, r5
        uxth    r2, r3
        uxth    r6, r0
        uxtb    r3, r4
        uxtb    r7, r1
        push    {r0}
        push    {lr}
        push    {r4-r7, lr}
        push    {r0-r7}
        push    {r0, r2, r4, r6, lr}
        cpsie   i
        cpsid   i
        cpsie   f
        cpsid   f
        cpsie   if
        cpsid   if
        rev     r0, r1
        rev     r7, r6
        rev16   r1, r2
        rev16   r5, r3
        revsh   r2, r3
        revsh   r6, r6
        pop     {r0}
        pop     {pc}
        pop     {r4-r7, pc}
        pop     {r0-r7}
        pop     {r1, r3, r5}
        bkpt    #0
        bkpt    #0xab
        bkpt    #255
        nop
        yield
        wfe
        wfi
        sev
        nop.n
@ --- IT blocks with 16-bit conditional forms (every condition, every mask shape)
        it      eq
        addeq   r0, r1, r2
        it      ne
        movne   r0, #1
        ite     cs
        addcs   r1, #1
        subcc   r1, #1
        ite     cc
        lslcc   r0, r1, #3
        lslcs   r0, r1, #4
        itt     mi
        andmi   r0, r1
        eormi   r2, r3
        ittt    pl
        orrpl   r4, r5
        bicpl   r6, r7
        mvnpl   r0, r1
        itttt   vs
        addvs   r0, r1
        subvs   r2, r3, #1
        movvs   r4, r5
        cmpvs   r1, r2
        itete   vc
        mulvc   r0, r1, r0
        rsbvs   r2, r3, #0
        adcvc   r0, r1
        sbcvs   r2, r3
        ittee   hi
        rorhi   r0, r1
        asrhi   r2, r3
        lsrls   r4, r5
        lslls   r6, r7
        itet    ls
        ldrls   r0, [r1, r2]
        strhi   r0, [r1, #4]
        ldrbls  r3, [r4]
        iteet   ge
        strhge  r0, [r1]
        ldrhlt  r2, [r3, #2]
        ldrsblt r0, [r1, r2]
        ldrshge r3, [r4, r5]
        it      lt
        movlt   r8, r9
        it      gt
        addgt   sp, r1
        it      le
        cmnle   r0, r1
        it      al
        addal   r0, r1
        ittt    eq
        tsteq   r0, r1
        negeq   r2, r3
        cmpeq   r8, r9
        it      ne
        bxne    lr
        it      eq
        blxeq   r3
        it      lt
        poplt   {r0, pc}
        it      gt
        pushgt  {r1, lr}
        itt     hi
        strhi   r1, [sp, #8]
        ldrhi   r2, [sp, #12]
        itt     ls
        addls   r0, sp, #16
        addls   sp, #16
        ite     ge
        movge   r0, #7
        movlt   r0, #9
        it      vs
        stmvs   r0!, {r1, r2}
        it      vc
        ldmvc   r1, {r1, r2}
        itttt   eq
        uxtbeq  r0, r1
        sxtheq  r2, r3
        reveq   r4, r5
        rev16eq r6, r7
        it      ne
        ldrne   r0, [pc, #4]
        it      al
        nopal
@ --- STM, LDM (16-bit), conditional branch, UDF, SVC, unconditional branch
        stm     r0!, {r1}
        stm     r1!, {r0, r2-r7}
        stmia   r7!, {r0-r6}
        ldm     r0!, {r1, r2}
        ldm     r0, {r0, r1}
        ldmia   r7!, {r0-r6}
        ldm     r3, {r3}
        udf     #0
        udf     #255
        svc     #0
        svc     #0xab
        svc     #255
4:      beq     4b
        bne     4b
        bcs     4b
        bhs     4b
        bcc     5f
        blo     5f
        bmi     5f
        bpl     5f
        bvs     5f
        bvc     5f
        bhi     5f
        bls     5f
        bge     5f
        blt     5f
        bgt     5f
        ble     5f
5:      b       5b
        b.n     6f
        b       4b
6:      b.n     6b
@ ===================================================================== 32-bit encodings
@ --- load/store multiple  (A5.3.5)
        stm.w   r0, {r1, r2}
        stm.w   r0!, {r1, r3, r12, lr}
        stmia.w r8!, {r0-r7, r9}
        stmea   r1, {r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr}
        ldm.w   r0, {r1, r2}
        ldm.w   r0!, {r1, r3, r12}
        ldmia.w r9!, {r0-r7, r10, lr}
        ldm.w   r2, {r3, pc}
        ldmfd   r11, {r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r12}
        pop.w   {r4-r11, pc}
        pop.w   {r0, r8}
        pop.w   {r4-r11, lr}
        ldr.w   r8, [sp], #4                @ POP T3 (single register)
        pop.w   {r9}
        stmdb   r0, {r1, r2}
        stmdb   r1!, {r2, r3, r12, lr}
        stmfd   r10!, {r0-r9}
        push.w  {r4-r11, lr}
        push.w  {r0, r8}
        push.w  {r8}
        str.w   r9, [sp, #-4]!              @ PUSH T3 (single register)
        ldmdb   r0, {r1, r2}
        ldmdb   r1!, {r2, r3, r12, lr}
        ldmea   r10!, {r0-r9, pc}
@ --- load/store dual or exclusive, table branch  (A5.3.6)
        strex   r0, r1, [r2]
        strex   r3, r4, [r5, #4]
        strex   r8, r9, [r10, #1020]
        strex   r12, lr, [sp]
        ldrex   r0, [r1]
        ldrex   r2, [r3, #4]
        ldrex   r9, [r10, #1020]
        ldrex   lr, [sp, #8]
        strd    r0, r1, [r2]
        strd    r2, r3, [r4, #8]
        strd    r4, r5, [r6, #-8]
        strd    r8, r9, [r10, #1020]
        strd    r10, r11, [r12, #-1020]
        strd    r0, r2, [r1, #16]!
        strd    r3, r4, [r5, #-16]!
        strd    r6, r7, [r8], #4
        strd    r9, r12, [lr], #-4
        strd    r0, r1, [sp, #8]
        ldrd    r0, r1, [r2]
        ldrd    r2, r3, [r4, #8]
        ldrd    r4, r5, [r6, #-8]
        ldrd    r8, r9, [r10, #1020]
        ldrd    r10, r11, [r12, #-1020]
        ldrd    r0, r2, [r1, #16]!
        ldrd    r3, r4, [r5, #-16]!
        ldrd    r6, r7, [r8], #4
        ldrd    r9, r12, [lr], #-4
        ldrd    r0, r1, [sp, #8]
        ldrd    r0, r1, [pc, #8]            @ LDRD (literal)
        ldrd    r2, r3, [pc, #-16]
        strexb  r0, r1, [r2]
        strexb  r9, lr, [r12]
        strexh  r0, r1, [r2]
        strexh  r10, r3, [r8]
        ldrexb  r0, [r1]
        ldrexb  lr, [r12]
        ldrexh  r0, [r1]
        ldrexh  r9, [r8]
        tbb     [r0, r1]
        tbb     [r8, r9]
        tbb     [pc, r2]
        tbh     [r0, r1, lsl #1]
        tbh     [r10, r12, lsl #1]
        tbh     [pc, r3, lsl #1]
@ --- data processing (shifted register)  (A5.3.11)
        and.w   r0, r1, r2
        ands.w  r8, r9, r10, lsl #3
        and     r3, r4, r5, lsr #32
        ands    r11, r12, lr, asr #1
        and     r0, r0, r7, ror #30
        and     r1, r2, r3, rrx
        tst.w   r0, r1
        tst     r8, r9, lsl #31
        tst     r2, r3, ror #8
        bic.w   r0, r1, r2
        bics.w  r3, r4, r5, asr #4
        bic     r8, r9, r10, lsl #16
        orr.w   r0, r1, r2
        orrs.w  r3, r4, r5, lsr #1
        orr     r10, r11, r12, rrx
        orn     r0, r1, r2
        orns    r3, r4, r5, lsl #2
        orn     r8, r9, lr, asr #32
        mov.w   r0, r1
        movs.w  r2, r3
        mov.w   r8, r9
        mov     r0, r1, lsl #0
        lsl.w   r0, r1, #1
        lsls.w  r8, r9, #31
        lsr.w   r2, r3, #1
        lsrs.w  r10, r11, #32
        asr.w   r4, r5, #7
        asrs.w  r12, lr, #32
        ror     r6, r7, #1
        rors    r8, r9, #31
        rrx     r0, r1
        rrxs    r10, r11
        mvn.w   r0, r1
        mvns.w  r2, r3
        mvn     r8, r9, lsl #5
        mvns    r10, r11, asr #2
        eor.w   r0, r1, r2
        eors.w  r3, r4, r5, ror #12
        eor     r8, r9, r10, lsr #3
        teq     r0, r1
        teq     r8, r9, lsl #2
        teq     r2, r3, rrx
        pkhbt   r0, r1, r2
        pkhbt   r3, r4, r5, lsl #16
        pkhbt   r8, r9, r10, lsl #31
        pkhtb   r0, r1, r2, asr #16
        pkhtb   r3, r4, r5, asr #32
        pkhtb   r8, r9, r10, asr #1
        add.w   r0, r1, r2
        adds.w  r3, r4, r5, lsl #1
        add     r8, r9, r10, asr #3
        add.w   r0, sp, r1                  @ ADD (SP plus register) T3
        add.w   sp, sp, r2
        adds.w  r3, sp, r4, lsl #2
        add.w   r11, sp, r12, lsr #1
        cmn.w   r0, r1
        cmn     r8, r9, lsl #4
        adc.w   r0, r1, r2
        adcs.w  r3, r4, r5, asr #31
        adc     r8, r9, r10, ror #1
        sbc.w   r0, r1, r2
        sbcs.w  r3, r4, r5, lsl #7
        sbc     r10, r11, r12, rrx
        sub.w   r0, r1, r2
        subs.w  r3, r4, r5, lsl #3
        sub     r8, r9, r10, lsr #5
        sub.w   r0, sp, r1                  @ SUB (SP minus register) T1
        sub.w   sp, sp, r2
        subs.w  r3, sp, r4, lsl #2
        cmp.w   r0, r1
        cmp     r8, r9, lsl #1
        cmp.w   r2, r3, asr #3
        rsb     r0, r1, r2
        rsbs    r3, r4, r5, lsl #1
        rsb     r8, r9, r10, asr #31
@ --- coprocessor instructions  (A5.3.18)
        mcr     p0, #0, r0, c0, c0, #0
        mcr     p7, #7, r12, c15, c14, #7
        mcr2    p1, #1, r1, c2, c3, #4
        mrc     p0, #0, r0, c0, c0, #0
        mrc     p6, #5, lr, c9, c8, #2
        mrc2    p2, #3, r2, c4, c5, #6
        mcrr    p0, #0, r0, r1, c0
        mcrr    p5, #15, r8, r9, c15
        mcrr2   p3, #4, r2, r3, c7
        mrrc    p0, #0, r0, r1, c0
        mrrc    p4, #9, r10, r11, c12
        mrrc2   p7, #2, r4, r5, c1
        cdp     p0, #0, c0, c1, c2, #0
        cdp     p7, #15, c15, c14, c13, #7
        cdp2    p3, #2, c4, c5, c6, #1
        ldc     p0, c0, [r0]
        ldc     p1, c2, [r3, #4]
        ldc     p5, c6, [r7, #-1020]!
        ldc     p6, c9, [r10], #8
        ldc     p3, c4, [r5], {7}
        ldcl    p2, c3, [r4, #16]
        ldc2    p4, c5, [r6, #-4]
        ldc2l   p7, c8, [r9], #-12
        ldc     p0, c1, [pc, #8]
        stc     p0, c0, [r0]
        stc     p1, c2, [r3, #4]
        stc     p5, c6, [r7, #-1020]!
        stc     p6, c9, [r10], #8
        stc     p3, c4, [r5], {200}
        stcl    p2, c3, [r4, #16]
        stc2    p4, c5, [r6, #-4]
        stc2l   p7, c8, [r9], #-12
@ --- data processing (modified immediate)  (A5.3.1, every ThumbExpandImm form)
        and     r0, r1, #0xff
        ands    r2, r3, #0x00ab00ab
        and     r8, r9, #0xcd00cd00
        ands    r10, r11, #0xefefefef
        and     r12, lr, #0x80000000
        tst     r0, #1
        tst     r8, #0xff000000
        tst.w   r1, #0x00ff00ff
        bic     r0, r1, #0x3fc
        bics    r8, r9, #0x7f800000
        orr     r0, r1, #0x100
        orrs    r8, r9, #0x55555555
        mov.w   r0, #0
        movs.w  r1, #0xff
        mov.w   r8, #0x12001200
        mov     r9, #0x00340034
        movs    r10, #0x2a000000
        mov     lr, #0xfe
        orn     r0, r1, #0x10000
        orns    r2, r3, #0x80
        mvn     r0, #0
        mvns    r8, #0x00e000e0
        mvn     r12, #0x3fc00000
        eor     r0, r1, #0xff00
        eors    r8, r9, #0xa5a5a5a5
        teq     r0, #0x1
        teq     r9, #0xf0000000
        add.w   r0, r1, #1
        adds.w  r2, r3, #0x1fe
        add     r8, r9, #0x44004400
        add.w   r0, sp, #4                  @ ADD (SP plus immediate) T3
        adds.w  r9, sp, #0x3fc0
        add.w   sp, sp, #0x400
        cmn     r0, #1
        cmn     r11, #0x80000000
        adc     r0, r1, #0x7f
        adcs    r8, r9, #0x20002000
        sbc     r0, r1, #0x3
        sbcs    r10, r11, #0x88888888
        sub.w   r0, r1, #1
        subs.w  r2, r3, #0x1fe
        sub     r8, r9, #0x44004400
        sub.w   r0, sp, #4                  @ SUB (SP minus immediate) T2
        subs.w  r9, sp, #0x3fc0
        sub.w   sp, sp, #0x400
        cmp.w   r0, #1
        cmp     r8, #0x70000000
        cmp.w   r1, #0x10001
        rsb.w   r0, r1, #0
        rsbs.w  r2, r3, #0xff
        rsb     r8, r9, #0x01000100
@ --- data processing (plain binary immediate)  (A5.3.3)
        addw    r0, r1, #0
        addw    r2, r3, #4095
        addw    r8, r9, #0x123
        addw    r0, sp, #0xabc              @ ADD (SP plus immediate) T4
        addw    sp, sp, #4
        adr.w   r0, 7f                      @ ADR T3 (add)
        adr.w   r9, 7f
        .p2align 2
7:      adr.w   r1, 7b                      @ ADR T2 (sub)
        subw    r10, pc, #0x30
        addw    r11, pc, #0x123
        movw    r0, #0
        movw    r8, #0xffff
        movw    r2, #0x1234
        movw    lr, #0x8000
        subw    r0, r1, #0
        subw    r2, r3, #4095
        subw    r8, r9, #0x321
        subw    r0, sp, #0xabc              @ SUB (SP minus immediate) T3
        subw    sp, sp, #8
        movt    r0, #0
        movt    r8, #0xffff
        movt    r3, #0xbeef
        ssat    r0, #1, r1
        ssat    r2, #32, r3
        ssat    r8, #16, r9, lsl #4
        ssat    r10, #8, r11, asr #1
        ssat    r12, #31, lr, asr #31
        ssat    r0, #24, r1, lsl #31
        ssat16  r0, #1, r1
        ssat16  r8, #16, r9
        ssat16  r2, #9, r3
        sbfx    r0, r1, #0, #1
        sbfx    r2, r3, #31, #1
        sbfx    r8, r9, #4, #12
        sbfx    r10, r11, #0, #32
        bfi     r0, r1, #0, #1
        bfi     r2, r3, #31, #1
        bfi     r8, r9, #8, #16
        bfi     r10, r11, #0, #32
        bfc     r0, #0, #1
        bfc     r8, #31, #1
        bfc     r3, #4, #24
        bfc     r12, #0, #32
        usat    r0, #0, r1
        usat    r2, #31, r3
        usat    r8, #16, r9, lsl #4
        usat    r10, #8, r11, asr #1
        usat    r12, #7, lr, asr #31
        usat16  r0, #0, r1
        usat16  r8, #15, r9
        usat16  r2, #8, r3
        ubfx    r0, r1, #0, #1
        ubfx    r2, r3, #31, #1
        ubfx    r8, r9, #4, #12
        ubfx    r10, r11, #0, #32
@ --- branches and miscellaneous control  (A5.3.4)
8:      beq.w   8b
        bne.w   8b
        bcs.w   8b
        bcc.w   9f
        bmi.w   9f
        bpl.w   9f
        bvs.w   9f
        bvc.w   9f
        bhi.w   9f
        bls.w   9f
        bge.w   9f
        blt.w   9f
        bgt.w   9f
        ble.w   9f
        beq.w   10f
        bne.w   8b
9:      b.w     9b
        b.w     10f
        b.w     8b
        bl      10f
        bl      8b
        bl      9b
10:     nop.w
        yield.w
        wfe.w
        wfi.w
        sev.w
        dbg     #0
        dbg     #5
        dbg     #15
        clrex
        dsb     sy
        dsb     ish
        dsb     #0
        dsb     #7
        dmb     sy
        dmb     ishst
        dmb     #1
        isb     sy
        isb     #5
        udf.w   #256
        udf.w   #0
        udf.w   #65535
@ MRS for every special register
        mrs     r0, apsr
        mrs     r1, iapsr
        mrs     r2, eapsr
        mrs     r3, xpsr
        mrs     r4, ipsr
        mrs     r5, epsr
        mrs     r6, iepsr
        mrs     r7, msp
        mrs     r8, psp
        mrs     r9, primask
        mrs     r10, basepri
        mrs     r11, basepri_max
        mrs     r12, faultmask
        mrs     lr, control
@ MSR for every special register and every APSR mask
        msr     apsr_nzcvq, r0
        msr     apsr_g, r1
        msr     apsr_nzcvqg, r2
        msr     apsr, r3
        msr     iapsr_nzcvq, r4
        msr     iapsr_g, r5
        msr     iapsr_nzcvqg, r6
        msr     eapsr_nzcvq, r7
        msr     eapsr_g, r8
        msr     eapsr_nzcvqg, r9
        msr     xpsr_nzcvq, r10
        msr     xpsr_g, r11
        msr     xpsr_nzcvqg, r12
        msr     ipsr, r0
        msr     epsr, r1
        msr     iepsr, r2
        msr     msp, r3
        msr     psp, r4
        msr     primask, r5
        msr     basepri, r6
        msr     basepri_max, r7
        msr     faultmask, r8
        msr     control, lr
@ --- store single data item  (A5.3.10)
        strb.w  r0, [r1]
        strb.w  r2, [r3, #4095]
        strb    r8, [r9, #123]
        strb    r0, [r1, #-1]
        strb    r2, [r3, #-255]
        strb    r4, [r5, #1]!
        strb    r6, [r7, #-255]!
        strb    r8, [r9], #1
        strb    r10, [r11], #-128
        strb.w  r0, [r1, r2]
        strb.w  r3, [r4, r5, lsl #1]
        strb    r8, [r9, r10, lsl #3]
        strbt   r0, [r1]
        strbt   r2, [r3, #255]
        strh.w  r0, [r1]
        strh.w  r2, [r3, #4094]
        strh    r8, [r9, #1]
        strh    r0, [r1, #-2]
        strh    r4, [r5, #2]!
        strh    r6, [r7, #-200]!
        strh    r8, [r9], #2
        strh    r10, [r11], #-64
        strh.w  r0, [r1, r2]
        strh    r8, [r9, r10, lsl #2]
        strht   r0, [r1]
        strht   r2, [r3, #254]
        str.w   r0, [r1]
        str.w   r2, [r3, #4092]
        str     r8, [r9, #4095]
        str     r0, [r1, #-4]
        str     r2, [r3, #-255]
        str     r4, [r5, #4]!
        str     r6, [r7, #-4]!
        str     r8, [r9], #4
        str     r10, [r11], #-255
        str.w   r0, [sp, #4]
        str     lr, [sp, #-8]!
        str.w   r0, [r1, r2]
        str     r3, [r4, r5, lsl #2]
        str     r8, [r9, r10, lsl #3]
        str     r0, [sp, r1]
        strt    r0, [r1]
        strt    r2, [r3, #255]
        strt    lr, [r12, #4]
@ --- load byte, memory hints  (A5.3.9)
        ldrb.w  r0, [r1]
        ldrb.w  r2, [r3, #4095]
        ldrb    r8, [r9, #123]
        ldrb    r0, [r1, #-1]
        ldrb    r2, [r3, #-255]
        ldrb    r4, [r5, #1]!
        ldrb    r6, [r7, #-255]!
        ldrb    r8, [r9], #1
        ldrb    r10, [r11], #-128
        ldrb.w  r0, [pc, #8]
        ldrb    r1, [pc, #-8]
        ldrb    r9, [pc, #4095]
        ldrb.w  r0, [r1, r2]
        ldrb.w  r3, [r4, r5, lsl #1]
        ldrb    r8, [r9, r10, lsl #3]
        ldrbt   r0, [r1]
        ldrbt   r2, [r3, #255]
        ldrsb.w r0, [r1]
        ldrsb   r2, [r3, #4095]
        ldrsb   r0, [r1, #-1]
        ldrsb   r4, [r5, #1]!
        ldrsb   r6, [r7, #-255]!
        ldrsb   r8, [r9], #1
        ldrsb   r10, [r11], #-128
        ldrsb.w r0, [pc, #8]
        ldrsb   r1, [pc, #-8]
        ldrsb.w r0, [r1, r2]
        ldrsb   r8, [r9, r10, lsl #3]
        ldrsbt  r0, [r1]
        ldrsbt  r2, [r3, #255]
        pld     [r0]
        pld     [r1, #4095]
        pld     [r8, #-1]
        pld     [r9, #-255]
        pld     [pc, #8]
        pld     [pc, #-8]
        pld     [r0, r1]
        pld     [r2, r3, lsl #3]
        pli     [r0]
        pli     [r1, #4095]
        pli     [r8, #-1]
        pli     [r9, #-255]
        pli     [pc, #8]
        pli     [pc, #-8]
        pli     [r0, r1]
        pli     [r2, r3, lsl #3]
@ --- load halfword, memory hints  (A5.3.8)
        ldrh.w  r0, [r1]
        ldrh.w  r2, [r3, #4094]
        ldrh    r8, [r9, #1]
        ldrh    r0, [r1, #-2]
        ldrh    r4, [r5, #2]!
        ldrh    r6, [r7, #-200]!
        ldrh    r8, [r9], #2
        ldrh    r10, [r11], #-64
        ldrh.w  r0, [pc, #8]
        ldrh    r1, [pc, #-8]
        ldrh.w  r0, [r1, r2]
        ldrh    r8, [r9, r10, lsl #2]
        ldrht   r0, [r1]
        ldrht   r2, [r3, #254]
        ldrsh.w r0, [r1]
        ldrsh   r2, [r3, #4094]
        ldrsh   r0, [r1, #-2]
        ldrsh   r4, [r5, #2]!
        ldrsh   r6, [r7, #-200]!
        ldrsh   r8, [r9], #2
        ldrsh   r10, [r11], #-64
        ldrsh.w r0, [pc, #8]
        ldrsh   r1, [pc, #-8]
        ldrsh.w r0, [r1, r2]
        ldrsh   r8, [r9, r10, lsl #1]
        ldrsht  r0, [r1]
        ldrsht  r2, [r3, #254]
@ --- load word  (A5.3.7)
        ldr.w   r0, [r1]
        ldr.w   r2, [r3, #4092]
        ldr     r8, [r9, #4095]
        ldr     r0, [r1, #-4]
        ldr     r2, [r3, #-255]
        ldr     r4, [r5, #4]!
        ldr     r6, [r7, #-4]!
        ldr     r8, [r9], #4
        ldr     r10, [r11], #-255
        ldr.w   r0, [sp, #4]
        ldr     lr, [sp], #8
        ldr.w   pc, [r0, #4]
        ldr     pc, [sp], #4
        ldrt    r0, [r1]
        ldrt    r2, [r3, #255]
        ldrt    lr, [r12, #4]
        ldr.w   r0, [r1, r2]
        ldr     r3, [r4, r5, lsl #2]
        ldr     r8, [r9, r10, lsl #3]
        ldr     r0, [sp, r1]
        ldr     pc, [r0, r1, lsl #2]
        ldr.w   r0, [pc, #8]
        ldr.w   r1, [pc, #-8]
        ldr     r9, [pc, #4095]
        ldr.w   r2, [pc, #-4095]
        ldr.w   pc, [pc, #4]
@ --- data processing (register)  (A5.3.12)
        lsl.w   r0, r1, r2
        lsls.w  r8, r9, r10
        lsr.w   r0, r1, r2
        lsrs.w  r11, r12, lr
        asr.w   r0, r1, r2
        asrs.w  r8, r9, r10
        ror.w   r0, r1, r2
        rors.w  r3, r4, r5
        sxtah   r0, r1, r2
        sxtah   r3, r4, r5, ror #8
        sxtah   r8, r9, r10, ror #16
        sxtah   r11, r12, lr, ror #24
        sxth.w  r0, r1
        sxth    r8, r9, ror #8
        sxth.w  r2, r3, ror #24
        uxtah   r0, r1, r2
        uxtah   r3, r4, r5, ror #8
        uxtah   r8, r9, r10, ror #16
        uxth.w  r0, r1
        uxth    r8, r9, ror #16
        sxtab16 r0, r1, r2
        sxtab16 r3, r4, r5, ror #8
        sxtab16 r8, r9, r10, ror #24
        sxtb16  r0, r1
        sxtb16  r8, r9, ror #16
        uxtab16 r0, r1, r2
        uxtab16 r3, r4, r5, ror #8
        uxtab16 r8, r9, r10, ror #24
        uxtb16  r0, r1
        uxtb16  r8, r9, ror #16
        sxtab   r0, r1, r2
        sxtab   r3, r4, r5, ror #8
        sxtab   r8, r9, r10, ror #24
        sxtb.w  r0, r1
        sxtb    r8, r9, ror #16
        uxtab   r0, r1, r2
        uxtab   r3, r4, r5, ror #8
        uxtab   r8, r9, r10, ror #16
        uxtb.w  r0, r1
        uxtb    r8, r9, ror #24
@ --- parallel addition and subtraction, signed and unsigned  (A5.3.13, A5.3.14)
        sadd16  r0, r1, r2
        sadd16  r8, r9, r10
        sadd16  r3, r12, lr
        sasx    r0, r1, r2
        sasx    r8, r9, r10
        sasx    r3, r12, lr
        ssax    r0, r1, r2
        ssax    r8, r9, r10
        ssax    r3, r12, lr
        ssub16  r0, r1, r2
        ssub16  r8, r9, r10
        ssub16  r3, r12, lr
        sadd8   r0, r1, r2
        sadd8   r8, r9, r10
        sadd8   r3, r12, lr
        ssub8   r0, r1, r2
        ssub8   r8, r9, r10
        ssub8   r3, r12, lr
        qadd16  r0, r1, r2
        qadd16  r8, r9, r10
        qadd16  r3, r12, lr
        qasx    r0, r1, r2
        qasx    r8, r9, r10
        qasx    r3, r12, lr
        qsax    r0, r1, r2
        qsax    r8, r9, r10
        qsax    r3, r12, lr
        qsub16  r0, r1, r2
        qsub16  r8, r9, r10
        qsub16  r3, r12, lr
        qadd8   r0, r1, r2
        qadd8   r8, r9, r10
        qadd8   r3, r12, lr
        qsub8   r0, r1, r2
        qsub8   r8, r9, r10
        qsub8   r3, r12, lr
        shadd16 r0, r1, r2
        shadd16 r8, r9, r10
        shadd16 r3, r12, lr
        shasx   r0, r1, r2
        shasx   r8, r9, r10
        shasx   r3, r12, lr
        shsax   r0, r1, r2
        shsax   r8, r9, r10
        shsax   r3, r12, lr
        shsub16 r0, r1, r2
        shsub16 r8, r9, r10
        shsub16 r3, r12, lr
        shadd8  r0, r1, r2
        shadd8  r8, r9, r10
        shadd8  r3, r12, lr
        shsub8  r0, r1, r2
        shsub8  r8, r9, r10
        shsub8  r3, r12, lr
        uadd16  r0, r1, r2
        uadd16  r8, r9, r10
        uadd16  r3, r12, lr
        uasx    r0, r1, r2
        uasx    r8, r9, r10
        uasx    r3, r12, lr
        usax    r0, r1, r2
        usax    r8, r9, r10
        usax    r3, r12, lr
        usub16  r0, r1, r2
        usub16  r8, r9, r10
        usub16  r3, r12, lr
        uadd8   r0, r1, r2
        uadd8   r8, r9, r10
        uadd8   r3, r12, lr
        usub8   r0, r1, r2
        usub8   r8, r9, r10
        usub8   r3, r12, lr
        uqadd16 r0, r1, r2
        uqadd16 r8, r9, r10
        uqadd16 r3, r12, lr
        uqasx   r0, r1, r2
        uqasx   r8, r9, r10
        uqasx   r3, r12, lr
        uqsax   r0, r1, r2
        uqsax   r8, r9, r10
        uqsax   r3, r12, lr
        uqsub16 r0, r1, r2
        uqsub16 r8, r9, r10
        uqsub16 r3, r12, lr
        uqadd8  r0, r1, r2
        uqadd8  r8, r9, r10
        uqadd8  r3, r12, lr
        uqsub8  r0, r1, r2
        uqsub8  r8, r9, r10
        uqsub8  r3, r12, lr
        uhadd16 r0, r1, r2
        uhadd16 r8, r9, r10
        uhadd16 r3, r12, lr
        uhasx   r0, r1, r2
        uhasx   r8, r9, r10
        uhasx   r3, r12, lr
        uhsax   r0, r1, r2
        uhsax   r8, r9, r10
        uhsax   r3, r12, lr
        uhsub16 r0, r1, r2
        uhsub16 r8, r9, r10
        uhsub16 r3, r12, lr
        uhadd8  r0, r1, r2
        uhadd8  r8, r9, r10
        uhadd8  r3, r12, lr
        uhsub8  r0, r1, r2
        uhsub8  r8, r9, r10
        uhsub8  r3, r12, lr
@ alternative names of ASX/SAX
        saddsubx r4, r5, r6
        ssubaddx r7, r8, r9
        qsubaddx r7, r8, r9
        shaddsubx r4, r5, r6
        shsubaddx r7, r8, r9
        uaddsubx r4, r5, r6
        usubaddx r7, r8, r9
        uqaddsubx r4, r5, r6
        uqsubaddx r7, r8, r9
        uhaddsubx r4, r5, r6
        uhsubaddx r7, r8, r9
@ --- miscellaneous operations  (A5.3.15)
        qadd    r0, r1, r2
        qadd    r8, r9, r10
        qdadd   r0, r1, r2
        qdadd   r11, r12, lr
        qsub    r0, r1, r2
        qsub    r8, r9, r10
        qdsub   r0, r1, r2
        qdsub   r3, r4, r5
        rev.w   r0, r1
        rev     r8, r9
        rev16.w r0, r1
        rev16   r10, r11
        rbit    r0, r1
        rbit    r12, lr
        revsh.w r0, r1
        revsh   r8, r9
        sel     r0, r1, r2
        sel     r8, r9, r10
        clz     r0, r1
        clz     r12, lr
@ --- multiply, multiply accumulate, absolute difference  (A5.3.16)
        mla     r0, r1, r2, r3
        mla     r8, r9, r10, r11
        mul     r0, r1, r2
        mul     r8, r9, r10
        mul     r0, r0, r1
        mls     r0, r1, r2, r3
        mls     r12, lr, r8, r9
        smlabb  r0, r1, r2, r3
        smlabt  r4, r5, r6, r7
        smlatb  r8, r9, r10, r11
        smlatt  r12, lr, r0, r1
        smulbb  r0, r1, r2
        smulbt  r3, r4, r5
        smultb  r8, r9, r10
        smultt  r11, r12, lr
        smlad   r0, r1, r2, r3
        smladx  r8, r9, r10, r11
        smuad   r0, r1, r2
        smuadx  r8, r9, r10
        smlawb  r0, r1, r2, r3
        smlawt  r8, r9, r10, r11
        smulwb  r0, r1, r2
        smulwt  r8, r9, r10
        smlsd   r0, r1, r2, r3
        smlsdx  r8, r9, r10, r11
        smusd   r0, r1, r2
        smusdx  r8, r9, r10
        smmla   r0, r1, r2, r3
        smmlar  r8, r9, r10, r11
        smmul   r0, r1, r2
        smmulr  r8, r9, r10
        smmls   r0, r1, r2, r3
        smmlsr  r8, r9, r10, r11
        usad8   r0, r1, r2
        usad8   r8, r9, r10
        usada8  r0, r1, r2, r3
        usada8  r8, r9, r10, r11
@ --- long multiply, long multiply accumulate, divide  (A5.3.17)
        smull   r0, r1, r2, r3
        smull   r8, r9, r10, r11
        sdiv    r0, r1, r2
        sdiv    r8, r9, r10
        umull   r0, r1, r2, r3
        umull   r12, lr, r10, r11
        udiv    r0, r1, r2
        udiv    r11, r12, lr
        smlal   r0, r1, r2, r3
        smlal   r8, r9, r10, r11
        smlalbb r0, r1, r2, r3
        smlalbt r4, r5, r6, r7
        smlaltb r8, r9, r10, r11
        smlaltt r12, lr, r0, r1
        smlald  r0, r1, r2, r3
        smlaldx r8, r9, r10, r11
        smlsld  r0, r1, r2, r3
        smlsldx r8, r9, r10, r11
        umlal   r0, r1, r2, r3
        umlal   r8, r9, r10, r11
        umaal   r0, r1, r2, r3
        umaal   r12, lr, r10, r11
@ --- IT blocks with 32-bit conditional forms
        itt     eq
        addeq.w r0, r1, r2
        ldreq.w r3, [r4, #8]
        itt     ne
        movwne  r0, #0x1234
        movtne  r0, #0x5678
        it      cs
        smladcs r0, r1, r2, r3
        itee    cc
        qaddcc  r0, r1, r2
        sadd16cs r3, r4, r5
        ssatcs  r6, #8, r7
        it      mi
        umaalmi r0, r1, r2, r3
        it      pl
        sdivpl  r0, r1, r2
        itt     vs
        strdvs  r0, r1, [r2, #8]
        ldrdvs  r2, r3, [r4], #8
        it      vc
        ldmvc.w r0!, {r1, r2, r8}
        it      hi
        pushhi.w {r4-r11, lr}
        it      ls
        popls.w {r4-r11, pc}
        ite     ge
        smullge r0, r1, r2, r3
        smlalbblt r4, r5, r6, r7
        it      lt
        mrslt   r0, apsr
        it      gt
        msrgt   apsr_nzcvqg, r0
        it      le
        tbble   [r0, r1]
        it      eq
        tbheq   [r0, r1, lsl #1]
        it      ne
        blne    11f
        it      eq
        beq.w   11f
        it      ne
        bne     11f
        it      cs
        bxcs    r1
        it      cc
        ldrcc   pc, [sp], #4
        it      mi
        movmi   pc, lr
        itttt   eq
        uxtab16eq r0, r1, r2
        pkhbteq r3, r4, r5, lsl #8
        ubfxeq  r6, r7, #3, #5
        clzeq   r8, r9
        ittt    ne
        strexne r0, r1, [r2]
        ldrexne r3, [r4]
        rbitne  r5, r6
        it      al
        addal.w r0, r1, r2
        ittee   gt
        andgt.w r0, r1, #0xff
        orrgt.w r2, r3, r4, lsl #2
        suble.w r5, r6, #1
        mlale   r7, r8, r9, r10
@ --- a few more widths of the same operation: .n vs .w
        add.n   r0, r1
        add.w   r0, r0, r1
        adds.n  r0, r0, #1
        adds.w  r0, r0, #1
        mov.n   r0, r8
        mov.w   r0, r8
        ldr.n   r0, [r1, #4]
        ldr.w   r0, [r1, #4]
        str.n   r2, [sp, #8]
        str.w   r2, [sp, #8]
        sxtb.n  r0, r1
        sxtb.w  r0, r1
11:     bx      lr
        .size   all, . - all
