#include "cluster/launcher_environment.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace mdp::cluster {
namespace {

EnvironmentLookup lookup_in(const std::map<std::string, std::string>& env) {
    return [env](const char* name) -> const char* {
        const auto found = env.find(name);
        return found == env.end() ? nullptr : found->second.c_str();
    };
}

TEST(LauncherEnvironment, PlainStartIsNotALaunch) {
    EXPECT_FALSE(detect_launcher(lookup_in({{"PATH", "/bin"}, {"SLURM_PROCID", "0"}})));
    EXPECT_FALSE(detect_launcher(lookup_in({{"OMPI_COMM_WORLD_SIZE", ""}})));
}

TEST(LauncherEnvironment, OpenMpiPmiAndPmixAreRecognised) {
    auto ompi = detect_launcher(lookup_in({{"OMPI_COMM_WORLD_SIZE", "4"}}));
    ASSERT_TRUE(ompi);
    EXPECT_EQ(ompi->variable, "OMPI_COMM_WORLD_SIZE");
    EXPECT_EQ(ompi->size, 4);
    auto pmi = detect_launcher(lookup_in({{"PMI_SIZE", "2"}}));
    ASSERT_TRUE(pmi);
    EXPECT_EQ(pmi->size, 2);
    auto pmix = detect_launcher(lookup_in({{"PMIX_RANK", "0"}}));
    ASSERT_TRUE(pmix);
    EXPECT_FALSE(pmix->size);
    auto junk = detect_launcher(lookup_in({{"PMI_SIZE", "x"}}));
    ASSERT_TRUE(junk);
    EXPECT_FALSE(junk->size);
}

}  // namespace
}  // namespace mdp::cluster
