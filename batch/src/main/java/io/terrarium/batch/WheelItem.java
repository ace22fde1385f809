package io.terrarium.batch;

import io.terrarium.conda.pip.resolve.PinnedWheel;

/**
 * One pip wheel of a build as a chunk item.
 *
 * @param index position in the locked wheel list (0-based)
 * @param total number of locked wheels
 * @param wheel the wheel
 */
record WheelItem(int index, int total, PinnedWheel wheel) implements ChunkItem {

    String label() {
        return "[" + (index + 1) + "/" + total + "] " + wheel.filename();
    }
}
