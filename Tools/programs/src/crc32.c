/* crc32.c — checksums over generated data: bitwise and table-driven CRC-32 (IEEE),
 * CRC-16/CCITT, Adler-32, FNV-1a and a Fletcher-16, each checked against the other or a
 * known check value ("123456789"). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t crc_table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32_table(const uint8_t *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--) crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}
static uint16_t crc16_ccitt(const uint8_t *p, size_t n)
{
    uint16_t crc = 0xffff;
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int k = 0; k < 8; k++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}
static uint32_t adler32(const uint8_t *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) { a = (a + *p++) % 65521u; b = (b + a) % 65521u; }
    return (b << 16) | a;
}
static uint32_t fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 0x811c9dc5u;
    while (n--) h = (h ^ *p++) * 16777619u;
    return h;
}
static uint16_t fletcher16(const uint8_t *p, size_t n)
{
    uint16_t s1 = 0, s2 = 0;
    while (n--) { s1 = (uint16_t)((s1 + *p++) % 255); s2 = (uint16_t)((s2 + s1) % 255); }
    return (uint16_t)((s2 << 8) | s1);
}

static uint8_t data[4096];

int main(void)
{
    make_table();
    const uint8_t *chk = (const uint8_t *)"123456789";
    printf("check: crc32=%08lx/%08lx crc16=%04x adler=%08lx fnv=%08lx fletcher=%04x\n",
           (unsigned long)crc32_table(chk, 9, 0), (unsigned long)crc32_bitwise(chk, 9), crc16_ccitt(chk, 9),
           (unsigned long)adler32(chk, 9), (unsigned long)fnv1a(chk, 9), fletcher16(chk, 9));
    uint32_t x = 1;
    for (size_t i = 0; i < sizeof data; i++) { x = x * 1664525u + 1013904223u; data[i] = (uint8_t)(x >> 24); }
    int mismatches = 0;
    for (size_t n = 1; n <= sizeof data; n *= 2) {
        uint32_t t = crc32_table(data, n, 0), b = crc32_bitwise(data, n);
        mismatches += t != b;
        printf("n=%4u crc32=%08lx crc16=%04x adler=%08lx fnv=%08lx\n", (unsigned)n, (unsigned long)t,
               crc16_ccitt(data, n), (unsigned long)adler32(data, n), (unsigned long)fnv1a(data, n));
    }
    /* incremental = one-shot */
    uint32_t inc = 0;
    for (size_t off = 0; off < sizeof data; off += 100) {
        size_t n = sizeof data - off < 100 ? sizeof data - off : 100;
        inc = crc32_table(data + off, n, inc);
    }
    printf("incremental %08lx one-shot %08lx mismatches %d\n", (unsigned long)inc,
           (unsigned long)crc32_table(data, sizeof data, 0), mismatches);
    const char *s = "The quick brown fox jumps over the lazy dog";
    printf("fox: crc32=%08lx adler=%08lx\n", (unsigned long)crc32_table((const uint8_t *)s, strlen(s), 0),
           (unsigned long)adler32((const uint8_t *)s, strlen(s)));
    return 0;
}
