package org.signet.schema;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: a new cluster in a temporary folder, listening on a free port of loopback, from
 * the binaries of Debian's {@code postgresql} package ({@code ./signet test} installs it), removed when closed. Run
 * as root (as CI does), the server runs as the package's {@code postgres} user: PostgreSQL refuses to run as root.
 */
final class ThrowawayPostgreSql implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final List<String> asServerUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private ThrowawayPostgreSql(Path bin, Path dir, List<String> asServerUser, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asServerUser = asServerUser;
        this.port = port;
    }

    static ThrowawayPostgreSql start() throws Exception {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("signet-postgresql");
        List<String> asServerUser = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
            asServerUser = List.of("runuser", "-u", "postgres", "--");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ThrowawayPostgreSql server = new ThrowawayPostgreSql(bin, dir, asServerUser, port);
        server.run("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        server.run("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return server;
    }

    /** The JDBC URL of a new, empty database of this server. */
    String newDatabase() throws Exception {
        String name = "signet_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres")); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws Exception {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Debian keeps the server's programs out of the PATH, under /usr/lib/postgresql/<version>/bin: the newest. */
    private static Path binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                List<Path> found = versions.map(version -> version.resolve("bin"))
                        .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                        .sorted(Comparator.comparing((Path candidate) -> {
                            String version = candidate.getParent().getFileName().toString();
                            return version.matches("\\d+") ? Integer.parseInt(version) : 0;
                        })).toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            }
        }
        throw new IllegalStateException("PostgreSQL's server programs are needed for this test and were not found under "
                + debian + " (Debian: apt-get install postgresql; ./signet test installs it when run as root)");
    }

    private void run(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(asServerUser);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
