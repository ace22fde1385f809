package io.terrarium.conda.solve;

import java.util.Arrays;

/** A growable list of primitive ints, so that the solver core does not box. */
final class IntVec {
    int[] data;
    int size;

    IntVec() {
        this(16);
    }

    IntVec(int capacity) {
        data = new int[Math.max(capacity, 4)];
    }

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    int get(int i) {
        return data[i];
    }

    void set(int i, int v) {
        data[i] = v;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void shrink(int newSize) {
        size = newSize;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
