# Reference values for tests/test_nps.c (R 4.2 base only; run with Rscript).
options(digits=17)
z <- qnorm(0.975)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "qhat.R"))
prof <- function(x, th){ q<-qhat(x[1],x[2],x[3],th); p<-c(q, 1-2*q-th, q+th); ok<-x>0; list(ll=sum(x[ok]*log(p[ok])), V=2*q+th-th^2) }
dz <- function(a, b, delta){ n1<-sum(a); n2<-sum(b); e<-(b[3]-b[1])/n2-(a[3]-a[1])/n1; if (e==delta) return(0)
  lo<-max(-1,-1-delta); hi<-min(1,1-delta)
  t <- optimize(function(t) prof(a,t)$ll + prof(b,t+delta)$ll, c(lo,hi), maximum=TRUE, tol=1e-15)$maximum
  (e-delta)/sqrt(prof(a,t)$V/n1 + prof(b,t+delta)$V/n2) }
sc <- function(a,b){ n1<-sum(a); n2<-sum(b); e<-(b[3]-b[1])/n2-(a[3]-a[1])/n1
  c(100*e, 100*uniroot(function(d) dz(a,b,d)-z, c(-1.99, e), tol=1e-13)$root, 100*uniroot(function(d) dz(a,b,d)+z, c(e, 1.99), tol=1e-13)$root, dz(a,b,0)) }
for (ab in list(list(c(10,15,25), c(5,12,33)), list(c(3,3,2), c(1,2,5)), list(c(4,4,0), c(0,2,6)))) {
  r <- sc(ab[[1]], ab[[2]]); cat(sprintf("score %s | %s : est %.17g lo %.17g hi %.17g z0 %.17g\n", paste(ab[[1]],collapse=","), paste(ab[[2]],collapse=","), r[1], r[2], r[3], r[4])) }
# exact permutation by brute force over all splits: before (3,3,2), after (1,2,5)
a <- c(3,3,2); b <- c(1,2,5); pool <- c(rep(-1,a[1]+b[1]), rep(0,a[2]+b[2]), rep(1,a[3]+b[3])); N<-length(pool); n2<-sum(b)
obs <- mean(rep(c(-1,0,1),b)) - mean(rep(c(-1,0,1),a))
cm <- combn(N, n2); st <- apply(cm, 2, function(i) mean(pool[i]) - mean(pool[-i]))
cat(sprintf("perm obs %.17g two %.17g greater %.17g less %.17g\n", 100*obs, mean(abs(st) >= abs(obs)-1e-9), mean(st >= obs-1e-9), mean(st <= obs+1e-9)))
