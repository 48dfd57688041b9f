<#-- Paths of the system a generated script works on. rooted is the one way every script reaches
     a path of that system: it resolves the path as that system sees it, inside $root. The install
     scripts, the node script and xenpv-verify each carry a copy, so each stays standalone; the
     script sets root (empty for this machine's /) before it calls rooted. -->
<#macro rooted>
<#noparse>
# rooted PATH: prints where the absolute PATH of the system whose root is $root (empty: this
# machine's /) lies on this machine. Every symbolic link on the way, in any component, is followed
# as that system follows it: an absolute target starts again at $root and ".." never climbs above
# it, so the result lies inside $root whatever the links say. The last component need not exist.
# Links are read from ls -l: RHEL 3's coreutils have no readlink. Fails on a loop (40 links).
rooted() {
    rooted_rest=$1
    rooted_path=
    rooted_links=0
    while [ -n "$rooted_rest" ]; do
        rooted_part=${rooted_rest%%/*}
        if [ "$rooted_part" = "$rooted_rest" ]; then
            rooted_rest=
        else
            rooted_rest=${rooted_rest#*/}
        fi
        case $rooted_part in
            "" | .) ;;
            ..) rooted_path=${rooted_path%/*} ;;
            *)
                rooted_here=$root$rooted_path/$rooted_part
                if [ -h "$rooted_here" ]; then
                    rooted_links=$((rooted_links + 1))
                    [ "$rooted_links" -le 40 ] || return 1
                    # shellcheck disable=SC2012
                    rooted_line=$(QUOTING_STYLE=literal ls -ld "$rooted_here") || return 1
                    rooted_target=${rooted_line#*" $rooted_here -> "}
                    [ "$rooted_target" != "$rooted_line" ] || return 1
                    case $rooted_target in
                        /*) rooted_path= ;;
                    esac
                    rooted_rest=$rooted_target/$rooted_rest
                else
                    rooted_path=$rooted_path/$rooted_part
                fi
                ;;
        esac
    done
    printf '%s\n' "$root${rooted_path:-/}"
}
</#noparse>
</#macro>
<#-- kind_of, for the scripts that say why something is in the way of a file or node they write. -->
<#macro kindOf>
<#noparse>
# kind_of PATH: what PATH is, in words, for a message that says why it is in the way.
kind_of() {
    if [ -h "$1" ]; then
        echo "a symbolic link"
    elif [ -d "$1" ]; then
        echo "a folder"
    elif [ -f "$1" ]; then
        echo "a regular file"
    elif [ -b "$1" ]; then
        echo "a block node"
    elif [ -c "$1" ]; then
        echo "a character node"
    else
        echo "a pipe or socket"
    fi
}
</#noparse>
</#macro>
<#-- block_major, for the scripts that need the major of the PV block device. -->
<#macro blockMajor>
# block_major: prints the major of the PV block device ${guest.blockDeviceName}: the number on its line in the
# "Block devices:" part of /proc/devices (a character device may have the same name); nothing
# when there is none.
block_major() {
    block_major_devices=$(rooted /proc/devices) && [ -f "$block_major_devices" ] &&
        awk -v name=${sh(guest.blockDeviceName)} '
            /^Block devices:/ { block = 1; next }
            /^[A-Za-z]/ { block = 0 }
            block && $2 == name { print $1; exit }' "$block_major_devices"
}
</#macro>
<#-- An awk function: a field s of /proc/mounts or /proc/swaps as the path it names (a field of
     /proc/modules, a module name, has no backslash and stays as it is). The kernel writes a space
     in a path as \040, a tab as \011, a newline as \012, a backslash as \134. -->
<#macro unescapeAwk>
<#noparse>
        function unescape(s,    out, at, code) {
            out = ""
            while ((at = index(s, "\\")) > 0) {
                code = substr(s, at + 1, 3)
                out = out substr(s, 1, at - 1)
                if (code == "040") out = out " "
                else if (code == "011") out = out "\t"
                else if (code == "012") out = out "\n"
                else if (code == "134") out = out "\\"
                else { out = out "\\"; s = substr(s, at + 1); continue }
                s = substr(s, at + 4)
            }
            return out s
        }
</#noparse>
</#macro>
