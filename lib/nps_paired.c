/* Paired NPS change (the same respondents surveyed twice; include/fgroi/nps.h,
 * "paired change"): the 3x3 transition table, per-person changes, the score
 * and Wald intervals, and the sign-flip, Wald, score and Stuart-Maxwell
 * tests. docs/methods/nps.md. */
#include <float.h>

#include "control.h"
#include "nps_internal.h"

/* ---- paired change ------------------------------------------------------- */

static int category_of(int32_t v) { return v <= 6 ? 0 : (v <= 8 ? 1 : 2); }

FGROI_API fgroi_status fgroi_nps_paired_table_i32(const int32_t *before, const int32_t *after,
                                                  size_t n, int32_t missing_code,
                                                  int64_t table[9], int64_t *missing_pairs,
                                                  size_t *bad_index) {
  if (table == NULL || (n > 0 && (before == NULL || after == NULL))) return FGROI_E_NULL;
  /* one missing-code rule (docs/api-conventions.md): a code that is a valid
   * score would make answers and non-answers indistinguishable */
  if (missing_code >= 0 && missing_code <= 10) return FGROI_E_OUT_OF_RANGE;
  int64_t t[9] = {0}, miss = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t x = before[i], y = after[i];
    int okx = x >= 0 && x <= 10, oky = y >= 0 && y <= 10;
    if ((!okx && x != missing_code) || (!oky && y != missing_code)) {
      if (bad_index) *bad_index = i;
      return FGROI_E_SCORE_RANGE;
    }
    if (!okx || !oky) { miss++; continue; }
    t[3 * category_of(x) + category_of(y)]++;
  }
  memcpy(table, t, sizeof t);
  if (missing_pairs) *missing_pairs = miss;
  return FGROI_OK;
}

/* Validate a 3x3 table; changes[k] counts per-person change k - 2. */
static fgroi_status table_changes(const int64_t table[9], double changes[5], int64_t *n_out) {
  if (table == NULL) return FGROI_E_NULL;
  int64_t n = 0;
  for (int k = 0; k < 5; k++) changes[k] = 0.0;
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) {
      int64_t c = table[3 * i + j];
      if (c < 0) return FGROI_E_NEGATIVE_COUNT;
      if (c > INT64_MAX - n) return FGROI_E_OVERFLOW;
      n += c;
      changes[j - i + 2] += (double)c;
    }
  }
  if (n == 0) return FGROI_E_EMPTY;
  *n_out = n;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_paired_changes(const int64_t table[9], int64_t changes[5]) {
  double c[5];
  int64_t n;
  if (changes == NULL) return FGROI_E_NULL;
  FGROI__TRY(table_changes(table, c, &n));
  for (int i = 0; i < 5; i++) changes[i] = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) changes[j - i + 2] += table[3 * i + j];
  return FGROI_OK;
}

/* mean and variance (divisor n) of the per-person changes */
static void change_moments(const double c[5], double n, double *mean, double *var) {
  double m = 0.0, v = 0.0;
  for (int k = 0; k < 5; k++) m += c[k] * (k - 2);
  m /= n;
  for (int k = 0; k < 5; k++) v += c[k] * (k - 2 - m) * (k - 2 - m);
  *mean = m;
  *var = v / n;
}

FGROI_API fgroi_status fgroi_nps_paired_ci(const int64_t table[9], fgroi_method method,
                                           double conf_level, fgroi_alternative alternative,
                                           fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  double c[5];
  int64_t n;
  FGROI__TRY(table_changes(table, c, &n));
  FGROI__TRY(check_ci_args(conf_level, alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SCORE;
  const double nd = (double)n, zc = z_of(conf_level, alternative);
  double mean, var, lo, hi;
  change_moments(c, nd, &mean, &var);
  unsigned flags = 0;
  if (method == FGROI_METHOD_WALD) {
    double half = zc * sqrt(var / nd);
    lo = mean - half;
    hi = mean + half;
    flags |= FGROI_FLAG_NORMAL_APPROX;
  } else if (method == FGROI_METHOD_SCORE) {
    fgroi__mm_sample s;
    fgroi__mm_init(&s, 5, -2.0, c);
    FGROI__TRY(fgroi__mm_invert(&s, NULL, mean, -2.0, 2.0, zc, alternative != FGROI_LESS,
                         alternative != FGROI_GREATER, &lo, &hi, &flags));
  } else {
    return FGROI_E_METHOD;
  }
  fgroi_interval r = finish_interval(mean, lo, hi, -2.0, 2.0, conf_level, method, alternative,
                                     flags);
  return fgroi__emit_interval(out, &r);
}

/* Bounds of the exact sign-flip test (issue 14): the smaller of the two
 * switcher counts is enumerated over a window of +-20 sqrt(m) around its
 * mode (beyond it the binomial mass is below 2 e^-800, under the smallest
 * double: Hoeffding), the larger enters through one binomial tail updated
 * term by term. Work is O(sqrt(min(m1, m2))) + one exact tail. */
#define NPS_SIGN_FLIP_SMALL_MAX ((int64_t)1 << 28)

static int64_t floor_div(int64_t a, int64_t b) { /* b > 0 */
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
static int64_t ceil_div(int64_t a, int64_t b) { return -floor_div(-a, b); }

/* P(K >= j) for K ~ Bin(m, 1/2). */
static double half_binom_ge(int64_t j, int64_t m) {
  if (j <= 0) return 1.0;
  if (j > m) return 0.0;
  return fgroi__pbinom((double)(j - 1), (double)m, 0.5, 0);
}
static double half_binom_pmf(int64_t j, int64_t m) {
  return (j < 0 || j > m) ? 0.0 : fgroi__dbinom((double)j, (double)m, 0.5, 0);
}

/* P(S >= s) for S = sum of m1 random signs of 1 and m2 random signs of 2
 * (S = A + 2B, A = 2 K1 - m1, B = 2 K2 - m2, K ~ Bin(m, 1/2)). The caller
 * checks m1, m2 <= FGROI__EXACT_BINOM_MAX and min(m1, m2) <=
 * NPS_SIGN_FLIP_SMALL_MAX. */
static fgroi_status sign_flip_upper(int64_t m1, int64_t m2, int64_t s, fgroi__ctl *ctl,
                                    double *p_out) {
  const int outer2 = m2 <= m1; /* enumerate the smaller group */
  const int64_t mo = outer2 ? m2 : m1, mb = outer2 ? m1 : m2;
  /* K_big >= j(k), non-increasing in the outer count k */
#define SF_THRESHOLD(k) (outer2 ? ceil_div(s - 2 * (2 * (k) - m2) + m1, 2) \
                                : ceil_div(s - (2 * (k) - m1) + 2 * m2, 4))
  int64_t w = (int64_t)ceil(20.0 * sqrt((double)mo)) + 1;
  int64_t klo = mo / 2 - w, khi = mo / 2 + w + 1;
  if (klo < 0) klo = 0;
  if (khi > mo) khi = mo;
  int64_t j = SF_THRESHOLD(klo);
  double tail = half_binom_ge(j, mb), tc = 0.0, p = 0.0, pc = 0.0;
  const double span = (double)(khi - klo + 1);
  for (int64_t k = klo; k <= khi; k++) {
    if (((k - klo) & 255) == 0) FGROI__TRY(fgroi__ctl_step(ctl, (double)(k - klo) / span));
    int64_t jn = SF_THRESHOLD(k);
    for (int64_t i = jn; i < j; i++) { /* tail += P(K_big = i), Kahan */
      double y = half_binom_pmf(i, mb) - tc, t = tail + y;
      tc = (t - tail) - y;
      tail = t;
    }
    j = jn;
    double y = half_binom_pmf(k, mo) * (tail > 1.0 ? 1.0 : tail) - pc, t = p + y;
    pc = (t - p) - y;
    p = t;
  }
#undef SF_THRESHOLD
  *p_out = p;
  return FGROI_OK;
}

/* Stuart-Maxwell statistic and df from a 3x3 table. */
static fgroi_status stuart_maxwell(const int64_t t[9], double *stat, double *df) {
  double m[3][3];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) m[i][j] = (double)t[3 * i + j];
  double d[3], S[3][3];
  for (int i = 0; i < 3; i++) {
    d[i] = (m[i][0] + m[i][1] + m[i][2]) - (m[0][i] + m[1][i] + m[2][i]);
    for (int j = 0; j < 3; j++) S[i][j] = i == j ? 0.0 : -(m[i][j] + m[j][i]);
  }
  for (int i = 0; i < 3; i++) S[i][i] = -(S[i][0] + S[i][1] + S[i][2]);
  /* drop one category: the best-conditioned 2x2 block */
  double best = 0.0;
  int drop = -1;
  for (int k = 0; k < 3; k++) {
    int i = (k + 1) % 3, j = (k + 2) % 3;
    double det = S[i][i] * S[j][j] - S[i][j] * S[i][j];
    if (det > best) { best = det; drop = k; }
  }
  double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  if (dd == 0.0) { *stat = 0.0; *df = 2.0; return FGROI_OK; }
  if (drop >= 0) {
    int i = (drop + 1) % 3, j = (drop + 2) % 3;
    *stat = (S[j][j] * d[i] * d[i] - 2.0 * S[i][j] * d[i] * d[j] + S[i][i] * d[j] * d[j]) / best;
    *df = 2.0;
    return FGROI_OK;
  }
  /* rank one (changes only between two categories): the Moore-Penrose
   * inverse of S = s u u' gives McNemar's statistic with 1 df */
  double tr = S[0][0] + S[1][1] + S[2][2];
  if (tr <= 0.0) return FGROI_E_NOT_ESTIMABLE;
  double q = 0.0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) q += d[i] * S[i][j] * d[j];
  *stat = q / (tr * tr); /* S = s u u' with u'u = 2, tr = 2s: S^+ = S / tr^2 */
  *df = 1.0;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_paired_test(const int64_t table[9], fgroi_method method,
                                             fgroi_alternative alternative, fgroi_test *out) {
  return fgroi_nps_paired_test_ctl(table, method, alternative, NULL, out);
}

static fgroi_status fgroi_nps_paired_test_ctl_body(const int64_t table[9], fgroi_method method,
                                                   fgroi_alternative alternative,
                                                   const fgroi_control *control, fgroi_test *out) {
  fgroi__control_clear(control); /* empty on entry, whatever the outcome */
  FGROI__TRY(FGROI__CHECK_TEST(out));
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  double c[5];
  int64_t n;
  FGROI__TRY(table_changes(table, c, &n));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SIGN_FLIP;
  const double nd = (double)n;
  double mean, var, stat, df = NAN, p;
  change_moments(c, nd, &mean, &var);
  unsigned flags = 0;
  switch (method) {
    case FGROI_METHOD_SIGN_FLIP: {
      int64_t ch[5];
      FGROI__TRY(fgroi_nps_paired_changes(table, ch));
      const int64_t m1 = ch[1] + ch[3], m2 = ch[0] + ch[4]; /* <= n, no overflow */
      if (m1 > FGROI__EXACT_BINOM_MAX || m2 > FGROI__EXACT_BINOM_MAX)
        return fgroi__too_large(control, "a switcher group (changes of 1 or of 2)",
                                (double)(m1 > m2 ? m1 : m2), (double)FGROI__EXACT_BINOM_MAX,
                                "the exact sign-flip test", "method = score");
      if ((m1 < m2 ? m1 : m2) > NPS_SIGN_FLIP_SMALL_MAX)
        return fgroi__too_large(control, "the smaller switcher group",
                                (double)(m1 < m2 ? m1 : m2), (double)NPS_SIGN_FLIP_SMALL_MAX,
                                "the exact sign-flip test", "method = score");
      const int64_t s = (ch[3] - ch[1]) + 2 * (ch[4] - ch[0]);
      flags |= FGROI_FLAG_EXACT;
      if (alternative == FGROI_GREATER) {
        FGROI__TRY(sign_flip_upper(m1, m2, s, &ctl, &p));
      } else if (alternative == FGROI_LESS) {
        FGROI__TRY(sign_flip_upper(m1, m2, -s, &ctl, &p));
      } else if (s == 0) {
        p = 1.0;
      } else {
        FGROI__TRY(sign_flip_upper(m1, m2, s < 0 ? -s : s, &ctl, &p));
        p = fmin(1.0, 2.0 * p);
      }
      p = fgroi__clamp01(p);
      stat = (double)s;
      break;
    }
    case FGROI_METHOD_WALD:
      flags |= FGROI_FLAG_NORMAL_APPROX;
      if (var == 0.0) {
        flags |= FGROI_FLAG_DEGENERATE;
        stat = mean == 0.0 ? 0.0 : (mean > 0.0 ? INFINITY : -INFINITY);
      } else {
        stat = mean / sqrt(var / nd);
      }
      p = fgroi__p_normal(stat, alternative);
      break;
    case FGROI_METHOD_SCORE: {
      fgroi__mm_sample s;
      fgroi__mm_init(&s, 5, -2.0, c);
      FGROI__TRY(fgroi__mm_score_z(&s, 0.0, &stat));
      flags |= FGROI_FLAG_NORMAL_APPROX;
      if (fabs(stat) >= 1e8) {
        flags |= FGROI_FLAG_DEGENERATE;
        stat = stat > 0.0 ? INFINITY : -INFINITY;
      }
      p = fgroi__p_normal(stat, alternative);
      break;
    }
    case FGROI_METHOD_STUART_MAXWELL:
      if (alternative != FGROI_TWO_SIDED) return FGROI_E_ALTERNATIVE;
      FGROI__TRY(stuart_maxwell(table, &stat, &df));
      p = stat == 0.0 ? 1.0 : fgroi__pchisq(stat, df, 0);
      break;
    default:
      return FGROI_E_METHOD;
  }
  if (p < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  fgroi_test r = fgroi__test(stat, df, fgroi__clamp01(p), 0.0, method, alternative, flags);
  FGROI__TRY(fgroi__emit_test(out, &r));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_paired_test_ctl(const int64_t table[9], fgroi_method method,
                                                 fgroi_alternative alternative,
                                                 const fgroi_control *control, fgroi_test *out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_nps_paired_test_ctl_body(table, method, alternative,
                            control, out), "fgroi_nps_paired_test_ctl");
}
