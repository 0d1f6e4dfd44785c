/* sieve.c — sieve of Eratosthenes (byte and bit arrays), prime counting, twin primes,
 * Goldbach partitions, a segmented sieve and trial division cross-checks.  The exit
 * status is the number of primes below 1000 modulo 256 (168). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define LIMIT 30000
static uint8_t composite[LIMIT + 1];
static uint32_t bits[(LIMIT + 32) / 32];

static int is_prime_td(uint32_t n)
{
    if (n < 2) return 0;
    if (n % 2 == 0) return n == 2;
    for (uint32_t d = 3; d * d <= n; d += 2) if (n % d == 0) return 0;
    return 1;
}

int main(void)
{
    composite[0] = composite[1] = 1;
    for (uint32_t i = 2; i * i <= LIMIT; i++)
        if (!composite[i])
            for (uint32_t j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    /* bit sieve over odd numbers only: bit k <-> 2k+1 */
    memset(bits, 0, sizeof bits);
    bits[0] |= 1;   /* 1 is not prime */
    for (uint32_t k = 1; (2 * k + 1) * (2 * k + 1) <= LIMIT; k++)
        if (!(bits[k >> 5] & (1u << (k & 31))))
            for (uint32_t m = (2 * k + 1) * (2 * k + 1); m <= LIMIT; m += 2 * (2 * k + 1))
                bits[(m >> 1) >> 5] |= 1u << ((m >> 1) & 31);
    uint32_t count = 0, sum = 0, disagree = 0, below1000 = 0;
    for (uint32_t n = 0; n <= LIMIT; n++) {
        int p = !composite[n];
        int q = n == 2 || (n & 1 && !(bits[(n >> 1) >> 5] & (1u << ((n >> 1) & 31))));
        if (p != q) disagree++;
        if (p) { count++; sum += n; if (n < 1000) below1000++; }
    }
    printf("primes <= %d: %lu, sum %lu, byte/bit disagreements %lu\n", LIMIT, (unsigned long)count, (unsigned long)sum,
           (unsigned long)disagree);
    printf("first primes:");
    for (uint32_t n = 0, k = 0; k < 25; n++) if (!composite[n]) { printf(" %lu", (unsigned long)n); k++; }
    printf("\nlast primes:");
    for (uint32_t n = LIMIT, k = 0; k < 5; n--) if (!composite[n]) { printf(" %lu", (unsigned long)n); k++; }
    printf("\n");
    uint32_t twins = 0, last_twin = 0;
    for (uint32_t n = 3; n + 2 <= LIMIT; n += 2) if (!composite[n] && !composite[n + 2]) { twins++; last_twin = n; }
    printf("twin pairs %lu, last (%lu,%lu)\n", (unsigned long)twins, (unsigned long)last_twin, (unsigned long)last_twin + 2);
    uint32_t maxgap = 0, gap_at = 0, prev = 2;
    for (uint32_t n = 3; n <= LIMIT; n++) if (!composite[n]) { if (n - prev > maxgap) { maxgap = n - prev; gap_at = prev; } prev = n; }
    printf("max gap %lu after %lu\n", (unsigned long)maxgap, (unsigned long)gap_at);
    for (uint32_t even = 100; even <= 1000; even += 300) {
        uint32_t parts = 0;
        for (uint32_t p = 2; p <= even / 2; p++) if (!composite[p] && !composite[even - p]) parts++;
        printf("goldbach(%lu) = %lu partitions\n", (unsigned long)even, (unsigned long)parts);
    }
    /* segmented sieve of [10^6, 10^6 + 1000) using the base primes */
    static uint8_t seg[1000];
    const uint32_t lo = 1000000;
    memset(seg, 0, sizeof seg);
    for (uint32_t p = 2; p * p < lo + 1000; p++) {
        if (composite[p]) continue;
        uint32_t start = (lo + p - 1) / p * p;
        for (uint32_t m = start; m < lo + 1000; m += p) seg[m - lo] = 1;
    }
    uint32_t segc = 0, td_bad = 0;
    for (uint32_t i = 0; i < 1000; i++) {
        if (!seg[i]) { segc++; if (segc <= 5) printf("seg prime %lu\n", (unsigned long)(lo + i)); }
        if ((!seg[i]) != is_prime_td(lo + i)) td_bad++;
    }
    printf("segment primes %lu, trial-division disagreements %lu\n", (unsigned long)segc, (unsigned long)td_bad);
    return (int)(below1000 % 256);
}
