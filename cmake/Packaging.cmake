# `cpack -G DEB` in a build folder makes the Debian package `vetrina`
# (docs/deploy.md, tested by tests/integration/package.sh): the binary, the
# theme, a hardened systemd unit for `vetrina serve` with its settings in
# /etc/default/vetrina, the deployment and security docs. The Italian stop
# words are compiled into the binary (search/italian_stopwords.cpp).
include(GNUInstallDirs)

install(TARGETS vetrina RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${CMAKE_SOURCE_DIR}/themes/etwinning" DESTINATION ${CMAKE_INSTALL_DATADIR}/vetrina/themes)
install(FILES "${CMAKE_SOURCE_DIR}/packaging/vetrina.service" DESTINATION lib/systemd/system)  # /usr/lib/systemd/system
install(FILES "${CMAKE_SOURCE_DIR}/packaging/vetrina.default" DESTINATION /etc/default RENAME vetrina)
install(FILES "${CMAKE_SOURCE_DIR}/packaging/copyright" "${CMAKE_SOURCE_DIR}/docs/deploy.md"
              "${CMAKE_SOURCE_DIR}/docs/security.md" "${CMAKE_SOURCE_DIR}/docs/nginx.conf.example"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/vetrina)

# `cpack` installs what is built; it never builds everything first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vetrina)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# The project's public contact (content/site.yaml, docs/security.md).
set(CPACK_PACKAGE_CONTACT "eTwinning Italia, INDIRE <etwinning@indire.it>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "eTwinning Italia's good-practice stories: static site generator and search service")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, xapian-tools")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# /etc/default/vetrina is the administrator's: kept on upgrades.
file(WRITE "${CMAKE_BINARY_DIR}/packaging/conffiles" "/etc/default/vetrina\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_BINARY_DIR}/packaging/conffiles")
include(CPack)
