#!/bin/sh
#
# This script will be executed *after* all the other init scripts.
# You can put your own initialization stuff in here if you don't
# want to do the full Sys V style init stuff.

touch /var/lock/subsys/local

${comment(guest.blockBegin)}
<#if guest.moduleLoading == "rc.local">
# Load the PV block driver, create its nodes and mount its file systems
# (procedure steps 4, 9, 11). fstab marks them noauto: boot mounts file systems before this runs.
xenpv_modules="/lib/modules/$(uname -r)"/${sh(guest.driverSubdirectory)}
for xenpv_module in<#list guest.blockModules as module> ${sh(module)}</#list>; do
    grep -q "^$xenpv_module " /proc/modules || insmod "$xenpv_modules/$xenpv_module.o"
done
/usr/local/sbin/xenpv-mknod
<#list guest.partitions as partition>
<#if partition.swap>
grep -q ^${sh(partition.node.path)}' ' /proc/swaps || swapon ${sh(partition.node.path)}
<#else>
grep -q ' '${sh(partition.mountPoint)}' ' /proc/mounts || mount ${sh(partition.mountPoint)}
</#if>
</#list>
<#else>
# Load the PV block driver (procedure step 4) if /etc/rc.modules has not.
xenpv_modules="/lib/modules/$(uname -r)"/${sh(guest.driverSubdirectory)}
grep -q '^xen-vbd ' /proc/modules || insmod "$xenpv_modules/xen-vbd.o"
</#if>
${comment(guest.blockEnd)}
