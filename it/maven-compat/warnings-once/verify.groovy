// build.log holds both builds. The first (three goals, every guest) logs each warning once; the
// second, filtered to g2, logs only g2's.
String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
List<String> builds = log.split(/(?m)^.*Apache Maven \d/).drop(1) as List
assert builds.size() == 2 : "expected the log of two builds, found ${builds.size()}"
String g1Kernel = "guests/guest[g1]/kernel: '2.4.21-47.EL' is older than RHEL 3 Update 9"
String g1Noapic = 'guests/guest[g1]/noapic: a RHEL 5.2 host does not need noapic'
String g2Noapic = 'guests/guest[g2]/noapic: a RHEL 5.3 host does not need noapic'
def warnings = { String build -> build.readLines().findAll { it.contains('[WARNING] xenpv: ') } }

List<String> first = warnings(builds[0])
[g1Kernel, g1Noapic, g2Noapic].each { warning ->
    assert first.count { it.contains(warning) } == 1 : "${warning}... should be logged once:\n${first.join('\n')}"
}
assert first.size() == 3 : first.join('\n')
assert builds[0].contains('xenpv: 2 guests checked, all valid')
assert builds[0].contains('attached as tar.gz:xenpv-g1')

List<String> second = warnings(builds[1])
assert second.size() == 1 && second[0].contains(g2Noapic) : second.join('\n')
return true
