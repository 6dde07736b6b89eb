# MDP_SANITIZE=ON builds everything (libraries, apps, tests) with ASan + UBSan, so that the
# end-to-end tests exercise the sanitized binaries too.
if(MDP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# MDP_TSAN=ON builds everything with ThreadSanitizer (docs/tsan.md says what it can judge here:
# not the oneTBB flow graph, whose Debian library is not instrumented).
if(MDP_TSAN)
  if(MDP_SANITIZE OR MDP_FUZZ)
    message(FATAL_ERROR "MDP_TSAN cannot be combined with MDP_SANITIZE or MDP_FUZZ")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# MDP_FUZZ=ON (clang only) builds the libFuzzer targets of tests/fuzz/: the libraries get
# coverage instrumentation without libFuzzer's main (fuzzer-no-link) plus ASan + UBSan; the fuzz
# executables themselves link -fsanitize=fuzzer (see mdp_add_fuzzer in tests/fuzz/).
if(MDP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MDP_FUZZ needs clang: configure with CC=clang CXX=clang++")
  endif()
  if(MDP_SANITIZE)
    message(FATAL_ERROR "MDP_FUZZ already builds with ASan + UBSan; leave MDP_SANITIZE off")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# target_clones (GCC's function multi-versioning, used for popcnt in csv_line_scanner.cpp) goes
# through an ifunc resolver that runs during relocation, before TSan's runtime is initialised,
# and crashes there; it is switched off under TSan.
if(MDP_TSAN)
  set(MDP_TARGET_CLONES OFF CACHE BOOL "Use target_clones function multi-versioning" FORCE)
endif()
if(NOT MDP_TARGET_CLONES)
  add_compile_definitions(MDP_NO_TARGET_CLONES=1)
endif()
