/* printf.c — newlib's printf family over many integer, character and string formats
 * (flags, widths, precisions, length modifiers, %n, %%), snprintf truncation and sprintf.
 * No floating point. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>

#pragma GCC diagnostic ignored "-Wformat-truncation"   /* truncation is what we test */

int main(void)
{
    printf("[%d] [%i] [%u] [%x] [%X] [%o]\n", 42, -42, 42u, 0xbeefu, 0xbeefu, 8u);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d]\n", 42, 42, 42, 42, 42, -42, 42);
    printf("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%.0d]\n", 7, -7, 7, 0, 1);
    printf("[%#x] [%#X] [%#o] [%#x] [%#o] [%#10x] [%#010x]\n", 255u, 255u, 8u, 0u, 0u, 0xabcu, 0xabcu);
    printf("[%d] [%d] [%u] [%x]\n", INT_MAX, INT_MIN, UINT_MAX, UINT_MAX);
    printf("[%ld] [%ld] [%lu] [%lx] [%lo]\n", LONG_MAX, LONG_MIN, ULONG_MAX, 0x12345678ul, 01234567ul);
    printf("[%lld] [%lld] [%llu] [%llx] [%llX] [%llo]\n", LLONG_MAX, LLONG_MIN, ULLONG_MAX,
           0x123456789abcdefULL, 0xfedcba9876543210ULL, 01234567012345670123ULL);
    printf("[%20lld] [%-20lld|] [%020llu] [%+lld] [%.25lld]\n", -1234567890123LL, 99LL, 42ULL, 7LL, 5LL);
    printf("[%hd] [%hu] [%hhd] [%hhu] [%hx] [%hhx]\n", (short)-2, (unsigned short)65535, (signed char)-3,
           (unsigned char)250, (unsigned short)0xabcd, (unsigned char)0xef);
    printf("[%zu] [%zd] [%td] [%jd] [%ju]\n", sizeof(long long), (ptrdiff_t)-8, (ptrdiff_t)12,
           (intmax_t)-123456789012LL, (uintmax_t)98765432109ULL);
    printf("[%" PRId32 "] [%" PRIu32 "] [%" PRIx32 "] [%" PRId64 "] [%" PRIx64 "] [%" PRIu8 "] [%" PRId16 "]\n",
           (int32_t)-5, (uint32_t)5, (uint32_t)0xcafe, (int64_t)-6, (uint64_t)0xfeed, (uint8_t)200, (int16_t)-300);
    printf("[%c] [%3c] [%-3c] [%c%c%c]\n", 'A', 'b', 'c', 'x', 'y', 'z');
    printf("[%s] [%10s] [%-10s] [%.2s] [%5.2s] [%-5.2s] [%.0s] [%.10s]\n", "hello", "right", "left", "trunc",
           "ab", "cd", "gone", "short");
    printf("[%*d] [%-*d] [%.*d] [%*.*s] [%-*.*s]\n", 6, 12, 6, 12, 4, 3, 8, 3, "abcdef", 8, 2, "xyz");
    printf("[%%] [100%%] [%d%%]\n", 50);
    int n1 = 0, n2 = 0;
    printf("count%n this%n\n", &n1, &n2);
    printf("n1=%d n2=%d\n", n1, n2);
    char buf[16];
    int r = snprintf(buf, sizeof buf, "%s-%d-%s", "truncated", 123456, "output");
    printf("snprintf -> %d \"%s\"\n", r, buf);
    r = snprintf(buf, 1, "abc");
    printf("snprintf size 1 -> %d \"%s\"\n", r, buf);
    r = snprintf(NULL, 0, "%lld", LLONG_MIN);
    printf("snprintf NULL -> %d\n", r);
    char big[128];
    r = sprintf(big, "%08x|%-6s|%+04d|%llx", 0x1234u, "ab", 7, 0x8000000000000000ULL);
    printf("sprintf -> %d \"%s\"\n", r, big);
    for (int i = -3; i <= 3; i++) printf("%3d %4x %5o%c", i, (unsigned)i & 0xfff, (unsigned)(i + 8), i == 3 ? '\n' : ' ');
    /* columns of varying widths */
    for (int w = 1; w <= 12; w += 3) printf("|%*u|%-*x|%*lld|\n", w, 1000u, w, 0xabcu, w, -77LL);
    puts("puts line");
    fputs("fputs line\n", stdout);
    putchar('p'); putchar('\n');
    fwrite("fwrite line\n", 1, 12, stdout);
    fprintf(stdout, "fprintf %s %d\n", "stdout", 1);
    return 0;
}
