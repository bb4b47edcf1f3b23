# Finds libbot's dependencies, all from Debian 12 packages, and stops at configure
# time with the name of the package to install when one is missing.
# (scripts/setup.sh installs all of them.)
find_package(PkgConfig)

set(_libbot_missing "")
macro(libbot_require found package what)
  if(NOT ${found})
    list(APPEND _libbot_missing "${package} (${what})")
  endif()
endmacro()

find_package(ICU 70 COMPONENTS uc i18n QUIET)
libbot_require(ICU_FOUND libicu-dev "ICU: normalisation, case folding, character properties")

find_package(Threads REQUIRED)

if(PkgConfig_FOUND)
  pkg_check_modules(RE2 QUIET IMPORTED_TARGET re2)
endif()
libbot_require(RE2_FOUND libre2-dev "RE2: pattern matching")

find_package(yaml-cpp QUIET)
libbot_require(yaml-cpp_FOUND libyaml-cpp-dev "yaml-cpp: rule files")

find_package(SQLite3 QUIET)
libbot_require(SQLite3_FOUND libsqlite3-dev "SQLite: FAQ knowledge base")

# Snowball ships no CMake or pkg-config file in Debian 12.
find_path(LIBSTEMMER_INCLUDE_DIR libstemmer.h)
find_library(LIBSTEMMER_LIBRARY stemmer)
if(LIBSTEMMER_INCLUDE_DIR AND LIBSTEMMER_LIBRARY AND NOT TARGET Snowball::stemmer)
  add_library(Snowball::stemmer UNKNOWN IMPORTED)
  set_target_properties(Snowball::stemmer PROPERTIES
    IMPORTED_LOCATION "${LIBSTEMMER_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBSTEMMER_INCLUDE_DIR}")
endif()
libbot_require(LIBSTEMMER_LIBRARY libstemmer-dev "Snowball: stems of words the dictionary does not know")

find_package(nlohmann_json 3.10 QUIET)
libbot_require(nlohmann_json_FOUND nlohmann-json3-dev "nlohmann-json: Session JSON, evaluation files")

if(LIBBOT_BUILD_TOOLS)
  find_package(CLI11 QUIET)
  libbot_require(CLI11_FOUND libcli11-dev "CLI11: the libbot program's options")
endif()

# The Hunspell dictionaries are data read at run time; the lemmatiser and the
# language detector are built from them. Their location can be overridden.
set(LIBBOT_DICTIONARY_DIR "/usr/share/hunspell" CACHE PATH
    "Folder with hu_HU.{aff,dic} and pl_PL.{aff,dic}")
foreach(_dict hu_HU.aff hu_HU.dic)
  if(NOT EXISTS "${LIBBOT_DICTIONARY_DIR}/${_dict}")
    list(APPEND _libbot_missing "hunspell-hu (${LIBBOT_DICTIONARY_DIR}/${_dict})")
  endif()
endforeach()
foreach(_dict pl_PL.aff pl_PL.dic)
  if(NOT EXISTS "${LIBBOT_DICTIONARY_DIR}/${_dict}")
    list(APPEND _libbot_missing "hunspell-pl (${LIBBOT_DICTIONARY_DIR}/${_dict})")
  endif()
endforeach()

if(LIBBOT_BUILD_TESTS)
  find_package(doctest QUIET)
  libbot_require(doctest_FOUND doctest-dev "doctest: unit tests")
endif()

if(_libbot_missing)
  list(JOIN _libbot_missing "\n  " _libbot_missing_text)
  message(FATAL_ERROR
    "libbot: missing dependencies:\n  ${_libbot_missing_text}\n"
    "Install them with: sudo scripts/setup.sh")
endif()
