/* Tools/programs/dsp_ref.c — host-side reference for Vectors/programs/dsp_hash.
 *
 * C models of the ARMv7E-M DSP instructions (and the few other multiplies/divides that
 * dsp_hash covers), written from the pseudocode of the ARMv7-M ARM (DDI 0403E, A7.7),
 * plugged into dsp_hash.c's driver in place of the inline assembly:
 *
 *     cc -O2 -DDSP_REF -o dsp_ref Tools/programs/dsp_ref.c && ./dsp_ref
 *
 * prints what dsp_hash prints on a correct Cortex-M4.  build.sh compares it with QEMU's
 * output, so the recorded vector is backed by two independent implementations.
 * Each test name encodes the instruction: MNEMONIC[_immediate][_SHIFTn|_RORn]. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void ref_exec(const char *name, const uint32_t *in, uint32_t f, uint32_t *out);

#include "src/dsp_hash.c"

#define APSR_Q (1u << 27)

static int64_t sext(uint64_t v, int bits) { uint64_t m = 1ull << (bits - 1); v &= (m << 1) - 1; return (int64_t)(v ^ m) - (int64_t)m; }
static int32_t s16(uint32_t v, int hi) { return (int32_t)sext(hi ? v >> 16 : v, 16); }
static uint32_t u16(uint32_t v, int hi) { return (hi ? v >> 16 : v) & 0xffff; }
static int32_t s8(uint32_t v, int i) { return (int32_t)sext(v >> (8 * i), 8); }
static uint32_t u8(uint32_t v, int i) { return (v >> (8 * i)) & 0xff; }
static uint32_t ror32(uint32_t v, int r) { r &= 31; return r ? (v >> r) | (v << (32 - r)) : v; }

/* SignedSatQ / UnsignedSatQ (A2.2.1) */
static int64_t ssatq(int64_t i, int n, int *sat)
{
    int64_t max = (1ll << (n - 1)) - 1, min = -(1ll << (n - 1));
    if (i > max) { *sat = 1; return max; }
    if (i < min) { *sat = 1; return min; }
    return i;
}
static int64_t usatq(int64_t i, int n, int *sat)
{
    int64_t max = (1ll << n) - 1;
    if (i > max) { *sat = 1; return max; }
    if (i < 0) { *sat = 1; return 0; }
    return i;
}

/* Parallel add/subtract (A7.7: SADD16 ... UHSUB8).  a = Rn, b = Rm. */
static uint32_t parallel(const char *prefix, const char *op, uint32_t a, uint32_t b, uint32_t *apsr)
{
    int sgn = prefix[0] == 'S' || (prefix[0] == 'Q');
    int sat = strchr(prefix, 'Q') != NULL;
    int halving = strchr(prefix, 'H') != NULL;
    int plain = !sat && !halving;   /* S or U: sets GE */
    uint32_t res = 0, ge = 0;
    if (!strcmp(op, "ADD8") || !strcmp(op, "SUB8")) {
        int sub = op[0] == 'S';
        for (int i = 0; i < 4; i++) {
            int64_t x = sgn ? s8(a, i) : (int64_t)u8(a, i), y = sgn ? s8(b, i) : (int64_t)u8(b, i);
            int64_t r = sub ? x - y : x + y;
            int dummy = 0;
            if (plain) {
                int g = sgn ? r >= 0 : (sub ? r >= 0 : r >= 0x100);
                if (g) ge |= 1u << i;
            }
            if (sat) r = sgn ? ssatq(r, 8, &dummy) : usatq(r, 8, &dummy);
            if (halving) r >>= 1;   /* arithmetic: r is exact */
            res |= ((uint32_t)r & 0xff) << (8 * i);
        }
    } else {
        /* lane 0 (low halfword) and lane 1 (high) */
        int64_t x0 = sgn ? s16(a, 0) : (int64_t)u16(a, 0), x1 = sgn ? s16(a, 1) : (int64_t)u16(a, 1);
        int64_t y0 = sgn ? s16(b, 0) : (int64_t)u16(b, 0), y1 = sgn ? s16(b, 1) : (int64_t)u16(b, 1);
        int64_t r0, r1;
        int sub0, sub1;
        if (!strcmp(op, "ADD16")) { r0 = x0 + y0; r1 = x1 + y1; sub0 = 0; sub1 = 0; }
        else if (!strcmp(op, "SUB16")) { r0 = x0 - y0; r1 = x1 - y1; sub0 = 1; sub1 = 1; }
        else if (!strcmp(op, "ASX")) { r0 = x0 - y1; r1 = x1 + y0; sub0 = 1; sub1 = 0; }
        else { /* SAX */ r0 = x0 + y1; r1 = x1 - y0; sub0 = 0; sub1 = 1; }
        if (plain) {
            int g0 = sgn ? r0 >= 0 : (sub0 ? r0 >= 0 : r0 >= 0x10000);
            int g1 = sgn ? r1 >= 0 : (sub1 ? r1 >= 0 : r1 >= 0x10000);
            ge = (g0 ? 3u : 0u) | (g1 ? 12u : 0u);
        }
        int dummy = 0;
        if (sat) { r0 = sgn ? ssatq(r0, 16, &dummy) : usatq(r0, 16, &dummy); r1 = sgn ? ssatq(r1, 16, &dummy) : usatq(r1, 16, &dummy); }
        if (halving) { r0 >>= 1; r1 >>= 1; }
        res = ((uint32_t)r0 & 0xffff) | (((uint32_t)r1 & 0xffff) << 16);
    }
    if (plain) *apsr = (*apsr & ~0x000f0000u) | (ge << 16);
    return res;
}

static const char *const par_prefixes[] = { "UQ", "UH", "SH", "Q", "S", "U" };
static const char *const par_ops[] = { "ADD16", "SUB16", "ASX", "SAX", "ADD8", "SUB8" };

static void fail(const char *name) { fprintf(stderr, "dsp_ref: no model for %s\n", name); exit(2); }

static void ref_exec(const char *name, const uint32_t *in, uint32_t f, uint32_t *out)
{
    uint32_t a = in[0], b = in[1], c = in[2], lo = in[2], hi = in[3];
    uint32_t apsr = f & FLAGS_MASK;
    uint32_t d = 0;
    int q = 0;   /* saturation/overflow -> APSR.Q */
    char base[32];
    const char *us = strchr(name, '_');
    size_t bl = us ? (size_t)(us - name) : strlen(name);
    memcpy(base, name, bl);
    base[bl] = 0;
    const char *rest = us ? us + 1 : "";
    out[1] = 0;

    for (unsigned i = 0; i < 6; i++) {
        size_t pl = strlen(par_prefixes[i]);
        if (strncmp(base, par_prefixes[i], pl)) continue;
        for (unsigned j = 0; j < 6; j++)
            if (!strcmp(base + pl, par_ops[j])) {
                out[0] = parallel(par_prefixes[i], par_ops[j], a, b, &apsr);
                out[2] = apsr;
                return;
            }
    }

    int64_t sa = (int32_t)a, sb = (int32_t)b, sc = (int32_t)c;
    if (!strcmp(base, "QADD")) { d = (uint32_t)ssatq(sa + sb, 32, &q); }
    else if (!strcmp(base, "QSUB")) { d = (uint32_t)ssatq(sa - sb, 32, &q); }
    else if (!strcmp(base, "QDADD")) { int64_t dbl = ssatq(2 * sb, 32, &q); d = (uint32_t)ssatq(sa + dbl, 32, &q); }
    else if (!strcmp(base, "QDSUB")) { int64_t dbl = ssatq(2 * sb, 32, &q); d = (uint32_t)ssatq(sa - dbl, 32, &q); }
    else if (!strcmp(base, "SEL")) {
        for (int i = 0; i < 4; i++) d |= ((apsr >> (16 + i)) & 1 ? u8(a, i) : u8(b, i)) << (8 * i);
    }
    else if (!strcmp(base, "USAD8") || !strcmp(base, "USADA8")) {
        uint32_t s = base[4] == 'A' ? c : 0;
        for (int i = 0; i < 4; i++) { int x = (int)u8(a, i) - (int)u8(b, i); s += (uint32_t)(x < 0 ? -x : x); }
        d = s;
    }
    else if (!strncmp(base, "SMLAD", 5) || !strncmp(base, "SMLSD", 5) || !strncmp(base, "SMUAD", 5) || !strncmp(base, "SMUSD", 5)) {
        uint32_t bb = base[5] == 'X' ? ror32(b, 16) : b;
        int64_t p1 = (int64_t)s16(a, 0) * s16(bb, 0), p2 = (int64_t)s16(a, 1) * s16(bb, 1);
        int64_t r = base[3] == 'S' ? p1 - p2 : p1 + p2;
        if (base[2] == 'L') r += sc;
        d = (uint32_t)r;
        if (r != (int32_t)d) q = 1;
    }
    else if (!strncmp(base, "SMLALD", 6) || !strncmp(base, "SMLSLD", 6)) {
        uint32_t bb = base[6] == 'X' ? ror32(b, 16) : b;
        int64_t p1 = (int64_t)s16(a, 0) * s16(bb, 0), p2 = (int64_t)s16(a, 1) * s16(bb, 1);
        uint64_t acc = ((uint64_t)hi << 32) | lo;
        acc += (uint64_t)(base[3] == 'S' ? p1 - p2 : p1 + p2);
        d = (uint32_t)acc; out[1] = (uint32_t)(acc >> 32);
    }
    else if (!strncmp(base, "SMLAL", 5) && strlen(base) == 7) {   /* SMLALxy */
        int64_t p = (int64_t)s16(a, base[5] == 'T') * s16(b, base[6] == 'T');
        uint64_t acc = (((uint64_t)hi << 32) | lo) + (uint64_t)p;
        d = (uint32_t)acc; out[1] = (uint32_t)(acc >> 32);
    }
    else if (!strncmp(base, "SMLA", 4) && strlen(base) == 6 && base[4] != 'W') {   /* SMLAxy */
        int64_t r = (int64_t)s16(a, base[4] == 'T') * s16(b, base[5] == 'T') + sc;
        d = (uint32_t)r;
        if (r != (int32_t)d) q = 1;
    }
    else if (!strncmp(base, "SMUL", 4) && strlen(base) == 6 && base[4] != 'W') {   /* SMULxy */
        d = (uint32_t)((int64_t)s16(a, base[4] == 'T') * s16(b, base[5] == 'T'));
    }
    else if (!strcmp(base, "SMLAWB") || !strcmp(base, "SMLAWT")) {
        int64_t r = ((sa * s16(b, base[5] == 'T')) >> 16) + sc;
        d = (uint32_t)r;
        if (r != (int32_t)d) q = 1;
    }
    else if (!strcmp(base, "SMULWB") || !strcmp(base, "SMULWT")) {
        d = (uint32_t)((sa * s16(b, base[5] == 'T')) >> 16);
    }
    else if (!strncmp(base, "SMMLA", 5) || !strncmp(base, "SMMLS", 5) || !strncmp(base, "SMMUL", 5)) {
        int round = base[5] == 'R';
        uint64_t r = (uint64_t)(sa * sb);
        if (base[4] == 'L' && base[3] == 'M' && base[2] == 'M') { /* SMMLA / SMMLS */ }
        if (!strncmp(base, "SMMLA", 5)) r = ((uint64_t)c << 32) + r;
        else if (!strncmp(base, "SMMLS", 5)) r = ((uint64_t)c << 32) - r;
        if (round) r += 0x80000000u;
        d = (uint32_t)(r >> 32);
    }
    else if (!strcmp(base, "UMAAL")) {
        uint64_t r = (uint64_t)a * b + lo + hi;
        d = (uint32_t)r; out[1] = (uint32_t)(r >> 32);
    }
    else if (!strcmp(base, "SMLAL") || !strcmp(base, "UMLAL") || !strcmp(base, "SMULL") || !strcmp(base, "UMULL")) {
        uint64_t p = base[0] == 'S' ? (uint64_t)(sa * sb) : (uint64_t)a * b;
        if (base[3] == 'A') p += ((uint64_t)hi << 32) | lo;
        d = (uint32_t)p; out[1] = (uint32_t)(p >> 32);
    }
    else if (!strcmp(base, "SDIV")) { d = b == 0 ? 0 : (a == 0x80000000u && b == 0xffffffffu) ? a : (uint32_t)(int32_t)(sa / sb); }
    else if (!strcmp(base, "UDIV")) { d = b == 0 ? 0 : a / b; }
    else if (!strcmp(base, "MLA")) { d = a * b + c; }
    else if (!strcmp(base, "MLS")) { d = c - a * b; }
    else if (!strcmp(base, "PKHBT")) {
        int s = *rest ? atoi(rest + 3) : 0;   /* LSLn */
        d = (a & 0xffff) | ((b << s) & 0xffff0000u);
    }
    else if (!strcmp(base, "PKHTB")) {
        int s = atoi(rest + 3);               /* ASRn, n = 1..32 */
        uint32_t sh = (uint32_t)((int32_t)b >> (s > 31 ? 31 : s));
        d = (a & 0xffff0000u) | (sh & 0xffff);
    }
    else if (!strcmp(base, "SXTAB16") || !strcmp(base, "UXTAB16") || !strcmp(base, "SXTB16") || !strcmp(base, "UXTB16")) {
        int add = base[3] == 'A';
        uint32_t r = ror32(add ? b : a, *rest ? atoi(rest + 3) : 0);
        uint32_t e0 = base[0] == 'S' ? (uint32_t)s8(r, 0) : u8(r, 0), e2 = base[0] == 'S' ? (uint32_t)s8(r, 2) : u8(r, 2);
        uint32_t l = (add ? u16(a, 0) : 0) + e0, h = (add ? u16(a, 1) : 0) + e2;
        d = (l & 0xffff) | (h << 16);
    }
    else if (!strcmp(base, "SXTAB") || !strcmp(base, "SXTAH") || !strcmp(base, "UXTAB") || !strcmp(base, "UXTAH") ||
             !strcmp(base, "SXTB") || !strcmp(base, "SXTH") || !strcmp(base, "UXTB") || !strcmp(base, "UXTH")) {
        int add = base[3] == 'A';
        char size = base[add ? 4 : 3];
        uint32_t r = ror32(add ? b : a, *rest ? atoi(rest + 3) : 0);
        uint32_t e = size == 'B' ? (base[0] == 'S' ? (uint32_t)s8(r, 0) : u8(r, 0))
                                 : (base[0] == 'S' ? (uint32_t)s16(r, 0) : u16(r, 0));
        d = (add ? a : 0) + e;
    }
    else if (!strcmp(base, "SSAT") || !strcmp(base, "USAT")) {
        char *end;
        int n = (int)strtol(rest, &end, 10);
        uint32_t op = a;
        if (*end == '_') {
            int s = atoi(end + 4);
            op = end[1] == 'L' ? a << s : (uint32_t)((int32_t)a >> s);
        }
        d = (uint32_t)(base[0] == 'S' ? ssatq((int32_t)op, n, &q) : usatq((int32_t)op, n, &q));
    }
    else if (!strcmp(base, "SSAT16") || !strcmp(base, "USAT16")) {
        int n = atoi(rest);
        int64_t r0 = base[0] == 'S' ? ssatq(s16(a, 0), n, &q) : usatq(s16(a, 0), n, &q);
        int64_t r1 = base[0] == 'S' ? ssatq(s16(a, 1), n, &q) : usatq(s16(a, 1), n, &q);
        d = ((uint32_t)r0 & 0xffff) | ((uint32_t)r1 << 16);
    }
    else fail(name);

    if (q) apsr |= APSR_Q;
    out[0] = d;
    out[2] = apsr;
}
