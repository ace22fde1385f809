package io.terrarium.conda.install;

import java.util.List;

/** Raised under {@link ClobberPolicy#ERROR} when a record would overwrite files another installed record owns. */
public class ClobberException extends InstallException {
    private final List<ClobberWarning> clobbers;

    public ClobberException(String message, List<ClobberWarning> clobbers) {
        super(message);
        this.clobbers = List.copyOf(clobbers);
    }

    public List<ClobberWarning> clobbers() {
        return clobbers;
    }
}
