// Both guests' files carry their own derived values, and each file passes the program that reads it.
import groovy.json.JsonSlurper

File out = new File(basedir, 'target/xenpv')
def read = { String guest, String path -> new File(out, guest + '/' + path).text }

// Checkers.Tool name -> Debian package and what is looked up: the table the unit tests and .ci/run read
// (src/test/resources/checkers/tools.txt)
Map<String, String> packages = [:], labels = [:]
new File(checkersDirectory, 'tools.txt').eachLine { line ->
    String[] fields = line.replaceFirst('#.*', '').trim().split(/\s+/, 3)
    if (fields.length == 3) {
        packages[fields[0]] = fields[1]
        labels[fields[0]] = fields[2]
    }
}

/** Outside CI a missing checker is skipped with a line in build.log naming its package; with CI=true it fails. */
Set<String> skipped = []
def missing = { String tool ->
    assert packages.containsKey(tool) : "no ${tool} in tools.txt"
    String message = "${labels[tool]} is not installed: apt-get install ${packages[tool]} (sudo bash .ci/run installs every checker)"
    assert !'true'.equalsIgnoreCase(System.getenv('CI')) : "CI=true but ${message}"
    if (skipped.add(tool)) {
        println "SKIPPED: ${message}"
    }
}

/** Runs a real checker; tool is its row in tools.txt (the program's name, or the library a checker script loads). */
def run = { List<String> command, String tool = command[0].toUpperCase() ->
    def probe = ['sh', '-c', 'command -v ' + command[0]].execute()
    if (probe.waitFor() != 0) {
        missing(command[0].toUpperCase())
        return null
    }
    def process = command.execute()
    def stdout = new StringBuilder(), stderr = new StringBuilder()
    process.waitForProcessOutput(stdout, stderr)
    if (process.exitValue() == 3 && tool != command[0].toUpperCase()) {
        // xmconfig.py and grubconf.py exit 3 when Xen's library or pygrub cannot be loaded
        missing(tool)
        return null
    }
    assert process.exitValue() == 0 : "${command} failed: ${stderr}${stdout}"
    [out: stdout.toString(), err: stderr.toString()]
}

// erp-db: i686 hugemem on block devices, i386 dom0, read-only second disk, swap on a PV disk.
String xm = read('erp-db', 'dom0/etc/xen/erp-db')
assert xm.contains('device_model = "/usr/lib/xen/bin/qemu-dm"')
assert xm.contains('uuid = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"')
assert xm.contains('disk = [ "phy:/dev/vg_guests/erp-db-root,hda,w", "phy:/dev/vg_guests/erp-db-data,xvdb,w", "phy:/dev/mapper/mpath-erp-archive,xvdc,r" ]')
assert xm =~ /vif = \[ "mac=00:16:3e:10:00:01,bridge=xenbr1", "mac=00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2},bridge=xenbr2" \]/
assert xm.contains('keymap = "de"') && xm.contains('localtime = 1')
def xmParsed = run(['python3', checkersDirectory + '/xmconfig.py', new File(out, 'erp-db/dom0/etc/xen/erp-db').path], 'LIBXLUTIL')
if (xmParsed) {
    // the checkers print one result per file they read, in a list
    def json = new JsonSlurper().parseText(xmParsed.out)[0]
    assert json.python.memory == 8192 && json.python.vcpus == 4
    assert json.libxl.disks*.vdev == ['hda', 'xvdb', 'xvdc']
}

assert read('erp-db', 'guest/etc/fstab').contains('/dev/xvdb1 /u01 ext3 defaults 1 0\n/dev/xvdb2 swap swap defaults,noauto 0 0\n/dev/xvdc5 /archive ext2 ro,noatime 0 0\n')
String mknod = read('erp-db', 'guest/sbin/xenpv-mknod')
assert mknod.contains('node xvdb 16 || status=1\nnode xvdb1 17 || status=1\nnode xvdb2 18 || status=1\nnode xvdc 32 || status=1\nnode xvdc5 37 || status=1\n')
assert read('erp-db', 'guest/etc/modules.conf').contains('alias eth0 xen-vnif\nalias eth1 xen-vnif\n')
String grub = read('erp-db', 'guest/boot/grub/grub.conf')
assert grub.contains('title Red Hat Enterprise Linux (2.4.21-57.ELhugemem)')
assert grub.contains('kernel /boot/vmlinuz-2.4.21-57.ELhugemem ro root=/dev/hda2 console=ttyS0,115200 elevator=deadline noapic')
assert grub.contains('initrd /boot/initrd-2.4.21-57.ELhugemem.img')
assert read('erp-db', 'guest/etc/rc.modules').contains('"/lib/modules/$(uname -r)"/extra/xenpv/0.1-9.el')

// web01: x86_64 smp, every default: one derived NIC on xenbr0, no PV disks.
String web = read('web01', 'dom0/etc/xen/web01')
assert web =~ /vif = \[ "mac=00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2},bridge=xenbr0" \]/
assert web.contains('disk = [ "file:/var/lib/xen/images/web01.img,hda,w" ]')
assert web.contains('device_model = "/usr/lib64/xen/bin/qemu-dm"')
assert read('web01', 'guest/boot/grub/grub.conf').contains('kernel /vmlinuz-2.4.21-63.ELsmp ro root=LABEL=/ noapic')
assert !read('web01', 'guest/sbin/xenpv-mknod').contains('\nnode ')

['erp-db', 'web01'].each { guest ->
    def grubParsed = run(['python3', checkersDirectory + '/grubconf.py', new File(out, guest + '/guest/boot/grub/grub.conf').path], 'PYGRUB')
    if (grubParsed) {
        assert new JsonSlurper().parseText(grubParsed.out)[0].images.size() == 1
    }
    run(['python3', checkersDirectory + '/xmconfig.py', new File(out, guest + '/dom0/etc/xen/' + guest).path], 'LIBXLUTIL')
    def fstab = run(['findmnt', '--tab-file', new File(out, guest + '/guest/etc/fstab').path, '-J'])
    if (fstab) {
        assert fstab.err.isEmpty()
    }
    def modules = run(['modprobe', '-C', new File(out, guest + '/guest/etc/modules.conf').path, '-c'])
    if (modules) {
        assert modules.err.isEmpty()
    }
    new File(out, guest + '/guest').eachFileRecurse { file ->
        if (file.isFile() && file.canExecute()) {
            run(['shellcheck', '-s', 'sh', file.path])
        }
    }
}
assert new File(basedir, 'build.log').text.contains('xenpv: 2 guests rendered into')
return true
