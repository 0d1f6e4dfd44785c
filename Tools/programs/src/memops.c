/* memops.c — struct assignment and by-value passing (compiler block copies, LDM/STM,
 * LDRD/STRD), memcpy/memmove/memset/memcmp at every small size and alignment, including
 * overlapping moves, and unaligned word/halfword accesses through packed structs. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

struct big { uint32_t a[13]; uint16_t h; uint8_t b; };
struct __attribute__((packed)) pk { uint8_t tag; uint32_t word; uint16_t half; uint64_t dword; };

static uint32_t fnv(const void *p, size_t n)
{
    const uint8_t *s = p;
    uint32_t h = 0x811c9dc5u;
    while (n--) h = (h ^ *s++) * 16777619u;
    return h;
}

/* Hash the members only: the padding byte after b is indeterminate. */
static uint32_t hash_big(const struct big *b)
{
    uint32_t h = fnv(b->a, sizeof b->a);
    h = (h ^ b->h) * 16777619u;
    return (h ^ b->b) * 16777619u;
}

__attribute__((noinline)) static struct big make_big(uint32_t seed)
{
    struct big b;
    for (int i = 0; i < 13; i++) b.a[i] = seed * (uint32_t)(i + 1) ^ 0xa5a5a5a5u;
    b.h = (uint16_t)(seed * 7);
    b.b = (uint8_t)seed;
    return b;
}

__attribute__((noinline)) static uint32_t sum_big(struct big b)
{
    uint32_t s = b.h + b.b;
    for (int i = 0; i < 13; i++) s += b.a[i] * (uint32_t)(i + 3);
    return s;
}

static uint8_t src[300], dst[300];

static void fill(uint8_t *p, size_t n, uint8_t k)
{
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(i * 37 + k);
}

int main(void)
{
    struct big x = make_big(12345), y;
    y = x;
    y.a[5] ^= 1;
    printf("big: %08lx %08lx sum %08lx %08lx\n", (unsigned long)hash_big(&x), (unsigned long)hash_big(&y),
           (unsigned long)sum_big(x), (unsigned long)sum_big(y));
    struct big arr[4];
    for (int i = 0; i < 4; i++) arr[i] = make_big((uint32_t)i * 1000u + 1u);
    struct big t = arr[0]; arr[0] = arr[3]; arr[3] = t;
    uint32_t ha = 0;
    for (int i = 0; i < 4; i++) ha = ha * 31 + hash_big(&arr[i]);
    printf("array of structs: %08lx\n", (unsigned long)ha);

    /* memcpy: every (size, src align, dst align) up to 40/3/3 */
    uint32_t h = 0;
    for (size_t n = 0; n <= 40; n++)
        for (size_t sa = 0; sa < 4; sa++)
            for (size_t da = 0; da < 4; da++) {
                fill(src, sizeof src, (uint8_t)(n + sa));
                memset(dst, 0xee, sizeof dst);
                memcpy(dst + 8 + da, src + 8 + sa, n);
                h = h * 31 + fnv(dst, 64);
            }
    printf("memcpy small: %08lx\n", (unsigned long)h);
    h = 0;
    for (size_t n = 64; n <= 256; n += 37) {
        fill(src, sizeof src, (uint8_t)n);
        memset(dst, 0, sizeof dst);
        memcpy(dst + (n & 3), src + ((n >> 2) & 3), n);
        h = h * 31 + fnv(dst, sizeof dst);
    }
    printf("memcpy large: %08lx\n", (unsigned long)h);

    /* memmove with overlap in both directions */
    h = 0;
    for (int shift = -9; shift <= 9; shift++) {
        fill(dst, sizeof dst, 3);
        memmove(dst + 50 + shift, dst + 50, 100);
        h = h * 31 + fnv(dst, 200);
    }
    printf("memmove: %08lx\n", (unsigned long)h);
    char msg[32] = "0123456789abcdef";
    memmove(msg + 2, msg, 10);
    printf("memmove string: %s\n", msg);

    /* memset: every size and alignment, several values */
    h = 0;
    for (size_t n = 0; n <= 70; n++)
        for (size_t a = 0; a < 4; a++) {
            memset(dst, 0x11, 100);
            memset(dst + 4 + a, (int)(n * 3), n);
            h = h * 33 + fnv(dst, 100);
        }
    printf("memset: %08lx\n", (unsigned long)h);

    /* memcmp ordering */
    fill(src, 64, 0);
    memcpy(dst, src, 64);
    int c0 = memcmp(src, dst, 64);
    dst[40] = (uint8_t)(dst[40] + 1);
    int c1 = memcmp(src, dst, 64);
    int c2 = memcmp(dst, src, 64);
    int c3 = memcmp(src, dst, 40);
    printf("memcmp: %d %d %d %d\n", c0 == 0 ? 0 : (c0 > 0 ? 1 : -1), c1 < 0 ? -1 : 1, c2 > 0 ? 1 : -1, c3);

    /* unaligned accesses through a packed struct */
    static struct pk p[3];
    for (int i = 0; i < 3; i++) {
        p[i].tag = (uint8_t)i;
        p[i].word = 0x01020304u * (uint32_t)(i + 1);
        p[i].half = (uint16_t)(0xbeef + i);
        p[i].dword = 0x1122334455667788ULL + (uint64_t)i;
    }
    uint32_t s = 0;
    for (int i = 0; i < 3; i++) s += p[i].word + p[i].half + (uint32_t)(p[i].dword >> 8);
    printf("packed: size %u sum %08lx bytes %08lx\n", (unsigned)sizeof p, (unsigned long)s, (unsigned long)fnv(p, sizeof p));

    /* strings as memory */
    char buf[64];
    memset(buf, 'x', sizeof buf);
    strcpy(buf, "hello");
    strcat(buf, ", memory");
    printf("%s (%u)\n", buf, (unsigned)strlen(buf));
    return 0;
}
