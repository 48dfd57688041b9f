<#-- The loop boot runs to load the PV drivers, from rc.modules and from rc.local: each of
     modules, in order, unless /proc/modules lists it, from the running kernel's module tree when
     that holds it, else from the tree of the kernel the driver was built for (a later kernel
     update leaves the running kernel without a copy; insmod's MODVERSIONS warnings are harmless).
     Only /bin and /sbin tools: rc.sysinit runs this before /usr is mounted. -->
<#macro loadModules modules>
xenpv_running="/lib/modules/$(uname -r)"/${sh(guest.driverSubdirectory)}
xenpv_built=${sh(guest.driverDirectory)}
for xenpv_module in<#list modules as module> ${sh(module)}</#list>; do
    grep -q "^$xenpv_module " /proc/modules && continue
    if [ -f "$xenpv_running/$xenpv_module.o" ]; then
        insmod "$xenpv_running/$xenpv_module.o"
    else
        insmod "$xenpv_built/$xenpv_module.o"
    fi
done
</#macro>
