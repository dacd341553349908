# Reference values for tests/test_nps.c (R 4.2 base only; run with Rscript).
options(digits=17)
z <- qnorm(0.975)
wald <- function(d,p,r){ n<-d+p+r; pd<-d/n; pp<-r/n; v<-(pp+pd)-(pp-pd)^2; se<-sqrt(v/n); nps<-pp-pd
  c(nps=100*nps, se=100*se, lo=100*(nps-z*se), hi=100*(nps+z*se), p=1-(pnorm(abs(nps)/se)*2-1)) }
for (x in list(c(10,15,25), c(3,2,3), c(20,30,50), c(1,3,4))) print(wald(x[1],x[2],x[3]))
# two sample as nps.test: delta = |x - y|
two <- function(a,b){ na<-sum(a); nb<-sum(b); va<-(a[3]/na+a[1]/na)-(a[3]/na-a[1]/na)^2; vb<-(b[3]/nb+b[1]/nb)-(b[3]/nb-b[1]/nb)^2
  nx<-(a[3]-a[1])/na; ny<-(b[3]-b[1])/nb; delta<-abs(nx-ny); se<-sqrt(va/na+vb/nb); c(delta=100*delta, se=100*se, p=1-(pnorm(delta/se)*2-1), lo=100*(delta-z*se), hi=100*(delta+z*se)) }
print(two(c(10,15,25), c(5,12,33)))
