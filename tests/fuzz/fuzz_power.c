/* libFuzzer harness: power.h (power, sample size and minimum detectable
 * effect for proportions, McNemar, t tests and NPS).
 * Run one reproducer: ./fuzz_power FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <time.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int exact_tests[] = { 29, 300, 301 };
static const int mcn_methods[] = { 103, 442 };
static const int t_types[] = { 321, 322 };

static const fgroi_power_options *options(fz *f, fgroi_power_options *o) {
  uint8_t s = fz_u8(f);
  if (s < 64) return NULL;
  *o = FGROI_INIT(fgroi_power_options);
  o->alpha = (s & 1) ? fz_prob(f) : 0;
  o->alternative = (s & 2) ? fz_alt(f) : FGROI_TWO_SIDED;
  o->strict = (s & 4) ? (int)(fz_u8(f) % 3) - (fz_u8(f) == 255) : 0;
  o->ratio = (s & 8) ? ((fz_u8(f) & 1) ? fz_double(f) : (fz_u8(f) % 8) / 2.0) : 0;
  if (s >= 250) o->struct_size = (s & 1) ? 0 : 4;
  fz_log("  options: struct_size %zu, alpha %.17g, alternative %d, strict %d, ratio %.17g",
         o->struct_size, o->alpha, (int)o->alternative, o->strict, o->ratio);
  return o;
}

/* A size argument given as a double (n may be fractional). */
static double dn(fz *f) {
  uint8_t s = fz_u8(f);
  if (s < 200) return 2 + s * 3.5;
  return fz_double(f);
}

/* The exact power functions are long computations with a progress /
 * cancel callback (docs/limits.md): Barnard's and Boschloo's searches run
 * for seconds by design, and the Fisher search's work bound is about 0.8 s
 * in an optimised build (several under ASan). The harness attaches a
 * control that cancels after 0.3 s (wall clock: libFuzzer's -timeout is
 * wall time), so the oracle is "returns a result or a status within the
 * timeout" (FGROI_E_CANCELLED included). */
static double fz_deadline_start;
static double fz_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}
static int fz_deadline(void *user, double fraction) {
  (void)user;
  (void)fraction;
  return fz_now() - fz_deadline_start > 0.3;
}
static const fgroi_control fz_deadline_control = { .struct_size = sizeof(fgroi_control),
                                                   .progress = fz_deadline };

static const fgroi_power_options *with_deadline(const fgroi_power_options *o, fgroi_power_options *ob) {
  if (o == NULL) {
    *ob = FGROI_INIT(fgroi_power_options);
    o = ob;
  }
  if (o->struct_size >= sizeof(fgroi_power_options)) ob->control = &fz_deadline_control;
  fz_deadline_start = fz_now();
  fz_log("  deadline control %s (struct_size %zu)", o->control ? "attached" : "not attached", o->struct_size);
  return o;
}

/* The decoded control k: without one (FZ_CTL_PLAIN) the deadline control
 * above; otherwise k (whose callback also cancels after 0.3 s) in the
 * options' control field (options made when there were none); *read: the
 * function reads the field. */
static const fgroi_power_options *ctl_opts(fz_ctl *k, const fgroi_power_options *o,
                                           fgroi_power_options *ob, int *read) {
  *read = 0;
  /* Barnard's and Boschloo's searches run for seconds by design (docs):
   * a control without a callback cannot stop them within -timeout, so
   * control NULL and a callback-less control get the deadline control */
  if (k->mode == FZ_CTL_NULL || k->mode == FZ_CTL_SILENT) k->mode = FZ_CTL_PLAIN;
  if (k->mode == FZ_CTL_PLAIN) {
    k->external = 1;
    return with_deadline(o, ob);
  }
  if (o == NULL) {
    *ob = FGROI_INIT(fgroi_power_options);
    o = ob;
  }
  *read = ob->struct_size >= sizeof *ob;
  return o;
}

static void set_ctl(fgroi_power_options *ob, int read, const fgroi_control *c) {
  if (read) ob->control = c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 14;
  fgroi_power_options ob;
  fgroi_status s;
  const char *name = "";
  fz_out out;
  if (op == 4) {
    double p1 = fz_prob(&f), p2 = fz_prob(&f), pw = fz_prob(&f);
    fgroi_method m = fz_method(&f, exact_tests, FZ_NM(exact_tests));
    const fgroi_power_options *o = options(&f, &ob);
    fz_out_prep(&f, &out, sizeof(fgroi_power_exact_n), 1, 1);
    fz_log("fgroi_power_prop2_exact_n(%.17g, %.17g, %.17g, %d, ratio %g)", p1, p2, pw, (int)m, o ? o->ratio : 1.0);
    fz_ctl k;
    fz_ctl_prep(&f, &k, 0.3);
    k.field = 1;
    int rd;
    o = ctl_opts(&k, o, &ob, &rd);
    FZ_CTL_RUN_R(k, rd, s, "power_prop2_exact_n", fgroi_power_prop2_exact_n(p1, p2, pw, m, o, out.p),
                 (set_ctl(&ob, rd, FZC), fgroi_power_prop2_exact_n(p1, p2, pw, m, o, out.p)), &out, NULL, NULL);
    fz_required(&out, s, "power_prop2_exact_n");
    if (fz_out_full(&out, s)) {
      const fgroi_power_exact_n *r = out.p;
      FZ_ASSERT(r->n1 >= 1 && r->n2 >= 1 && r->n1_stable >= r->n1 && r->power >= pw - 1e-12 &&
                r->power <= 1 && r->power_stable >= pw - 1e-12 && r->power_stable <= 1,
                "exact_n: n1 %lld stable %lld power %g", (long long)r->n1, (long long)r->n1_stable, r->power);
    }
    fz_after_plain(&out, s, "power_prop2_exact_n");
    return 0;
  }
  fz_arr_prep(&f, &out, 1, sizeof(double), 1);
  int is_power = 0, positive = 0;
  double a = fz_prob(&f), b = fz_prob(&f), c = fz_prob(&f), d = fz_prob(&f);
  switch (op) {
  case 0: {
    double n = dn(&f);
    const fgroi_power_options *o = options(&f, &ob);
    name = "power_prop2"; is_power = 1;
    fz_log("fgroi_power_prop2(%.17g, %.17g, %.17g)", a, b, n);
    s = fgroi_power_prop2(a, b, n, o, out.p);
    break;
  }
  case 1: {
    const fgroi_power_options *o = options(&f, &ob);
    name = "power_prop2_n"; positive = 1;
    fz_log("fgroi_power_prop2_n(%.17g, %.17g, %.17g)", a, b, c);
    s = fgroi_power_prop2_n(a, b, c, o, out.p);
    break;
  }
  case 2: {
    double n = dn(&f);
    int inc = (int)(fz_u8(&f) % 3) - 1;
    const fgroi_power_options *o = options(&f, &ob);
    name = "power_prop2_mde";
    fz_log("fgroi_power_prop2_mde(%.17g, %.17g, %.17g, %d)", a, n, c, inc);
    s = fgroi_power_prop2_mde(a, n, c, inc, o, out.p);
    if (s == FGROI_OK) fz_check_p(*(double *)out.p, "prop2_mde p1");
    break;
  }
  case 3: {
    int64_t n1 = fz_u8(&f) < 230 ? (int64_t)(fz_u8(&f) % 60) : fz_count(&f);
    int64_t n2 = fz_u8(&f) < 230 ? (int64_t)(fz_u8(&f) % 60) : fz_count(&f);
    fgroi_method m = fz_method(&f, exact_tests, FZ_NM(exact_tests));
    const fgroi_power_options *o = options(&f, &ob);
    name = "power_prop2_exact"; is_power = 1;
    fz_log("fgroi_power_prop2_exact(%.17g, %.17g, %lld, %lld, %d)", a, b, (long long)n1, (long long)n2, (int)m);
    fz_ctl k;
    fz_ctl_prep(&f, &k, 0.3);
    k.field = 1;
    int rd;
    o = ctl_opts(&k, o, &ob, &rd);
    FZ_CTL_RUN_R(k, rd, s, "power_prop2_exact", fgroi_power_prop2_exact(a, b, n1, n2, m, o, out.p),
                 (set_ctl(&ob, rd, FZC), fgroi_power_prop2_exact(a, b, n1, n2, m, o, out.p)), &out, NULL, NULL);
    break;
  }
  case 5: case 6: case 7: {
    double n = dn(&f);
    fgroi_method m = fz_method(&f, mcn_methods, FZ_NM(mcn_methods));
    const fgroi_power_options *o = options(&f, &ob);
    if (op == 5) {
      name = "power_mcnemar"; is_power = 1;
      fz_log("fgroi_power_mcnemar(%.17g, %.17g, %.17g, %d)", a, b, n, (int)m);
      s = fgroi_power_mcnemar(a, b, n, m, o, out.p);
    } else if (op == 6) {
      name = "power_mcnemar_n"; positive = 1;
      fz_log("fgroi_power_mcnemar_n(%.17g, %.17g, %.17g, %d)", a, b, c, (int)m);
      s = fgroi_power_mcnemar_n(a, b, c, m, o, out.p);
    } else {
      name = "power_mcnemar_mde"; positive = 1;
      fz_log("fgroi_power_mcnemar_mde(%.17g, %.17g, %.17g, %d)", a, n, c, (int)m);
      s = fgroi_power_mcnemar_mde(a, n, c, m, o, out.p);
      if (s == FGROI_OK) FZ_ASSERT(*(double *)out.p <= a * (1 + 1e-12), "mcnemar_mde d > psi");
    }
    break;
  }
  case 8: case 9: case 10: {
    double delta = (fz_u8(&f) & 1) ? fz_double(&f) : (fz_u8(&f) % 20) / 4.0;
    double sd = (fz_u8(&f) & 1) ? fz_double(&f) : 0.5 + (fz_u8(&f) % 10);
    double n = dn(&f);
    fgroi_method m = fz_method(&f, t_types, FZ_NM(t_types));
    const fgroi_power_options *o = options(&f, &ob);
    if (op == 8) {
      name = "power_t"; is_power = 1;
      fz_log("fgroi_power_t(%.17g, %.17g, %.17g, %d)", delta, sd, n, (int)m);
      s = fgroi_power_t(delta, sd, n, m, o, out.p);
    } else if (op == 9) {
      name = "power_t_n"; positive = 1;
      fz_log("fgroi_power_t_n(%.17g, %.17g, %.17g, %d)", delta, sd, c, (int)m);
      s = fgroi_power_t_n(delta, sd, c, m, o, out.p);
    } else {
      name = "power_t_mde"; positive = 1;
      fz_log("fgroi_power_t_mde(%.17g, %.17g, %.17g, %d)", sd, n, c, (int)m);
      s = fgroi_power_t_mde(sd, n, c, m, o, out.p);
    }
    break;
  }
  default: {
    double n = dn(&f), pw = fz_prob(&f);
    const fgroi_power_options *o = options(&f, &ob);
    if (op == 11) {
      name = "power_nps"; is_power = 1;
      fz_log("fgroi_power_nps(%.17g, %.17g, %.17g, %.17g, %.17g)", a, b, c, d, n);
      s = fgroi_power_nps(a, b, c, d, n, o, out.p);
    } else if (op == 12) {
      name = "power_nps_n"; positive = 1;
      fz_log("fgroi_power_nps_n(%.17g, %.17g, %.17g, %.17g, %.17g)", a, b, c, d, pw);
      s = fgroi_power_nps_n(a, b, c, d, pw, o, out.p);
    } else {
      name = "power_nps_mde"; positive = 1;
      fz_log("fgroi_power_nps_mde(%.17g, %.17g, %.17g, %.17g, ratio %g)", a, b, n, pw, o ? o->ratio : 0.0);
      s = fgroi_power_nps_mde(a, b, n, pw, o, out.p);
    }
    break;
  }
  }
  fz_check_status(s);
  fz_required(&out, s, name);
  if (s == FGROI_OK) {
    double v = *(double *)out.p;
    if (is_power) fz_check_p(v, name);
    else fz_check_finite(v, name);
    if (positive) FZ_ASSERT(v >= DBL_MIN, "%s: %.17g not positive (or denormal)", name, v);
  }
  fz_after_plain(&out, s, name);
  return 0;
}
