package org.signet.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api-rest.md names exactly the REST operations the resources serve, each as `METHOD /signet/api/path`. */
class RestPathsDocumentedTest {

    private static final Pattern DOCUMENTED = Pattern.compile("`(GET|PUT|POST|DELETE) (/signet/api/[^`?\\[\\s]*)");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{(\\w+):\\s*([\\w|]+)}");

    static List<String> operations() {
        String base = "/signet" + SignetApi.class.getAnnotation(ApplicationPath.class).value();
        List<String> operations = new ArrayList<>();
        for (Class<?> resource : SignetApi.RESOURCES) {
            String root = join(base, resource.getAnnotation(Path.class).value());
            for (Method method : resource.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path path = method.getAnnotation(Path.class);
                        for (String expanded : expand(path == null ? root : join(root, path.value()))) {
                            operations.add(http.value() + " " + expanded);
                        }
                    }
                }
            }
        }
        return operations;
    }

    private static String join(String a, String b) {
        return a.replaceAll("/$", "") + "/" + b.replaceAll("^/", "");
    }

    /** "sign/{kind: pdf|file|xml}" is three paths as a caller writes them. */
    private static List<String> expand(String path) {
        Matcher m = ALTERNATIVES.matcher(path);
        if (!m.find()) {
            return List.of(path);
        }
        List<String> paths = new ArrayList<>();
        for (String alternative : m.group(2).split("\\|")) {
            paths.addAll(expand(path.substring(0, m.start()) + alternative + path.substring(m.end())));
        }
        return paths;
    }

    @Test
    void theResourcesServeWhatTheTestReads() {
        List<String> operations = operations();
        assertTrue(operations.contains("POST /signet/api/sign/pdf"), operations.toString());
        assertTrue(operations.contains("PUT /signet/api/admin/users/{name}"), operations.toString());
        assertTrue(operations.size() >= 30, operations.toString());
    }

    @Test
    void theManualNamesExactlyTheOperationsServed() throws IOException {
        TreeSet<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(java.nio.file.Path.of("../docs/api-rest.md")));
        while (m.find()) {
            documented.add(m.group(1) + " " + m.group(2));
        }
        TreeSet<String> served = new TreeSet<>(operations());
        TreeSet<String> missing = new TreeSet<>(served);
        missing.removeAll(documented);
        TreeSet<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(served);
        assertEquals(new TreeSet<>(), missing, "docs/api-rest.md lacks these operations");
        assertEquals(new TreeSet<>(), unknown, "docs/api-rest.md names operations no resource serves");
    }
}
