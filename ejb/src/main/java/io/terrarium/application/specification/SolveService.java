package io.terrarium.application.specification;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.application.settings.SettingKey;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.SolveOutcome;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepodataException;
import io.terrarium.conda.solve.MemoryBudget;
import io.terrarium.conda.solve.SolveException;
import io.terrarium.conda.types.Platform;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
import io.terrarium.domain.model.specification.InvalidSpecificationException;
import io.terrarium.infrastructure.config.ChannelResolver;
import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/v1/specification/}: solves conda specs over channels synchronously, with conda-store's rules for
 * the namespace {@code solve} (default and allowed channels, included packages), bounded by
 * {@code conda_max_solve_time}; nothing is stored.
 */
@ApplicationScoped
public class SolveService {

    /** conda-store validates solve-only requests as this environment in this namespace. */
    static final String NAMESPACE = "solve";

    static final String NAME = "conda-store-solve";

    @Inject
    SettingsService settings;

    @Inject
    ChannelResolver channels;

    @Inject
    ChannelAccess channelAccess;

    @Inject
    TerrariumConfig config;

    @Inject
    AuthorizationService authorization;

    @Resource
    ManagedExecutorService executor;

    private volatile CondaEngine engine;

    /**
     * conda-store checks nothing here; Terrarium asks for {@code environment::solve} on
     * {@code <primary namespace>/conda-store-solve}, because a solve holds a worker thread and up to its memory
     * budget for as long as {@code conda_max_solve_time}: every authenticated caller has it (each is admin of its
     * primary namespace), an anonymous caller (a viewer of the default namespace) does not.
     */
    private void requireSolvePermission() {
        String primary =
                authorization.primaryNamespaceOr(settings.effective(null, null).defaultNamespace());
        authorization.require(Permission.ENVIRONMENT_SOLVE, AuthorizationService.arn(primary, NAME));
    }

    /**
     * @return the solve, with the channels as resolved URLs
     * @throws RequestRejectedException INVALID for pip entries (not solved yet), a spec the rules refuse, an
     *                                  unsatisfiable request or a solve that outlasts {@code conda_max_solve_time}
     */
    public SolveOutcome solve(List<String> channelNames, List<String> conda, List<String> pip) {
        requireSolvePermission();
        if (!pip.isEmpty()) {
            throw RequestRejectedException.invalid(
                    "pip dependencies cannot be solved yet: " + pip + "; remove them from the request");
        }
        EffectiveSettings effective = settings.effective(NAMESPACE, NAME);
        EnvironmentSpecification spec;
        try {
            spec = new SpecificationPolicy(effective, channels::resolve)
                    .apply(new EnvironmentSpecification(NAME, "", channelNames, conda, null, null, null));
        } catch (InvalidSpecificationException e) {
            throw RequestRejectedException.invalid(e.getMessage());
        }
        channelAccess.requireUsable(spec.channels());
        if (spec.condaDependencies().isEmpty()) {
            throw RequestRejectedException.invalid("no conda package given (query parameter 'conda')");
        }
        String alias = effective.string(SettingKey.CONDA_CHANNEL_ALIAS);
        List<String> urls =
                spec.channels().stream().map(c -> channels.resolve(c, alias)).toList();
        long seconds = Math.max(1, effective.number(SettingKey.CONDA_MAX_SOLVE_TIME));
        Future<SolveOutcome> solving = executor.submit(
                () -> engine().solve(spec.condaDependencies(), urls, Platform.parse(config.platform()), List.of()));
        try {
            return solving.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // the solver stops at its next search step once interrupted
            solving.cancel(true);
            throw RequestRejectedException.invalid(
                    "the solve did not finish within conda_max_solve_time (" + seconds + " s)");
        } catch (InterruptedException e) {
            solving.cancel(true);
            Thread.currentThread().interrupt();
            throw RequestRejectedException.invalid("the solve was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SolveException
                    || cause instanceof RepodataException
                    || cause instanceof IllegalArgumentException) {
                throw RequestRejectedException.invalid(cause.getMessage());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("solve failed: " + cause, cause);
        }
    }

    private CondaEngine engine() {
        CondaEngine e = engine;
        if (e == null) {
            ChannelConfig channelConfig = ChannelConfig.defaults()
                    .withChannelAlias(config.channelAlias())
                    .withCacheDir(config.storeDir().resolve("cache").resolve("repodata"))
                    .withRepodataLimits(config.repodataMaxDownloadBytes(), config.repodataMaxDecompressedBytes());
            try {
                e = new CondaEngine(
                        channelConfig,
                        new PackageCache(config.packageCacheDir()),
                        InstallOptions.defaults(),
                        MemoryBudget.megabytes(config.solveMemoryBudgetMb()));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            engine = e;
        }
        return e;
    }
}
