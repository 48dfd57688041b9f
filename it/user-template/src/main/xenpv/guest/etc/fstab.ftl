<#-- Site override: the stock lines come from this site's own base, and PV file systems mount
     with noatime. The BEGIN/END block stays, so install-guest.sh can still merge it. -->
# fstab of ${guest.name}, site layout (src/main/xenpv/guest/etc/fstab.ftl)
<#list guest.fstabBase as line>
${line}
</#list>
${guest.blockBegin}
<#list guest.partitions as partition>
<#if partition.swap>
${partition.fstabLine}
<#else>
${partition.node.path} ${partition.mountPoint} ${partition.fsType} ${partition.options},noatime ${partition.dump} ${partition.pass}
</#if>
</#list>
${guest.blockEnd}
