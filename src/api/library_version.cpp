// The version compiled into the library, which may differ from the headers a program was
// compiled against if it links another installation: <mdp/version.h>.
#include <mdp/version.h>

namespace mdp::api {

std::string_view library_version() { return MDP_VERSION_STRING; }

}  // namespace mdp::api
