// What help:describe -Ddetail shows of each goal: placeholders intact, each goal with its own
// parameters (validate has no output folder), every description a sentence.
String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
/** The goal's section of the output, its wrapped lines joined into one line of single spaces. */
def section = { String goal ->
    int start = log.indexOf("\nxenpv:${goal}\n")
    assert start >= 0 : "xenpv:${goal} missing:\n$log"
    int end = log.indexOf('\nxenpv:', start + 1)
    String text = log.substring(start, end < 0 ? log.indexOf('[INFO] -----', start) : end)
    text.replaceAll(/\[INFO\] ?/, '').replaceAll(/\s+/, ' ')
}
String bundle = section('bundle')
assert bundle.contains("Archives each selected guest's bundle folder as {finalName}-xenpv-{name}.tar.gz (and in the other formats)")
assert bundle.contains('attaches it with classifier xenpv-{name}, so that install and deploy publish it.')
assert bundle.contains('with classifier xenpv-{name} and its format as the type')
assert bundle.contains("The start of each archive's name") == false : 'a read-only parameter is shown'
String generate = section('generate')
assert generate.contains("renders each selected guest's bundle folder, {outputDirectory}/{name}/.")
assert generate.contains('The folder that receives one bundle folder per guest, {outputDirectory}/{name}/.')
String validate = section('validate')
assert !validate.contains('outputDirectory') && !validate.contains('templatesDirectory') : validate
assert validate.contains('formats (Default: tar.gz) User property: xenpv.formats')
assert !(bundle + generate + validate).contains(' -xenpv-') : 'a placeholder was stripped'
String plugin = log.substring(log.indexOf('Description:'), log.indexOf('Group Id:')).replaceAll(/\[INFO\] ?/, '')
assert plugin.replaceAll(/\s+/, ' ').contains('Renders the files that move a fully virtualized RHEL 3 Xen guest onto the para-virtualized block and network drivers')
return true
