/** @file roi.h
 * What a measured lift is worth: return on investment and net value of a
 * change, with uncertainty, from an effect estimate and its interval (any
 * comparison in the library), the volume it applies to, the value of one
 * unit of effect per unit of volume, and the cost.
 *
 *   net value = effect * volume * value_per_unit - cost
 *   ROI       = net value / cost
 *
 * The effect must be on an additive scale (a difference: risk difference,
 * NPS change, mean difference); convert ratios to differences first.
 * Formulas, defaults and citations: docs/methods/roi.md.
 */
#ifndef FGROI_ROI_H
#define FGROI_ROI_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Facts about an ROI computation besides the two intervals. */
typedef struct fgroi_roi_summary {
  size_t struct_size;       /**< set by FGROI_INIT */
  double break_even_effect; /**< effect at which net value is 0: cost / (volume * value_per_unit)
                                 (at the inputs' central values for Monte Carlo) */
  double prob_positive;     /**< P(ROI > 0) */
  double effect_se;         /**< standard error of the effect implied by its interval
                                 (closed form) or the SD of the effect draws (Monte Carlo) */
  double mean_roi;          /**< closed form: ROI at the estimate; Monte Carlo: mean of draws */
  double mean_net_value;    /**< likewise for the net value */
  int64_t resamples;        /**< Monte Carlo draws used; 0 for the closed form */
} fgroi_roi_summary;

/** ROI and net value from an effect interval, with fixed volume, value and
 *  cost (normal approximation for the probability).
 *
 *  The mapping effect -> ROI is monotone, so the ROI and net-value limits
 *  are the mapped effect limits (swapped when volume * value_per_unit < 0),
 *  at the effect interval's own confidence level and sides.
 *  P(ROI > 0) = P(effect beyond the break-even effect) with effect ~
 *  Normal(estimate, se), se implied by the interval: (upper - lower) /
 *  (2 z_{1-(1-conf)/2}) for a two-sided interval, |finite limit -
 *  estimate| / z_{conf} for a one-sided one. For an asymmetric interval
 *  (Wilson, exact) this is an approximation: use fgroi_roi_monte_carlo with
 *  your own effect distribution if that matters.
 *
 *  @param effect an effect interval (struct_size set), e.g. from
 *  fgroi_prop_diff_ci; limits may be infinite on a one-sided interval's
 *  open side
 *  @param volume units the effect applies to (e.g. patients a year), > 0
 *  @param value_per_unit value of one unit of effect per unit of volume,
 *  finite and nonzero (negative when a lower effect is better)
 *  @param cost cost of the study and roll-out, > 0
 *  @param[out] roi ROI interval (method FGROI_METHOD_NORMAL)
 *  @param[out] net_value NULL, or the net value interval
 *  @param[out] summary NULL, or break-even effect, P(ROI > 0) and more
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_OUT_OF_RANGE (volume or cost <= 0, value 0,
 *  limits out of order, implied SD not finite or a one-sided effect
 *  interval at conf_level <= 1/2), FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE,
 *  FGROI_E_OVERFLOW (volume * value or a limit beyond the doubles, e.g.
 *  inputs of 1e300).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_roi_compute(const fgroi_interval *effect, double volume,
                                         double value_per_unit, double cost,
                                         fgroi_interval *roi, fgroi_interval *net_value,
                                         fgroi_roi_summary *summary);

/** Shape of an uncertain input. Values are stable. */
typedef enum fgroi_roi_dist {
  FGROI_ROI_FIXED = 0,      /**< the value a */
  FGROI_ROI_UNIFORM = 1,    /**< uniform on [a, b] (a "range") */
  FGROI_ROI_TRIANGULAR = 2, /**< triangular with minimum a, mode b, maximum c */
  FGROI_ROI_NORMAL = 3      /**< normal with mean a and SD b */
} fgroi_roi_dist;

/** An uncertain input to the Monte Carlo ROI. */
typedef struct fgroi_roi_input {
  size_t struct_size;  /**< set by FGROI_INIT */
  fgroi_roi_dist dist; /**< shape */
  double a, b, c;      /**< parameters, see fgroi_roi_dist */
} fgroi_roi_input;

/** The normal distribution an effect interval implies (mean = estimate, SD
 *  = se as in fgroi_roi_compute), as a Monte Carlo input.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE,
 *  FGROI_E_OUT_OF_RANGE (limits out of order; a one-sided interval at
 *  conf_level <= 1/2; an implied SD that is not finite, e.g. a two-sided
 *  interval of positive width at conf_level 4.9e-324).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_roi_input_from_interval(const fgroi_interval *effect,
                                                     fgroi_roi_input *out);

/** Monte Carlo ROI when several inputs are uncertain: draws effect,
 *  volume, value per unit and cost independently, `resamples` times, from a
 *  seeded xoshiro256** stream (same seed, same answer on every platform
 *  with IEEE doubles). Cost draws <= 0 are redrawn (the cost distribution
 *  is truncated at 0); so are volume draws < 0.
 *  The intervals are the (1-conf)/2 and 1-(1-conf)/2 sample quantiles (R's
 *  type 7) of the ROI and net-value draws; their estimate is the value at
 *  the inputs' central values (fixed value, uniform midpoint, triangular
 *  mode, normal mean). summary->prob_positive is the share of draws with
 *  ROI > 0; its Monte Carlo SE is sqrt(P(1-P)/resamples).
 *
 *  @param effect, volume, value_per_unit, cost input distributions
 *  @param conf_level in (0, 1)
 *  @param resamples number of draws, 100 <= resamples <= 10^6 (about half a
 *  second of CPU at the bound); 0 means 100000
 *  @param seed RNG seed
 *  @param[out] roi ROI interval (method FGROI_METHOD_MONTE_CARLO)
 *  @param[out] net_value NULL, or the net value interval
 *  @param[out] summary NULL, or P(ROI > 0), means and more
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_OUT_OF_RANGE (bad distribution parameters:
 *  unknown shape, a > b, mode outside [min, max], negative SD; a cost that
 *  cannot be positive; resamples out of range), FGROI_E_CONF_LEVEL,
 *  FGROI_E_NOT_ESTIMABLE (cost or volume draws keep failing: almost all
 *  mass at or below 0), FGROI_E_NO_MEMORY, FGROI_E_OVERFLOW (a draw's net
 *  value or a summary beyond the doubles).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_roi_monte_carlo(const fgroi_roi_input *effect,
                                             const fgroi_roi_input *volume,
                                             const fgroi_roi_input *value_per_unit,
                                             const fgroi_roi_input *cost, double conf_level,
                                             int64_t resamples, uint64_t seed,
                                             fgroi_interval *roi, fgroi_interval *net_value,
                                             fgroi_roi_summary *summary);

/** fgroi_roi_monte_carlo() with progress and cancellation (control NULL:
 *  none; docs/api-conventions.md, "Long computations"). Cost O(draws)
 *  (draws, then quickselect of the four quantiles), within the same
 *  limit of 10^6 draws (about 0.5 s); memory 16 bytes per draw.
 *  @return as fgroi_roi_monte_carlo, plus FGROI_E_STRUCT_SIZE (control) and
 *  FGROI_E_CANCELLED (outputs untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_roi_monte_carlo_ctl(const fgroi_roi_input *effect,
                                                 const fgroi_roi_input *volume,
                                                 const fgroi_roi_input *value_per_unit,
                                                 const fgroi_roi_input *cost, double conf_level,
                                                 int64_t resamples, uint64_t seed,
                                                 const fgroi_control *control,
                                                 fgroi_interval *roi, fgroi_interval *net_value,
                                                 fgroi_roi_summary *summary);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_ROI_H */
