# The .deb (`cpack -G DEB` in the build directory): everything `cmake --install` installs (the
# two programs, libmdp.a with its headers and CMake package, the man page, the docs) under /usr.
# Runtime dependencies are computed by dpkg-shlibdeps from the programs' shared libraries
# (it reads the local dpkg database: no network); the library's headers need nothing else.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME multidataset-pipeline)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "multidataset_pipeline maintainers")
set(CPACK_PACKAGE_CONTACT "Seed d61e6d83 maintainers <maintainers@users.noreply.b-seed-d61e6d83.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "market-data engine: sweep-order analysis of ASX-style exports per (date, security)")
set(CPACK_PACKAGE_DESCRIPTION
    "run_multidataset_pipeline streams orders and trades exports into per-(trading date, security)
partitions, tracks them in a crash-proof registry, re-runs Centre Point sweep orders
through a simulated dark pool and compares real with simulated execution, then
consolidates the results. Interrupted runs continue with --resume.
Also: generate_market_data (a synthetic market), and the mdp C++ library
(static, with headers and a CMake package) to inspect and reset a run's registry.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <name>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# tzdata: the market time zone (--timezone) is read from /usr/share/zoneinfo at run time.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
include(CPack)
