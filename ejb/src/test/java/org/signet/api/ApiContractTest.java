package org.signet.api;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What callers see is written down in {@code contract.txt}: each request and answer with its members, in order.
 * Renaming or dropping a member fails here instead of silently changing the API; a deliberate change updates the
 * file, docs/api-rest.md and the CHANGELOG together.
 */
class ApiContractTest {

    private static final Set<Class<?>> WIRE_VALUES = Set.of(String.class, Instant.class, boolean.class, Boolean.class, int.class,
            Integer.class, long.class, Long.class, float.class, double.class, Double.class);

    private static List<Class<?>> records() {
        List<Class<?>> records = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.signet.api")) {
            Class<?> type = c.reflect();
            if (type.isRecord()) {
                records.add(type);
            }
        }
        records.sort(Comparator.comparing(Class::getName));
        return records;
    }

    @Test
    void theContractIsTheOneWrittenDown() throws IOException {
        StringBuilder actual = new StringBuilder();
        for (Class<?> record : records()) {
            actual.append(record.getName().substring("org.signet.api.".length()).replace('$', '.')).append(':');
            for (RecordComponent c : record.getRecordComponents()) {
                actual.append(' ').append(c.getName());
            }
            actual.append('\n');
        }
        String written;
        try (InputStream in = ApiContractTest.class.getResourceAsStream("contract.txt")) {
            written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(written, actual.toString(), "the API changed; if that is meant, contract.txt becomes:\n" + actual);
    }

    @Test
    void membersAreWireValuesOrOtherContractTypes() {
        List<Class<?>> records = records();
        assertTrue(records.size() > 10, "the contract types were not found: " + records);
        List<String> leaks = new ArrayList<>();
        for (Class<?> record : records) {
            for (RecordComponent c : record.getRecordComponents()) {
                if (!wireSafe(c.getGenericType())) {
                    leaks.add(record.getSimpleName() + "." + c.getName() + ": " + c.getGenericType().getTypeName());
                }
            }
        }
        assertEquals(List.of(), leaks, "a domain type would reach callers");
    }

    private static boolean wireSafe(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
            return wireSafe(p.getActualTypeArguments()[0]);
        }
        return type instanceof Class<?> c && (WIRE_VALUES.contains(c) || c.getPackageName().equals("org.signet.api"));
    }
}
