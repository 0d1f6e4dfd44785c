@ Tools/isa/all-fp.S — FPv4-SP (Cortex-M4F single-precision FPU) encodings, for the planned
@ FP extension and for the "FPU off -> UsageFault NOCP" decoder path.  Assembled with
@ -mfpu=fpv4-sp-d16 by Tools/isa/gen.sh into Vectors/isa/encodings-fp.txt.  Never executed.
        .syntax unified
        .thumb
        .fpu    fpv4-sp-d16
        .text
        .p2align 2
allfp:
@ --- data processing (three registers)
        vadd.f32    s0, s1, s2
        vadd.f32    s31, s30, s29
        vsub.f32    s0, s1, s2
        vsub.f32    s15, s16, s17
        vmul.f32    s0, s1, s2
        vmul.f32    s20, s21, s22
        vnmul.f32   s0, s1, s2
        vnmul.f32   s7, s8, s9
        vmla.f32    s0, s1, s2
        vmla.f32    s31, s3, s4
        vmls.f32    s0, s1, s2
        vmls.f32    s10, s11, s12
        vnmla.f32   s0, s1, s2
        vnmla.f32   s5, s6, s7
        vnmls.f32   s0, s1, s2
        vnmls.f32   s25, s26, s27
        vfma.f32    s0, s1, s2
        vfma.f32    s14, s15, s16
        vfms.f32    s0, s1, s2
        vfms.f32    s3, s9, s27
        vfnma.f32   s0, s1, s2
        vfnma.f32   s18, s19, s20
        vfnms.f32   s0, s1, s2
        vfnms.f32   s28, s29, s30
        vdiv.f32    s0, s1, s2
        vdiv.f32    s31, s1, s16
@ --- data processing (two registers / immediate)
        vmov.f32    s0, #1.0
        vmov.f32    s1, #-2.0
        vmov.f32    s31, #0.125
        vmov.f32    s5, #31.0
        vmov.f32    s6, #-1.9375
        vmov.f32    s0, s1
        vmov        s31, s16
        vabs.f32    s0, s1
        vabs.f32    s17, s30
        vneg.f32    s0, s1
        vneg.f32    s9, s22
        vsqrt.f32   s0, s1
        vsqrt.f32   s31, s31
        vcvtb.f32.f16 s0, s1
        vcvtt.f32.f16 s2, s3
        vcvtb.f16.f32 s4, s5
        vcvtt.f16.f32 s30, s31
        vcmp.f32    s0, s1
        vcmp.f32    s31, s16
        vcmpe.f32   s0, s1
        vcmpe.f32   s2, s29
        vcmp.f32    s0, #0
        vcmp.f32    s13, #0.0
        vcmpe.f32   s0, #0
        vcmpe.f32   s27, #0.0
        vcvt.f32.s32 s0, s1
        vcvt.f32.u32 s2, s3
        vcvt.s32.f32 s4, s5
        vcvt.u32.f32 s6, s7
        vcvtr.s32.f32 s8, s9
        vcvtr.u32.f32 s10, s11
        vcvt.s16.f32 s0, s0, #1
        vcvt.u16.f32 s1, s1, #16
        vcvt.s32.f32 s2, s2, #1
        vcvt.u32.f32 s3, s3, #32
        vcvt.f32.s16 s4, s4, #8
        vcvt.f32.u16 s5, s5, #3
        vcvt.f32.s32 s6, s6, #31
        vcvt.f32.u32 s7, s7, #12
@ --- transfers between core and FP registers
        vmov        s0, r0
        vmov        s31, lr
        vmov        r0, s0
        vmov        r12, s17
        vmov        s0, s1, r0, r1
        vmov        s30, s31, r8, r9
        vmov        r0, r1, s0, s1
        vmov        r10, r11, s14, s15
        vmov        d0, r0, r1
        vmov        d15, r12, lr
        vmov        r0, r1, d0
        vmov        r2, r3, d7
        vmov.32     d0[0], r0
        vmov.32     d3[1], r8
        vmov.32     r0, d0[0]
        vmov.32     lr, d15[1]
        vmrs        r0, fpscr
        vmrs        r12, fpscr
        vmrs        APSR_nzcv, fpscr
        vmsr        fpscr, r0
        vmsr        fpscr, lr
@ --- extension register load/store
        vldr        s0, [r0]
        vldr        s1, [r1, #4]
        vldr        s31, [r8, #-1020]
        vldr        s2, [sp, #1020]
        vldr        s3, [pc, #8]
        vldr        s4, [pc, #-8]
        vldr        d0, [r0]
        vldr        d15, [r9, #-16]
        vldr        d1, [pc, #16]
        vstr        s0, [r0]
        vstr        s1, [r1, #4]
        vstr        s31, [r8, #-1020]
        vstr        d0, [r0]
        vstr        d15, [r12, #1020]
        vldmia      r0, {s0}
        vldmia      r1!, {s0-s31}
        vldmdb      r2!, {s4-s7}
        vldmia      r3, {d0-d15}
        vldmia      r4!, {d2-d3}
        vldmdb      r5!, {d8-d15}
        vstmia      r0, {s0}
        vstmia      r1!, {s0-s31}
        vstmdb      r2!, {s4-s7}
        vstmia      r3, {d0-d15}
        vstmia      r4!, {d2-d3}
        vstmdb      r5!, {d8-d15}
        vpush       {s16-s31}
        vpush       {s0}
        vpush       {d8-d15}
        vpop        {s16-s31}
        vpop        {s0}
        vpop        {d8-d15}
@ --- conditional forms
        itt         eq
        vaddeq.f32  s0, s1, s2
        vmoveq      r0, s3
        ite         gt
        vmulgt.f32  s4, s5, s6
        vdivle.f32  s7, s8, s9
        it          mi
        vldrmi      s10, [r1, #8]
        bx          lr
