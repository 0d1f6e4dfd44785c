/* heap.c — malloc/calloc/realloc/free through newlib's allocator (and so _sbrk over the
 * SYS_HEAPINFO heap): a linked list, a growing vector, a fragmentation workout with a
 * pseudo-random free order, and content checks.  Never prints addresses (they depend on
 * where the host puts the heap). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct node { struct node *next; uint32_t value; char name[12]; };

static uint32_t rng = 2463534242u;
static uint32_t xorshift(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

int main(void)
{
    /* linked list */
    struct node *head = NULL;
    for (uint32_t i = 0; i < 200; i++) {
        struct node *n = malloc(sizeof *n);
        if (!n) { printf("malloc failed at %lu\n", (unsigned long)i); return 1; }
        n->value = i * i;
        snprintf(n->name, sizeof n->name, "node%03lu", (unsigned long)i);
        n->next = head;
        head = n;
    }
    uint32_t sum = 0, count = 0;
    for (struct node *n = head; n; n = n->next) { sum += n->value; count++; }
    printf("list: %lu nodes, sum %lu, head %s\n", (unsigned long)count, (unsigned long)sum, head->name);
    /* remove the odd values */
    struct node **pp = &head;
    while (*pp) {
        if ((*pp)->value & 1) { struct node *d = *pp; *pp = d->next; free(d); }
        else pp = &(*pp)->next;
    }
    count = 0; sum = 0;
    for (struct node *n = head; n; n = n->next) { sum += n->value; count++; }
    printf("after removing odd: %lu nodes, sum %lu\n", (unsigned long)count, (unsigned long)sum);
    while (head) { struct node *d = head; head = d->next; free(d); }

    /* growing vector with realloc; contents must survive every move */
    uint32_t *v = NULL;
    size_t cap = 0, len = 0;
    int grows = 0;
    for (uint32_t i = 0; i < 5000; i++) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4;
            uint32_t *nv = realloc(v, cap * sizeof *v);
            if (!nv) { printf("realloc failed\n"); return 1; }
            v = nv;
            grows++;
        }
        v[len++] = i * 2654435761u;
    }
    int ok = 1;
    for (uint32_t i = 0; i < len; i++) if (v[i] != i * 2654435761u) ok = 0;
    printf("vector: %u elements, %d grows, intact %d\n", (unsigned)len, grows, ok);
    v = realloc(v, 10 * sizeof *v);   /* shrink */
    ok = 1;
    for (uint32_t i = 0; i < 10; i++) if (v[i] != i * 2654435761u) ok = 0;
    printf("shrunk: intact %d\n", ok);
    free(v);

    /* calloc must zero */
    uint8_t *z = calloc(1000, 3);
    uint32_t nz = 0;
    for (int i = 0; i < 3000; i++) nz += z[i] != 0;
    printf("calloc: %lu nonzero bytes\n", (unsigned long)nz);
    free(z);

    /* fragmentation workout: 64 slots, random sizes, random frees and reallocs */
    enum { SLOTS = 64 };
    uint8_t *slot[SLOTS] = { 0 };
    size_t size[SLOTS] = { 0 };
    uint32_t check = 0, fails = 0;
    for (int round = 0; round < 3000; round++) {
        unsigned k = xorshift() % SLOTS;
        if (slot[k]) {
            /* verify the pattern, then free or realloc */
            for (size_t i = 0; i < size[k]; i++)
                if (slot[k][i] != (uint8_t)(k * 7 + i)) fails++;
            if (xorshift() & 1) {
                free(slot[k]); slot[k] = NULL; size[k] = 0;
            } else {
                size_t ns = 1 + xorshift() % 700;
                uint8_t *p = realloc(slot[k], ns);
                if (!p) { printf("realloc failed\n"); return 1; }
                for (size_t i = size[k]; i < ns; i++) p[i] = (uint8_t)(k * 7 + i);
                slot[k] = p; size[k] = ns;
            }
        } else {
            size_t ns = 1 + xorshift() % 500;
            slot[k] = malloc(ns);
            if (!slot[k]) { printf("malloc failed\n"); return 1; }
            size[k] = ns;
            for (size_t i = 0; i < ns; i++) slot[k][i] = (uint8_t)(k * 7 + i);
        }
        check = check * 31 + (uint32_t)size[k];
    }
    size_t live = 0;
    for (int k = 0; k < SLOTS; k++) { live += size[k]; free(slot[k]); }
    printf("workout: check %08lx, pattern failures %lu, live bytes at end %u\n",
           (unsigned long)check, (unsigned long)fails, (unsigned)live);

    /* a large block, used and released, twice */
    for (int t = 0; t < 2; t++) {
        uint32_t *b = malloc(48 * 1024);
        if (!b) { printf("big malloc failed\n"); return 1; }
        for (int i = 0; i < 12 * 1024; i++) b[i] = (uint32_t)i ^ 0x5a5a5a5au;
        uint32_t s = 0;
        for (int i = 0; i < 12 * 1024; i++) s += b[i];
        printf("big block %d: sum %08lx\n", t, (unsigned long)s);
        free(b);
    }
    char *dup = strdup("duplicated string");
    printf("%s\n", dup);
    free(dup);
    return 0;
}
