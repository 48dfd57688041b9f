<#list guest.modulesConfBase as line>
${line}
</#list>
${guest.blockBegin}
# PV NICs use the xen-vnif driver (procedure step 4).
<#list guest.networks as network>
alias ${network.interfaceName} xen-vnif
</#list>
${guest.blockEnd}
