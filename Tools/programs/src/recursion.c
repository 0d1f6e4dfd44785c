/* recursion.c — deep and branchy recursion: Fibonacci, Ackermann, Towers of Hanoi,
 * mutual recursion, recursive permutations and a recursive-descent expression parser. */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static uint32_t moves;
static uint32_t trace_hash;
__attribute__((noinline)) static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    trace_hash = trace_hash * 31 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static int perm_count;
static uint32_t perm_hash;
static void permute(char *a, int k, int n)
{
    if (k == n) {
        perm_count++;
        for (int i = 0; i < n; i++) perm_hash = perm_hash * 7 + (uint32_t)a[i];
        if (perm_count <= 6 || perm_count == 120) printf("perm %3d: %s\n", perm_count, a);
        return;
    }
    for (int i = k; i < n; i++) {
        char t = a[k]; a[k] = a[i]; a[i] = t;
        permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
}

/* expr := term {('+'|'-') term}; term := factor {('*'|'/'|'%') factor}; factor := num | '(' expr ')' | '-' factor */
static const char *p;
static long expr(void);
static long factor(void)
{
    while (*p == ' ') p++;
    if (*p == '(') { p++; long v = expr(); while (*p == ' ') p++; if (*p == ')') p++; return v; }
    if (*p == '-') { p++; return -factor(); }
    long v = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    return v;
}
static long term(void)
{
    long v = factor();
    for (;;) {
        while (*p == ' ') p++;
        char op = *p;
        if (op != '*' && op != '/' && op != '%') return v;
        p++;
        long r = factor();
        if (op == '*') v *= r; else if (r == 0) v = 0; else if (op == '/') v /= r; else v %= r;
    }
}
static long expr(void)
{
    long v = term();
    for (;;) {
        while (*p == ' ') p++;
        char op = *p;
        if (op != '+' && op != '-') return v;
        p++;
        long r = term();
        v = op == '+' ? v + r : v - r;
    }
}
static long eval(const char *s) { p = s; return expr(); }

static unsigned depth_max;
__attribute__((noinline)) static unsigned deep(unsigned n, volatile unsigned *sink)
{
    volatile unsigned local[4] = { n, n * 2, n * 3, n * 4 };
    *sink += local[n & 3];
    if (n > depth_max) depth_max = n;
    return n == 0 ? 0 : deep(n - 1, sink) + local[(n + 1) & 3] % 7;
}

int main(void)
{
    for (unsigned n = 0; n <= 24; n += 3) printf("fib(%u) = %lu\n", n, (unsigned long)fib(n));
    for (unsigned m = 0; m <= 3; m++)
        for (unsigned n = 0; n <= 4; n++)
            if (m < 3 || n <= 3) printf("ack(%u,%u) = %lu\n", m, n, (unsigned long)ack(m, n));
    hanoi(12, 1, 3, 2);
    printf("hanoi(12): %lu moves, trace %08lx\n", (unsigned long)moves, (unsigned long)trace_hash);
    printf("even(1001)=%d odd(1001)=%d even(2000)=%d\n", is_even(1001), is_odd(1001), is_even(2000));
    char letters[] = "abcde";
    permute(letters, 0, 5);
    printf("perms %d hash %08lx\n", perm_count, (unsigned long)perm_hash);
    static const char *const exprs[] = { "1+2*3", "(1+2)*3", "100/7%4", "-(3-10)*-(2+2)", "2*(3+(4*(5+6)))-7",
                                         "((((((((1))))))))+2", "1000000/3/3/3", "7%-3 + -7%3", "12/0+5" };
    for (unsigned i = 0; i < sizeof exprs / sizeof exprs[0]; i++) printf("%s = %ld\n", exprs[i], eval(exprs[i]));
    volatile unsigned sink = 0;
    unsigned r = deep(2000, &sink);
    printf("deep: %u sink %u max %u\n", r, sink, depth_max);
    return 0;
}
