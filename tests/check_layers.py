"""Checks that libbot's includes follow its layers (docs/architecture.md).

usage: check_layers.py REPO_DIR

libbot/src is grouped by subsystem, lowest first:

    util < text < load < match < kb < engine

A file may include headers of its own folder and of the folders below it,
always by folder ("match/pattern.h"), never by bare name. Public headers
(libbot/include/libbot) include only other public headers. The program
(libbot/tools) and the Python module (bindings/python) include only public
headers: they use what users get. Exits 1 listing every include that breaks
a rule, so that a change which points an include up the layers fails ctest.
"""
import pathlib
import re
import sys

LAYERS = ["util", "text", "load", "match", "kb", "engine"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path):
    text = path.read_text(encoding="utf-8")
    for match in INCLUDE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield line, match.group(1)


def check_internal(src, problems):
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        rel = path.relative_to(src)
        if len(rel.parts) != 2 or rel.parts[0] not in LAYERS:
            problems.append(f"{path}: not inside a layer folder {LAYERS}")
            continue
        own = LAYERS.index(rel.parts[0])
        for line, name in includes(path):
            if name.startswith("libbot/"):
                continue
            folder = name.split("/")[0] if "/" in name else None
            if folder not in LAYERS:
                problems.append(f"{path}:{line}: '{name}' is not included by "
                                "its folder (e.g. \"util/utf8.h\")")
            elif LAYERS.index(folder) > own:
                problems.append(f"{path}:{line}: '{name}' points up the "
                                f"layers ({rel.parts[0]} may not use {folder})")


def check_public_only(paths, what, problems):
    for path in paths:
        for line, name in includes(path):
            if not name.startswith("libbot/"):
                problems.append(f"{path}:{line}: {what} includes the internal "
                                f"header '{name}'; use a public one")


def self_test():
    """The checker must catch what it is for: a tree with an upward include,
    a bare include and a public header leaking an internal one."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "libbot/src/util").mkdir(parents=True)
        (root / "libbot/src/util/a.cc").write_text('#include "engine/x.h"\n'
                                                   '#include "b.h"\n')
        (root / "libbot/include/libbot").mkdir(parents=True)
        (root / "libbot/include/libbot/p.h").write_text('#include "util/a.h"\n')
        found = []
        check_internal(root / "libbot/src", found)
        check_public_only(sorted((root / "libbot/include/libbot").glob("*.h")),
                          "a public header", found)
        if len(found) != 3:
            sys.exit(f"check_layers.py misses problems it should find: {found}")


def main():
    self_test()
    repo = pathlib.Path(sys.argv[1])
    problems = []
    check_internal(repo / "libbot/src", problems)
    check_public_only(sorted((repo / "libbot/include/libbot").glob("*.h")),
                      "a public header", problems)
    check_public_only(sorted((repo / "libbot/tools").glob("*.cc")),
                      "the libbot program", problems)
    check_public_only(sorted((repo / "bindings/python").glob("*.cc")),
                      "the Python module", problems)
    for p in problems:
        print(p)
    print(f"{len(problems)} layering problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
