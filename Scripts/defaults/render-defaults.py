#!/usr/bin/env python3
"""Render Istio Mixer's default telemetry configuration for every release
and bundle it as data, because an offline evaluator must apply the config a
user's Mixer actually ran, and that config changed in patch releases.

    python3 Scripts/defaults/render-defaults.py ISTIO_GIT_DIR
    python3 Scripts/defaults/render-defaults.py --table-only

Run from anywhere; paths are relative to the repository root.

Full run (needs a clone of https://github.com/istio/istio with its tags,
e.g. a bare mirror):
  1. renders the config template of EVERY final release tag 0.8.0..1.7.8
     (pre-release tags skipped) as a default install renders it (see
     chart_render.py for the paths, values and substitutions);
  2. groups consecutive tags whose config.istio.io resources are the same,
     up to resource order, comments and whitespace (labels count: 1.1.3 only
     added labels, and is kept a variant of its own), prints the grouping,
     and exits 1 without writing anything when it is not EXPECTED_VARIANTS;
  3. writes Scripts/data/mixer-defaults/<variant>.yaml (the newest tag's
     rendering, with a provenance header) and releases.json (every tag read,
     its variant, source path, blob and commit);
  4. regenerates the Swift table, as --table-only does.

--table-only rebuilds Sources/MixerConfig/Defaults/generated/
(DefaultConfigurationTable.swift and one DefaultDocuments+<Kind>.swift per
kind of resource, each distinct document once) from the committed data
files alone; DefaultConfigurationTableTests checks it against them.
"""
import json
import pathlib
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import chart_render  # noqa: E402
import swift_table  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "Scripts" / "data" / "mixer-defaults"
TABLE = ROOT / "Sources" / "MixerConfig" / "Defaults" / "generated" / "DefaultConfigurationTable.swift"
# (first tag, last tag) of each semantic variant, oldest first; a variant is
# named by its first tag. Taken from reading the sources; the run checks it.
EXPECTED_VARIANTS = [
    ("0.8.0", "0.8.0"), ("1.0.0", "1.0.0"), ("1.0.1", "1.0.9"), ("1.1.0", "1.1.2"),
    ("1.1.3", "1.1.17"), ("1.2.0", "1.2.7"), ("1.2.8", "1.2.10"), ("1.3.0", "1.3.0"),
    ("1.3.1", "1.3.5"), ("1.3.6", "1.4.10"), ("1.5.0", "1.6.14"), ("1.7.0", "1.7.8"),
]


def content_key(release, strip_labels=False):
    """What makes two renderings the same variant: the set of resources, each
    as its normalised text (Mixer keys config by kind and name, not by order)."""
    texts = (chart_render.normalised(r) for r in release["resources"])
    if strip_labels:
        texts = (chart_render.without_labels(t) for t in texts)
    return tuple(sorted(texts))


def group_releases(releases, strip_labels=False):
    """Consecutive tags with the same content, as lists of releases. A content
    that comes back after a different one would make a variant that is not a
    range of releases, which the table cannot express: that is an error."""
    groups, seen = [], {}
    for release in releases:
        key = content_key(release, strip_labels)
        if groups and content_key(groups[-1][-1], strip_labels) == key:
            groups[-1].append(release)
            continue
        if key in seen:
            raise SystemExit(f"render-defaults: {release['tag']} repeats the content of {seen[key]}"
                             " after a different one: variants are no longer ranges")
        seen[key] = release["tag"]
        groups.append([release])
    return groups


def print_grouping(title, groups):
    """Show a grouping as `first..last (n): tags`, for the person running it."""
    print(title)
    for group in groups:
        tags = [r["tag"] for r in group]
        print(f"  {tags[0]}..{tags[-1]} ({len(tags)}): {' '.join(tags)}")


def check_grouping(groups):
    """Stop before writing when the sources disagree with EXPECTED_VARIANTS:
    the bundled data and its documentation assume that list."""
    found = [(g[0]["tag"], g[-1]["tag"]) for g in groups]
    if found != EXPECTED_VARIANTS:
        print("render-defaults: ERROR: the grouping differs from EXPECTED_VARIANTS", file=sys.stderr)
        print(f"  expected: {EXPECTED_VARIANTS}\n  found:    {found}", file=sys.stderr)
        raise SystemExit(1)


def variant_file_text(group):
    """A variant's data file: a provenance header, then the newest tag's
    resources in the template's order, as one multi-document YAML stream."""
    newest = group[-1]
    tags = " ".join(r["tag"] for r in group)
    header = [
        f"# Istio Mixer default telemetry configuration, variant {group[0]['tag']}.",
        f"# Releases: {group[0]['tag']}..{newest['tag']} ({tags})",
        f"# Source: istio/istio {newest['tag']}:{newest['path']}",
        f"#   blob {newest['blob']}, commit {newest['commit']}",
        "# Rendered as a default install does (config.istio.io resources only) by",
        "# Scripts/defaults/render-defaults.py. Do not edit. Template expressions substituted:",
    ]
    header += [f"#   {{{{ {k} }}}} -> {v}" for k, v in sorted(newest["substitutions"].items())]
    return "\n".join(header) + "\n---\n" + "\n---\n".join(newest["resources"]) + "\n"


def releases_json(groups):
    """The release list and grouping, for --table-only and for readers."""
    variants, releases = [], []
    for group in groups:
        newest = group[-1]
        variants.append({
            "name": group[0]["tag"], "first": group[0]["tag"], "last": newest["tag"],
            "source": f"{newest['tag']}:{newest['path']}", "blob": newest["blob"],
            "commit": newest["commit"], "file": f"{group[0]['tag']}.yaml",
        })
        for release in group:
            releases.append({"tag": release["tag"], "variant": group[0]["tag"],
                             "path": release["path"], "blob": release["blob"], "commit": release["commit"]})
    about = ("Istio Mixer default telemetry config per release, rendered from https://github.com/istio/istio "
             "by Scripts/defaults/render-defaults.py. Do not edit.")
    return {"_about": about, "variants": variants, "releases": releases}


def write_data(groups):
    """Replace the data directory's variant files and releases.json."""
    DATA.mkdir(parents=True, exist_ok=True)
    names = {f"{g[0]['tag']}.yaml" for g in groups}
    for stale in DATA.glob("*.yaml"):
        if stale.name not in names:
            stale.unlink()
    for group in groups:
        (DATA / f"{group[0]['tag']}.yaml").write_text(variant_file_text(group))
    (DATA / "releases.json").write_text(json.dumps(releases_json(groups), indent=2) + "\n")


def full_run(git_dir):
    """Render, group, check, then write the data and the Swift table."""
    releases = []
    for tag in chart_render.release_tags(git_dir):
        try:
            releases.append(chart_render.render_release(git_dir, tag))
        except chart_render.RenderError as error:
            raise SystemExit(f"render-defaults: {tag}: {error}")
    groups = group_releases(releases)
    print_grouping(f"{len(releases)} releases, {len(groups)} variants:", groups)
    print_grouping("Ignoring metadata.labels, the variants would be:", group_releases(releases, True))
    substitutions = {}
    for release in releases:
        for expression, value in release["substitutions"].items():
            substitutions.setdefault(f"{{{{ {expression} }}}} -> {value}", []).append(release["tag"])
    print("Substitutions made:")
    for text, tags in substitutions.items():
        print(f"  {text}  ({tags[0]}..{tags[-1]}, {len(tags)} releases)")
    check_grouping(groups)
    write_data(groups)
    swift_table.write(DATA, TABLE)
    print(f"Wrote {DATA.relative_to(ROOT)}/ and {TABLE.relative_to(ROOT)}")


def main(args):
    """Dispatch on the command line (see the module docstring)."""
    if args == ["--table-only"]:
        swift_table.write(DATA, TABLE)
        print(f"Wrote {TABLE.relative_to(ROOT)}")
    elif len(args) == 1 and not args[0].startswith("-"):
        full_run(args[0])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
