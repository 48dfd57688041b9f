<#list guest.fstabBase as line>
${line}
</#list>
${guest.blockBegin}
# File systems on PV disks (procedure step 12).
<#list guest.partitions as partition>
${partition.fstabLine}
</#list>
${guest.blockEnd}
