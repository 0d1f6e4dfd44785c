/* switch.c — dense switch statements (jump tables: TBB for small, TBH for large ones),
 * a sparse switch (compare trees) and a state machine.  Exits with status 3. */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int small_switch(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 5;
    case 3: return 77;
    case 4: return -4;
    case 5: return 1000;
    case 6: return 6;
    case 7: return 9;
    case 8: return 81;
    case 9: return -99;
    case 10: return 3;
    case 11: return 121;
    default: return -1;
    }
}

/* Large bodies between cases so that the table needs halfword offsets (TBH). */
__attribute__((noinline)) static uint32_t big_switch(uint32_t x, uint32_t y)
{
    volatile uint32_t v = y;
    switch (x) {
    case 0:  v = v * 3 + 1; v ^= v >> 3; v += 0x1234; v = v * 5; v ^= v << 7; v += 99; v = v * 17; v ^= v >> 11; break;
    case 1:  v = v * 7 + 2; v ^= v >> 5; v += 0x2345; v = v * 9; v ^= v << 3; v += 98; v = v * 19; v ^= v >> 13; break;
    case 2:  v = v * 11 + 3; v ^= v >> 7; v += 0x3456; v = v * 13; v ^= v << 5; v += 97; v = v * 23; v ^= v >> 17; break;
    case 3:  v = v * 13 + 4; v ^= v >> 2; v += 0x4567; v = v * 3; v ^= v << 9; v += 96; v = v * 29; v ^= v >> 19; break;
    case 4:  v = v * 17 + 5; v ^= v >> 9; v += 0x5678; v = v * 7; v ^= v << 11; v += 95; v = v * 31; v ^= v >> 3; break;
    case 5:  v = v * 19 + 6; v ^= v >> 4; v += 0x6789; v = v * 11; v ^= v << 13; v += 94; v = v * 37; v ^= v >> 5; break;
    case 6:  v = v * 23 + 7; v ^= v >> 6; v += 0x789a; v = v * 15; v ^= v << 2; v += 93; v = v * 41; v ^= v >> 7; break;
    case 7:  v = v * 29 + 8; v ^= v >> 8; v += 0x89ab; v = v * 21; v ^= v << 4; v += 92; v = v * 43; v ^= v >> 9; break;
    case 8:  v = v * 31 + 9; v ^= v >> 10; v += 0x9abc; v = v * 25; v ^= v << 6; v += 91; v = v * 47; v ^= v >> 21; break;
    case 9:  v = v * 37 + 10; v ^= v >> 12; v += 0xabcd; v = v * 27; v ^= v << 8; v += 90; v = v * 53; v ^= v >> 23; break;
    case 10: v = v * 41 + 11; v ^= v >> 14; v += 0xbcde; v = v * 33; v ^= v << 10; v += 89; v = v * 59; v ^= v >> 25; break;
    case 11: v = v * 43 + 12; v ^= v >> 16; v += 0xcdef; v = v * 35; v ^= v << 12; v += 88; v = v * 61; v ^= v >> 27; break;
    case 12: v = v * 47 + 13; v ^= v >> 18; v += 0xdef0; v = v * 39; v ^= v << 14; v += 87; v = v * 67; v ^= v >> 29; break;
    case 13: v = v * 53 + 14; v ^= v >> 20; v += 0xef01; v = v * 45; v ^= v << 16; v += 86; v = v * 71; v ^= v >> 2; break;
    case 14: v = v * 59 + 15; v ^= v >> 22; v += 0xf012; v = v * 49; v ^= v << 18; v += 85; v = v * 73; v ^= v >> 4; break;
    case 15: v = v * 61 + 16; v ^= v >> 24; v += 0x0123; v = v * 51; v ^= v << 20; v += 84; v = v * 79; v ^= v >> 6; break;
    case 16: v = v * 67 + 17; v ^= v >> 26; v += 0x1357; v = v * 55; v ^= v << 22; v += 83; v = v * 83; v ^= v >> 8; break;
    case 17: v = v * 71 + 18; v ^= v >> 28; v += 0x2468; v = v * 57; v ^= v << 24; v += 82; v = v * 89; v ^= v >> 10; break;
    case 18: v = v * 73 + 19; v ^= v >> 30; v += 0x369c; v = v * 63; v ^= v << 26; v += 81; v = v * 97; v ^= v >> 12; break;
    case 19: v = v * 79 + 20; v ^= v >> 1; v += 0x48ad; v = v * 65; v ^= v << 28; v += 80; v = v * 101; v ^= v >> 14; break;
    case 20: v = v * 83 + 21; v ^= v >> 3; v += 0x5bde; v = v * 69; v ^= v << 30; v += 79; v = v * 103; v ^= v >> 16; break;
    case 21: v = v * 89 + 22; v ^= v >> 5; v += 0x6cef; v = v * 75; v ^= v << 1; v += 78; v = v * 107; v ^= v >> 18; break;
    case 22: v = v * 97 + 23; v ^= v >> 7; v += 0x7df0; v = v * 77; v ^= v << 3; v += 77; v = v * 109; v ^= v >> 20; break;
    case 23: v = v * 101 + 24; v ^= v >> 9; v += 0x8e01; v = v * 81; v ^= v << 5; v += 76; v = v * 113; v ^= v >> 22; break;
    case 24: v = v * 103 + 25; v ^= v >> 11; v += 0x9f12; v = v * 85; v ^= v << 7; v += 75; v = v * 127; v ^= v >> 24; break;
    case 25: v = v * 107 + 26; v ^= v >> 13; v += 0xa023; v = v * 87; v ^= v << 9; v += 74; v = v * 131; v ^= v >> 26; break;
    case 26: v = v * 109 + 27; v ^= v >> 15; v += 0xb134; v = v * 91; v ^= v << 11; v += 73; v = v * 137; v ^= v >> 28; break;
    case 27: v = v * 113 + 28; v ^= v >> 17; v += 0xc245; v = v * 93; v ^= v << 13; v += 72; v = v * 139; v ^= v >> 30; break;
    case 28: v = v * 127 + 29; v ^= v >> 19; v += 0xd356; v = v * 95; v ^= v << 15; v += 71; v = v * 149; v ^= v >> 1; break;
    case 29: v = v * 131 + 30; v ^= v >> 21; v += 0xe467; v = v * 99; v ^= v << 17; v += 70; v = v * 151; v ^= v >> 3; break;
    case 30: v = v * 137 + 31; v ^= v >> 23; v += 0xf578; v = v * 105; v ^= v << 19; v += 69; v = v * 157; v ^= v >> 5; break;
    case 31: v = v * 139 + 32; v ^= v >> 25; v += 0x0689; v = v * 111; v ^= v << 21; v += 68; v = v * 163; v ^= v >> 7; break;
    default: v = ~v; break;
    }
    return v;
}

__attribute__((noinline)) static const char *name_of(int c)
{
    switch (c) {
    case 'a': return "alpha";
    case 'b': return "bravo";
    case 'c': return "charlie";
    case 'd': return "delta";
    case 'e': return "echo";
    case 'f': return "foxtrot";
    case 'g': return "golf";
    case 'h': return "hotel";
    case 'i': return "india";
    case 'j': return "juliett";
    default: return "?";
    }
}

__attribute__((noinline)) static int sparse(int x)
{
    switch (x) {
    case -1000: return 1;
    case 3: return 2;
    case 77: return 3;
    case 1024: return 4;
    case 65536: return 5;
    case 1000000: return 6;
    default: return 0;
    }
}


/* A small bytecode interpreter: short case bodies -> TBB at -O2/-Os. */
enum { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DUP, OP_SWAP, OP_DROP, OP_JNZ, OP_DEC, OP_PRINT,
       OP_XOR, OP_SHL, OP_OVER, OP_HALT };
__attribute__((noinline)) static int32_t run_vm(const int8_t *code)
{
    int32_t stack[16];
    int sp = 0, pc = 0, steps = 0;
    for (;;) {
        int8_t op = code[pc++];
        steps++;
        switch (op) {
        case OP_PUSH:  stack[sp++] = code[pc++]; break;
        case OP_ADD:   sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB:   sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL:   sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)stack[sp]); break;
        case OP_DUP:   stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP:  { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case OP_DROP:  sp--; break;
        case OP_JNZ:   { int8_t off = code[pc++]; if (stack[--sp] != 0) pc += off; } break;
        case OP_DEC:   stack[sp - 1]--; break;
        case OP_PRINT: printf("vm: %ld\n", (long)stack[sp - 1]); break;
        case OP_XOR:   sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_SHL:   sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] << (stack[sp] & 31)); break;
        case OP_OVER:  stack[sp] = stack[sp - 2]; sp++; break;
        case OP_HALT:  printf("vm steps %d\n", steps); return sp > 0 ? stack[sp - 1] : 0;
        default:       printf("vm: bad opcode %d\n", op); return -1;
        }
    }
}

/* A tiny tokenizer state machine over a string. */
enum { S_SPACE, S_WORD, S_NUM, S_PUNCT };
static void tokenize(const char *s)
{
    int state = S_SPACE, words = 0, nums = 0, puncts = 0;
    for (; *s; s++) {
        int c = (unsigned char)*s, cls;
        if (c == ' ') cls = S_SPACE;
        else if (c >= '0' && c <= '9') cls = S_NUM;
        else if ((c | 32) >= 'a' && (c | 32) <= 'z') cls = S_WORD;
        else cls = S_PUNCT;
        switch (state * 4 + cls) {
        case S_SPACE * 4 + S_WORD: case S_NUM * 4 + S_WORD: case S_PUNCT * 4 + S_WORD: words++; break;
        case S_SPACE * 4 + S_NUM: case S_PUNCT * 4 + S_NUM: nums++; break;
        case S_SPACE * 4 + S_PUNCT: case S_WORD * 4 + S_PUNCT: case S_NUM * 4 + S_PUNCT: case S_PUNCT * 4 + S_PUNCT: puncts++; break;
        default: break;
        }
        state = cls;
    }
    printf("words=%d nums=%d puncts=%d\n", words, nums, puncts);
}

int main(void)
{
    int sum = 0;
    for (int i = -2; i < 14; i++) {
        int r = small_switch(i);
        sum += r;
        printf("small(%d) = %d\n", i, r);
    }
    printf("small sum %d\n", sum);
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < 40; i++) {
        uint32_t r = big_switch(i, i * 0x9e3779b9u);
        h = (h ^ r) * 16777619u;
        if (i % 4 == 0) printf("big(%u) = %08x\n", (unsigned)i, (unsigned)r);
    }
    printf("big hash %08x\n", (unsigned)h);
    for (int c = '`'; c <= 'k'; c++) printf("%c -> %s\n", c, name_of(c));
    int sp = 0;
    static const int probes[] = { -1000, -999, 0, 3, 4, 77, 1024, 1025, 65536, 999999, 1000000 };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) sp = sp * 7 + sparse(probes[i]);
    printf("sparse %d\n", sp);

    /* 10! : [n acc] loop: acc *= n; n--; print n; while (n) */
    static const int8_t prog1[] = {
        OP_PUSH, 10, OP_PUSH, 1,
        OP_OVER, OP_MUL, OP_SWAP, OP_DEC, OP_DUP, OP_PRINT, OP_DROP, OP_SWAP, OP_OVER, OP_JNZ, -11,
        OP_SWAP, OP_DROP, OP_PRINT, OP_HALT };
    printf("vm result %ld\n", (long)run_vm(prog1));
    static const int8_t prog2[] = { OP_PUSH, 7, OP_PUSH, 6, OP_MUL, OP_PRINT, OP_PUSH, 100, OP_SUB,
                                    OP_PRINT, OP_PUSH, 4, OP_SHL, OP_PRINT,
                                    OP_PUSH, 0x55, OP_XOR, OP_PRINT, OP_PUSH, -3, OP_ADD, OP_PRINT, 99 };
    printf("vm result %ld\n", (long)run_vm(prog2));
    tokenize("Hello, world! 42 apples + 7 pears = 49 fruits; ok?");
    tokenize("a1b2c3 -- x9 ... 1000 !!");
    return 3;
}
