package org.signet.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The services' packages, read from the compiled classes: each may be understood without the ones above it. */
class PackageStructureTest {

    private static JavaClasses services;

    @BeforeAll
    static void read() {
        services = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.signet");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.signet.(*)..").should().beFreeOfCycles().check(services);
    }

    @Test
    void nothingLivesInTheRootPackage() {
        noClasses().should().resideInAPackage("org.signet").allowEmptyShould(true).check(services);
    }

    @Test
    void theModelDependsOnNoOtherSignetPackage() {
        classes().that().resideInAPackage("org.signet.model..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.signet..").or(resideInAPackage("org.signet.model..")))
                .check(services);
    }

    /** The API contract is the outermost layer: the services never see what callers see. */
    @Test
    void onlyTheFacesUseTheApiContract() {
        noClasses().that().resideOutsideOfPackage("org.signet.api..")
                .should().dependOnClassesThat().resideInAPackage("org.signet.api..").check(services);
    }

    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call: a scan of the deployment's jars per request. */
    @Test
    void everyModuleBuildsJsonThroughAProviderLookedUpOnce() throws IOException {
        Pattern lookup = Pattern.compile("\\bJson\\.create\\w*\\(");
        try (Stream<Path> files = Files.walk(Path.of("..").toAbsolutePath().normalize())) {
            List<Path> looking = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> lookup.matcher(read(f)).find()).toList();
            assertEquals(List.of(), looking);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
