<#list guest.modulesConfBase as line>
${line}
</#list>
<#if guest.networks?has_content>
# xenpv (${guest.name}): PV NICs use the xen-vnif driver (procedure step 4)
<#list guest.networks as network>
alias ${network.interfaceName} xen-vnif
</#list>
</#if>
