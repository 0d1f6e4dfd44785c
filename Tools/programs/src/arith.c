/* arith.c — 32- and 64-bit integer arithmetic: add/sub/mul with wrap-around, signed and
 * unsigned division and modulo (hardware SDIV/UDIV and libgcc's __aeabi_ldivmod /
 * __aeabi_uldivmod), long multiplies, shifts, comparisons, and the M4's divide-by-zero = 0. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static volatile int32_t vs[] = { 0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, 12345, -12345,
                                 0x7fffffff, -0x7fffffff - 1, 0x40000000, -0x40000000, 65535 };
static volatile uint32_t vu[] = { 0, 1, 2, 3, 7, 10, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff,
                                  0x80000000u, 0xfffffffeu, 0xffffffffu, 0xdeadbeefu, 1000000007u };
static volatile int64_t vl[] = { 0, 1, -1, 3, -3, 10, -10, 1000000007LL, -1000000007LL,
                                 0x100000000LL, -0x100000000LL, 0x7fffffffffffffffLL,
                                 -0x7fffffffffffffffLL - 1, 0x123456789abcdefLL, -77777777777LL };
static volatile uint64_t vul[] = { 0, 1, 2, 10, 0xffffffffu, 0x100000000ULL, 0xffffffffffffffffULL,
                                   0x8000000000000000ULL, 0xfedcba9876543210ULL, 12345678901234567ULL };

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static int32_t hw_sdiv(int32_t n, int32_t d) { int32_t q; __asm__ volatile("sdiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d)); return q; }
static uint32_t hw_udiv(uint32_t n, uint32_t d) { uint32_t q; __asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d)); return q; }

int main(void)
{
    uint32_t h = 0;
    printf("== 32-bit signed div/mod\n");
    for (int i = 0; i < N(vs); i++) {
        for (int j = 0; j < N(vs); j++) {
            int32_t a = vs[i], b = vs[j];
            if (b == 0 || (a == INT32_MIN && b == -1)) continue;
            int32_t q = a / b, r = a % b;
            h = h * 31 + (uint32_t)q * 7 + (uint32_t)r;
            if (j % 6 == 0 && i % 3 == 0)
                printf("%d / %d = %d rem %d\n", (int)a, (int)b, (int)q, (int)r);
        }
    }
    printf("hash %08" PRIx32 "\n", h);
    printf("== 32-bit unsigned div/mod\n");
    h = 0;
    for (int i = 0; i < N(vu); i++) {
        for (int j = 0; j < N(vu); j++) {
            uint32_t a = vu[i], b = vu[j];
            if (b == 0) continue;
            h = h * 33 + a / b + (a % b) * 3;
            if (i % 4 == 1 && j % 5 == 1)
                printf("%u / %u = %u rem %u\n", (unsigned)a, (unsigned)b, (unsigned)(a / b), (unsigned)(a % b));
        }
    }
    printf("hash %08" PRIx32 "\n", h);
    printf("== hardware divide corner cases\n");
    printf("sdiv(7,0)=%d udiv(7,0)=%u sdiv(INT_MIN,-1)=%d sdiv(-7,2)=%d udiv(0xffffffff,3)=%u\n",
           (int)hw_sdiv(7, vs[0]), (unsigned)hw_udiv(7, vu[0]), (int)hw_sdiv(vs[14], vs[2]),
           (int)hw_sdiv(-7, 2), (unsigned)hw_udiv(vu[13], 3));
    printf("== 32-bit wrap-around and multiply\n");
    h = 0;
    for (int i = 0; i < N(vu); i++)
        for (int j = 0; j < N(vu); j++) {
            uint32_t a = vu[i], b = vu[j];
            h ^= (a + b) * 3 + (a - b) + a * b + (a << (b & 31)) + (a >> (b & 31)) + (uint32_t)((int32_t)a >> (b & 31));
            h = (h << 5) | (h >> 27);
        }
    printf("hash %08" PRIx32 "\n", h);
    printf("== 64-bit signed\n");
    uint64_t h64 = 0;
    for (int i = 0; i < N(vl); i++)
        for (int j = 0; j < N(vl); j++) {
            int64_t a = vl[i], b = vl[j];
            if (b == 0 || (a == INT64_MIN && b == -1)) continue;
            int64_t q = a / b, r = a % b;
            h64 = h64 * 1099511628211ULL + (uint64_t)q + ((uint64_t)r << 1);
            if ((i + j) % 7 == 0)
                printf("%lld / %lld = %lld rem %lld\n", (long long)a, (long long)b, (long long)q, (long long)r);
        }
    printf("hash %016llx\n", (unsigned long long)h64);
    printf("== 64-bit unsigned\n");
    h64 = 0;
    for (int i = 0; i < N(vul); i++)
        for (int j = 0; j < N(vul); j++) {
            uint64_t a = vul[i], b = vul[j];
            if (b == 0) continue;
            h64 = h64 * 31 + a / b + a % b;
            if ((i * 3 + j) % 8 == 0)
                printf("%llu / %llu = %llu rem %llu\n", (unsigned long long)a, (unsigned long long)b,
                       (unsigned long long)(a / b), (unsigned long long)(a % b));
        }
    printf("hash %016llx\n", (unsigned long long)h64);
    printf("== 64-bit mul, shifts, compare\n");
    h64 = 0;
    for (int i = 0; i < N(vul); i++)
        for (int j = 0; j < N(vul); j++) {
            uint64_t a = vul[i], b = vul[j];
            unsigned s = (unsigned)(b % 64);
            h64 += a * b + (a << s) + (a >> s) + (uint64_t)((int64_t)a >> s) + (a < b) + ((int64_t)a < (int64_t)b) * 2;
            h64 = (h64 << 7) | (h64 >> 57);
        }
    printf("hash %016llx\n", (unsigned long long)h64);
    printf("== widening multiplies\n");
    for (int i = 0; i < N(vs); i += 3) {
        int64_t p = (int64_t)vs[i] * vs[N(vs) - 1 - i];
        uint64_t up = (uint64_t)vu[i % N(vu)] * vu[(i + 5) % N(vu)];
        printf("%d * %d = %lld ; %u * %u = %llu\n", (int)vs[i], (int)vs[N(vs) - 1 - i], (long long)p,
               (unsigned)vu[i % N(vu)], (unsigned)vu[(i + 5) % N(vu)], (unsigned long long)up);
    }
    int64_t acc = 0;
    for (int i = 0; i < 1000; i++) acc += (int64_t)(i - 500) * (int64_t)(i * 7919 - 3000000);
    printf("sum of products %lld\n", (long long)acc);
    return 0;
}
