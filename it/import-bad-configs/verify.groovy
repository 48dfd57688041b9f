// Every bad config is named with file, line and key; the good one still imports; a PV guest's is
// skipped with one line; the goal fails at the end with the count and no stack trace.
String log = new File(basedir, 'build.log').text
String etc = new File(basedir, 'etc-xen').canonicalPath
def failed = { String line -> assert log.contains("[ERROR] xenpv: ${etc}/${line}".toString()) : "missing: $line" }
failed("web-server:1: name: failed: 'web server' must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit")
failed("rhel3_dup:1: name: failed: 'rhel3_dup' is also the name in ${etc}/rhel3_dup-copy:1")
failed("rhel3_dup-copy:1: name: failed: 'rhel3_dup' is also the name in ${etc}/rhel3_dup:1")
failed("rhel3_computed:3: disk: failed: '[ 'phy:/dev/VolGroup00/%s,hda,w' % name ]' (code, not a literal) is not a list of strings")
failed("rhel3_code:5: if: failed: 'if os.path.exists(\"/dev/VolGroup00/rhel3_code_data\"):' is code that xm would run")
failed("rhel3_broken:3: syntax: failed: '[' is never closed: Python, and so xm, cannot read this file")
assert log.contains("xenpv: 6 of 8 xm configs failed to import: ${etc}/rhel3_broken, ${etc}/rhel3_code, ${etc}/rhel3_computed, ${etc}/rhel3_dup, ${etc}/rhel3_dup-copy, ${etc}/web-server. Each reason is in the log above and in ")
// a PV guest (pygrub) is no failure: one line, at INFO, and nothing else about it
assert log.readLines().findAll { it.contains("${etc}/rhel4_pv") } == ["[INFO] xenpv: ${etc}/rhel4_pv: builder: skipped: a para-virtualized guest (builder not set: xm's linux, bootloader '/usr/bin/pygrub'), not an HVM one: it runs the PV drivers already, and the plugin moves fully virtualized guests onto them".toString()]
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
assert !(log =~ /[a-z]+\.[A-Za-z.]+Exception\b/) : 'an exception class name reached the build log'
String pom = new File(basedir, 'xenpv-import/pom.xml').text
assert pom.contains('<name>rhel3_good</name>')
assert (pom =~ /<guest>/).count == 1
String report = new File(basedir, 'xenpv-import/import-report.txt').text
assert report.contains('configs: 8 read, 1 imported into pom.xml, 6 failed, 1 skipped (not HVM guests)\n')
return true
