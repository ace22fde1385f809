package io.terrarium.application.build;

import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.view.WorkerView;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.worker.LeaseRules;
import io.terrarium.infrastructure.worker.Worker;
import io.terrarium.infrastructure.worker.WorkerSettings;
import io.terrarium.infrastructure.worker.WorkerStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/** Reads the workers of the cluster for the API: the live ones and those lost within the last hour. */
@Stateless
public class WorkerQueryService {

    private static final Duration SHOW_LOST_FOR = Duration.ofHours(1);

    @EJB
    private WorkerStore workers;

    @Inject
    private BuildRepository builds;

    @Inject
    private AuthorizationService authorization;

    /**
     * Only for a caller who may read every environment ({@code environment::read} on the global ARN {@code ""},
     * which only a {@code *}/{@code *} binding grants): the list names the running builds of every namespace and
     * the hosts, ports and process ids of the cluster, which a caller limited to some namespaces must not learn.
     * conda-store has no such route (its Celery status route is open); this is Terrarium's own.
     */
    public List<WorkerView> list() {
        authorization.require(Permission.ENVIRONMENT_READ, "");
        LocalDateTime now = Timestamps.now();
        LeaseRules rules = WorkerSettings.leaseRules();
        return workers.seenSince(now.minus(SHOW_LOST_FOR)).stream()
                .map(w -> view(w, rules, now))
                .toList();
    }

    private WorkerView view(Worker w, LeaseRules rules, LocalDateTime now) {
        return new WorkerView(
                w.getId(),
                w.getName(),
                w.getHost(),
                w.getPid(),
                w.getPort(),
                w.getRoles(),
                w.getCapacity(),
                w.getStartedOn(),
                w.getLastHeartbeat(),
                rules.alive(w.getLastHeartbeat(), w.getStoppedOn(), now),
                builds.buildingOn(w.getId()));
    }
}
