#include "api/error_translation.h"

#include <mdp/error.h>

#include <exception>
#include <new>
#include <string>

#include "common/errors.h"
#include "registry/output_directory_lock.h"

namespace mdp::api {

void rethrow_as_api_error(std::string_view doing) {
    const std::string prefix = std::string(doing) + ": ";
    try {
        throw;
    } catch (const Error&) {
        throw;
    } catch (const registry::OutputBusyError& e) {
        // The engine's message already names the directory and the holder's pid.
        const auto pid = e.holder_pid();
        throw Error(ErrorCode::kOutputBusy, e.what(),
                    pid ? std::optional<long>(static_cast<long>(*pid)) : std::nullopt);
    } catch (const InputError& e) {
        throw Error(ErrorCode::kBadInput, e.what());
    } catch (const IoError& e) {
        throw Error(ErrorCode::kOutputError, e.what());
    } catch (const std::bad_alloc&) {
        throw;  // not a failure the caller can act on differently; keep its usual type
    } catch (const std::exception& e) {
        throw Error(ErrorCode::kInternalError, prefix + e.what());
    }
}

}  // namespace mdp::api
