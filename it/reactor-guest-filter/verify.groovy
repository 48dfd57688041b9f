// -Dxenpv.guest in a reactor: a module without that guest skips with one INFO line (its three goals
// together), the module with it renders only it, and a name no module declares fails the build.
String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
String skipped = "xenpv: skipped: xenpv.guest 'b1' is not a guest of this module (declared in mod-b)"
assert log.count(skipped) == 1 : "mod-a should say it skipped exactly once:\n$log"
assert !new File(basedir, 'mod-a/target/xenpv').exists() : 'mod-a wrote a bundle folder'
assert new File(basedir, 'mod-a/target').list()?.findAll { it.endsWith('.tar.gz') } in [null, []] : 'mod-a wrote an archive'
assert new File(basedir, 'mod-b/target/xenpv/b1/README.txt').isFile()
assert new File(basedir, 'mod-b/target/mod-b-1.0.0-xenpv-b1.tar.gz').isFile()
assert log.contains('xenpv: 1 guest checked, valid; 1 selected by xenpv.guest=b1')

// the second run: nobody declares zz
assert log.contains("xenpv: xenpv.guest 'zz' names no guest of any module in this build; declared: mod-a: a1, a2; mod-b: b1")
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
return true
