// The RHEL 4 and RHEL 5 examples are checked alike: it/lib/release-bundles.groovy.
return evaluate(new File(itLibrary, 'release-bundles.groovy'))
