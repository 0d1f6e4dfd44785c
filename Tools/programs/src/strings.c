/* strings.c — string and stdlib routines: qsort (ints, strings, structs), bsearch, strcmp
 * family, strtol/strtoul/strtoll with bases and end pointers, atoi, strchr/strrchr/strstr,
 * strspn/strcspn/strtok, toupper/tolower/isdigit, and a word-frequency count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

struct rec { char key[8]; int prio; int seq; };
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->prio != y->prio) return y->prio - x->prio;
    int c = strcmp(x->key, y->key);
    return c ? c : x->seq - y->seq;
}

static int sign(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    int a[100];
    uint32_t s = 12345;
    for (int i = 0; i < 100; i++) { s = s * 1103515245u + 12345u; a[i] = (int)(s >> 8) % 2000 - 1000; }
    qsort(a, 100, sizeof a[0], cmp_int);
    printf("sorted ints:");
    for (int i = 0; i < 100; i += 9) printf(" %d", a[i]);
    printf("\n");
    int key = a[37];
    int *found = bsearch(&key, a, 100, sizeof a[0], cmp_int);
    printf("bsearch %d: %s, value %d\n", key, found ? "found" : "missing", found ? *found : 0);
    key = 5000;
    printf("bsearch %d: %s\n", key, bsearch(&key, a, 100, sizeof a[0], cmp_int) ? "found" : "missing");

    const char *words[] = { "pear", "apple", "fig", "banana", "Apple", "apricot", "kiwi", "date", "cherry", "grape",
                            "lemon", "lime", "mango", "", "zucchini", "app" };
    const int nw = (int)(sizeof words / sizeof words[0]);
    qsort(words, (size_t)nw, sizeof words[0], cmp_str);
    for (int i = 0; i < nw; i++) printf("%s%s", words[i], i + 1 < nw ? "," : "\n");

    struct rec r[] = { { "b", 2, 0 }, { "a", 2, 1 }, { "c", 1, 2 }, { "a", 3, 3 }, { "b", 2, 4 }, { "z", 0, 5 }, { "a", 1, 6 } };
    qsort(r, sizeof r / sizeof r[0], sizeof r[0], cmp_rec);
    for (unsigned i = 0; i < sizeof r / sizeof r[0]; i++) printf("(%s,%d,%d)", r[i].key, r[i].prio, r[i].seq);
    printf("\n");

    printf("strcmp: %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "abc")), sign(strcmp("b", "abc")),
           sign(strcmp("", "a")));
    printf("strncmp: %d %d  strcasecmp: %d %d\n", sign(strncmp("abcdef", "abcxyz", 3)), sign(strncmp("abcdef", "abcxyz", 4)),
           sign(strcasecmp("HeLLo", "hello")), sign(strcasecmp("a", "B")));

    static const char *const nums[] = { "0", "42", "-17", "+99", "  123abc", "0x1F", "0777", "1010", "zz", "-0x80000000",
                                        "2147483647", "2147483648", "-2147483649", "4294967295", "99999999999", "" };
    static const int bases[] = { 10, 0, 16, 2, 36, 8 };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        long v = strtol(nums[i], &end, 0);
        unsigned long u = strtoul(nums[i], NULL, 10);
        long long ll = strtoll(nums[i], NULL, 0);
        printf("'%s': strtol0=%ld (end+%d) strtoul10=%lu strtoll0=%lld atoi=%d\n", nums[i], v, (int)(end - nums[i]), u, ll,
               atoi(nums[i]));
    }
    for (unsigned b = 0; b < sizeof bases / sizeof bases[0]; b++)
        printf("base %d: 'zz'=%ld '777'=%ld '1010'=%ld '0x10'=%ld\n", bases[b], strtol("zz", NULL, bases[b]),
               strtol("777", NULL, bases[b]), strtol("1010", NULL, bases[b]), strtol("0x10", NULL, bases[b]));

    const char *text = "the quick brown fox jumps over the lazy dog; the dog sleeps";
    printf("strchr: %s\n", strchr(text, 'q'));
    printf("strrchr: %s\n", strrchr(text, 't'));
    printf("strstr: %s\n", strstr(text, "lazy"));
    printf("strstr miss: %s\n", strstr(text, "cat") ? "yes" : "(null)");
    printf("strspn %u strcspn %u len %u\n", (unsigned)strspn(text, "the "), (unsigned)strcspn(text, ";"), (unsigned)strlen(text));

    char copy[80];
    strncpy(copy, text, sizeof copy - 1);
    copy[sizeof copy - 1] = 0;
    char *words2[20];
    int n = 0;
    for (char *t = strtok(copy, " ;"); t && n < 20; t = strtok(NULL, " ;")) words2[n++] = t;
    qsort(words2, (size_t)n, sizeof words2[0], cmp_str);
    printf("word counts:");
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && strcmp(words2[j], words2[i]) == 0) j++;
        printf(" %s=%d", words2[i], j - i);
        i = j;
    }
    printf("\n");

    char up[64];
    int digits = 0, alphas = 0, spaces = 0;
    const char *mixed = "Hello World 2024, Cortex-M4 @ 168MHz!";
    size_t i;
    for (i = 0; mixed[i] && i < sizeof up - 1; i++) {
        unsigned char c = (unsigned char)mixed[i];
        up[i] = (char)(islower(c) ? toupper(c) : tolower(c));
        digits += isdigit(c) != 0;
        alphas += isalpha(c) != 0;
        spaces += isspace(c) != 0;
    }
    up[i] = 0;
    printf("%s digits=%d alphas=%d spaces=%d\n", up, digits, alphas, spaces);
    return 0;
}
