package io.terrarium.infrastructure.batch;

import java.io.Serial;
import java.io.Serializable;

/**
 * Stand-in for JBatch's {@code com.ibm.jbatch.container.persistence.CheckpointData}, the serialized object in
 * {@code jbatchcheckpointdata.obj}: Java serialization matches classes by simple name and serialVersionUID, so the
 * repository rows can be read without the runtime's internal class (see {@link Checkpoints}).
 */
final class CheckpointData implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private long _jobInstanceId;
    private String _batchDataStreamName;
    private byte[] _restartToken;
    private String _stepName;

    byte[] restartToken() {
        return _restartToken;
    }
}
