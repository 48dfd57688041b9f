<#-- The start both install scripts share, rendered into each so that each stays standalone:
     usage, usage_error, log and fail, then the options parsed into shell variables. Every script
     takes --root DIR (root, empty for /) and -h/--help; switches are its own options, each a
     hash {flag, variable, help} that sets variable to yes (default no). rootHelp: the lines that
     explain --root DIR for this script. The script sets program (its name) before this. -->
<#macro prelude rootHelp switches>
<#local width = "--root DIR"?length>
<#list switches as switch>
<#if (switch.flag?length > width)><#local width = switch.flag?length></#if>
</#list>
usage() {
    cat <<EOF
usage: $program [--root DIR]<#list switches as switch> [${switch.flag}]</#list>
<#list rootHelp as line>
  ${line?is_first?then("--root DIR", "")?right_pad(width + 2)}${line}
</#list>
<#list switches as switch>
  ${switch.flag?right_pad(width + 2)}${switch.help}
</#list>
exit status: 0 ok, 1 a step failed (the message names it), 2 usage
EOF
}

usage_error() {
    echo "$program: $1" >&2
    usage >&2
    exit 2
}

log() {
    echo "$program: $*"
}

# fail STEP MESSAGE: stops the run; everything done so far is complete and kept.
fail() {
    echo "$program: step $1 failed: $2" >&2
    exit 1
}

root=
<#list switches as switch>
${switch.variable}=no
</#list>
while [ $# -gt 0 ]; do
    case $1 in
        --root)
            [ $# -ge 2 ] || usage_error "--root needs a folder"
            root=$2
            shift
            ;;
        --root=*) root=${r"${1#--root=}"} ;;
<#list switches as switch>
        ${switch.flag}) ${switch.variable}=yes ;;
</#list>
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument: $1" ;;
    esac
    shift
done
if [ -n "$root" ]; then
    [ -d "$root" ] || usage_error "--root $root is not a folder"
    root=$(cd "$root" && pwd) || usage_error "cannot enter $root"
    [ "$root" != / ] || root=
fi
</#macro>
