package org.signet.client;

import jakarta.activation.DataHandler;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.client.soap.admin.Administration;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.signet.client.SignetCli.REFUSED;

/**
 * One command of {@code signet}: it reads its options, calls Signet, prints one line per result on {@code out} and
 * answers an exit code; what goes wrong it throws ({@link UsageException}, SOAP faults), and {@link SignetCli} turns
 * that into one line on {@code err} and the matching code.
 */
abstract class Command {

    protected final PrintStream out;
    protected final PrintStream err;
    protected final Map<String, String> env;

    Command(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** @param args the command line as given (a sub-command is args[1]); @param o its options */
    abstract int run(String[] args, Map<String, String> o) throws SignetFault;

    /** An individual card's PIN: from --pin-file, or typed at --ask-pin; never an option value, which ps would show. */
    static char[] pin(Map<String, String> o, String prompt) {
        return secret(o, "pin-file", "ask-pin", prompt);
    }

    /** A secret from the file named by {@code fileOption} (its first line), or typed when {@code askFlag} is given; else null. */
    static char[] secret(Map<String, String> o, String fileOption, String askFlag, String prompt) {
        if (o.containsKey(fileOption)) {
            try {
                String text = Files.readString(Path.of(o.get(fileOption)), StandardCharsets.UTF_8);
                return text.replaceAll("[\\r\\n]+$", "").toCharArray();
            } catch (IOException e) {
                throw new UsageException("cannot read --" + fileOption + " " + o.get(fileOption) + ": " + e.getMessage());
            }
        }
        if (o.containsKey(askFlag)) {
            Console console = System.console();
            if (console == null) {
                throw new UsageException("--" + askFlag + " needs a terminal; use --" + fileOption + " FILE in scripts");
            }
            return console.readPassword("%s: ", prompt);
        }
        return null;
    }

    int refused(org.signet.client.soap.admin.SignetFault e) {
        err.println("signet: refused (" + e.getFaultInfo().getCode() + "): " + e.getMessage());
        return REFUSED;
    }

    Signing connect(Map<String, String> o) {
        int timeout;
        try {
            timeout = Integer.parseInt(o.getOrDefault("timeout", "300"));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes seconds, not '" + o.get("timeout") + "'");
        }
        return SignetClient.connect(ClientSettings.resolve(o, env), timeout);
    }

    /** Written next to the target and renamed when complete: a failed download never leaves a half-written file. */
    static void write(DataHandler content, Path output) {
        Path target = output.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".part");
        try (InputStream in = content.getInputStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
    }

    static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    static Path input(String name) {
        if (name == null) {
            throw new UsageException("--in is required");
        }
        Path path = Path.of(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException("cannot read " + name);
        }
        return path;
    }

    static Path sibling(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    Administration administration(Map<String, String> o) {
        return SignetClient.administration(ClientSettings.resolve(o, env), 60);
    }
}
