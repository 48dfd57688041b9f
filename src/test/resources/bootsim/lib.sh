# The simulated guest's hardware and kernel, shared by the stand-ins for the commands that touch
# them (insmod, depmod, fsck, mount, swapon, uname). Everything lives in this root: /.sim holds
# the machine's state, /proc is plain files the stand-ins keep up to date as the kernel would.
# Only what RHEL 3 keeps in /bin is used: these run before /usr is mounted.
#
# /.sim/kernel    the release the guest booted (uname -r)
# /.sim/machine   uname -m
# /.sim/disks     the PV disks dom0 attached, one line per minor: KERNEL-NAME MINOR CONTENT,
#                 CONTENT the file system on it (ext2, ext3, swap), "blank", or "disk" for the
#                 whole disk; no line: the disk is not attached
# /.sim/usr-fs    the content of a separate /usr file system while it is not mounted

# /.sim/ksyms/R  the symbols kernel R exports, as /proc/ksyms lists them (address, versioned name)
#
# The first line of a stand-in module (SimulatedKernel writes them), standing for the ELF header.
MODULE_MAGIC='ELF stand-in module (bootsim)'

# module_info FILE KEY: the value of KEY in the .modinfo of stand-in module FILE; nothing if absent.
module_info() {
    sed -n "s/^modinfo $2=//p" "$1" | sed -n 1p
}

# module_files DIR: every .o under DIR, one per line (no find: /usr may not be mounted).
module_files() {
    for module_files_entry in "$1"/*; do
        if [ -d "$module_files_entry" ] && [ ! -h "$module_files_entry" ]; then
            module_files "$module_files_entry"
        elif [ -f "$module_files_entry" ]; then
            case $module_files_entry in *.o) echo "$module_files_entry" ;; esac
        fi
    done
}

# fresh_proc: /proc of a kernel that has just booted: no module loaded, no PV device, the
# kernel's own exported symbols in /proc/ksyms.
fresh_proc() {
    mkdir -p /proc
    printf 'Character devices:\n  1 mem\n  4 ttyS\n  5 cua\n\nBlock devices:\n  1 ramdisk\n  3 ide0\n' > /proc/devices
    : > /proc/modules
    printf 'major minor  #blocks  name\n\n   3     0    8388608 hda\n   3     1     104391 hda1\n   3     2    7229047 hda2\n   3     3    1052257 hda3\n' > /proc/partitions
    printf '/dev/root / ext3 rw 0 0\n/proc /proc proc rw 0 0\n' > /proc/mounts
    printf 'Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n' > /proc/swaps
    cat "/.sim/ksyms/$(cat /.sim/kernel)" > /proc/ksyms
}

# device_state DEVICE TYPE: "ok" when DEVICE can be opened as a file system of TYPE (or swap),
# otherwise the reason the kernel or the tool would give. Emulated devices (LABEL=, /dev/hd*)
# always work; a PV node needs its block node, the xvd driver, the attached disk and a file system.
device_state() {
    case $1 in
        /dev/xvd*) ;;
        *) echo ok; return ;;
    esac
    if [ ! -e "$1" ]; then
        echo "$1: No such file or directory (no device node)"
        return
    fi
    if [ ! -b "$1" ]; then
        echo "$1: not a block device"
        return
    fi
    # ls -l shows "brw-rw-r-- 1 root disk 202, 1 ...": the major and minor.
    set -- "$1" "$2" $(ls -l "$1" | awk '{ sub(",", "", $5); print $5, $6 }')
    xvd=$(awk '$2 == "xvd" { print $1 }' /proc/devices)
    if [ -z "$xvd" ] || ! grep -q '^xen-vbd ' /proc/modules; then
        echo "$1: No such device (major $3 has no driver: xen-vbd is not loaded)"
        return
    fi
    if [ "$3" != "$xvd" ]; then
        echo "$1: No such device (major $3 is not xvd's $xvd)"
        return
    fi
    if ! awk -v major="$3" -v minor="$4" '$1 == major && $2 == minor { found = 1 } END { exit !found }' /proc/partitions; then
        echo "$1: No such device or address (minor $4: the disk is not attached)"
        return
    fi
    content=$(awk -v minor="$4" '$2 == minor { print $3 }' /.sim/disks)
    case $content in
        "$2") echo ok ;;
        ext3) [ "$2" = ext2 ] && echo ok || echo "$1: holds ext3, not $2" ;;
        blank | "") echo "$1: bad superblock: no $2 file system on it (a blank partition)" ;;
        *) echo "$1: holds $content, not $2" ;;
    esac
}

# fstab_entries: the lines of /etc/fstab that are entries, fields separated by one space.
fstab_entries() {
    awk '$1 !~ /^#/ && NF >= 4 { print $1, $2, $3, $4, ($5 == "" ? 0 : $5), ($6 == "" ? 0 : $6) }' /etc/fstab
}

# mount_one DEVICE MOUNT-POINT TYPE: what the kernel does for mount(2), recorded in /proc/mounts.
mount_one() {
    if awk -v mp="$2" '$2 == mp { found = 1 } END { exit !found }' /proc/mounts; then
        echo "mount: $1 already mounted or $2 busy" >&2
        return 32
    fi
    if [ ! -d "$2" ]; then
        echo "mount: mount point $2 does not exist" >&2
        return 32
    fi
    state=$(device_state "$1" "$3")
    if [ "$state" != ok ]; then
        echo "mount: $state" >&2
        return 32
    fi
    if [ "$2" = /usr ] && [ -d /.sim/usr-fs ]; then
        # A separate /usr: its file system's content appears at /usr.
        rmdir /usr && mv /.sim/usr-fs /usr || return 32
    fi
    echo "$1 $2 $3 rw 0 0" >> /proc/mounts
}

# sim_log TEXT: one line of the boot record.
sim_log() {
    echo "$*" >> /.sim/boot.log
}
