"""Render one Istio release's Mixer telemetry config template the way a
default install does, without Helm: render-defaults.py needs every release
from 0.8.0 to 1.7.8 rendered from the tagged sources, and Helm itself (two
major versions, Tiller, istioctl) is not something a script can pin.

The templates use only a small part of Go templates: whole-line
`{{- if COND }}` / `{{- end }}` blocks, a `{{ define }}` wrapper (0.8.0),
and `{{ EXPR }}` substitutions of release data and chart values. This module
handles exactly that part and fails on anything else, so that a template
change that needs more is noticed instead of rendered wrongly.

Values are read the way Helm / istioctl merge them for a default install:
  0.8.0-1.4.x  install/kubernetes/helm/istio/values.yaml, key `mixer.<path>`
               over install/kubernetes/helm/istio/charts/mixer/values.yaml
               (`global.*` from the parent chart only).
  1.5.x        operator/data/profiles/default.yaml `spec.values.<path>` over
               the chart's own values.yaml.
  1.6.x-1.7.x  manifests/profiles/default.yaml, likewise.
"""
import re
import subprocess

NAMESPACE = "istio-system"
RELEASE_NAME = "istio"  # `helm install --name istio`; istioctl hard-codes it (operator/pkg/helm/helm.go)
RELEASE_SERVICE = "Tiller"  # Helm 2, the only Helm the 0.8-1.4 charts supported
HELM_CHART = "install/kubernetes/helm/istio/charts/mixer"
HELM_PARENT_VALUES = "install/kubernetes/helm/istio/values.yaml"
TELEMETRY_CHART_15 = "manifests/istio-telemetry/mixer-telemetry"
TELEMETRY_CHART_16 = "manifests/charts/istio-telemetry/mixer-telemetry"
PROFILE_15 = "operator/data/profiles/default.yaml"
PROFILE_16 = "manifests/profiles/default.yaml"
CONFIG_API = "config.istio.io/v1alpha2"


class RenderError(Exception):
    """A template or value this renderer does not understand: stop, do not guess."""


def git(git_dir, *args):
    """Run git on the Istio clone; a failure is fatal because every input is required."""
    result = subprocess.run(["git", "-C", git_dir, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RenderError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def release_key(tag):
    """Numeric sort key, so that 1.1.10 sorts after 1.1.9."""
    return tuple(int(part) for part in tag.split("."))


def release_tags(git_dir, first="0.8.0", last="1.7.8"):
    """Every final release tag from first to last: pre-releases (alpha, beta,
    rc, snapshot) are not what users run, so they are not variants."""
    tags = [t for t in git(git_dir, "tag", "--list").split() if re.fullmatch(r"\d+\.\d+\.\d+", t)]
    low, high = release_key(first), release_key(last)
    return sorted((t for t in tags if low <= release_key(t) <= high), key=release_key)


def chart_dir(tag):
    """Where the release's Mixer telemetry chart lives (it moved twice)."""
    major, minor, _ = release_key(tag)
    if (major, minor) < (1, 5):
        return HELM_CHART
    return TELEMETRY_CHART_15 if (major, minor) == (1, 5) else TELEMETRY_CHART_16


def source_path(tag):
    """The config template a default install of `tag` renders."""
    return chart_dir(tag) + "/templates/config.yaml"


def yaml_lookup(text, dotted):
    """The scalar at a dotted key path in a block-style YAML file, or None.

    Python's standard library has no YAML reader; values files only need
    nested block mappings of scalars to be found, so indentation is tracked
    and list items, flow collections and block scalars are passed over."""
    stack = []  # (indent, key)
    for line in text.split("\n"):
        match = re.match(r"^( *)([A-Za-z0-9_.\-]+):(?:\s+(.*?))?\s*$", line.split(" #")[0])
        if not match:
            continue
        indent, key, value = len(match.group(1)), match.group(2), match.group(3)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, key))
        if ".".join(k for _, k in stack) == dotted and value not in (None, ""):
            return value.strip("\"'")
    return None


class ChartValues:
    """`.Values` of a default install: ordered layers of (file text, key
    prefix); the first layer that has a path wins, as in Helm's merge."""

    def __init__(self, layers, chart_name):
        """layers: (text, prefix, for_global_paths) in precedence order."""
        self.layers = layers
        self.chart_name = chart_name

    def get(self, path):
        """The value at `path` (relative to .Values), or None when unset."""
        for text, prefix, only_global in self.layers:
            if only_global != path.startswith("global."):
                continue
            value = yaml_lookup(text, prefix + path)
            if value is not None:
                return value
        return None


def chart_values(git_dir, tag):
    """The merged default values of `tag`'s telemetry chart (see the module docstring)."""
    def show(path):
        """A file of the tag, or "" when this release does not have it."""
        return git(git_dir, "show", f"{tag}:{path}") if path in files else ""

    directory = chart_dir(tag)
    files = set(git(git_dir, "ls-tree", "-r", "--name-only", tag, "--", directory, HELM_PARENT_VALUES,
                    PROFILE_15, PROFILE_16).split())
    chart_name = yaml_lookup(show(directory + "/Chart.yaml"), "name")
    own = show(directory + "/values.yaml")
    if directory == HELM_CHART:
        parent = show(HELM_PARENT_VALUES)
        layers = [(parent, "mixer.", False), (own, "", False), (parent, "", True)]
    else:
        profile = show(PROFILE_15 if directory == TELEMETRY_CHART_15 else PROFILE_16)
        layers = [(profile, "spec.values.", False), (own, "", False),
                  (profile, "spec.values.", True), (own, "", True)]
    return ChartValues(layers, chart_name)


def truthy(value):
    """Go template truth: unset, false, zero and empty values are false."""
    return value is not None and value.strip() not in ("", "false", "0", "[]", "{}", "null", "~")


def evaluate_condition(expression, values):
    """Evaluate an `if` condition built from `and`, `or`, `not`, parentheses
    and `.Values.` paths, the only forms the config templates use."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expression)
    position = 0

    def operand():
        """A parenthesised pipeline or a `.Values.` path, as a bool."""
        nonlocal position
        token = tokens[position]
        position += 1
        if token == "(":
            result = pipeline()
            position += 1  # the ")"
            return result
        if token.startswith(".Values."):
            return truthy(values.get(token[len(".Values."):]))
        raise RenderError(f"condition {expression!r}: unexpected {token!r}")

    def pipeline():
        """A function call (`and A B`, `or A B`, `not A`) or a lone operand."""
        nonlocal position
        if tokens[position] not in ("and", "or", "not"):
            return operand()
        function = tokens[position]
        position += 1
        args = []
        while position < len(tokens) and tokens[position] != ")":
            args.append(operand())
        return {"and": all, "or": any}.get(function, lambda a: not a[0])(args)

    result = pipeline()
    if position != len(tokens):
        raise RenderError(f"condition {expression!r}: trailing tokens")
    return result


def substitution(expression, values):
    """The text a `{{ EXPR }}` renders to in a default install; the 'why' of
    each constant is at its definition above."""
    fixed = {
        ".Release.Namespace": NAMESPACE,
        ".Release.Name": RELEASE_NAME,
        ".Release.Service": RELEASE_SERVICE,
        # _helpers.tpl: `default .Chart.Name .Values.nameOverride` and `.Chart.Name`
        'template "mixer.name" .': values.get("nameOverride") or values.chart_name,
        'template "mixer.chart" .': values.chart_name,
    }
    if expression in fixed:
        return fixed[expression]
    if expression.startswith(".Values."):
        value = values.get(expression[len(".Values."):])
        if value is None:
            raise RenderError(f"no default value for {{{{ {expression} }}}}")
        return value
    raise RenderError(f"unsupported template expression {{{{ {expression} }}}}")


DIRECTIVE = re.compile(r"^\s*\{\{-?\s*(if|end|define)\b\s*(.*?)\s*-?\}\}\s*$")


def render_template(text, values):
    """The template with its whole-line if/end blocks decided and its
    expressions substituted, as (line, {expression: value}) pairs, so that
    the caller can say what was substituted with what in what it keeps."""
    out, stack = [], []
    for number, line in enumerate(text.split("\n"), 1):
        directive = DIRECTIVE.match(line)
        if directive:
            kind, argument = directive.groups()
            if kind == "end":
                if not stack:
                    raise RenderError(f"line {number}: {{{{ end }}}} without a block")
                stack.pop()
            else:  # 0.8.0's `define` wrapper renders its body (the configmap includes it)
                stack.append(kind == "define" or evaluate_condition(argument, values))
            continue
        if re.search(r"\{\{-?\s*(if|else|end|define|range|with)\b", line):
            raise RenderError(f"line {number}: control action not on a line of its own: {line.strip()}")
        if not all(stack):
            continue
        used = {}

        def replace(match):
            """One `{{ EXPR }}` of the line, remembered for the provenance header."""
            used[match.group(1)] = substitution(match.group(1), values)
            return used[match.group(1)]

        out.append((re.sub(r"\{\{-?\s*(.*?)\s*-?\}\}", replace, line).rstrip(), used))
    if stack:
        raise RenderError("unbalanced {{ if }} / {{ end }}")
    return out


def split_resources(rendered):
    """The rendered documents that are Mixer config (`config.istio.io`), as
    (text, substitutions) pairs; the networking DestinationRules the same
    file installs are not Mixer's and are left out."""
    resources, document = [], []
    for line, used in rendered + [("---", {})]:
        if line != "---":
            document.append((line, used))
            continue
        api = [text for text, _ in document if text.startswith("apiVersion:")]
        if api and api[0].split(":", 1)[1].strip().strip("\"'") == CONFIG_API:
            text = "\n".join(text for text, _ in document).strip("\n")
            resources.append((text, {k: v for _, u in document for k, v in u.items()}))
        document = []
    return resources


def resource_id(resource):
    """(kind, name) of a resource: the key Mixer stores it under, up to namespace."""
    kind = re.search(r"^kind:\s*(\S+)", resource, re.M).group(1)
    name = re.search(r"^metadata:\n(?:  .*\n)*?  name:\s*(\S+)", resource + "\n", re.M).group(1)
    return kind, name


def normalised(resource):
    """The resource's text without comments, trailing blanks and blank lines:
    formatting-only edits upstream (a trailing space removed in 1.4.0, say)
    must not make a new variant."""
    lines = []
    for line in resource.split("\n"):
        if line.lstrip().startswith("#"):
            continue
        line = re.sub(r"\s+#[^\"']*$", "", line).rstrip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def without_labels(text):
    """The normalised text minus `metadata.labels`, for reporting which
    groups differ only in labels."""
    return re.sub(r"^  labels:\n(?:    .*\n?)*", "", text, flags=re.M)


def render_release(git_dir, tag):
    """Render `tag`'s default Mixer config: a dict with the source path and
    blob, the config.istio.io resources, and the substitutions made."""
    path = source_path(tag)
    template = git(git_dir, "show", f"{tag}:{path}")
    resources = split_resources(render_template(template, chart_values(git_dir, tag)))
    return {
        "tag": tag,
        "path": path,
        "blob": git(git_dir, "rev-parse", f"{tag}:{path}").strip(),
        "commit": git(git_dir, "rev-parse", f"{tag}^{{commit}}").strip(),
        "resources": [text for text, _ in resources],
        "substitutions": {k: v for _, used in resources for k, v in used.items()},
    }
