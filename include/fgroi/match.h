/** @file match.h
 * Event matcher: turns raw logs (scheduled dose times, device-open
 * timestamps, app check-in timestamps, per participant) into per-dose
 * paired records (self-reported 0/1, device-logged 0/1) for paired.h.
 *
 * Timestamps are int64_t in any unit (seconds, milliseconds); windows use
 * the same unit. An event at time e may be assigned to a dose at time t of
 * the same participant when t - before <= e <= t + after (inclusive).
 *
 * Assignment rule (deterministic, documented and proved in
 * docs/methods/paired.md): within one participant and one stream, events
 * are taken in time order (ties by input index); each goes to the earliest
 * still-unmatched dose (by time, ties by input index) whose window contains
 * it. Each dose receives at most one event per stream and each event
 * serves at most one dose. Because every window has the same length this
 * greedy rule also matches the largest possible number of events.
 * Unmatched events are reported, never dropped silently: `duplicate`
 * (inside some window whose dose already has an event, e.g. the pillbox
 * opened twice) or `outside` (in no window of its participant, including
 * events of participants with no scheduled dose).
 *
 * Input may be in any order; the matcher sorts copies internally (stable
 * LSD radix sort on packed participant/time keys, a bounded number of
 * passes); an array already sorted by participant and time is detected and
 * used in place. Scratch, allocated with malloc and freed before return:
 * 32 bytes per element of each unsorted array (48 when participant and
 * time ranges together need more than 64 bits); the events' buffer is
 * reserved for the larger stream.
 */
#ifndef FGROI_MATCH_H
#define FGROI_MATCH_H

#include <fgroi/common.h>
#include <fgroi/paired.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Tolerance windows, in the timestamps' unit (all >= 0). */
typedef struct fgroi_match_options {
  size_t struct_size;    /**< set by FGROI_INIT */
  int64_t device_before; /**< device open may precede the dose by this much */
  int64_t device_after;  /**< ... or follow it by this much */
  int64_t self_before;   /**< app check-in may precede the dose by this much */
  int64_t self_after;    /**< ... or follow it by this much */
  /** Progress and cancellation of fgroi_match_doses (NULL: none; read only
   *  when struct_size covers it; docs/api-conventions.md, "Long
   *  computations"). With a callback the records are built in scratch
   *  (40 more bytes per dose) and copied out at the end, so a cancelled
   *  call leaves them untouched. @since 0.2 */
  const fgroi_control *control;
} fgroi_match_options;

/** Defaults for timestamps in seconds: 3600 s before and 3600 s after the
 *  scheduled time, for both streams.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE. @since 0.1 */
FGROI_API fgroi_status fgroi_match_options_default(fgroi_match_options *options);

/** One scheduled dose after matching. An array element type with a frozen
 *  layout (no struct_size); records[i] describes dose i of the input. */
typedef struct fgroi_match_record {
  int64_t participant;  /**< participant id of the dose */
  int64_t dose_time;    /**< scheduled time */
  int64_t device_event; /**< input index of the matched device event, -1 if none */
  int64_t self_event;   /**< input index of the matched check-in, -1 if none */
  uint8_t device;       /**< 1 if a device event was matched */
  uint8_t self;         /**< 1 if a check-in was matched */
} fgroi_match_record;

/** What the matcher did with every event. For each stream
 *  events = matched + duplicate + outside. */
typedef struct fgroi_match_summary {
  size_t struct_size;             /**< set by FGROI_INIT */
  int64_t doses;                  /**< scheduled doses */
  int64_t participants;           /**< distinct participants with doses */
  int64_t device_events;          /**< device events given */
  int64_t device_matched;         /**< matched to a dose */
  int64_t device_duplicate;       /**< in a window whose dose already had one */
  int64_t device_outside;         /**< in no window of their participant */
  int64_t device_no_doses;        /**< of device_outside: participant has no doses */
  int64_t self_events;            /**< app check-ins given */
  int64_t self_matched;
  int64_t self_duplicate;
  int64_t self_outside;
  int64_t self_no_doses;
  int64_t participants_without_device_events; /**< participants with doses but no device event */
  int64_t participants_without_self_events;   /**< participants with doses but no check-in */
} fgroi_match_summary;

/** Match device events and app check-ins to scheduled doses. A long call
 *  at scale: O(n_doses + n_device + n_self) with at most 16 radix passes,
 *  about 1 s per 1e7 doses; options->control reports progress and cancels
 *  (FGROI_E_CANCELLED: records and summary untouched). The only limit is
 *  memory (below).
 *
 *  @param dose_participant, dose_time  n_doses scheduled doses
 *  @param device_participant, device_time  n_device device-open events
 *  @param self_participant, self_time  n_self app check-ins
 *  @param options  windows; NULL for fgroi_match_options_default()
 *  @param records  caller array of at least n_doses records (capacity)
 *  @param summary  counts (may be NULL)
 *  Arrays of length 0 may be NULL. Time windows are computed with
 *  saturating arithmetic, so any int64_t timestamp is valid.
 *  O(n_doses + n_device + n_self) time (at most 16 radix passes).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_INVALID_TIME
 *  (a negative window), FGROI_E_CAPACITY (capacity < n_doses),
 *  FGROI_E_TOO_LARGE (a length beyond INT64_MAX), FGROI_E_NO_MEMORY,
 *  FGROI_E_CANCELLED (options->control; since 0.2).
 *  @since 0.1
 *  @shape records[n_doses] */
FGROI_API fgroi_status fgroi_match_doses(const int64_t *dose_participant, const int64_t *dose_time,
                                         size_t n_doses, const int64_t *device_participant,
                                         const int64_t *device_time, size_t n_device,
                                         const int64_t *self_participant, const int64_t *self_time,
                                         size_t n_self, const fgroi_match_options *options,
                                         fgroi_match_record *records, size_t capacity,
                                         fgroi_match_summary *summary);

/** Per-participant paired counts from matched records (one
 *  ::fgroi_paired_cluster per participant, sorted by id), for
 *  fgroi_paired_cluster_gap() and fgroi_paired_sign_flip(). Needed size
 *  in *n_out, also with FGROI_E_CAPACITY.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_OUT_OF_RANGE (a flag other than
 *  0 or 1), FGROI_E_CAPACITY, FGROI_E_NO_MEMORY. @since 0.1 */
FGROI_API fgroi_status fgroi_match_clusters(const fgroi_match_record *records, size_t n,
                                            fgroi_paired_cluster *out, size_t capacity,
                                            size_t *n_out);

/** fgroi_match_clusters() with progress and cancellation of its sort
 *  (docs/api-conventions.md, "Long computations"). Cost: O(n log n), about
 *  1 s per 1e7 records; no limit but memory (50 bytes per record).
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_match_clusters, plus FGROI_E_STRUCT_SIZE (control) and
 *  FGROI_E_CANCELLED (out and n_out untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_match_clusters_ctl(const fgroi_match_record *records, size_t n,
                                                const fgroi_control *control,
                                                fgroi_paired_cluster *out, size_t capacity,
                                                size_t *n_out);

/** Add matched records to a paired 2x2 tally (dose level).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_match_tally_add(fgroi_paired_tally *tally,
                                             const fgroi_match_record *records, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_MATCH_H */
