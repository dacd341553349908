#include <stdio.h>
#include <fgroi/fgroi.h>

int main(void) {  /* 10 of 12 device users finished setup in < 5 min: above the 85% target? */
  fgroi_interval ci = FGROI_INIT(fgroi_interval);   /* H1: rate > 85%, with its lower bound */
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_status s = fgroi_prepost_target(10, 12, 0.85, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, &t, &ci);
  if (s != FGROI_OK) { fprintf(stderr, "%s\n", fgroi_strerror(s)); return 1; }
  printf("%.0f%%, at least %.0f%% (95%% lower bound), p(above 85%%) = %.3f\n",
         100 * ci.estimate, 100 * ci.lower, t.p_value);
  return 0;
}
