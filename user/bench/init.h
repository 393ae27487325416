/*
 * What the benchmark does when it is PID 1, booted as /init of its own
 * initramfs (init.c).
 */
#ifndef BENCH_INIT_H
#define BENCH_INIT_H

void init_setup(void);
void init_power_off(void) __attribute__((noreturn));

#endif
