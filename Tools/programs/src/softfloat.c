/* Soft-float arithmetic through newlib/libgcc (-mfloat-abi=soft): float and double printf,
   strtod, math-free numerics, sprintf/sscanf round trips, a tiny Mandelbrot in double. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double poly(double x) { return ((0.5 * x - 1.25) * x + 3.0) * x - 0.125; }

int main(void) {
  double acc = 0.0;
  for (int i = 1; i <= 200; i++) acc += 1.0 / ((double)i * (double)i);
  printf("basel %.12f\n", acc);
  float f = 1.0f;
  for (int i = 0; i < 30; i++) f = f * 1.1f - 0.05f;
  printf("float %.6f %e %g\n", (double)f, (double)f, (double)f);
  const char *nums[] = {"3.14159", "-2.5e-3", "1e10", "0.1", "123456789.987"};
  for (int i = 0; i < 5; i++) {
    double v = strtod(nums[i], NULL);
    printf("strtod %s -> %.10g poly %.6f\n", nums[i], v, poly(v / 1e3));
  }
  char buf[64];
  sprintf(buf, "%.3f %d", 2.71828, 42);
  double a; int b;
  sscanf(buf, "%lf %d", &a, &b);
  printf("roundtrip '%s' %.3f %d\n", buf, a, b);
  int rows = 0;
  for (int y = -6; y <= 6; y++) {
    char line[40]; int n = 0;
    for (int x = -20; x <= 8; x++) {
      double cr = x / 10.0, ci = y / 6.0, zr = 0, zi = 0; int k = 0;
      while (k < 30 && zr * zr + zi * zi < 4.0) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; k++; }
      line[n++] = k >= 30 ? '#' : (k > 5 ? '+' : '.');
    }
    line[n] = 0;
    puts(line);
    rows++;
  }
  long long big = 1234567890123LL;
  printf("ll %lld %llx div %lld mod %lld\n", big, big, big / 97, big % 97);
  printf("done %d\n", rows);
  return (int)(acc * 10) ;  /* 16 */
}
