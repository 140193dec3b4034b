#!/usr/bin/env bash
# l10nflow in CI, one stage per call. The GitHub Actions workflow next to this file
# (translations.yml) runs these stages, and so does l10nflow's own CI (.ci/run), on the example
# project: the documented recipe is the tested one. Copy both files into your repository
# (the workflow expects this script at .github/l10nflow-ci.sh).
#
#   l10nflow-ci.sh install   pip install "$L10NFLOW" (default: l10nflow): the core, no model stack
#   l10nflow-ci.sh check     findings as annotations on the PO lines (--format github);
#                            exit 1 on error-level findings, 2 on bad input, 70 on a bug
#   l10nflow-ci.sh reports   the same findings as l10nflow.sarif and l10nflow-junit.xml;
#                            findings (exit 1) are expected here, any other failure fails
#
# Environment: PYTHON (default: python), L10NFLOW (what pip installs), L10NFLOW_CHECK_ARGS
# (more options for check, e.g. --require-reviewed on release branches).
set -euo pipefail

python=${PYTHON:-python}
read -r -a extra <<<"${L10NFLOW_CHECK_ARGS:-}"

# Run l10nflow; exit 1 (findings) is what reports are for, anything else but 0 stops the job.
findings_ok() {
    local status=0
    "$@" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "l10nflow-ci: '$*' failed with exit $status" >&2
        exit "$status"
    fi
}

case "${1:-}" in
    install)
        "$python" -m pip install --disable-pip-version-check "${L10NFLOW:-l10nflow}"
        l10nflow --version
        ;;
    check)
        l10nflow check --format github "${extra[@]}"
        ;;
    reports)
        findings_ok l10nflow -q check --format sarif -o l10nflow.sarif "${extra[@]}"
        findings_ok l10nflow -q check --format junit -o l10nflow-junit.xml "${extra[@]}"
        ;;
    *)
        echo "usage: $0 install|check|reports" >&2
        exit 2
        ;;
esac
