package io.terrarium.batch;

/** One item of a build's chunk steps (a conda package or a pip wheel): its position, which the checkpoint records. */
interface ChunkItem {

    /** @return the position in the step's list (0-based) */
    int index();

    /** @return the length of the step's list */
    int total();
}
