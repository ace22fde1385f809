package io.terrarium.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.infrastructure.messaging.MessageBroker;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every startup bean starts after the schema migration, directly or through the beans it depends on: a server
 * under load otherwise runs one first on an empty database and fails its deployment. The broker is the exception: it
 * holds no data in the database.
 */
class StartupOrderTest {

    private static final Set<Class<?>> WITHOUT_DATABASE = Set.of(MessageBroker.class, DatabaseMigration.class);

    @Test
    void everyStartupBeanWaitsForTheSchemaMigration() throws Exception {
        Map<String, Class<?>> startupBeans = new HashMap<>();
        for (Class<?> type : mainClasses()) {
            if (type.isAnnotationPresent(Startup.class)) {
                startupBeans.put(type.getSimpleName(), type);
            }
        }
        assertTrue(startupBeans.size() >= 8, "found the startup beans: " + startupBeans.keySet());
        List<String> unordered = new ArrayList<>();
        for (Class<?> bean : startupBeans.values()) {
            if (!WITHOUT_DATABASE.contains(bean) && !waitsForMigration(bean, startupBeans, 0)) {
                unordered.add(bean.getSimpleName());
            }
        }
        assertEquals(List.of(), unordered, "startup beans without @DependsOn(DatabaseMigration.NAME) on their path");
    }

    private static boolean waitsForMigration(Class<?> bean, Map<String, Class<?>> beans, int depth) {
        DependsOn dependsOn = bean.getAnnotation(DependsOn.class);
        if (dependsOn == null || depth > beans.size()) {
            return false;
        }
        for (String name : dependsOn.value()) {
            if (name.equals(DatabaseMigration.NAME)) {
                return true;
            }
            Class<?> other = beans.get(name);
            if (other != null && waitsForMigration(other, beans, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(DatabaseMigration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.contains("$") && !name.endsWith("package-info")) {
                    classes.add(Class.forName(name, false, StartupOrderTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
