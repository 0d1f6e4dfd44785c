/* Tools/programs/startup.S — vector table and reset handler for the program corpus.
 * Reset_Handler copies .data from its load address in flash to SRAM and branches to
 * newlib's _start (rdimon-crt0), which zeroes .bss, sets up heap and stack through
 * SYS_HEAPINFO, runs constructors, calls main and passes its result to exit(). */
        .syntax unified
        .thumb

        .section .vectors, "a", %progbits
        .globl  __vectors
        .p2align 2
__vectors:
        .word   0x20040000              /* initial SP: top of the 256 KiB SRAM */
        .word   Reset_Handler           /* 1 reset */
        .word   Fault_Handler           /* 2 NMI */
        .word   Fault_Handler           /* 3 HardFault */
        .word   Fault_Handler           /* 4 MemManage */
        .word   Fault_Handler           /* 5 BusFault */
        .word   Fault_Handler           /* 6 UsageFault */
        .word   0, 0, 0, 0              /* 7-10 reserved */
        .word   Fault_Handler           /* 11 SVCall */
        .word   Fault_Handler           /* 12 DebugMonitor */
        .word   0                       /* 13 reserved */
        .word   Fault_Handler           /* 14 PendSV */
        .word   Fault_Handler           /* 15 SysTick */
        .size   __vectors, . - __vectors

        .section .text.Reset_Handler, "ax", %progbits
        .globl  Reset_Handler
        .type   Reset_Handler, %function
        .thumb_func
Reset_Handler:
        ldr     r0, =__data_load__
        ldr     r1, =__data_start__
        ldr     r2, =__data_end__
1:      cmp     r1, r2
        bhs     2f
        ldr     r3, [r0], #4
        str     r3, [r1], #4
        b       1b
2:      b       _start
        .size   Reset_Handler, . - Reset_Handler

/* Any exception: report it on the console and exit with status 128 + exception number. */
        .globl  Fault_Handler
        .type   Fault_Handler, %function
        .thumb_func
Fault_Handler:
        mrs     r4, ipsr
        adr     r1, fault_msg
        movs    r0, #4                  /* SYS_WRITE0 */
        bkpt    #0xab
        add     r0, r4, #128
        bl      _exit
        b       .
        .p2align 2
fault_msg:
        .asciz  "*** unexpected exception\n"
        .size   Fault_Handler, . - Fault_Handler
