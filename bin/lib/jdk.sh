# shellcheck shell=bash
# Sourced by bin/suite and .ci/run: picks a JDK >= 21 and exports JAVA_HOME and PATH.
#   source bin/lib/jdk.sh && inferplan_use_jdk
# Order: $JAVA_HOME if it is >= 21, otherwise the newest >= 21 among the standard
# install locations (and whatever `java` is on PATH). Fails with the list of what it saw.

INFERPLAN_MIN_JDK=21

# Prints the feature version (8, 17, 21, 25, ...) of the JDK at $1, or nothing.
inferplan_jdk_major() {
    local home=$1 line version
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
    line=$(grep -m1 '^JAVA_VERSION=' "$home/release" 2>/dev/null) \
        || line=$("$home/bin/java" -version 2>&1 | grep -m1 -Eo 'version "[^"]+"')
    version=${line#*\"}; version=${version%%\"*}
    [[ $version == 1.* ]] && version=${version#1.}
    version=${version%%[!0-9]*}
    [[ -n $version ]] || return 1
    echo "$version"
}

inferplan_jdk_candidates() {
    local dir
    for dir in /usr/lib/jvm/* /opt/java/* /usr/local/*jdk* "$HOME"/.sdkman/candidates/java/* \
               /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [[ -d $dir && ! $dir == */current ]] && echo "$dir"
    done
    if command -v java >/dev/null 2>&1; then
        dir=$(readlink -f "$(command -v java)")
        echo "${dir%/bin/java}"
    fi
}

inferplan_use_jdk() {
    local chosen="" chosen_major=0 home real major seen=() resolved=" "
    if [[ -n ${JAVA_HOME:-} ]]; then
        major=$(inferplan_jdk_major "$JAVA_HOME") || major=""
        if [[ -n $major && $major -ge $INFERPLAN_MIN_JDK ]]; then
            chosen=$JAVA_HOME chosen_major=$major
        else
            seen+=("$JAVA_HOME (JAVA_HOME: ${major:-not a JDK})")
        fi
    fi
    if [[ -z $chosen ]]; then
        while IFS= read -r home; do
            real=$(readlink -f "$home") || continue
            [[ $resolved == *" $real "* ]] && continue
            resolved+="$real "
            major=$(inferplan_jdk_major "$real") || continue
            seen+=("$real ($major)")
            if (( major >= INFERPLAN_MIN_JDK && major > chosen_major )); then
                chosen=$real chosen_major=$major
            fi
        done < <(inferplan_jdk_candidates)
    fi
    if [[ -z $chosen ]]; then
        local found="none"
        (( ${#seen[@]} )) && found=$(printf '%s, ' "${seen[@]}") && found=${found%, }
        echo "inferplan needs a JDK $INFERPLAN_MIN_JDK or newer; found only: $found" >&2
        echo "Install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
        return 1
    fi
    export JAVA_HOME=$chosen
    export PATH="$JAVA_HOME/bin:$PATH"
    export INFERPLAN_JDK_MAJOR=$chosen_major
    if (( chosen_major >= 24 )) && [[ ${MAVEN_OPTS:-} != *--sun-misc-unsafe-memory-access* ]]; then
        export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
    fi
}
