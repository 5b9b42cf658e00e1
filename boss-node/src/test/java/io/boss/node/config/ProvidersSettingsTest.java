package io.boss.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

/** Provider settings read from YAML as the agent reads its configuration file. */
class ProvidersSettingsTest {

    private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

    @Test
    void partialVmSettingsKeepTheirDefaults() throws Exception {
        ProvidersSettings settings = YAML.readValue("""
                vm: {kernel: /boot/vmlinuz}
                microvm: {kernel: /boot/vmlinuz, diskInitrd: /boot/initrd}
                namespaced: {enabled: false}
                """, ProvidersSettings.class);

        assertEquals(256, settings.getVm().getMemoryMb());
        assertEquals(128, settings.getMicrovm().getMemoryMb());
        assertEquals("/boot/initrd", settings.getMicrovm().getDiskInitrd());
        assertEquals("q35", settings.getMicrovm().getMachine());
        assertFalse(settings.getNamespaced().isEnabled());
        assertTrue(settings.getProcess().isEnabled());
    }
}
