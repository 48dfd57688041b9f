// The build fails with every problem named by its element, in the user's words, and no stack trace.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('xenpv: 4 problems in the guest declarations:')
assert log.contains("guests/guest[rhel3_64_fv]/kernel: '2.4.21-52.ELsmp' includes the variant: write <kernel>2.4.21-52.EL</kernel> and <kernelVariant>smp</kernelVariant>")
assert log.contains("guests/guest[rhel3_64_fv]/bootDisk/device: 'xvda' is a PV device, and PV disks cannot boot")
assert log.contains("guests/guest[rhel3_64_fv]/disks/disk[1]/partitions/partition[1]/mountPoint: '/boot' cannot be on a PV disk")
assert log.contains("guests/guest[rhel3_64_fv]/disks/disk[2]/device: 'xvdq' is out of range: a 2.4 guest has 16 PV disks, xvda..xvdp (8-bit minors, 16 per disk)")
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
assert !(log =~ /[a-z]+\.[A-Za-z.]+Exception\b/) : 'an exception class name reached the build log'
assert !new File(basedir, 'target/xenpv').exists() : 'a failed build wrote files'
return true
