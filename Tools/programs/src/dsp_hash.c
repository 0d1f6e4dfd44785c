/* dsp_hash.c — conformance hash of every ARMv7E-M DSP instruction.
 *
 * Each instruction runs in one inline-assembly block
 *     msr APSR_nzcvqg, <preset>  ;  <instruction>  ;  mrs <psr>, APSR
 * over edge operands (0, +-1, 0x7FFF, 0x8000, 0x7F, 0x80, INT32_MIN/MAX, 0x80008000,
 * mixed-sign lanes, ...) with the flags all clear and all set, and over operands and flag
 * presets from an xorshift32 generator.  Results, and APSR's N,Z,C,V,Q and GE bits
 * afterwards, are folded into a 32-bit FNV-1a-style hash per instruction; the program prints
 * one line "NAME hash" per instruction variant and a final "TOTAL hash".  Built at -O2.
 * Compiled on the host with -DDSP_REF (Tools/programs/dsp_ref.c) the same driver runs C
 * models of the instructions written from the ARMv7-M ARM pseudocode instead; build.sh
 * checks that both give the same output. */
#include <stdio.h>
#include <stdint.h>

typedef void (*kern_t)(const uint32_t *in, uint32_t flags, uint32_t *out);

/* in[0]=Rn/a  in[1]=Rm/b  in[2]=Ra or RdLo  in[3]=RdHi;  out[0]=Rd or RdLo  out[1]=RdHi  out[2]=APSR */
#define PRE  "msr APSR_nzcvqg, %[f]\n\t"
#define POST "\n\tmrs %[ps], APSR"

#ifndef DSP_REF
/* Rd, Rn, Rm */
#define DEF3(NAME, T)                                                                   \
    static void k_##NAME(const uint32_t *in, uint32_t f, uint32_t *out)                 \
    {                                                                                   \
        uint32_t d, ps;                                                                 \
        __asm__ volatile(PRE T POST : [d] "=&r"(d), [ps] "=&r"(ps)                      \
                         : [a] "r"(in[0]), [b] "r"(in[1]), [f] "r"(f) : "cc");          \
        out[0] = d; out[1] = 0; out[2] = ps;                                            \
    }
/* Rd, Rn, Rm, Ra */
#define DEF4(NAME, T)                                                                   \
    static void k_##NAME(const uint32_t *in, uint32_t f, uint32_t *out)                 \
    {                                                                                   \
        uint32_t d, ps;                                                                 \
        __asm__ volatile(PRE T POST : [d] "=&r"(d), [ps] "=&r"(ps)                      \
                         : [a] "r"(in[0]), [b] "r"(in[1]), [c] "r"(in[2]), [f] "r"(f)   \
                         : "cc");                                                       \
        out[0] = d; out[1] = 0; out[2] = ps;                                            \
    }
/* RdLo, RdHi, Rn, Rm (RdLo/RdHi read and written) */
#define DEFL(NAME, T)                                                                   \
    static void k_##NAME(const uint32_t *in, uint32_t f, uint32_t *out)                 \
    {                                                                                   \
        uint32_t lo = in[2], hi = in[3], ps;                                            \
        __asm__ volatile(PRE T POST : [lo] "+&r"(lo), [hi] "+&r"(hi), [ps] "=&r"(ps)    \
                         : [a] "r"(in[0]), [b] "r"(in[1]), [f] "r"(f) : "cc");          \
        out[0] = lo; out[1] = hi; out[2] = ps;                                          \
    }
/* Rd, Rn (+ immediates in the template) */
#define DEF2(NAME, T)                                                                   \
    static void k_##NAME(const uint32_t *in, uint32_t f, uint32_t *out)                 \
    {                                                                                   \
        uint32_t d, ps;                                                                 \
        __asm__ volatile(PRE T POST : [d] "=&r"(d), [ps] "=&r"(ps)                      \
                         : [a] "r"(in[0]), [f] "r"(f) : "cc");                          \
        out[0] = d; out[1] = 0; out[2] = ps;                                            \
    }

#else
/* Host reference build (Tools/programs/dsp_ref.c): the same driver over C models. */
#define DEFREF(NAME) \
    static void k_##NAME(const uint32_t *in, uint32_t f, uint32_t *out) { ref_exec(#NAME, in, f, out); }
#define DEF3(NAME, T) DEFREF(NAME)
#define DEF4(NAME, T) DEFREF(NAME)
#define DEFL(NAME, T) DEFREF(NAME)
#define DEF2(NAME, T) DEFREF(NAME)
#endif

#define R3 " %[d], %[a], %[b]"
#define R4 " %[d], %[a], %[b], %[c]"
#define RL " %[lo], %[hi], %[a], %[b]"

/* ---- parallel add/subtract: 6 prefixes x 6 operations */
#define PAR(P, p)                                                                       \
    DEF3(P##ADD16, #p "add16" R3) DEF3(P##SUB16, #p "sub16" R3) DEF3(P##ASX, #p "asx" R3) \
    DEF3(P##SAX, #p "sax" R3) DEF3(P##ADD8, #p "add8" R3) DEF3(P##SUB8, #p "sub8" R3)
PAR(S, s) PAR(Q, q) PAR(SH, sh) PAR(U, u) PAR(UQ, uq) PAR(UH, uh)

/* ---- saturating arithmetic, select, sum of absolute differences */
DEF3(QADD, "qadd" R3) DEF3(QSUB, "qsub" R3) DEF3(QDADD, "qdadd" R3) DEF3(QDSUB, "qdsub" R3)
DEF3(SEL, "sel" R3) DEF3(USAD8, "usad8" R3) DEF4(USADA8, "usada8" R4)

/* ---- dual 16-bit multiplies */
DEF4(SMLAD, "smlad" R4) DEF4(SMLADX, "smladx" R4) DEF4(SMLSD, "smlsd" R4) DEF4(SMLSDX, "smlsdx" R4)
DEF3(SMUAD, "smuad" R3) DEF3(SMUADX, "smuadx" R3) DEF3(SMUSD, "smusd" R3) DEF3(SMUSDX, "smusdx" R3)
DEFL(SMLALD, "smlald" RL) DEFL(SMLALDX, "smlaldx" RL) DEFL(SMLSLD, "smlsld" RL) DEFL(SMLSLDX, "smlsldx" RL)

/* ---- halfword multiplies */
DEF4(SMLABB, "smlabb" R4) DEF4(SMLABT, "smlabt" R4) DEF4(SMLATB, "smlatb" R4) DEF4(SMLATT, "smlatt" R4)
DEF4(SMLAWB, "smlawb" R4) DEF4(SMLAWT, "smlawt" R4)
DEF3(SMULBB, "smulbb" R3) DEF3(SMULBT, "smulbt" R3) DEF3(SMULTB, "smultb" R3) DEF3(SMULTT, "smultt" R3)
DEF3(SMULWB, "smulwb" R3) DEF3(SMULWT, "smulwt" R3)
DEFL(SMLALBB, "smlalbb" RL) DEFL(SMLALBT, "smlalbt" RL) DEFL(SMLALTB, "smlaltb" RL) DEFL(SMLALTT, "smlaltt" RL)

/* ---- most-significant-word multiplies, long multiplies */
DEF4(SMMLA, "smmla" R4) DEF4(SMMLAR, "smmlar" R4) DEF4(SMMLS, "smmls" R4) DEF4(SMMLSR, "smmlsr" R4)
DEF3(SMMUL, "smmul" R3) DEF3(SMMULR, "smmulr" R3)
DEFL(UMAAL, "umaal" RL) DEFL(SMLAL, "smlal" RL) DEFL(UMLAL, "umlal" RL)
DEFL(SMULL, "smull" RL) DEFL(UMULL, "umull" RL)
DEF3(SDIV, "sdiv" R3) DEF3(UDIV, "udiv" R3) DEF4(MLA, "mla" R4) DEF4(MLS, "mls" R4)

/* ---- pack halfword */
DEF3(PKHBT, "pkhbt" R3) DEF3(PKHBT_LSL1, "pkhbt" R3 ", lsl #1") DEF3(PKHBT_LSL8, "pkhbt" R3 ", lsl #8")
DEF3(PKHBT_LSL16, "pkhbt" R3 ", lsl #16") DEF3(PKHBT_LSL31, "pkhbt" R3 ", lsl #31")
DEF3(PKHTB_ASR1, "pkhtb" R3 ", asr #1") DEF3(PKHTB_ASR8, "pkhtb" R3 ", asr #8") DEF3(PKHTB_ASR16, "pkhtb" R3 ", asr #16")
DEF3(PKHTB_ASR31, "pkhtb" R3 ", asr #31") DEF3(PKHTB_ASR32, "pkhtb" R3 ", asr #32")

/* ---- extend and extend-add, every rotation */
#define ROT3(N, m)                                                                      \
    DEF3(N, #m R3) DEF3(N##_ROR8, #m R3 ", ror #8") DEF3(N##_ROR16, #m R3 ", ror #16")  \
    DEF3(N##_ROR24, #m R3 ", ror #24")
#define ROT2(N, m)                                                                      \
    DEF2(N, #m " %[d], %[a]") DEF2(N##_ROR8, #m " %[d], %[a], ror #8")                  \
    DEF2(N##_ROR16, #m " %[d], %[a], ror #16") DEF2(N##_ROR24, #m " %[d], %[a], ror #24")
ROT3(SXTAB16, sxtab16) ROT3(UXTAB16, uxtab16) ROT3(SXTAB, sxtab) ROT3(SXTAH, sxtah) ROT3(UXTAB, uxtab) ROT3(UXTAH, uxtah)
ROT2(SXTB16, sxtb16) ROT2(UXTB16, uxtb16) ROT2(SXTB, sxtb) ROT2(SXTH, sxth) ROT2(UXTB, uxtb) ROT2(UXTH, uxth)

/* ---- saturation with shifts */
#define SATS(N, m, w)                                                                   \
    DEF2(N##_##w, #m " %[d], #" #w ", %[a]")                                            \
    DEF2(N##_##w##_LSL4, #m " %[d], #" #w ", %[a], lsl #4")                             \
    DEF2(N##_##w##_LSL31, #m " %[d], #" #w ", %[a], lsl #31")                           \
    DEF2(N##_##w##_ASR1, #m " %[d], #" #w ", %[a], asr #1")                             \
    DEF2(N##_##w##_ASR31, #m " %[d], #" #w ", %[a], asr #31")
SATS(SSAT, ssat, 1) SATS(SSAT, ssat, 8) SATS(SSAT, ssat, 16) SATS(SSAT, ssat, 31) SATS(SSAT, ssat, 32)
SATS(USAT, usat, 0) SATS(USAT, usat, 1) SATS(USAT, usat, 8) SATS(USAT, usat, 16) SATS(USAT, usat, 31)
#define SAT16(N, m, w) DEF2(N##_##w, #m " %[d], #" #w ", %[a]")
SAT16(SSAT16, ssat16, 1) SAT16(SSAT16, ssat16, 4) SAT16(SSAT16, ssat16, 8) SAT16(SSAT16, ssat16, 15) SAT16(SSAT16, ssat16, 16)
SAT16(USAT16, usat16, 0) SAT16(USAT16, usat16, 1) SAT16(USAT16, usat16, 7) SAT16(USAT16, usat16, 8) SAT16(USAT16, usat16, 15)

enum kind { K2, K3, K4, KL };
struct test { const char *name; kern_t k; enum kind kind; };
#define T2(N) { #N, k_##N, K2 },
#define T3(N) { #N, k_##N, K3 },
#define T4(N) { #N, k_##N, K4 },
#define TL(N) { #N, k_##N, KL },
#define TPAR(P) T3(P##ADD16) T3(P##SUB16) T3(P##ASX) T3(P##SAX) T3(P##ADD8) T3(P##SUB8)
#define TROT3(N) T3(N) T3(N##_ROR8) T3(N##_ROR16) T3(N##_ROR24)
#define TROT2(N) T2(N) T2(N##_ROR8) T2(N##_ROR16) T2(N##_ROR24)
#define TSATS(N, w) T2(N##_##w) T2(N##_##w##_LSL4) T2(N##_##w##_LSL31) T2(N##_##w##_ASR1) T2(N##_##w##_ASR31)

static const struct test tests[] = {
    TPAR(S) TPAR(Q) TPAR(SH) TPAR(U) TPAR(UQ) TPAR(UH)
    T3(QADD) T3(QSUB) T3(QDADD) T3(QDSUB) T3(SEL) T3(USAD8) T4(USADA8)
    T4(SMLAD) T4(SMLADX) T4(SMLSD) T4(SMLSDX) T3(SMUAD) T3(SMUADX) T3(SMUSD) T3(SMUSDX)
    TL(SMLALD) TL(SMLALDX) TL(SMLSLD) TL(SMLSLDX)
    T4(SMLABB) T4(SMLABT) T4(SMLATB) T4(SMLATT) T4(SMLAWB) T4(SMLAWT)
    T3(SMULBB) T3(SMULBT) T3(SMULTB) T3(SMULTT) T3(SMULWB) T3(SMULWT)
    TL(SMLALBB) TL(SMLALBT) TL(SMLALTB) TL(SMLALTT)
    T4(SMMLA) T4(SMMLAR) T4(SMMLS) T4(SMMLSR) T3(SMMUL) T3(SMMULR)
    TL(UMAAL) TL(SMLAL) TL(UMLAL) TL(SMULL) TL(UMULL) T3(SDIV) T3(UDIV) T4(MLA) T4(MLS)
    T3(PKHBT) T3(PKHBT_LSL1) T3(PKHBT_LSL8) T3(PKHBT_LSL16) T3(PKHBT_LSL31)
    T3(PKHTB_ASR1) T3(PKHTB_ASR8) T3(PKHTB_ASR16) T3(PKHTB_ASR31) T3(PKHTB_ASR32)
    TROT3(SXTAB16) TROT3(UXTAB16) TROT3(SXTAB) TROT3(SXTAH) TROT3(UXTAB) TROT3(UXTAH)
    TROT2(SXTB16) TROT2(UXTB16) TROT2(SXTB) TROT2(SXTH) TROT2(UXTB) TROT2(UXTH)
    TSATS(SSAT, 1) TSATS(SSAT, 8) TSATS(SSAT, 16) TSATS(SSAT, 31) TSATS(SSAT, 32)
    TSATS(USAT, 0) TSATS(USAT, 1) TSATS(USAT, 8) TSATS(USAT, 16) TSATS(USAT, 31)
    T2(SSAT16_1) T2(SSAT16_4) T2(SSAT16_8) T2(SSAT16_15) T2(SSAT16_16)
    T2(USAT16_0) T2(USAT16_1) T2(USAT16_7) T2(USAT16_8) T2(USAT16_15)
};

static const uint32_t edges[] = {
    0x00000000u, 0x00000001u, 0xffffffffu, 0x00000002u, 0xfffffffeu, 0x00007fffu, 0x00008000u, 0x0000ffffu,
    0xffff8000u, 0xffff7fffu, 0x0000007fu, 0x00000080u, 0x000000ffu, 0xffffff80u, 0x7fffffffu, 0x80000000u,
    0x80008000u, 0x7fff7fffu, 0x7fff8000u, 0x80007fffu, 0x00010001u, 0xffff0001u, 0x0001ffffu, 0x7f7f7f7fu,
    0x80808080u, 0x7f80017fu, 0x01ff8000u, 0x00ff00ffu, 0xff00ff00u, 0x12345678u, 0xedcba988u, 0x40000000u,
};
#define NE (int)(sizeof edges / sizeof edges[0])
/* accumulator / RdLo,RdHi values */
static const uint32_t accs[][2] = {
    { 0x00000000u, 0x00000000u }, { 0x00000001u, 0x00000000u }, { 0xffffffffu, 0xffffffffu },
    { 0x7fffffffu, 0x00000000u }, { 0x80000000u, 0xffffffffu }, { 0xffffffffu, 0x7fffffffu },
    { 0x00000000u, 0x80000000u }, { 0x7fff0000u, 0x00000001u }, { 0x80010000u, 0xfffffffeu },
};
#define NA (int)(sizeof accs / sizeof accs[0])
#define FLAGS_MASK 0xf80f0000u   /* N Z C V Q and GE[3:0] */

static uint32_t rng = 0x2545f491u;
static uint32_t xorshift32(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

/* FNV-1a over 32-bit words, plus an xorshift so high bits reach the low ones.  Each step
 * is a bijection of h for a given w, so a single wrong word always changes the hash. */
static uint32_t fnv_word(uint32_t h, uint32_t w)
{
    h = (h ^ w) * 16777619u;
    return h ^ (h >> 13);
}

static uint32_t run(const struct test *t, uint32_t h, const uint32_t *in, uint32_t flags)
{
    uint32_t out[3];
    t->k(in, flags, out);
    h = fnv_word(h, out[0]);
    if (t->kind == KL) h = fnv_word(h, out[1]);
    return fnv_word(h, out[2] & FLAGS_MASK);
}

static uint32_t hash_test(const struct test *t)
{
    static const uint32_t presets[] = { 0x00000000u, FLAGS_MASK, 0x08050000u, 0xf00a0000u };
    uint32_t h = 0x811c9dc5u, in[4];
    rng = 0x2545f491u;   /* every instruction sees the same random operands */
    if (t->kind == K2) {
        for (int i = 0; i < NE; i++)
            for (int p = 0; p < 4; p++) { in[0] = edges[i]; h = run(t, h, in, presets[p]); }
        for (int r = 0; r < 256; r++) {
            in[0] = xorshift32();
            /* bias towards small magnitudes sometimes so saturation boundaries are crossed both ways */
            if (r & 1) in[0] = (uint32_t)((int32_t)in[0] >> (xorshift32() % 32));
            h = run(t, h, in, xorshift32() & FLAGS_MASK);
        }
        return h;
    }
    for (int i = 0; i < NE; i++)
        for (int j = 0; j < NE; j++) {
            in[0] = edges[i]; in[1] = edges[j];
            int a = (i * NE + j) % NA;
            in[2] = accs[a][0]; in[3] = accs[a][1];
            h = run(t, h, in, presets[(i + j) & 1]);
            if (t->kind != K3) {   /* also with the accumulator taken from the edges */
                in[2] = edges[(i + 3 * j) % NE]; in[3] = edges[(7 * i + j) % NE];
                h = run(t, h, in, presets[2 + ((i + j) & 1)]);
            }
        }
    for (int r = 0; r < 256; r++) {
        in[0] = xorshift32(); in[1] = xorshift32(); in[2] = xorshift32(); in[3] = xorshift32();
        if (r % 3 == 1) { in[0] = (uint32_t)((int32_t)in[0] >> (xorshift32() % 32)); in[1] &= 0x8001ffffu; }
        h = run(t, h, in, xorshift32() & FLAGS_MASK);
    }
    return h;
}

int main(void)
{
    uint32_t total = 0x811c9dc5u;
    const int n = (int)(sizeof tests / sizeof tests[0]);
    for (int i = 0; i < n; i++) {
        uint32_t h = hash_test(&tests[i]);
        printf("%s %08lx\n", tests[i].name, (unsigned long)h);
        total = fnv_word(total, h);
    }
    printf("TOTAL %08lx (%d instruction variants)\n", (unsigned long)total, n);
    return 0;
}
