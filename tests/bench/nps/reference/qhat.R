# Restricted MLE of the detractor probability q of one NPS sample (D, P, R)
# under NPS = delta (-1..1 scale), from the score equation
#   D/q + R/(q + delta) - 2P/(1 - 2q - delta) = 0,
# solved by uniroot (boundary solutions when the derivative does not change
# sign). Sourced by score_direct_inversion.R and two_waves.R.
qhat <- function(D,P,R,delta){ lo<-max(0,-delta); hi<-(1-delta)/2
  g<-function(q){ s<-0; if(D>0) s<-s+D/q; if(R>0) s<-s+R/(q+delta); if(P>0) s<-s-2*P/(1-2*q-delta); s }
  if (hi-lo < 1e-300) return(lo)
  e <- (hi-lo)*1e-15
  if (g(lo+e) <= 0) return(lo)
  if (g(hi-e) >= 0) return(hi)
  uniroot(g, c(lo+e, hi-e), tol=1e-16)$root }
