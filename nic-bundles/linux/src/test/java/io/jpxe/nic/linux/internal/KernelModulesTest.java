package io.jpxe.nic.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelModulesTest {
    /** Lines as Debian's modules.alias has them for the NICs the issue names. */
    private static final String ALIAS = """
            # Aliases extracted from modules themselves.
            alias pci:v00001AF4d00001000sv*sd*bc*sc*i* virtio_pci
            alias pci:v00001AF4d*sv*sd*bc*sc*i* virtio_pci
            alias virtio:d00000001v* virtio_net
            alias pci:v00008086d0000100Esv*sd*bc*sc*i* e1000
            alias pci:v00008086d000010D3sv*sd*bc*sc*i* e1000e
            alias pci:v00008086d00001533sv*sd*bc*sc*i* igb
            alias pci:v00008086d000015F3sv*sd*bc*sc*i* igc
            alias pci:v00008086d000010FBsv*sd*bc*sc*i* ixgbe
            alias pci:v000010ECd00008168sv*sd*bc*sc*i* r8169
            alias pci:v000010ECd00008139sv*sd*bc*sc*i* 8139cp
            alias pci:v000015ADd000007B0sv*sd*bc*sc*i* vmxnet3
            alias pci:v0000ABCDd000012[34]?sv*sd*bc*sc*i* globby
            broken line
            """;
    private static final String DEP = """
            kernel/drivers/net/virtio_net.ko.xz: kernel/drivers/net/net_failover.ko.xz kernel/net/core/failover.ko.xz
            kernel/drivers/net/net_failover.ko.xz: kernel/net/core/failover.ko.xz
            kernel/net/core/failover.ko.xz:
            kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko.xz: kernel/drivers/ptp/ptp.ko.xz
            kernel/drivers/ptp/ptp.ko.xz: kernel/drivers/pps/pps_core.ko.xz
            kernel/drivers/pps/pps_core.ko.xz:
            kernel/drivers/loop-a.ko: kernel/drivers/loop-b.ko
            kernel/drivers/loop-b.ko: kernel/drivers/loop-a.ko
            """;

    @Test
    void devicesMatchTheirModules() {
        KernelModules m = KernelModules.parse(ALIAS, DEP);
        assertEquals(Optional.of("virtio_pci"), m.moduleFor("pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00"));
        assertEquals(Optional.of("e1000"), m.moduleFor("pci:v00008086d0000100Esv00008086sd00001100bc02sc00i00"));
        assertEquals(Optional.of("e1000e"), m.moduleFor("pci:v00008086d000010D3sv00008086sd0000A01Fbc02sc00i00"));
        assertEquals(Optional.of("igb"), m.moduleFor("pci:v00008086d00001533sv0000103Csd00000003bc02sc00i00"));
        assertEquals(Optional.of("igc"), m.moduleFor("pci:v00008086d000015F3sv00001043sd000087D2bc02sc00i00"));
        assertEquals(Optional.of("ixgbe"), m.moduleFor("pci:v00008086d000010FBsv00008086sd0000000Cbc02sc00i00"));
        assertEquals(Optional.of("r8169"), m.moduleFor("pci:v000010ECd00008168sv00001462sd00007A38bc02sc00i00"));
        assertEquals(Optional.of("8139cp"), m.moduleFor("pci:v000010ECd00008139sv00001AF4sd00001100bc02sc00i00"));
        assertEquals(Optional.of("vmxnet3"), m.moduleFor("pci:v000015ADd000007B0sv000015ADsd000007B0bc02sc00i00"));
        assertEquals(Optional.of("globby"), m.moduleFor("pci:v0000ABCDd0000123Xsv0sd0bc02sc00i00"));
        assertEquals(Optional.empty(), m.moduleFor("pci:v0000ABCDd0000125Xsv0sd0bc02sc00i00"));
        assertEquals(Optional.empty(), m.moduleFor("pci:v0000DEADd0000BEEFsv0sd0bc02sc00i00"));
        assertEquals(Optional.of("virtio_net"), m.moduleFor("virtio:d00000001v00001AF4"));
    }

    @Test
    void dependenciesLoadFirstOnceAndLoopsEnd() {
        KernelModules m = KernelModules.parse(ALIAS, DEP);
        assertEquals(List.of("kernel/net/core/failover.ko.xz", "kernel/drivers/net/net_failover.ko.xz",
                "kernel/drivers/net/virtio_net.ko.xz"), m.loadOrder("virtio_net"));
        assertEquals(List.of("kernel/drivers/pps/pps_core.ko.xz", "kernel/drivers/ptp/ptp.ko.xz",
                "kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko.xz"), m.loadOrder("e1000e"));
        assertEquals(2, m.loadOrder("loop-a").size());
        assertEquals(List.of(), m.loadOrder("unknown"));
    }

    @Test
    void withoutModuleTablesDriversAreReportedBuiltInOrAbsent(@TempDir Path root) throws Exception {
        Path nic = Files.createDirectories(root.resolve("pci/0000:00:03.0"));
        Files.writeString(nic.resolve("class"), "0x020000\n");
        Files.writeString(nic.resolve("modalias"), "pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00\n");
        Path bound = Files.createDirectories(root.resolve("pci/0000:00:04.0"));
        Files.writeString(bound.resolve("class"), "0x020000\n");
        Files.createDirectories(bound.resolve("driver"));
        Path gpu = Files.createDirectories(root.resolve("pci/0000:00:02.0"));
        Files.writeString(gpu.resolve("class"), "0x030000\n");
        assertEquals(List.of(nic), ModuleLoader.unboundNetworkControllers(root.resolve("pci")));
        List<String> reports = new ArrayList<>();
        List<String> loaded = new ModuleLoader(root.resolve("pci"), root.resolve("virtio"), root.resolve("lib/modules/6.1.0"), null,
                reports::add).loadNetworkDrivers();
        assertEquals(List.of(), loaded);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).contains("0000:00:03.0: no module table in"), reports.get(0));
        assertTrue(reports.get(0).endsWith("its driver is built in or absent"), reports.get(0));
        assertTrue(KernelModules.read(root.resolve("nothing")).isEmpty());
    }

    @Test
    void virtioNetworkDevicesAreTheSecondStage(@TempDir Path root) throws Exception {
        Path net = Files.createDirectories(root.resolve("virtio/virtio0"));
        Files.writeString(net.resolve("modalias"), "virtio:d00000001v00001AF4\n");
        Path disk = Files.createDirectories(root.resolve("virtio/virtio1"));
        Files.writeString(disk.resolve("modalias"), "virtio:d00000002v00001AF4\n");
        Path boundNet = Files.createDirectories(root.resolve("virtio/virtio2"));
        Files.writeString(boundNet.resolve("modalias"), "virtio:d00000001v00001AF4\n");
        Files.createDirectories(boundNet.resolve("driver"));
        assertEquals(List.of(net), ModuleLoader.unboundVirtioNetworkDevices(root.resolve("virtio")));
        assertEquals(List.of(), ModuleLoader.unboundVirtioNetworkDevices(root.resolve("no-virtio-bus")));
    }
}
