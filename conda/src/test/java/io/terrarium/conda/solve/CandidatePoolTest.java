package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** Which candidates the search may treat as interchangeable ({@link CandidatePool#siblings}). */
class CandidatePoolTest {

    private static String versions(CandidatePool pool, int[] vars) {
        return String.join(
                " ",
                Arrays.stream(vars).mapToObj(v -> pool.record(v).versionText()).toList());
    }

    @Test
    void siblingsShareTheirDependenciesAndEverySpecSeenSoFar() {
        TestRepo repo = new TestRepo();
        for (int i = 0; i < 5; i++) {
            repo.add("lib", "2.0." + i);
        }
        repo.add("lib", "1.0", "dep"); // other depends: never a sibling of the 2.0 builds
        repo.add("dep", "1.0");
        CandidatePool pool = new CandidatePool(repo.request("lib").build(), new HashMap<>());
        int[] all = pool.candidates(pool.nameId("lib"));
        assertEquals("2.0.4 2.0.3 2.0.2 2.0.1 2.0.0 1.0", versions(pool, all));
        assertEquals("2.0.3 2.0.2 2.0.1 2.0.0", versions(pool, pool.siblings(all[0])));
        assertArrayEquals(new int[0], pool.siblings(all[5]));

        pool.matchingDependency("lib >=2.0.2");
        assertEquals("2.0.3 2.0.2", versions(pool, pool.siblings(all[0])));
        assertEquals("2.0.0", versions(pool, pool.siblings(all[3])));

        pool.matchingDependency("lib !=2.0.3");
        assertEquals("2.0.2", versions(pool, pool.siblings(all[0])));
        assertArrayEquals(new int[0], pool.siblings(all[1]));

        pool.matchingDependency("lib"); // accepts all: tells nothing apart
        assertEquals("2.0.2", versions(pool, pool.siblings(all[0])));
    }
}
