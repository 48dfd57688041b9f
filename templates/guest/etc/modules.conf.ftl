<#list guest.modulesConfBase as line>
${line}
</#list>
${guest.blockBegin}
# PV NICs use the ${guest.nicModule} driver (procedure step 4).
<#list guest.pvInterfaces as interface>
alias ${interface} ${guest.nicModule}
</#list>
${guest.blockEnd}
