package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU's feature bits as iPXE's {@code x86_features} reads them, recovered from the Linux
 * kernel's {@code /proc/cpuinfo} flag names (a JVM cannot execute {@code CPUID}). Each register's
 * bits map to the flag names the kernel prints for them; bits the kernel has no name for read as 0.
 * Immutable.
 */
final class CpuFeatures {
    /** CPUID leaf 1, EDX. */
    static final List<String> EDX = List.of("fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
            "", "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", "", "dts", "acpi", "mmx",
            "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe");
    /** CPUID leaf 1, ECX. */
    static final List<String> ECX = List.of("pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
            "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", "", "pcid", "dca", "sse4_1", "sse4_2",
            "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", "osxsave", "avx", "f16c", "rdrand",
            "hypervisor");
    /** CPUID leaf 0x80000001, EDX (only the bits Linux names apart from leaf 1's). */
    static final List<String> EXT_EDX = List.of("", "", "", "", "", "", "", "", "", "", "", "syscall", "", "", "",
            "", "", "", "", "mp", "nx", "", "mmxext", "", "", "fxsr_opt", "pdpe1gb", "rdtscp", "", "lm",
            "3dnowext", "3dnow");
    /** CPUID leaf 0x80000001, ECX. */
    static final List<String> EXT_ECX = List.of("lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm",
            "sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", "", "lwp", "fma4", "tce",
            "", "nodeid_msr", "", "tbm", "topoext", "perfctr_core", "perfctr_nb", "", "bpext", "ptsc",
            "perfctr_llc", "mwaitx", "", "");

    private final Set<String> flags;

    CpuFeatures(Set<String> flags) {
        this.flags = Set.copyOf(flags);
    }

    /** The first processor's flags from a {@code /proc/cpuinfo} text, or empty if it has none (not x86). */
    static Optional<CpuFeatures> parse(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                Set<String> flags = new HashSet<>(List.of(line.substring(colon + 1).trim().split("\\s+")));
                return Optional.of(new CpuFeatures(flags));
            }
        }
        return Optional.empty();
    }

    static Optional<CpuFeatures> read(Path cpuinfo) throws IOException {
        return parse(Files.readString(cpuinfo));
    }

    /** Whether {@code bit} (0–31) of the register is set. */
    boolean has(boolean extended, boolean ecx, int bit) {
        List<String> names = extended ? (ecx ? EXT_ECX : EXT_EDX) : (ecx ? ECX : EDX);
        String name = names.get(bit);
        return !name.isEmpty() && flags.contains(name);
    }
}
