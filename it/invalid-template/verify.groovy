// A template error is named by template, line and column, with no stack trace, and the output
// folder holds exactly what it held before the build.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /xenpv: your template \S+\/src\/main\/xenpv\/guest\/etc\/fstab\.ftl, line 2, column \d+: /
assert log.contains('has evaluated to null or missing: ==> guest.siteFstabLines')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
assert !(log =~ /[a-z]+\.[A-Za-z.]+Exception\b/) : 'an exception class name reached the build log'
def files = new File(basedir, 'bundle').listFiles().collect { it.name } + new File(basedir, 'bundle/rhel3_web').list().toList()
assert files == ['rhel3_web', 'README.txt'] : "a failed build changed the output folder: $files"
assert new File(basedir, 'bundle/rhel3_web/README.txt').text == 'left by an earlier build; a failed build must not touch it\n'
return true
