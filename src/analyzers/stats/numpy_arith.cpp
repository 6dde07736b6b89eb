#include "analyzers/stats/numpy_arith.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace mdp::stats::detail {
namespace {

// NumPy's DOUBLE_pairwise_sum (numpy/core/src/umath/loops_utils.h.src), block size 128,
// unrolled by 8.
double pairwise_sum(const double* a, std::size_t n) {
    if (n < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            res += a[i];
        }
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (std::size_t j = 0; j < 8; ++j) {
            r[j] = a[j];
        }
        std::size_t i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (std::size_t j = 0; j < 8; ++j) {
                r[j] += a[i + j];
            }
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) {
            res += a[i];
        }
        return res;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

// NumPy's reductions iterate in buffers of 8192 elements; the add loop accumulates the
// pairwise sum of each buffer into the output, which starts at the identity 0.0.
constexpr std::size_t kNumpyBufferSize = 8192;

}  // namespace

double np_sum(std::span<const double> x) {
    double acc = 0.0;
    for (std::size_t start = 0; start < x.size(); start += kNumpyBufferSize) {
        const std::size_t len = std::min(kNumpyBufferSize, x.size() - start);
        acc += pairwise_sum(x.data() + start, len);
    }
    return acc;
}

double np_mean(std::span<const double> x) {
    if (x.empty()) {
        return std::nan("");
    }
    return np_sum(x) / static_cast<double>(x.size());
}

namespace {

// Sum of squared deviations from `mean`, in NumPy's summation order (the squares are formed
// into a temporary array and then summed).
double sum_sq_dev(std::span<const double> x, double mean) {
    double acc = 0.0;
    double buf[kNumpyBufferSize];
    for (std::size_t start = 0; start < x.size(); start += kNumpyBufferSize) {
        const std::size_t len = std::min(kNumpyBufferSize, x.size() - start);
        for (std::size_t i = 0; i < len; ++i) {
            const double dev = x[start + i] - mean;
            buf[i] = dev * dev;
        }
        acc += pairwise_sum(buf, len);
    }
    return acc;
}

}  // namespace

double scipy_var_ddof1(std::span<const double> x) {
    const std::size_t n = x.size();
    if (n < 2) {
        return std::nan("");
    }
    const double nd = static_cast<double>(n);
    const double mean = np_mean(x);
    const double m2 = sum_sq_dev(x, mean) / nd;
    return m2 * (nd / (nd - 1.0));
}

double numpy_var_ddof1(std::span<const double> x) {
    const std::size_t n = x.size();
    if (n < 2) {
        return std::nan("");
    }
    const double mean = np_mean(x);
    return sum_sq_dev(x, mean) / static_cast<double>(n - 1);
}

double blas_dot(std::span<const double> x, std::span<const double> y) {
    double acc = 0.0;
    const std::size_t n = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < n; ++i) {
        acc += x[i] * y[i];
    }
    return acc;
}

double blas_nrm2(std::span<const double> x) {
    // Constants of LAPACK's la_xnrm2.f90 for IEEE double.
    const double tsml = std::ldexp(1.0, -511);
    const double tbig = std::ldexp(1.0, 486);
    const double ssml = std::ldexp(1.0, 537);
    const double sbig = std::ldexp(1.0, -538);
    const double max_n = std::numeric_limits<double>::max();

    bool notbig = true;
    double asml = 0.0;
    double amed = 0.0;
    double abig = 0.0;
    for (const double v : x) {
        const double ax = std::fabs(v);
        if (ax > tbig) {
            const double s = ax * sbig;
            abig += s * s;
            notbig = false;
        } else if (ax < tsml) {
            if (notbig) {
                const double s = ax * ssml;
                asml += s * s;
            }
        } else {
            amed += ax * ax;
        }
    }
    double scl = 1.0;
    double sumsq = 0.0;
    if (abig > 0.0) {
        if (amed > 0.0 || amed > max_n || std::isnan(amed)) {
            abig += (amed * sbig) * sbig;
        }
        scl = 1.0 / sbig;
        sumsq = abig;
    } else if (asml > 0.0) {
        if (amed > 0.0 || amed > max_n || std::isnan(amed)) {
            amed = std::sqrt(amed);
            asml = std::sqrt(asml) / ssml;
            const double ymin = asml > amed ? amed : asml;
            const double ymax = asml > amed ? asml : amed;
            scl = 1.0;
            const double ratio = ymin / ymax;
            sumsq = ymax * ymax * (1.0 + ratio * ratio);
        } else {
            scl = 1.0 / ssml;
            sumsq = asml;
        }
    } else {
        scl = 1.0;
        sumsq = amed;
    }
    return scl * std::sqrt(sumsq);
}

bool has_nan(std::span<const double> x) {
    for (const double v : x) {
        if (std::isnan(v)) {
            return true;
        }
    }
    return false;
}

}  // namespace mdp::stats::detail
