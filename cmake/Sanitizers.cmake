# MDP_SANITIZE=ON builds everything (libraries, apps, tests) with ASan + UBSan, so that the
# end-to-end tests exercise the sanitized binaries too.
if(MDP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
