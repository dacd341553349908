/* Coverage study of the one-NPS intervals (docs/methods/nps.md).
 *
 * For each sample size n and each true mix (p_det, p_pas, p_pro) on a grid,
 * the exact coverage of a method is the sum of the trinomial probabilities
 * of every possible sample (d, p, r) whose interval contains the true NPS;
 * the expected width is the probability-weighted width. Every sample of
 * size n is enumerated, so there is no simulation error except inside the
 * bootstrap intervals themselves (B = 1000 resamples, seed fixed).
 *
 * Grid: p_det and p_pro in 0.05, 0.10, ..., 0.90 with p_pas >= 0.05
 * (171 mixes). Reported per method and n: mean and worst coverage over the
 * grid, the share of mixes with coverage below 0.93, and the mean expected
 * width in NPS points.
 *
 * Further tables do the same for the paired change (every sample of
 * per-person changes enumerated) and for the difference of two independent
 * waves (every pair of samples enumerated), with the size of the tests.
 *
 * usage: nps_coverage [--quick] [--paired] [--no-waves] [--conf 0.95]
 * Uses only the public API. Deterministic output. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fgroi/fgroi.h>

enum { M_WALD, M_ADJ, M_SCORE, M_BPCT, M_BCA, NMETH };
static const fgroi_method methods[NMETH] = {
  FGROI_METHOD_WALD, FGROI_METHOD_ADJUSTED_WALD, FGROI_METHOD_SCORE,
  FGROI_METHOD_BOOTSTRAP_PERCENTILE, FGROI_METHOD_BOOTSTRAP_BCA };
#define BOOT_MAX_N 100

typedef struct { double lo, hi; } lim;

static int study(int n, double conf, int with_boot, double (*mixes)[2], int nmix, double *mean_cov,
                 double *min_cov, double *share_low, double *mean_width) {
  int nout = (n + 1) * (n + 2) / 2;
  lim *L = malloc((size_t)nout * NMETH * sizeof *L);
  int (*cnt)[3] = malloc((size_t)nout * sizeof *cnt);
  double *lcoef = malloc((size_t)nout * sizeof *lcoef);
  if (!L || !cnt || !lcoef) return 1;
  fgroi_nps_options opt = FGROI_INIT(fgroi_nps_options);
  opt.seed = 12345;
  opt.resamples = 1000;
  int o = 0;
  for (int d = 0; d <= n; d++) {
    for (int r = 0; d + r <= n; r++, o++) {
      int p = n - d - r;
      cnt[o][0] = d; cnt[o][1] = p; cnt[o][2] = r;
      lcoef[o] = lgamma(n + 1.0) - lgamma(d + 1.0) - lgamma(p + 1.0) - lgamma(r + 1.0);
      for (int m = 0; m < NMETH; m++) {
        if (m >= M_BPCT && !with_boot) continue;
        fgroi_interval ci = FGROI_INIT(fgroi_interval);
        fgroi_status st = fgroi_nps_ci(d, p, r, methods[m], conf, FGROI_TWO_SIDED, &opt, &ci);
        if (st != FGROI_OK) {
          fprintf(stderr, "n=%d (%d,%d,%d) %s: %s\n", n, d, p, r, fgroi_method_name(methods[m]),
                  fgroi_strerror(st));
          return 1;
        }
        L[(size_t)o * NMETH + (size_t)m] = (lim){ ci.lower, ci.upper };
      }
    }
  }
  for (int m = 0; m < NMETH; m++) {
    mean_cov[m] = 0.0; min_cov[m] = 1.0; share_low[m] = 0.0; mean_width[m] = 0.0;
  }
  for (int k = 0; k < nmix; k++) {
    double pd = mixes[k][0], pr = mixes[k][1], pp = 1.0 - pd - pr;
    double truth = 100.0 * (pr - pd), lpd = log(pd), lpp = log(pp), lpr = log(pr);
    double cov[NMETH] = {0}, wid[NMETH] = {0};
    for (int i = 0; i < nout; i++) {
      double w = exp(lcoef[i] + cnt[i][0] * lpd + cnt[i][1] * lpp + cnt[i][2] * lpr);
      for (int m = 0; m < NMETH; m++) {
        if (m >= M_BPCT && !with_boot) continue;
        lim l = L[(size_t)i * NMETH + (size_t)m];
        /* a limit within 1e-9 points of the truth counts as covering */
        if (l.lo <= truth + 1e-9 && truth <= l.hi + 1e-9) cov[m] += w;
        wid[m] += w * (l.hi - l.lo);
      }
    }
    for (int m = 0; m < NMETH; m++) {
      mean_cov[m] += cov[m] / nmix;
      if (cov[m] < min_cov[m]) min_cov[m] = cov[m];
      if (cov[m] < conf - 0.02) share_low[m] += 1.0 / nmix;
      mean_width[m] += wid[m] / nmix;
    }
  }
  free(L); free(cnt); free(lcoef);
  return 0;
}


/* ---- two independent waves ------------------------------------------------
 * Exact enumeration over every pair of samples (before, after) of equal
 * size n; 8 mixes give 64 ordered (before, after) pairs of true mixes. */
enum { W_WALD, W_NEWCOMBE, W_SCORE, W_BCA, NWM };
static const fgroi_method wmethods[NWM] = { FGROI_METHOD_WALD, FGROI_METHOD_NEWCOMBE,
                                            FGROI_METHOD_SCORE, FGROI_METHOD_BOOTSTRAP_BCA };
static const fgroi_method wtests[3] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE,
                                        FGROI_METHOD_PERMUTATION };
static const double wmix[8][2] = { { 0.1, 0.1 }, { 0.1, 0.5 }, { 0.1, 0.8 }, { 0.2, 0.6 },
                                   { 0.3, 0.3 }, { 0.4, 0.4 }, { 0.5, 0.2 }, { 0.7, 0.1 } };

static int waves_study(int n, double conf, int with_boot) {
  int nout = (n + 1) * (n + 2) / 2;
  size_t npair = (size_t)nout * (size_t)nout;
  lim *L = malloc(npair * NWM * sizeof *L);
  unsigned char *rej = malloc(npair * 3);
  int (*cnt)[3] = malloc((size_t)nout * sizeof *cnt);
  double *lcoef = malloc((size_t)nout * sizeof *lcoef);
  if (!L || !rej || !cnt || !lcoef) return 1;
  fgroi_nps_options opt = FGROI_INIT(fgroi_nps_options);
  opt.seed = 12345;
  opt.resamples = 1000;
  int o = 0;
  for (int d = 0; d <= n; d++)
    for (int r = 0; d + r <= n; r++, o++) {
      cnt[o][0] = d; cnt[o][1] = n - d - r; cnt[o][2] = r;
      lcoef[o] = lgamma(n + 1.0) - lgamma(d + 1.0) - lgamma(n - d - r + 1.0) - lgamma(r + 1.0);
    }
  for (int i = 0; i < nout; i++) {
    for (int j = 0; j < nout; j++) {
      size_t q = (size_t)i * (size_t)nout + (size_t)j;
      for (int m = 0; m < NWM; m++) {
        if (m == W_BCA && !with_boot) continue;
        fgroi_interval ci = FGROI_INIT(fgroi_interval);
        if (fgroi_nps_diff_ci(cnt[i][0], cnt[i][1], cnt[i][2], cnt[j][0], cnt[j][1], cnt[j][2],
                              wmethods[m], conf, FGROI_TWO_SIDED, &opt, &ci) != FGROI_OK) return 1;
        L[q * NWM + (size_t)m] = (lim){ ci.lower, ci.upper };
      }
      for (int t = 0; t < 3; t++) {
        fgroi_test tt = FGROI_INIT(fgroi_test);
        fgroi_status st = fgroi_nps_diff_test(cnt[i][0], cnt[i][1], cnt[i][2], cnt[j][0],
                                              cnt[j][1], cnt[j][2], wtests[t], FGROI_TWO_SIDED, &tt);
        if (st == FGROI_E_ZERO_VARIANCE) tt.p_value = 1.0;
        else if (st != FGROI_OK) return 1;
        rej[q * 3 + (size_t)t] = tt.p_value <= 1.0 - conf;
      }
    }
  }
  double mc[NWM] = {0}, mn[NWM], mw[NWM] = {0}, size_mean[3] = {0}, size_max[3] = {0};
  int nsize = 0;
  for (int m = 0; m < NWM; m++) mn[m] = 1.0;
  double *w1 = malloc((size_t)nout * sizeof *w1), *w2 = malloc((size_t)nout * sizeof *w2);
  if (!w1 || !w2) return 1;
  for (int a = 0; a < 8; a++) {
    for (int b = 0; b < 8; b++) {
      double truth = 100.0 * ((wmix[b][1] - wmix[b][0]) - (wmix[a][1] - wmix[a][0]));
      for (int i = 0; i < nout; i++) {
        w1[i] = exp(lcoef[i] + cnt[i][0] * log(wmix[a][0]) +
                    cnt[i][1] * log(1.0 - wmix[a][0] - wmix[a][1]) + cnt[i][2] * log(wmix[a][1]));
        w2[i] = exp(lcoef[i] + cnt[i][0] * log(wmix[b][0]) +
                    cnt[i][1] * log(1.0 - wmix[b][0] - wmix[b][1]) + cnt[i][2] * log(wmix[b][1]));
      }
      double cov[NWM] = {0}, wid[NWM] = {0}, rj[3] = {0};
      for (int i = 0; i < nout; i++)
        for (int j = 0; j < nout; j++) {
          size_t q = (size_t)i * (size_t)nout + (size_t)j;
          double w = w1[i] * w2[j];
          for (int m = 0; m < NWM; m++) {
            if (m == W_BCA && !with_boot) continue;
            lim l = L[q * NWM + (size_t)m];
            if (l.lo <= truth + 1e-9 && truth <= l.hi + 1e-9) cov[m] += w;
            wid[m] += w * (l.hi - l.lo);
          }
          for (int t = 0; t < 3; t++) rj[t] += w * rej[q * 3 + (size_t)t];
        }
      for (int m = 0; m < NWM; m++) {
        mc[m] += cov[m] / 64.0;
        if (cov[m] < mn[m]) mn[m] = cov[m];
        mw[m] += wid[m] / 64.0;
      }
      if (a == b) { /* same mix: H0 true, rejection rate is the test's size */
        nsize++;
        for (int t = 0; t < 3; t++) {
          size_mean[t] += rj[t];
          if (rj[t] > size_max[t]) size_max[t] = rj[t];
        }
      }
    }
  }
  for (int m = 0; m < NWM; m++) {
    if (m == W_BCA && !with_boot) continue;
    printf("| %d | %s | %.4f | %.4f | %.1f |\n", n, fgroi_method_name(wmethods[m]), mc[m], mn[m],
           mw[m]);
  }
  for (int t = 0; t < 3; t++)
    printf("| %d | test %s: size mean %.4f, max %.4f | | | |\n", n, fgroi_method_name(wtests[t]),
           size_mean[t] / nsize, size_max[t]);
  fflush(stdout);
  free(L); free(rej); free(cnt); free(lcoef); free(w1); free(w2);
  return 0;
}

/* ---- paired change ----------------------------------------------------------
 * The paired interval and tests depend on the 3x3 table only through the
 * per-person changes -2..2, so enumerating every 5-cell multinomial sample
 * of the changes is exact. True change distributions: share unchanged
 * q0 in {.2,.4,.6,.8}; of the changers a share f2 in {.1,.3} move two
 * categories; a share u in {.5,.7,.9} of the moves are upward (24 configs;
 * u = .5 means no change in NPS: the tests' size). */
static int paired_study(int n, double conf) {
  int nout = 0;
  for (int a = 0; a <= n; a++)
    for (int b = 0; a + b <= n; b++)
      for (int c = 0; a + b + c <= n; c++)
        for (int d = 0; a + b + c + d <= n; d++) nout++;
  int (*cnt)[5] = malloc((size_t)nout * sizeof *cnt);
  lim *L = malloc((size_t)nout * 2 * sizeof *L);
  unsigned char *rej = malloc((size_t)nout * 3);
  if (!cnt || !L || !rej) return 1;
  const fgroi_method pm[2] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE };
  const fgroi_method pt[3] = { FGROI_METHOD_SIGN_FLIP, FGROI_METHOD_WALD, FGROI_METHOD_SCORE };
  int o = 0;
  for (int a = 0; a <= n; a++)
    for (int b = 0; a + b <= n; b++)
      for (int c = 0; a + b + c <= n; c++)
        for (int d = 0; a + b + c + d <= n; d++, o++) {
          int e = n - a - b - c - d;
          int v[5] = { a, b, c, d, e };
          memcpy(cnt[o], v, sizeof v);
          /* a table with these changes: -2 det<-pro, -1 pas->det, 0 pas, +1 pas->pro, +2 det->pro */
          int64_t t[9] = { 0, 0, e, b, c, d, a, 0, 0 };
          for (int m = 0; m < 2; m++) {
            fgroi_interval ci = FGROI_INIT(fgroi_interval);
            if (fgroi_nps_paired_ci(t, pm[m], conf, FGROI_TWO_SIDED, &ci) != FGROI_OK) return 1;
            L[(size_t)o * 2 + (size_t)m] = (lim){ ci.lower, ci.upper };
          }
          for (int k = 0; k < 3; k++) {
            fgroi_test tt = FGROI_INIT(fgroi_test);
            if (fgroi_nps_paired_test(t, pt[k], FGROI_TWO_SIDED, &tt) != FGROI_OK) return 1;
            rej[(size_t)o * 3 + (size_t)k] = tt.p_value <= 1.0 - conf;
          }
        }
  double mc[2] = {0}, mn[2] = { 1, 1 }, mw[2] = {0}, sz[3] = {0}, szmax[3] = {0};
  int ncfg = 0, nnull = 0;
  const double q0s[4] = { 0.2, 0.4, 0.6, 0.8 }, f2s[2] = { 0.1, 0.3 }, us[3] = { 0.5, 0.7, 0.9 };
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 2; j++)
      for (int k = 0; k < 3; k++) {
        double mv = 1.0 - q0s[i], u = us[k];
        double q[5] = { mv * f2s[j] * (1 - u), mv * (1 - f2s[j]) * (1 - u), q0s[i],
                        mv * (1 - f2s[j]) * u, mv * f2s[j] * u };
        double truth = 0.0, lq[5];
        for (int h = 0; h < 5; h++) { truth += 100.0 * (h - 2) * q[h]; lq[h] = log(q[h]); }
        double cov[2] = {0}, wid[2] = {0}, rj[3] = {0};
        for (int x = 0; x < nout; x++) {
          double lw = lgamma(n + 1.0);
          for (int h = 0; h < 5; h++) lw += cnt[x][h] * lq[h] - lgamma(cnt[x][h] + 1.0);
          double w = exp(lw);
          for (int m = 0; m < 2; m++) {
            lim l = L[(size_t)x * 2 + (size_t)m];
            if (l.lo <= truth + 1e-9 && truth <= l.hi + 1e-9) cov[m] += w;
            wid[m] += w * (l.hi - l.lo);
          }
          for (int t = 0; t < 3; t++) rj[t] += w * rej[(size_t)x * 3 + (size_t)t];
        }
        ncfg++;
        for (int m = 0; m < 2; m++) {
          mc[m] += cov[m];
          if (cov[m] < mn[m]) mn[m] = cov[m];
          mw[m] += wid[m];
        }
        if (k == 0) {
          nnull++;
          for (int t = 0; t < 3; t++) { sz[t] += rj[t]; if (rj[t] > szmax[t]) szmax[t] = rj[t]; }
        }
      }
  for (int m = 0; m < 2; m++)
    printf("| %d | %s | %.4f | %.4f | %.1f |\n", n, fgroi_method_name(pm[m]), mc[m] / ncfg, mn[m],
           mw[m] / ncfg);
  for (int t = 0; t < 3; t++)
    printf("| %d | test %s: size mean %.4f, max %.4f | | | |\n", n, fgroi_method_name(pt[t]),
           sz[t] / nnull, szmax[t]);
  fflush(stdout);
  free(cnt); free(L); free(rej);
  return 0;
}

static void paired_demo(void) {
  /* 20 people surveyed twice (rows before: detractor, passive, promoter). */
  const int64_t t[9] = { 2, 3, 1, 1, 3, 4, 0, 1, 5 };
  int64_t b[3] = { t[0] + t[1] + t[2], t[3] + t[4] + t[5], t[6] + t[7] + t[8] };
  int64_t a[3] = { t[0] + t[3] + t[6], t[1] + t[4] + t[7], t[2] + t[5] + t[8] };
  printf("\n### Paired versus independent analysis of the same 20 people\n\n");
  printf("Before: %lld / %lld / %lld, after: %lld / %lld / %lld "
         "(detractors / passives / promoters).\n\n",
         (long long)b[0], (long long)b[1], (long long)b[2], (long long)a[0], (long long)a[1],
         (long long)a[2]);
  printf("| analysis | method | change | 95%% interval | width |\n|---|---|---|---|---|\n");
  const fgroi_method pm[2] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE };
  for (int i = 0; i < 2; i++) {
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    if (fgroi_nps_paired_ci(t, pm[i], 0.95, FGROI_TWO_SIDED, &ci) != FGROI_OK) return;
    printf("| paired (correct) | %s | %.1f | %.1f to %.1f | %.1f |\n", fgroi_method_name(pm[i]),
           ci.estimate, ci.lower, ci.upper, ci.upper - ci.lower);
  }
  const fgroi_method im[3] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE, FGROI_METHOD_NEWCOMBE };
  for (int i = 0; i < 3; i++) {
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    if (fgroi_nps_diff_ci(b[0], b[1], b[2], a[0], a[1], a[2], im[i], 0.95, FGROI_TWO_SIDED, NULL,
                          &ci) != FGROI_OK) return;
    printf("| as independent waves (wrong) | %s | %.1f | %.1f to %.1f | %.1f |\n",
           fgroi_method_name(im[i]), ci.estimate, ci.lower, ci.upper, ci.upper - ci.lower);
  }
  fgroi_test tt = FGROI_INIT(fgroi_test);
  const fgroi_method tm[4] = { FGROI_METHOD_SIGN_FLIP, FGROI_METHOD_WALD, FGROI_METHOD_SCORE,
                               FGROI_METHOD_STUART_MAXWELL };
  printf("\n| paired test | statistic | p |\n|---|---|---|\n");
  for (int i = 0; i < 4; i++) {
    if (fgroi_nps_paired_test(t, tm[i], FGROI_TWO_SIDED, &tt) != FGROI_OK) return;
    printf("| %s | %.4g | %.4g |\n", fgroi_method_name(tm[i]), tt.statistic, tt.p_value);
  }
  const fgroi_method dm[3] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE, FGROI_METHOD_PERMUTATION };
  for (int i = 0; i < 3; i++) {
    if (fgroi_nps_diff_test(b[0], b[1], b[2], a[0], a[1], a[2], dm[i], FGROI_TWO_SIDED, &tt) !=
        FGROI_OK) return;
    printf("| independent-waves %s (wrong) | %.4g | %.4g |\n", fgroi_method_name(dm[i]),
           tt.statistic, tt.p_value);
  }
}

int main(int argc, char **argv) {
  int quick = 0, paired = 0, waves = 1;
  double conf = 0.95;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--quick")) quick = 1;
    else if (!strcmp(argv[i], "--paired")) paired = 1;
    else if (!strcmp(argv[i], "--no-waves")) waves = 0;
    else if (!strcmp(argv[i], "--conf") && i + 1 < argc) conf = atof(argv[++i]);
  }
  if (paired) { paired_demo(); return 0; }
  double mixes[400][2];
  int nmix = 0;
  for (int i = 1; i <= 18; i++)
    for (int j = 1; j <= 18; j++)
      if (i + j <= 19) { mixes[nmix][0] = 0.05 * i; mixes[nmix][1] = 0.05 * j; nmix++; }
  const int full_ns[] = { 5, 8, 12, 20, 30, 50, 100, 200, 500 };
  const int quick_ns[] = { 5, 8, 12, 20, 30, 50 };
  const int *ns = quick ? quick_ns : full_ns;
  int nn = quick ? 6 : 9;
  printf("Exact coverage of nominal %.0f%% two-sided intervals for one NPS; %d true mixes "
         "(p_det, p_pro in 0.05..0.90, p_pas >= 0.05); bootstrap B = 1000, n <= %d.\n\n",
         100 * conf, nmix, BOOT_MAX_N);
  printf("| n | method | mean coverage | worst coverage | mixes below %.2f | mean width (points) |\n",
         conf - 0.02);
  printf("|---:|---|---:|---:|---:|---:|\n");
  for (int k = 0; k < nn; k++) {
    double mc[NMETH], mn[NMETH], sl[NMETH], mw[NMETH];
    int boot = ns[k] <= BOOT_MAX_N;
    if (study(ns[k], conf, boot, mixes, nmix, mc, mn, sl, mw)) return 1;
    for (int m = 0; m < NMETH; m++) {
      if (m >= M_BPCT && !boot) continue;
      printf("| %d | %s | %.4f | %.4f | %.0f%% | %.1f |\n", ns[k], fgroi_method_name(methods[m]),
             mc[m], mn[m], 100.0 * sl[m], mw[m]);
    }
    fflush(stdout);
  }
  printf("\nPaired change (the same n people twice): exact coverage over 24 true change "
         "distributions (see the source), test size over the 8 with no NPS change.\n\n");
  printf("| n | method | mean coverage | worst coverage | mean width (points) |\n");
  printf("|---:|---|---:|---:|---:|\n");
  const int pn_full[] = { 8, 12, 20, 30, 50 }, pn_quick[] = { 8, 12 };
  const int *pn = quick ? pn_quick : pn_full;
  for (int k = 0; k < (quick ? 2 : 5); k++)
    if (paired_study(pn[k], conf)) return 1;
  if (!waves) return 0;
  printf("\nTwo independent waves of n each, after minus before: exact coverage over 64 "
         "(before, after) pairs of the mixes (p_det, p_pro) = (.1,.1) (.1,.5) (.1,.8) (.2,.6) "
         "(.3,.3) (.4,.4) (.5,.2) (.7,.1); bootstrap BCa (B = 1000) for n <= 12. Test size: "
         "rejection rate at %.2f when both waves share a mix (8 pairs).\n\n", 1.0 - conf);
  printf("| n per wave | method | mean coverage | worst coverage | mean width (points) |\n");
  printf("|---:|---|---:|---:|---:|\n");
  const int wn_full[] = { 8, 12, 20, 30 }, wn_quick[] = { 8, 12 };
  const int *wn = quick ? wn_quick : wn_full;
  for (int k = 0; k < (quick ? 2 : 4); k++)
    if (waves_study(wn[k], conf, wn[k] <= 12)) return 1;
  return 0;
}
