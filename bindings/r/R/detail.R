# Errors name the argument (issue 15): the C library's
# fgroi_status_detail() says which argument a status of a function is
# about and its domain ("conf_level: must be in (0, 1)"); with the values
# the caller passed (the generated wrapper's frame) this names the one out
# of its domain and shows its value: "conf_level = 1.5: must be in (0, 1)".

# The value the caller gave; an error when the frame has no such argument.
.fgr_value <- function(name, env) {
  if (grepl("->", name, fixed = TRUE)) {
    parts <- strsplit(name, "->", fixed = TRUE)[[1L]]
    o <- get(parts[1L], envir = env, inherits = FALSE)
    if (is.list(o) && parts[2L] %in% names(o)) return(o[[parts[2L]]])
    stop("no field")
  }
  get(name, envir = env, inherits = FALSE)
}

# A detail of several arguments written "a must be X; b must be Y" (a
# function with two method arguments): the domain of argument `name`, else
# the whole domain.
.fgr_own_domain <- function(domain, names, name) {
  parts <- strsplit(domain, "; ", fixed = TRUE)[[1L]]
  if (length(parts) < length(names)) return(domain)
  for (i in seq_along(names))
    if (!startsWith(parts[i], paste0(names[i], " must be "))) return(domain)
  i <- match(name, names)
  if (is.na(i)) domain else substring(parts[i], nchar(name) + 2L)
}

# TRUE / FALSE when the domain can be checked here, NA otherwise.
.fgr_violates <- function(domain, name, v, names, env) {
  if (grepl("must not be NULL", domain, fixed = TRUE)) return(is.null(v))
  m <- regmatches(domain, regexec("^must be one of ([a-z0-9_]+(, [a-z0-9_]+)*)(, or default( \\([a-z0-9_]+\\))?)?(;|$)",
                                  domain))[[1L]]
  if (length(m) && is.character(v) && length(v) == 1L)
    return(!(v %in% c(strsplit(m[2L], ", ", fixed = TRUE)[[1L]], if (nzchar(m[4L])) "default")))
  if (!is.numeric(v) && !is.logical(v)) return(NA)
  v <- as.numeric(v)
  if (startsWith(domain, "must not be NaN")) return(any(is.na(v)))
  if (startsWith(domain, "must be finite")) return(any(is.infinite(v)))
  m <- regmatches(domain, regexec("must be in ([(\\[])\\s*(-?[0-9.e+]+),\\s*(-?[0-9.e+]+)\\s*([)\\]])", domain))[[1L]]
  if (length(m)) {
    lo <- as.numeric(m[3L]); hi <- as.numeric(m[4L])
    ok <- (if (m[2L] == "(") v > lo else v >= lo) & (if (m[5L] == ")") v < hi else v <= hi)
    return(any(!ok, na.rm = TRUE))
  }
  m <- regmatches(domain, regexec("must be (>=|>|<=|<) (.*?)( respectively)?$", domain))[[1L]]
  if (length(m)) {
    bounds <- trimws(strsplit(m[3L], ",", fixed = TRUE)[[1L]])
    b <- if (length(bounds) > 1L && name %in% names) bounds[match(name, names)] else bounds[1L]
    bv <- suppressWarnings(as.numeric(b))
    if (is.na(bv)) {
      bv <- .fgr_value(b, env)
      if (!is.numeric(bv) || length(bv) != 1L) return(NA)
    }
    ok <- switch(m[2L], ">=" = v >= bv, ">" = v > bv, "<=" = v <= bv, "<" = v < bv)
    return(any(!ok, na.rm = TRUE))
  }
  NA
}

.fgr_show <- function(v) {
  if (is.null(v)) return("NULL")
  if (length(v) != 1L) return(paste0("vector of ", length(v)))
  if (is.character(v)) return(paste0("\"", v, "\""))
  format(v, digits = 15L)
}

.fgr_detail <- function(fun, code, env) {
  # the library's own message, when the call carried a control with a
  # message buffer (issue 16: the limit and the observed size of a
  # FGROI_E_TOO_LARGE, the method to use instead): a wrapper attaches it to
  # the status object as attribute "message". Where the library had nothing
  # more to say than the detail of the status ("FGROI_E_CONF_LEVEL:
  # conf_level: must be in (0, 1)"), the detail below names the value too.
  msg <- attr(code, "message", exact = TRUE)
  name <- tryCatch(.Call(C_fgr_fgroi_status_name, as.integer(code))[["value"]], error = function(e) NA_character_)
  if (is.character(msg) && length(msg) == 1L && !is.na(msg) && nzchar(msg)) {
    if (is.na(name) || !startsWith(msg, paste0(name, ": "))) return(msg)
    msg <- substring(msg, nchar(name) + 3L)
  } else msg <- NULL
  d <- tryCatch(.Call(C_fgr_fgroi_status_detail, fun, as.integer(code))[["value"]],
                error = function(e) NA_character_)
  if (is.null(d) || is.na(d)) return(msg)
  m <- regmatches(d, regexec("^([A-Za-z_][A-Za-z0-9_>-]*(, [A-Za-z_][A-Za-z0-9_>-]*)*): (.*)$", d))[[1L]]
  if (!length(m)) return(d)
  names <- strsplit(m[2L], ", ", fixed = TRUE)[[1L]]
  domain <- m[4L]
  verdict <- vapply(names, function(n) {
    r <- tryCatch(.fgr_violates(.fgr_own_domain(domain, names, n), n, .fgr_value(n, env), names, env),
                  error = function(e) NA)
    if (length(r) != 1L) NA else r
  }, NA)
  bad <- names[!is.na(verdict) & verdict]
  if (!length(bad)) bad <- names[is.na(verdict)]
  if (!length(bad)) bad <- names
  if (length(bad) == 1L) domain <- .fgr_own_domain(domain, names, bad)
  shown <- vapply(bad, function(n) {
    tryCatch(paste0(n, " = ", .fgr_show(.fgr_value(n, env))), error = function(e) n)
  }, "")
  paste0(paste(shown, collapse = ", "), ": ", domain)
}

# An argument the wrapper could not convert (a method name the library does
# not know, a count that is not whole): "method = \"bogus\": must be ...",
# with the domain the library documents for that status and argument, when
# it has one, else the status's own text.
.fgr_arg_detail <- function(fun, code, arg, env) {
  shown <- tryCatch(paste0(arg, " = ", .fgr_show(.fgr_value(arg, env))), error = function(e) arg)
  # the domain the library gives this argument for this status, else for
  # an unknown method or alternative name (FGROI_E_METHOD,
  # FGROI_E_ALTERNATIVE: "must be one of wilson, ..."), else none
  for (k in unique(c(as.integer(code), 10L, 11L))) {
    d <- tryCatch(.Call(C_fgr_fgroi_status_detail, fun, k)[["value"]], error = function(e) NA_character_)
    m <- if (is.character(d) && !is.na(d))
      regmatches(d, regexec("^([A-Za-z_][A-Za-z0-9_>-]*(, [A-Za-z_][A-Za-z0-9_>-]*)*): (.*)$", d))[[1L]]
    else character(0)
    if (length(m) && arg %in% (ns <- strsplit(m[2L], ", ", fixed = TRUE)[[1L]]))
      return(paste0(shown, ": ", .fgr_own_domain(m[4L], ns, arg)))
  }
  if (arg == "alternative") return(paste0(shown, ": must be two_sided, less or greater"))
  if (arg == "method" || endsWith(arg, "_method")) return(paste0(shown, ": must be a method name (fgroi_method_name())"))
  shown
}
