#pragma once
// Holm step-down adjustment of a family of p-values (SPEC 4: pairwise Welch tests between
// securities). Same result as statsmodels' multipletests(method='holm') (SciPy 1.10 has no
// Holm adjustment): sort ascending, multiply the i-th smallest (0-based) by (m - i), take the
// running maximum (monotone), cap at 1, and return in the input order.

#include <span>
#include <vector>

namespace mdp::stats {

// Holm-adjusted p-values in input order. NaN p-values are not part of the family (m counts
// the non-NaN ones) and stay NaN in the output. Ties keep their input order when sorting,
// which does not change the adjusted values.
std::vector<double> holm_adjust(std::span<const double> p_values);

}  // namespace mdp::stats
