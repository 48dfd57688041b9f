${guest.blockBegin}
<#list guest.moduleDepLines as line>
${line}
</#list>
${guest.blockEnd}
