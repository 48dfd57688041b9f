// The driver RPM artifact is a real package that rpmbuild makes (prebuild.groovy); without
// rpmbuild (outside CI only) this IT cannot run.
if (['sh', '-c', 'command -v rpmbuild'].execute().waitFor() != 0) {
    String message = 'rpmbuild is not installed: apt-get install rpm (sudo bash .ci/run installs every checker)'
    assert !'true'.equalsIgnoreCase(System.getenv('CI')) : "CI=true but ${message}"
    println "SKIPPED: reactor-release: ${message}"
    return false
}
return true
