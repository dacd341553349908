# Reference values for tests/test_nps.c (R 4.2 base only; run with Rscript).
options(digits=17)
z <- qnorm(0.975)
# Paired: table rows before (det,pas,pro), cols after. changes -2..2
tab <- matrix(c(2,3,1, 1,3,4, 0,1,5), 3, byrow=TRUE)  # n = 20
chg <- function(t){ c<-numeric(5); for(i in 1:3) for(j in 1:3) c[j-i+3]<-c[j-i+3]+t[i,j]; c }
cc <- chg(tab); v <- -2:2; n <- sum(cc); m <- sum(cc*v)/n; s2 <- sum(cc*(v-m)^2)/n
cat("changes", cc, "\n")
cat(sprintf("wald: est %.17g lo %.17g hi %.17g z %.17g p %.17g\n", 100*m, 100*(m-z*sqrt(s2/n)), 100*(m+z*sqrt(s2/n)), m/sqrt(s2/n), 2*pnorm(-abs(m/sqrt(s2/n)))))
# Stuart-Maxwell from the definition
d <- rowSums(tab)-colSums(tab); S <- -(tab+t(tab)); diag(S) <- rowSums(tab)+colSums(tab)-2*diag(tab)
X2 <- drop(t(d[1:2]) %*% solve(S[1:2,1:2]) %*% d[1:2]); cat(sprintf("SM %.17g p %.17g\n", X2, pchisq(X2,2,lower.tail=FALSE)))
# exact sign flip by brute force over all 2^m patterns of the non-zero changes
dd <- rep(v, cc); nz <- dd[dd!=0]; sobs <- sum(nz)
pats <- as.matrix(expand.grid(rep(list(c(-1,1)), length(nz))))
S <- pats %*% abs(nz)
cat(sprintf("signflip s %g two %.17g greater %.17g less %.17g\n", sobs, mean(abs(S) >= abs(sobs)-1e-9), mean(S >= sobs-1e-9), mean(S <= sobs+1e-9)))
# score-type: primal maximisation over p (5 cells) with sum p = 1, sum p v = theta, by optim on 3 free cells
prof <- function(theta){
  f <- function(x){ p1<-x[1]; p2<-x[2]; p3<-x[3]; r<-1-p1-p2-p3; dif<-(theta+p1-p3)/2; p4<-(r+dif)/2; p0<-(r-dif)/2
    p<-c(p0,p1,p2,p3,p4); if (any(p<0)) return(-1e300); ok<-cc>0; if(any(p[ok]<=0)) return(-1e300); sum(cc[ok]*log(p[ok])) }
  best <- NULL
  for (st in list(cc[2:4]/n*0.9+0.02, c(.2,.2,.2), c(.1,.3,.1))) {
    o <- optim(st, function(x) -f(x), method="Nelder-Mead", control=list(reltol=1e-16, maxit=20000))
    o <- optim(o$par, function(x) -f(x), method="Nelder-Mead", control=list(reltol=1e-16, maxit=20000))
    if (is.null(best) || o$value < best$value) best <- o }
  x<-best$par; p1<-x[1]; p2<-x[2]; p3<-x[3]; r<-1-p1-p2-p3; dif<-(theta+p1-p3)/2; p<-c((r-dif)/2,p1,p2,p3,(r+dif)/2)
  V <- sum(p*(v-theta)^2); (m-theta)/sqrt(V/n) }
lo <- uniroot(function(t) prof(t)-z, c(-0.3, m), tol=1e-12)$root
hi <- uniroot(function(t) prof(t)+z, c(m, 0.9), tol=1e-12)$root
cat(sprintf("score lo %.17g hi %.17g z0 %.17g\n", 100*lo, 100*hi, prof(0)))
