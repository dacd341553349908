/* The conditional odds-ratio kernel (lib/cond_or.h): Fisher's noncentral
 * hypergeometric distribution summed from its mode, the conditional MLE,
 * and the exact conditional limits (Cornfield 1956, as R's fisher.test;
 * Baptista & Pike 1977 and mid-p versions, as R's exact2x2). Formulas and
 * citations: docs/methods/prop.md, docs/methods/exact2x2.md. */
#include <float.h>

#include "cond_or.h"
#include "num.h"

fgroi__or_table fgroi__or_table_make(double a, double m1, double c, double m2) {
  fgroi__or_table t;
  t.par[0] = a + c;
  t.par[1] = (m1 - a) + (m2 - c);
  t.par[2] = m1;
  t.lo = t.par[2] - t.par[1] > 0.0 ? t.par[2] - t.par[1] : 0.0;
  t.hi = t.par[2] < t.par[0] ? t.par[2] : t.par[0];
  return t;
}

double fgroi__or_haldane_log(double a, double m1, double c, double m2) {
  return log((a + 0.5) * (m2 - c + 0.5)) - log((m1 - a + 0.5) * (c + 0.5));
}

static double hyper_lpmf(const fgroi__or_table *t, double j) {
  return fgroi__dhyper(j, t->par[0], t->par[1], t->par[2], 1);
}

/* log f(j+1)/f(j) of the central hypergeometric. */
static double hyper_log_ratio(const fgroi__or_table *t, double j) {
  const double m = t->par[0], n = t->par[1], k = t->par[2];
  return log((m - j) * (k - j)) - log((j + 1.0) * (n - k + j + 1.0));
}

/* Sums of Fisher's noncentral hypergeometric weights f(j) e^(j theta),
 * scaled so the mode's weight is 1: total, P(X <= x), P(X >= x), the
 * first moment about x and the weight at x; with bp, also the weights
 * below x's (relative tolerance FGROI__REL_TOL) and those tied with it
 * (Baptista-Pike). Only the window where the weight is above 1e-25 of the
 * running total (within ~57 of the maximum log weight) is enumerated,
 * walking out from the mode with the pmf ratio and re-anchoring on the
 * exact log pmf every 256 steps; tables in the billions cost O(sd). */
typedef struct { double total, le, ge, dev, eq, below, tie; } or_sums;

static void or_sums_at(const fgroi__or_table *t, double theta, double x, int bp, or_sums *s) {
  const double m = t->par[0], n = t->par[1], k = t->par[2], et = exp(theta), emt = exp(-theta);
  /* mode: first j with f(j+1) e^theta < f(j) (the log ratio is decreasing) */
  int64_t ilo = (int64_t)t->lo, ihi = (int64_t)t->hi;
  while (ilo < ihi) {
    int64_t mid = ilo + (ihi - ilo) / 2;
    if (hyper_log_ratio(t, (double)mid) + theta < 0.0) ihi = mid; else ilo = mid + 1;
  }
  const double mode = (double)ilo, lmode = hyper_lpmf(t, mode) + mode * theta;
  const double fx = bp ? exp(hyper_lpmf(t, x) + x * theta - lmode) : 0.0;
  const double f_below = fx * (1.0 - FGROI__REL_TOL), f_tie = fx * (1.0 + FGROI__REL_TOL);
  double tot = 0.0, le = 0.0, ge = 0.0, dev = 0.0, eq = 0.0, below = 0.0, tie = 0.0;
  for (int dir = 1; dir >= -1; dir -= 2) {
    double j = dir > 0 ? mode : mode - 1.0;
    if (j < t->lo) continue;
    double term = dir > 0 ? 1.0 : exp(hyper_lpmf(t, j) + j * theta - lmode);
    for (long i = 1;; i++) {
      tot += term;
      if (j <= x) le += term;
      if (j >= x) ge += term;
      if (j == x) eq = term;
      dev += (j - x) * term;
      if (bp) {
        if (term < f_below) below += term;
        else if (term <= f_tie) tie += term;
      }
      double next = j + dir;
      /* beyond here the rest of this side is < 1e-20 of the total (the
       * weights fall geometrically), far below any tail probability a
       * confidence level in (0, 1) can ask for (>= 5.5e-17) */
      if (term < 1e-300 || term < 1e-25 * tot || next < t->lo || next > t->hi) break;
      if ((i & 255) == 0) {
        term = exp(hyper_lpmf(t, next) + next * theta - lmode);
      } else if (dir > 0) {
        term *= (m - j) * (k - j) / ((j + 1.0) * (n - k + j + 1.0)) * et;
      } else {
        term *= j * (n - k + j) / ((m - j + 1.0) * (k - j + 1.0)) * emt;
      }
      j = next;
    }
  }
  s->total = tot; s->le = le; s->ge = ge; s->dev = dev;
  s->eq = eq; s->below = below; s->tie = tie;
}

/* One equation in the log odds ratio theta at the observed x. */
typedef struct {
  const fgroi__or_table *t;
  double x, level;
  int which; /* 0 the conditional MLE (E X = x); 1 / 2 the upper / lower
                limit (P(X <= x) = level / P(X >= x) = level); 3 / 4 the
                same with P(X = x) / 2 (mid-p); 5 / 6 Baptista-Pike's
                two-sided p-value (ties halved for 6) minus the level */
  fgroi__ctl *ctl;
  unsigned long evals;
} or_eq;

/* One evaluation: FGROI_OK, or FGROI_E_CANCELLED (ctl->cancelled set). */
static fgroi_status or_step(or_eq *e) {
  if (e->ctl == NULL) return FGROI_OK;
  return fgroi__ctl_step(e->ctl, fgroi__ctl_evals_fraction(0.0, ++e->evals, 150.0));
}

/* Decreasing in theta for which = 0..4 (0 on a cancel, which ends the
 * root search at once). */
static double or_fn(double theta, void *ctx) {
  or_eq *e = ctx;
  if (or_step(e) != FGROI_OK) return 0.0;
  or_sums s;
  or_sums_at(e->t, theta, e->x, 0, &s);
  if (e->which == 0) return -s.dev / s.total;
  if (e->which == 1) return s.le / s.total - e->level;
  if (e->which == 2) return e->level - s.ge / s.total;
  if (e->which == 3) return (s.le - 0.5 * s.eq) / s.total - e->level;
  return e->level - (s.ge - 0.5 * s.eq) / s.total;
}

/* Baptista-Pike: p-value of H0: log OR = theta minus the level; not
 * monotone (-1 on a cancel: "rejected", the scans end). */
static double or_bp_fn(double theta, void *ctx) {
  or_eq *e = ctx;
  if (or_step(e) != FGROI_OK) return -1.0;
  or_sums s;
  or_sums_at(e->t, theta, e->x, 1, &s);
  double p = (s.below + (e->which == 6 ? 0.5 * s.tie : s.tie)) / s.total;
  return fmin(p, 1.0) - e->level;
}

/* Solve or_fn = 0 for the odds ratio e^theta (0 / +inf past the ends). */
static fgroi_status or_solve(or_eq *e, double theta0, double *ratio) {
  double th;
  int end;
  FGROI__TRY(fgroi__root_log(or_fn, e, theta0, &th, &end));
  *ratio = end < 0 ? 0.0 : (end > 0 ? INFINITY : exp(th));
  return FGROI_OK;
}

static fgroi_status or_mle(or_eq *e, double theta0, double *est) {
  if (e->x == e->t->lo) { *est = 0.0; return FGROI_OK; }
  if (e->x == e->t->hi) { *est = INFINITY; return FGROI_OK; }
  e->which = 0;
  e->level = 0.0;
  return or_solve(e, theta0, est);
}

fgroi_status fgroi__or_mle(const fgroi__or_table *t, double x, double theta0, fgroi__ctl *ctl,
                           double *est) {
  or_eq e = { t, x, 0.0, 0, ctl, 0 };
  return or_mle(&e, theta0, est);
}

/* Baptista-Pike limit on one side of the anchor t0 (dir -1: lower, +1:
 * upper): the outermost theta where the p-value exceeds the level. Scan
 * from a far point where the p-value is below the level, then Brent. */
static fgroi_status or_bp_limit(or_eq *e, double t0, int dir, double *limit) {
  double far = t0 + dir * 1.0;
  for (int i = 0; i < 12 && or_bp_fn(far, e) > 0.0; i++) far = t0 + dir * 2.0 * fabs(far - t0);
  if (or_bp_fn(far, e) > 0.0) { *limit = dir * INFINITY; return FGROI_OK; }
  const int K = 64;
  double prev = far;
  for (int k = 1; k <= K; k++) {
    double cur = far + (t0 - far) * (double)k / K;
    if (or_bp_fn(cur, e) > 0.0) {
      double r;
      FGROI__TRY(fgroi__root_brent(or_bp_fn, e, prev, cur, 1e-12, 1e-12, &r));
      *limit = r;
      return FGROI_OK;
    }
    prev = cur;
  }
  *limit = t0;
  return FGROI_OK;
}

static int or_cancelled(const fgroi__ctl *ctl) { return ctl != NULL && ctl->cancelled; }

fgroi_status fgroi__or_interval(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                fgroi__or_kind kind, double tail, int want_lo, int want_hi,
                                fgroi__ctl *ctl, double *est, double *lo, double *hi) {
  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const fgroi__or_table t = fgroi__or_table_make(a, m1, c, m2);
  const double th0 = fgroi__or_haldane_log(a, m1, c, m2);
  or_eq e = { &t, a, tail, 0, ctl, 0 };
  double mle = 0.0, l = 0.0, h = INFINITY;
  fgroi_status st = or_mle(&e, th0, &mle);
  if (kind == FGROI__OR_CORNFIELD || kind == FGROI__OR_CORNFIELD_MID_P) {
    const int mid = kind == FGROI__OR_CORNFIELD_MID_P;
    if (st == FGROI_OK && want_lo && a > t.lo) {
      e.which = mid ? 4 : 2;
      e.level = tail;
      st = or_solve(&e, th0, &l);
    }
    if (st == FGROI_OK && want_hi && a < t.hi) {
      e.which = mid ? 3 : 1;
      e.level = tail;
      st = or_solve(&e, th0, &h);
    }
  } else {
    /* anchors: the MLE inside the support; at a bound, a point where x is
     * the most probable value */
    const int interior = a > t.lo && a < t.hi;
    const double t0 = interior ? log(mle) : 0.0;
    double th;
    e.which = kind == FGROI__OR_BAPTISTA_PIKE_MID_P ? 6 : 5;
    e.level = tail;
    if (st == FGROI_OK && want_lo && a > t.lo) {
      st = or_bp_limit(&e, a < t.hi ? t0 : 50.0, -1, &th);
      l = exp(th);
    }
    if (st == FGROI_OK && want_hi && a < t.hi) {
      st = or_bp_limit(&e, a > t.lo ? t0 : -50.0, +1, &th);
      h = exp(th);
    }
  }
  if (or_cancelled(ctl)) return FGROI_E_CANCELLED;
  if (st != FGROI_OK) return st;
  *est = mle;
  *lo = l;
  *hi = h;
  return FGROI_OK;
}
