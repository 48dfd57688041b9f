// A broken user template fails the build with one message naming the user's file, line and
// column, without a stack trace, and leaves no bundle behind.
String log = new File(basedir, 'build.log').text
String template = new File(basedir, 'src/main/xenpv/guest/etc/fstab.ftl').canonicalFile.path
assert log.contains("xenpv: your template ${template}, line 5, column 26: The following has evaluated to null or missing: ==> partition.mountpoint") : log
assert !(log =~ /(?m)^\s+at [a-z]+\./) : 'a stack trace reached the build log'
assert !log.contains('freemarker.core.') : 'a FreeMarker exception class reached the build log'
assert !new File(basedir, 'target/xenpv').exists() : 'a failed render wrote files'
return true
