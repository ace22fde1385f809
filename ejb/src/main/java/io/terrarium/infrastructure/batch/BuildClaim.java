package io.terrarium.infrastructure.batch;

import java.util.Objects;

/**
 * What a job execution gets when it claims a build: the plan, the attempt it now holds (its fencing token) and where
 * the previous attempt stopped (the chunk step and how many of its packages were committed), to say where it resumes.
 *
 * @param plan         the build's plan
 * @param attempt      the attempt this execution holds
 * @param resumeStep   chunk step the previous attempt committed packages of, or null
 * @param resumeDone   packages of that step committed
 * @param resumeTotal  packages of that step in all
 */
public record BuildClaim(BuildPlan plan, int attempt, String resumeStep, int resumeDone, int resumeTotal) {

    public BuildClaim {
        Objects.requireNonNull(plan, "plan");
    }
}
