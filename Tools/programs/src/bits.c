/* bits.c — bit manipulation: __builtin_clz/ctz/popcount/parity/bswap (CLZ, REV, RBIT-free
 * loops), loop-based bit reversal, rotates, bitfield structs (BFI/UBFX/SBFX), sign
 * extension, masks, gray code, next power of two, and byte-lane tricks. */
#include <stdio.h>
#include <stdint.h>

struct fields { uint32_t a : 3; int32_t b : 5; uint32_t c : 11; int32_t d : 13; };

static uint32_t rev_loop(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1); x >>= 1; }
    return r;
}
static uint32_t rev_swar(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(x);
}
static int popcount_loop(uint32_t x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
static uint32_t rotl(uint32_t x, unsigned r) { r &= 31; return r ? (x << r) | (x >> (32 - r)) : x; }
static uint32_t rotr(uint32_t x, unsigned r) { r &= 31; return r ? (x >> r) | (x << (32 - r)) : x; }
static uint32_t next_pow2(uint32_t x) { return x <= 1 ? 1 : 1u << (32 - __builtin_clz(x - 1)); }
static int32_t sext(uint32_t x, unsigned bits) { uint32_t m = 1u << (bits - 1); x &= (m << 1) - 1; return (int32_t)((x ^ m) - m); }
static uint32_t has_zero_byte(uint32_t x) { return (x - 0x01010101u) & ~x & 0x80808080u; }

int main(void)
{
    static const uint32_t v[] = { 0, 1, 2, 3, 0x80000000u, 0x7fffffffu, 0xffffffffu, 0x00010000u, 0xdeadbeefu,
                                  0x12345678u, 0x00ff00ffu, 0xf0f0f0f0u, 0x00000100u, 0x40000001u };
    uint32_t h = 0;
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint32_t x = v[i];
        int clz = x ? __builtin_clz(x) : 32, ctz = x ? __builtin_ctz(x) : 32;
        printf("%08lx clz=%2d ctz=%2d pop=%2d/%2d par=%d bswap=%08lx rev=%08lx/%08lx ffs=%d\n", (unsigned long)x, clz, ctz,
               __builtin_popcount(x), popcount_loop(x), __builtin_parity(x), (unsigned long)__builtin_bswap32(x),
               (unsigned long)rev_loop(x), (unsigned long)rev_swar(x), __builtin_ffs((int)x));
        for (unsigned r = 0; r < 32; r += 5) h = h * 31 + rotl(x, r) + rotr(x, r * 3);
    }
    printf("rotate hash %08lx\n", (unsigned long)h);
    for (uint32_t x = 0; x < 70; x += 7) printf("%lu", (unsigned long)next_pow2(x)), putchar(x + 7 < 70 ? ' ' : '\n');
    printf("next_pow2(0x40000001)=%08lx\n", (unsigned long)next_pow2(0x40000001u));
    uint64_t w = 0x0123456789abcdefULL;
    printf("64: clzll=%d ctzll=%d popll=%d bswap64=%016llx\n", __builtin_clzll(w), __builtin_ctzll(w << 12),
           __builtin_popcountll(w), (unsigned long long)__builtin_bswap64(w));
    printf("bswap16(0xabcd)=%04x\n", __builtin_bswap16(0xabcd));

    volatile struct fields f = { 0 };
    uint32_t fh = 0;
    for (int i = -20; i < 20; i += 3) {
        f.a = (uint32_t)i;
        f.b = i;
        f.c = (uint32_t)(i * 100);
        f.d = i * 333;
        fh = fh * 131 + f.a + (uint32_t)f.b * 7 + f.c * 11 + (uint32_t)f.d * 13;
        if (i % 9 == 1) printf("fields(%d): a=%lu b=%ld c=%lu d=%ld\n", i, (unsigned long)f.a, (long)f.b, (unsigned long)f.c, (long)f.d);
    }
    printf("fields hash %08lx\n", (unsigned long)fh);
    for (unsigned bits = 1; bits <= 32; bits += 5)
        printf("sext(0x%08lx,%u)=%ld\n", (unsigned long)(0xdeadbeefu >> (32 - bits)), bits, (long)sext(0xdeadbeefu >> (32 - bits), bits));
    printf("gray:");
    for (uint32_t i = 0; i < 16; i++) printf(" %lx", (unsigned long)(i ^ (i >> 1)));
    printf("\n");
    static const uint32_t words[] = { 0x61626364u, 0x61006364u, 0x00000000u, 0xffffff00u, 0x01010101u };
    for (unsigned i = 0; i < 5; i++) printf("has_zero_byte(%08lx)=%d\n", (unsigned long)words[i], has_zero_byte(words[i]) != 0);
    /* lane-wise byte add without carries between lanes */
    uint32_t a = 0x7f80ff01u, b = 0x01807f02u;
    uint32_t lane = ((a & 0x7f7f7f7fu) + (b & 0x7f7f7f7fu)) ^ ((a ^ b) & 0x80808080u);
    printf("bytewise add %08lx + %08lx = %08lx\n", (unsigned long)a, (unsigned long)b, (unsigned long)lane);
    /* count bits in a range with a sliding mask */
    uint32_t total = 0;
    for (uint32_t x = 0; x < 4096; x++) total += (uint32_t)__builtin_popcount(x * 0x9e3779b9u) ^ (x & 1);
    printf("popcount sum %lu\n", (unsigned long)total);
    return 0;
}
