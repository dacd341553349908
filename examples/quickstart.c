/* The README's ten-line example: how sure are we that 10 of 12 device users
 * finishing the setup task in under 5 minutes beats the 85% target?
 * Build: cc quickstart.c $(pkg-config --cflags --libs fgroi) */
#include <stdio.h>
#include <fgroi/fgroi.h>

int main(void) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_status s = fgroi_prop_ci(10, 12, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci);
  if (s == FGROI_OK) s = fgroi_prop_test(10, 12, 0.85, FGROI_METHOD_EXACT, FGROI_LESS, &t);
  if (s != FGROI_OK) { fprintf(stderr, "fgroi: %s\n", fgroi_strerror(s)); return 1; }
  printf("task success %.1f%% (95%% CI %.1f%% to %.1f%%), p(below 85%%) = %.3f\n",
         100 * ci.estimate, 100 * ci.lower, 100 * ci.upper, t.p_value);
  return 0;
}
