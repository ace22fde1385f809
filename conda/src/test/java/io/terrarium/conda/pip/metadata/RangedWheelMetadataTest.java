package io.terrarium.conda.pip.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** METADATA read from a remote wheel with range requests, against a loopback server that serves ranges or not. */
class RangedWheelMetadataTest {
    @TempDir
    Path tmp;

    @Test
    void readsOnlyTheTailAndTheMetadataMember() throws Exception {
        StringBuilder big = new StringBuilder();
        Random random = new Random(1);
        for (int i = 0; i < 60_000; i++) {
            big.append(Integer.toHexString(random.nextInt()));
        }
        WheelBuilder w = WheelBuilder.wheel("pkg-big", "3.1")
                .requiresDist("pkg-c>=1")
                .requiresPython(">=3.9")
                .file("pkg_big/blob.py", "DATA = '" + big + "'\n")
                .file("pkg_big/__init__.py", "");
        try (LoopbackIndex index = new LoopbackIndex()) {
            index.add("pkg-big", w, tmp);
            long size = Files.size(tmp.resolve(w.fileName()));
            assertTrue(size > 200_000, "a wheel larger than the tail read: " + size);
            HttpSource http = new HttpSource(IndexConfig.pypi(null));
            String url = "http://127.0.0.1:" + index.port() + "/files/" + w.fileName();

            assertNull(RangedWheelMetadata.read(http, url), "a server that ignores ranges gives null");
            index.supportRanges(true);
            int before = index.bytesServed("/files/" + w.fileName());
            byte[] md = RangedWheelMetadata.read(http, url);
            assertEquals(w.metadata(), new String(md, StandardCharsets.UTF_8));
            int ranged = index.bytesServed("/files/" + w.fileName()) - before;
            assertTrue(ranged < size / 2, "ranges fetched " + ranged + " of " + size + " bytes");
            CoreMetadata parsed = CoreMetadata.parse(md, w.fileName());
            assertEquals("pkg-big", parsed.name().normalized());
            assertEquals(">=3.9", parsed.requiresPython().toString());
        }
    }

    @Test
    void readsSmallWheelsWhoseCentralDirectoryIsInTheTail() throws Exception {
        WheelBuilder w = WheelBuilder.wheel("pkg-small", "1.0")
                .requiresDist("x; extra == 'y'")
                .providesExtra("y")
                .file("pkg_small.py", "");
        try (LoopbackIndex index = new LoopbackIndex()) {
            index.add("pkg-small", w, tmp);
            index.supportRanges(true);
            byte[] md = RangedWheelMetadata.read(
                    new HttpSource(IndexConfig.pypi(null)),
                    "http://127.0.0.1:" + index.port() + "/files/" + w.fileName());
            assertEquals(w.metadata(), new String(md, StandardCharsets.UTF_8));
        }
    }
}
