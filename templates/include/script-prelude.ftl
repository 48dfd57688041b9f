<#import "/include/paths.ftl" as paths>
<#-- The start both install scripts share, rendered into each so that each stays standalone:
     usage, usage_error, log and fail; rooted, the one way to reach a path under the root; the run's
     lock, temporary files and writes; then the options parsed into shell variables, --root
     checked; then the macro's body (the script's own usage checks, so that a usage error comes
     before anything else can fail); then here, the bundle folder, and stamp, the run's time.
     Every script takes --root DIR (root, empty for /) and -h/--help; switches are its own
     options, each a hash {flag, variable, help} that sets variable to yes (default no). rootHelp:
     the lines that explain --root DIR for this script. The script sets program (its name) and
     guest_name before this, calls start_run once it knows whether the run writes (dry_run), and
     writes every file through put or copy_file. -->
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
<#noparse>

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
</#noparse>
<@paths.rooted/>
<@paths.kindOf/>
<#noparse>

# ---------------------------------------------------------------- one run at a time, whole files
# A run that writes holds the root's lock, the folder /var/lib/xenpv/.lock made by mkdir (atomic),
# from before its first read to its end, however it ends. Every run that may write also leaves
# a record /var/lib/xenpv/.run.<pid> while it lives. The lock names its holder's pid and the start
# time of that process, so a lock whose holder no longer runs (killed with SIGKILL, say) is known
# as stale; one without a holder yet (its taker killed right after mkdir) is stale when no other
# run lives. A stale lock is taken over, and said so; a live one fails the run at once.
# Temporary files are <target>.xenpv-tmp.<pid> beside their target, so the rename that commits
# them is atomic; the run removes its own when it ends, and a run holding the lock removes any
# other, which only a killed run can have left.

lock_folder=
locked=no
temporaries=
work=

# process_start PID: when process PID started (in clock ticks since boot), empty if unknown.
process_start() {
    awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$1/stat" 2> /dev/null
}

# alive PID [START]: whether process PID runs and, when START is given, started then (a PID the
# system gave to another process since does not count).
alive() {
    kill -0 "$1" 2> /dev/null || return 1
    [ -z "$2" ] || [ "$(process_start "$1")" = "$2" ]
}

# other_run PATH: whether PATH (a run's record or work folder, named <something>.<pid>) is
# another run's than this one; sets run_pid to that pid.
other_run() {
    run_pid=${1##*.}
    case $run_pid in
        "" | *[!0-9]* | "$$") return 1 ;;
    esac
}

# record_lives RECORD: whether the run $run_pid (other_run took it from RECORD's name) still runs
# and started when RECORD says. A record that is a link is no run's: it is not read, so that it
# cannot lead a read out of the root.
record_lives() {
    [ ! -h "$1" ] && alive "$run_pid" "$(cat "$1" 2> /dev/null)"
}

# another_run_lives: whether a run other than this one has a record and still runs.
another_run_lives() {
    for run_record in "$lock_folder"/.run.*; do
        other_run "$run_record" && record_lives "$run_record" && return 0
    done
    return 1
}

take_lock() {
    lock_folder=$(rooted /var/lib/xenpv) || fail lock "too many symbolic links in /var/lib/xenpv"
    lock=$lock_folder/.lock
    # The highest folder of /var/lib/xenpv that is missing: the run removes what it made.
    lock_made=$lock_folder
    while [ ! -d "${lock_made%/*}/" ]; do
        lock_made=${lock_made%/*}
    done
    lock_start=$(process_start $$)
    lock_tries=0
    while :; do
        lock_tries=$((lock_tries + 1))
        [ "$lock_tries" -le 10 ] || fail lock "cannot take $lock: it keeps changing hands"
        [ -d "$lock_folder" ] || mkdir -p "$lock_folder" || fail lock "cannot create $lock_folder"
        # A record of this pid is a dead run's (or planted): it goes before this run writes its own.
        if [ -e "$lock_folder/.run.$$" ] || [ -h "$lock_folder/.run.$$" ]; then
            rm -f "$lock_folder/.run.$$" || fail lock "cannot remove $lock_folder/.run.$$"
        fi
        if ! printf '%s\n' "$lock_start" 2> /dev/null > "$lock_folder/.run.$$"; then
            # The folder goes when the last run in it ends: one ending now may have taken it away.
            [ ! -d "$lock_folder" ] || fail lock "cannot write in $lock_folder"
            continue
        fi
        mkdir "$lock" 2> /dev/null && break
        # No run makes anything but a folder there: a link or a file is in the way, and goes.
        if [ -h "$lock" ] || { [ -e "$lock" ] && [ ! -d "$lock" ]; }; then
            log "lock: $lock is $(kind_of "$lock"), not a lock: removing it"
            rm -f "$lock" || fail lock "cannot remove $lock"
            continue
        fi
        [ -d "$lock" ] || continue
        lock_holder=
        [ -h "$lock/holder" ] || lock_holder=$(cat "$lock/holder" 2> /dev/null)
        lock_pid=${lock_holder%% *}
        lock_rest=${lock_holder#* }
        if [ -n "$lock_holder" ] && alive "$lock_pid" "${lock_rest%% *}"; then
            fail lock "$lock is held by the run ${lock_rest#* } (pid $lock_pid): one run at a time per root; wait for it to end"
        fi
        another_run_lives &&
            fail lock "$lock is being taken by another run (pid $run_pid): one run at a time per root; wait for it to end"
        if [ -n "$lock_holder" ]; then
            log "lock: $lock was left by the run ${lock_rest#* } (pid $lock_pid), which no longer runs: taking it over"
        else
            log "lock: $lock was left by a run killed while it took it: taking it over"
        fi
        rm -rf "$lock" || fail lock "cannot remove the stale lock $lock"
    done
    locked=yes
    printf '%s %s %s of guest %s, started %s\n' $$ "$lock_start" "$program" "$guest_name" \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$lock/holder" || fail lock "cannot write $lock/holder"
    # Holding the lock, what a killed run left is no one's: its record and its work folder.
    for run_record in "$lock_folder"/.run.*; do
        other_run "$run_record" || continue
        record_lives "$run_record" || rm -f "$run_record"
    done
    for old_work in "${TMPDIR:-/tmp}/xenpv-$program".*; do
        other_run "$old_work" || continue
        alive "$run_pid" || rm -rf "$old_work"
    done
}

# end_run: what the EXIT trap does: removes this run's temporary files, work folder, record and
# lock, and /var/lib/xenpv when nothing is left in it (with the folders above it this run made).
end_run() {
    printf '%s\n' "$temporaries" | while IFS= read -r temporary; do
        if [ -e "$temporary" ] || [ -h "$temporary" ]; then
            rm -f "$temporary"
        fi
    done
    [ -z "$work" ] || rm -rf "$work"
    if [ -n "$lock_folder" ]; then
        [ "$locked" = no ] || rm -rf "$lock"
        rm -f "$lock_folder/.run.$$"
        lock_empty=$lock_folder
        while rmdir "$lock_empty" 2> /dev/null && [ "$lock_empty" != "$lock_made" ]; do
            lock_empty=${lock_empty%/*}
        done
    fi
}

# start_run: a run that writes takes the lock first; every run gets a private work folder
# $work outside the root, for computed contents (so a dry run writes nothing in the root).
start_run() {
    trap end_run 0
    trap 'exit 1' 1 2 3 15
    [ "$dry_run" = yes ] || take_lock
    work=${TMPDIR:-/tmp}/xenpv-$program.$$
    # A killed run with this pid may have left it.
    if [ -e "$work" ]; then
        rm -rf "$work" || fail preflight "cannot remove the old work folder $work"
    fi
    mkdir -m 700 "$work" || fail preflight "cannot create the work folder $work"
}

# temporary TARGET: sets temporary to this run's temporary file beside TARGET, which goes when
# the run ends. Only this run writes that name (a killed run's is swept before), so cp and
# cat may write it afresh.
temporary() {
    temporary=$1.xenpv-tmp.$$
    temporaries="$temporaries
$temporary"
}

# sweep FOLDER: removes the temporary files a killed run left in FOLDER (only with the lock held,
# before this run makes its own there).
sweep() {
    for swept in "$1"/*.xenpv-tmp.*; do
        # a file, a link or a device node (xenpv-mknod's); never a folder
        if [ -h "$swept" ] || { [ -e "$swept" ] && [ ! -d "$swept" ]; }; then
            rm -f "$swept"
        fi
    done
}

# put NEW TARGET MODE OWNED: makes TARGET (a path on this machine, links resolved) a copy of NEW
# in one rename, after clearing what a killed run left beside it. An existing TARGET passes on its owner and mode; a new one gets MODE, and so does
# an existing one when OWNED is yes (a file the bundle owns: its mode is the bundle's). The
# rename gives TARGET a new inode: a hard link to the old one, inside the root or out, keeps its
# content and mode. The mode is set before the content goes in, so a file that must be root's
# alone (0600) never holds its new content readable by others.
put() {
    [ ! -e "$2" ] || [ -f "$2" ] || { echo "$program: $2 is not a regular file" >&2; return 1; }
    [ "$locked" = no ] || sweep "${2%/*}"
    temporary "$2"
    if [ -f "$2" ]; then
        cp -p "$2" "$temporary" || return 1
        [ "$4" = no ] || chmod "$3" "$temporary" || return 1
        cat "$1" > "$temporary" || return 1
    else
        folder "$2" && cp "$1" "$temporary" && chmod "$3" "$temporary" || return 1
    fi
    mv -f "$temporary" "$2"
}

# copy_file FROM TO: makes TO (a path on this machine, links resolved) a copy of FROM, with its
# mode, owner and time, in one rename.
copy_file() {
    [ ! -e "$2" ] || [ -f "$2" ] || { echo "$program: $2 is not a regular file" >&2; return 1; }
    [ "$locked" = no ] || sweep "${2%/*}"
    temporary "$2"
    folder "$2" && cp -p "$1" "$temporary" && mv -f "$temporary" "$2"
}

# folder PATH: makes sure the folder PATH is in exists (PATH: on this machine, links resolved).
folder() {
    [ -d "${1%/*}/" ] || mkdir -p "${1%/*}/"
}

# backup_name FILE: the name of a new backup of FILE: FILE.xenpv-<UTC time of this run>, or with
# -1, -2, ... the first that does not exist: two backups made in one second keep apart.
backup_name() {
    backup_name=$1.xenpv-$stamp
    backup_number=0
    while [ -e "$backup_name" ] || [ -h "$backup_name" ]; do
        backup_number=$((backup_number + 1))
        backup_name=$1.xenpv-$stamp-$backup_number
    done
    printf '%s\n' "$backup_name"
}

# back_up FILE: copies FILE (on this machine, links resolved) to a new backup beside it, whose
# path it sets backup to.
back_up() {
    backup=$(backup_name "$1") && copy_file "$1" "$backup"
}

# show_diff FROM TO FILE: the change to FILE as a unified diff (for --dry-run).
show_diff() {
    if [ -f "$1" ]; then
        diff -u -L "$3" -L "$3" "$1" "$2"
    else
        diff -u -L /dev/null -L "$3" /dev/null "$2"
    fi
}

root=
</#noparse>
<#list switches as switch>
${switch.variable}=no
</#list>
<#noparse>
root_given=no
while [ $# -gt 0 ]; do
    case $1 in
        --root)
            [ $# -ge 2 ] || usage_error "--root needs a folder"
            root=$2
            root_given=yes
            shift
            ;;
        --root=*) root=${1#--root=}; root_given=yes ;;
</#noparse>
<#list switches as switch>
        ${switch.flag}) ${switch.variable}=yes ;;
</#list>
<#noparse>
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument: $1" ;;
    esac
    shift
done
# --root must name an existing folder by its absolute path, nothing a shell could read otherwise
# (cd -P, cd - or an empty word would mean another folder, or this machine's /).
if [ "$root_given" = yes ]; then
    case $root in
        "") usage_error "--root needs a folder, not an empty word" ;;
        *"
"*) usage_error "--root must not hold a newline" ;;
        /*) ;;
        *) usage_error "--root $root is not an absolute path (one that starts with /)" ;;
    esac
    [ -d "$root" ] || usage_error "--root $root is not an existing folder"
    root=$(cd "$root" && pwd -P) || usage_error "cannot enter --root $root"
    # / by any route (a bind mount of it, say) is this machine itself, not an image: the same
    # folder as / is what test -ef asks, which RHEL 3's bash, dash and busybox all answer.
    # shellcheck disable=SC3013
    if [ "$root" = / ] || [ "$root" -ef / ]; then
        root=
    fi
fi
</#noparse>
<#nested>
<#noparse>

# The bundle folder the script runs from, which holds the generated files it installs.
here=$(cd "$(dirname "$0")" && pwd) || fail preflight "cannot find the bundle folder of $0"
# The UTC time of this run, in the name of every backup it makes.
stamp=$(date -u +%Y%m%dT%H%M%SZ)

# check_sums: before the run's first write, the bundle's files must be the ones the build
# wrote, as its SHA256SUMS lists them: a file changed or cut short on the way stops the run,
# named. It proves the bundle whole, not who made it: SHA256SUMS travels with it, and whoever can
# change a file can change it too. RHEL 3 has no sha256sum, and a copy of guest/ alone has no
# SHA256SUMS: then the check is left to the machine that unpacked the bundle (said so).
check_sums() {
    sums_folder=${here%/*}
    if [ ! -f "$sums_folder/SHA256SUMS" ]; then
        log "checksums: skipped (no SHA256SUMS in ${sums_folder:-/}: check the bundle where it was unpacked whole, sha256sum -c SHA256SUMS)"
        return
    fi
    if ! command -v sha256sum > /dev/null 2>&1; then
        log "checksums: skipped (no sha256sum on this system: run sha256sum -c SHA256SUMS in $sums_folder where it has one)"
        return
    fi
    sums_failed=$(cd "$sums_folder" && sha256sum -c SHA256SUMS 2>&1 | sed -n '/: OK$/!{/^sha256sum: WARNING/!p;}') ||
        fail preflight "cannot check $sums_folder/SHA256SUMS"
    if [ -n "$sums_failed" ]; then
        sums_files=$(printf '%s\n' "$sums_failed" | sed -n 's/: FAILED.*$//p' | tr '\n' ' ')
        fail preflight "${sums_files}does not match SHA256SUMS in $sums_folder (sha256sum -c: $(printf '%s' "$sums_failed" | tr '\n' ';')): the bundle changed since it was built; unpack it again (nothing was changed)"
    fi
    log "checksums: done (every file matches SHA256SUMS)"
}
</#noparse>
</#macro>
