/* Tests for lib/status.c and lib/method.c: messages, names, version. */
#include <stdio.h>
#include <string.h>

#include "fgroi_test.h"

Test(status, every_code_has_a_distinct_message_and_name) {
  for (int s = 0; s <= FGROI_E_CANCELLED; s++) {
    const char *name = fgroi_status_name((fgroi_status)s);
    cr_assert_not_null(name, "status %d has no name", s);
    cr_assert(strncmp(name, "FGROI_", 6) == 0);
    for (int t = 0; t < s; t++)
      cr_assert_str_neq(fgroi_strerror((fgroi_status)s), fgroi_strerror((fgroi_status)t));
  }
  cr_assert_str_eq(fgroi_strerror(FGROI_E_CONF_LEVEL), "confidence level must be strictly between 0 and 1");
  cr_assert_not_null(fgroi_strerror((fgroi_status)9999));
  cr_assert_null(fgroi_status_name((fgroi_status)9999));
}

/* docs/errors.md lists every status with its value, in a table row
 * "| `FGROI_E_NAME` | value | ... |". */
Test(status, errors_doc_agrees_with_enum) {
  char path[4096];
  snprintf(path, sizeof path, "%s/docs/errors.md", FGROI_SOURCE_ROOT);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  static char doc[65536];
  size_t len = fread(doc, 1, sizeof doc - 1, f);
  doc[len] = '\0';
  fclose(f);
  for (int s = 0; s <= FGROI_E_CANCELLED; s++) {
    char row[128];
    snprintf(row, sizeof row, "| `%s` | %d |", fgroi_status_name((fgroi_status)s), s);
    cr_assert_not_null(strstr(doc, row), "docs/errors.md lacks the row \"%s\"", row);
  }
}

Test(method, names_round_trip_and_are_unique) {
  int seen = 0;
  for (int m = 0; m < 1000; m++) {
    const char *name = fgroi_method_name((fgroi_method)m);
    if (name == NULL) continue;
    seen++;
    fgroi_method back;
    assert_ok(fgroi_method_from_name(name, &back));
    cr_assert_eq((int)back, m, "%s maps back to %d", name, (int)back);
    for (const char *c = name; *c; c++) cr_assert((*c >= 'a' && *c <= 'z') || *c == '_' || (*c >= '0' && *c <= '9'));
  }
  cr_assert(seen >= 60);
  fgroi_method m;
  assert_ok(fgroi_method_from_name("clopper_pearson", &m));
  cr_assert_eq(m, FGROI_METHOD_CLOPPER_PEARSON);
  assert_status(fgroi_method_from_name("Wilson", &m), FGROI_E_UNKNOWN_NAME);
  assert_status(fgroi_method_from_name(NULL, &m), FGROI_E_NULL);
  fgroi_alternative a;
  assert_ok(fgroi_alternative_from_name("two.sided", &a));
  cr_assert_eq(a, FGROI_TWO_SIDED);
  cr_assert_str_eq(fgroi_alternative_name(FGROI_GREATER), "greater");
}

Test(version, runtime_agrees_with_headers) {
  cr_assert_str_eq(fgroi_version(), FGROI_VERSION_STRING);
  cr_assert_eq(fgroi_version_number(), FGROI_VERSION_NUMBER);
  char buf[64];
  snprintf(buf, sizeof buf, "%d.%d.%d", FGROI_VERSION_MAJOR, FGROI_VERSION_MINOR, FGROI_VERSION_PATCH);
  cr_assert_str_eq(fgroi_version(), buf);
  cr_assert(FGROI_VERSION_CHECK(0, 1, 0));
  cr_assert(!FGROI_VERSION_CHECK(99, 0, 0));
}

/* ---- the host process: GSL's handler is the host's, threads are safe ---- */
#include <gsl/gsl_errno.h>
#include <pthread.h>

static void host_handler(const char *reason, const char *file, int line, int gsl_errno) {
  cr_assert_fail("libfgroi reached the host's GSL handler: %s (%s:%d, %d)", reason, file, line, gsl_errno);
}

Test(host, gsl_handler_is_never_changed_or_reached) {
  gsl_error_handler_t *before = gsl_set_error_handler(host_handler);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  /* fragile corners: tiny tails, huge counts, boundary counts */
  assert_ok(fgroi_prop_ci(1, 2000000000, FGROI_METHOD_JEFFREYS, 1.0 - 1e-12, FGROI_TWO_SIDED, &ci));
  assert_ok(fgroi_prop_ci(0, 1, FGROI_METHOD_CLOPPER_PEARSON, 1.0 - 1e-15, FGROI_TWO_SIDED, &ci));
  assert_ok(fgroi_prop_ci(5, 5, FGROI_METHOD_MID_P, 1e-9, FGROI_GREATER, &ci));
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_prop_test(3, 3000000000LL, 1e-300, FGROI_METHOD_EXACT, FGROI_TWO_SIDED, &t));
  gsl_error_handler_t *after = gsl_set_error_handler(before);
  cr_assert(after == host_handler, "libfgroi changed the process-wide GSL handler");
}

typedef struct { int64_t x, n; fgroi_interval out; fgroi_status s; } job;

static void *run_job(void *arg) {
  job *j = arg;
  for (int rep = 0; rep < 200; rep++)
    j->s = fgroi_prop_ci(j->x, j->n, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED, &j->out);
  return NULL;
}

Test(host, reentrant_across_threads) {
  enum { T = 8 };
  job jobs[T];
  pthread_t th[T];
  for (int i = 0; i < T; i++) {
    jobs[i] = (job){ .x = 3 + i, .n = 20 + 7 * i, .out = FGROI_INIT(fgroi_interval) };
    cr_assert_eq(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
  }
  for (int i = 0; i < T; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < T; i++) {
    fgroi_interval serial = FGROI_INIT(fgroi_interval);
    assert_ok(jobs[i].s);
    assert_ok(fgroi_prop_ci(jobs[i].x, jobs[i].n, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED, &serial));
    cr_assert_eq(jobs[i].out.lower, serial.lower);
    cr_assert_eq(jobs[i].out.upper, serial.upper);
  }
}

/* ---- peer names (0.2, issue 17) -------------------------------------------- */

/* Every alias fgroi_method_from_name accepts, with the one method it means.
 * Sources: statsmodels 0.13.5 (proportion_confint, confint_proportions_2indep,
 * multipletests long and short names, combine_effects method_re), R 4.2's
 * p.adjust.methods, metafor's rma(method =, test =), DescTools' BinomCI /
 * BinomDiffCI / BinomRatioCI / OddsRatio method names. */
static const struct { const char *alias; fgroi_method code; } peer_alias[] = {
  { "beta", FGROI_METHOD_CLOPPER_PEARSON }, { "binom_test", FGROI_METHOD_EXACT },
  { "agresti-caffo", FGROI_METHOD_AGRESTI_CAFFO }, { "newcomb", FGROI_METHOD_NEWCOMBE },
  { "log", FGROI_METHOD_KATZ }, { "log-adjusted", FGROI_METHOD_ADJUSTED_LOG },
  { "logit", FGROI_METHOD_WOOLF_UNCORRECTED }, { "logit-adjusted", FGROI_METHOD_WOOLF_HALDANE },
  { "b", FGROI_METHOD_BONFERRONI }, { "h", FGROI_METHOD_HOLM },
  { "simes-hochberg", FGROI_METHOD_HOCHBERG }, { "sh", FGROI_METHOD_HOCHBERG },
  { "ho", FGROI_METHOD_HOMMEL }, { "fdr_bh", FGROI_METHOD_BH }, { "fdr_i", FGROI_METHOD_BH },
  { "fdr_by", FGROI_METHOD_BY }, { "fdr_n", FGROI_METHOD_BY },
  { "bonf", FGROI_METHOD_BONFERRONI }, { "fdr_p", FGROI_METHOD_BH }, { "fdri", FGROI_METHOD_BH },
  { "fdrp", FGROI_METHOD_BH }, { "fdr_c", FGROI_METHOD_BY }, { "fdrn", FGROI_METHOD_BY },
  { "fdrcorr", FGROI_METHOD_BY }, { "s", FGROI_METHOD_SIDAK }, { "hs", FGROI_METHOD_HOLM_SIDAK },
  { "holm-sidak", FGROI_METHOD_HOLM_SIDAK },
  { "fdr_tsbh", FGROI_METHOD_BH_TWO_STAGE }, { "fdr_2sbh", FGROI_METHOD_BH_TWO_STAGE },
  { "fdr_tsbky", FGROI_METHOD_BKY }, { "fdr_2sbky", FGROI_METHOD_BKY },
  { "fdr_twostage", FGROI_METHOD_BKY }, { "fdr_gbs", FGROI_METHOD_GBS },
  { "BH", FGROI_METHOD_BH }, { "fdr", FGROI_METHOD_BH }, { "BY", FGROI_METHOD_BY },
  { "dl", FGROI_METHOD_DERSIMONIAN_LAIRD }, { "chi2", FGROI_METHOD_DERSIMONIAN_LAIRD },
  { "pm", FGROI_METHOD_PAULE_MANDEL }, { "iterated", FGROI_METHOD_PAULE_MANDEL },
  { "FE", FGROI_METHOD_FIXED_EFFECT }, { "EE", FGROI_METHOD_FIXED_EFFECT },
  { "CE", FGROI_METHOD_FIXED_EFFECT }, { "DL", FGROI_METHOD_DERSIMONIAN_LAIRD },
  { "REML", FGROI_METHOD_REML }, { "PM", FGROI_METHOD_PAULE_MANDEL }, { "ML", FGROI_METHOD_ML },
  { "MP", FGROI_METHOD_PAULE_MANDEL }, { "EB", FGROI_METHOD_PAULE_MANDEL },
  { "HS", FGROI_METHOD_HUNTER_SCHMIDT }, { "HSk", FGROI_METHOD_HUNTER_SCHMIDT_K },
  { "HE", FGROI_METHOD_HEDGES }, { "SJ", FGROI_METHOD_SIDIK_JONKMAN },
  { "knha", FGROI_METHOD_HKSJ },
  /* metafor's DLIT, SJIT, PMM and test = "adhoc" (1.0; SJIT's fixed point is PM) */
  { "DLIT", FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED }, { "dlit", FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED },
  { "SJIT", FGROI_METHOD_PAULE_MANDEL }, { "sjit", FGROI_METHOD_PAULE_MANDEL },
  { "PMM", FGROI_METHOD_PAULE_MANDEL_MEDIAN }, { "pmm", FGROI_METHOD_PAULE_MANDEL_MEDIAN },
  { "adhoc", FGROI_METHOD_HKSJ_ADHOC },
  { "GENQ", FGROI_METHOD_GENERALISED_Q }, { "genq", FGROI_METHOD_GENERALISED_Q },
  { "GENQM", FGROI_METHOD_GENERALISED_Q_MEDIAN }, { "genqm", FGROI_METHOD_GENERALISED_Q_MEDIAN },
  { "wilsoncc", FGROI_METHOD_WILSON_CC }, { "agresti-coull", FGROI_METHOD_AGRESTI_COULL },
  { "clopper-pearson", FGROI_METHOD_CLOPPER_PEARSON }, { "midp", FGROI_METHOD_MID_P },
  { "waldcc", FGROI_METHOD_WALD_CC }, { "scorecc", FGROI_METHOD_NEWCOMBE_CC },
  { "mn", FGROI_METHOD_MIETTINEN_NURMINEN }, { "katz.log", FGROI_METHOD_KATZ },
  { "mle", FGROI_METHOD_CONDITIONAL },
  /* as the Python binding normalises them (lower case, "-" -> "_") */
  { "log_adjusted", FGROI_METHOD_ADJUSTED_LOG }, { "logit_adjusted", FGROI_METHOD_WOOLF_HALDANE },
  { "logit-smoothed", FGROI_METHOD_WOOLF_SMOOTHED }, { "logit_smoothed", FGROI_METHOD_WOOLF_SMOOTHED },
  { "simes_hochberg", FGROI_METHOD_HOCHBERG }, { "fe", FGROI_METHOD_FIXED_EFFECT },
  { "ee", FGROI_METHOD_FIXED_EFFECT }, { "ce", FGROI_METHOD_FIXED_EFFECT },
};

Test(method_v02, peer_aliases_map_to_exactly_one_method) {
  for (size_t i = 0; i < sizeof peer_alias / sizeof peer_alias[0]; i++) {
    fgroi_method m;
    assert_ok(fgroi_method_from_name(peer_alias[i].alias, &m));
    cr_assert_eq(m, peer_alias[i].code, "%s -> %d, want %d", peer_alias[i].alias, (int)m,
                 (int)peer_alias[i].code);
    /* an alias is never a canonical name, and names are never aliases */
    for (int c = 0; c < 1000; c++) {
      const char *name = fgroi_method_name((fgroi_method)c);
      if (name) cr_assert_str_neq(name, peer_alias[i].alias);
    }
    for (size_t j = 0; j < i; j++) cr_assert_str_neq(peer_alias[j].alias, peer_alias[i].alias);
  }
  /* the peers' own canonical spellings that libfgroi already uses */
  const char *same[] = { "wald", "wilson", "jeffreys", "agresti_coull", "holm", "hochberg",
                         "hommel", "bonferroni", "none", "mee", "koopman" };
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    fgroi_method m;
    assert_ok(fgroi_method_from_name(same[i], &m));
  }
  /* peer names libfgroi does not provide, or that mean different methods in
   * different peers, are refused rather than guessed */
  const char *refused[] = { "t", "z", "ac", "asymptotic", "approx", 
                            "Wilson", "blaker" };
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    fgroi_method m;
    assert_status(fgroi_method_from_name(refused[i], &m), FGROI_E_UNKNOWN_NAME);
  }
  fgroi_alternative a;
  assert_ok(fgroi_alternative_from_name("two-sided", &a));
  cr_assert_eq(a, FGROI_TWO_SIDED);
  assert_ok(fgroi_alternative_from_name("larger", &a));
  cr_assert_eq(a, FGROI_GREATER);
  assert_ok(fgroi_alternative_from_name("smaller", &a));
  cr_assert_eq(a, FGROI_LESS);
  assert_status(fgroi_alternative_from_name("Two-sided", &a), FGROI_E_UNKNOWN_NAME);
}

/* Each R p.adjust.methods name and each statsmodels multipletests name that
 * libfgroi provides, looked up by its peer spelling, reproduces the peer:
 *   p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5); p.adjust(p, m)   (R 4.2.2)
 *   multipletests(p, method = m)[1]                                   (statsmodels 0.13.5) */
Test(method_v02, p_adjust_names_reproduce_r_and_statsmodels) {
  static const double p[7] = { 0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5 };
  static const struct { const char *name; double adj[7]; } ref[] = {
    { "holm", { 0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.5 } },
    { "hochberg", { 0.06, 0.12, 0.12, 0.035, 0.4, 0.12, 0.5 } },
    { "hommel", { 0.06, 0.12, 0.09, 0.035, 0.4, 0.12, 0.5 } },
    { "bonferroni", { 0.07, 0.28, 0.21, 0.035, 1, 0.28, 1 } },
    { "BH", { 0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.5 } },
    { "BY", { 0.09075, 0.1452, 0.1452, 0.09075, 0.605, 0.1452, 1 } },
    { "fdr", { 0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.5 } },
    { "none", { 0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5 } },
    /* statsmodels long and short names */
    { "b", { 0.07, 0.28, 0.21, 0.035, 1, 0.28, 1 } },
    { "h", { 0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.5 } },
    { "simes-hochberg", { 0.06, 0.12, 0.12, 0.035, 0.4, 0.12, 0.5 } },
    { "sh", { 0.06, 0.12, 0.12, 0.035, 0.4, 0.12, 0.5 } },
    { "ho", { 0.06, 0.12, 0.09, 0.035, 0.4, 0.12, 0.5 } },
    { "fdr_bh", { 0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.5 } },
    { "fdr_i", { 0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.5 } },
    { "fdr_by", { 0.09075, 0.14519999999999997, 0.14519999999999997, 0.09075, 0.605, 0.14519999999999997, 1 } },
    { "fdr_n", { 0.09075, 0.1452, 0.1452, 0.09075, 0.605, 0.1452, 1 } },
    /* the rest of statsmodels' alias list, and Sidak / Holm-Sidak (0.2) */
    { "bonf", { 0.07, 0.28, 0.21, 0.035, 1, 0.28, 1 } },
    { "fdr_p", { 0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.5 } },
    { "fdrcorr", { 0.09075, 0.1452, 0.1452, 0.09075, 0.605, 0.1452, 1 } },
    { "s", { 0.06793465209301, 0.24855252189184, 0.19201715521887, 0.0344793531905157, 0.7902848,
             0.24855252189184, 0.9921875 } },
    { "hs", { 0.058519850599, 0.15065344, 0.14126597429999999, 0.0344793531905157, 0.36, 0.15065344,
              0.5 } },
  };
  for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
    fgroi_method m;
    double adj[7];
    assert_ok(fgroi_method_from_name(ref[i].name, &m));
    assert_ok(fgroi_multiplicity_adjust(p, 7, m, adj));
    for (size_t j = 0; j < 7; j++) assert_rel(adj[j], ref[i].adj[j], 1e-12);
  }
}

/* docs/methods.md's peer table names every alias in a row "| `alias` |". */
Test(method_v02, peer_table_lists_every_alias) {
  char path[4096];
  snprintf(path, sizeof path, "%s/docs/methods.md", FGROI_SOURCE_ROOT);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  static char doc[131072];
  size_t len = fread(doc, 1, sizeof doc - 1, f);
  doc[len] = '\0';
  fclose(f);
  for (size_t i = 0; i < sizeof peer_alias / sizeof peer_alias[0]; i++) {
    char cell[96];
    snprintf(cell, sizeof cell, "`%s`", peer_alias[i].alias);
    cr_assert_not_null(strstr(doc, cell), "docs/methods.md lacks %s", cell);
  }
}

/* Errors name the argument (issue 15): every (function, status) pair the
 * headers document has a detail "argument[, argument...]: domain", found by
 * fgroi_status_detail with or without the fgroi_ prefix. The table is the
 * one docs/gen_api.py generates; this walks all of it. */
typedef struct { const char *function; fgroi_status status; const char *detail; } status_detail_row;
#include "../lib/status_detail.h"

Test(status, detail_for_every_status_of_every_function) {
  size_t rows = sizeof status_detail_table / sizeof status_detail_table[0];
  cr_assert_gt(rows, 800);
  size_t functions = 0;
  for (size_t i = 0; i < rows; i++) {
    const status_detail_row *r = &status_detail_table[i];
    if (i == 0 || strcmp(r->function, status_detail_table[i - 1].function) != 0) functions++;
    cr_assert_not_null(fgroi_status_name(r->status), "%s: status %d unknown", r->function, (int)r->status);
    const char *d = fgroi_status_detail(r->function, r->status);
    cr_assert_not_null(d, "%s %s has no detail", r->function, fgroi_status_name(r->status));
    cr_assert_str_eq(d, r->detail);
    cr_assert_eq(fgroi_status_detail(r->function + 6, r->status), d);
    int no_argument = r->status == FGROI_E_NO_MEMORY || r->status == FGROI_E_INTERNAL ||
                      r->status == FGROI_E_CANCELLED;
    const char *colon = strstr(d, ": ");
    if (!no_argument) {
      cr_assert_not_null(colon, "%s %s: \"%s\" names no argument", r->function,
                         fgroi_status_name(r->status), d);
      cr_assert_gt(strlen(colon + 2), 3, "%s %s: no domain", r->function, fgroi_status_name(r->status));
    }
  }
  cr_assert_geq(functions, 100);
}

Test(status, detail_of_real_errors) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_status s = fgroi_prop_ci(7, 12, FGROI_METHOD_WILSON, 1.5, FGROI_TWO_SIDED, &ci);
  cr_assert_eq(s, FGROI_E_CONF_LEVEL);
  cr_assert_str_eq(fgroi_status_detail("fgroi_prop_ci", s), "conf_level: must be in (0, 1)");
  s = fgroi_prop_ci(13, 12, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci);
  cr_assert_eq(s, FGROI_E_COUNT_EXCEEDS_TOTAL);
  cr_assert_str_eq(fgroi_status_detail("prop_ci", s), "x: must be <= n");
  s = fgroi_prop_ci(7, 12, FGROI_METHOD_WILSON, 0.95, (fgroi_alternative)7, &ci);
  cr_assert_str_eq(fgroi_status_detail("prop_ci", s), "alternative: must be two_sided, less or greater");
  s = fgroi_prop_diff_ci(1, 2, 3, 2, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci);
  cr_assert_str_eq(fgroi_status_detail("prop_diff_ci", s), "x1, x2: must be <= n1, n2 respectively");
  cr_assert_null(fgroi_status_detail(NULL, FGROI_E_NULL));
  cr_assert_null(fgroi_status_detail("fgroi_no_such_function", FGROI_E_NULL));
  cr_assert_null(fgroi_status_detail("fgroi_prop_ci", FGROI_E_DUPLICATE));
  cr_assert_null(fgroi_status_detail("fgroi_prop_ci", FGROI_OK));
}

/* Every FGROI_E_METHOD detail names exactly the methods its function
 * accepts: each method-taking function (and the pool options' two method
 * fields) is called with every method code on inputs that all of its
 * methods accept, and a code is refused (FGROI_E_METHOD) if and only if the
 * detail's list for that argument leaves it out. The lists come from the
 * headers' @param lines (docs/gen_api.py), so this checks the headers
 * against the code. */
#include "method_domain_calls.h"

/* The list of `arg` in a detail "args: domain": the domain itself ("must be
 * one of a, b, or default (a)") or, with several arguments, the part
 * "arg must be one of ...". Copied into buf without the "must be one of ". */
static int method_list(const char *detail, const char *arg, char *buf, size_t cap) {
  const char *colon = strstr(detail, ": ");
  if (!colon) return 0;
  const char *d = colon + 2;
  char key[64];
  snprintf(key, sizeof key, "%s must be one of ", arg);
  const char *own = strstr(d, key);
  if (own) d = own + strlen(key);
  else if (strncmp(d, "must be one of ", 15) == 0) d += 15;
  else return 0;
  size_t len = strcspn(d, ";");
  if (len >= cap) return 0;
  memcpy(buf, d, len);
  buf[len] = '\0';
  return 1;
}

static int names_method(const char *list, const char *name) {
  if (strcmp(name, "default") == 0) return strstr(list, ", or default") != NULL;
  size_t n = strlen(name);
  for (const char *p = list; (p = strstr(p, name)) != NULL; p += n) {
    int starts = p == list || p[-1] == ' ';
    int ends = p[n] == ',' || p[n] == ' ' || p[n] == '\0';
    if (starts && ends) return 1;
  }
  return 0;
}

Test(status, method_detail_names_exactly_the_accepted_methods) {
  size_t rows = sizeof method_calls / sizeof method_calls[0];
  cr_assert_geq(rows, 63);
  size_t checked = 0;
  for (size_t i = 0; i < rows; i++) {
    const method_call *c = &method_calls[i];
    const char *d = fgroi_status_detail(c->function, FGROI_E_METHOD);
    cr_assert_not_null(d, "%s has no FGROI_E_METHOD detail", c->function);
    char list[1024];
    cr_assert(method_list(d, c->param, list, sizeof list), "%s: no method list for %s in \"%s\"",
              c->function, c->param, d);
    size_t accepted = 0;
    for (int v = 0; v <= 1000; v++) {
      const char *name = fgroi_method_name((fgroi_method)v);
      if (!name) continue;
      int accepts = c->call((fgroi_method)v) != FGROI_E_METHOD;
      cr_assert_eq(accepts, names_method(list, name), "%s %s = %s: %s, but the detail says \"%s\"",
                   c->function, c->param, name, accepts ? "accepted" : "refused", list);
      accepted += (size_t)accepts;
      checked++;
    }
    cr_assert_geq(accepted, 2, "%s %s accepts %zu codes", c->function, c->param, accepted);
    cr_assert_eq(c->call((fgroi_method)999), FGROI_E_METHOD, "%s: 999 not refused", c->function);
  }
  cr_assert_geq(checked, 63 * 98);

  /* and every method argument of the detail table has its row above */
  size_t n = sizeof status_detail_table / sizeof status_detail_table[0];
  for (size_t i = 0; i < n; i++) {
    const status_detail_row *r = &status_detail_table[i];
    if (r->status != FGROI_E_METHOD || strstr(r->detail, "one of FGROI_")) continue;
    size_t end = strcspn(r->detail, ":");
    for (size_t a = 0; a < end;) {
      size_t len = strcspn(r->detail + a, ",:");
      int found = 0;
      for (size_t j = 0; j < rows && !found; j++)
        found = strcmp(method_calls[j].function, r->function) == 0 &&
                strlen(method_calls[j].param) == len && strncmp(method_calls[j].param, r->detail + a, len) == 0;
      cr_assert(found, "%s: method argument %.*s has no call in method_domain_calls.h", r->function,
                (int)len, r->detail + a);
      a += len + 2; /* ", " */
    }
  }
}
