package io.terrarium.batch;

import io.terrarium.conda.types.PackageRecord;

/**
 * One package of a build as a chunk item.
 *
 * @param index  position in the locked record list (0-based)
 * @param total  number of locked records
 * @param record the record
 */
record PackageItem(int index, int total, PackageRecord record) implements ChunkItem {

    String label() {
        return "[" + (index + 1) + "/" + total + "] " + record.name() + "-" + record.version() + "-" + record.build();
    }
}
