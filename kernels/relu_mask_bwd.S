@ relu_mask_bwd.S — ReLU/clamp backward, golden op applyMask (int8):
@   out[k] = in[k] if bit k of the packed mask is 1, else 0.
@
@   void fqt_relu_mask_bwd(const fqt_relu_mask_bwd_args *args); (kernels/fqt_kernels.h)
@
@ Eight elements per mask byte: each nibble becomes a byte mask with one multiply —
@ (b & 0xF)·0x00204081 puts bit j at bit 8j (no carries), & 0x01010101, ·255 (RSB with LSL #8) —
@ and one AND per word. In place (output == input) is allowed. Stack: 20 bytes.

        .syntax unified
        .thumb

        .equ A_INPUT, 0
        .equ A_MASK, 4
        .equ A_OUTPUT, 8
        .equ A_COUNT, 12

        .section .text.entry,"ax",%progbits
        .global fqt_relu_mask_bwd
        .type fqt_relu_mask_bwd,%function
        .thumb_func
fqt_relu_mask_bwd:
        push    {r4-r7, lr}
        ldr     r1, [r0, #A_MASK]
        ldr     r2, [r0, #A_OUTPUT]
        ldr     r3, [r0, #A_COUNT]
        ldr     r0, [r0, #A_INPUT]
        movw    r12, #0x4081
        movt    r12, #0x0020            @ spreading multiplier
        mov     lr, #0x01010101
        lsrs    r7, r3, #3
        beq     2f
1:      ldrb    r4, [r1], #1
        ldr     r5, [r0], #4
        and     r6, r4, #15
        mul     r6, r6, r12
        and     r6, r6, lr
        rsb     r6, r6, r6, lsl #8      @ ·255: 0xFF per set bit
        ands    r5, r5, r6
        str     r5, [r2], #4
        ldr     r5, [r0], #4
        lsrs    r6, r4, #4
        mul     r6, r6, r12
        and     r6, r6, lr
        rsb     r6, r6, r6, lsl #8
        ands    r5, r5, r6
        str     r5, [r2], #4
        subs    r7, r7, #1
        bne     1b
2:      ands    r3, r3, #7              @ tail: fewer than 8 elements
        beq     4f
        ldrb    r4, [r1]
3:      ldrb    r5, [r0], #1
        lsrs    r4, r4, #1
        it      cc
        movcc   r5, #0
        strb    r5, [r2], #1
        subs    r3, r3, #1
        bne     3b
4:      pop     {r4-r7, pc}
        .size fqt_relu_mask_bwd, . - fqt_relu_mask_bwd
