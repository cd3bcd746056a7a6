package org.signet.hotfolder;

import org.signet.config.SignetConfiguration;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Hot folders set in the server configuration, next to those added at run time:
 * {@code signet.hotfolders=scans,invoices} names them, and {@code signet.hotfolder.<name>.<option>} sets each one's
 * options: {@code root}, {@code out}, {@code error} (absolute paths), {@code format}, {@code seal}, {@code run-as}
 * (all required), {@code level}, {@code cards}, {@code stamp}, {@code approval}, {@code ready}, {@code filter},
 * {@code keep-originals}, {@code archive}, {@code keep-documents}; or, for a root whose documents each start a
 * workflow, {@code workflow} (a template's name) in place of {@code seal}, {@code format} and {@code level}. What can be checked without the database is checked here, naming the property; the seal
 * and the run-as user are checked when Signet applies the folders at start-up.
 */
public final class HotFolderSettings {

    public static final String NAMES = "signet.hotfolders";
    public static final String PREFIX = "signet.hotfolder.";

    private HotFolderSettings() { }

    public static List<HotFolderSpec> from(UnaryOperator<String> properties) {
        String names = properties.apply(NAMES);
        if (names == null || names.isBlank()) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<HotFolderSpec> folders = new ArrayList<>();
        for (String part : names.split(",")) {
            String name = part.strip();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new SignetConfiguration.InvalidConfigurationException(NAMES, names, "holds '" + name
                        + "', which is not a hot folder name (letters, digits, . _ -, at most 64)");
            }
            if (!seen.add(name)) {
                throw new SignetConfiguration.InvalidConfigurationException(NAMES, names, "names '" + name + "' twice");
            }
            folders.add(folder(name, option -> properties.apply(PREFIX + name + "." + option)));
        }
        return List.copyOf(folders);
    }

    private static HotFolderSpec folder(String name, UnaryOperator<String> option) {
        String workflow = option.apply("workflow");
        if (workflow != null && !workflow.isBlank()) {
            for (String signing : List.of("seal", "format", "level", "cards", "stamp")) {
                if (option.apply(signing) != null) {
                    throw new SignetConfiguration.InvalidConfigurationException(PREFIX + name + "." + signing, option.apply(signing),
                            "is set for a hot folder whose documents start workflow '" + workflow.strip()
                            + "'; its template's signers sign, the folder signs nothing itself");
                }
            }
            return new HotFolderSpec(name, path(name, option, "root"), path(name, option, "out"), path(name, option, "error"),
                    null, null, null, required(name, option, "run-as"), null, null, option.apply("approval"), option.apply("ready"),
                    option.apply("filter"), SignetConfiguration.bool(PREFIX + name + ".keep-originals", option.apply("keep-originals"), false),
                    null, null, workflow.strip());
        }
        String format = required(name, option, "format");
        try {
            SignatureFormat.parseForDocuments(format);
            if (option.apply("level") != null) {
                SignatureLevel.parse(option.apply("level"));
            }
        } catch (SignetException e) {
            throw new SignetConfiguration.InvalidConfigurationException(PREFIX + name + ".format/.level", null, e.getMessage());
        }
        return new HotFolderSpec(name, path(name, option, "root"), path(name, option, "out"), path(name, option, "error"),
                format, option.apply("level"), required(name, option, "seal"), required(name, option, "run-as"), option.apply("cards"),
                option.apply("stamp"), option.apply("approval"), option.apply("ready"), option.apply("filter"),
                SignetConfiguration.bool(PREFIX + name + ".keep-originals", option.apply("keep-originals"), false),
                SignetConfiguration.bool(PREFIX + name + ".archive", option.apply("archive"), true),
                SignetConfiguration.bool(PREFIX + name + ".keep-documents", option.apply("keep-documents"), false), null);
    }

    private static String required(String name, UnaryOperator<String> option, String key) {
        String value = option.apply(key);
        if (value == null || value.isBlank()) {
            throw new SignetConfiguration.InvalidConfigurationException(PREFIX + name + "." + key, null,
                    "is not set; a configured hot folder needs root, out, error, run-as, and format and seal (or workflow)");
        }
        return value.strip();
    }

    private static String path(String name, UnaryOperator<String> option, String key) {
        String value = required(name, option, key);
        if (!Path.of(value).isAbsolute()) {
            throw new SignetConfiguration.InvalidConfigurationException(PREFIX + name + "." + key, value, "is not an absolute path");
        }
        return value;
    }
}
