# The simulated RHEL 4 or 5 guest's hardware and kernel (2.6.9 or 2.6.18), shared by the
# stand-ins for the commands that touch them: modprobe, depmod, weak-modules, start_udev,
# udevsettle, sleep, and RHEL 3's fsck, mount, swapon and uname, which read it as /.sim/lib.sh.
# Everything lives in this root: /.sim holds the machine's state, /proc is plain files the
# stand-ins keep up to date as the kernel would, /dev is udev's (emptied at every boot, as the
# tmpfs start_udev mounts). Only what RHEL 4 and 5 keep in /bin and /sbin is used: these run
# before /usr is mounted.
#
# /.sim/kernel        the release the guest booted (uname -r)
# /.sim/machine       uname -m
# /.sim/release       rhel4 or rhel5
# /.sim/disks         the PV disks dom0 attached, one line per minor: KERNEL-NAME MINOR CONTENT,
#                     CONTENT the file system on it (ext2, ext3, swap), "blank", or "disk" for the
#                     whole disk; no line: the disk is not attached
# /.sim/ksyms/R       the symbols kernel R exports, "NAME CRC" a line, and its "vermagic" line
# /.sim/probe-delay   seconds from xen-vbd's load until its backends connect and the disks
#                     appear (xenbus is asynchronous; default 2)
# /.sim/clock         seconds since boot; only sleep makes time pass
# /.sim/events        what the kernel does later: "DUE ACTION" lines
# /.sim/dmesg         the kernel's messages
# /.sim/usr-fs        the content of a separate /usr file system while it is not mounted
#
# A stand-in module is a text file holding what the kernel and module-init-tools read from a
# real one's ELF object: a first line that stands for the ELF header, "modinfo KEY=VALUE" lines
# (vermagic, depends) and its "undefined" and "export"ed symbols, each "NAME CRC".

MODULE_MAGIC='ELF stand-in module (bootsim)'

# module_info FILE KEY: the value of KEY in the .modinfo of stand-in module FILE; nothing if absent.
module_info() {
    sed -n "s/^modinfo $2=//p" "$1" | sed -n 1p
}

# module_name FILE: the name the kernel gives module FILE: its file name without .ko, with
# kbuild's '-' to '_' (KBUILD_MODNAME).
module_name() {
    module_name_base=${1##*/}
    printf '%s\n' "${module_name_base%.ko}" | sed 's/-/_/g'
}

# fresh_proc: /proc of a kernel that has just booted: no module loaded, no PV device, root on
# LVM over the emulated disk, mounted read-only as the kernel leaves it.
fresh_proc() {
    mkdir -p /proc
    printf 'Character devices:\n  1 mem\n  4 /dev/vc/0\n  4 tty\n  5 /dev/tty\n\nBlock devices:\n  1 ramdisk\n  3 ide0\n253 device-mapper\n' > /proc/devices
    : > /proc/modules
    printf 'major minor  #blocks  name\n\n   3     0    8388608 hda\n   3     1     104391 hda1\n   3     2    8281507 hda2\n 253     0    7176192 dm-0\n 253     1    1048576 dm-1\n' > /proc/partitions
    printf 'rootfs / rootfs rw 0 0\n/dev/root / ext3 ro 0 0\n/proc /proc proc rw 0 0\n/sys /sys sysfs rw 0 0\n' > /proc/mounts
    printf 'Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n' > /proc/swaps
    echo 0 > /.sim/clock
    : > /.sim/events
    : > /.sim/dmesg
}

# kernel_load FILE: init_module(2) of stand-in module FILE, in the order of load_module in
# kernel/module.c of 2.6.9 and 2.6.18: a module must look like one (else ENOEXEC, "Invalid module
# format"); its vermagic must match the kernel's after the release (same_magic: with
# CONFIG_MODVERSIONS the release itself is not compared, the SMP, hugemem, PAE and compiler
# flags are); a module of that name must not be loaded (EEXIST); each undefined symbol must be
# exported by the kernel or a loaded module with the same CRC (check_version): else "Unknown
# symbol" or "disagrees about version of symbol" in dmesg and ENOENT. Then the module's init runs:
# xen-vbd registers the xvd major and connects to its backends, which makes the attached PV disks
# appear probe-delay seconds later. Prints the errno's name on failure; exit 1 then.
kernel_load() {
    kernel_release=$(cat /.sim/kernel)
    kernel_name=$(module_name "$1")
    if [ "$(sed -n 1p "$1")" != "$MODULE_MAGIC" ]; then
        echo ENOEXEC
        return 1
    fi
    module_magic=$(module_info "$1" vermagic)
    kernel_magic=$(sed -n 's/^vermagic //p' "/.sim/ksyms/$kernel_release")
    if [ "${module_magic#* }" != "${kernel_magic#* }" ]; then
        echo "$kernel_name: version magic '$module_magic' should be '$kernel_magic'" >> /.sim/dmesg
        echo ENOEXEC
        return 1
    fi
    if awk -v name="$kernel_name" '$1 == name { found = 1 } END { exit !found }' /proc/modules; then
        echo EEXIST
        return 1
    fi
    kernel_unresolved=$(awk -v name="$kernel_name" '
        FILENAME == ARGV[1] { if ($1 == "undefined") want[$2] = $3; next }
        FILENAME == ARGV[2] { if ($1 != "vermagic") have[$1] = $2; next }
        $1 == "export" { have[$2] = $3 }
        END {
            for (symbol in want) {
                if (!(symbol in have)) print name ": Unknown symbol " symbol
                else if (have[symbol] != want[symbol]) print name ": disagrees about version of symbol " symbol
            }
        }' "$1" "/.sim/ksyms/$kernel_release" $(loaded_module_files))
    if [ -n "$kernel_unresolved" ]; then
        printf '%s\n' "$kernel_unresolved" >> /.sim/dmesg
        echo ENOENT
        return 1
    fi
    printf '%s 49536 0 - Live 0x00000000\n' "$kernel_name" >> /proc/modules
    printf '%s\n' "$1" >> /.sim/loaded
    echo "$1" >> /.sim/insmod.log
    case $kernel_name in
        xen_vbd)
            awk '/^Block devices:/ { print; print "202 xvd"; next } { print }' /proc/devices > /.sim/devices.new &&
                mv /.sim/devices.new /proc/devices
            echo "$(( $(cat /.sim/clock) + $(cat /.sim/probe-delay 2> /dev/null || echo 2) )) probe-vbd" >> /.sim/events
            ;;
    esac
    return 0
}

# loaded_module_files: the files of the modules loaded since boot (their exports resolve others').
loaded_module_files() {
    [ -f /.sim/loaded ] && cat /.sim/loaded
}

# deliver_events: what the kernel has done by now (/.sim/clock): xen-vbd's backends connected,
# so the attached disks and partitions are in /proc/partitions, and udev has made their nodes
# (named after the kernel's name, which follows the vdev; group disk, mode 0640 [unverified]).
deliver_events() {
    now=$(cat /.sim/clock)
    : > /.sim/events.later
    while read -r due action; do
        if [ "$due" -gt "$now" ]; then
            echo "$due $action" >> /.sim/events.later
            continue
        fi
        case $action in
            probe-vbd)
                while read -r disk minor content; do
                    printf '%4d %5d %10d %s\n' 202 "$minor" 1048576 "$disk" >> /proc/partitions
                    rm -f "/dev/$disk"
                    mknod "/dev/$disk" b 202 "$minor" && chgrp disk "/dev/$disk" && chmod 640 "/dev/$disk"
                    echo "udev: /dev/$disk ($content)" >> /.sim/dmesg
                done < /.sim/disks
                ;;
        esac
    done < /.sim/events
    mv /.sim/events.later /.sim/events
}

# device_state DEVICE TYPE: "ok" when DEVICE can be opened as a file system of TYPE (or swap),
# otherwise the reason the kernel or the tool would give. Emulated devices (LABEL=, /dev/hd*, the
# LVM volumes on hda) always work; a PV node needs its block node, the xvd driver, the attached
# disk and a file system.
device_state() {
    case $1 in
        /dev/xvd*) ;;
        *) echo ok; return ;;
    esac
    if [ ! -e "$1" ]; then
        echo "$1: No such file or directory (no device node: udev has not made it)"
        return
    fi
    if [ ! -b "$1" ]; then
        echo "$1: not a block device"
        return
    fi
    # ls -l shows "brw-r----- 1 root disk 202, 1 ...": the major and minor.
    set -- "$1" "$2" $(ls -l "$1" | awk '{ sub(",", "", $5); print $5, $6 }')
    xvd=$(awk '$2 == "xvd" { print $1 }' /proc/devices)
    if [ -z "$xvd" ] || ! grep -q '^xen_vbd ' /proc/modules; then
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
