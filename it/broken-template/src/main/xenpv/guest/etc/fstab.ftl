<#list guest.fstabBase as line>
${line}
</#list>
<#list guest.partitions as partition>
${partition.node.path} ${partition.mountpoint}
</#list>
