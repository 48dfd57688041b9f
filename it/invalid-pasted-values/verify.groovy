// Every pasted value is named at its element, across the guests, with no stack trace, and the
// output folder holds exactly what it held before the build.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('xenpv: 12 problems in the guest declarations:')
[
    "guests/guest[rhel3_web]/driverRelease: '0.1-5.el;reboot' must be the kmod-xenpv %release",
    "guests/guest[rhel3_web]/networks/network[1]/mac: '01:16:3e:5d:c7:9e' is a multicast address",
    "guests/guest[rhel3_web]/disks/disk[1]/partitions/partition[1]/mountPoint: '/mnt/p1 && rm -rf /' is not a mount point",
    "guests/guest[rhel3_web]/grub/kernelArgs: 'quiet #noapic' must be kernel arguments",
    "guests/guest[rhel3_web]/extraConfig/keymap: 'en\"+__import__('os').system('id')+\"' cannot be an xm string",
    "guests/guest[rhel3_web]/extraConfig/memory: 'memory' is written by the plugin itself",
    "guests/guest[rhel3_web]/extraConfig/shadow_memory: '-8' is a negative number",
    "guests/guest[rhel3_app]/kernel: '\$(uname -r)' is not a RHEL 3, 4 or 5 kernel release",
    // rhel3_web has mistakes of its own, and its clashes with the other guests are still reported
    "guests/guest[rhel3_db]/uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' is also at guests/guest[rhel3_web]/uuid",
    "guests/guest[rhel3_db]/disks/disk[1]/source: '/var/lib/xen/images/shared.dsk' is also used by guests/guest[rhel3_web]/disks/disk[1]/source",
    "guests/guest[rhel3_db_clone]/uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' is also at guests/guest[rhel3_web]/uuid",
    "guests/guest[rhel3_db_clone]/disks/disk[1]/source: '/var/lib/xen/images/shared.dsk' is also used by guests/guest[rhel3_web]/disks/disk[1]/source",
].each { assert log.contains(it) : "build.log lacks: $it" }
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
assert !(log =~ /(?m)^\s*at io\.github/) : 'a stack trace of the plugin reached the build log'
assert !(log =~ /[a-z]+\.[A-Za-z.]+Exception\b/) : 'an exception class name reached the build log'
def files = new File(basedir, 'bundle').listFiles().collect { it.name } + new File(basedir, 'bundle/rhel3_web').list().toList()
assert files == ['rhel3_web', 'README.txt'] : "a failed build changed the output folder: $files"
assert new File(basedir, 'bundle/rhel3_web/README.txt').text == 'left by an earlier build; a failed build must not touch it\n'
return true
