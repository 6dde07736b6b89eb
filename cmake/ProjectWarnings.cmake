# Applies the project's warning set to a target. Warnings are errors (MDP_WERROR, on by default)
# so that CI catches them; third-party headers are included as SYSTEM and do not count.
function(mdp_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast
                                           -Wcast-align -Woverloaded-virtual -Wnull-dereference)
  if(MDP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
