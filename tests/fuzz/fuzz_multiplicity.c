/* libFuzzer harness: multiplicity.h (p.adjust), in place and not.
 * Run one reproducer: ./fuzz_multiplicity FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int methods[] = { 402, 401, 403, 404, 405, 406, 400, 407, 408, 409, 410, 411 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  size_t n = fz_len(&f, 200);
  double *p = fz_doubles(&f, n, 1);
  fgroi_method m = fz_method(&f, methods, FZ_NM(methods));
  int in_place = p != NULL && n > 0 && (fz_u8(&f) & 1);
  fz_out o;
  fz_arr_prep(&f, &o, n ? n : 1, sizeof(double), 1);
  double *raw = NULL;
  if (n) {
    raw = malloc(n * sizeof *raw);
    if (raw == NULL) abort();
    memcpy(raw, p, n * sizeof *raw);
  }
  double *out = in_place ? p : o.p;
  /* alpha: fgroi_multiplicity_adjust_alpha (the adaptive FDR methods
   * depend on it); otherwise the decoded control (fz_ctl_prep) */
  uint8_t which = fz_u8(&f);
  int with_alpha = which >= 200;
  double alpha = with_alpha ? fz_prob(&f) : 0.05;
  fz_ctl k;
  fz_ctl_prep(&f, &k, 0.5);
  fz_log("fgroi_multiplicity_adjust%s(n %zu, %d, in place %d, alpha %.17g)", with_alpha ? "_alpha" : "",
         n, (int)m, in_place, alpha);
  fgroi_status s;
  if (with_alpha) {
    s = fgroi_multiplicity_adjust_alpha(p, n, alpha, m, out);
    fz_check_status(s);
    fz_ctl_after(&k, s, 0, "multiplicity_adjust_alpha");
  } else {
    s = k.mode == FZ_CTL_PLAIN ? fgroi_multiplicity_adjust(p, n, m, out)
                               : fgroi_multiplicity_adjust_ctl(p, n, m, fz_ctl_go(&k), out);
    fz_check_status(s);
    fz_ctl_after(&k, s, 1, "multiplicity_adjust_ctl");
    if (k.mode != FZ_CTL_PLAIN && fz_ctl_valid(&k) && !k.cancel_sent && s == FGROI_OK && n > 0) {
      /* the same values with control NULL (into a fresh array) */
      double *again = malloc(n * sizeof *again);
      if (again == NULL) abort();
      fgroi_status s2 = fgroi_multiplicity_adjust_ctl(raw, n, m, NULL, again);
      FZ_ASSERT(s2 == s && memcmp(again, out, n * sizeof *again) == 0,
                "multiplicity_adjust_ctl: differs from control NULL");
      free(again);
    }
  }
  if (out == NULL) FZ_ASSERT(s != FGROI_OK, "multiplicity: NULL output accepted");
  if (s == FGROI_OK) {
    for (size_t i = 0; i < n; i++) {
      fz_check_p(out[i], "adjusted p");
      int adaptive = m == FGROI_METHOD_BH_TWO_STAGE || m == FGROI_METHOD_BKY || m == FGROI_METHOD_GBS;
      FZ_ASSERT(adaptive || out[i] >= raw[i] || fabs(out[i] - raw[i]) <= 1e-15,
                "adjusted p %.17g below raw %.17g", out[i], raw[i]);
      for (size_t j = 0; j < n; j++) /* monotone: a smaller raw p never gets a larger adjusted p */
        if (raw[i] < raw[j]) FZ_ASSERT(out[i] <= out[j], "adjusted p not monotone in raw p");
      if ((n <= 1 && !adaptive) || m == FGROI_METHOD_NONE)
        FZ_ASSERT(out[i] == raw[i], "n = 1 / none changed p");
    }
  } else if (in_place) {
    FZ_ASSERT(memcmp(p, raw, n * sizeof *raw) == 0, "in-place p written on error");
  }
  if (!in_place) fz_after_plain(&o, s, "multiplicity adjusted");
  else fz_out_free(&o);
  free(p);
  free(raw);
  return 0;
}
