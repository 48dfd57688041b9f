// Every goal and every parameter a user sets appears in help -Ddetail with a description and,
// where it has one, its user property.
String log = new File(basedir, 'build.log').text
['xenpv:validate', 'xenpv:generate', 'xenpv:bundle', 'xenpv:help'].each { goal ->
    assert log.contains(goal) : "$goal missing from help"
}
Map<String, String> properties = [outputDirectory: 'xenpv.outputDirectory', templatesDirectory: 'xenpv.templatesDirectory',
                                  skip: 'xenpv.skip', guest: 'xenpv.guest', formats: 'xenpv.formats', attach: 'xenpv.attach',
                                  allowOutsideTarget: 'xenpv.allowOutsideTarget',
                                  guests: null, outputTimestamp: null]
List<String> bundle = log.substring(log.indexOf('\nxenpv:bundle'), log.indexOf('\nxenpv:generate')).readLines()
properties.each { parameter, property ->
    int at = bundle.findIndexOf { it ==~ /    ${parameter}( \(.*)?/ }
    assert at >= 0 : "bundle's parameter $parameter is not documented"
    List<String> description = bundle.drop(at + 1).takeWhile { it.startsWith('      ') }
    assert description.size() >= 1 && description[0].trim().length() > 20 : "$parameter has no real description"
    if (property) {
        assert description.contains("      User property: ${property}".toString()) : "$parameter lacks its property $property"
    }
}
assert !bundle.any { it ==~ /    (basedir|buildDirectory|finalName|mojoExecution|project|projectHelper|session)( .*)?/ } : 'read-only internals are shown'
// validate never writes: it has no output or template folder, and checks the archive settings early
List<String> validate = log.substring(log.indexOf('\nxenpv:validate')).readLines()
List<String> validateParameters = validate.findAll { it ==~ /    [a-zA-Z]+( \(.*)?/ }.collect { it.trim().split(' ')[0] }
assert validateParameters == ['allowPartialRelease', 'formats', 'guest', 'guests', 'outputTimestamp', 'skip'] : validateParameters
// the plugin's description is wrapped by help alone: no line break or indentation from the POM
List<String> header = log.substring(log.indexOf('xenpv Maven Plugin'), log.indexOf('This plugin has')).readLines().drop(1)
assert header.findAll { it.trim() }.every { it.startsWith('  ') && !it.startsWith('   ') } : header
assert header.join(' ').replaceAll(/\s+/, ' ').contains('onto the para-virtualized block and network drivers')

// import needs no project; each of its parameters is set by its xenpv.import.* property
assert log.contains('xenpv:import')
List<String> importGoal = log.substring(log.indexOf('\nxenpv:import'), log.indexOf('\nxenpv:validate')).readLines()
['configs', 'root', 'arch', 'kernel', 'kernelVariant', 'driverRelease', 'driverKernel', 'output', 'overwrite'].each { parameter ->
    int at = importGoal.findIndexOf { it ==~ /    ${parameter}( \(.*)?/ }
    assert at >= 0 : "import's parameter $parameter is not documented"
    List<String> description = importGoal.drop(at + 1).takeWhile { it.startsWith('      ') }
    assert description.contains("      User property: xenpv.import.${parameter}".toString()) : "$parameter lacks its property"
}
assert !importGoal.any { it ==~ /    plugin(GroupId|ArtifactId|Version)( .*)?/ } : 'read-only internals are shown'
return true
