/* Tools/programs/src/timing.c — times assembly snippets with DWT->CYCCNT and prints one line
 * "name cycles" per snippet.  Built at -O2 only (Vectors/programs/timing-O2.elf).
 *
 * The expected counts (Vectors/programs/timing-O2.stdout) are derived by hand from
 * shared/TIMING.md, NOT recorded: QEMU's CYCCNT reads 0.  Every snippet runs as
 *
 *     push  {r4-r11, lr}
 *     <setup>                  ALU only (nothing to pipeline with the first read)
 *     .balign 4                padding, if any, runs before the first read
 *     ldr   r2, [r0, #4]       t0 = CYCCNT, read at the start of this LDR: 2 cycles
 *     nop                      1 cycle: the body starts word-aligned, after no load/ALU write
 *     <body>
 *     ldr   r3, [r0, #4]       t1 = CYCCNT, read at the start of this LDR
 *     subs  r0, r3, r2
 *     pop   {r4-r11, pc}
 *
 * so the printed count is 3 + the body's cycles.  r0 = &DWT->CTRL, r1 = a word-aligned data
 * buffer in SRAM; bodies never write r0 or r2.  The derivation of each body is beside it. */
#include <stdio.h>
#include <stdint.h>

#define DEMCR (*(volatile uint32_t *)0xE000EDFCu)
#define DWT_CTRL (*(volatile uint32_t *)0xE0001000u)
#define DWT_CYCCNT (*(volatile uint32_t *)0xE0001004u)

static uint32_t data[64] __attribute__((aligned(8)));

#define SNIPPET(name, setup, body)                                                        \
  __attribute__((naked, noinline, aligned(4))) static uint32_t name(volatile uint32_t *dwt, \
                                                                    uint32_t *buf) {        \
    (void)dwt; (void)buf;                                                                   \
    __asm volatile("push.w {r4-r11, lr}\n\t" setup "\n\t.balign 4\n\t"                     \
                   "ldr r2, [r0, #4]\n\tnop\n\t" body "\n\t"                                \
                   "ldr r3, [r0, #4]\n\tsubs r0, r3, r2\n\tpop.w {r4-r11, pc}\n");          \
  }

/* Leaf functions for the call snippets. */
__attribute__((naked, noinline, aligned(4))) void leaf_bx(void) { __asm volatile("bx lr\n"); }
__attribute__((naked, noinline, aligned(4))) void leaf_add(void) {
  __asm volatile("adds r4, r4, #1\n\tbx lr\n");
}
__attribute__((naked, noinline, aligned(4))) void leaf_frame(void) {
  __asm volatile("push {r4, lr}\n\tadds r4, r4, #1\n\tpop {r4, pc}\n");
}

/* 0 */
SNIPPET(empty, "", "")
/* 4 ALU ops, shifted operands free: 1+1+1+1 = 4 */
SNIPPET(alu4, "", "adds r4, r5, r6\n\teor.w r7, r4, r5, ror #3\n\tadd.w r8, r7, r6, lsl #2\n\tmov r9, r8")
/* add r1,r2,r3,ror #16; orr r1,r1,r4,lsr #8 = 2 */
SNIPPET(ror_orr, "", "add.w r4, r5, r6, ror #16\n\torr.w r4, r4, r7, lsr #8")
/* ror; lsr; add; orr = 4 */
SNIPPET(ror_lsr_add_orr, "", "ror.w r6, r6, #16\n\tlsr.w r7, r7, #8\n\tadd.w r4, r5, r6\n\torr.w r4, r4, r7")
/* TRM: LDR R0,[R1]; LDR R1,[R2] = 3 */
SNIPPET(trm_ldr_ldr, "mov r4, r1\n\tadd r5, r1, #8", "ldr r6, [r4]\n\tldr r4, [r5]")
/* TRM: LDR R0,[R1,R2]; STR R0,[R3,#20] = 3 */
SNIPPET(trm_ldr_str, "mov r4, r1\n\tmovs r5, #8\n\tmov r7, r1", "ldr r6, [r4, r5]\n\tstr r6, [r7, #20]")
/* TRM: LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] = 4 */
SNIPPET(trm_ldr3, "mov r4, r1\n\tmovs r5, #8\n\tmov r7, r1\n\tmov r8, r1",
        "ldr r6, [r4, r5]\n\tldr r4, [r7]\n\tldr.w r5, [r8, #4]")
/* dependent load (buf[0] = buf): 2 + 2 = 4 */
SNIPPET(ldr_dependent, "mov r4, r1", "ldr r6, [r4]\n\tldr r7, [r6]")
/* AGU stall: adds 1 + ldr 2 + 1 = 4 */
SNIPPET(agu_stall, "mov r4, r1", "adds r4, r4, #4\n\tldr r6, [r4]")
/* str imm 1 + str reg 2 = 3 */
SNIPPET(str_imm_reg, "mov r4, r1\n\tmovs r6, #8", "str r5, [r4]\n\tstr r5, [r4, r6]")
/* store then load: 1 + 2 = 3 */
SNIPPET(str_ldr, "mov r4, r1", "str r5, [r4]\n\tldr r6, [r4, #4]")
/* nothing pipelines after a register-offset store: 2 + 2 = 4 */
SNIPPET(strreg_ldr, "mov r4, r1\n\tmovs r6, #8", "str r5, [r4, r6]\n\tldr r7, [r4]")
/* LDRD = 3 */
SNIPPET(ldrd, "mov r4, r1", "ldrd r6, r7, [r4]")
/* STRD = 3 */
SNIPPET(strd, "mov r4, r1", "strd r6, r7, [r4, #8]")
/* 3-register LDM: 1 + 3 = 4 */
SNIPPET(ldm3, "mov r4, r1", "ldm r4, {r5, r6, r7}")
/* 8-register STM: 1 + 8 = 9 */
SNIPPET(stm8, "mov r4, r1", "stm r4, {r3, r5, r6, r7, r8, r9, r10, r11}")
/* push {r4-r7}: 5; pop {r4-r7}: 5 = 10 */
SNIPPET(push_pop, "", "push {r4-r7}\n\tpop {r4-r7}")
/* unaligned: word at +1: 2+2; nop 1; word at +2: 2+1; nop 1; halfword at +3: 2+1 = 12 */
SNIPPET(unaligned, "mov r4, r1", "ldr.w r6, [r4, #1]\n\tnop\n\tldr.w r7, [r4, #2]\n\tnop\n\tldrh.w r8, [r4, #3]")
/* multiplies: 1 each = 4 */
SNIPPET(multiply, "movs r4, #3\n\tmovs r5, #5",
        "mul r6, r4, r5\n\tmla r7, r4, r5, r6\n\tsmull r8, r9, r4, r5\n\tumlal r8, r9, r4, r5")
/* DSP: 1 each = 6 */
SNIPPET(dsp, "movs r4, #3\n\tmovs r5, #5",
        "smlad r6, r4, r5, r6\n\tsadd16 r7, r4, r5\n\tqadd r8, r4, r5\n\tpkhbt r9, r4, r5, lsl #16\n\t"
        "smlald r10, r11, r4, r5\n\tusad8 r6, r4, r5")
/* division (rule 4) */
SNIPPET(udiv_100_7, "movs r4, #100\n\tmovs r5, #7", "udiv r6, r4, r5")            /* 5+(7-3)/4 = 6 */
SNIPPET(udiv_max_1, "mov.w r4, #-1\n\tmovs r5, #1", "udiv r6, r4, r5")            /* 5+(32-1)/4 = 12 */
SNIPPET(udiv_0_7, "movs r4, #0\n\tmovs r5, #7", "udiv r6, r4, r5")                /* 2 */
SNIPPET(udiv_5_100, "movs r4, #5\n\tmovs r5, #100", "udiv r6, r4, r5")            /* 3 */
SNIPPET(sdiv_m1_1, "mov.w r4, #-1\n\tmovs r5, #1", "sdiv r6, r4, r5")             /* 5 */
/* 1: subs r4,#3; bpl 1b from 30: 10 taken iterations × 3 + last 2 = 32 */
SNIPPET(delay_loop, "movs r4, #30", "1: subs r4, #3\n\tbpl.n 1b")
/* bl (1+1) + bx lr (1+1) = 4 */
SNIPPET(call_bx, "", "bl leaf_bx")
/* bl 2 + adds 1 + bx lr 2 = 5 */
SNIPPET(call_add, "", "bl leaf_add")
/* bl 2 + push {r4,lr} 3 + adds 1 + pop {r4,pc} 1+2+3 = 12 */
SNIPPET(call_frame, "", "bl leaf_frame")
/* blx r5 (1+2) + bx lr (2) = 5 */
SNIPPET(call_blx, "ldr r5, =leaf_bx", "blx r5")
/* tbb [pc, r4] = 6, then the 16-bit nop it lands on = 1 → 7 */
SNIPPET(tbb, "movs r4, #1", "tbb [pc, r4]\n3:\n\t.byte (4f-3b)/2, (5f-3b)/2\n4:\n\tnop\n5:\n\tnop")
/* cbz taken: 1+2, then nop 1 = 4 */
SNIPPET(cbz_taken, "movs r4, #0", "cbz r4, 6f\n\tnop\n6:\n\tnop")
/* movs; it eq (folded, 0); moveq 1 = 2; then cmp.w (32-bit) 1; it eq 1; moveq 1 = 3 → 5 */
SNIPPET(it_fold, "", "movs r4, #0\n\tit eq\n\tmoveq r5, #1\n\tcmp.w r4, #0\n\tit eq\n\tmoveq r6, #1")
/* b.n to a 32-bit target at a word address: 1+1, add.w 1 = 3 */
SNIPPET(b_aligned32, "", "b.n 7f\n\tnop\n7:\n\tadd.w r5, r4, r6")
/* b.n to a 32-bit target at a halfword address: 1+(1+1), add.w 1 = 4 */
SNIPPET(b_unaligned32, "", "b.n 8f\n\tnop\n\tnop\n8:\n\tadd.w r5, r4, r6")

struct entry {
  const char *name;
  uint32_t (*fn)(volatile uint32_t *, uint32_t *);
};

static const struct entry snippets[] = {
#define E(n) {#n, n}
    E(empty), E(alu4), E(ror_orr), E(ror_lsr_add_orr), E(trm_ldr_ldr), E(trm_ldr_str), E(trm_ldr3),
    E(ldr_dependent), E(agu_stall), E(str_imm_reg), E(str_ldr), E(strreg_ldr), E(ldrd), E(strd), E(ldm3),
    E(stm8), E(push_pop), E(unaligned), E(multiply), E(dsp), E(udiv_100_7), E(udiv_max_1), E(udiv_0_7),
    E(udiv_5_100), E(sdiv_m1_1), E(delay_loop), E(call_bx), E(call_add), E(call_frame), E(call_blx), E(tbb),
    E(cbz_taken), E(it_fold), E(b_aligned32), E(b_unaligned32),
#undef E
};

int main(void) {
  DEMCR |= 1u << 24;   /* TRCENA */
  DWT_CYCCNT = 0;
  DWT_CTRL |= 1u;      /* CYCCNTENA */
  for (unsigned i = 0; i < sizeof data / sizeof data[0]; i++) data[i] = i;
  data[0] = (uint32_t)(uintptr_t)data;
  for (unsigned i = 0; i < sizeof snippets / sizeof snippets[0]; i++) {
    uint32_t c = snippets[i].fn((volatile uint32_t *)&DWT_CTRL, data);
    printf("%s %lu\n", snippets[i].name, (unsigned long)c);
  }
  return 0;
}
