package io.terrarium.infrastructure.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointsTest {

    /** The row {@code 1,fetch,READER} of jbatchcheckpointdata as Payara Micro 6.2025.10 wrote it after 2 packages. */
    private static final String FETCH_READER_AFTER_TWO =
            "rO0ABXNyADNjb20uaWJtLmpiYXRjaC5jb250YWluZXIucGVyc2lzdGVuY2UuQ2hlY2twb2ludERhdGEAAAAAAAAAAQIABEoA"
                    + "Dl9qb2JJbnN0YW5jZUlkTAAUX2JhdGNoRGF0YVN0cmVhbU5hbWV0ABJMamF2YS9sYW5nL1N0cmluZztbAA1fcmVzdGFydFRv"
                    + "a2VudAACW0JMAAlfc3RlcE5hbWVxAH4AAXhwAAAAAAAAAAF0AAZSRUFERVJ1cgACW0Ks8xf4BghU4AIAAHhwAAAAUaztAAVz"
                    + "cgARamF2YS5sYW5nLkludGVnZXIS4qCk94GHOAIAAUkABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhw"
                    + "AAAAAnQABWZldGNo";

    @Test
    void theReaderCheckpointIsTheNextPackageIndex() {
        assertEquals(
                Optional.of(2), Checkpoints.readerCheckpoint(Base64.getDecoder().decode(FETCH_READER_AFTER_TWO)));
    }

    /** The checkpointdata of step fetch in wlpstepthreadinstance as Open Liberty 26.0.0.3 wrote it after 2 packages. */
    private static final String LIBERTY_FETCH_AFTER_TWO = "aced0005737200116a6176612e6c616e672e496e746567657212e2a0a4f7"
            + "81873802000149000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b020000787000000002"
            + "70";

    @Test
    void libertysCheckpointIsTheReaderCheckpointFollowedByTheWriters() {
        assertEquals(
                Optional.of(2), Checkpoints.firstObjectInteger(HexFormat.of().parseHex(LIBERTY_FETCH_AFTER_TWO)));
        assertEquals(Optional.empty(), Checkpoints.firstObjectInteger(new byte[] {1, 2, 3}));
        assertEquals(Optional.empty(), Checkpoints.firstObjectInteger(null));
    }

    @Test
    void anythingElseIsNoCheckpoint() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(java.util.List.of(1)));
        }
        assertEquals(Optional.empty(), Checkpoints.readerCheckpoint(bytes.toByteArray()));
        assertEquals(Optional.empty(), Checkpoints.readerCheckpoint(new byte[] {1, 2, 3}));
        assertEquals(Optional.empty(), Checkpoints.readerCheckpoint(null));
    }
}
