<#-- The loop boot runs to load the PV block driver, from rc.modules and from rc.local: each of
     modules, in order, from the running kernel's module tree, unless /proc/modules lists it. -->
<#macro loadModules modules>
xenpv_modules="/lib/modules/$(uname -r)"/${sh(guest.driverSubdirectory)}
for xenpv_module in<#list modules as module> ${sh(module)}</#list>; do
    grep -q "^$xenpv_module " /proc/modules || insmod "$xenpv_modules/$xenpv_module.o"
done
</#macro>
