package io.terrarium.application;

import java.util.List;
import java.util.function.Function;

/**
 * One page of results with the total count before paging, as conda-store's paginated responses report it.
 */
public record Page<T>(List<T> items, int page, int size, long count) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, count);
    }
}
