/* libFuzzer harness: common.h (status, alternative and method names,
 * version). Every code has static text; names round-trip.
 * Run one reproducer: ./fuzz_status FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 6;
  int code = (int)fz_u32(&f);
  if (fz_u8(&f) < 200) code = (int)(fz_u8(&f) % 40) - 4;
  if (op == 0) {
    fz_log("fgroi_strerror / fgroi_status_name(%d)", code);
    const char *msg = fgroi_strerror((fgroi_status)code);
    FZ_ASSERT(msg != NULL && msg[0] != '\0', "strerror(%d) empty", code);
    const char *nm = fgroi_status_name((fgroi_status)code);
    FZ_ASSERT((nm != NULL) == (code >= 0 && code <= (int)FGROI_E_CANCELLED), "status_name(%d)", code);
    if (nm) FZ_ASSERT(strncmp(nm, "FGROI_", 6) == 0, "status name %s", nm);
    uint8_t d = fz_u8(&f);
    if (d >= 128) { /* fgroi_status_detail: public names with and without the prefix, others */
      static const char *const fns[] = {
        "fgroi_prop_ci", "prop_ci", "fgroi_exact2x2_odds_ratio_ci_ctl", "fgroi_nps_paired_test_ctl",
        "fgroi_match_doses", "fgroi_pool_effects_ex", "fgroi_multiplicity_adjust_alpha", "fgroi_strerror",
        "fgroi_version", "fgroi_", "", "fgroi_no_such_function", "FGROI_PROP_CI", "fgroi_prop_ci ",
        "fgroi__ctl_init", "means_wilcoxon_one_ctl", "fgroi_roi_monte_carlo_ctl", NULL };
      const char *fn = fns[d % FZ_NM(fns)];
      char *own = (d & 0x40) ? fz_string(&f) : NULL;
      if (own != NULL) fn = own;
      fz_log("fgroi_status_detail(\"%s\", %d)", fn ? fn : "(null)", code);
      const char *det = fgroi_status_detail(fn, (fgroi_status)code);
      if (fn == NULL || nm == NULL) FZ_ASSERT(det == NULL, "status_detail: text for NULL function / bad status");
      if (det != NULL) FZ_ASSERT(det[0] != '\0' && strlen(det) < 4096, "status_detail: empty or runaway text");
      free(own);
    }
  } else if (op == 1) {
    code = fz_enum(&f, 3);
    fz_log("fgroi_alternative_name(%d)", code);
    const char *nm = fgroi_alternative_name((fgroi_alternative)code);
    FZ_ASSERT((nm != NULL) == (code >= 0 && code <= 2), "alternative_name(%d)", code);
    if (nm) {
      fgroi_alternative back = (fgroi_alternative)99;
      FZ_ASSERT(fgroi_alternative_from_name(nm, &back) == FGROI_OK && (int)back == code, "alternative round trip");
    }
  } else if (op == 2 || op == 4) {
    char *name = fz_string(&f);
    fz_out o;
    fz_arr_prep(&f, &o, 1, op == 2 ? sizeof(fgroi_alternative) : sizeof(fgroi_method), 1);
    fz_log("fgroi_%s_from_name(\"%s\")", op == 2 ? "alternative" : "method", name ? name : "(null)");
    fgroi_status s = op == 2 ? fgroi_alternative_from_name(name, o.p) : fgroi_method_from_name(name, o.p);
    fz_check_status(s);
    fz_required(&o, s, "from_name");
    if (name == NULL) FZ_ASSERT(s != FGROI_OK, "NULL name accepted");
    if (s == FGROI_OK && op == 4) {
      const char *back = fgroi_method_name(*(fgroi_method *)o.p);
      FZ_ASSERT(back != NULL, "method_from_name gave a code without a name");
    }
    fz_after_plain(&o, s, "from_name");
    free(name);
  } else if (op == 3) {
    if (fz_u8(&f) < 200) code = fz_all_methods[fz_u8(&f) % FZ_NM(fz_all_methods)];
    fz_log("fgroi_method_name(%d)", code);
    const char *nm = fgroi_method_name((fgroi_method)code);
    if (nm) {
      fgroi_method back = (fgroi_method)-7;
      FZ_ASSERT(fgroi_method_from_name(nm, &back) == FGROI_OK && (int)back == code, "method round trip %d", code);
    }
  } else {
    fz_log("fgroi_version");
    const char *v = fgroi_version();
    int num = fgroi_version_number();
    char buf[32];
    snprintf(buf, sizeof buf, "%d.%d.%d", num / 10000, num / 100 % 100, num % 100);
    FZ_ASSERT(v != NULL && strcmp(v, buf) == 0, "version %s vs number %d", v ? v : "(null)", num);
  }
  return 0;
}
