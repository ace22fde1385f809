package io.terrarium.application.build;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.conda.CondaChannel;
import io.terrarium.domain.model.conda.CondaPackage;
import io.terrarium.domain.model.conda.CondaPackageBuild;
import io.terrarium.infrastructure.persistence.CondaCatalogRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records the packages a build installed: channels, packages and package builds are created when new, then
 * linked to the build (replacing any earlier record, so a resumed job does not duplicate them).
 */
@ApplicationScoped
public class InstalledPackages {

    @Inject
    CondaCatalogRepository catalog;

    public void record(Build build, List<PackageRecord> installed) {
        Set<CondaPackageBuild> builds = new LinkedHashSet<>();
        // most records share one or two channels: look each up (or create it) once, not once per record
        Map<String, CondaChannel> channels = new HashMap<>();
        for (PackageRecord r : installed) {
            CondaChannel channel = channels.computeIfAbsent(channelName(r), catalog::channel);
            CondaPackage pkg = catalog.condaPackage(channel, r.name(), r.versionText());
            if (pkg.getLicense() == null && r.license() != null) {
                pkg.setLicense(r.license());
            }
            if (pkg.getLicenseFamily() == null && r.extra().get("license_family") instanceof String family) {
                pkg.setLicenseFamily(family);
            }
            if (pkg.getSummary() == null && r.extra().get("summary") instanceof String summary) {
                pkg.setSummary(summary);
            }
            CondaPackageBuild pb = catalog.findPackageBuild(pkg, r.subdir(), r.build(), r.buildNumber(), r.sha256())
                    .orElseGet(() -> {
                        CondaPackageBuild created =
                                new CondaPackageBuild(pkg, r.subdir(), r.build(), r.buildNumber(), r.sha256());
                        created.setMd5(r.md5());
                        created.setSize(Math.max(r.size(), 0));
                        created.setTimestamp(r.timestamp());
                        created.setDependsJson(Json.write(r.depends()));
                        created.setConstrainsJson(Json.write(r.constrains()));
                        catalog.add(created);
                        return created;
                    });
            builds.add(pb);
        }
        build.getPackageBuilds().clear();
        build.getPackageBuilds().addAll(builds);
    }

    /** The channel's canonical URL; records without one (a package from an explicit URL) are grouped by URL base. */
    static String channelName(PackageRecord r) {
        if (r.channel() != null && !r.channel().isBlank()) {
            return r.channel();
        }
        String url = r.url();
        if (url != null) {
            int fileSlash = url.lastIndexOf('/');
            int subdirSlash = fileSlash > 0 ? url.lastIndexOf('/', fileSlash - 1) : -1;
            if (subdirSlash > 0) {
                return url.substring(0, subdirSlash);
            }
        }
        return "unknown";
    }
}
