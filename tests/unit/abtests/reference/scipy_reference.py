"""
Reference values for tests/unit/abtests — run with Python 3 + SciPy (used: SciPy 1.17.1, NumPy 2.4).
Not run by the test suite: it documents where every hard-coded expected value comes from.

Three independent derivations are printed side by side for the chi-square tables:
  exact   – the Pearson statistic in exact rational arithmetic (fractions.Fraction),
  scipy   – scipy.stats.chi2_contingency(table, correction=...),
  closed  – the chi-square survival function in closed form for the table's degrees of freedom:
            dof 1: erfc(sqrt(x/2)); dof 2: exp(-x/2); dof 3: erfc(sqrt(x/2)) + sqrt(2x/pi)·exp(-x/2);
            dof 4: exp(-x/2)·(1 + x/2).
Wilson / Newcombe values agree with the published tables of Newcombe (1998, Stat Med 17:857 and 17:873);
relative-risk intervals come from scipy.stats.contingency.relative_risk (Katz log method).
Group-sequential boundaries are solved from multivariate-normal rectangle probabilities (Genz's algorithm via
scipy.stats.multivariate_normal.cdf) — an independent method from the grid recursion in sequential.ts — and the
5-look values agree with gsDesign's published sfLDOF boundaries 4.877, 3.357, 2.680, 2.290, 2.031.
The boundary section takes about three minutes because of the tight mvn tolerances.
"""
import math
from fractions import Fraction as F
import numpy as np
from scipy.stats import chi2_contingency, chi2
def exact_stat(variants, yates=False):
    # variants: (successes, total). exact rational Pearson statistic
    k=len(variants); S=sum(s for s,_ in variants); N=sum(n for _,n in variants); Fl=N-S
    st=F(0)
    for s,n in variants:
        for o,row in ((s,S),(n-s,Fl)):
            e=F(row*n,N)
            if e==0: continue
            d=abs(F(o)-e)
            if yates and k==2: d=d-min(F(1,2),d)
            st+=d*d/e
    return st
def closed_sf(x,dof):
    if dof==1: return math.erfc(math.sqrt(x/2))
    if dof==2: return math.exp(-x/2)
    if dof==3: return math.erfc(math.sqrt(x/2))+math.sqrt(2*x/math.pi)*math.exp(-x/2)
    if dof==4: return math.exp(-x/2)*(1+x/2)
tables={
 '2x2':[(30,100),(45,100)],
 '2x2 unequal':[(48,400),(63,410)],
 '2x2 tiny diff':[(10,40),(10,41)],
 '2x3':[(48,400),(63,410),(35,390)],
 '2x4':[(12,150),(20,160),(9,140),(15,155)],
 '2x5':[(20,250),(31,260),(25,240),(40,255),(18,245)],
 'zero 2x2':[(0,50),(7,60)],
 'zero 2x3':[(0,80),(5,80),(12,80)],
 'identical':[(10,100),(20,200),(5,50)],
}
for name,v in tables.items():
    obs=np.array([[s for s,_ in v],[n-s for s,n in v]])
    for y in ([False,True] if len(v)==2 else [False]):
        st=exact_stat(v,y); x=float(st); dof=len(v)-1
        if x==0: sp=(0,1.0,dof)
        else: sp=chi2_contingency(obs,correction=y)[:3]
        print(f"{name:14s} yates={y!s:5s} exact={st} ={x!r} scipy={sp[0]!r} p_scipy={sp[1]!r} p_closed={closed_sf(x,dof)!r} sf={chi2.sf(x,dof)!r}")

from scipy.stats import norm
from scipy.stats.contingency import relative_risk
z=norm.ppf(0.975)
def wilson(x,n,z=z):
    p=x/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z/d*math.sqrt(p*(1-p)/n+z*z/(4*n*n)); return c-h,c+h
def newcombe(x1,n1,x2,n2):
    p1,p2=x1/n1,x2/n2; l1,u1=wilson(x1,n1); l2,u2=wilson(x2,n2); d=p1-p2
    return d-math.sqrt((p1-l1)**2+(u2-p2)**2), d+math.sqrt((u1-p1)**2+(p2-l2)**2)
for x,n in [(81,263),(15,148),(0,20),(1,29),(29,29)]: print('wilson',x,n,repr(wilson(x,n)))
for a in [(56,70,48,80),(9,10,3,10),(6,7,2,7),(5,56,0,29),(0,10,0,20),(0,10,0,10),(10,10,0,20)]: print('newcombe',a,repr(newcombe(*a)))
for a in [(45,100,30,100),(63,410,48,400)]:
    r=relative_risk(*a); ci=r.confidence_interval(0.95); print('rr',a,repr(r.relative_risk),repr(ci.low),repr(ci.high))
print('wilson 90%',repr(wilson(45,100,norm.ppf(0.95))))

from scipy.stats import multivariate_normal
from scipy.optimize import brentq
def spend(t,a=0.05): return 4*norm.sf(norm.isf(a/4)/math.sqrt(t))
def rect(c, ts):
    k=len(ts)
    if k==0: return 1.0
    cov=np.array([[math.sqrt(min(ts[i],ts[j])/max(ts[i],ts[j])) for j in range(k)] for i in range(k)])
    if k==1: return 1-2*norm.sf(c[0])
    mvn=multivariate_normal(mean=np.zeros(k),cov=cov,abseps=1e-10,releps=1e-10,maxpts=2000000*k)
    return mvn.cdf(np.array(c),lower_limit=-np.array(c))
def bounds(ts,a=0.05):
    cs=[]; prev=0
    for j,t in enumerate(ts):
        inc=spend(t,a)-prev
        stay=rect(cs,ts[:j])
        f=lambda c: stay-rect(cs+[c],ts[:j+1])-inc
        c=brentq(f,0.5,12,xtol=1e-9); cs.append(c); prev=spend(t,a)
    return cs
print('K5', bounds([0.2,0.4,0.6,0.8,1.0]))
print('K2', bounds([0.5,1.0]))
print('K3 uneven', bounds([0.3,0.65,1.0]))
print('spend', spend(0.5), spend(1.0), spend(0.2))
# sample size
def n2(p1,p2,a=0.05,pw=0.8):
    za=norm.isf(a/2); zb=norm.ppf(pw); pb=(p1+p2)/2
    return (za*math.sqrt(2*pb*(1-pb))+zb*math.sqrt(p1*(1-p1)+p2*(1-p2)))**2/(p1-p2)**2
print('n 0.1->0.2', n2(0.1,0.2), 'n .05->.06', n2(0.05,0.06), 'n .05->.06 a/2', n2(0.05,0.06,0.025))
