// Every slip in the configuration comes out in one failure, each at its POM path with the name
// meant, merged with the validation problems; no Maven binding message, Java class or stack trace.
String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
assert log.contains('BUILD FAILURE')
List<String> expected = [
    'xenpv: 10 problems in the plugin configuration:',
    '  outputDirectroy: unknown element; did you mean <outputDirectory>?',
    '  outputDir: unknown element; did you mean <outputDirectory>?',
    '  guests/guest[web]/kernell: unknown element; did you mean <kernel>?',
    '  guests/guest[web]/bootDisk/sorce: unknown element; did you mean <source>?',
    '  guests/guest[web]/memory: holds elements (<mib>), but <memory> is a single value, e.g. <memory>...</memory>',
    '  guests/guest[web]/networks/network[1]/brige: unknown element; did you mean <bridge>?',
    '  guests/guest[web]/disks/disk[1]/partitions/partition[1]/mountpoint: unknown element; did you mean <mountPoint>?',
    '  guests/guest[db]/kernel: ${guest.kernel} is unresolved: no property guest.kernel is defined in this build; define it (<properties> or -Dguest.kernel=...) or write the value',
    '  guests/guest[db]/drivrRelease: unknown element; did you mean <driverRelease>?',
    "  guests/guest[db]/uuid: 'not-a-uuid' must be a UUID in RFC 4122 text form, e.g. 6ba7b810-9dad-11d1-80b4-00c04fd430c8",
]
List<String> lines = log.readLines()
int start = lines.findIndexOf { it.contains(expected[0]) }
assert start >= 0 : log
expected.drop(1).eachWithIndex { line, i ->
    // Maven prints each line of the failure after an [ERROR] prefix
    assert lines[start + 1 + i] == '[ERROR] ' + line : "line ${i + 1}: expected\n${line}\nbut was\n${lines[start + 1 + i]}"
}
// an import-only parameter under a build goal's configuration is named as ignored, once
assert log.count("[WARNING] xenpv: <arch> is a parameter of the import goal only, which validate, generate and bundle ignore: a guest's <arch> belongs inside <guests><guest>") == 1 : log
assert !log.contains('Unable to parse configuration') : "Maven's own binding message reached the log"
assert !log.contains('Cannot find') : "Maven's own binding message reached the log"
assert !(log =~ /io\.github\.xenpv\.[a-z]+\.[A-Z]/) : 'a Java class name reached the log'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
assert !new File(basedir, 'target/xenpv').exists()
return true
