/* fgroi-report: the main example. For now it reports the pilot's headline
 * rates with honest intervals; issue #10 grows it into the full study
 * report over examples/data/. */
#include <stdio.h>

#include <fgroi/fgroi.h>

static int report_rate(const char *label, int64_t x, int64_t n) {
  fgroi_interval w = FGROI_INIT(fgroi_interval), cp = FGROI_INIT(fgroi_interval);
  fgroi_status s = fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &w);
  if (s == FGROI_OK) s = fgroi_prop_ci(x, n, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED, &cp);
  if (s != FGROI_OK) {
    fprintf(stderr, "fgroi-report: %s: %s\n", label, fgroi_strerror(s));
    return 1;
  }
  printf("%-34s %4lld/%-4lld %5.1f%%  Wilson [%5.1f%%, %5.1f%%]  exact [%5.1f%%, %5.1f%%]\n", label,
         (long long)x, (long long)n, 100 * w.estimate, 100 * w.lower, 100 * w.upper,
         100 * cp.lower, 100 * cp.upper);
  return 0;
}

int main(void) {
  printf("libfgroi %s: pillbox pilot, headline rates (95%% intervals)\n\n", fgroi_version());
  int bad = 0;
  bad |= report_rate("self-reported doses (app check-ins)", 141, 336);
  bad |= report_rate("device-logged doses (pillbox opens)", 239, 336);
  bad |= report_rate("setup task < 5 min, device arm", 10, 12);
  bad |= report_rate("setup task < 5 min, control arm", 5, 12);
  fgroi_test t = FGROI_INIT(fgroi_test);
  if (fgroi_prop_test(10, 12, 0.85, FGROI_METHOD_EXACT, FGROI_LESS, &t) == FGROI_OK)
    printf("\nDevice acceptance target 85%%: one-sided exact p(below target) = %.3f\n", t.p_value);
  return bad;
}
