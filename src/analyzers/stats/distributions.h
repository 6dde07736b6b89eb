#pragma once
// Tail probabilities and quantiles of the reference distributions (Student t, normal, beta,
// Fisher F), computed with Boost.Math from the complement directly so that tiny p-values keep
// their relative accuracy. Invalid arguments give NaN instead of throwing.

namespace mdp::stats::detail {

// Two-sided p-value of a t statistic: 2 * P(T_df <= -|t|), i.e. SciPy's
// special.stdtr(df, -abs(t)) * 2. NaN for NaN t or df <= 0; 0 for infinite t.
double t_two_sided_p(double df, double t);

// Upper quantile of Student's t: the t with P(T_df > t) = upper_tail. NaN for df <= 0.
double t_upper_quantile(double df, double upper_tail);

// Two-sided normal p-value: 2 * P(Z > |z|) (SciPy: 2 * norm.sf(abs(z))).
double normal_two_sided_p(double z);

// Survival function of Beta(a, b) at x in [0, 1] (SciPy: stats.beta.sf).
double beta_sf(double a, double b, double x);

// Survival function of F(dfn, dfd) at f (SciPy: special.fdtrc). NaN for f < 0 or NaN.
double f_sf(double dfn, double dfd, double f);

}  // namespace mdp::stats::detail
