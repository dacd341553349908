# Reference values for tests/test_nps.c (R 4.2 base only; run with Rscript).
options(digits=17)
z <- qnorm(0.975)
# restricted MLE of the detractor probability q under NPS = delta from the
# score equation D/q + R/(q+delta) - 2P/(1-2q-delta) = 0 (solved by uniroot)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "qhat.R"))
tz <- function(D,P,R,delta){ n<-D+P+R; est<-(R-D)/n; if (est==delta) return(0)
  q<-qhat(D,P,R,delta); v<-2*q+delta-delta^2; (est-delta)/sqrt(v/n) }
tango <- function(D,P,R){ n<-D+P+R; est<-(R-D)/n
  lo <- if (D==n) -1 else uniroot(function(d) tz(D,P,R,d)-z, c(-1+1e-13, est), tol=1e-15)$root
  hi <- if (R==n) 1 else uniroot(function(d) tz(D,P,R,d)+z, c(est, 1-1e-13), tol=1e-15)$root
  100*c(lo,hi) }
for (x in list(c(10,15,25), c(3,2,3), c(0,0,8), c(8,0,0), c(0,1,0), c(1,0,0), c(0,0,1), c(2,6,0), c(1,2,5), c(0,8,0))) cat(sprintf("{ %d, %d, %d, %.17g, %.17g },\n", x[1],x[2],x[3], tango(x[1],x[2],x[3])[1], tango(x[1],x[2],x[3])[2]))
cat("score test z at 20 for (10,15,25):", sprintf("%.17g", tz(10,15,25,0.2)), "\n")
cat("score test z at -30 for (1,2,5):", sprintf("%.17g", tz(1,2,5,-0.3)), "\n")
