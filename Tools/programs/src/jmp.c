/* jmp.c — setjmp/longjmp: plain, from deep recursion, nested handlers, volatile locals
 * surviving the jump, longjmp(env, 0) returning 1.  Exits with status 42. */
#include <stdio.h>
#include <setjmp.h>
#include <stdint.h>

static jmp_buf top, inner;
static int depth_reached;

__attribute__((noinline)) static void dive(int n, int limit)
{
    volatile char pad[24];
    pad[n % 24] = (char)n;
    depth_reached = n;
    if (n == limit) longjmp(top, n * 10 + pad[n % 24] % 3);
    if (n > 1000) return;
    dive(n + 1, limit);
}

__attribute__((noinline)) static int try_divide(int a, int b, jmp_buf *err)
{
    if (b == 0) longjmp(*err, 0);   /* 0 is delivered as 1 */
    return a / b;
}

static jmp_buf *handler_stack[4];
static int handler_depth;
__attribute__((noinline)) static void raise_err(int code)
{
    printf("  raise %d at handler depth %d\n", code, handler_depth);
    longjmp(*handler_stack[handler_depth - 1], code);
}

static void nested(int level)
{
    jmp_buf env;
    int code;
    handler_stack[handler_depth++] = &env;
    if ((code = setjmp(env)) == 0) {
        printf(" level %d: protected\n", level);
        if (level < 3) nested(level + 1);
        if (level == 3) raise_err(300 + level);
        if (level == 1) raise_err(100 + level);
        handler_depth--;
    } else {
        handler_depth--;
        printf(" level %d: caught %d\n", level, code);
        if (level == 3) raise_err(code + 1000);   /* rethrow to the outer handler */
    }
}

int main(void)
{
    volatile int counter = 0;
    int r = setjmp(top);
    counter++;
    printf("setjmp returned %d (counter %d)\n", r, counter);
    if (counter < 4) dive(0, 5 + counter * 7);
    printf("depth reached %d\n", depth_reached);

    volatile int results = 0;
    static const int divs[][2] = { { 10, 2 }, { 7, 0 }, { -9, 3 }, { 1, 0 }, { 100, 7 } };
    for (volatile int i = 0; i < 5; i++) {
        int v = setjmp(inner);
        if (v == 0) {
            int q = try_divide(divs[i][0], divs[i][1], &inner);
            printf("%d / %d = %d\n", divs[i][0], divs[i][1], q);
            results += q;
        } else {
            printf("%d / %d: division by zero (setjmp gave %d)\n", divs[i][0], divs[i][1], v);
        }
    }
    printf("sum of quotients %d\n", results);

    printf("nested handlers:\n");
    nested(1);
    printf("done, handler depth %d\n", handler_depth);
    return 42;
}
