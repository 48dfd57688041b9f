<#import "/include/load-modules.ftl" as boot>
#!/bin/sh
#
# This script will be executed *after* all the other init scripts.
# You can put your own initialization stuff in here if you don't
# want to do the full Sys V style init stuff.

touch /var/lock/subsys/local

${comment(guest.blockBegin)}
<#if guest.rcModules>
# Load the PV drivers (procedure step 4) if /etc/rc.modules has not run: rc.sysinit runs it when
# it is executable, and it has then tried them and said which did not load.
if [ ! -x /etc/rc.modules ]; then
<@boot.loadModules guest.bootModules "    "/>
fi
<#else>
# Load the PV drivers, create the nodes and mount the PV file systems
# (procedure steps 4, 9, 11). fstab marks them noauto: boot mounts file systems before this runs.
<@boot.loadModules guest.bootModules/>
xenpv_block=${sh(guest.blockModule)}
case " $xenpv_missing " in
    *" $xenpv_block "*) ;;
    *)
        ${sh(guest.nodeScript)}
<#list guest.partitions as partition>
<#if partition.swap>
        grep -q ^${sh(partition.node.path)}' ' /proc/swaps || swapon ${sh(partition.node.path)}
<#else>
        grep -q ' '${sh(partition.mountPoint)}' ' /proc/mounts || mount ${sh(partition.mountPoint)}
</#if>
</#list>
        ;;
esac
</#if>
${comment(guest.blockEnd)}
