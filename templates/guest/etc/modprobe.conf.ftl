<#list guest.modulesConfBase as line>
${line}
</#list>
${guest.blockBegin}
# PV NICs use the ${guest.nicModule} driver: modprobe reads these aliases when rc.sysinit and ifup
# bring up each interface.
<#list guest.pvInterfaces as interface>
alias ${interface} ${guest.nicModule}
</#list>
${guest.blockEnd}
