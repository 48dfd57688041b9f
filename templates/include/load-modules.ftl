<#-- The loop boot runs to load the PV drivers, from rc.modules and from rc.local: each of
     modules, in order, unless /proc/modules lists it, from the running kernel's module tree when
     that holds it, else from the tree of the kernel the driver was built for (a later kernel
     update leaves the running kernel without a copy). modutils 2.4's insmod refuses a module
     whose symbol checksums differ from the running kernel's; then the modules after
     xen-platform-pci, which need its symbols, are not tried, one line says which did not load,
     on which kernel, and what to do, and boot goes on without them (SPEC §16). Each line starts
     with indent. Only /bin and /sbin tools: rc.sysinit runs this before /usr is mounted. -->
<#macro loadModules modules indent="">
${indent}xenpv_running="/lib/modules/$(uname -r)"/${sh(guest.driverSubdirectory)}
${indent}xenpv_built=${sh(guest.driverDirectory)}
${indent}xenpv_platform=${sh(guest.platformModule)}
${indent}xenpv_verify=${sh(guest.verifyScript)}
${indent}xenpv_missing=
${indent}for xenpv_module in<#list modules as module> ${sh(module)}</#list>; do
${indent}    grep -q "^$xenpv_module " /proc/modules && continue
${indent}    case " $xenpv_missing " in
${indent}        *" $xenpv_platform "*) xenpv_missing="$xenpv_missing $xenpv_module"; continue ;;
${indent}    esac
${indent}    if [ -f "$xenpv_running/$xenpv_module.o" ]; then
${indent}        insmod "$xenpv_running/$xenpv_module.o"
${indent}    else
${indent}        insmod "$xenpv_built/$xenpv_module.o"
${indent}    fi || xenpv_missing="$xenpv_missing $xenpv_module"
${indent}done
${indent}[ -z "$xenpv_missing" ] ||
${indent}    echo "xenpv: kernel $(uname -r) did not load PV driver(s)$xenpv_missing: boot goes on without their devices; run $xenpv_verify for the cause and see \"When the PV drivers do not load\" in the bundle's README.txt"
</#macro>
