# vetrina_layer(NAME FOLDER [LAYER...]): one folder of the code = one layer =
# one static library `vetrina_NAME` built from FOLDER/*.cpp, linking exactly
# the layers listed (and, through them, the layers below those). The list is
# the set of arrows the layer may follow: scripts/check-layers.py reads these
# same declarations and fails the tests on an include that does not follow
# them (see docs/architecture.md, "Layers").
function(vetrina_layer name folder)
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/${folder}/*.cpp")
  add_library(vetrina_${name} STATIC ${sources})
  target_include_directories(vetrina_${name} PUBLIC "${CMAKE_SOURCE_DIR}")
  target_compile_definitions(vetrina_${name} PUBLIC VETRINA_VERSION="${PROJECT_VERSION}")
  set(below "")
  foreach(layer IN LISTS ARGN)
    list(APPEND below vetrina_${layer})
  endforeach()
  target_link_libraries(vetrina_${name} PUBLIC ${below} vetrina::deps)
  vetrina_standard_warnings(vetrina_${name})
endfunction()
