"""Fails when a doctest case's name has a ';'.

usage: check_test_names.py LIBBOT_TESTS

doctest_discover_tests cuts a name at ';' (CMake's list separator); ctest
then runs a filter that matches no case, and doctest passes an empty run.
Four cases went unrun that way, one of them failing. (A regex property in
CMake cannot hold a ';' either, hence this script.)
"""
import subprocess
import sys


def main():
    listing = subprocess.run([sys.argv[1], "--list-test-cases", "--no-version"],
                             capture_output=True, text=True, check=True).stdout
    names = [line for line in listing.splitlines()
             if line and not line.startswith(("[doctest]", "==="))]
    if len(names) < 100:
        sys.exit(f"only {len(names)} test cases listed: the listing changed")
    bad = [name for name in names if ";" in name]
    for name in bad:
        print(f"test case name with ';' (ctest would not run it): {name}")
    print(f"{len(names)} test case names checked")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
