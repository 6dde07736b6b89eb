# Applies the project's warning set to a target. Warnings are errors (MDP_WERROR, on by default)
# so that CI catches them; third-party headers are included as SYSTEM and do not count.
function(mdp_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast
                                           -Wcast-align -Woverloaded-virtual -Wnull-dereference)
  # GCC 12 reports false -Wrestrict errors inside libstdc++ for ordinary std::string
  # concatenation at -O2 (GCC bug 105651); the warning is disabled for GCC 12 only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  # ASan's instrumentation makes GCC's -Wmaybe-uninitialized report false positives (e.g. inside
  # std::optional of a trivially-copyable struct); the Release build keeps the warning.
  if(MDP_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(MDP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
