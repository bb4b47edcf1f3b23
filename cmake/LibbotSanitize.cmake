# -DLIBBOT_SANITIZE="address;undefined" (or "thread") instruments everything built here.
if(LIBBOT_SANITIZE)
  set(_libbot_san_flags "")
  foreach(_san IN LISTS LIBBOT_SANITIZE)
    if(NOT _san MATCHES "^(address|undefined|thread|leak)$")
      message(FATAL_ERROR "LIBBOT_SANITIZE: unknown sanitizer '${_san}'")
    endif()
  endforeach()
  if("thread" IN_LIST LIBBOT_SANITIZE AND "address" IN_LIST LIBBOT_SANITIZE)
    message(FATAL_ERROR "LIBBOT_SANITIZE: thread and address cannot be combined")
  endif()
  # gcc leaves float-to-int overflow out of "undefined" (clang has it in).
  set(_libbot_sanitizers ${LIBBOT_SANITIZE})
  if("undefined" IN_LIST LIBBOT_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND _libbot_sanitizers float-cast-overflow)
  endif()
  list(JOIN _libbot_sanitizers "," _libbot_san_list)
  add_compile_options(-fsanitize=${_libbot_san_list} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_libbot_san_list})
endif()

# -DLIBBOT_FUZZ=ON (clang only) builds everything ready for libFuzzer and the
# fuzz targets as fuzzer programs; combine it with LIBBOT_SANITIZE.
option(LIBBOT_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(LIBBOT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LIBBOT_FUZZ needs clang (CXX=clang++-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
