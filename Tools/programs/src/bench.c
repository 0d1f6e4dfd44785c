/* bench.c — a loop-heavy program for speed measurements (emulated instructions per second)
 * rather than coverage: table CRC-32 over a buffer, a bit sieve, integer matrix multiply,
 * heap sort, a DSP-style int16 dot product/FIR, and a byte-histogram.  Each phase prints a
 * checksum so that a wrong result is caught too.  BENCH_SCALE multiplies the work. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#ifndef BENCH_SCALE
#define BENCH_SCALE 4
#endif

static uint32_t rng = 0x12345678u;
static inline uint32_t xorshift32(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static uint32_t crc_table[256];
static uint8_t buf[16384];
#define SIEVE_N 200000
static uint32_t sieve_bits[SIEVE_N / 32 + 1];
#define MN 24
static int32_t ma[MN][MN], mb[MN][MN], mc[MN][MN];
#define SORT_N 3000
static int32_t sort_a[SORT_N];
#define FIR_N 2048
#define FIR_TAPS 32
static int16_t fir_x[FIR_N + FIR_TAPS], fir_h[FIR_TAPS];
static int32_t fir_y[FIR_N];

static uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--) crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static void sift_down(int32_t *a, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (a[sw] < a[child]) sw = child;
        if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
        if (sw == root) return;
        int32_t t = a[root]; a[root] = a[sw]; a[sw] = t;
        root = sw;
    }
}
static void heap_sort(int32_t *a, int n)
{
    for (int start = (n - 2) / 2; start >= 0; start--) sift_down(a, start, n - 1);
    for (int end = n - 1; end > 0; end--) {
        int32_t t = a[end]; a[end] = a[0]; a[0] = t;
        sift_down(a, 0, end - 1);
    }
}

int main(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)xorshift32();

    /* 1. CRC-32 */
    uint32_t crc = 0;
    for (int r = 0; r < 2 * BENCH_SCALE; r++) crc = crc32(buf, sizeof buf, crc);
    printf("crc32 x%d: %08lx\n", 2 * BENCH_SCALE, (unsigned long)crc);

    /* 2. bit sieve */
    uint32_t primes = 0;
    for (int r = 0; r < BENCH_SCALE; r++) {
        memset(sieve_bits, 0, sizeof sieve_bits);
        for (uint32_t i = 2; i * i < SIEVE_N; i++)
            if (!(sieve_bits[i >> 5] & (1u << (i & 31))))
                for (uint32_t j = i * i; j < SIEVE_N; j += i) sieve_bits[j >> 5] |= 1u << (j & 31);
        primes = 0;
        for (uint32_t i = 2; i < SIEVE_N; i++) primes += !(sieve_bits[i >> 5] & (1u << (i & 31)));
    }
    printf("sieve %d: %lu primes\n", SIEVE_N, (unsigned long)primes);

    /* 3. matrix multiply */
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) { ma[i][j] = (int32_t)(xorshift32() % 201) - 100; mb[i][j] = (int32_t)(xorshift32() % 201) - 100; }
    uint32_t msum = 0;
    for (int r = 0; r < BENCH_SCALE; r++) {
        for (int i = 0; i < MN; i++)
            for (int j = 0; j < MN; j++) {
                int32_t s = 0;
                for (int k = 0; k < MN; k++) s += ma[i][k] * mb[k][j];
                mc[i][j] = s;
            }
        for (int i = 0; i < MN; i++) for (int j = 0; j < MN; j++) { msum = msum * 31 + (uint32_t)mc[i][j]; ma[i][j] = mc[i][j] % 97; }
    }
    printf("matmul %dx%d x%d: %08lx\n", MN, MN, BENCH_SCALE, (unsigned long)msum);

    /* 4. heap sort */
    uint32_t ssum = 0;
    for (int r = 0; r < BENCH_SCALE; r++) {
        for (int i = 0; i < SORT_N; i++) sort_a[i] = (int32_t)xorshift32();
        heap_sort(sort_a, SORT_N);
        int ok = 1;
        for (int i = 1; i < SORT_N; i++) ok &= sort_a[i - 1] <= sort_a[i];
        ssum = ssum * 31 + (uint32_t)sort_a[SORT_N / 2] + (uint32_t)ok;
    }
    printf("heapsort %d x%d: %08lx\n", SORT_N, BENCH_SCALE, (unsigned long)ssum);

    /* 5. int16 FIR (dot products with 32-bit accumulation, >> 15) */
    for (int i = 0; i < FIR_N + FIR_TAPS; i++) fir_x[i] = (int16_t)(xorshift32() >> 16);
    for (int i = 0; i < FIR_TAPS; i++) fir_h[i] = (int16_t)((int)(xorshift32() % 2001) - 1000);
    uint32_t fsum = 0;
    for (int r = 0; r < BENCH_SCALE; r++) {
        for (int n = 0; n < FIR_N; n++) {
            int64_t acc = 0;
            for (int k = 0; k < FIR_TAPS; k++) acc += (int32_t)fir_x[n + k] * fir_h[k];
            fir_y[n] = (int32_t)(acc >> 15);
        }
        for (int n = 0; n < FIR_N; n++) { fsum = fsum * 33 + (uint32_t)fir_y[n]; fir_x[n] = (int16_t)fir_y[n]; }
    }
    printf("fir %d taps x%d: %08lx\n", FIR_TAPS, BENCH_SCALE, (unsigned long)fsum);

    /* 6. byte histogram */
    uint32_t hist[256];
    memset(hist, 0, sizeof hist);
    for (int r = 0; r < 2 * BENCH_SCALE; r++)
        for (size_t i = 0; i < sizeof buf; i++) hist[(uint8_t)(buf[i] + r)]++;
    uint32_t hsum = 0, hmax = 0;
    for (int i = 0; i < 256; i++) { hsum = hsum * 31 + hist[i]; if (hist[i] > hmax) hmax = hist[i]; }
    printf("histogram: %08lx max %lu\n", (unsigned long)hsum, (unsigned long)hmax);
    return 0;
}
