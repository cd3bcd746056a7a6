package org.signet.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.signet.model.SignetException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Completes the OpenAPI document WildFly derives from the resources (served at /openapi): the title, HTTP Basic as
 * the one scheme, and on every operation the refusals it can answer, as {@link Problem} bodies whose {@code error} is
 * one of {@link SignetException.Kind}.
 */
public class OpenApiDocument implements OASFilter {

    static final String PROBLEM = "Problem";

    /** The kinds of refusal by HTTP status, as every face answers them. */
    private static final Map<Integer, List<String>> KINDS = Arrays.stream(SignetException.Kind.values())
            .collect(Collectors.groupingBy(SignetException.Kind::httpStatus, TreeMap::new,
                    Collectors.mapping(Enum::name, Collectors.toList())));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setInfo(OASFactory.createInfo().title("Signet REST API").version("1")
                .description("Signing, sealing, verification and administration. Every operation needs HTTP Basic credentials; "
                        + "refusals answer a Problem whose error names the kind."));
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        components.addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .enumeration(Arrays.stream(SignetException.Kind.values()).map(k -> (Object) k.name()).toList()))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("error", "message")));
        components.addSecurityScheme("basic", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
        api.setComponents(components);
        api.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("basic")));
    }

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        KINDS.forEach((status, kinds) -> responses.addAPIResponse(String.valueOf(status), OASFactory.createAPIResponse()
                .description(String.join(", ", kinds))
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))))));
        operation.setResponses(responses);
        return operation;
    }
}
