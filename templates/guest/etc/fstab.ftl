<#list guest.fstabBase as line>
${line}
</#list>
<#if guest.partitions?has_content>
# xenpv (${guest.name}): file systems on PV disks (procedure step 12)
<#list guest.partitions as partition>
${partition.fstabLine}
</#list>
</#if>
