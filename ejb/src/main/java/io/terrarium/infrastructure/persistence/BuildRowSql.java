package io.terrarium.infrastructure.persistence;

/**
 * The two statements that keep a build to one writer, as portable SQL (PostgreSQL and H2 2.x): the fenced progress
 * update a chunk commits with its checkpoint, and the sweeper's claim of one build row that no other transaction
 * holds.
 */
public final class BuildRowSql {

    /**
     * Parameters: step, done, total, build id, attempt. Updates one row only while that attempt holds the running
     * build; an update count of 0 means the attempt was fenced out (taken over, canceled or deleted). Its row lock
     * lasts until the chunk commits, so a takeover waits for the chunk rather than the other way round.
     */
    public static final String FENCED_PROGRESS = "UPDATE build SET progress_step = ?, progress_done = ?, "
            + "progress_total = ? WHERE id = ? AND attempt = ? AND worker_id IS NOT NULL AND status = 'BUILDING' "
            + "AND deleted_on IS NULL";

    /**
     * Parameter: build id. Locks the row if no other transaction holds it and returns its id; returns nothing when
     * another worker's sweeper (or a running chunk) holds it, so sweepers never wait on each other.
     */
    public static final String CLAIM_UNLOCKED = "SELECT id FROM build WHERE id = ? FOR UPDATE SKIP LOCKED";

    private BuildRowSql() {}
}
