package io.terrarium.conda.install;

/** What to do when a record writes a path another installed record owns. */
public enum ClobberPolicy {
    /** Report the clobber and let the later record win (conda's default {@code path_conflict: clobber}). */
    WARN,
    /** Refuse to link the record (conda's {@code path_conflict: prevent}); nothing of it is written. */
    ERROR
}
