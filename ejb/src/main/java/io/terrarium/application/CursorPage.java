package io.terrarium.application;

import java.util.List;

/**
 * One page of a cursor-paginated list (API v2): the items, the cursor that fetches the next page and the total
 * number of matches.
 */
public record CursorPage<T>(List<T> items, String cursor, long count) {}
