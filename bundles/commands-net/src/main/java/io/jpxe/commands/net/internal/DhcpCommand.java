package io.jpxe.commands.net.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.net.NetConfigurator;
import io.jpxe.api.net.NetDevice;

/** {@code dhcp [...]}: iPXE's alias of {@code ifconf} (DHCP_CMD). */
@Component(service = Command.class)
@JpxeCommand("dhcp")
public final class DhcpCommand extends IfconfCommand {

    @Activate
    public DhcpCommand(@Reference(policyOption = ReferencePolicyOption.GREEDY) List<NetDevice> devices,
            @Reference(policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, NetConfigurator>> configurators) {
        super("dhcp", devices, configurators);
    }
}
