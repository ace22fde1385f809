package io.terrarium.conda.pip.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.WheelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core metadata from text and from a fixture wheel. */
class CoreMetadataTest {
    @Test
    void readsTheFieldsResolvingNeeds() {
        String text = "Metadata-Version: 2.1\r\nName: Pkg_A\r\nVersion: 1.3\r\nSummary: x\r\nLicense: MIT\r\n"
                + "        continued license text\r\nRequires-Python: >=3.8\r\nProvides-Extra: Fast_Mode\r\n"
                + "Requires-Dist: pkg-c (>=2)\r\nRequires-Dist: numba; extra == 'fast-mode'\r\n"
                + "\r\nRequires-Dist: not-a-header-this-is-the-body\r\n";
        CoreMetadata md = CoreMetadata.parse(text.getBytes(StandardCharsets.UTF_8), "pkg-a 1.3");
        assertEquals("pkg-a", md.name().normalized());
        assertEquals("1.3", md.version().toString());
        assertEquals(">=3.8", md.requiresPython().toString());
        assertEquals(Set.of("fast-mode"), md.providesExtra());
        assertEquals(2, md.requiresDist().size());
        assertEquals(">=2", md.requiresDist().get(0).specifiers().toString());
        assertTrue(md.requiresDist().get(1).marker().mentionsExtra());
    }

    @Test
    void namesTheSourceOfBadMetadata() {
        InvalidMetadataException e = assertThrows(
                InvalidMetadataException.class,
                () -> CoreMetadata.parse(
                        "Name: x\nVersion: 1\nRequires-Dist: y>=>1\n".getBytes(StandardCharsets.UTF_8), "x-1.whl"));
        assertTrue(e.getMessage().contains("x-1.whl") && e.getMessage().contains("y>=>1"), e.getMessage());
        assertThrows(
                InvalidMetadataException.class,
                () -> CoreMetadata.parse("Name: x\n".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void readsMetadataFromAWheel(@TempDir Path dir) throws Exception {
        Path whl = WheelBuilder.wheel("pkg-b", "2.0")
                .requiresDist("pkg-c; python_version < '3'")
                .requiresPython(">=3.7")
                .file("pkg_b/__init__.py", "")
                .writeTo(dir);
        CoreMetadata md = WheelMetadataReader.read(whl);
        assertEquals("pkg-b", md.name().normalized());
        assertEquals("2.0", md.version().toString());
        assertEquals(1, md.requiresDist().size());
        assertEquals(">=3.7", md.requiresPython().toString());
    }
}
